//go:build unix

package solver

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps a regular file of at least min bytes read-only into
// memory, so the pool cache's bytes (and the strings that point into them)
// are file-backed pages the kernel can drop and share, not Go heap the
// collector sizes itself by. The mapping is never unmapped: strings handed
// out by the pool point into it and may outlive the pool. It reports false
// when f is not such a file at offset 0 or cannot be mapped; the caller
// then reads it into memory. Writing the file in place while it is mapped
// would change (or, truncated, fault) the pool: Nimbus writes caches
// atomically (a new file renamed over the old), which leaves a mapping of
// the old file intact.
func mapFile(f *os.File, min int64) ([]byte, bool) {
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

// dropPages lets the kernel take back the resident pages of a read-only
// file mapping once it has been read through: what is touched again (the
// strings of the packages a solve looks at) faults back in from the page
// cache, so the process keeps resident only the pages it still uses.
func dropPages(b []byte) {
	_ = unix.Madvise(b, unix.MADV_DONTNEED)
}
