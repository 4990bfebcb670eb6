package createrepo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// loadExisting reads dir's current metadata into packages keyed by location, with their
// full file lists and changelogs merged in. A repository without metadata gives an
// empty map.
func loadExisting(dir string) (map[string]*repomd.Package, error) {
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]*repomd.Package{}, nil
	}
	if err != nil {
		return nil, err
	}
	rm, err := repomd.ParseRepomd(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	byID := map[string]*repomd.Package{}
	out := map[string]*repomd.Package{}
	open := func(typ string, read func(io.Reader) error) error {
		d := rm.Find(typ)
		if d == nil {
			return fmt.Errorf("repomd.xml lists no %s", typ)
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(d.Location)))
		if err != nil {
			return err
		}
		defer f.Close()
		rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
		if err != nil {
			return fmt.Errorf("%s: %w", d.Location, err)
		}
		defer rc.Close()
		if err := read(rc); err != nil {
			return fmt.Errorf("%s: %w", d.Location, err)
		}
		return nil
	}
	err = open("primary", func(r io.Reader) error {
		return repomd.ReadPrimary(r, func(p *repomd.Package) error {
			byID[p.PkgID] = p
			out[p.Location] = p
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	err = open("filelists", func(r io.Reader) error {
		return repomd.ReadFilelists(r, func(e *repomd.Package) error {
			if p := byID[e.PkgID]; p != nil {
				p.Files, p.FullFiles = e.Files, true
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	err = open("other", func(r io.Reader) error {
		return repomd.ReadOther(r, func(e *repomd.Package) error {
			if p := byID[e.PkgID]; p != nil {
				p.Changelogs = e.Changelogs
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	for href, p := range out {
		if !p.FullFiles {
			delete(out, href) // no file list: cannot be reused faithfully
		}
	}
	return out, nil
}

func fileSHA256(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
