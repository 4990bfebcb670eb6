package unpack

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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
		{Path: "/usr/bin/y", Mode: rpm.ModeSymlink | 0o777, LinkTo: "x", Mtime: 1100000000},
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
	// the link's own mtime is the recorded one (rpm's lutimes); its target keeps its own
	if fi, err := os.Lstat(filepath.Join(dir, "usr/bin/y")); err != nil {
		t.Error(err)
	} else if fi.ModTime().Unix() != 1100000000 {
		t.Errorf("link mtime = %v, want 1100000000", fi.ModTime())
	}
	if fi, _ := os.Stat(filepath.Join(dir, "usr/bin/x")); fi.ModTime().Unix() != 1000000000 {
		t.Errorf("the link's target mtime changed to %v", fi.ModTime())
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

func TestParseCaps(t *testing.T) {
	for _, tc := range []struct {
		text string
		want FileCaps
	}{
		{"cap_net_raw=ep", FileCaps{Permitted: 1 << 13, Effective: true}},
		{"cap_setuid,cap_setgid+ep", FileCaps{Permitted: 1<<7 | 1<<6, Effective: true}},
		{"cap_net_admin=ei", FileCaps{Inheritable: 1 << 12, Effective: true}},
		{"cap_bpf,cap_perfmon=p", FileCaps{Permitted: 1<<39 | 1<<38}},
		{"cap_net_raw=ep cap_net_raw-e", FileCaps{Permitted: 1 << 13}},
	} {
		got, err := ParseCaps(tc.text)
		if err != nil || got != tc.want {
			t.Errorf("ParseCaps(%q) = %+v, %v; want %+v", tc.text, got, err, tc.want)
		}
	}
	for _, bad := range []string{"cap_nope=ep", "cap_net_raw", "cap_net_raw=x"} {
		if _, err := ParseCaps(bad); err == nil {
			t.Errorf("ParseCaps(%q): no error", bad)
		}
	}
}

// TestExtractOwnersAndCaps: with options, owners and capabilities are applied, and getcap
// (libcap, the referee) reads back what rpm stored.
func TestExtractOwnersAndCaps(t *testing.T) {
	getcap, err := exec.LookPath("getcap")
	if err != nil {
		t.Fatal("getcap is not installed (libcap2-bin); run scripts/setup.sh")
	}
	files := []rpm.File{
		{Path: "/usr/bin/ping", Mode: rpm.ModeRegular | 0o4755, Size: 4, Caps: "cap_net_raw=ep"},
		{Path: "/etc/app.conf", Mode: rpm.ModeRegular | 0o640, Size: 2, User: "daemon", Group: "adm"},
		{Path: "/etc/skip.conf", Mode: rpm.ModeRegular | 0o644, Size: 2},
	}
	dir := t.TempDir()
	p, err := rpm.Read(bytes.NewReader(pack(t, files, memSource{"/usr/bin/ping": "ping", "/etc/app.conf": "ok", "/etc/skip.conf": "no"})))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := rpm.FromHeader(p.Header)
	_, err = ExtractWith("t.rpm", p, info, dir, Options{
		Target: func(f *rpm.File) string {
			switch f.Path {
			case "/etc/skip.conf":
				return ""
			case "/etc/app.conf":
				return "etc/app.conf.rpmnew"
			}
			return f.Path[1:]
		},
		Owner: func(f *rpm.File) (int, int) {
			if f.User == "daemon" {
				return 1, 4
			}
			return 0, 0
		},
		Caps: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(getcap, filepath.Join(dir, "usr/bin/ping")).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "cap_net_raw=ep") {
		t.Errorf("getcap: %v %q", err, out)
	}
	if fi, err := os.Stat(filepath.Join(dir, "usr/bin/ping")); err != nil || fi.Mode()&os.ModeSetuid == 0 {
		t.Errorf("setuid bit lost: %v %v", fi.Mode(), err)
	}
	fi, err := os.Stat(filepath.Join(dir, "etc/app.conf.rpmnew"))
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 1 || st.Gid != 4 || fi.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v", st.Uid, st.Gid, fi.Mode())
	}
	if _, err := os.Stat(filepath.Join(dir, "etc/skip.conf")); !os.IsNotExist(err) {
		t.Errorf("skipped file was written: %v", err)
	}
}

// TestExtractOverLeftovers extracts over an earlier, interrupted extraction: a stale
// temporary file and an old version of each file. Every file of the directory is written
// relative to its cached directory descriptor, and nothing temporary is left.
func TestExtractOverLeftovers(t *testing.T) {
	files := []rpm.File{
		{Path: "/usr/share/p/a", Mode: rpm.ModeRegular | 0o644, Size: 3, Mtime: 1000000000},
		{Path: "/usr/share/p/b", Mode: rpm.ModeRegular | 0o600, Size: 3, Mtime: 1000000001},
		{Path: "/usr/share/q", Mode: rpm.ModeRegular | 0o644, Size: 3, Mtime: 1000000002},
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "usr/share/p"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"usr/share/p/.nimbus-unpack-a": "half", "usr/share/p/a": "old version"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := rpm.Read(bytes.NewReader(pack(t, files, memSource{"/usr/share/p/a": "new", "/usr/share/p/b": "bbb", "/usr/share/q": "qqq"})))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := rpm.FromHeader(p.Header)
	if _, err := Extract("t.rpm", p, info, dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dir, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != os.FileMode(f.Mode&0o777) || fi.ModTime().Unix() != int64(f.Mtime) || fi.Size() != 3 {
			t.Errorf("%s: mode %v mtime %d size %d", f.Path, fi.Mode(), fi.ModTime().Unix(), fi.Size())
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "usr/share/p/a")); string(b) != "new" {
		t.Errorf("usr/share/p/a = %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "usr/share/p/.nimbus-unpack-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// The directory descriptors (dirs.go) take plain components only: a symlink among a path's
// components is followed inside the root (as os.Root does), never out of it, and leftover
// temporary names that are symlinks are replaced, not written through.
func TestExtractThroughSymlinks(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "usr/lib"), 0o755))
	must(os.Symlink("usr/lib", filepath.Join(dir, "lib")))
	must(os.MkdirAll(filepath.Join(dir, "a/b"), 0o755)) // empty: the package replaces it by a symlink
	must(os.MkdirAll(filepath.Join(dir, "usr/share/p"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "victim"), []byte("keep"), 0o644))
	for _, n := range []string{"usr/share/p/.nimbus-unpack-a", "usr/share/p/.nimbus-unpack-l"} {
		must(os.Symlink(filepath.Join(outside, "victim"), filepath.Join(dir, n)))
	}
	files := []rpm.File{
		{Path: "/lib/m", Mode: rpm.ModeDir | 0o700, Mtime: 1000000000},
		{Path: "/lib/m/f", Mode: rpm.ModeRegular | 0o644, Size: 1, Mtime: 1000000000},
		{Path: "/a/b", Mode: rpm.ModeSymlink | 0o777, LinkTo: "c", Mtime: 1000000000},
		{Path: "/a/c", Mode: rpm.ModeDir | 0o755, Mtime: 1000000000},
		{Path: "/a/c/g", Mode: rpm.ModeRegular | 0o644, Size: 1, Mtime: 1000000000},
		{Path: "/usr/share/p/a", Mode: rpm.ModeRegular | 0o644, Size: 3, Mtime: 1000000000},
		{Path: "/usr/share/p/l", Mode: rpm.ModeSymlink | 0o777, LinkTo: "a", Mtime: 1000000000},
	}
	if _, err := extract(t, pack(t, files, memSource{"/lib/m/f": "f", "/a/c/g": "g", "/usr/share/p/a": "new"}), dir); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "usr/lib/m/f")); err != nil || string(b) != "f" {
		t.Errorf("usr/lib/m/f = %q, %v (through the lib symlink)", b, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "usr/lib/m")); err != nil || fi.Mode().Perm() != 0o700 || fi.ModTime().Unix() != 1000000000 {
		t.Errorf("usr/lib/m: %v %v", fi, err)
	}
	if l, err := os.Readlink(filepath.Join(dir, "lib")); err != nil || l != "usr/lib" {
		t.Errorf("lib = %q, %v", l, err)
	}
	if l, err := os.Readlink(filepath.Join(dir, "a/b")); err != nil || l != "c" {
		t.Errorf("a/b = %q, %v: the empty directory was not replaced by the symlink", l, err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a/b/g")); err != nil || string(b) != "g" {
		t.Errorf("a/b/g = %q, %v", b, err)
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "victim")); string(b) != "keep" {
		t.Errorf("a file outside the root was written through a leftover temporary symlink: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "usr/share/p/.nimbus-unpack-*")); len(left) > 0 {
		t.Errorf("temporary names left: %v", left)
	}

	// A directory entry and a file under a symlink that leads out of the root: refused,
	// nothing created outside.
	must(os.Symlink(outside, filepath.Join(dir, "out")))
	evil := []rpm.File{
		{Path: "/out/d", Mode: rpm.ModeDir | 0o755},
		{Path: "/out/d/f", Mode: rpm.ModeRegular | 0o644, Size: 1},
	}
	if _, err := extract(t, pack(t, evil, memSource{"/out/d/f": "x"}), dir); err == nil {
		t.Error("extraction through a symlink out of the root succeeded")
	}
	if _, err := os.Lstat(filepath.Join(outside, "d")); err == nil {
		t.Error("a directory was created outside the root")
	}
}

// A file is chowned unless it has its owner already (Dirs.ownedAlready): a root-owned file
// in a setgid directory of another group, or in a directory the package itself gives
// another group (one Dirs shared by two packages, as a transaction does), still ends up
// root:root.
func TestOwnerInGroupDirectories(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: chown to other groups")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "srv/sgid"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(filepath.Join(dir, "srv/sgid"), 0, 1234); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "srv/sgid"), 0o2755); err != nil {
		t.Fatal(err)
	}
	dirs, err := OpenDirs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer dirs.Close()
	owner := func(f *rpm.File) (int, int) {
		if f.Group == "mail" {
			return 0, 12
		}
		return 0, 0
	}
	install := func(files []rpm.File, src memSource) {
		t.Helper()
		p, err := rpm.Read(bytes.NewReader(pack(t, files, src)))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := rpm.FromHeader(p.Header)
		if _, err := ExtractWith("t.rpm", p, info, dir, Options{Owner: owner, Dirs: dirs}); err != nil {
			t.Fatal(err)
		}
	}
	install([]rpm.File{
		{Path: "/srv/sgid/a", Mode: rpm.ModeRegular | 0o644, Size: 1},
		{Path: "/var/mail", Mode: rpm.ModeDir | 0o2775, Group: "mail"},
		{Path: "/var/x", Mode: rpm.ModeRegular | 0o644, Size: 1},
	}, memSource{"/srv/sgid/a": "a", "/var/x": "x"})
	install([]rpm.File{{Path: "/var/mail/b", Mode: rpm.ModeRegular | 0o644, Size: 1}}, memSource{"/var/mail/b": "b"})
	for p, want := range map[string]uint32{"srv/sgid/a": 0, "var/mail/b": 0, "var/x": 0, "var/mail": 12} {
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 || st.Gid != want {
			t.Errorf("%s: owner %d:%d, want 0:%d", p, st.Uid, st.Gid, want)
		}
	}
}

