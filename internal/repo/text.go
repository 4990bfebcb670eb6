package repo

import (
	"errors"
	"io/fs"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
)

// ReadText reads the license, URL and description of packages of the generation's index
// (index numbers) from the text file written beside it (cache.ReadText), handing each to fn
// in the order asked. A text file that is missing, damaged or of another format is rebuilt
// with the index from the cached primary (re-verified against repomd.xml), as loadIndex
// rebuilds the index, and read again; the index file written is the one already loaded
// (the same primary gives the same bytes). A record that fails after others were handed
// out is read again from the rebuilt file with the rest.
func ReadText(m *Metadata, pkgs []int, fn func(i int, t cache.Text)) error {
	p := filepath.Join(m.Dir, "index.nidx")
	done := 0
	count := func(i int, t cache.Text) { done++; fn(i, t) }
	err := cache.ReadText(p, m.Key, pkgs, count)
	if err == nil || !(errors.Is(err, fs.ErrNotExist) || errors.Is(err, cache.ErrCorrupt) || errors.Is(err, cache.ErrVersion)) {
		return err
	}
	if err := buildIndex(m, true, p); err != nil {
		return err
	}
	return cache.ReadText(p, m.Key, pkgs[done:], fn) // the packages not handed out yet
}
