package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSearchProvidesLikeDNF: `dnf search` (dnf's search.py and match_counter.py: the
// sections "Name Exactly Matched", "Name & Summary Matched", ..., weights, globs, --all
// and the word all, --showduplicates, the se alias, no match) and `dnf provides` (files,
// provides with versions and globs, commands found in the bin directories, /sbin
// without UsrMove, installed beside available, "Matched from:" lines, the error) beside
// dnf 4.14: stdout, stderr and exit code. dnf prints a section's keywords in the order of
// a Python set, which changes from run to run (hash randomisation); nimbus prints them in
// the order given, so the keywords of a header are compared as a set.
func TestSearchProvidesLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, []fixture{
		shell,
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "web-tool", version: "1.0", release: "1", tags: []string{"URL: https://example.org/proxy"}, files: []string{"/usr/bin/web-tool"}, description: "A proxy for the web."},
		{name: "web-tool", version: "2.0", release: "1", tags: []string{"URL: https://example.org/proxy"}, files: []string{"/usr/bin/web-tool"}, description: "A proxy for the web."},
		{name: "webby", version: "1.0", release: "1", files: []string{"/usr/share/webby/page"}, description: "Serves pages."},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Provides: tooling = 2"}, files: []string{"/usr/bin/tool"}},
		{name: "cmdpkg", version: "1.0", release: "1", files: []string{"/usr/sbin/cmdx", "/usr/bin/cmdy"}},
		{name: "Web", version: "1.0", release: "1", files: []string{"/usr/share/Web/x"}},
	})
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	header := regexp.MustCompile(`^(=+ .* Matched: )(.*?)( =+)$`)
	norm := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			if strings.Contains(l, "B/s |") || strings.HasPrefix(l, "Last metadata expiration check") {
				continue
			}
			if m := header.FindStringSubmatch(l); m != nil {
				ks := strings.Split(m[2], ", ")
				slices.Sort(ks)
				l = m[1] + strings.Join(ks, ", ") + " (" + fmt.Sprint(len(l)) + " columns)"
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range []struct {
		args []string
		rc   int
	}{
		{[]string{"search", "web"}, 0},
		{[]string{"search", "web", "tool"}, 0},
		{[]string{"search", "tool*"}, 0},
		{[]string{"search", "WEB"}, 0},
		{[]string{"search", "Web"}, 0},
		{[]string{"search", "fixture"}, 0},
		{[]string{"search", "--all", "proxy"}, 0},
		{[]string{"search", "all", "proxy", "pages"}, 0},
		{[]string{"search", "proxy", "pages"}, 0},
		{[]string{"search", "--showduplicates", "web-tool"}, 0},
		{[]string{"se", "lib"}, 0},
		{[]string{"search", "nothing-here"}, 0},
		{[]string{"provides", "/usr/bin/tool"}, 0},
		{[]string{"provides", "tool"}, 0},
		{[]string{"provides", "tooling"}, 0},
		{[]string{"provides", "tooling >= 2"}, 0},
		{[]string{"provides", "tooling > 5"}, 1},
		{[]string{"provides", "tooling>=2"}, 1},
		{[]string{"provides", "tool*"}, 0},
		{[]string{"provides", "cmdx"}, 0},
		{[]string{"provides", "/sbin/cmdx"}, 0},
		{[]string{"wp", "/usr/lib/fixture/*"}, 0},
		{[]string{"provides", "*/lib"}, 0},
		{[]string{"provides", "lib", "tool"}, 0},
		{[]string{"provides", "nothing"}, 1},
		{[]string{"provides", "/nothing"}, 1},
		{nil, 0}, // install lib-1.0 in both roots: installed packages are searched too
		{[]string{"provides", "lib"}, 0},
		{[]string{"provides", "/usr/lib/fixture/lib"}, 0},
		{[]string{"search", "lib"}, 0},
		{[]string{"search", "--showduplicates", "lib"}, 0},
	} {
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := roots[tool]
			args := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			if st.args == nil {
				args = append(args[:len(args):len(args)], "-y", "-q", "install", "lib-1.0")
			}
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, tool, rc, st.rc, out, errs)
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, norm(out), norm(errs))
		}
		if st.args != nil && got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
	}
}
