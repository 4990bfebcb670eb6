package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestConfigKeptLikeDNF: a %config(noreplace) file the administrator changed, then a
// reinstall (the package's file is the same) and an upgrade (the package's file changed):
// dnf 4.14 (rpm 4.18) and nimbus leave the same files — the changed one kept, an .rpmnew
// only when the package's content changed.
func TestConfigKeptLikeDNF(t *testing.T) {
	v1, v2 := t.TempDir(), t.TempDir()
	buildRepo(t, v1, fixturesV1)
	buildRepo(t, v2, fixturesV2)
	env := dnfEnv(t)
	dnfRoot, nimRoot := t.TempDir(), t.TempDir()
	state := func(root string) string {
		b, _ := os.ReadFile(filepath.Join(root, "etc/app.conf"))
		s := string(b)
		if n, err := os.ReadFile(filepath.Join(root, "etc/app.conf.rpmnew")); err == nil {
			s += " + .rpmnew " + string(n)
		}
		if n, err := os.ReadFile(filepath.Join(root, "etc/app.conf.rpmsave")); err == nil {
			s += " + .rpmsave " + string(n)
		}
		return s
	}
	for _, step := range [][]string{
		append(repoArgs(v1), "install", "app"),
		nil, // the administrator edits /etc/app.conf
		append(repoArgs(v1), "reinstall", "app"),
		append(repoArgs(v1, v2), "upgrade", "app"),
	} {
		if step == nil {
			for _, r := range []string{dnfRoot, nimRoot} {
				os.WriteFile(filepath.Join(r, "etc/app.conf"), []byte("edited\n"), 0o644)
			}
			continue
		}
		dnfRun(t, env, dnfRoot, step...)
		nimbusRun(t, nimRoot, step...)
		if d, n := state(dnfRoot), state(nimRoot); d != n {
			t.Errorf("after %v: /etc/app.conf:\n  dnf:    %q\n  nimbus: %q", step[len(step)-2:], d, n)
		}
	}
}
