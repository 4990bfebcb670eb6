package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repo"
)

// TestConfigManagerLikeDNF runs the same config-manager commands with the real dnf 4.14
// and dnf-plugins-core 4.3's config_manager plugin (every other plugin disabled) and with
// nimbus, each on its own install root, and compares the exit codes, what they print and
// the repositories their .repo files then define (every option of every section). The
// .repo file to add is served on loopback. Formatting differs on purpose: libdnf appends a
// new option after the section's trailing blank line; nimbus puts it after the last option.
func TestConfigManagerLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/config_manager.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	web := t.TempDir()
	os.WriteFile(filepath.Join(web, "extra.repo"), []byte("[extra]\nname=Extra\nbaseurl=http://127.0.0.1:1/repo/\nenabled=1\ngpgcheck=0\n\n[extra-debug]\nname=Extra debug\nbaseurl=http://127.0.0.1:1/debug/\nenabled=0\n"), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(web)))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	roots := map[string]string{}
	for _, tool := range []string{"dnf", "nimbus"} {
		roots[tool] = filepath.Join(dir, tool)
		os.MkdirAll(filepath.Join(roots[tool], "etc/yum.repos.d"), 0o755)
	}
	env := dnfEnv(t)
	for _, st := range []struct {
		name string
		args []string
		rc   int
		out  string // a line dnf prints, so that the comparison shows something
	}{
		{"add a .repo file", []string{"--add-repo", srv.URL + "/extra.repo"}, 0, "Adding repo from: " + srv.URL + "/extra.repo"},
		{"add a baseurl", []string{"--add-repo", "https://download.example.com/linux/el9/x86_64/stable/"}, 0, "Adding repo from: https://download.example.com/linux/el9/x86_64/stable/"},
		{"enable by glob", []string{"--set-enabled", "extra-*"}, 0, ""},
		{"disable with dnf's --disable", []string{"--disable", "download.example.com_linux_el9_x86_64_stable_"}, 0, ""},
		{"save options", []string{"--setopt=extra.gpgcheck=1", "--setopt=extra.priority=5", "--save"}, 0, ""},
		{"no such repository", []string{"--set-disabled", "nosuch"}, 1, "Error: No matching repo to modify: nosuch."},
		{"no action", nil, 1, "Command line error: one of the following arguments is required"},
	} {
		t.Run(st.name, func(t *testing.T) {
			var outs [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				args := append([]string{"--installroot", roots[tool], "--releasever=1", "config-manager"}, st.args...)
				stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=config_manager"}, args...)
				rcs[i] = rc
				// what both print: the info and error lines (dnf's usage text differs)
				var keep []string
				for _, l := range strings.Split(stdout+stderr, "\n") {
					if strings.HasPrefix(l, "Adding repo from") || strings.HasPrefix(l, "Error") || strings.HasPrefix(l, "Command line error") {
						keep = append(keep, l)
					}
				}
				outs[i] = strings.Join(keep, "\n")
			}
			if rcs[0] != st.rc || rcs[1] != rcs[0] {
				t.Errorf("exit codes: dnf %d (scenario %d), nimbus %d", rcs[0], st.rc, rcs[1])
			}
			if outs[0] != outs[1] {
				t.Errorf("output differs\n--- dnf:\n%s\n--- nimbus:\n%s", outs[0], outs[1])
			}
			if st.out != "" && !strings.Contains(outs[0], st.out) {
				t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", st.out, outs[0])
			}
			want, got := repoState(t, roots["dnf"]), repoState(t, roots["nimbus"])
			if want != got {
				t.Errorf("repositories differ\n--- dnf:\n%s--- nimbus:\n%s", want, got)
			}
		})
	}
	if s := repoState(t, roots["dnf"]); !strings.Contains(s, "extra-debug enabled=true") || !strings.Contains(s, "extra priority=5") || !strings.Contains(s, "download.example.com_linux_el9_x86_64_stable_ enabled=false") {
		t.Errorf("dnf's repositories are not what the steps lead one to expect:\n%s", s)
	}
}

// repoState is every repository the root's .repo files define, as "file: id key=value"
// lines of the options nimbus reads (sorted).
func repoState(t *testing.T, root string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, "etc/yum.repos.d/*.repo"))
	var lines []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := repo.ParseRepoFile(fh, f, repo.NewVars("x86_64", "1"), func(error) {})
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range rs {
			lines = append(lines,
				filepath.Base(f)+": "+r.ID+" name="+r.Name,
				filepath.Base(f)+": "+r.ID+" baseurl="+strings.Join(r.BaseURLs, " "),
				filepath.Base(f)+": "+r.ID+" enabled="+boolStr(r.Enabled),
				filepath.Base(f)+": "+r.ID+" gpgcheck="+boolStr(r.GPGCheck),
				filepath.Base(f)+": "+r.ID+" priority="+itoa(r.Priority))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestConfigManagerStaysInRoot: an install root whose reposdir is a symlink to a directory
// outside it gets no file through it (os.Root refuses), and the command fails naming it.
func TestConfigManagerStaysInRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc"), 0o755)
	if err := os.Symlink(outside, filepath.Join(root, "etc/yum.repos.d")); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	err := RunEnv(context.Background(), []string{"dnf", "--installroot", root, "--releasever=1", "config-manager", "--add-repo", "https://example.com/repo/"},
		strings.NewReader(""), &out, &out, func(string) string { return "" })
	if ExitCode(err) != 1 {
		t.Errorf("exit %d (%v), want 1\n%s", ExitCode(err), err, out.String())
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("config-manager wrote %v outside the install root", ents)
	}
	if !strings.Contains(out.String(), "etc/yum.repos.d") {
		t.Errorf("the error does not name the directory: %s", out.String())
	}
}
