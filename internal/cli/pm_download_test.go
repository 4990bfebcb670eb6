package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestDownloadLikeDNF runs `download` with the real dnf 4.14 and dnf-plugins-core 4.3's
// download plugin (every other plugin disabled) and with nimbus, each with its own root,
// cache and --destdir, against one repository over loopback HTTP and the same one as a
// local directory, and compares exit codes, error lines, the URLs --url prints and the
// files each leaves in its --destdir.
func TestDownloadLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/download.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: tool"}, files: []string{"/usr/bin/app"}},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(repo)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		name, from string
		args       []string
		rc         int
		want       string // what dnf must leave or print, so that the comparison shows something
	}{
		{"newest", "http", []string{"lib"}, 0, "lib-2.0-1.noarch.rpm"},
		{"a version", "http", []string{"lib-1.0"}, 0, "lib-1.0-1.noarch.rpm"},
		{"resolve", "http", []string{"--resolve", "app"}, 0, "app-1.0-1.noarch.rpm lib-2.0-1.noarch.rpm tool-1.0-1.noarch.rpm"},
		{"from a local repository", "file", []string{"tool", "lib"}, 0, "lib-2.0-1.noarch.rpm tool-1.0-1.noarch.rpm"},
		{"urls", "http", []string{"--url", "tool"}, 0, "/tool-1.0-1.noarch.rpm"},
		{"no such package", "http", []string{"nosuch"}, 1, "No package nosuch available."},
		{"another arch", "http", []string{"--arch", "x86_64", "lib"}, 1, "No package lib available."},
	} {
		t.Run(st.name, func(t *testing.T) {
			var got [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, st.name, tool)
				dest := filepath.Join(root, "dest")
				os.MkdirAll(dest, 0o755)
				base := srv.URL + "/"
				if st.from == "file" {
					base = "file://" + repo
				}
				args := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + base, "--repo=r", "download", "--destdir", dest}, st.args...)
				stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=download"}, args...)
				rcs[i] = rc
				var lines []string
				for _, l := range strings.Split(stdout+stderr, "\n") {
					switch {
					case strings.HasPrefix(l, "No package"), strings.HasPrefix(l, "Error"), strings.HasPrefix(l, "Exiting"):
						lines = append(lines, l)
					case strings.HasPrefix(l, "http://"):
						lines = append(lines, strings.TrimPrefix(l, srv.URL))
					}
				}
				files, _ := filepath.Glob(filepath.Join(dest, "*.rpm"))
				var names []string
				for _, f := range files {
					names = append(names, filepath.Base(f))
				}
				sort.Strings(names)
				got[i] = strings.Join(append(lines, strings.Join(names, " ")), "\n")
			}
			if rcs[0] != st.rc || rcs[1] != rcs[0] {
				t.Errorf("exit codes: dnf %d (scenario %d), nimbus %d", rcs[0], st.rc, rcs[1])
			}
			if got[0] != got[1] {
				t.Errorf("results differ\n--- dnf:\n%s\n--- nimbus:\n%s", got[0], got[1])
			}
			if !strings.Contains(got[0], st.want) {
				t.Errorf("dnf's result lacks %q: the comparison no longer shows it\n%s", st.want, got[0])
			}
		})
	}
}