// A descriptor dropped from the cache (Invalidate, forget) while a window uses it stays
// open until the window closes: its number is never reused under the goroutine using it.
func TestDirsRetiredAfterWindow(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenDirs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.enter()
	fd, err := c.open("a/b")
	if err != nil {
		t.Fatal(err)
	}
	c.Invalidate() // another goroutine's scriptlet, say
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		t.Fatalf("descriptor closed inside the window: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "a/b")); err != nil || !fi.IsDir() {
		t.Fatalf("a/b not created: %v", err)
	}
	c.leave()
	if err := syscall.Fstat(fd, &st); err != syscall.EBADF {
		t.Errorf("retired descriptor still open after the window: %v", err)
	}
	if len(c.fds) != 0 || len(c.retired) != 0 {
		t.Errorf("cache %v, retired %v after Invalidate", c.fds, c.retired)
	}
}

// With one Dirs for several packages, a path a package replaces (here a symlink by a
// regular file) is no longer reached through the directory cached for it.
func TestSharedDirsForgetReplaced(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "opt/real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(dir, "opt/link")); err != nil {
		t.Fatal(err)
	}
	dirs, err := OpenDirs(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer dirs.Close()
	install := func(files []rpm.File, src memSource) error {
		t.Helper()
		p, err := rpm.Read(bytes.NewReader(pack(t, files, src)))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := rpm.FromHeader(p.Header)
		_, err = ExtractWith("t.rpm", p, info, dir, Options{Dirs: dirs})
		return err
	}
	if err := install([]rpm.File{{Path: "/opt/link/f", Mode: rpm.ModeRegular | 0o644, Size: 1}}, memSource{"/opt/link/f": "f"}); err != nil {
		t.Fatal(err)
	}
	if err := install([]rpm.File{{Path: "/opt/link", Mode: rpm.ModeRegular | 0o644, Size: 1}}, memSource{"/opt/link": "l"}); err != nil {
		t.Fatal(err)
	}
	if err := install([]rpm.File{{Path: "/opt/link/g", Mode: rpm.ModeRegular | 0o644, Size: 1}}, memSource{"/opt/link/g": "g"}); err == nil {
		t.Error("a file was written under a path that is now a regular file")
	}
	if _, err := os.Lstat(filepath.Join(dir, "opt/real/g")); err == nil {
		t.Error("opt/real/g: written through the directory cached for the replaced symlink")
	}
}
