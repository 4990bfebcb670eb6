package cache

import (
	"os"
	"unsafe"
)

// A dropper gives back the pages of a section of a file mapping once they have been read
// through (sequentially), a chunk at a time, so that loading a mapped cache keeps only a
// few pages of it resident instead of the whole file. With a nil drop function (a file read
// into memory) it does nothing.
type dropper struct {
	drop func([]byte)
	b    []byte
	done int // b[:done] has been given back
}

const dropChunk = 1 << 20

// upTo tells the dropper that b[:n] has been read; it gives back whole pages of it once a
// chunk has gathered.
func (d *dropper) upTo(n int) {
	if d.drop == nil || n-d.done < dropChunk {
		return
	}
	d.release(n)
}

// all gives back every page of b.
func (d *dropper) all() {
	if d.drop != nil {
		d.release(len(d.b))
	}
}

// release gives back the whole pages inside b[done:n] (madvise works on pages: a page
// shared with the unread rest stays).
func (d *dropper) release(n int) {
	if n <= d.done {
		return
	}
	page := uintptr(os.Getpagesize())
	base := uintptr(unsafe.Pointer(unsafe.SliceData(d.b)))
	lo := (base + uintptr(d.done) + page - 1) &^ (page - 1)
	hi := (base + uintptr(n)) &^ (page - 1)
	if hi > lo {
		d.drop(d.b[lo-base : hi-base : hi-base])
	}
	d.done = n
}
