package cache

import (
	"fmt"
	"testing"
)

// A chunked string pool (NewFileBuilder's) starts small and doubles its chunks up to
// the chunk size; every string handed out stays readable where it was put, and a string
// longer than a chunk gets a chunk of its own.
func TestChunkedPoolGrowth(t *testing.T) {
	in := newInterner()
	in.chunk = 64 << 10
	var want []string
	ids := map[string]StrID{}
	for i := range 20000 {
		s := fmt.Sprintf("string-%d-%0*d", i, i%40, i)
		if i == 12345 {
			s = string(make([]byte, 3*in.chunk)) + s // longer than a chunk
		}
		ids[s] = in.id(s)
		want = append(want, s)
	}
	if in.err != nil {
		t.Fatal(in.err)
	}
	for _, s := range want {
		if got := in.str(ids[s]); got != s {
			t.Fatalf("string %d: got %q", ids[s], got[:min(len(got), 40)])
		}
		if id := in.id(s); id != ids[s] {
			t.Fatalf("%q interned again as %d, was %d", s[:min(len(s), 40)], id, ids[s])
		}
	}
	if len(in.chunks) < 3 {
		t.Fatalf("%d chunks; want several", len(in.chunks))
	}
	prev := 1 << 12 // newInterner's first pool
	for i, c := range append(in.chunks, in.pool) {
		if cap(c) > 3*in.chunk && cap(c) < 4*in.chunk {
			continue // the long string's own chunk
		}
		if cap(c) > in.chunk || (cap(c) != min(2*prev, in.chunk) && i > 0) {
			t.Errorf("chunk %d: capacity %d after %d; want double the previous, at most %d", i, cap(c), prev, in.chunk)
		}
		prev = cap(c)
	}
	if cap(in.pool) != in.chunk {
		t.Errorf("last chunk capacity %d; want the chunk size %d once grown", cap(in.pool), in.chunk)
	}
}
