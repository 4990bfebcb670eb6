package cli

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestScriptletOutputLikeDNF: what a scriptlet prints is shown on stdout, as dnf 4.14 shows
// it (its rpm logger writes scriptlet output to the console); a scriptlet printing far
// more is cut at the limit with a note, and the command still succeeds.
func TestScriptletOutputLikeDNF(t *testing.T) {
	repo := t.TempDir()
	talk := fixture{name: "talk", version: "1.0", release: "1", files: []string{"/usr/share/talk/f"}}
	noisy := fixture{name: "noisy", version: "1.0", release: "1", files: []string{"/usr/share/noisy/f"}}
	buildRepo(t, repo, []fixture{shell, withPost(talk, "echo hello from the post scriptlet of talk"), withPost(noisy, "yes 0123456789abcdef | head -c 8000000")})
	env := dnfEnv(t)
	dnfRoot, nimRoot := t.TempDir(), t.TempDir()
	args := append(repoArgs(repo), "install", "talk")
	cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y", "--installroot", dnfRoot, "--setopt=cachedir=" + filepath.Join(dnfRoot, "var/cache/dnf")}, args...)...)
	cmd.Env = env
	var dout, derr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &dout, &derr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dnf: %v\n%s\n%s", err, dout.String(), derr.String())
	}
	const line = "hello from the post scriptlet of talk"
	if !strings.Contains(dout.String(), line) {
		t.Fatalf("the referee does not show the output on stdout (the test's premise):\nstdout: %s\nstderr: %s", dout.String(), derr.String())
	}
	out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", nimRoot}, args...)...)
	if err != nil {
		t.Fatalf("nimbus: %v\n%s", err, errs)
	}
	if !strings.Contains(out, line) {
		t.Errorf("nimbus does not show the scriptlet output on stdout:\nstdout: %s\nstderr: %s", out, errs)
	}
	// 8 MB of output: cut at the limit (1 MiB), with a note; -q shows none.
	out, errs, err = runCLI(t, nil, append([]string{"-y", "--installroot", nimRoot}, append(repoArgs(repo), "install", "noisy")...)...)
	if err != nil {
		t.Fatalf("nimbus: %v\n%s", err, errs)
	}
	if len(out) > 1<<20+4096 || !strings.Contains(out, "more bytes of output of the post scriptlet of noisy") {
		t.Errorf("noisy scriptlet: %d bytes shown, want the 1 MiB limit and a note", len(out))
	}
	out, _, err = runCLI(t, nil, append([]string{"-y", "-q", "--installroot", nimRoot}, append(repoArgs(repo), "reinstall", "talk")...)...)
	if err != nil || strings.Contains(out, line) {
		t.Errorf("-q: %v, output %q", err, out)
	}
}

func withPost(f fixture, body string) fixture {
	f.post = body
	return f
}
