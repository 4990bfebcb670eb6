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
		walk(newRootCmd(e))
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
