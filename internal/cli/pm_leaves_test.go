package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLeavesLikeDNF: dnf-plugins-core 4.3's leaves (loaded alone) and nimbus's on the same
// install root (packages installed by rpm, a gpg-pubkey imported): a chain, a cycle, a
// virtual provide with two providers, a self-provide, a file and a Requires(pre)
// dependency, an epoch. The output and exit codes must be the same.
func TestLeavesLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/leaves.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "a", version: "1", release: "1", tags: []string{"Requires: b"}, files: []string{"/usr/share/a"}},
		{name: "b", version: "1", release: "1", tags: []string{"Requires: c >= 1"}, files: []string{"/usr/share/b"}},
		{name: "c", version: "1", release: "1", files: []string{"/usr/share/c"}},
		{name: "x", version: "1", release: "1", tags: []string{"Requires: y"}, files: []string{"/usr/share/x"}},
		{name: "y", version: "1", release: "1", tags: []string{"Requires: x"}, files: []string{"/usr/share/y"}},
		{name: "p", version: "1", release: "1", tags: []string{"Requires: virt"}, files: []string{"/usr/share/p"}},
		{name: "q1", version: "1", release: "1", tags: []string{"Provides: virt"}, files: []string{"/usr/share/q1"}},
		{name: "q2", version: "1", release: "1", tags: []string{"Provides: virt"}, files: []string{"/usr/share/q2"}},
		{name: "s", version: "1", release: "1", tags: []string{"Provides: s-feature", "Requires: s-feature", "Requires: missing-dep"}, files: []string{"/usr/share/s"}},
		{name: "f", version: "1", release: "1", tags: []string{"Requires: /usr/bin/tool", "Requires(pre): e"}, files: []string{"/usr/share/f"}},
		{name: "tool", version: "1", release: "1", files: []string{"/usr/bin/tool"}},
		{name: "e", version: "1", release: "1", tags: []string{"Epoch: 2"}, files: []string{"/usr/share/e"}},
	})
	root := t.TempDir()
	rpms, _ := filepath.Glob(filepath.Join(repo, "*.rpm"))
	run(t, needTool(t, "rpm"), append([]string{"--root", root, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", "--noscripts"}, rpms...)...)
	_, key := signingKey(t)
	run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "--import", key)
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	var outs [2]string
	var rcs [2]int
	for i, tool := range []string{"dnf", "nimbus"} {
		stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=leaves"},
			"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir="+filepath.Join(t.TempDir(), "cache"), "leaves")
		outs[i], rcs[i] = stdout, rc
		if rc != 0 {
			outs[i] += stderr
		}
	}
	if rcs[0] != 0 || rcs[1] != 0 || outs[0] != outs[1] {
		t.Errorf("dnf (exit %d):\n%s--- nimbus (exit %d):\n%s", rcs[0], outs[0], rcs[1], outs[1])
	}
	for _, want := range []string{"- a-1-1.noarch\n", "- x-1-1.noarch\n  y-1-1.noarch\n", "- q1-1-1.noarch\n", "- s-1-1.noarch\n"} {
		if !strings.Contains(outs[0], want) {
			t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", want, outs[0])
		}
	}
	if strings.Contains(outs[0], "c-1-1") || strings.Contains(outs[0], "tool-1-1") || strings.Contains(outs[0], "e-2:1-1") {
		t.Errorf("dnf lists a required package: the fixture no longer shows the edges\n%s", outs[0])
	}
}
