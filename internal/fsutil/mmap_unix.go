//go:build unix

package fsutil

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// MapFile maps a regular file of at least min bytes read-only into memory, so its bytes
// (and the strings that point into them) are file-backed pages the kernel can drop and
// share, not Go heap the collector sizes itself by. The mapping is never unmapped. It
// reports false when f is not such a file at offset 0 or cannot be mapped; the caller
// then reads it into memory.
func MapFile(f *os.File, min int64) ([]byte, bool) {
	if off, err := f.Seek(0, io.SeekCurrent); err != nil || off != 0 {
		return nil, false // not at the start: read from where it is
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() <= 0 || fi.Size() < min || fi.Size() >= 1<<34 {
		return nil, false
	}
	b, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	return b, true
}

// DropPages lets the kernel take back the resident pages of a read-only file mapping
// once it has been read through: what is touched again faults back in from the page
// cache, so the process keeps resident only the pages it still uses.
func DropPages(b []byte) {
	_ = unix.Madvise(b, unix.MADV_DONTNEED)
}
