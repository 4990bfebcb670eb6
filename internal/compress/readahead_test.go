package compress

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadAhead(t *testing.T) {
	data := make([]byte, 1<<20+123)
	rand.NewChaCha8([32]byte{1}).Read(data)
	boom := errors.New("boom")
	for _, tc := range []struct {
		name    string
		src     io.Reader
		size, n int
		want    []byte
		err     error
	}{
		{"chunks", bytes.NewReader(data), 4096, 3, data, nil},
		{"one chunk ahead", bytes.NewReader(data), 1000, 1, data, nil},
		{"bigger than the data", bytes.NewReader(data), 4 << 20, 2, data, nil},
		{"one byte reads", iotest.OneByteReader(bytes.NewReader(data[:5000])), 333, 2, data[:5000], nil},
		{"empty", bytes.NewReader(nil), 64, 2, nil, nil},
		{"error after data", io.MultiReader(bytes.NewReader(data[:10000]), iotest.ErrReader(boom)), 4096, 2, data[:10000], boom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := &closeCounter{Reader: tc.src}
			r := ReadAhead(src, tc.size, tc.n)
			got, err := io.ReadAll(iotest.OneByteReader(io.LimitReader(r, 1<<40))) // small reads
			if !errors.Is(err, tc.err) && !(tc.err == nil && err == nil) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Fatalf("read %d bytes, want %d (or different bytes)", len(got), len(tc.want))
			}
			if err := r.Close(); err != nil || src.closed != 1 {
				t.Fatalf("Close: %v, source closed %d times", err, src.closed)
			}
		})
	}
}

// TestReadAheadEarlyClose: closing before the end stops the goroutine (Close returns)
// and closes the source; reading after Close fails.
func TestReadAheadEarlyClose(t *testing.T) {
	src := &closeCounter{Reader: bytes.NewReader(make([]byte, 1<<20))}
	r := ReadAhead(src, 1024, 4)
	if _, err := io.ReadFull(r, make([]byte, 3000)); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil || src.closed != 1 {
		t.Fatalf("Close: %v, source closed %d times", err, src.closed)
	}
	for {
		_, err := r.Read(make([]byte, 1<<20))
		if err != nil {
			if err == io.EOF {
				t.Fatal("EOF after an early Close: the data looks whole")
			}
			break
		}
	}
}
