package compress

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReaders feeds arbitrary bytes to every decompressor: errors are fine,
// panics and unbounded output are not.
func FuzzReaders(f *testing.F) {
	in := []byte("nimbus payload nimbus payload nimbus payload\n")
	for _, k := range []Kind{Gzip, Xz, Zstd} {
		c := compress(f, k, 0, in)
		f.Add(c)
		f.Add(c[:len(c)/2])
		f.Add(flip(c, len(c)/2))
	}
	f.Add([]byte{})
	f.Add([]byte{0xfd, '7', 'z', 'X', 'Z', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range []Kind{Gzip, Xz, Zstd} {
			r, err := NewReader(k, bytes.NewReader(data))
			if err != nil {
				continue
			}
			n, _ := io.Copy(io.Discard, NewLimitedReader(r, 1<<20))
			r.Close()
			if n > 1<<20 {
				t.Fatalf("%s: read %d bytes past the limit", k, n)
			}
		}
	})
}
