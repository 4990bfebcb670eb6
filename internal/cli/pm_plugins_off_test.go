package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPluginCommandsOffLikeDNF: the dnf-plugins-core commands nimbus has built in are
// dnf's "No such command" when their plugin is not loaded: with --noplugins (plugins
// currently disabled) and with the plugin disabled (dnf is given --disableplugin='*' so
// that no host plugin loads; nimbus --disableplugin=NAME). Messages and exit codes match.
func TestPluginCommandsOffLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, cmd := range [][]string{{"reposync"}, {"repoclosure"}, {"leaves"}, {"repomanage", dir}, {"changelog"}, {"versionlock"}} {
		for _, off := range []string{"--noplugins", "--disableplugin"} {
			var outs [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, tool)
				args := []string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "cache")}
				var first []string
				switch {
				case off == "--noplugins":
					args = append(args, off)
				case tool == "dnf":
					first = []string{"--disableplugin=*"}
				default:
					args = append(args, "--disableplugin="+cmd[0])
				}
				stdout, stderr, rc := runTool(t, tool, env, first, append(args, cmd...)...)
				outs[i], rcs[i] = stdout+stderr, rc
			}
			if rcs[0] != 1 || rcs[1] != 1 || outs[0] != outs[1] {
				t.Errorf("%s %v: dnf (exit %d):\n%s--- nimbus (exit %d):\n%s", off, cmd, rcs[0], outs[0], rcs[1], outs[1])
			}
		}
	}
}
