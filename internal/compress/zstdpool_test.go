package compress

import (
	"bytes"
	"io"
	"testing"
)

// Decoders go back to a pool when their reader is closed: a reader closed half-way, or
// after a corrupt stream, leaves nothing behind for the next one; closing twice gives the
// decoder back once; reading after Close fails.
func TestZstdDecoderReuse(t *testing.T) {
	a, b := corpus(3000), corpus(5000)
	za, zb := compress(t, Zstd, 3, a), compress(t, Zstd, 19, b)
	bad := append([]byte(nil), zb...)
	bad[len(bad)/2] ^= 0xff

	// half of a, closed early
	r, err := NewReader(Zstd, bytes.NewReader(za))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(r, make([]byte, len(a)/2)); err != nil {
		t.Fatal(err)
	}
	r.Close()
	r.Close() // twice: the decoder must not go into the pool twice
	if n, err := r.Read(make([]byte, 10)); n != 0 || err == nil {
		t.Errorf("read after close: %d, %v; want an error", n, err)
	}
	// a corrupt stream read to its error
	r, err = NewReader(Zstd, bytes.NewReader(bad))
	if err == nil {
		if _, err = io.ReadAll(r); err == nil {
			t.Error("corrupt stream read without an error")
		}
		r.Close()
	}
	// then whole streams, two at a time (two decoders out of the pool at once)
	for range 3 {
		r1, err1 := NewReader(Zstd, bytes.NewReader(zb))
		r2, err2 := NewReader(Zstd, bytes.NewReader(za))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		g1, err1 := io.ReadAll(r1)
		g2, err2 := io.ReadAll(r2)
		if err1 != nil || err2 != nil || !bytes.Equal(g1, b) || !bytes.Equal(g2, a) {
			t.Fatalf("reused decoders: %v, %v, equal %v %v", err1, err2, bytes.Equal(g1, b), bytes.Equal(g2, a))
		}
		r1.Close()
		r2.Close()
	}
}
