package cache

import (
	"errors"
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// FromPrimary builds an Index from a primary.xml stream (gzip, xz, zstd or plain). The
// work is spread over the cores: decompression runs ahead in its own goroutine, chunks of
// the document are tokenized in parallel (repomd.ReadPrimaryParallel), and this goroutine
// interns the strings and appends the records. A document that cannot be cut into chunks
// is read again sequentially when r can seek (files can). key is recorded in the index
// (the repomd.xml checksum by convention).
func FromPrimary(r io.Reader, key string) (*Index, error) {
	x, err := fromPrimary(r, key, true)
	if errors.Is(err, repomd.ErrNotSplittable) {
		if s, ok := r.(io.Seeker); ok {
			if _, serr := s.Seek(0, io.SeekStart); serr == nil {
				return fromPrimary(r, key, false)
			}
		}
	}
	return x, err
}

func fromPrimary(r io.Reader, key string, parallel bool) (*Index, error) {
	rc, _, err := repomd.Decompress(r, repomd.DefaultLimit)
	if err != nil {
		return nil, err
	}
	ar := newAheadReader(rc)
	defer ar.Close()
	b := NewBuilder()
	n := 0
	count := -1
	if parallel {
		count, err = repomd.ReadPrimaryParallel(ar, repomd.PrimaryOptions{Lean: true, OnCount: b.Reserve}, func(p *repomd.Package) error {
			b.Add(p)
			n++
			return nil
		})
	} else {
		var pr *repomd.PrimaryReader
		if pr, err = repomd.NewPrimaryReader(ar, b.Intern); err == nil {
			pr.Lean, pr.Reuse, count = true, true, pr.Count
			b.Reserve(count)
			for {
				var p *repomd.Package
				if p, err = pr.Next(); err != nil {
					break
				}
				b.Add(p)
				n++
			}
			if err == io.EOF {
				err = nil
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if count >= 0 && count != n {
		return nil, fmt.Errorf("primary.xml: packages=%d but %d packages listed", count, n)
	}
	return b.Index(key)
}

// aheadReader reads its source in a goroutine, a few blocks ahead of the consumer.
type aheadReader struct {
	src  io.ReadCloser
	full chan block
	free chan []byte
	done chan struct{}
	cur  []byte
	buf  []byte
	err  error
}

type block struct {
	data []byte
	err  error
}

const (
	aheadBlock = 256 << 10
	aheadDepth = 4
)

func newAheadReader(src io.ReadCloser) *aheadReader {
	a := &aheadReader{src: src, full: make(chan block, aheadDepth), free: make(chan []byte, aheadDepth+1), done: make(chan struct{})}
	for range aheadDepth + 1 {
		a.free <- make([]byte, aheadBlock)
	}
	go a.run()
	return a
}

func (a *aheadReader) run() {
	defer close(a.full)
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.done:
			return
		}
		n, err := io.ReadFull(a.src, buf)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		select {
		case a.full <- block{buf[:n], err}:
		case <-a.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.err != nil {
			return 0, a.err
		}
		if a.buf != nil {
			a.free <- a.buf[:cap(a.buf)]
			a.buf = nil
		}
		b, ok := <-a.full
		if !ok {
			a.err = io.EOF
			return 0, a.err
		}
		a.buf, a.cur, a.err = b.data, b.data, b.err
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

// Close stops the goroutine and closes the source.
func (a *aheadReader) Close() error {
	select {
	case <-a.done:
	default:
		close(a.done)
	}
	for range a.full {
	}
	return a.src.Close()
}
