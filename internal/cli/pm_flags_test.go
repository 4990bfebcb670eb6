package cli

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestDNFFlagsFitEveryCommand: dnf's general options are persistent flags of the root; no
// command may define a flag or shorthand that collides with them (cobra panics when it
// merges the sets), under every personality.
func TestDNFFlagsFitEveryCommand(t *testing.T) {
	for _, argv0 := range []string{"nimbus", "dnf"} {
		e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: osGetenv, argv0: argv0}
		var walk func(c *cobra.Command)
		walk = func(c *cobra.Command) {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s: %v", c.CommandPath(), r)
					}
				}()
				c.InheritedFlags()
				c.LocalFlags()
			}()
			for _, sub := range c.Commands() {
				walk(sub)
			}
		}
		walk(newRootCmd(e, nil))
	}
}

func TestDNFCommandLineErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--no-such-option", "install", "x"}, 2, "unrecognized arguments: --no-such-option"},
		{[]string{"-Z", "install", "x"}, 2, "unrecognized arguments: -Z"},
		{[]string{"install", "x", "--bogus"}, 2, "dnf install: error: unrecognized arguments: --bogus"},
		{[]string{"install", "x", "--setopt"}, 1, "Command line error: argument --setopt: expected one argument"},
		{[]string{"no-such-command"}, 1, "No such command: no-such-command."},
		{[]string{"--repo=a", "--disablerepo=b", "install", "x"}, 1, "not allowed with argument --repo"},
		{[]string{"install"}, 2, "the following arguments are required"},
	} {
		err := RunEnv(context.Background(), append([]string{"dnf"}, tc.args...), strings.NewReader(""), io.Discard, io.Discard, func(string) string { return "" })
		if ExitCode(err) != tc.code || err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("dnf %v: exit %d, %v; want %d and %q", tc.args, ExitCode(err), err, tc.code, tc.msg)
		}
	}
}

// TestDNFOptionsOnlyInPMHelp: dnf's global options are listed in the help of the package
// manager's commands only, and still parse before the command as dnf parses them.
func TestDNFOptionsOnlyInPMHelp(t *testing.T) {
	help := func(argv ...string) string {
		var out strings.Builder
		if err := RunEnv(context.Background(), argv, strings.NewReader(""), &out, io.Discard, func(string) string { return "" }); err != nil {
			t.Fatalf("%v: %v", argv, err)
		}
		return out.String()
	}
	for _, tc := range []struct {
		argv []string
		want bool
	}{
		{[]string{"nimbus", "repo", "create", "--help"}, false},
		{[]string{"nimbus", "help", "repo", "create"}, false},
		{[]string{"nimbus", "imds", "serve", "--help"}, false},
		{[]string{"nimbus", "image", "build", "--help"}, false},
		{[]string{"nimbus", "install", "--help"}, true},
		{[]string{"nimbus", "updateinfo", "--help"}, true},
		{[]string{"dnf", "install", "--help"}, true},
		{[]string{"dnf", "--help"}, true},
	} {
		out := help(tc.argv...)
		for _, opt := range []string{"--allowerasing", "--nobest", "--noscripts", "--installroot"} {
			if got := strings.Contains(out, opt); got != tc.want {
				t.Errorf("%v: lists %s: %v, want %v", tc.argv, opt, got, tc.want)
			}
		}
		if !strings.Contains(out, "Usage:") {
			t.Errorf("%v: no usage in\n%s", tc.argv, out)
		}
	}
	// The options parse before the command as well as after it: the command runs (and,
	// with no repository, says so as dnf does) instead of failing on the command line.
	root := t.TempDir()
	for _, args := range [][]string{
		{"--nobest", "-y", "install", "no-such-package"},
		{"-y", "install", "--nobest", "no-such-package"},
		{"--allowerasing", "--noscripts", "-y", "install", "no-such-package"},
	} {
		var out strings.Builder
		argv := append([]string{"dnf", "--installroot", root, "--setopt=reposdir=/dev/null", "-c", "/dev/null"}, args...)
		err := RunEnv(context.Background(), argv, strings.NewReader(""), &out, &out, func(string) string { return "" })
		if ExitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), `There are no enabled repositories in "/dev/null".`) {
			t.Errorf("%v: exit %d, %v\n%s", argv, ExitCode(err), err, out.String())
		}
	}
}
