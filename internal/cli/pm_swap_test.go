package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSwapLikeDNF: AL2023 ships curl-minimal, and its documentation has users replace it
// with `dnf swap curl-minimal curl` (or `dnf install --allowerasing curl`). The same steps
// beside dnf 4.14 on one repository (curl and curl-minimal conflict; an app requires the
// curl provide both have): the output, the exit code and the packages rpm then lists must
// be the same.
func TestSwapLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "curl-minimal", version: "8.5.0", release: "1", tags: []string{"Provides: curl = 8.5.0", "Conflicts: curl-full"}, files: []string{"/usr/bin/curl-m"}},
		{name: "curl", version: "8.5.0", release: "1", tags: []string{"Provides: curl-full = 8.5.0", "Conflicts: curl-minimal"}, files: []string{"/usr/bin/curl"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: curl"}, files: []string{"/usr/bin/app"}},
		{name: "tied", version: "1.0", release: "1", tags: []string{"Requires: curl-minimal"}, files: []string{"/usr/bin/tied"}},
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	common := func(root string) []string {
		return []string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + repo}
	}
	for _, c := range []struct {
		name  string
		steps [][]string // the last step is compared
		see   string
	}{
		{"swap", [][]string{{"install", "curl-minimal", "app"}, {"swap", "curl-minimal", "curl"}}, "Removing:\n curl-minimal"},
		{"swap by provide", [][]string{{"install", "curl-minimal", "app"}, {"swap", "curl-minimal", "curl-full"}}, "Installing:\n curl"},
		{"swap file", [][]string{{"install", "curl-minimal", "app"}, {"swap", "curl-minimal", filepath.Join(repo, "curl-8.5.0-1.noarch.rpm")}}, "Removing:\n curl-minimal"},
		{"swap needed", [][]string{{"install", "curl-minimal", "tied"}, {"swap", "curl-minimal", "curl"}}, "package tied-1.0-1.noarch requires curl-minimal"},
		{"remove needed", [][]string{{"install", "curl-minimal", "tied"}, {"remove", "curl-minimal"}}, "Removing dependent packages:\n tied"},
		{"install conflicting", [][]string{{"install", "curl-minimal", "app"}, {"install", "curl"}}, "conflicts with curl-minimal"},
		{"install --allowerasing", [][]string{{"install", "curl-minimal", "app"}, {"install", "--allowerasing", "curl"}}, "Removing dependent packages:\n curl-minimal"},
		{"swap nothing installed", [][]string{{"install", "app"}, {"swap", "nosuch", "curl"}}, "No match for argument: nosuch"},
		{"swap one argument", [][]string{{"install", "app"}, {"swap", "curl"}}, "the following arguments are required: install_spec"},
		{"install excluded installed", [][]string{{"install", "curl-minimal", "app"}, {"install", "--exclude=app", "app"}}, "All matches were filtered out by exclude filtering for argument: app"},
		{"install excluded", [][]string{{"install", "curl-minimal", "app"}, {"install", "--setopt=excludepkgs=tie*", "tied", "nosuch"}}, "No match for argument: nosuch"},
		{"install installed", [][]string{{"install", "curl-minimal", "app"}, {"install", "curl-minimal", "app"}}, "Package app-1.0-1.noarch is already installed."},
	} {
		t.Run(c.name, func(t *testing.T) {
			var outs [2]string
			var rcs [2]int
			var pkgs [2]string
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"), tool)
				for k, step := range c.steps {
					stdout, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, append(append(common(root), "-y"), step...)...)
					if k < len(c.steps)-1 {
						if rc != 0 {
							t.Fatalf("%s %v: %d %s", tool, step, rc, stderr)
						}
						continue
					}
					outs[i], rcs[i] = stdout, rc
					switch rc {
					case 1:
						outs[i] = stderr + "--- stdout's last line: " + lastLine(stdout)
					case 2:
						outs[i] = stderr
					}
				}
				pkgs[i] = installedByRPM(t, root)
			}
			if rcs[0] != rcs[1] || pkgs[0] != pkgs[1] {
				t.Errorf("dnf: exit %d, installed %s\nnimbus: exit %d, installed %s", rcs[0], pkgs[0], rcs[1], pkgs[1])
			}
			if rcs[0] == 0 && comparable(outs[0]) != comparable(outs[1]) || rcs[0] == 1 && outs[0] != outs[1] ||
				rcs[0] == 2 && lastLine(outs[0]) != lastLine(outs[1]) { // argparse: dnf's usage lists every option
				t.Errorf("dnf's output:\n%s\n--- nimbus's:\n%s", outs[0], outs[1])
			}
			if !strings.Contains(outs[0], c.see) {
				t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", c.see, outs[0])
			}
		})
	}
}

// comparable is what a change command's output must share with dnf's: all of it when
// there was nothing to do, else the transaction table from its header to the summary's
// last count, without the size lines (their units depend on the files); the repository
// and metadata-age lines dnf prints are left out.
func comparable(out string) string {
	var keep []string
	nothing := strings.Contains(out, "Nothing to do.")
	in := nothing
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Added ") || strings.HasPrefix(l, "Last metadata expiration") {
			continue
		}
		if strings.HasPrefix(l, " Package ") && strings.Contains(l, "Architecture") {
			in = true
		}
		if !nothing && (strings.HasPrefix(l, "Total") || strings.HasPrefix(l, "Installed size") || strings.HasPrefix(l, "Freed space") || strings.HasPrefix(l, "Downloading")) {
			in = false
		}
		if in {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func lastLine(s string) string {
	l := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return l[len(l)-1]
}
