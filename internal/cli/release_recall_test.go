package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseRecall: release C is recalled. `latest` moves back to B, check-release-update
// shows C as recalled (and --version-only/--latest-only offer only B), `upgrade
// --releasever=C` refuses naming the reason and B, --allowrecalled moves anyway, a second
// recall and a recall of an unknown release are refused, and `nimbus automatic` with
// security_from_newer_releases takes nothing from the recalled release.
func TestReleaseRecall(t *testing.T) {
	r := newReleaseRoot(t, updateinfoFooC)
	out := mustCLI(t, nil, "release", "recall", "--to", r.rel, "--version", relC, "--reason", "foo 3 corrupts its data", "--key", r.key+".key")
	if !strings.Contains(out, "latest is "+relB) {
		t.Errorf("recall: %s", out)
	}
	if l, _ := os.Readlink(filepath.Join(r.rel, "latest")); l != relB {
		t.Errorf("latest -> %q after recalling %s, want %s", l, relC, relB)
	}
	if out := mustCLI(t, nil, "release", "list", r.rel); !strings.Contains(out, relC) || !strings.Contains(out, "RECALLED") || !strings.Contains(out, "foo 3 corrupts its data") {
		t.Errorf("release list:\n%s", out)
	}
	out = r.must("check-release-update")
	t.Logf("check-release-update:\n%s", out)
	if !strings.Contains(out, "Version "+relC+": RECALLED") || !strings.Contains(out, "foo 3 corrupts its data") ||
		strings.Contains(out, "--releasever="+relC) || !strings.Contains(out, "dnf upgrade --releasever="+relB) {
		t.Errorf("check-release-update does not show %s as recalled:\n%s", relC, out)
	}
	if out := r.must("check-release-update", "--version-only"); strings.TrimSpace(out) != relB {
		t.Errorf("--version-only = %q, want only %s", out, relB)
	}
	if out := r.must("check-release-update", "--latest-only"); strings.Contains(out, relC) || !strings.Contains(out, relB) {
		t.Errorf("--latest-only:\n%s", out)
	}
	_, _, err := r.pm("-y", "--releasever="+relC, "upgrade")
	t.Logf("upgrade to a recalled release: %v", err)
	if err == nil || !strings.Contains(err.Error(), "was recalled") || !strings.Contains(err.Error(), "foo 3 corrupts its data") ||
		!strings.Contains(err.Error(), "--releasever="+relB) || !strings.Contains(err.Error(), "--allowrecalled") {
		t.Fatalf("upgrade --releasever=%s (recalled): %v", relC, err)
	}
	if r.version() != "1" {
		t.Fatalf("a refused move changed the system: foo %q", r.version())
	}
	// latest follows B.
	os.MkdirAll(filepath.Join(r.root, "etc/dnf/vars"), 0o755)
	os.WriteFile(filepath.Join(r.root, "etc/dnf/vars/releasever"), []byte("latest\n"), 0o644)
	r.must("-y", "upgrade")
	if r.version() != "2" {
		t.Fatalf("foo %q with releasever=latest after recalling %s, want B's 2", r.version(), relC)
	}
	os.Remove(filepath.Join(r.root, "etc/dnf/vars/releasever"))
	// automatic takes nothing from C.
	os.MkdirAll(filepath.Join(r.root, "etc/nimbus"), 0o755)
	os.WriteFile(filepath.Join(r.root, "etc/nimbus/automatic.conf"), []byte("[commands]\nsecurity_from_newer_releases = yes\n"), 0o644)
	out = r.must("automatic")
	if !strings.Contains(out, "release "+relC+" was recalled") || strings.Contains(out, "--releasever="+relC) || r.version() != "2" {
		t.Errorf("automatic with a recalled newest release (foo %q):\n%s", r.version(), out)
	}
	// Forced.
	r.must("-y", "--releasever="+relC, "--allowrecalled", "upgrade")
	if r.version() != "3" {
		t.Errorf("foo %q after upgrade --allowrecalled to %s", r.version(), relC)
	}
	for _, c := range []struct{ version, want string }{
		{relC, "already recalled"},
		{"2026.11.20261101", "no release 2026.11.20261101"},
	} {
		_, _, err := runCLI(t, nil, "release", "recall", "--to", r.rel, "--version", c.version, "--reason", "x", "--key", r.key+".key")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("recall %s: %v, want %q", c.version, err, c.want)
		}
	}
	if _, _, err := runCLI(t, nil, "release", "recall", "--to", r.rel, "--version", relB, "--reason", " ", "--key", r.key+".key"); err == nil || !strings.Contains(err.Error(), "reason is required") {
		t.Errorf("recall without a reason: %v", err)
	}
}
