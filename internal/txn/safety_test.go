package txn

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// hashTree is a digest of every path, type, mode, link target, content and directory
// mtime under dir: equal digests mean nothing under dir changed.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v", strings.TrimPrefix(p, dir), fi.Mode())
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			line += " -> " + l
		case fi.IsDir():
			// A file created and removed again (a scriptlet's temporary file) leaves
			// only this trace.
			line += fmt.Sprintf(" mtime %d", fi.ModTime().UnixNano())
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s := sha256.Sum256(b)
			line += " " + hex.EncodeToString(s[:])
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// escapeLink makes root/rel a symlink to the host directory host: absolute, or relative
// with enough ".." to climb out of the root.
func escapeLink(t *testing.T, root, rel, host string, absolute bool) {
	t.Helper()
	p := filepath.Join(root, rel)
	os.RemoveAll(p)
	os.MkdirAll(filepath.Dir(p), 0o755)
	target := host
	if !absolute {
		var err error
		if target, err = filepath.Rel(filepath.Dir(p), host); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

const (
	confPkg = `
name: conf
version: "%s"
release: "1"
arch: noarch
summary: s
license: MIT
files:
  - {path: /etc/d/plain.conf, content: "plain %[1]s\n", config: "true"}
  - {path: /etc/d/keep.conf, content: "keep %[1]s\n", config: noreplace}
  - {path: /usr/share/conf/data, content: "data %[1]s\n"}
scripts:
  post: echo post >> /var/log/scripts.log
  preun: echo preun >> /var/log/scripts.log
`
)

// TestSymlinksOutOfRoot is part (c) of the fault suite: every file operation of install,
// upgrade, erase, %config handling and scriptlets runs against a root whose directories
// are symlinks (absolute, and relative with ".." past the root) to a host directory; the
// host directory must not change. rpm 4.18 works chrooted: it finds nothing at such a path
// (an install fails with "cpio: open failed", an erase leaves the path alone); Nimbus
// resolves every path inside the root (os.Root) and refuses or skips the same paths.
func TestSymlinksOutOfRoot(t *testing.T) {
	dir := t.TempDir()
	v1 := build(t, dir, fmt.Sprintf(confPkg, "1"), nil)
	v2 := build(t, dir, fmt.Sprintf(confPkg, "2"), nil)
	type op struct {
		name  string
		links []string // directories of the root made symlinks out of it
		// before: the installed state (after which the links are made); then run.
		installFirst bool
		run          func(root string) (*Result, error)
		wantErr      bool
	}
	ops := []op{
		{"install into linked dirs", []string{"etc/d", "usr/share/conf"}, false, func(root string) (*Result, error) {
			return Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: v1}}})
		}, true},
		{"upgrade with linked config dir", []string{"etc/d"}, true, func(root string) (*Result, error) {
			return Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: v2, Replaces: []int64{numOfRoot(root, "conf")}}}})
		}, true},
		{"erase with linked dirs", []string{"etc/d", "usr/share/conf"}, true, func(root string) (*Result, error) {
			return Run(context.Background(), opts(root), Request{Erase: []int64{numOfRoot(root, "conf")}})
		}, false},
		{"journal dir linked", []string{"var/lib/nimbus"}, false, func(root string) (*Result, error) {
			return Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: v1}}})
		}, true},
		{"scriptlet temp dir linked", []string{"var/tmp"}, false, func(root string) (*Result, error) {
			return Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: v1}}})
		}, false},
	}
	for _, o := range ops {
		for _, absolute := range []bool{true, false} {
			name := o.name + map[bool]string{true: "/absolute", false: "/relative"}[absolute]
			t.Run(name, func(t *testing.T) {
				root, host := newRoot(t), t.TempDir()
				// The host directory holds files at the names the package uses.
				for _, f := range []string{"plain.conf", "keep.conf", "data", "rpm-tmp.x"} {
					os.WriteFile(filepath.Join(host, f), []byte("host "+f+"\n"), 0o644)
				}
				if o.installFirst {
					if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: v1}}}); err != nil {
						t.Fatal(err)
					}
					// The administrator changed the configuration (so erase and upgrade
					// would save it) before the directories became links.
					os.WriteFile(filepath.Join(root, "etc/d/plain.conf"), []byte("changed\n"), 0o644)
				}
				for _, l := range o.links {
					escapeLink(t, root, l, host, absolute)
				}
				before := hashTree(t, host)
				_, err := o.run(root)
				if (err != nil) != o.wantErr {
					t.Errorf("error %v, want one: %v", err, o.wantErr)
				}
				if after := hashTree(t, host); after != before {
					t.Errorf("the host directory changed:\nbefore:\n%s\nafter:\n%s", before, after)
				}
				// Never wedged: the next transaction finds no journal to replay.
				if _, err := os.Stat(filepath.Join(root, JournalPath)); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("journal left behind: %v", err)
				}
			})
		}
	}
	// The error text isEscape relies on (os does not export it).
	rt, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	if _, err := rt.Lstat("../x"); !isEscape(err) {
		t.Fatalf("os.Root's escape error is no longer recognized: %v", err)
	}
}

