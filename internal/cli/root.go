// Package cli wires the nimbus command line: one cobra command per file, no logic beyond
// parsing flags and calling the library packages. Commands run in-process in tests through Run.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// env carries the process context every command needs; it replaces package-level state.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// argv0 is the name the program was called by (nimbus, dnf, yum); cmdline is the whole
	// command line, recorded in the package history.
	argv0, cmdline string
	// pm holds dnf's global options, registered on the root for every invocation.
	pm pmFlags
}

// ExitError asks main to exit with Code. When Silent is set the message was already printed.
type ExitError struct {
	Code   int
	Err    error
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return "exit status " + itoa(e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// ExitCode maps an error returned by Run to a process exit status (1 unless an ExitError says otherwise).
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return 1
}

// IsWorded reports whether the error is already phrased for the user (an ExitError).
func IsWorded(err error) bool {
	var ee *ExitError
	return errors.As(err, &ee)
}

// IsSilent reports whether the error's message has already been printed to stderr.
func IsSilent(err error) bool {
	var ee *ExitError
	return errors.As(err, &ee) && ee.Silent
}

// Run executes the CLI with argv (argv[0] selects the personality: nimbus, dnf or yum).
func Run(ctx context.Context, argv []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return RunEnv(ctx, argv, stdin, stdout, stderr, nil)
}

// RunEnv is Run with an explicit environment lookup (nil means the process environment).
func RunEnv(ctx context.Context, argv []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	if getenv == nil {
		getenv = osGetenv
	}
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(argv) > 0 {
		e.argv0 = filepath.Base(argv[0])
		e.cmdline = strings.Join(argv[1:], " ")
	}
	args := []string{}
	if len(argv) > 1 {
		args = argv[1:]
	}
	root := newRootCmd(e, args)
	opts, version, err := checkLeadingFlags(root, args)
	if err != nil {
		return err
	}
	if version { // dnf --version
		if err := root.PersistentFlags().Parse(opts); err != nil {
			return dnfFlagError(root.Name())(root, err)
		}
		return printVersion(ctx, stdout, "/")
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err = root.ExecuteContext(ctx)
	if err != nil && !IsWorded(err) {
		err = unknownCommand(err, root.Name())
	}
	// dnf prints a depsolve error, then its advice on stdout ("(try to add
	// '--allowerasing' ...)"): the error is printed here to keep that order.
	var dp *dnfProblem
	if errors.As(err, &dp) && dp.pe.Hint != "" && !e.pm.asJSON && !e.pm.quiet && !IsSilent(err) {
		fmt.Fprintln(stderr, dp.Error())
		fmt.Fprintln(stdout, dp.pe.Hint)
		return &ExitError{Code: ExitCode(err), Silent: true, Err: err}
	}
	return err
}

// newRootCmd builds the command tree for the arguments args (argv without the program
// name): the whole tree, or, when args start with the name of one of the commands
// soloCommand knows, the root with that command alone (see there).
func newRootCmd(e *env, args []string) *cobra.Command {
	name := "nimbus"
	if e.argv0 == "dnf" || e.argv0 == "yum" || e.argv0 == "dnf4" {
		name = e.argv0 // the package-manager commands are top-level in every personality
	}
	root := &cobra.Command{
		Use:           name,
		Short:         rootShort,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	e.pm.register(root)
	root.SetFlagErrorFunc(dnfFlagError(name))
	// dnf's aliases of list options add to the same list (--repoid after --repo).
	root.SetGlobalNormalizationFunc(func(_ *pflag.FlagSet, n string) pflag.NormalizedName {
		switch n {
		case "repoid":
			n = "repo"
		case "excludepkgs":
			n = "exclude"
		}
		return pflag.NormalizedName(n)
	})
	if len(args) > 0 {
		if c := soloCommand(e, args[0]); c != nil {
			root.AddCommand(c)
			markPMOptions(root)
			hidePMOptionsInHelp(root, root.PersistentFlags())
			return root
		}
	}
	root.AddCommand(moreCommands(e)...)
	pmCmds := pmCommands(e)
	for _, c := range pmCmds {
		markPMCommand(c)
	}
	root.AddCommand(pmCmds...)
	markPMOptions(root)
	hidePMOptionsInHelp(root, root.PersistentFlags())
	return root
}
