package txn

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// svcPkg ships a sysusers.d and a tmpfiles.d file, each with one line that cannot be used,
// and files owned by the account its sysusers.d file declares.
const svcPkg = `
name: svc
version: "1.0"
release: "1"
arch: noarch
summary: a service with its own account
license: MIT
files:
  - {path: /usr/lib/sysusers.d/svc.conf, content: "# svc's accounts\ng svcgrp -\nu svc - \"Svc daemon\" /var/lib/svc\nu bad!name -\nm svc svcgrp\n"}
  - {path: /usr/lib/tmpfiles.d/svc.conf, content: "d /run/svc 0750 svc svcgrp -\nY /nope\nd /var/lib/svc/cache 0700 svc svc -\nL /var/lib/svc/current - - - - /run/svc\n"}
  - {path: /var/lib/svc, dir: true, mode: "0750", owner: svc, group: svc}
  - {path: /var/lib/svc/data, content: "state\n", owner: svc, group: svc}
`

// idOf returns the id of name in a passwd or group file of root.
func idOf(t *testing.T, root, file, name string) int {
	t.Helper()
	b, _ := os.ReadFile(filepath.Join(root, file))
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, ":")
		if len(f) > 2 && f[0] == name {
			n, err := strconv.Atoi(f[2])
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no %s in /%s:\n%s", name, file, b)
	return -1
}

func ownerOf(t *testing.T, p string) (uint32, uint32, os.FileMode) {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return st.Uid, st.Gid, fi.Mode()
}

// TestSysusersAndTmpfilesOnInstall: the transaction applies a package's sysusers.d file
// before its files land (so they get the new account) and its tmpfiles.d file before %post,
// as systemd's rpm macros %sysusers_create_package and %tmpfiles_create do; a line that
// cannot be used is a warning naming file and line and the others apply; a reinstall
// changes no account and recreates only what is missing.
func TestSysusersAndTmpfilesOnInstall(t *testing.T) {
	if os.Geteuid() != 0 {
		testfiles.Need(t, errors.New("giving files their owners needs root"))
	}
	root, dir := newRoot(t), t.TempDir()
	pkg := build(t, dir, svcPkg, fstest.MapFS{})
	ctx := context.Background()
	res, err := Run(ctx, opts(root), Request{Install: []InstallItem{{File: pkg}}})
	if err != nil {
		t.Fatal(err)
	}
	warnings := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"svc-1.0-1.noarch: sysusers: /usr/lib/sysusers.d/svc.conf:4: ", "svc-1.0-1.noarch: tmpfiles: /usr/lib/tmpfiles.d/svc.conf:2: "} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	if strings.Contains(warnings, "does not exist") {
		t.Errorf("files were written before the account existed:\n%s", warnings)
	}
	uid, gid, grp := idOf(t, root, "etc/passwd", "svc"), idOf(t, root, "etc/group", "svc"), idOf(t, root, "etc/group", "svcgrp")
	group, _ := os.ReadFile(filepath.Join(root, "etc/group"))
	if !strings.Contains(string(group), "svcgrp:x:"+strconv.Itoa(grp)+":svc\n") {
		t.Errorf("svc is not a member of svcgrp:\n%s", group)
	}
	if passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd")); !strings.Contains(string(passwd), "svc:x:"+strconv.Itoa(uid)+":"+strconv.Itoa(gid)+":Svc daemon:/var/lib/svc:/usr/sbin/nologin\n") {
		t.Errorf("/etc/passwd:\n%s", passwd)
	}
	check := func(rel string, wantUID, wantGID int, wantMode os.FileMode) {
		t.Helper()
		u, g, m := ownerOf(t, filepath.Join(root, rel))
		if int(u) != wantUID || int(g) != wantGID || m != wantMode {
			t.Errorf("/%s: %d:%d %v, want %d:%d %v", rel, u, g, m, wantUID, wantGID, wantMode)
		}
	}
	check("var/lib/svc/data", uid, gid, 0o644)
	check("var/lib/svc", uid, gid, os.ModeDir|0o750)
	check("run/svc", uid, grp, os.ModeDir|0o750)
	check("var/lib/svc/cache", uid, gid, os.ModeDir|0o700)
	if l, err := os.Readlink(filepath.Join(root, "var/lib/svc/current")); err != nil || l != "/run/svc" {
		t.Errorf("link: %q %v", l, err)
	}
	rpmVerify(t, root)

	// Reinstall: the accounts stay as they are, byte for byte; what went missing comes back.
	before := map[string]string{}
	for _, f := range []string{"etc/passwd", "etc/group", "etc/shadow", "etc/gshadow"} {
		b, _ := os.ReadFile(filepath.Join(root, f))
		before[f] = string(b)
	}
	if err := os.Remove(filepath.Join(root, "var/lib/svc/cache")); err != nil {
		t.Fatal(err)
	}
	res, err = Run(ctx, opts(root), Request{Install: []InstallItem{{File: pkg, Replaces: []int64{numOf(t, root, "svc")}}}})
	if err != nil {
		t.Fatal(err)
	}
	for f, was := range before {
		if b, _ := os.ReadFile(filepath.Join(root, f)); string(b) != was {
			t.Errorf("reinstall changed /%s:\n%s\nwas:\n%s", f, b, was)
		}
	}
	check("var/lib/svc/cache", uid, gid, os.ModeDir|0o700)
	check("run/svc", uid, grp, os.ModeDir|0o750)
	if n := strings.Count(strings.Join(res.Warnings, "\n"), "svc.conf"); n != 2 {
		t.Errorf("reinstall warnings (want the two bad lines again):\n%s", strings.Join(res.Warnings, "\n"))
	}
}

