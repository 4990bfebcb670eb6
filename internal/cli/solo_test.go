//go:build !pmonly

package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// TestSoloCommands: for each builder command soloCommand makes alone, cobra finds the same
// command (same path and flags) in the whole tree, under every personality; no other
// command of the tree has its name or an alias of it; and help for it is the same.
func TestSoloCommands(t *testing.T) {
	names := []string{"rpm", "key", "imds", "repo", "build", "solver", "image", "run", "ssh",
		"release", "check-release-update", "status", "fleet", "advisory", "dist"}
	for _, argv0 := range []string{"nimbus", "dnf"} {
		newEnv := func(out io.Writer) *env {
			return &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: out, stderr: out, getenv: osGetenv, argv0: argv0}
		}
		full := newRootCmd(newEnv(io.Discard), nil)
		for _, name := range names {
			solo := newRootCmd(newEnv(io.Discard), []string{name})
			if n := len(solo.Commands()); n != 1 {
				t.Errorf("%s %s: the solo tree has %d commands", argv0, name, n)
				continue
			}
			want, _, err := full.Find([]string{name})
			if err != nil || want.Name() != name {
				t.Errorf("%s %s: the whole tree finds %v (%v)", argv0, name, want, err)
				continue
			}
			got, _, err := solo.Find([]string{name})
			if err != nil || got.CommandPath() != want.CommandPath() || got.Use != want.Use ||
				len(got.Commands()) != len(want.Commands()) {
				t.Errorf("%s %s: solo finds %v, want %v (%v)", argv0, name, got, want, err)
			}
			if got.LocalFlags().FlagUsages() != want.LocalFlags().FlagUsages() {
				t.Errorf("%s %s: flags differ", argv0, name)
			}
			for _, c := range full.Commands() {
				if c != want && (c.Name() == name || c.HasAlias(name)) {
					t.Errorf("%s %s: %s also answers to it", argv0, name, c.Name())
				}
			}
			var a, b strings.Builder
			for _, r := range []struct {
				args []string
				out  *strings.Builder
			}{{nil, &a}, {[]string{name}, &b}} {
				root := newRootCmd(newEnv(r.out), r.args)
				root.SetOut(r.out)
				root.SetErr(r.out)
				root.SetArgs([]string{name, "--help"})
				if err := root.Execute(); err != nil {
					t.Errorf("%s %s --help: %v", argv0, name, err)
				}
			}
			if a.String() != b.String() || a.Len() == 0 {
				t.Errorf("%s %s --help differs:\n%s\n---\n%s", argv0, name, a.String(), b.String())
			}
		}
	}
}
