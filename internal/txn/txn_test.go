package txn

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

// build packs a package description (YAML) into dir and returns the file.
func build(t testing.TB, dir, yaml string, files fstest.MapFS) string {
	t.Helper()
	desc, err := pkgdesc.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	if files == nil {
		files = fstest.MapFS{}
	}
	info, src, err := desc.Build(files, pkgdesc.Options{BuildTime: time.Unix(1764000000, 0), Clamp: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rpm.Write(&buf, info, src, rpm.WriteOptions{Level: 3}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, info.NEVRA()+".rpm")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// newRoot makes an install root with a static busybox as /bin/sh, so scriptlets really run
// in a chroot, and a passwd/group with a non-root user.
func newRoot(t testing.TB) string {
	t.Helper()
	bb, err := exec.LookPath("busybox")
	if err != nil {
		t.Fatal("busybox (busybox-static) is not installed; run scripts/setup.sh")
	}
	root := t.TempDir()
	for _, d := range []string{"bin", "etc", "var/log", "tmp"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	data, err := os.ReadFile(bb)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "bin/busybox"), data, 0o755)
	os.Symlink("busybox", filepath.Join(root, "bin/sh"))
	os.WriteFile(filepath.Join(root, "etc/passwd"), []byte("root:x:0:0:root:/root:/bin/sh\nweb:x:33:33::/var/www:/bin/false\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/group"), []byte("root:x:0:\nweb:x:33:\n"), 0o644)
	return root
}

const logScripts = `
scripts:
  pretrans: echo "pretrans %[1]s $1" >> /var/log/scripts.log
  pre: echo "pre %[1]s $1" >> /var/log/scripts.log
  post: echo "post %[1]s $1" >> /var/log/scripts.log
  preun: echo "preun %[1]s $1" >> /var/log/scripts.log
  postun: echo "postun %[1]s $1" >> /var/log/scripts.log
  posttrans: echo "posttrans %[1]s $1" >> /var/log/scripts.log
`

func appV(version, conf string) string {
	return `
name: app
version: "` + version + `"
release: "1"
arch: noarch
summary: test app
license: MIT
requires: ["libfoo >= 1"]
files:
  - {path: /etc/app.conf, content: "` + conf + `\n", config: noreplace}
  - {path: /etc/app.plain, content: "` + conf + `\n", config: "true"}
  - {path: /usr/share/app, dir: true}
  - {path: /usr/share/app/data-` + version + `, content: "v` + version + `\n"}
  - {path: /usr/share/app/common, content: "common\n"}
  - {path: /usr/bin/app, content: "#!/bin/sh\n", mode: "0755", owner: web, group: web}
` + strings.ReplaceAll(logScripts, "%[1]s", "app-"+version)
}

const libfoo = `
name: libfoo
version: "1.0"
release: "1"
arch: noarch
summary: test lib
license: MIT
files:
  - {path: /usr/lib/libfoo.txt, content: "foo\n"}
scripts:
  post: echo "post libfoo $1" >> /var/log/scripts.log
`

func opts(root string) Options {
	return Options{Root: root, Runner: ChrootRunner{Timeout: 20 * time.Second}, Now: func() time.Time { return time.Unix(1764000500, 0) }}
}

func installedNames(t *testing.T, root string) []string {
	t.Helper()
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range all {
		i, _ := p.Info()
		out = append(out, i.NEVRA())
	}
	sort.Strings(out)
	return out
}

func numOf(t *testing.T, root, name string) int64 {
	t.Helper()
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Lookup(context.Background(), "Name", name)
	if err != nil || len(got) != 1 {
		t.Fatalf("lookup %s: %d %v", name, len(got), err)
	}
	return got[0].Num
}

// rpmVerify runs the real rpm -Va on the root; it must report nothing.
func rpmVerify(t *testing.T, root string) {
	t.Helper()
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	out, err := exec.Command(rpmBin, "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps", "--noscripts").CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("rpm -Va: %v\n%s", err, out)
	}
}

func readLog(t *testing.T, root string) string {
	b, _ := os.ReadFile(filepath.Join(root, "var/log/scripts.log"))
	return string(b)
}

func TestInstallUpgradeErase(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	lib := build(t, dir, libfoo, nil)
	app1 := build(t, dir, appV("1", "one"), nil)
	app2 := build(t, dir, appV("2", "two"), nil)
	ctx := context.Background()

	// Install: libfoo is ordered before app, which requires it.
	res, err := Run(ctx, opts(root), Request{Install: []InstallItem{{File: app1}, {File: lib}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Installed, " ") != "libfoo-1.0-1.noarch app-1-1.noarch" {
		t.Errorf("install order: %v", res.Installed)
	}
	if got := readLog(t, root); got != "pretrans app-1 1\npost libfoo 1\npre app-1 1\npost app-1 1\nposttrans app-1 1\n" {
		t.Errorf("scriptlets:\n%s", got)
	}
	rpmVerify(t, root)

	// The administrator edits both config files; the upgrade keeps the noreplace one and
	// writes .rpmnew, and saves the plain %config one as .rpmsave.
	os.WriteFile(filepath.Join(root, "etc/app.conf"), []byte("mine\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/app.plain"), []byte("mine\n"), 0o644)
	os.Remove(filepath.Join(root, "var/log/scripts.log"))
	res, err = Run(ctx, opts(root), Request{Install: []InstallItem{{File: app2, Replaces: []int64{numOf(t, root, "app")}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := readLog(t, root); got != "pretrans app-2 2\npre app-2 2\npost app-2 2\npreun app-1 1\npostun app-1 1\nposttrans app-2 2\n" {
		t.Errorf("upgrade scriptlets (rpm 4.18 passes these, checked with the real rpm):\n%s", got)
	}
	for p, want := range map[string]string{
		"etc/app.conf": "mine\n", "etc/app.conf.rpmnew": "two\n",
		"etc/app.plain": "two\n", "etc/app.plain.rpmsave": "mine\n",
		"usr/share/app/data-2": "v2\n", "usr/share/app/common": "common\n",
	} {
		if b, err := os.ReadFile(filepath.Join(root, p)); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", p, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "usr/share/app/data-1")); !os.IsNotExist(err) {
		t.Errorf("file of the old version survived the upgrade: %v", err)
	}
	if got := installedNames(t, root); strings.Join(got, " ") != "app-2-1.noarch libfoo-1.0-1.noarch" {
		t.Errorf("installed: %v", got)
	}
	// rpm -V: the modified noreplace config differs (as rpm would also report it).
	rpmBin, _ := exec.LookPath("rpm")
	out, _ := exec.Command(rpmBin, "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps", "--noscripts").CombinedOutput()
	if strings.TrimSpace(string(out)) != "S.5....T.  c /etc/app.conf" {
		t.Errorf("rpm -Va after upgrade: %q", out)
	}

	// Erase app: its files go, the modified config stays as .rpmsave, libfoo's files stay.
	os.Remove(filepath.Join(root, "var/log/scripts.log"))
	if _, err := Run(ctx, opts(root), Request{Erase: []int64{numOf(t, root, "app")}}); err != nil {
		t.Fatal(err)
	}
	if got := readLog(t, root); got != "preun app-2 0\npostun app-2 0\n" {
		t.Errorf("erase scriptlets:\n%s", got)
	}
	for _, p := range []string{"usr/bin/app", "usr/share/app/common", "usr/share/app", "etc/app.plain"} {
		if _, err := os.Lstat(filepath.Join(root, p)); !os.IsNotExist(err) {
			t.Errorf("%s survived the erase: %v", p, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(root, "etc/app.conf.rpmsave")); string(b) != "mine\n" {
		t.Errorf("modified config not saved: %q", b)
	}
	if _, err := os.Stat(filepath.Join(root, "usr/lib/libfoo.txt")); err != nil {
		t.Errorf("another package's file was removed: %v", err)
	}
	rpmVerify(t, root)
	if _, err := os.Stat(filepath.Join(root, JournalPath)); !os.IsNotExist(err) {
		t.Errorf("journal left behind: %v", err)
	}
}

func TestOwnersFromRootPasswd(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: build(t, dir, libfoo, nil)}, {File: build(t, dir, appV("1", "x"), nil)}}}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(root, "usr/bin/app"))
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 33 || st.Gid != 33 || fi.Mode().Perm() != 0o755 {
		t.Errorf("/usr/bin/app: owner %d:%d mode %v, want web (33:33) 0755 from the root's passwd", st.Uid, st.Gid, fi.Mode())
	}
	rpmVerify(t, root) // rpm -V checks the owner by name against the root's passwd
}

func TestFailingPreKeepsPackageOut(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	bad := build(t, dir, `
name: bad
version: "1"
release: "1"
arch: noarch
summary: s
license: MIT
files: [{path: /usr/share/bad, content: "x"}]
scripts:
  pre: "exit 3"
`, nil)
	lib := build(t, dir, libfoo, nil)
	_, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: bad}, {File: lib}}})
	var se *StepError
	if !errors.As(err, &se) || !strings.Contains(se.Error(), "bad-1-1.noarch") {
		t.Fatalf("err = %v, want a StepError naming bad", err)
	}
	if got := installedNames(t, root); strings.Join(got, " ") != "libfoo-1.0-1.noarch" {
		t.Errorf("installed: %v", got)
	}
	if _, err := os.Stat(filepath.Join(root, "usr/share/bad")); !os.IsNotExist(err) {
		t.Errorf("files of the failed package were written: %v", err)
	}
	rpmVerify(t, root)
}

func TestConflictsStopEverything(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	a := build(t, dir, "name: a\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /etc/shared, content: a}]\n", nil)
	b := build(t, dir, "name: b\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /etc/shared, content: b}]\n", nil)
	same := build(t, dir, "name: c\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /etc/shared, content: a}]\n", nil)
	_, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: a}, {File: b}}})
	var ce *ConflictError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "/etc/shared") {
		t.Fatalf("err = %v", err)
	}
	if got := installedNames(t, root); len(got) != 0 {
		t.Errorf("installed after a conflict: %v", got)
	}
	// Identical files may be shared; against an installed package the conflict is found too.
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: a}, {File: same}}}); err != nil {
		t.Fatalf("identical shared file: %v", err)
	}
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: b}}}); !errors.As(err, &ce) {
		t.Fatalf("conflict with installed package: %v", err)
	}
}

