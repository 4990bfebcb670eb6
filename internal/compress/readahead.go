package compress

import (
	"io"
	"sync"
)

// ReadAhead returns a reader of rc that reads (and so decompresses) up to n chunks of
// size bytes ahead of its caller, on a goroutine of its own: the caller's work on one
// chunk (writing a package's files) runs beside the decompression of the next ones, on
// another core. It reads rc's bytes and errors in rc's order; at most n+1 chunks are
// allocated. Close stops the goroutine, waits for it, then closes rc; the reader must
// be closed, as rc had to be.
func ReadAhead(rc io.ReadCloser, size, n int) io.ReadCloser {
	r := &readAhead{rc: rc, full: make(chan chunk, n), free: make(chan []byte, n+1), stop: make(chan struct{})}
	for range n + 1 {
		r.free <- make([]byte, size)
	}
	r.wg.Add(1)
	go r.fill()
	return r
}

type chunk struct {
	b   []byte
	err error
}

type readAhead struct {
	rc   io.ReadCloser
	full chan chunk
	free chan []byte
	stop chan struct{}
	wg   sync.WaitGroup
	cur  []byte // the unread rest of the chunk being read
	buf  []byte // the whole of that chunk, returned to free when read
	err  error
	once sync.Once
}

func (r *readAhead) fill() {
	defer r.wg.Done()
	defer close(r.full)
	for {
		var b []byte
		select {
		case b = <-r.free:
		case <-r.stop:
			return
		}
		n, err := io.ReadFull(r.rc, b)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		select {
		case r.full <- chunk{b[:n], err}:
		case <-r.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

func (r *readAhead) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.buf != nil {
			r.free <- r.buf[:cap(r.buf)]
			r.buf = nil
		}
		if r.err != nil {
			return 0, r.err
		}
		c, ok := <-r.full
		if !ok {
			r.err = io.ErrClosedPipe // only after Close
			return 0, r.err
		}
		r.buf, r.cur, r.err = c.b, c.b, c.err
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

func (r *readAhead) Close() error {
	r.once.Do(func() { close(r.stop) })
	r.wg.Wait()
	return r.rc.Close()
}
