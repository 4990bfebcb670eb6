package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDNFTableLikeDNF: the transaction table and its summary (from the first line of '='
// to the sizes) are byte for byte dnf 4.14's, when stdout is not a terminal (80 columns):
// the column widths of dnf's calcColumns with short and long names, a name too long for
// its column (dnf wraps the row), an obsoleting upgrade's "replacing" line, and the
// summary's aligned counts. Both tools run with --assumeno on their own roots.
func TestDNFTableLikeDNF(t *testing.T) {
	repo := t.TempDir()
	long := "a-package-with-a-name-long-enough-to-overflow-its-column-in-eighty"
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1.with.a.long.release.tag", files: []string{"/usr/lib/fixture/lib"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/tool"}},
		{name: "oldname", version: "1.0", release: "1", files: []string{"/usr/share/oldname/f"}},
		{name: "newname", version: "2.0", release: "1", tags: []string{"Obsoletes: oldname < 2.0", "Provides: oldname = 2.0"}, files: []string{"/usr/share/newname/f"}},
		{name: long, version: "10.2.3", release: "7", files: []string{"/usr/share/long/f"}},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	for _, root := range roots {
		if err := os.MkdirAll(root, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	runBoth := func(t *testing.T, args ...string) [2]string {
		var outs [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := roots[tool]
			full := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
				"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + srv.URL + "/", "--repo=r"}, args...)
			outs[i], _, _ = runTool(t, tool, env, []string{"--noplugins"}, full...)
		}
		return outs
	}
	table := func(out string) string {
		i := strings.Index(out, "\n====")
		if i < 0 {
			return ""
		}
		out = out[i+1:]
		if j := strings.Index(out, "\nDownloading Packages:"); j >= 0 {
			out = out[:j+1]
		}
		return out
	}
	listing := func(out string) string {
		if i := strings.Index(out, "Installed Packages\n"); i >= 0 {
			return out[i:]
		}
		if strings.HasPrefix(out, "\n") { // check-update: from its empty line on, after dnf's metadata line
			return out
		}
		if i := strings.Index(out, "\n\n"); i >= 0 {
			return out[i+1:]
		}
		return ""
	}
	for _, tc := range []struct {
		name string
		args []string
		see  string
	}{
		{"install with a dependency", []string{"--assumeno", "install", "tool-1.0", "oldname"}, "Installing dependencies:"},
		{"a long name", []string{"--assumeno", "install", long}, long},
		// oldname from its file: from the repository dnf would take its obsoleter instead
		{"install what upgrade obsoletes", []string{"-y", "install", "tool", "lib-1.0", filepath.Join(repo, "oldname-1.0-1.noarch.rpm")}, "Installing:"},
		{"check-update", []string{"check-update"}, "    oldname.noarch"},
		{"check-update lib", []string{"check-update", "lib"}, "lib.noarch"},
		{"upgrade", []string{"--assumeno", "upgrade"}, "replacing  oldname.noarch 1.0-1"},
		{"remove", []string{"--assumeno", "remove", "tool", "oldname"}, "Removing:"},
		{"list --installed", []string{"list", "--installed"}, "@r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outs := runBoth(t, tc.args...)
			want, got := table(outs[0]), table(outs[1])
			if tc.args[0] == "list" || tc.args[0] == "check-update" { // the listing after dnf's metadata line
				want, got = listing(outs[0]), listing(outs[1])
			}
			if got != want {
				t.Errorf("table differs\n--- dnf:\n%s--- nimbus:\n%s", want, got)
			}
			if !strings.Contains(want, tc.see) || !strings.Contains(want, "Transaction Summary") && tc.args[0] != "list" && tc.args[0] != "check-update" {
				t.Errorf("dnf's table lacks %q: the comparison no longer shows it\n%s", tc.see, outs[0])
			}
		})
	}
}