func TestOrderLoops(t *testing.T) {
	mk := func(name string, reqs ...string) *rpm.Info {
		i := &rpm.Info{Name: name, Version: "1", Release: "1", Arch: "noarch"}
		i.Provides = append(i.Provides, mustDep(t, name+" = 1-1"))
		for _, r := range reqs {
			i.Requires = append(i.Requires, mustDep(t, r))
		}
		return i
	}
	a, b, c, d := mk("a", "b"), mk("b", "c"), mk("c", "b"), mk("d", "a")
	// b and c form a loop; a needs b; d needs a.
	var names []string
	for _, p := range orderPackages([]*rpm.Info{d, a, c, b}) {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, ""); got != "bcad" && got != "cbad" {
		t.Errorf("order = %s", got)
	}
}

func mustDep(t *testing.T, s string) dep.Dep {
	t.Helper()
	d, err := dep.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestReinstall: a reinstall's new row has the SHA1HEADER of the row it replaces; the
// package must stay in the rpmdb, with its files, scriptlets run as rpm runs them.
func TestReinstall(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	lib := build(t, dir, libfoo, nil)
	app := build(t, dir, appV("1", "one"), nil)
	if _, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: lib}, {File: app}}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		num := numOf(t, root, "app")
		os.Remove(filepath.Join(root, "var/log/scripts.log"))
		res, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: app, Replaces: []int64{num}}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(installedNames(t, root), " "); got != "app-1-1.noarch libfoo-1.0-1.noarch" {
			t.Fatalf("after reinstall %d: installed %s", i+1, got)
		}
		if n := numOf(t, root, "app"); n == num {
			t.Errorf("reinstall kept the old row %d", n)
		}
		if len(res.Installed) != 1 || len(res.Erased) != 1 {
			t.Errorf("result: %+v", res)
		}
		want := "pretrans app-1 2\npre app-1 2\npost app-1 2\npreun app-1 1\npostun app-1 1\nposttrans app-1 2\n"
		if got := readLog(t, root); got != want {
			t.Errorf("scriptlets:\n%s\nwant:\n%s", got, want)
		}
		for _, f := range []string{"usr/bin/app", "etc/app.conf", "usr/share/app/data-1"} {
			if _, err := os.Stat(filepath.Join(root, f)); err != nil {
				t.Errorf("%s after reinstall: %v", f, err)
			}
		}
		rpmVerify(t, root)
	}
}

