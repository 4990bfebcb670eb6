package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// dnfStep is one command line run with the real dnf and with nimbus, each on its own root.
type dnfStep struct {
	args []string
	rc   int
	// firstLines compares only stdout and stderr's first line (differences written down
	// in docs/pm.md with their reasons)
	firstLines bool
}

// runSteps runs the steps in order with dnf 4.14 and nimbus on two roots that start empty
// (the repositories of conf), and compares after each stdout, stderr, the exit code and
// the installed packages (rpm -qa); of a usage error (exit code 2) the error line only.
// Left out of the comparison: the metadata age line,
// download lines, the sizes of the summary, dnf's per-package progress lines, which
// nimbus prints on a terminal only, and dnf's debug lines of -v (docs/pm.md).
func runSteps(t *testing.T, conf string, env []string, steps []dnfStep) map[string]string {
	t.Helper()
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	progress := regexp.MustCompile(`^  [A-Z][a-z]+( scriptlet)? *: .* [0-9]+/[0-9]+ *$`)
	// dnf's debug lines of -v (its version, cachedir, user agent, how each repository was
	// loaded), which nimbus does not print (docs/pm.md)
	debug := regexp.MustCompile(`^(DNF version: |cachedir: |User-Agent: |repo: using cache for: |repo: downloading from remote: |[^ ]+: using metadata from )`)
	norm := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			if strings.Contains(l, "B/s |") || strings.HasPrefix(l, "Last metadata expiration check") || progress.MatchString(l) || debug.MatchString(l) {
				continue
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	// the sizes of the summary; the install time of info -v (each tool installs at its
	// own second: TestInfoVerboseLikeDNF checks it against rpm's)
	sizes := regexp.MustCompile(`(?m)^(Total size|Installed size|Freed space|Install time ): .*$`)
	for _, st := range steps {
		var got, inst [2]string
		for i, name := range []string{"dnf", "nimbus"} {
			root := roots[name]
			full := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			out, errs, rc := runTool(t, name, env, []string{"--noplugins"}, full...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, name, rc, st.rc, out, errs)
			}
			out = sizes.ReplaceAllString(out, "$1: SIZE")
			if st.firstLines {
				out, _, _ = strings.Cut(out, "\n")
				errs, _, _ = strings.Cut(errs, "\n")
			}
			if rc == 2 {
				// a usage error: argparse's usage text (every global option) is not
				// nimbus's; its error line is, up to the choices, which dnf lists in the
				// order of a Python set (docs/pm.md)
				l := strings.Split(strings.TrimRight(errs, "\n"), "\n")
				errs, _, _ = strings.Cut(l[len(l)-1], " (choose from")
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, norm(out), norm(errs))
			inst[i] = installedByRPM(t, root)
		}
		if got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
		if inst[0] != inst[1] {
			t.Errorf("%v: installed differ:\n--- dnf\n%s\n--- nimbus\n%s", st.args, inst[0], inst[1])
		}
	}
	return roots
}

// fileRepoConf writes a dnf.conf for both tools: no reposdir, no gpgcheck, and one
// repository "r" named name at the local directory dir. It returns the file's path.
func fileRepoConf(t *testing.T, name, dir string) string {
	t.Helper()
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r]\nname=%s\nbaseurl=file://%s\n", name, dir)), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}
