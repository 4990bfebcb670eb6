package advisory

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

const sampleChangelog = `openssl (3.0.22-1~deb12u2) bookworm-security; urgency=high

  * Non-maintainer upload by the LTS Team.
  * CVE-2026-84782 ("DTLS Retransmits Handshake Messages")
  * CVE-2026-35189, CVE-2026-35189 (twice)

 -- Arnaud Rebillout <arnaudr@debian.org>  Wed, 21 Oct 2026 16:54:24 +0700

openssl (3.0.22-1~deb12u1) bookworm-security; urgency=medium

  * Import 3.0.22 (CVE-2026-42767)

 -- Someone <a@b.c>  Mon, 01 Jun 2026 10:00:00 +0000

openssl (3.0.20-1~deb12u1) bookworm; urgency=medium

  * Fix CVE-2025-9230.

 -- Someone <a@b.c>  Mon, 01 Jan 2026 10:00:00 +0000

Local variables:
mode: debian-changelog
End:
`

func TestParseChangelog(t *testing.T) {
	es, err := ParseChangelog([]byte(sampleChangelog))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 {
		t.Fatalf("%d entries", len(es))
	}
	e := es[0]
	if e.Source != "openssl" || e.Version != "3.0.22-1~deb12u2" || e.Distribution != "bookworm-security" || e.Urgency != "high" ||
		e.Maintainer != "Arnaud Rebillout <arnaudr@debian.org>" || e.Date.Format("2006-01-02 15:04") != "2026-10-21 09:54" {
		t.Errorf("entry %+v", e)
	}
	between := Between(es, "3.0.20-1~deb12u1", "")
	if len(between) != 2 {
		t.Fatalf("Between: %d entries", len(between))
	}
	a, y, err := Draft(DraftInput{ID: "NIMBUS-2026-0009", OldVersion: "3.0.20-1~deb12u1", Changelog: es,
		Packages: map[string][]string{"x86_64": {"openssl-3.0.22-1~deb12u2.x86_64"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.CVEs(), []string{"CVE-2026-35189", "CVE-2026-42767", "CVE-2026-84782"}; !reflect.DeepEqual(got, want) {
		t.Errorf("CVEs %v, want %v", got, want)
	}
	if a.Type != Security || a.Issued != "2026-10-21" {
		t.Errorf("draft %+v", a)
	}
	// The draft is valid YAML that only lacks the reviewer's severity.
	_, err = Parse("draft.yaml", y)
	if err == nil || !strings.Contains(err.Error(), "severity: a security advisory needs one of") {
		t.Fatalf("draft before review: %v\n%s", err, y)
	}
	reviewed := strings.Replace(string(y), "severity: # TODO", "severity: Important #", 1)
	if _, err := Parse("draft.yaml", []byte(reviewed)); err != nil {
		t.Fatalf("reviewed draft: %v\n%s", err, reviewed)
	}
	if _, _, err := Draft(DraftInput{OldVersion: "3.0.22-1~deb12u2", Changelog: es}); err == nil {
		t.Error("a draft with no newer entry was accepted")
	}
	if _, err := ParseChangelog([]byte("not a changelog\n")); err == nil {
		t.Error("a changelog without entries was accepted")
	}
}

func TestFindCVEsOrder(t *testing.T) {
	got := FindCVEs("CVE-2024-10000 CVE-2024-9999 CVE-2023-1234 CVE-24-1 CVE-2024-9999")
	if want := []string{"CVE-2023-1234", "CVE-2024-9999", "CVE-2024-10000"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v", got)
	}
}

func requireTool(t *testing.T, name string) string {
	t.Helper()
	return testfiles.Tool(t, name, "dpkg-dev")
}

// TestCompareDebianAgainstDpkg: dpkg --compare-versions is the referee.
func TestCompareDebianAgainstDpkg(t *testing.T) {
	dpkg := requireTool(t, "dpkg")
	vs := []string{"1.0", "1.0-1", "1.0-1~deb12u1", "1.0-1+deb12u1", "1:0.9", "1.0~rc1", "1.0a", "1.0+b1", "1.0.1",
		"3.0.22-1~deb12u2", "3.0.22-1~deb12u10", "7.88.1-10+deb12u15", "7.88.1-10+deb12u9", "2.36-9+deb12u14", "1.0-0", "01.0", "1.0-1.1", "1.0-1a", "1.0-1+"}
	for _, a := range vs {
		for _, b := range vs {
			want := 0
			if exec.Command(dpkg, "--compare-versions", a, "lt", b).Run() == nil {
				want = -1
			} else if exec.Command(dpkg, "--compare-versions", a, "gt", b).Run() == nil {
				want = 1
			}
			if got := CompareDebian(a, b); got != want {
				t.Errorf("CompareDebian(%q, %q) = %d, dpkg says %d", a, b, got, want)
			}
		}
	}
}

// TestParseChangelogAgainstDpkg compares the versions of this machine's Debian
// changelogs with dpkg-parsechangelog's.
func TestParseChangelogAgainstDpkg(t *testing.T) {
	parse := requireTool(t, "dpkg-parsechangelog")
	files, _ := filepath.Glob("/usr/share/doc/*/changelog.Debian.gz")
	if len(files) == 0 {
		t.Skip("no changelog.Debian.gz on this machine")
	}
	if n := len(files); n > 40 { // a spread of 40 (dpkg-parsechangelog is slow)
		var pick []string
		for i := 0; i < 40; i++ {
			pick = append(pick, files[i*n/40])
		}
		files = pick
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		plain := filepath.Join(t.TempDir(), "changelog")
		os.WriteFile(plain, data, 0o644)
		out, err := exec.Command(parse, "-l", plain, "--all", "--format", "rfc822").Output()
		if err != nil {
			continue // dpkg refuses it too
		}
		var want []string
		for _, l := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(l, "Version: "); ok {
				want = append(want, v)
			}
		}
		es, err := ParseChangelog(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var got []string
		for _, e := range es {
			got = append(got, e.Version)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: versions %v, dpkg-parsechangelog %v", f, head(got), head(want))
		}
	}
}

func head(s []string) []string {
	if len(s) > 5 {
		return append(s[:5:5], "...")
	}
	return s
}

func FuzzParseChangelog(f *testing.F) {
	f.Add([]byte(sampleChangelog))
	f.Add([]byte("a (1) b; urgency=low\n\n  * x\n\n -- M <m>  bad date\n"))
	f.Add([]byte(" -- orphan trailer\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := ParseChangelog(data)
		if err != nil {
			return
		}
		for _, e := range es {
			_ = Between(es, e.Version, "")
			_ = FindCVEs(e.Changes)
		}
		_, _, _ = Draft(DraftInput{ID: "NIMBUS-2026-0001", OldVersion: "0", Changelog: es})
	})
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("id: x\npackages: {x86_64: [a-1-1.x86_64]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		b, err := Render([]*Advisory{a}, RenderOptions{})
		if err != nil {
			t.Fatalf("a valid advisory does not render: %v", err)
		}
		// Round trip: what Nimbus writes, its reader (and dnf's) reads back.
		n := 0
		if err := repomd.ReadUpdateinfo(bytes.NewReader(b), func(u *repomd.Update) error {
			n++
			if u.ID != a.ID || u.Type != a.Type || u.Title != strings.TrimSpace(a.Title) && u.Title != a.Title {
				t.Fatalf("round trip: %+v from %+v", u, a)
			}
			return nil
		}); err != nil || n != 1 {
			t.Fatalf("rendered updateinfo does not read back (%d updates): %v\n%s", n, err, b)
		}
	})
}

func FuzzCompareDebian(f *testing.F) {
	f.Add("1.0-1~deb12u1", "1.0-1")
	f.Fuzz(func(t *testing.T, a, b string) {
		if CompareDebian(a, b) != -CompareDebian(b, a) {
			t.Fatalf("CompareDebian(%q, %q) is not antisymmetric", a, b)
		}
	})
}
