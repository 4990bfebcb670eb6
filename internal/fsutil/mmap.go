package fsutil

import (
	"bytes"
	"io"
	"io/fs"
	"os"
)

// MapMin is the size from which ReadFileMapped and Mapped map a file instead of reading
// it: below it a mapping (kept for the life of the process) would save nothing worth a
// mapping. A variable for the tests.
var MapMin int64 = 1 << 20

// ReadFileMapped returns the contents of name in fsys. A regular file of at least MapMin
// bytes that fsys opens as an *os.File (os.DirFS does) is mapped read-only instead of
// read into the Go heap, so a large input whose strings a solver pool keeps pointing
// into counts as file pages, not as heap the garbage collector doubles. The caller must
// never write the returned bytes (writing a mapping faults); the mapping is never
// unmapped (strings into it can outlive any one owner). drop, once the contents have
// been read through, gives the resident pages back to the kernel: what is touched
// afterwards faults back in from the page cache (for read data it does nothing).
//
// Writing a mapped file in place (truncating it) while it is mapped would fault the
// reader: Nimbus writes the files it maps atomically (WriteFileAtomic renames a new
// file over the old), which leaves a mapping of the old file intact.
func ReadFileMapped(fsys fs.FS, name string) (data []byte, drop func(), err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if of, ok := f.(*os.File); ok {
		if b, ok := MapFile(of, MapMin); ok {
			return b, func() { DropPages(b) }, nil
		}
	}
	data, err = fs.ReadFile(fsys, name)
	return data, func() {}, err
}

// MappedReader is a reader over a read-only file mapping that also hands its whole
// contents over without a copy (Contents): the solver's cache reader keeps its strings
// in those bytes instead of reading them into the heap.
type MappedReader struct {
	*bytes.Reader
	data []byte
}

// Contents returns the mapped bytes; they must never be written.
func (m MappedReader) Contents() []byte { return m.data }

// Drop gives the mapping's resident pages back to the kernel (DropPages).
func (m MappedReader) Drop() { DropPages(m.data) }

// Mapped returns r as a MappedReader when it is an *os.File at offset 0 of at least
// MapMin bytes that can be mapped, and r itself otherwise.
func Mapped(r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if b, ok := MapFile(f, MapMin); ok {
			return MappedReader{bytes.NewReader(b), b}
		}
	}
	return r
}
