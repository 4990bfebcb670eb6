package solver

import (
	"fmt"
	"strings"
	"testing"
)

// TestStrStore: owned strings (copied into chunks behind a length) and strings kept as
// given read back the same, across chunk boundaries, for long strings and the empty one,
// whichever kind comes first; and the pool interns through it.
func TestStrStore(t *testing.T) {
	var st strStore
	var want []string
	add := func(s string, own bool) {
		st.add(s, own)
		want = append(want, s)
	}
	add("", false)
	add("given", false)
	st.grow(10, true)
	for i := range 40000 { // about 20 chunks of 64 KiB
		add(fmt.Sprintf("owned-%d-%s", i, strings.Repeat("x", i%200)), true)
		if i%1000 == 0 {
			add(fmt.Sprintf("given-%d", i), false)
			add("", true)
			add(strings.Repeat("L", maxOwned+1+i%3), true) // too long for a chunk
			add(strings.Repeat("m", 200+i%300), true)      // a two-byte length
		}
	}
	st.trim()
	if st.len() != len(want) {
		t.Fatalf("%d strings, want %d", st.len(), len(want))
	}
	for i, w := range want {
		if got := st.get(int32(i)); got != w {
			t.Fatalf("string %d = %.20q, want %.20q", i, got, w)
		}
	}
	if st.refs == nil || len(st.chunks) < 10 {
		t.Errorf("%d chunks, references %v: the owned strings are not in chunks", len(st.chunks), st.refs != nil)
	}

	// a store of given strings only has no references
	var g strStore
	g.add("a", false)
	g.grow(5, false)
	g.add("b", false)
	if g.refs != nil || g.get(1) != "b" {
		t.Errorf("given-only store: refs %v, string 1 %q", g.refs != nil, g.get(1))
	}

	// strings of a source table are kept as their numbers there
	var sr strStore
	sr.add("", false)
	src := StrSource{Offs: []byte{0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, 8, 0, 0, 0}, Bytes: "abcdefgh"}
	k := sr.addSource(src)
	sr.addFrom(k, 2)
	sr.add("own", true)
	sr.addFrom(k, 0)
	sr.addFrom(k, 1)
	for i, w := range []string{"", "defgh", "own", "abc", ""} {
		if got := sr.get(int32(i)); got != w {
			t.Errorf("with a source: string %d = %q, want %q", i, got, w)
		}
	}

	p := NewPool()
	p.OwnStrings = true
	for i := range 3000 {
		if id := p.intern(fmt.Sprint("s", i)); p.str(id) != fmt.Sprint("s", i) {
			t.Fatalf("interned s%d reads back as %q", i, p.str(id))
		}
	}
	p.OwnStrings = false
	id := p.intern("given")
	if x, ok := p.lookup("s2999"); !ok || p.str(x) != "s2999" || p.str(id) != "given" {
		t.Errorf("lookup after mixing: %d %v", x, ok)
	}
}
