package txn

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// verify opens file and reads it once as the package manager does: sha256 of the whole
// file and the headers.
func verify(t *testing.T, file string) *Verified {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	h := sha256.New()
	tee := io.TeeReader(f, h)
	p, err := rpm.Read(tee)
	if err != nil {
		t.Fatal(err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, tee)
	return &Verified{Path: file, File: f, SHA256: hex.EncodeToString(h.Sum(nil)), Pkg: p, Info: info}
}

// TestVerifiedPackageHandover: a package handed over verified and open is installed from
// that descriptor: another package renamed over its path after the checks is not the one
// whose files land, and the journal-free result is clean (rpm -Va).
func TestVerifiedPackageHandover(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	lib := build(t, dir, libfoo, nil)
	v := verify(t, lib)
	// After the checks, the path is replaced by a different package (same name).
	other := build(t, t.TempDir(), `
name: libfoo
version: "1.0"
release: "1"
arch: noarch
summary: swapped
license: MIT
files:
  - {path: /usr/lib/libfoo.txt, content: "swapped\n"}
`, nil)
	if err := os.Rename(other, lib); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{Pkg: v}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Installed) != 1 || res.Installed[0] != "libfoo-1.0-1.noarch" {
		t.Fatalf("installed %v", res.Installed)
	}
	if b, err := os.ReadFile(filepath.Join(root, "usr/lib/libfoo.txt")); err != nil || string(b) != "foo\n" {
		t.Errorf("libfoo.txt = %q %v, want the verified package's \"foo\\n\"", b, err)
	}
	if _, err := os.Stat(filepath.Join(root, JournalPath)); !os.IsNotExist(err) {
		t.Errorf("journal left: %v", err)
	}
	rpmVerify(t, root)
}
