package cache

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"testing"
)

// TestAheadReader: the read-ahead gives its source's bytes and error in order, whether the
// source ends within the first block (read on the caller's goroutine, none started) or
// goes on past it; Close works before any Read and in the middle of the stream.
func TestAheadReader(t *testing.T) {
	data := make([]byte, 3*aheadBlock+5)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, n := range []int{0, 1, aheadBlock - 1, aheadBlock, aheadBlock + 1, 2 * aheadBlock, len(data)} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			a := newAheadReader(io.NopCloser(bytes.NewReader(data[:n])))
			got, err := io.ReadAll(a)
			if err != nil || !bytes.Equal(got, data[:n]) {
				t.Fatalf("read %d bytes (%v), want %d", len(got), err, n)
			}
			if a.running != (n >= aheadBlock) {
				t.Errorf("goroutine started: %v, want %v", a.running, n >= aheadBlock)
			}
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
	boom := errors.New("boom")
	for _, n := range []int{10, aheadBlock + 10} {
		a := newAheadReader(io.NopCloser(io.MultiReader(bytes.NewReader(data[:n]), &failing{boom})))
		got, err := io.ReadAll(a)
		if !errors.Is(err, boom) || !bytes.Equal(got, data[:n]) {
			t.Errorf("%d bytes then an error: read %d bytes, %v", n, len(got), err)
		}
		a.Close()
	}
	newAheadReader(io.NopCloser(bytes.NewReader(data))).Close()
	a := newAheadReader(io.NopCloser(bytes.NewReader(data)))
	if _, err := io.ReadFull(a, make([]byte, aheadBlock+1)); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }
