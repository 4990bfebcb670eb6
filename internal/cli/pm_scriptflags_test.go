package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTSFlagsScriptsAgainstDNF: dnf.conf's tsflags=noscripts runs no scriptlets and no file
// triggers, tsflags=notriggers no file triggers but the scriptlets (rpm's
// RPMTRANS_FLAG_NOSCRIPTS and NOTRIGGERS); nimbus's --noscripts (rpm's, beyond dnf) is
// tsflags=noscripts. The real dnf 4.14 and nimbus install and remove a package under a
// file-trigger package in two roots, and what the scriptlets and triggers logged must agree.
func TestTSFlagsScriptsAgainstDNF(t *testing.T) {
	repo := t.TempDir()
	logTo := func(what string) string { return "echo " + what + " $1 >> /log" }
	buildRepo(t, repo, []fixture{shell,
		{name: "trig", version: "1.0", release: "1", files: []string{"/usr/share/trig/f"},
			sections: "%filetriggerin -- /usr/share/lib\n" + logTo("fti") + "\n%filetriggerun -- /usr/share/lib\n" + logTo("ftu") +
				"\n%transfiletriggerin -- /usr/share/lib\n" + logTo("tfti") + "\n%transfiletriggerpostun -- /usr/share/lib\n" + logTo("tftpu")},
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/share/lib/f"},
			sections: "%pretrans\n" + logTo("pretrans") + "\n%pre\n" + logTo("pre") + "\n%post\n" + logTo("post") + "\n%preun\n" + logTo("preun") +
				"\n%postun\n" + logTo("postun") + "\n%posttrans\n" + logTo("posttrans")},
	})
	env := dnfEnv(t)
	for _, mode := range []struct {
		name           string
		dnfOpt, nimOpt string
		want           string // what both logged for the install and the removal of lib
	}{
		{"all", "--setopt=tsflags=", "--setopt=tsflags=", "pretrans 1 pre 1 fti 0 post 1 posttrans 1 tfti 0 | ftu 0 preun 0 postun 0 tftpu 0"},
		{"tsflags=noscripts", "--setopt=tsflags=noscripts", "--setopt=tsflags=noscripts", " | "},
		{"tsflags=notriggers", "--setopt=tsflags=notriggers", "--setopt=tsflags=notriggers", "pretrans 1 pre 1 post 1 posttrans 1 | preun 0 postun 0"},
		{"--noscripts", "--setopt=tsflags=noscripts", "--noscripts", " | "},
	} {
		t.Run(mode.name, func(t *testing.T) {
			dnfRoot, nimRoot := t.TempDir(), t.TempDir()
			logs := map[string][]string{}
			for _, st := range [][]string{{"install", "shell"}, {"install", "trig"}, {"", "install", "lib"}, {"", "remove", "lib"}} {
				for _, tool := range []string{"dnf", "nimbus"} {
					root, args := dnfRoot, repoArgs(repo)
					if tool == "nimbus" {
						root = nimRoot
					}
					if st[0] == "" {
						opt := mode.dnfOpt
						if tool == "nimbus" {
							opt = mode.nimOpt
						}
						args = append(append(args, opt), st[1:]...)
					} else {
						args = append(args, st...)
					}
					os.Remove(filepath.Join(root, "log"))
					if tool == "dnf" {
						dnfRun(t, env, root, args...)
					} else {
						nimbusRun(t, root, args...)
					}
					if st[0] == "" {
						b, _ := os.ReadFile(filepath.Join(root, "log"))
						logs[tool] = append(logs[tool], strings.Join(strings.Fields(string(b)), " "))
					}
				}
			}
			d, n := strings.Join(logs["dnf"], " | "), strings.Join(logs["nimbus"], " | ")
			if d != mode.want {
				t.Errorf("dnf logged %q, the test expects %q", d, mode.want)
			}
			if n != d {
				t.Errorf("nimbus logged %q, dnf %q", n, d)
			}
			if out, err := exec.Command(needTool(t, "rpm"), "--root", nimRoot, "--dbpath", "/var/lib/rpm", "-q", "lib").CombinedOutput(); err == nil {
				t.Errorf("lib still installed: %s", out)
			}
		})
	}
}