func numOfRoot(root, name string) int64 {
	ns, _ := lookupNums(root, name)
	if len(ns) != 1 {
		return -1
	}
	return ns[0]
}

// TestScriptletTmpDir: the root's var/tmp is created 1777 (world-writable, sticky) when a
// scriptlet needs it, and no rpm-tmp.* file stays behind.
func TestScriptletTmpDir(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: build(t, dir, libfoo, nil)}}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(root, ScriptTmpDir))
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode() & (fs.ModePerm | fs.ModeSticky); got != 0o777|fs.ModeSticky {
		t.Errorf("/var/tmp mode %v, want dtrwxrwxrwx (1777)", fi.Mode())
	}
	if left, _ := filepath.Glob(filepath.Join(root, ScriptTmpDir, "rpm-tmp.*")); len(left) > 0 {
		t.Errorf("left: %v", left)
	}
}

// TestScriptletTmpCleanedAfterKill: a scriptlet kills the package manager while its body
// file exists (a real kill -9 of the process running the transaction); the recovery that
// the next run does removes the file.
func TestScriptletTmpCleanedAfterKill(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	killer := build(t, dir, `
name: killer
version: "1"
release: "1"
arch: noarch
summary: s
license: MIT
files: [{path: /usr/share/killer/f, content: "f\n"}]
scripts:
  post: '[ -e /var/log/killed ] || { touch /var/log/killed; kill -9 $PPID; sleep 5; }'
`, nil)
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), installEnv+"="+root+"|"+killer)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the transaction was not killed by its scriptlet: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ScriptTmpDir, "rpm-tmp.*")); len(left) == 0 {
		t.Fatal("the kill left no scriptlet file: the test does not test anything")
	}
	res, err := Recover(context.Background(), opts(root))
	if err != nil || !res.Recovered {
		t.Fatalf("recovery: %v %+v", err, res)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ScriptTmpDir, "rpm-tmp.*")); len(left) > 0 {
		t.Errorf("scriptlet files left after recovery: %v", left)
	}
	if got := strings.Join(installedNames(t, root), " "); got != "killer-1-1.noarch" {
		t.Errorf("installed: %s", got)
	}
	rpmVerify(t, root)
}

// installEnv makes the test binary install one package file into a root (root|file) and
// exit: the child side of tests that kill a real transaction from inside.
const installEnv = "NIMBUS_TXN_INSTALL"

func installChild(spec string) error {
	root, file, _ := strings.Cut(spec, "|")
	_, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: file}}})
	return err
}

// countWriter counts what it is given.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// TestScriptletOutputBounded: a scriptlet printing 64 MB neither grows the package
// manager's memory with it nor floods the output: the first OutputLimit bytes are shown,
// then one line saying how much was not; a failing scriptlet's error quotes only its tail.
func TestScriptletOutputBounded(t *testing.T) {
	root := newRoot(t)
	const total = 64 << 20
	out := &countWriter{}
	r := ChrootRunner{Output: out, OutputLimit: 1 << 20}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := r.Run(context.Background(), root, Script{Package: "noisy-1-1.noarch", Kind: "%post",
		Body: fmt.Sprintf("busybox yes 0123456789abcdefghijklmnopqrstuvwxyz | busybox head -c %d; echo the-end; exit 3", total)})
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "the-end") || len(err.Error()) > 1000 {
		t.Errorf("error: want the output's tail, bounded; got %d bytes: %.300v", len(err.Error()), err)
	}
	if out.n < 1<<20 || out.n > 1<<20+200 {
		t.Errorf("shown %d bytes, want the 1 MiB limit and a note", out.n)
	}
	t.Logf("%d bytes of output: %d shown, %d bytes allocated", total, out.n, after.TotalAlloc-before.TotalAlloc)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("allocated %d bytes for %d bytes of scriptlet output", alloc, total)
	}
}

