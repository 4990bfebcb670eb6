// Package store is the build's content-addressed store: every .deb the build downloads
// and every RPM it writes is kept under its SHA-256 (ROOT/sha256/AB/ABCDEF….deb|rpm, mode
// 0444), so an older release can be rebuilt (`nimbus build --locked` with that
// release's lock) or republished after the upstream stopped serving its inputs. The
// layout and rules are those of the release blob store of `nimbus release publish`
// (internal/release/publish): a blob is written once, atomically, and never changes;
// a file is hard-linked in when it can be, copied otherwise.
package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// Store is a store under Root.
type Store struct {
	Root string
}

// Path is where the blob of a digest and kind ("deb", "rpm") lives.
func (s *Store) Path(sum [32]byte, ext string) string {
	h := hex.EncodeToString(sum[:])
	return filepath.Join(s.Root, "sha256", h[:2], h+"."+ext)
}

// Has reports whether the store keeps the blob.
func (s *Store) Has(sum [32]byte, ext string) bool {
	if s == nil || s.Root == "" {
		return false
	}
	_, err := os.Stat(s.Path(sum, ext))
	return err == nil
}

// Put stores file under its SHA-256 and returns the digest; added says whether the
// blob is new.
func (s *Store) Put(file, ext string) (sum [32]byte, added bool, err error) {
	if sum, err = hashFile(file); err != nil {
		return sum, false, err
	}
	added, err = s.PutKnown(file, sum, ext)
	return sum, added, err
}

// PutKnown stores file whose digest the caller has just verified.
func (s *Store) PutKnown(file string, sum [32]byte, ext string) (bool, error) {
	blob := s.Path(sum, ext)
	if _, err := os.Stat(blob); err == nil {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(blob), 0o755); err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	tmp := blob + ".tmp"
	_ = os.Remove(tmp)
	if err := os.Link(file, tmp); err == nil {
		if got, err := hashFile(tmp); err != nil || got != sum {
			os.Remove(tmp)
			return false, fmt.Errorf("store: %s changed while it was stored", file)
		}
		_ = os.Chmod(tmp, 0o444)
		if err := os.Rename(tmp, blob); err != nil {
			os.Remove(tmp)
			return false, fmt.Errorf("store: %w", err)
		}
		return true, nil
	}
	in, err := os.Open(file)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	defer in.Close()
	err = fsutil.WriteFileAtomic(blob, 0o444, func(w *os.File) error {
		h := sha256.New()
		if _, err := io.Copy(io.MultiWriter(w, h), in); err != nil {
			return err
		}
		if [32]byte(h.Sum(nil)) != sum {
			return fmt.Errorf("%s changed while it was stored", file)
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return true, nil
}

// ErrMissing is returned by Get for a blob the store does not keep.
var ErrMissing = errors.New("not in the store")

// Get writes the blob to dst (hard link, else copy), checking its digest first: a
// blob changed on disk is an error naming it, never a silent wrong input.
func (s *Store) Get(sum [32]byte, ext, dst string) error {
	blob := s.Path(sum, ext)
	got, err := hashFile(blob)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%x.%s: %w", sum, ext, ErrMissing)
	}
	if err != nil {
		return err
	}
	if got != sum {
		return fmt.Errorf("store: %s has SHA-256 %x: the blob is damaged; remove it (the next download stores it again)", blob, got)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	_ = os.Remove(dst)
	if err := os.Link(blob, dst); err == nil {
		return nil
	}
	return fsutil.CopyFile(dst, blob)
}

func hashFile(p string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.Open(p)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, fmt.Errorf("reading %s: %w", p, err)
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}
