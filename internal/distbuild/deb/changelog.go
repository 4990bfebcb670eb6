package deb

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"strings"
)

// changelogLimit bounds an uncompressed changelog.Debian.
const changelogLimit = 64 << 20

// Changelog returns the uncompressed /usr/share/doc/PKG/changelog.Debian.gz of the
// package (following a link inside the package). A doc directory that is a link to
// another package's is an error naming that directory.
func (p *Package) Changelog() ([]byte, error) {
	docDir := "/usr/share/doc/" + p.Control.Get("Package")
	var found *Entry
	for i := range p.Files {
		en := &p.Files[i]
		if en.Path == docDir && en.IsSymlink() {
			return nil, fmt.Errorf("%s is a link to %s: its changelog is in the package that owns that directory; pass that .deb", docDir, en.Link)
		}
		if en.Path == docDir+"/changelog.Debian.gz" {
			found = en
		}
	}
	if found != nil && found.IsSymlink() {
		target := path.Join(docDir, found.Link)
		if strings.HasPrefix(found.Link, "/") {
			target = path.Clean(found.Link)
		}
		found = nil
		for i := range p.Files {
			if p.Files[i].Path == target && p.Files[i].IsRegular() {
				found = &p.Files[i]
			}
		}
	}
	if found == nil || !found.IsRegular() {
		return nil, fmt.Errorf("no %s/changelog.Debian.gz", docDir)
	}
	zr, err := gzip.NewReader(bytes.NewReader(found.Data))
	if err != nil {
		return nil, fmt.Errorf("changelog.Debian.gz: %w", err)
	}
	log, err := io.ReadAll(io.LimitReader(zr, changelogLimit))
	if err != nil {
		return nil, fmt.Errorf("changelog.Debian.gz: %w", err)
	}
	return log, nil
}