// TestSysconfSkippedWithNoScripts: --noscripts skips what the scriptlets would have done.
func TestSysconfSkippedWithNoScripts(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	pkg := build(t, dir, svcPkg, fstest.MapFS{})
	o := opts(root)
	o.NoScripts = true
	if _, err := Run(context.Background(), o, Request{Install: []InstallItem{{File: pkg}}}); err != nil {
		t.Fatal(err)
	}
	if passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd")); strings.Contains(string(passwd), "svc:") {
		t.Errorf("account created with NoScripts:\n%s", passwd)
	}
	if _, err := os.Lstat(filepath.Join(root, "run/svc")); err == nil {
		t.Error("/run/svc created with NoScripts")
	}
}

func TestConfFiles(t *testing.T) {
	info := &rpmInfoFiles{
		"/usr/lib/tmpfiles.d/b.conf": 0o100644, "/etc/tmpfiles.d/a.conf": 0o100644, "/usr/lib/tmpfiles.d/a.conf": 0o100644,
		"/usr/lib/tmpfiles.d/readme": 0o100644, "/usr/lib/tmpfiles.d/sub/c.conf": 0o100644, "/usr/lib/tmpfiles.d/d.conf": 0o120777,
		"/usr/lib/sysusers.d/x.conf": 0o100644, "/usr/lib/tmpfiles.d": 0o40755,
	}
	got := strings.Join(confFiles(info.info(), []string{"etc/tmpfiles.d", "run/tmpfiles.d", "usr/local/lib/tmpfiles.d", "usr/lib/tmpfiles.d"}), " ")
	if want := "/etc/tmpfiles.d/a.conf /usr/lib/tmpfiles.d/a.conf /usr/lib/tmpfiles.d/b.conf"; got != want {
		t.Errorf("confFiles = %q, want %q", got, want)
	}
}

// rpmInfoFiles is a file list by path and st_mode.
type rpmInfoFiles map[string]uint32

func (m rpmInfoFiles) info() *rpm.Info {
	info := &rpm.Info{Name: "x"}
	for p, mode := range m {
		info.Files = append(info.Files, rpm.File{Path: p, Mode: mode})
	}
	return info
}
