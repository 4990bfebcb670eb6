package compress

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// Open detects the compression of r from its first bytes (Detect) and returns a reader
// of the decompressed data that fails once more than limit bytes come out of it
// (NewLimitedReader), with the kind it found. Data with no known magic is read as it
// is. Closing the reader does not close r.
func Open(r io.Reader, limit int64) (io.ReadCloser, Kind, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(6)
	if err != nil && err != io.EOF {
		return nil, None, fmt.Errorf("reading compression header: %w", err)
	}
	kind := Detect(head)
	rc, err := NewReader(kind, br)
	if err != nil {
		return nil, kind, err
	}
	return NewLimitedReader(rc, limit), kind, nil
}

// ReadAll decompresses data whatever its compression (gzip, xz, zstd or none), failing
// when more than limit bytes would come out.
func ReadAll(data []byte, limit int64) ([]byte, error) {
	rc, _, err := Open(bytes.NewReader(data), limit)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
