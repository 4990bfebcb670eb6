package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The real dnf and rpm are referees; they run isolated from the host's configuration so
// that the tests pass on any host, not only this one:
//
//   - dnf always gets --noplugins: with dnf-plugins-core installed, its `local` plugin
//     would add a repository of its own (and write one) on every transaction;
//   - dnf gets a private HOME whose .rpmmacros sets %_dbpath /var/lib/rpm: the rpmdb dnf
//     writes in an install root depends on rpm's macros (Debian: ~/.rpmdb; rpm
//     distributions: /var/lib/rpm; a user's own ~/.rpmmacros: anything), and ~/.rpmmacros
//     is read last, so this one wins;
//   - rpm always gets --dbpath explicitly (with --root, relative to the root).

// dnfEnv is the environment of the real dnf: a private HOME with an .rpmmacros giving rpm
// (through dnf) the dbpath /var/lib/rpm and gpg's path.
func dnfEnv(t *testing.T) []string {
	t.Helper()
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".rpmmacros"), []byte("%_dbpath /var/lib/rpm\n%__gpg /usr/bin/gpg\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "HOME="+home)
}

// runDNF runs the real dnf with args (which must include --noplugins) in dnfEnv and
// returns its stdout; a failure fails the test.
func runDNF(t *testing.T, args ...string) string {
	t.Helper()
	if !containsArg(args, "--noplugins") {
		t.Fatalf("dnf %v: without --noplugins", args)
	}
	cmd := exec.Command(needTool(t, "dnf"), args...)
	cmd.Env = dnfEnv(t)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("dnf %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func containsArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

// runTool runs a command line with the real dnf (dnfFirst ahead of args: --noplugins, or
// the one plugin a test compares with) in env, or with nimbus answering as dnf. It returns
// stdout, stderr and the exit status; an error nimbus returns without having printed it is
// added to stderr, where dnf prints its errors.
func runTool(t *testing.T, tool string, env, dnfFirst []string, args ...string) (stdout, stderr string, rc int) {
	t.Helper()
	var out, errb strings.Builder
	if tool == "dnf" {
		cmd := exec.Command(needTool(t, "dnf"), append(append([]string{}, dnfFirst...), args...)...)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &errb
		if err := cmd.Run(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatalf("dnf %v: %v", args, err)
			}
			rc = ee.ExitCode()
		}
		return out.String(), errb.String(), rc
	}
	err := RunEnv(context.Background(), append([]string{"dnf"}, args...), strings.NewReader(""), &out, &errb, func(string) string { return "" })
	if err != nil && !IsSilent(err) {
		errb.WriteString(err.Error() + "\n")
	}
	return out.String(), errb.String(), ExitCode(err)
}
