package solver

import (
	"encoding/binary"
	"slices"
	"unsafe"
)

// strStore is the pool's string list: string id -> string. Strings the pool
// owns (OwnStrings: copies of a mapped text's bytes) are kept back to back in
// 64 KiB chunks, each after its length as a uvarint, and reached through a
// 4-byte reference: 5-6 bytes a string where a Go string header is 16 (Debian's
// 137k strings from text: 0.7 MB instead of 2.2, the headers' reserve and trim
// copies included). Strings kept as given (a package manager's index, whose
// bytes are its own) stay Go strings in ext; a store that has only those has
// no references (ext is indexed by id directly), so it costs what a []string
// did.
//
// A string of a source that numbers its strings in a table (a package manager's
// index: StrSource) is kept as a 4-byte reference to its number there: no copy
// and no header (Bulk.SetSource).
type strStore struct {
	ext    []string    // by id while refs is nil; else by a reference's index
	refs   []uint32    // per id: extRef|index into ext, srcRef|source<<srcShift|number, or chunk<<16 | offset
	chunks [][]byte    // the owned strings; never moved or written again
	srcs   []StrSource // the sources referred to
}

// A StrSource is a table of strings: string i is Bytes[off(i):off(i+1)], off(i) the
// little-endian uint32 at Offs[4i:]. The pool keeps both (it reads its strings there).
type StrSource struct {
	Offs  []byte
	Bytes string
}

const (
	extRef     = 1 << 31
	srcRef     = 1<<31 | 1<<30
	srcShift   = 26
	maxSrcs    = 1 << (30 - srcShift)
	maxSrcID   = 1<<srcShift - 1
	chunkSize  = 64 << 10
	maxOwned   = 4 << 10 // longer owned strings go to ext (a copy of their own)
	maxChunks  = 1 << 14 // chunk<<16 stays below extRef>>1
	offsetMask = 1<<16 - 1
)

// len is the number of strings.
func (t *strStore) len() int {
	if t.refs != nil {
		return len(t.refs)
	}
	return len(t.ext)
}

// get returns string id.
func (t *strStore) get(id int32) string {
	if t.refs == nil {
		return t.ext[id]
	}
	r := t.refs[id]
	if r&srcRef == srcRef {
		src := &t.srcs[(r&^srcRef)>>srcShift]
		i := int(r & maxSrcID)
		lo, hi := binary.LittleEndian.Uint32(src.Offs[4*i:]), binary.LittleEndian.Uint32(src.Offs[4*i+4:])
		return src.Bytes[lo:hi]
	}
	if r&extRef != 0 {
		return t.ext[r&^extRef]
	}
	c := t.chunks[r>>16][r&offsetMask:]
	n, k := binary.Uvarint(c)
	if n == 0 {
		return ""
	}
	return unsafe.String(&c[k], int(n))
}

// toRefs turns a store of ext strings only into one of references.
func (t *strStore) toRefs() {
	if t.refs == nil {
		t.refs = make([]uint32, len(t.ext), max(cap(t.ext), 1))
		for i := range t.refs {
			t.refs[i] = extRef | uint32(i)
		}
	}
}

// addSource registers a source for addFrom, or returns -1 when there is no
// room for one more.
func (t *strStore) addSource(src StrSource) int {
	if len(t.srcs) >= maxSrcs {
		return -1
	}
	t.srcs = append(t.srcs, src)
	return len(t.srcs) - 1
}

// addFrom appends string i of source src (addSource) as the next id.
func (t *strStore) addFrom(src int, i uint32) {
	t.toRefs()
	t.refs = append(t.refs, srcRef|uint32(src)<<srcShift|i)
}

// add appends s as the next id, copying it when own is set.
func (t *strStore) add(s string, own bool) {
	if own && len(s) <= maxOwned && len(t.chunks) < maxChunks {
		t.toRefs() // the first owned string: every string so far becomes a reference
		last := len(t.chunks) - 1
		if last < 0 || cap(t.chunks[last])-len(t.chunks[last]) < binary.MaxVarintLen16+len(s) {
			t.chunks = append(t.chunks, make([]byte, 0, chunkSize))
			last++
		}
		c := t.chunks[last]
		t.refs = append(t.refs, uint32(last)<<16|uint32(len(c)))
		c = binary.AppendUvarint(c, uint64(len(s)))
		t.chunks[last] = append(c, s...)
		return
	}
	if own {
		s = string([]byte(s)) // a copy of its own
	}
	if t.refs == nil {
		t.ext = append(t.ext, s)
		return
	}
	t.refs = append(t.refs, extRef|uint32(len(t.ext)))
	t.ext = append(t.ext, s)
}

// grow makes room for n more strings (as references once the store owns some,
// or when own says the next ones will be owned or from a source).
func (t *strStore) grow(n int, own bool) {
	if t.refs != nil || own {
		t.toRefs()
		t.refs = slices.Grow(t.refs, n)
		return
	}
	t.ext = slices.Grow(t.ext, n)
}

// trim drops the room grow reserved beyond a quarter of what is used.
func (t *strStore) trim() {
	if n := len(t.refs); cap(t.refs)-n > n/4 {
		t.refs = slices.Clip(append([]uint32(nil), t.refs...))
	}
	if n := len(t.ext); cap(t.ext)-n > n/4 {
		t.ext = slices.Clip(append([]string(nil), t.ext...))
	}
}
