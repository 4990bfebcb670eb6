package solver

import (
	"io/fs"
	"os"
)

// mapMin is the size from which ReadFileMapped and the pool cache reader
// map a file instead of reading it: below it a mapping (kept for the life
// of the process) would save nothing worth a mapping. A variable for the
// tests.
var mapMin int64 = 1 << 20

// ReadFileMapped returns the contents of name in fsys. A regular file of
// at least 1 MiB that fsys opens as an *os.File (os.DirFS does) is mapped
// read-only instead of read into the Go heap, so a large input whose
// strings the pool keeps pointing into counts as file pages, not as heap
// the garbage collector doubles. The caller must never write the returned
// bytes (writing a mapping faults); the mapping is never unmapped (strings
// into it can outlive any one owner). drop, once the contents have been
// read through, gives the resident pages back to the kernel: what is
// touched afterwards faults back in from the page cache (for read data it
// does nothing).
func ReadFileMapped(fsys fs.FS, name string) (data []byte, drop func(), err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if of, ok := f.(*os.File); ok {
		if b, ok := mapFile(of, mapMin); ok {
			return b, func() { dropPages(b) }, nil
		}
	}
	data, err = fs.ReadFile(fsys, name)
	return data, func() {}, err
}
