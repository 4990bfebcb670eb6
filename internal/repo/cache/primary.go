package cache

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// FromPrimary builds an Index from a primary.xml stream (gzip, xz, zstd or plain). The
// work is spread over the cores: decompression runs ahead in its own goroutine, chunks of
// the document are tokenized in parallel (repomd.ReadPrimaryParallel), and this goroutine
// interns the strings and appends the records. A document that cannot be cut into chunks
// is read again sequentially when r can seek (files can). key is recorded in the index
// (the repomd.xml checksum by convention).
func FromPrimary(r io.Reader, key string) (*Index, error) {
	var x *Index
	err := withPrimary(r, NewBuilder, func(b *Builder) (err error) {
		x, err = b.Index(key)
		return err
	})
	return x, err
}

// WritePrimary builds the index of a primary.xml stream, as FromPrimary does, straight
// into the index file at path (written atomically), holding only the string pool in
// memory: the records go through temporary files beside path (NewFileBuilder). The
// packages' license, URL and description go to the text file beside it (TextPath).
func WritePrimary(r io.Reader, key, path string) error {
	dir := filepath.Dir(path)
	var berr error
	newB := func() *Builder {
		b, err := NewFileBuilder(dir)
		if err != nil {
			berr = err
			return nil
		}
		return b
	}
	err := withPrimary(r, newB, func(b *Builder) error { return b.WriteFile(path, key) })
	if berr != nil {
		return berr
	}
	return err
}

// withPrimary parses primary.xml into a Builder from newB and hands it to finish; a
// document that cannot be cut into chunks is read again sequentially when r can seek.
func withPrimary(r io.Reader, newB func() *Builder, finish func(*Builder) error) error {
	b := newB()
	if b == nil {
		return nil
	}
	err := fromPrimary(r, b, true)
	if errors.Is(err, repomd.ErrNotSplittable) {
		if s, ok := r.(io.Seeker); ok {
			if _, serr := s.Seek(0, io.SeekStart); serr == nil {
				b.Close()
				if b = newB(); b == nil {
					return nil
				}
				err = fromPrimary(r, b, false)
			}
		}
	}
	if err != nil {
		b.Close()
		return err
	}
	return finish(b)
}

func fromPrimary(r io.Reader, b *Builder, parallel bool) error {
	rc, _, err := repomd.Decompress(r, repomd.DefaultLimit)
	if err != nil {
		return err
	}
	ar := newAheadReader(rc)
	defer ar.Close()
	n := 0
	count := -1
	if parallel {
		count, err = repomd.ReadPrimaryParallel(ar, repomd.PrimaryOptions{Lean: true, Text: b.text != nil, OnCount: b.Reserve}, func(p *repomd.Package) error {
			b.Add(p)
			n++
			return nil
		})
	} else {
		var pr *repomd.PrimaryReader
		if pr, err = repomd.NewPrimaryReader(ar, b.Intern); err == nil {
			pr.Lean, pr.Text, pr.Reuse, count = true, b.text != nil, true, pr.Count
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
		return err
	}
	if count >= 0 && count != n {
		return fmt.Errorf("primary.xml: packages=%d but %d packages listed", count, n)
	}
	return nil
}

// aheadReader reads its source in a goroutine, a few blocks ahead of the consumer. The
// first block is read on the consumer's goroutine, at its first Read, and the goroutine
// starts only when the source goes on past it: a small repository's primary.xml (one
// block) starts none, whose start and stack growth would cost a small command resident
// pages (docs/pm.md, "The package-manager binary").
type aheadReader struct {
	src     io.ReadCloser
	full    chan block
	free    chan []byte
	done    chan struct{}
	started bool // the first block has been read
	running bool // the goroutine was started
	cur     []byte
	buf     []byte
	err     error
}

type block struct {
	data []byte
	err  error
}

const (
	aheadBlock = 256 << 10
	aheadDepth = 4
)

// newAheadReader makes the first block's buffer; first makes the others when the source
// goes on past it (a small primary.xml allocates 256 KiB, not 1.25 MiB).
func newAheadReader(src io.ReadCloser) *aheadReader {
	a := &aheadReader{src: src, full: make(chan block, aheadDepth), free: make(chan []byte, aheadDepth+1), done: make(chan struct{})}
	a.free <- make([]byte, aheadBlock)
	return a
}

// first reads the first block on the calling goroutine and starts the goroutine when
// there is more to read.
func (a *aheadReader) first() {
	a.started = true
	buf := <-a.free
	n, err := io.ReadFull(a.src, buf)
	if err == io.ErrUnexpectedEOF {
		err = io.EOF
	}
	a.buf, a.cur, a.err = buf[:n], buf[:n], err
	if err == nil {
		for range aheadDepth {
			a.free <- make([]byte, aheadBlock)
		}
		a.running = true
		go a.run()
	}
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
	if !a.started {
		a.first()
	}
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
	if a.running {
		for range a.full {
		}
	}
	return a.src.Close()
}
