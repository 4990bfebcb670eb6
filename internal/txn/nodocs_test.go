package txn

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

const docPkg = `
name: docpkg
version: "1.0"
release: "1"
arch: noarch
summary: documentation test
license: MIT
files:
  - {path: /usr/bin/docpkg, content: "bin\n"}
  - {path: /usr/share/doc/docpkg, dir: true}
  - {path: /usr/share/doc/docpkg/README, content: "readme\n", doc: true}
  - {path: /usr/share/man/man1/docpkg.1, content: "man\n", doc: true}
  - {path: /usr/share/docpkg, dir: true}
  - {path: /usr/share/docpkg/LICENSE, content: "licence\n", license: true}
  - {path: /usr/share/docpkg/sub, dir: true}
  - {path: /usr/share/docpkg/sub/notes, content: "notes\n", doc: true}
`

// TestExcludeDocs: with ExcludeDocs the %doc files, and the package's directories holding
// only such files, are not written and are recorded as not installed (rpm --excludedocs
// records the same states: checked by hand with rpm 4.18, and rpm -Va passes); licences
// stay; an erase afterwards leaves nothing behind.
func TestExcludeDocs(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	o := opts(root)
	o.ExcludeDocs = true
	pkg := build(t, dir, docPkg, nil)
	if _, err := Run(context.Background(), o, Request{Install: []InstallItem{{File: pkg}}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		"usr/bin/docpkg": true, "usr/share/docpkg/LICENSE": true, "usr/share/docpkg": true,
		"usr/share/doc/docpkg": false, "usr/share/doc/docpkg/README": false, "usr/share/man/man1/docpkg.1": false,
		"usr/share/docpkg/sub": false, "usr/share/docpkg/sub/notes": false,
	} {
		if _, err := os.Lstat(filepath.Join(root, p)); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", p, err == nil, want)
		}
	}
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Lookup(context.Background(), "Name", "docpkg")
	db.Close()
	if err != nil || len(got) != 1 {
		t.Fatalf("lookup: %d %v", len(got), err)
	}
	info, err := got[0].Info()
	if err != nil {
		t.Fatal(err)
	}
	states := got[0].Header.Ints(tag.Filestates)
	notInst := map[string]bool{}
	for i, f := range info.Files {
		if i < len(states) && states[i] == rpmdb.FileNotInstalled {
			notInst[f.Path] = true
		}
	}
	want := []string{"/usr/share/doc/docpkg", "/usr/share/doc/docpkg/README", "/usr/share/man/man1/docpkg.1", "/usr/share/docpkg/sub", "/usr/share/docpkg/sub/notes"}
	if len(notInst) != len(want) {
		t.Errorf("not installed: %v, want %v", notInst, want)
	}
	for _, p := range want {
		if !notInst[p] {
			t.Errorf("%s is not recorded as not installed (states %v)", p, states)
		}
	}
	rpmVerify(t, root)
	if _, err := Run(context.Background(), opts(root), Request{Erase: []int64{numOf(t, root, "docpkg")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(root, "usr/share/docpkg")); err == nil {
		t.Error("usr/share/docpkg stays after the erase")
	}
}