// TestCancelBetweenSteps: the database statements do not watch the context (dbCtx), so a
// cancelled transaction stops before its next step instead: Run returns the context's
// error, the journal stays, and Recover finishes the transaction.
func TestCancelBetweenSteps(t *testing.T) {
	root := newRoot(t)
	dir := t.TempDir()
	var files []InstallItem
	for _, n := range []string{"one", "two", "three"} {
		files = append(files, InstallItem{File: build(t, dir, "name: "+n+"\nversion: \"1\"\nrelease: \"1\"\narch: noarch\nsummary: s\nlicense: MIT\nfiles:\n  - {path: /usr/share/"+n+"/f, content: \""+n+"\\n\"}\n", nil)})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := opts(root)
	o.Hook = func(point string) {
		if strings.HasSuffix(point, ":post") && strings.HasPrefix(point, "install:one-") {
			cancel()
		}
	}
	_, err := Run(ctx, o, Request{Install: files})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel: %v, want context.Canceled", err)
	}
	if !Pending(root) {
		t.Fatal("no journal left by the cancelled transaction")
	}
	if got := installedNames(t, root); len(got) != 0 {
		t.Fatalf("installed before recovery: %v (the open batch is rolled back)", got)
	}
	if _, err := Recover(context.Background(), opts(root)); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(installedNames(t, root), " "), "one-1-1.noarch three-1-1.noarch two-1-1.noarch"; got != want {
		t.Fatalf("after recovery: %s, want %s", got, want)
	}
	rpmVerify(t, root)
}

