package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
)

// securityDeb finds a .deb whose newest changelog entry came through bookworm-security
// with CVE ids: from the build's .deb cache, or (in CI, when the cache lacks one)
// fetched with `apt-get download libssl3`.
func securityDeb(t *testing.T) string {
	t.Helper()
	var cands []string
	for _, pat := range []string{"libssl3_*~deb12u*_amd64.deb", "openssl_*~deb12u*_amd64.deb", "openssh-client_*+deb12u*_amd64.deb", "libc6_*+deb12u*_amd64.deb"} {
		m, _ := filepath.Glob(filepath.Join("/var/cache/nimbus-debs", pat))
		sort.Strings(m)
		cands = append(cands, m...) // in the order of the patterns: libssl3 first
	}
	if len(cands) == 0 {
		if os.Getenv("CI") != "true" {
			t.Skip("no bookworm-security .deb in /var/cache/nimbus-debs (run a build first)")
		}
		dir := t.TempDir()
		cmd := exec.Command(needTool(t, "apt-get"), "download", "libssl3")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("apt-get download libssl3: %v\n%s", err, out)
		}
		cands, _ = filepath.Glob(filepath.Join(dir, "libssl3_*.deb"))
	}
	if len(cands) == 0 {
		t.Fatal("no .deb to draft from")
	}
	return cands[0]
}

// TestAdvisoryDraftRealChangelog: the drafter finds, in a real package from
// bookworm-security, the CVE ids dpkg-parsechangelog finds between the previous
// security update and this one.
func TestAdvisoryDraftRealChangelog(t *testing.T) {
	debFile := securityDeb(t)
	log, pkg, _, version, err := distbuild.DebChangelogFile(debFile)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := advisory.ParseChangelog(log)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 2 || entries[0].Version != version {
		t.Fatalf("%s: changelog starts at %v, package is %s", debFile, entries[0].Version, version)
	}
	// The previous version: the entry before the newest bookworm-security one that names CVEs.
	old := ""
	for i, e := range entries[:len(entries)-1] {
		if strings.HasSuffix(e.Distribution, "-security") && len(advisory.FindCVEs(e.Changes)) > 0 {
			old = entries[i+1].Version
			break
		}
	}
	if old == "" {
		t.Fatalf("%s: no bookworm-security changelog entry with CVE ids", debFile)
	}
	out, errs, err := runCLI(t, nil, "advisory", "draft", "--deb", debFile, "--from", old, "--id", "NIMBUS-2026-0999")
	if err != nil {
		t.Fatalf("advisory draft: %v\n%s", err, errs)
	}
	// The referee: dpkg-parsechangelog --since OLD on the same changelog.
	plain := filepath.Join(t.TempDir(), "changelog")
	if err := os.WriteFile(plain, log, 0o644); err != nil {
		t.Fatal(err)
	}
	changes := run(t, needTool(t, "dpkg-parsechangelog"), "-l", plain, "--since", old, "-S", "Changes")
	want := uniqSorted(regexp.MustCompile(`CVE-\d{4}-\d{4,}`).FindAllString(changes, -1))
	got := uniqSorted(regexp.MustCompile(`(?m)^  - cve: (CVE-\S+)$`).FindAllString(out, -1))
	for i := range got {
		got[i] = strings.TrimPrefix(got[i], "  - cve: ")
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %s..%s: draft CVEs %v, dpkg-parsechangelog %v\n%s", pkg, old, version, got, want, out)
	}
	if !strings.Contains(out, "type: security\n") || !strings.Contains(out, "severity: # TODO") {
		t.Errorf("draft is not a security advisory awaiting a severity:\n%s", out)
	}
	t.Logf("%s %s..%s: %d CVEs", pkg, old, version, len(got))
	// With the reviewer's severity, the draft is a valid advisory.
	reviewed := strings.Replace(out, "severity: # TODO", "severity: Important #", 1)
	if _, err := advisory.Parse("draft.yaml", []byte(reviewed)); err != nil {
		t.Errorf("reviewed draft: %v", err)
	}
	// The known pair of the acceptance: openssl 3.0.22-1~deb12u1 -> ~deb12u2 (bookworm-security).
	if version == "3.0.22-1~deb12u2" && old == "3.0.22-1~deb12u1" {
		wantKnown := []string{"CVE-2026-35189", "CVE-2026-54872", "CVE-2026-75805", "CVE-2026-75806", "CVE-2026-77696", "CVE-2026-84782"}
		if !reflect.DeepEqual(got, wantKnown) {
			t.Errorf("openssl deb12u2: %v, want %v", got, wantKnown)
		}
	}
}

func uniqSorted(s []string) []string {
	m := map[string]bool{}
	var out []string
	for _, x := range s {
		if !m[x] {
			m[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

func TestAdvisoryDraftErrors(t *testing.T) {
	// A .deb without a changelog.
	if _, _, err := runCLI(t, nil, "advisory", "draft", "--deb", filepath.Join(t.TempDir(), "none.deb"), "--from", "1"); err == nil {
		t.Error("a missing .deb was accepted")
	}
	if _, _, err := runCLI(t, nil, "advisory", "draft"); err == nil || !strings.Contains(err.Error(), "give --recipe NAME or --deb FILE") {
		t.Errorf("no input: %v", err)
	}
}

// TestAdvisoryRepoCreateRefusesUnknownPackages: an advisory naming a package the
// repository does not have stops `repo create` and leaves the old metadata in place.
func TestAdvisoryRepoCreateRefusesUnknownPackages(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, advFixturesOld)
	before, err := os.ReadFile(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	adv := t.TempDir()
	os.WriteFile(filepath.Join(adv, "NIMBUS-2026-0101.yaml"), []byte(advFixtureYAML["NIMBUS-2026-0101"]), 0o644)
	_, _, err = runCLI(t, nil, "repo", "create", "--updateinfo", adv, dir)
	if err == nil || !strings.Contains(err.Error(), "lib-2.0-1.noarch is not in the release (it has [lib-1.0-1.noarch])") {
		t.Fatalf("repo create with an advisory for a missing version: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "repodata", "repomd.xml"))
	if !bytes.Equal(before, after) {
		t.Error("repodata changed after a refused advisory")
	}
	bad := strings.Replace(advFixtureYAML["NIMBUS-2026-0101"], "issued: 2026-02-01", "issued: 2026-02-30", 1)
	os.WriteFile(filepath.Join(adv, "NIMBUS-2026-0101.yaml"), []byte(bad), 0o644)
	_, _, err = runCLI(t, nil, "repo", "create", "--updateinfo", adv, dir)
	if err == nil || !strings.Contains(err.Error(), `NIMBUS-2026-0101.yaml: issued: "2026-02-30" is not a date`) {
		t.Fatalf("malformed date: %v", err)
	}
	out := mustCLI(t, nil, "advisory", "check", "--dir", filepath.Join(repoRoot(t), "dist", "advisories"))
	if !strings.Contains(out, "advisories OK") {
		t.Errorf("dist/advisories: %s", out)
	}
}
