package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distupdate"
	"github.com/nimbus-linux/nimbus/internal/distupdate/archivetest"
)

const distSystemRelease = `name: system-release
version: "2026.0.20261125"
release: "1"
summary: release files
license: MIT
arches: [noarch]
source:
  files:
    files:
      - {path: /etc/os-release, content: "VERSION_ID=2026.0.20261125\n", config: noreplace}
overrides:
  provides: {add: ["system-release(releasever) = 2026.0.20261125"]}
`

// distWorld is a Debian-style archive of the test's own on loopback, a dist directory
// with one Debian recipe (hello) and system-release, and the directories a dist update
// writes.
type distWorld struct {
	t                                 *testing.T
	arch                              *archivetest.Archive
	url                               string
	dist, out, lists, cache, rel, key string
	env                               map[string]string
}

func newDistWorld(t *testing.T) *distWorld {
	needTool(t, "dpkg-deb")
	w := &distWorld{t: t, arch: archivetest.New(t)}
	srv := httptest.NewServer(http.FileServer(http.Dir(w.arch.Dir)))
	t.Cleanup(srv.Close)
	w.url = srv.URL
	w.dist, w.out, w.lists, w.cache, w.rel = t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	w.env = map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}
	keyDir := t.TempDir()
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", filepath.Join(keyDir, "release"))
	w.key = filepath.Join(keyDir, "release.key")
	for p, body := range map[string]string{
		"recipes/hello.yaml":          "name: hello\nsource:\n  debian:\n    package: hello\n",
		"recipes/system-release.yaml": distSystemRelease,
		"sets/test.yaml":              "name: test\npackages: [hello, system-release]\n",
	} {
		full := filepath.Join(w.dist, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *distWorld) hello(suite, version string, depends string, changelog ...[3]string) {
	w.arch.Add(w.t, suite, archivetest.Deb{Name: "hello", Version: version, Arch: "amd64", Depends: depends,
		Files:     map[string]string{"/usr/share/hello/version": version},
		Changelog: archivetest.Changelog("hello", changelog...)})
}

func (w *distWorld) common() []string {
	return []string{"--dist", w.dist, "--set", "test", "--arch", "x86_64", "-o", w.out, "--key", w.key,
		"--apt-lists", w.lists, "--archive-keyring", w.arch.Keyring, "--deb-cache", w.cache}
}

func (w *distWorld) update(extra ...string) (string, string, error) {
	args := append([]string{"dist", "update", "--archive", w.url}, w.common()...)
	return runCLI(w.t, w.env, append(args, extra...)...)
}

func (w *distWorld) mustUpdate(extra ...string) string {
	w.t.Helper()
	out, errs, err := w.update(extra...)
	if err != nil {
		w.t.Fatalf("dist update: %v\n%s%s", err, out, errs)
	}
	return out
}

func (w *distWorld) lock() string {
	b, _ := os.ReadFile(filepath.Join(w.dist, distbuild.LockName))
	return string(b)
}

func (w *distWorld) report() distupdate.Report {
	var r distupdate.Report
	b, err := os.ReadFile(filepath.Join(w.out, "dist-update.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		w.t.Fatal(err)
	}
	return r
}

func (w *distWorld) releases() []string {
	var vs []string
	ents, _ := os.ReadDir(w.rel)
	for _, e := range ents {
		if e.IsDir() && e.Name()[0] >= '0' && e.Name()[0] <= '9' {
			vs = append(vs, e.Name())
		}
	}
	return vs
}

// TestDistUpdateEndToEnd: release A from the archive; the archive gains a fixed hello in
// its security suite whose changelog names two CVEs; dist update moves the lock, drafts
// the advisory with both ids, publishes release B with it in updateinfo; a root
// installed from A with automatic security updates applies it and ends on the fixed
// version; a second dist update is a no-op.
func TestDistUpdateEndToEnd(t *testing.T) {
	w := newDistWorld(t)
	w.hello("bookworm", "1.0-1", "", [3]string{"1.0-1", "medium", "Initial release."})
	w.arch.Publish(t, nil)

	out := w.mustUpdate("--publish", w.rel)
	t.Logf("first update:\n%s", out)
	relA := strings.Join(w.releases(), " ")
	if len(w.releases()) != 1 || !strings.Contains(w.lock(), "hello amd64 1.0-1 bookworm ") {
		t.Fatalf("release A: releases %v, lock:\n%s", w.releases(), w.lock())
	}

	// A root installed from release A, with automatic security updates.
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
	pub := strings.TrimSuffix(w.key, ".key") + ".pub"
	os.WriteFile(filepath.Join(root, "etc/yum.repos.d/nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\n"+
		"baseurl=file://"+w.rel+"/$releasever/$basearch/\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=file://"+pub+"\n"+
		"release_index=file://"+w.rel+"/index.json\nmetadata_expire=0\n"), 0o644)
	pm := func(args ...string) string {
		return mustCLI(t, nil, append([]string{"--installroot", root}, args...)...)
	}
	pm("-y", "--releasever="+relA, "install", "system-release", "hello")
	helloVersion := func() string { b, _ := os.ReadFile(filepath.Join(root, "usr/share/hello/version")); return string(b) }
	if helloVersion() != "1.0-1" {
		t.Fatalf("hello %q installed from release A", helloVersion())
	}

	// Debian publishes a security fix (its archive keeps only the newest per suite).
	w.hello("bookworm-security", "1.0-1+deb12u1", "",
		[3]string{"1.0-1+deb12u1", "high", "Fix buffer overflow in greeting (CVE-2026-11111).\n  * Fix format string bug (CVE-2026-22222)."},
		[3]string{"1.0-1", "medium", "Initial release."})
	w.arch.Publish(t, nil)

	out = w.mustUpdate("--dry-run")
	if !strings.Contains(out, "lock: hello 1.0-1 → 1.0-1+deb12u1 (bookworm-security) [amd64]") || strings.Contains(w.lock(), "deb12u1") {
		t.Fatalf("dry run:\n%s\nlock:\n%s", out, w.lock())
	}
	lockA := w.lock()

	out = w.mustUpdate("--publish", w.rel)
	t.Logf("security update:\n%s", out)
	rep := w.report()
	if len(rep.Moves) != 1 || rep.Moves[0].To != "1.0-1+deb12u1" || !rep.Moves[0].Security || len(rep.Advisories) != 1 || rep.Release == "" {
		t.Fatalf("report %+v", rep)
	}
	adv := rep.Advisories[0]
	if strings.Join(adv.CVEs, " ") != "CVE-2026-11111 CVE-2026-22222" || adv.Severity != "Important" {
		t.Errorf("advisory %+v (want both CVEs, severity Important from urgency=high)", adv)
	}
	y, _ := os.ReadFile(adv.File)
	if !strings.Contains(string(y), "# REVIEW: drafted by policy (urgency=high, 2 CVEs)") || !strings.Contains(string(y), "hello-1.0_1+deb12u1") && !strings.Contains(string(y), "hello-1.0-1+deb12u1.x86_64") {
		t.Errorf("draft:\n%s", y)
	}
	if !strings.Contains(w.lock(), "hello amd64 1.0-1+deb12u1 bookworm-security ") || len(w.releases()) != 2 {
		t.Fatalf("after the update: releases %v, lock:\n%s", w.releases(), w.lock())
	}
	relB := rep.Release
	ui, _ := filepath.Glob(filepath.Join(w.rel, relB, "x86_64", "repodata", "*updateinfo*"))
	if len(ui) == 0 {
		t.Fatalf("release %s has no updateinfo", relB)
	}

	// The instance picks the fix up.
	conf := filepath.Join(root, "etc/nimbus/automatic.conf")
	os.MkdirAll(filepath.Dir(conf), 0o755)
	os.WriteFile(conf, []byte("[commands]\nupgrade_type = security\nsecurity_from_newer_releases = yes\n"), 0o644)
	out = pm("automatic")
	t.Logf("automatic:\n%s", out)
	if helloVersion() != "1.0-1+deb12u1" {
		t.Fatalf("hello %q after automatic: the advisory of %s was not applied\n%s", helloVersion(), relB, out)
	}

	// Nothing new upstream: nothing changes, nothing is published.
	lockB := w.lock()
	out = w.mustUpdate("--publish", w.rel)
	if rep := w.report(); len(rep.Moves) != 0 || rep.Release != "" || len(rep.Advisories) != 0 || w.lock() != lockB || len(w.releases()) != 2 {
		t.Fatalf("second run changed something: %+v\n%s", rep, out)
	}
	if lockA == lockB {
		t.Error("the lock did not move")
	}
}

// TestBuildFollowsAndLocked: when Debian drops the locked version, `nimbus build` moves
// to the newest of the tracked suites and says so on one line; `nimbus build --locked`
// refuses, naming the package, the locked version, what the indexes have and the
// command that moves the lock, unless the store keeps the locked .deb.
func TestBuildFollowsAndLocked(t *testing.T) {
	w := newDistWorld(t)
	w.hello("bookworm", "1.0-1", "", [3]string{"1.0-1", "medium", "Initial release."})
	w.hello("bookworm-security", "1.0-1+deb12u1", "", [3]string{"1.0-1+deb12u1", "medium", "Fix (CVE-2026-1)."})
	w.arch.Publish(t, nil)
	w.mustUpdate()
	if !strings.Contains(w.lock(), "hello amd64 1.0-1+deb12u1 ") {
		t.Fatalf("lock:\n%s", w.lock())
	}
	// The archive replaces deb12u1 with deb12u2; the lists are refreshed, the lock not.
	w.arch.Remove("bookworm-security", "hello", "1.0-1+deb12u1")
	w.hello("bookworm-security", "1.0-1+deb12u2", "", [3]string{"1.0-1+deb12u2", "medium", "Fix (CVE-2026-2)."})
	w.arch.Publish(t, nil)
	w.mustUpdate("--dry-run")

	store := filepath.Join(w.cache, "..", "nimbus-store") // the default: beside the .deb cache
	buildArgs := func(cache string, extra ...string) []string {
		a := []string{"build", "--dist", w.dist, "--set", "test", "--arch", "x86_64", "-o", t.TempDir(), "--key", w.key,
			"--apt-lists", w.lists, "--archive-keyring", w.arch.Keyring, "--deb-cache", cache, "--mirror", w.url, "--no-publish"}
		return append(a, extra...)
	}
	_, errs, err := runCLI(t, w.env, buildArgs(t.TempDir(), "--locked", "--store", t.TempDir())...)
	if err == nil || !strings.Contains(err.Error(), "hello=1.0-1+deb12u1 (amd64)") || !strings.Contains(err.Error(), "1.0-1 (bookworm), 1.0-1+deb12u2 (bookworm-security)") ||
		!strings.Contains(err.Error(), "nimbus dist update") {
		t.Fatalf("--locked with the version gone: %v\n%s", err, errs)
	}
	t.Logf("--locked refusal: %v", err)
	// Nothing once built is lost: the store keeps the locked .deb (and the RPMs built
	// from it), so --locked rebuilds it with an empty .deb cache.
	if rpms, _ := filepath.Glob(filepath.Join(store, "sha256", "*", "*.rpm")); len(rpms) == 0 {
		t.Error("no RPM in the store")
	}
	if out, errs, err := runCLI(t, w.env, buildArgs(t.TempDir(), "--locked")...); err != nil {
		t.Fatalf("--locked from the store: %v\n%s%s", err, out, errs)
	}
	if !strings.Contains(w.lock(), "1.0-1+deb12u1") {
		t.Fatal("--locked moved the lock")
	}
	out := mustCLI(t, w.env, buildArgs(t.TempDir())...)
	want := "lock: hello 1.0-1+deb12u1 → 1.0-1+deb12u2 (bookworm-security) [amd64] (the locked version is gone from the verified indexes)"
	if !strings.Contains(out, want) || !strings.Contains(w.lock(), "hello amd64 1.0-1+deb12u2 ") {
		t.Fatalf("default build: want %q in\n%s\nlock:\n%s", want, out, w.lock())
	}
}

// TestDistUpdateBadInput: a bad upstream signature, a .deb whose SHA-256 differs from
// its index, a lock edited into nonsense, a hold on a version that no longer exists and
// a security update that breaks the set's closure each fail clearly, naming the package
// and what to do, and leave the lock and the releases as they were.
func TestDistUpdateBadInput(t *testing.T) {
	w := newDistWorld(t)
	w.hello("bookworm", "1.0-1", "", [3]string{"1.0-1", "medium", "Initial release."})
	w.arch.Publish(t, nil)
	w.mustUpdate("--publish", w.rel)
	lock0, rels0 := w.lock(), fmt.Sprint(w.releases())
	sr0, _ := os.ReadFile(filepath.Join(w.dist, "recipes/system-release.yaml"))
	unchanged := func(what string) {
		t.Helper()
		if w.lock() != lock0 || fmt.Sprint(w.releases()) != rels0 {
			t.Errorf("%s: the lock or the releases changed", what)
		}
	}
	expectErr := func(what string, wants ...string) {
		t.Helper()
		out, errs, err := w.update("--publish", w.rel)
		if err == nil {
			t.Fatalf("%s: accepted\n%s", what, out)
		}
		for _, s := range wants {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error lacks %q:\n%v\n%s", what, s, err, errs)
			}
		}
		t.Logf("%s: %v", what, err)
		unchanged(what)
	}

	// A security update signed by another key.
	w.hello("bookworm-security", "1.0-1+deb12u1", "", [3]string{"1.0-1+deb12u1", "high", "Fix (CVE-2026-3)."})
	other := archivetest.New(t)
	w.arch.Publish(t, other.Signer)
	expectErr("bad signature", "archive verification failed", "previous lists")

	// Well signed, but the .deb in the pool is not the one the index lists.
	w.arch.Publish(t, nil)
	deb := filepath.Join(w.arch.Dir, "pool/main/h/hello/hello_1.0-1+deb12u1_amd64.deb")
	good, _ := os.ReadFile(deb)
	os.WriteFile(deb, append(append([]byte{}, good...), 0), 0o644)
	expectErr("tampered deb", "hello", "SHA-256")
	os.WriteFile(deb, good, 0o644)

	// A lock edited by hand into nonsense.
	lp := filepath.Join(w.dist, distbuild.LockName)
	os.WriteFile(lp, []byte(lock0+"hello amd64 not-a-version!\n"), 0o644)
	_, _, err := w.update()
	if err == nil || !strings.Contains(err.Error(), "bad lock file") || !strings.Contains(err.Error(), "git checkout") {
		t.Errorf("nonsense lock: %v", err)
	}
	os.WriteFile(lp, []byte(lock0), 0o644)

	// A hold on a version the archive no longer has.
	rp := filepath.Join(w.dist, "recipes/hello.yaml")
	os.WriteFile(rp, []byte("name: hello\nsource:\n  debian:\n    package: hello\n    hold: {version: '0.9-1', reason: 'waiting for a fix'}\n"), 0o644)
	expectErr("hold gone", "hello=0.9-1 (amd64), held in recipe hello", "move the hold")
	os.WriteFile(rp, []byte("name: hello\nsource:\n  debian:\n    package: hello\n"), 0o644)

	// A security update that needs a package the set does not have.
	w.arch.Remove("bookworm-security", "hello", "1.0-1+deb12u1")
	w.hello("bookworm-security", "1.0-1+deb12u2", "libnew1", [3]string{"1.0-1+deb12u2", "high", "Fix (CVE-2026-4)."})
	w.arch.Publish(t, nil)
	expectErr("closure", "break the set's dependency closure", "hello", "libnew1", "hold")
	if b, _ := os.ReadFile(filepath.Join(w.dist, "recipes/system-release.yaml")); string(b) != string(sr0) {
		t.Error("system-release was left at the failed release's version")
	}
	if m, _ := filepath.Glob(filepath.Join(w.dist, "advisories", "*.yaml")); len(m) != 0 {
		t.Errorf("advisories left behind: %v", m)
	}
}
