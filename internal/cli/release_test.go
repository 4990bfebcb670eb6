package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// releasePackages packs system-release (carrying version v) and foo (version foo) plus an
// unchanging bar into a new directory.
func releasePackages(t *testing.T, v, foo string) string {
	t.Helper()
	dir := t.TempDir()
	descs := map[string]string{
		"system-release": fmt.Sprintf("name: system-release\nversion: '%s'\nrelease: '1'\narch: noarch\nsummary: release\nlicense: MIT\nprovides: ['system-release(releasever) = %s']\nfiles: [{path: /etc/os-release, content: \"VERSION_ID=%s\\n\"}]\n", v, v, v),
		"foo":            fmt.Sprintf("name: foo\nversion: '%s'\nrelease: '1'\narch: noarch\nsummary: foo\nlicense: MIT\nfiles: [{path: /usr/share/foo/version, content: '%s'}]\n", foo, foo),
		"bar":            "name: bar\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: bar\nlicense: MIT\nfiles: [{path: /usr/share/bar/version, content: '1'}]\n",
	}
	for name, body := range descs {
		p := filepath.Join(t.TempDir(), name+".yaml")
		os.WriteFile(p, []byte(body), 0o644)
		mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}, "rpm", "pack", p, "-o", dir)
	}
	return dir
}

const (
	relA = "2026.2.20260201"
	relB = "2026.9.20260901"
	relC = "2026.10.20261001"
)

// releaseRoot publishes releases A, B and C (release C with updateinfo, when given) and
// makes a root whose repository follows $releasever under them.
type releaseRoot struct {
	t        *testing.T
	rel, key string
	root     string
}

func newReleaseRoot(t *testing.T, updateinfoC string) *releaseRoot {
	keyDir := t.TempDir()
	key := filepath.Join(keyDir, "release")
	mustCLI(t, nil, "key", "generate", "--algorithm", "ed25519", "-o", key)
	rel := t.TempDir()
	now := time.Now().Unix()
	for i, v := range []string{relA, relB, relC} {
		env := map[string]string{"SOURCE_DATE_EPOCH": fmt.Sprint(now - int64(3-i)*86400)} // A 3 days ago, C yesterday
		args := []string{"release", "publish", "--version", v, "--from", releasePackages(t, v, fmt.Sprint(i+1)),
			"--arch", "x86_64", "--to", rel, "--key", key + ".key", "--notes", "https://example.invalid/notes/" + v}
		if v == relC && updateinfoC != "" {
			p := filepath.Join(t.TempDir(), "updateinfo.xml")
			os.WriteFile(p, []byte(updateinfoC), 0o644)
			args = append(args, "--updateinfo", p)
		}
		out := mustCLI(t, env, args...)
		if i > 0 && !strings.Contains(out, "3 packages, 2 new") {
			t.Errorf("publishing %s: %s (bar should be shared)", v, out)
		}
	}
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/yum.repos.d/nimbus.repo"), []byte("[nimbus]\nname=Nimbus $releasever\n"+
		"baseurl=file://"+rel+"/$releasever/$basearch/\ngpgcheck=0\nrepo_gpgcheck=1\ngpgkey=file://"+key+".pub\n"+
		"release_index=file://"+rel+"/index.json\nmetadata_expire=0\n"), 0o644)
	r := &releaseRoot{t: t, rel: rel, key: key, root: root}
	r.must("-y", "--releasever="+relA, "install", "system-release", "foo", "bar")
	if r.version() != "1" {
		t.Fatalf("foo %q after installing release A", r.version())
	}
	return r
}

func (r *releaseRoot) pm(args ...string) (string, string, error) {
	return runCLI(r.t, nil, append([]string{"--installroot", r.root}, args...)...)
}

func (r *releaseRoot) must(args ...string) string {
	r.t.Helper()
	out, errs, err := r.pm(args...)
	if err != nil {
		r.t.Fatalf("nimbus %s: %v\n%s%s", strings.Join(args, " "), err, out, errs)
	}
	return out
}