func lookupNums(root, name string) ([]int64, error) {
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	got, err := db.Lookup(context.Background(), "Name", name)
	var nums []int64
	for _, p := range got {
		nums = append(nums, p.Num)
	}
	return nums, err
}

// withPayload rewrites a package file with a new payload: every entry of the original, but
// the named file's content replaced (the header, and its size and digest, stay).
func withPayload(t *testing.T, file, path string, content []byte) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// lead (96 bytes), signature header (padded to 8), main header, payload.
	hdrLen := func(off int) int {
		n := int(binary.BigEndian.Uint32(b[off+8:]))
		size := int(binary.BigEndian.Uint32(b[off+12:]))
		return 16 + 16*n + size
	}
	off := 96
	off += hdrLen(off)
	off += (8 - off%8) % 8
	off += hdrLen(off)
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := rpm.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := p.OpenPayload()
	if err != nil {
		t.Fatal(err)
	}
	defer ar.Close()
	var buf bytes.Buffer
	zw, err := compress.NewWriter(compress.Kind(p.Header.String(tag.Payloadcompressor)), &buf, 3)
	if err != nil {
		t.Fatal(err)
	}
	w := cpio.NewWriter(zw)
	for {
		h, err := ar.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(io.LimitReader(ar, h.Size))
		if err != nil {
			t.Fatal(err)
		}
		if h.Name == "."+path {
			data = content
		}
		h.Size = int64(len(data))
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	w.Close()
	zw.Close()
	out := filepath.Join(t.TempDir(), filepath.Base(file))
	if err := os.WriteFile(out, append(append([]byte(nil), b[:off]...), buf.Bytes()...), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRefusedPackageNeverWedges: an upgrade whose package is refused half-way through its
// payload (an entry larger than its header says, which rpm -V would report as S) fails
// that package alone: nothing of it is in place, the version it replaces stays intact, the
// other packages of the transaction go in, no journal is left, and the next transaction
// runs.
func TestRefusedPackageNeverWedges(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	lib := build(t, dir, libfoo, nil)
	app1 := build(t, dir, appV("1", "one"), nil)
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: lib}, {File: app1}}}); err != nil {
		t.Fatal(err)
	}
	// The administrator changed a plain %config file: the upgrade saves it as .rpmsave
	// before unpacking, and must put it back when the package is refused.
	os.WriteFile(filepath.Join(root, "etc/app.plain"), []byte("mine\n"), 0o644)
	good := build(t, dir, appV("2", "two"), nil)
	bad := withPayload(t, good, "/usr/share/app/data-2", []byte("v2 and much more than the header says\n"))
	extra := build(t, dir, "name: extra\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/extra/1, content: '1'}]\n", nil)
	_, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: bad, Replaces: []int64{numOf(t, root, "app")}}, {File: extra}}})
	var se *StepError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "app-2-1.noarch") || !strings.Contains(err.Error(), "header says") {
		t.Fatalf("want a StepError naming app-2 and the size mismatch, got %v", err)
	}
	if got := strings.Join(installedNames(t, root), " "); got != "app-1-1.noarch extra-1-1.noarch libfoo-1.0-1.noarch" {
		t.Errorf("installed: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "etc/app.plain")); string(b) != "mine\n" {
		t.Errorf("etc/app.plain: %q, want the administrator's version back", b)
	}
	for _, p := range []string{"usr/share/app/data-2", "etc/app.plain.rpmsave", JournalPath} {
		if _, err := os.Lstat(filepath.Join(root, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want it absent", p, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(root, "*/*/*/.nimbus-unpack-*")); len(left) > 0 {
		t.Errorf("staged files left: %v", left)
	}
	for p, want := range map[string]string{"usr/share/app/data-1": "v1\n", "usr/share/app/common": "common\n", "usr/share/extra/1": "1"} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err != nil || string(b) != want {
			t.Errorf("%s: %q %v, want %q", p, b, err, want)
		}
	}
	// Not wedged: the good package goes in.
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: good, Replaces: []int64{numOf(t, root, "app")}}}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(installedNames(t, root), " "); got != "app-2-1.noarch extra-1-1.noarch libfoo-1.0-1.noarch" {
		t.Errorf("installed after the retry: %s", got)
	}
	rpmVerify(t, root)
}

