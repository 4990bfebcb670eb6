package repo

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseRepoFile: .repo files come from packages; the parser must not panic, and
// every repository it returns has a valid id (one path component, dnf's characters).
func FuzzParseRepoFile(f *testing.F) {
	f.Add("[a]\nbaseurl=file:///x\n")
	f.Add("[../../evil]\nbaseurl=file:///x\n[good]\nbaseurl=http://h/\n  http://m/\nenabled=0\n")
	f.Add("[b$basearch/x]\nbaseurl=file:///y\n[main]\ngpgcheck=1\n")
	f.Add("[a]\nmetadata_expire=2d\ntrust_max_age=-1\nbaseurl=x\n")
	f.Fuzz(func(t *testing.T, s string) {
		rs, _ := ParseRepoFile(strings.NewReader(s), "f.repo", NewVars("x86_64", "1"), func(error) {})
		for _, r := range rs {
			if InvalidIDByte(r.ID) >= 0 {
				t.Fatalf("returned bad id %q", r.ID)
			}
		}
	})
}

// FuzzParseMain: dnf.conf values are checked, never trusted into a panic or a negative
// download setting.
func FuzzParseMain(f *testing.F) {
	f.Add("[main]\nretries=3\ntimeout=1.5\nminrate=1k\nmax_parallel_downloads=20\n")
	f.Add("[main]\nminrate=9999999999G\n")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMain(strings.NewReader(s), "dnf.conf", NewVars("x86_64", "1"))
		if err != nil {
			return
		}
		if m.Retries < 0 || m.MinRate < 0 || m.MaxParallel > MaxParallelDownloads || m.Timeout < 0 || m.Timeout > 24*time.Hour {
			t.Fatalf("accepted %+v", m)
		}
	})
}
