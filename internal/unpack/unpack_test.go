package unpack

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

type memSource map[string]string

func (m memSource) Open(f *rpm.File) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(m[f.Path])), nil
}

func pack(t *testing.T, files []rpm.File, src memSource) []byte {
	t.Helper()
	info := &rpm.Info{Name: "t", Version: "1", Release: "1", Arch: "noarch", Summary: "s", License: "MIT", Files: files}
	var buf bytes.Buffer
	if err := rpm.Write(&buf, info, src, rpm.WriteOptions{Compressor: compress.Gzip}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func extract(t *testing.T, pkg []byte, dir string) (*Result, error) {
	t.Helper()
	p, err := rpm.Read(bytes.NewReader(pkg))
	if err != nil {
		t.Fatal(err)
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		t.Fatal(err)
	}
	return Extract("t.rpm", p, info, dir)
}

func TestExtract(t *testing.T) {
	files := []rpm.File{
		{Path: "/usr/bin/x", Mode: rpm.ModeRegular | 0o755, Size: 3, Mtime: 1000000000},
		{Path: "/usr/bin/y", Mode: rpm.ModeSymlink | 0o777, LinkTo: "x"},
		{Path: "/etc/ro", Mode: rpm.ModeDir | 0o555, Mtime: 1000000000},
		{Path: "/etc/ro/conf", Mode: rpm.ModeRegular | 0o600, Size: 2, Flags: tag.FileConfig},
		{Path: "/var/ghost", Mode: rpm.ModeRegular | 0o644, Flags: tag.FileGhost},
	}
	dir := t.TempDir()
	res, err := extract(t, pack(t, files, memSource{"/usr/bin/x": "abc", "/etc/ro/conf": "ok"}), dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 4 {
		t.Errorf("extracted %d entries, want 4", res.Files)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "usr/bin/x")); string(b) != "abc" {
		t.Errorf("content = %q", b)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "usr/bin/x")); fi.Mode().Perm() != 0o755 || fi.ModTime().Unix() != 1000000000 {
		t.Errorf("mode/mtime = %v %v", fi.Mode(), fi.ModTime())
	}
	if l, _ := os.Readlink(filepath.Join(dir, "usr/bin/y")); l != "x" {
		t.Errorf("link = %q", l)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "etc/ro")); fi.Mode().Perm() != 0o555 {
		t.Errorf("read-only dir mode = %v", fi.Mode())
	}
	if _, err := os.Lstat(filepath.Join(dir, "var/ghost")); !os.IsNotExist(err) {
		t.Errorf("ghost file was created: %v", err)
	}
	os.Chmod(filepath.Join(dir, "etc/ro"), 0o755) // let t.TempDir clean up
}

// TestSymlinkEscape: a package whose symlink points outside the target and which then
// writes through it must not touch anything outside the target.
func TestSymlinkEscape(t *testing.T) {
	outside := t.TempDir()
	for _, target := range []string{outside, "../../../../../../../../" + outside, "/"} {
		files := []rpm.File{
			{Path: "/evil", Mode: rpm.ModeSymlink | 0o777, LinkTo: target},
			{Path: "/evil/pwned", Mode: rpm.ModeRegular | 0o644, Size: 4},
		}
		_, err := extract(t, pack(t, files, memSource{"/evil/pwned": "boom"}), t.TempDir())
		if err == nil {
			t.Errorf("target %q: extraction through an escaping symlink succeeded", target)
		}
		if _, serr := os.Stat(filepath.Join(outside, "pwned")); serr == nil {
			t.Fatalf("target %q: a file was written outside the target directory", target)
		}
	}
}

// rawPackage builds a package whose payload is the given cpio archive and whose header
// lists the given files, bypassing the writer's own path checks.
func rawPackage(t *testing.T, names []string, headerPaths []string) []byte {
	t.Helper()
	var files []rpm.File
	src := memSource{}
	for _, p := range headerPaths {
		files = append(files, rpm.File{Path: p, Mode: rpm.ModeRegular | 0o644, Size: 1})
		src[p] = "x"
	}
	good := pack(t, files, src)
	p, err := rpm.Read(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	// Replace the payload with a hand-made archive (the digests no longer match; Extract
	// does not check digests, rpm verify does).
	var arch bytes.Buffer
	zw, _ := compress.NewWriter(compress.Gzip, &arch, 1)
	cw := cpio.NewWriter(zw)
	for _, n := range names {
		if err := cw.WriteHeader(&cpio.Header{Name: n, Mode: cpio.TypeReg | 0o644, Nlink: 1, Size: 1}); err != nil {
			t.Fatal(err)
		}
		cw.Write([]byte("x"))
	}
	cw.Close()
	zw.Close()
	return append(append([]byte(nil), good[:p.PayloadOffset]...), arch.Bytes()...)
}

func TestHostileNames(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		header     []string
	}{
		{"./../escape", "escapes", []string{"/a"}},
		{"./a/../../escape", "escapes", []string{"/a"}},
		{"/etc/passwd", "absolute", []string{"/etc/passwd"}},
		{"./not-listed", "not in the package's file list", []string{"/a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "target")
			os.Mkdir(dir, 0o755)
			_, err := extract(t, rawPackage(t, []string{tc.name}, tc.header), dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(filepath.Join(parent, "escape")); err == nil {
				t.Fatal("file written outside the target")
			}
		})
	}
}
