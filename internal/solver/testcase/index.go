package testcase

import (
	"fmt"
	"io/fs"
	"os"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// addIndex fills repo from a Nimbus binary index (internal/repo/cache, the package
// manager's metadata cache; `nimbus solver cache` writes one from any repository). A large
// file is mapped, not read: the pool copies the strings it keeps, and the mapping's pages
// are given back as the load reads through them and, all of them, once loaded.
func addIndex(fsys fs.FS, name string, repo *solver.Repo) error {
	data, drop, err := readMapped(fsys, name)
	if err != nil {
		return fmt.Errorf("repo %s: %w", repo.Name, err)
	}
	if err := loadIndex(nil, repo, data, drop); err != nil {
		return fmt.Errorf("repo %s: %s: %w", repo.Name, name, err)
	}
	if drop != nil {
		drop(data)
	}
	return nil
}

// readMapped returns the bytes of a file: a read-only mapping with the function giving
// back its pages (fsutil.DropPages) for a large file on disk, else the file read into memory
// and a nil function (its bytes are the heap's, never to be given back).
func readMapped(fsys fs.FS, name string) ([]byte, func([]byte), error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if of, ok := f.(*os.File); ok {
		if b, ok := fsutil.MapFile(of, fsutil.MapMin); ok {
			f.Close()
			return b, fsutil.DropPages, nil
		}
	}
	f.Close()
	data, err := fs.ReadFile(fsys, name)
	return data, nil, err
}

// loadIndex adds the packages of an encoded index to repo; an index written from a Debian
// pool marks p (when given) Debian.
// drop, when data is a file mapping, gives back its pages as the load reads through them.
func loadIndex(p *solver.Pool, repo *solver.Repo, data []byte, drop func([]byte)) error {
	x, err := cache.DecodeMapped(data, drop)
	if err != nil {
		return err
	}
	if p != nil && x.Key() == cache.DebianKey {
		p.Debian = true
	}
	if drop != nil {
		// the pool copies the strings it keeps (5-6 bytes of heap a string, where
		// pointing into the mapping kept its pages resident and a 16-byte header
		// each), so the index's pages can all go as the load reads through them
		rp := repo.Pool()
		own := rp.OwnStrings
		rp.OwnStrings = true
		defer func() { rp.OwnStrings = own }()
	}
	x.AddTo(repo, nil)
	return nil
}

// A pageDropper gives back the pages of a mapped text read through from its start, once a
// megabyte of them has gathered.
type pageDropper struct{ done int }

// upTo is told that read (a prefix of the mapped text) has been read; with a nil drop it
// does nothing.
func (d *pageDropper) upTo(drop func([]byte), read string) {
	if drop == nil || len(read)-d.done < 1<<20 {
		return
	}
	page := uintptr(os.Getpagesize())
	base := uintptr(unsafe.Pointer(unsafe.StringData(read)))
	lo := (base + uintptr(d.done) + page - 1) &^ (page - 1)
	hi := (base + uintptr(len(read))) &^ (page - 1)
	if hi > lo {
		drop(unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(read)), lo-base)), hi-lo))
	}
	d.done = len(read)
}
