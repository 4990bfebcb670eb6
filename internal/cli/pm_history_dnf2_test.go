package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryUndoDNFUnavailable: undoing dnf's removal of a package no repository offers
// any more fails, naming the transaction and the package, and changes nothing.
func TestHistoryUndoDNFUnavailable(t *testing.T) {
	repoDir, other := t.TempDir(), t.TempDir()
	buildRepo(t, repoDir, []fixture{{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/hist/lib"}}})
	buildRepo(t, other, []fixture{{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/hist/extra"}}})
	env := dnfEnv(t)
	root := filepath.Join(t.TempDir(), "root")
	dnfRun(t, env, root, append(repoArgs(repoDir), "--noplugins", "install", "lib")...)
	dnfRun(t, env, root, append(repoArgs(repoDir), "--noplugins", "remove", "lib")...)
	out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, append(repoArgs(other), "history", "undo", "2")...)...)
	if err == nil {
		t.Fatalf("nimbus history undo 2 succeeded without lib-1.0-1 in any repository:\n%s", out)
	}
	msg := errs + err.Error()
	for _, w := range []string{`Cannot find rpm nevra "lib-1.0-1.noarch".`, "history undo 2 cannot be done"} {
		if !strings.Contains(msg, w) {
			t.Errorf("the error does not name %q: %s", w, msg)
		}
	}
	// The real dnf refuses the same undo with the same first line.
	cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y", "--installroot", root, "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")},
		append(repoArgs(other), "history", "undo", "2")...)...)
	cmd.Env = env
	dout, derr := cmd.CombinedOutput()
	if derr == nil || !strings.Contains(string(dout), `Cannot find rpm nevra "lib-1.0-1.noarch".`) {
		t.Errorf("dnf history undo 2: err %v, want a failure naming the nevra as nimbus does:\n%s", derr, dout)
	}
	if got := installedByRPM(t, root); got != "" {
		t.Errorf("rpm -qa after the failed undo: %q, want nothing", got)
	}
}
