package store

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPutGet(t *testing.T) {
	s := &Store{Root: t.TempDir()}
	dir := t.TempDir()
	f := filepath.Join(dir, "a.deb")
	os.WriteFile(f, []byte("deb bytes"), 0o644)
	sum, added, err := s.Put(f, "deb")
	if err != nil || !added || sum != sha256.Sum256([]byte("deb bytes")) {
		t.Fatalf("put: %x %v %v", sum, added, err)
	}
	if _, added, err := s.Put(f, "deb"); err != nil || added {
		t.Fatalf("second put: %v %v", added, err)
	}
	if !s.Has(sum, "deb") || s.Has(sum, "rpm") {
		t.Error("Has")
	}
	fi, _ := os.Stat(s.Path(sum, "deb"))
	if fi.Mode().Perm() != 0o444 {
		t.Errorf("blob mode %v", fi.Mode())
	}
	// The original goes away (the cache is cleaned, the archive drops the version):
	// the store still gives it back.
	os.Remove(f)
	out := filepath.Join(dir, "back", "a.deb")
	if err := s.Get(sum, "deb", out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "deb bytes" {
		t.Errorf("got %q", b)
	}
	if err := s.Get(sha256.Sum256([]byte("other")), "deb", out); !errors.Is(err, ErrMissing) {
		t.Errorf("missing blob: %v", err)
	}
	var nilStore *Store
	if nilStore.Has(sum, "deb") {
		t.Error("a nil store has nothing")
	}
}

func TestDamagedBlob(t *testing.T) {
	s := &Store{Root: t.TempDir()}
	f := filepath.Join(t.TempDir(), "x.rpm")
	os.WriteFile(f, []byte("rpm"), 0o644)
	sum, _, err := s.Put(f, "rpm")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Path(sum, "rpm")
	os.Chmod(p, 0o644)
	os.WriteFile(p, []byte("evil"), 0o644)
	err = s.Get(sum, "rpm", filepath.Join(t.TempDir(), "out.rpm"))
	if err == nil || !strings.Contains(err.Error(), "the blob is damaged") {
		t.Fatalf("damaged blob: %v", err)
	}
}
