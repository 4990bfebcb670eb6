package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDNFSizesAndDownloadOnly runs the same commands with the real dnf 4.14 and with
// nimbus, each on its own root and cache, against one repository served over loopback
// HTTP, and compares the lines dnf's do_transaction prints under the summary ("Total
// size", "Total download size", "Installed size", "Freed space") and around
// --downloadonly ("DNF will only download ...", "Complete!", the note on the cache), the
// exit codes, and where --downloadonly [--destdir] leaves the packages.
func TestDNFSizesAndDownloadOnly(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib", "/usr/lib/fixture/lib2"}},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	keep := regexp.MustCompile(`^(Total size|Total download size|Installed size|Freed space|DNF will only|Complete!|The downloaded packages|You can remove cached|--destdir|Running transaction|Transaction (check|test) succeeded|Upgraded:|  lib-)`)

	steps := []struct {
		name    string
		args    []string
		rc      int
		see     string   // a line dnf must print, so that the comparison shows something
		dnfOnly []string // lines of dnf's that nimbus leaves out on purpose (see below)
	}{
		{"download size", []string{"--assumeno", "install", "lib-1.0"}, 1, "Total download size: ", nil},
		{"destdir without downloadonly", []string{"--destdir", "DEST", "install", "lib-1.0"}, 1, "", nil},
		// dnf 4.14 remembers the files it downloads to --destdir as cache files: it says
		// they "were saved in cache", and its next successful transaction deletes them from
		// the destdir (see the end). Its man page says only that the option redirects the
		// downloads; nimbus keeps them there and does not print the note.
		{"downloadonly to destdir", []string{"--downloadonly", "--downloaddir", "DEST", "install", "lib-1.0"}, 0, "DNF will only download packages for the transaction.",
			[]string{"The downloaded packages were saved in cache until the next successful transaction.", "You can remove cached packages by executing 'dnf clean packages'."}},
		{"downloadonly quiet", []string{"-q", "--downloadonly", "install", "lib-1.0"}, 0, "", nil},
		{"downloaded already", []string{"--assumeno", "install", "lib-1.0"}, 1, "Total size: ", nil},
		{"install", []string{"install", "lib-1.0"}, 0, "Installed size: ", nil},
		{"upgrade shows no installed size", []string{"--assumeno", "upgrade"}, 1, "Total download size: ", nil},
		{"remove", []string{"--assumeno", "remove", "lib"}, 1, "Freed space: ", nil},
		{"tsflags=test changes nothing", []string{"--setopt=tsflags=test", "upgrade"}, 0, "Transaction test succeeded.", nil},
		{"downloadonly", []string{"--downloadonly", "upgrade"}, 0, "You can remove cached packages by executing 'dnf clean packages'.", nil},
	}
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var got [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := roots[tool]
				var args []string
				for _, a := range st.args {
					args = append(args, strings.ReplaceAll(a, "DEST", filepath.Join(root+"-dest")))
				}
				args = append([]string{"-y", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + srv.URL + "/", "--repo=r"}, args...)
				if containsArg(args, "--assumeno") {
					args = args[1:] // no -y
				}
				stdout, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
				rcs[i] = rc
				var lines []string
				for _, l := range strings.Split(stdout+stderr, "\n") {
					if keep.MatchString(l) && !(tool == "dnf" && slices.Contains(st.dnfOnly, l)) {
						lines = append(lines, l)
					}
				}
				got[i] = strings.Join(lines, "\n")
			}
			if rcs[0] != st.rc {
				t.Errorf("dnf exits %d, the scenario expects %d", rcs[0], st.rc)
			}
			if rcs[1] != rcs[0] {
				t.Errorf("exit code: dnf %d, nimbus %d", rcs[0], rcs[1])
			}
			if got[0] != got[1] {
				t.Errorf("lines differ\n--- dnf:\n%s\n--- nimbus:\n%s", got[0], got[1])
			}
			if st.see != "" && !strings.Contains(got[0], st.see) {
				t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", st.see, got[0])
			}
		})
	}
	// tsflags=test and --downloadonly changed nothing: lib-1.0 is still what is installed.
	for _, tool := range []string{"dnf", "nimbus"} {
		if got := installedByRPM(t, roots[tool]); got != "lib-1.0-1.noarch" {
			t.Errorf("%s's root has %q installed, want lib-1.0-1.noarch alone", tool, got)
		}
	}
	// Where the packages are: the last --downloadonly keeps lib-2.0 in the cache (both);
	// lib-1.0 stays in the destdir with nimbus, while dnf's successful install deleted it.
	for _, tc := range []struct {
		tool            string
		inDest, inCache int
	}{{"dnf", 0, 1}, {"nimbus", 1, 1}} {
		dest, _ := filepath.Glob(filepath.Join(roots[tc.tool]+"-dest", "*.rpm"))
		cached, _ := filepath.Glob(filepath.Join(roots[tc.tool], "var/cache/dnf/*/packages/*.rpm"))
		if len(dest) != tc.inDest || len(cached) != tc.inCache {
			t.Errorf("%s: %v in --destdir, %v in the cache; want %d and %d", tc.tool, dest, cached, tc.inDest, tc.inCache)
		}
	}
}
