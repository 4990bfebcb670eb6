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
type strStore struct {
	ext    []string // by id while refs is nil; else by a reference's index
	refs   []uint32 // per id: extRef|index into ext, or chunk<<16 | offset
	chunks [][]byte // the owned strings; never moved or written again
}

const (
	extRef     = 1 << 31
	chunkSize  = 64 << 10
	maxOwned   = 4 << 10 // longer owned strings go to ext (a copy of their own)
	maxChunks  = extRef >> 16
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

// add appends s as the next id, copying it when own is set.
func (t *strStore) add(s string, own bool) {
	if own && len(s) <= maxOwned && len(t.chunks) < maxChunks {
		if t.refs == nil {
			// the first owned string: every string so far becomes a reference
			t.refs = make([]uint32, len(t.ext), max(cap(t.ext), 1))
			for i := range t.refs {
				t.refs[i] = extRef | uint32(i)
			}
		}
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
// or when own says the next ones will be owned).
func (t *strStore) grow(n int, own bool) {
	if t.refs != nil || own {
		if t.refs == nil {
			t.refs = make([]uint32, len(t.ext), len(t.ext)+n)
			for i := range t.refs {
				t.refs[i] = extRef | uint32(i)
			}
			return
		}
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
