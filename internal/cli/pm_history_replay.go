package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// replayFlags are the options of `history replay`.
type replayFlags struct {
	ignoreInstalled, ignoreExtras, skipUnavailable bool
}

// historyReplay is dnf 4.14's `history replay FILE`: the transaction `history store` wrote
// (dnf's JSON) done again by TransactionReplay's rules (pm.StoredReplay), with
// install_weak_deps and clean_requirements_on_remove off as dnf sets them for it.
func historyReplay(cmd *cobra.Command, e *env, args []string, rf replayFlags) error {
	switch {
	case len(args) == 0:
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: No transaction file name given.")}
	case len(args) > 1:
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: More than one argument given as transaction file name.")}
	}
	file, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		// dnf lets open()'s OSError through to its IOError handler: "[Errno 2] No such
		// file or directory: '/path'", without "Error: "
		var errno syscall.Errno
		if errors.As(err, &errno) {
			msg := errno.Error()
			return &ExitError{Code: 1, Err: fmt.Errorf("[Errno %d] %s: '%s'", int(errno), strings.ToUpper(msg[:1])+msg[1:], file)}
		}
		return &ExitError{Code: 1, Err: err}
	}
	st, err := pm.LoadReplay(file, data, pm.ReplayOptions{IgnoreInstalled: rf.ignoreInstalled, IgnoreExtras: rf.ignoreExtras, SkipUnavailable: rf.skipUnavailable})
	if err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
	}
	cfg, err := e.pm.pmConfig(e, e.cmdline)
	if err != nil {
		return err
	}
	if _, err := pm.Recover(e.ctx, cfg); err != nil {
		return dnfError(err)
	}
	b, err := openBase(e, true)
	if err != nil {
		return err
	}
	b.Main.InstallWeakDeps, b.Main.CleanOnRemove = false, false
	req, err := st.Request(b)
	if err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
	}
	plan, err := b.Resolve(req)
	if err != nil {
		return dnfError(err)
	}
	plan.OnResolved = func() error {
		if err := st.Check(plan); err != nil {
			return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
		}
		return nil
	}
	if err := runPlan(cmd, e, &e.pm, b, plan); err != nil {
		return dnfError(err)
	}
	for _, m := range st.Marks() {
		if _, _, err := b.Mark(e.ctx, []string{m.NEVRA}, m.Reason); err != nil {
			return dnfError(err)
		}
	}
	if w := st.Warnings(); len(w) > 0 {
		fmt.Fprintln(e.stderr, "Warning, the following problems occurred while running a transaction:")
		for _, s := range w {
			fmt.Fprintln(e.stderr, "  "+s)
		}
	}
	return nil
}