func (r *releaseRoot) version() string {
	b, _ := os.ReadFile(filepath.Join(r.root, "usr/share/foo/version"))
	return string(b)
}

// TestReleaseSwitching: a root installed from release A is locked to it (upgrade sees
// nothing of B or C), check-release-update lists 2026.10 above 2026.9, upgrade
// --releasever moves the system forward and refuses to go back, distro-sync goes back.
func TestReleaseSwitching(t *testing.T) {
	r := newReleaseRoot(t, "")
	rel, root := r.rel, r.root
	pm, mustPM, version := r.pm, r.must, r.version
	// Locked: releasever comes from the installed system-release; nothing newer is seen.
	if out := mustPM("-y", "upgrade"); !strings.Contains(out, "Nothing to do") {
		t.Errorf("a system locked to %s upgraded:\n%s", relA, out)
	}
	out := mustPM("check-release-update")
	t.Logf("check-release-update on %s:\n%s", relA, out)
	if !strings.Contains(out, "Version "+relC+":") || !strings.Contains(out, "dnf upgrade --releasever="+relC) || strings.Index(out, relC) > strings.Index(out, relB) {
		t.Errorf("check-release-update:\n%s", out)
	}
	if out := mustPM("check-release-update", "--latest-only", "--version-only"); strings.TrimSpace(out) != relC {
		t.Errorf("--latest-only --version-only = %q, want %s (2026.10 is newer than 2026.9)", out, relC)
	}
	if out := mustPM("check-release-update", "--version-only"); strings.TrimSpace(out) != relC+"\n"+relB {
		t.Errorf("--version-only = %q", out)
	}
	// A release that does not exist, and moving forward.
	if _, _, err := pm("-y", "--releasever=2026.11.20261101", "upgrade"); err == nil || !strings.Contains(err.Error(), "no such release") {
		t.Errorf("unknown release: %v", err)
	}
	mustPM("-y", "--releasever="+relC, "upgrade")
	if version() != "3" {
		t.Fatalf("foo %q after upgrade --releasever=%s", version(), relC)
	}
	if out := mustPM("check-release-update"); strings.TrimSpace(out) != "" {
		t.Errorf("on the latest release check-release-update says:\n%s", out)
	}
	// Not backwards with upgrade; distro-sync may.
	_, _, err := pm("-y", "--releasever="+relB, "upgrade")
	t.Logf("upgrade --releasever=%s on %s: %v", relB, relC, err)
	if err == nil || !strings.Contains(err.Error(), "older than the installed release "+relC) || !strings.Contains(err.Error(), "distro-sync") {
		t.Errorf("upgrade to an older release: %v", err)
	}
	if version() != "3" {
		t.Fatal("a refused move changed the system")
	}
	mustPM("-y", "--releasever="+relB, "distro-sync")
	if version() != "2" {
		t.Fatalf("foo %q after distro-sync --releasever=%s", version(), relB)
	}
	// /etc/dnf/vars/releasever = latest follows the newest release.
	os.MkdirAll(filepath.Join(root, "etc/dnf/vars"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/dnf/vars/releasever"), []byte("latest\n"), 0o644)
	mustPM("-y", "upgrade")
	if version() != "3" {
		t.Fatalf("foo %q with releasever=latest", version())
	}

	// A mirror serves release C's repository with A's older, validly signed metadata:
	// refused (rollback), and nothing on the system changes.
	state := func() string { // the rpmdb (not sqlite's -shm/-wal side files of a reader) and the trust state
		var keep []string
		for _, l := range strings.Split(treeListing(t, filepath.Join(root, "var/lib/rpm"))+treeListing(t, filepath.Join(root, "var/lib/nimbus/repo-trust")), "\n") {
			if !strings.Contains(l, "sqlite-shm") && !strings.Contains(l, "sqlite-wal") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	before := state()
	c := filepath.Join(rel, relC, "x86_64", "repodata")
	os.RemoveAll(c)
	copyTree(t, filepath.Join(rel, relA, "x86_64", "repodata"), c)
	_, _, err = pm("-y", "upgrade")
	if err == nil || !strings.Contains(err.Error(), "refused (rollback)") || !strings.Contains(err.Error(), "repository nimbus") {
		t.Fatalf("rolled-back metadata: %v", err)
	}
	t.Logf("rollback: %v", err)
	if after := state(); after != before || version() != "3" {
		t.Errorf("a refused refresh changed the system:\n%s\n---\n%s", before, after)
	}
	// Freeze: B's metadata is two days old; with trust_max_age=1d it is refused.
	_, _, err = pm("-y", "--releasever="+relB, "--setopt=nimbus.trust_max_age=1d", "distro-sync")
	if err == nil || !strings.Contains(err.Error(), "refused (freeze)") || !strings.Contains(err.Error(), "trust_max_age") {
		t.Fatalf("stale metadata: %v", err)
	}
	t.Logf("freeze: %v", err)
	if state() != before || version() != "3" {
		t.Error("a refused refresh changed the system")
	}
}

const updateinfoFooC = `<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update from="security@nimbus-linux.invalid" status="final" type="security" version="2.0">
    <id>NIMBUS-2026-0042</id>
    <title>Important: foo security update</title>
    <issued date="2026-10-01 00:00:00"/>
    <updated date="2026-10-01 00:00:00"/>
    <severity>Important</severity>
    <description>foo 3 fixes CVE-2026-4242.</description>
    <references>
      <reference href="https://www.cve.org/CVERecord?id=CVE-2026-4242" id="CVE-2026-4242" type="cve" title="CVE-2026-4242"/>
    </references>
    <pkglist>
      <collection short="nimbus">
        <name>Nimbus Linux</name>
        <package name="foo" epoch="0" version="3" release="1" arch="noarch"><filename>foo-3-1.noarch.rpm</filename></package>
      </collection>
    </pkglist>
  </update>
</updates>
`

// TestAutomaticUpdates: `nimbus automatic` (what nimbus-automatic-updates.service runs)
// on a system locked to release A: by default it applies what A has (nothing) and says a
// newer release exists; with security_from_newer_releases it takes the security fix for
// foo from release C while the system stays on A; it logs whether a reboot is needed and
// records the run.
func TestAutomaticUpdates(t *testing.T) {
	r := newReleaseRoot(t, updateinfoFooC)
	conf := filepath.Join(r.root, "etc/nimbus/automatic.conf")
	os.MkdirAll(filepath.Dir(conf), 0o755)

	os.WriteFile(conf, []byte("[commands]\nupgrade_type = security\n"), 0o644)
	out := r.must("automatic")
	t.Logf("locked, default policy:\n%s", out)
	if r.version() != "1" || !strings.Contains(out, "newer release "+relC+" is available") {
		t.Errorf("default policy on a locked system: foo %q\n%s", r.version(), out)
	}

	os.WriteFile(conf, []byte("[commands]\nupgrade_type = security\nsecurity_from_newer_releases = yes\n[reboot]\nreboot = when-needed\n"), 0o644)
	out = r.must("automatic")
	t.Logf("security fixes from newer releases:\n%s", out)
	if r.version() != "3" {
		t.Errorf("foo %q: the security fix from %s was not applied\n%s", r.version(), relC, out)
	}
	if !strings.Contains(out, "taking security fixes from release "+relC) || !strings.Contains(out, "reboot") {
		t.Errorf("log:\n%s", out)
	}
	b, err := os.ReadFile(filepath.Join(r.root, "var/lib/nimbus/automatic.json"))
	if err != nil || !strings.Contains(string(b), `"from_release": "`+relC+`"`) || !strings.Contains(string(b), `"ok": true`) {
		t.Errorf("status %s %v", b, err)
	}
	// The system stays on release A: system-release was not moved, upgrade sees A.
	if out := r.must("check-release-update", "--latest-only", "--version-only"); strings.TrimSpace(out) != relC {
		t.Errorf("after automatic the system is not on %s any more: %q", relA, out)
	}
	if b, _ := os.ReadFile(filepath.Join(r.root, "etc/os-release")); !strings.Contains(string(b), relA) {
		t.Errorf("os-release: %s", b)
	}
}