// One directory cache serves every package of a transaction (unpack.Dirs): a scriptlet
// that moves a directory away and puts a symlink in its place, and adds a user, between two
// packages must be seen by the next one (its file goes through the symlink, and gets the
// new user), not written through the first package's cached descriptor.
func TestScriptletChangesTreeBetweenPackages(t *testing.T) {
	root, dir := newRoot(t), t.TempDir()
	mover := build(t, dir, `
name: mover
version: "1"
release: "1"
arch: noarch
summary: moves its directory
license: MIT
files:
  - {path: /opt/d, dir: true}
  - {path: /opt/d/a, content: "a\n"}
scripts:
  post: mv /opt/d /opt/old && mkdir /opt/e && ln -s e /opt/d && echo "late:x:77:77::/:/bin/false" >> /etc/passwd && echo "late:x:77:" >> /etc/group
`, nil)
	after := build(t, dir, `
name: after
version: "1"
release: "1"
arch: noarch
summary: writes into the moved directory
license: MIT
requires: [mover]
files:
  - {path: /opt/d/b, content: "b\n", owner: late, group: late}
`, nil)
	res, err := Run(context.Background(), opts(root), Request{Install: []InstallItem{{File: after}, {File: mover}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Installed, " ") != "mover-1-1.noarch after-1-1.noarch" {
		t.Fatalf("installed %v", res.Installed)
	}
	fi, err := os.Stat(filepath.Join(root, "opt/e/b"))
	if err != nil {
		t.Fatalf("opt/e/b (through the symlink the scriptlet made): %v", err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 77 || st.Gid != 77 {
		t.Errorf("opt/e/b: owner %d:%d, want the scriptlet's new user 77:77", st.Uid, st.Gid)
	}
	if _, err := os.Lstat(filepath.Join(root, "opt/old/b")); err == nil {
		t.Error("opt/old/b: written through the directory cached before the scriptlet moved it")
	}
}
