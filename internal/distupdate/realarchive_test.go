package distupdate

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// TestRealArchiveSecurityMove checks the daily job's core against Debian's real archive:
// nginx's lock set back to an older version still in bookworm main moves to the newest
// bookworm-security version, and the draft advisory lists exactly the CVE ids of the
// changelog entries in between (dpkg-parsechangelog --since is the referee; the new
// .deb's newest entry is the new version, and --until would exclude it). It takes
// the versions from the host's verified lists, never from this file, so Debian moving
// on does not break it; it is skipped without the lists or without network to Debian
// (it must not fail CI when the archive moves or is unreachable).
func TestRealArchiveSecurityMove(t *testing.T) {
	if m, _ := filepath.Glob(filepath.Join(apt.DefaultListsDir, "*bookworm-security*_InRelease")); len(m) == 0 {
		t.Skip("no bookworm-security apt lists on this machine")
	}
	if c, err := net.DialTimeout("tcp", "deb.debian.org:80", 3*time.Second); err != nil {
		t.Skipf("no network to deb.debian.org: %v", err)
	} else {
		c.Close()
	}
	idx, err := apt.LoadIndex(apt.Options{Arches: []string{"amd64"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var old, sec *apt.Entry
	for _, e := range idx.Candidates("nginx", "amd64") {
		switch e.Suite {
		case "bookworm":
			if old == nil || evr.CompareDebian(e.Version, old.Version) < 0 {
				old = e
			}
		case "bookworm-security":
			if sec == nil || evr.CompareDebian(e.Version, sec.Version) > 0 {
				sec = e
			}
		}
	}
	if old == nil || sec == nil || evr.CompareDebian(sec.Version, old.Version) <= 0 {
		t.Skip("nginx has no older bookworm version below a bookworm-security one today")
	}
	lock := distbuild.NewLock()
	lock.Set(distbuild.LockEntry{Package: old.Name, Arch: old.Arch, Version: old.Version, Suite: old.Suite, SHA256: old.SHA256, Size: old.Size})
	r := &recipe.Recipe{Name: "nginx", Source: recipe.Source{Debian: &recipe.DebianSource{Package: "nginx"}}}
	e, m, err := distbuild.ResolveDeb(idx, lock, r, "nginx", "amd64", distbuild.ResolveNewest, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := distbuild.Newest(idx, "nginx", "amd64", recipe.DefaultSuites)
	if m == nil || m.From != old.Version || e.Version != want.Version || m.Suite != want.Suite {
		t.Fatalf("move %+v, want %s → %s (%s)", m, old.Version, want.Version, want.Suite)
	}
	if m.Suite != "bookworm-security" {
		t.Skipf("the newest nginx is in %s today, not in the security suite", m.Suite)
	}
	t.Logf("nginx %s → %s (%s)", m.From, m.To, m.Suite)

	f := &apt.Fetcher{CacheDir: t.TempDir()}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := f.Fetch(ctx, []*apt.Entry{e}); err != nil {
		t.Fatalf("apt-get download: %v", err)
	}
	log, err := changelogOf(f, []*apt.Entry{e})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := advisory.ParseChangelog(log)
	if err != nil {
		t.Fatal(err)
	}
	a, y, err := advisory.Draft(advisory.DraftInput{ID: "NIMBUS-2026-9999", OldVersion: m.From, NewVersion: m.To, Changelog: entries,
		Packages: map[string][]string{"x86_64": {"nginx-1.0-1.x86_64"}}, PolicySeverity: true, Tool: "nimbus dist update"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("draft:\n%s", y)

	// The referee: dpkg-parsechangelog's entries since the old version.
	cl := filepath.Join(t.TempDir(), "changelog")
	if err := os.WriteFile(cl, log, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("dpkg-parsechangelog", "-l", cl, "--since", m.From, "-S", "Changes").Output()
	if err != nil {
		t.Fatalf("dpkg-parsechangelog: %v", err)
	}
	wantCVEs := advisory.FindCVEs(string(out))
	got := a.CVEs()
	sort.Strings(wantCVEs)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(wantCVEs, " ") || len(got) == 0 {
		t.Errorf("draft CVEs %v, dpkg-parsechangelog's entries since %s name %v", got, m.From, wantCVEs)
	}
	if a.Type != advisory.Security || a.Severity == "" || !strings.Contains(string(y), "# REVIEW: drafted by policy") {
		t.Errorf("type %s severity %q", a.Type, a.Severity)
	}
}