// TestEraseRemoveFailureIsAWarning: a file the erase cannot remove (here a mount point,
// EBUSY) is a warning, as in rpm without %_erasure_strict; the package leaves the rpmdb and
// no journal stays behind to fail every later command.
func TestEraseRemoveFailureIsAWarning(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	pkg := build(t, dir, fmt.Sprintf(confPkg, "1"), nil)
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: pkg}}}); err != nil {
		t.Fatal(err)
	}
	busy := filepath.Join(root, "usr/share/conf/data")
	src := filepath.Join(t.TempDir(), "over")
	os.WriteFile(src, []byte("over\n"), 0o644)
	if out, err := exec.Command("mount", "--bind", src, busy).CombinedOutput(); err != nil {
		msg := fmt.Sprintf("cannot bind-mount a file to make it busy (needs root): %v: %s", err, out)
		testfiles.Need(t, errors.New(msg))
	}
	defer exec.Command("umount", busy).Run()
	res, err := Run(context.Background(), opts(root), Request{Erase: []int64{numOf(t, root, "conf")}})
	if err != nil {
		t.Fatalf("erase: %v", err)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "/usr/share/conf/data: remove failed") {
		t.Errorf("no warning about the busy file: %q", res.Warnings)
	}
	if got := installedNames(t, root); len(got) != 0 {
		t.Errorf("installed after the erase: %v", got)
	}
	if _, err := os.Stat(filepath.Join(root, JournalPath)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("journal left behind: %v", err)
	}
}

// TestSymlinksOutOfRootRPM pins the referee's behaviour that TestSymlinksOutOfRoot and
// txn.md compare with: rpm 4.18 on the same roots (directories linked out of the root,
// absolutely and relatively) fails the install (its chroot finds no such directory), erases
// without touching the link's target, and leaves the host directory unchanged.
func TestSymlinksOutOfRootRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	v1 := build(t, t.TempDir(), fmt.Sprintf(confPkg, "1"), nil)
	rpmCmd := func(root string, args ...string) error {
		cmd := exec.Command(rpmBin, append([]string{"--root", root, "--dbpath", "/var/lib/rpm"}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		t.Logf("rpm %s: %v\n%s", strings.Join(args, " "), err, out)
		return err
	}
	for _, absolute := range []bool{true, false} {
		t.Run(map[bool]string{true: "absolute", false: "relative"}[absolute], func(t *testing.T) {
			for _, op := range []string{"install", "erase"} {
				root, host := newRoot(t), t.TempDir()
				for _, f := range []string{"plain.conf", "keep.conf", "data"} {
					os.WriteFile(filepath.Join(host, f), []byte("host "+f+"\n"), 0o644)
				}
				if err := rpmCmd(root, "--initdb"); err != nil {
					t.Fatal(err)
				}
				if op == "erase" {
					if err := rpmCmd(root, "-i", "--nodeps", "--nosignature", "--noscripts", v1); err != nil {
						t.Fatal(err)
					}
					os.WriteFile(filepath.Join(root, "etc/d/plain.conf"), []byte("changed\n"), 0o644)
				}
				for _, l := range []string{"etc/d", "usr/share/conf"} {
					escapeLink(t, root, l, host, absolute)
				}
				before := hashTree(t, host)
				if op == "install" {
					if err := rpmCmd(root, "-i", "--nodeps", "--nosignature", "--noscripts", v1); err == nil {
						t.Errorf("rpm installed into directories linked out of the root")
					}
				} else if err := rpmCmd(root, "-e", "--nodeps", "--noscripts", "conf"); err != nil {
					t.Errorf("rpm -e: %v", err)
				}
				if after := hashTree(t, host); after != before {
					t.Errorf("rpm %s changed the host directory:\nbefore:\n%s\nafter:\n%s", op, before, after)
				}
			}
		})
	}
}
