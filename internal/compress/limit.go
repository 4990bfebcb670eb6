package compress

import (
	"errors"
	"fmt"
	"io"
)

// ErrLimitExceeded is wrapped by the error of a limited reader whose data
// goes past its limit.
var ErrLimitExceeded = errors.New("decompressed data exceeds limit")

// NewLimitedReader returns a reader of rc that fails, rather than stops
// quietly, once rc yields more than max bytes: a guard against
// decompression bombs. Closing it closes rc.
func NewLimitedReader(rc io.ReadCloser, max int64) io.ReadCloser {
	return &limitedReader{rc: rc, left: max, max: max}
}

type limitedReader struct {
	rc   io.ReadCloser
	left int64
	max  int64
	err  error
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if l.left <= 0 {
		// At the limit: the stream must end here.
		var probe [1]byte
		for range 100 {
			n, err := l.rc.Read(probe[:])
			if n > 0 {
				l.err = fmt.Errorf("decompressed data exceeds %d bytes: %w", l.max, ErrLimitExceeded)
				return 0, l.err
			}
			if err != nil {
				l.err = err
				return 0, err
			}
		}
		l.err = io.ErrNoProgress
		return 0, l.err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	if err != nil {
		l.err = err
	}
	return n, err
}

func (l *limitedReader) Close() error { return l.rc.Close() }
