package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

func newNeedsRestartingCmd(e *env) *cobra.Command {
	var reboot, userOnly bool
	c := &cobra.Command{
		Use:   "needs-restarting [-r] [-u]",
		Short: "Report processes using replaced files, or (-r) whether core packages updated since boot need a reboot",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if reboot {
				return needsReboot(e)
			}
			if root := e.pm.installRoot; root != "" && filepath.Clean(root) != "/" {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: with --installroot only -r works (the processes of %s are not visible from here)", root)}
			}
			procs, err := pm.NeedsRestarting("/proc", userOnly, os.Getuid())
			if err != nil {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: %w", err)}
			}
			for _, p := range procs {
				fmt.Fprintf(e.stdout, "%d : %s\n", p.PID, p.Cmdline)
			}
			return nil
		},
	}
	c.Flags().BoolVarP(&reboot, "reboothint", "r", false, "only say whether a reboot is needed (exit 1 when it is)")
	c.Flags().BoolVarP(&userOnly, "useronly", "u", false, "only the current user's processes")
	return c
}

// needsReboot is `needs-restarting -r`: dnf's wording and exit codes (1: reboot needed).
func needsReboot(e *env) error {
	cfg, err := e.pm.pmConfig(e, e.cmdline)
	if err != nil {
		return err
	}
	boot, err := pm.BootTime(e.getenv)
	if err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: needs-restarting: boot time: %w", err)}
	}
	names, err := pm.NeedsReboot(e.ctx, cfg, boot)
	if err != nil {
		return dnfError(err)
	}
	printRebootHint(e, names)
	if len(names) > 0 {
		return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("reboot required")}
	}
	return nil
}

// printRebootHint words needs-restarting -r's answer as dnf does.
func printRebootHint(e *env, names []string) {
	if len(names) == 0 {
		fmt.Fprintln(e.stdout, "No core libraries or services have been updated since boot-up.")
		fmt.Fprintln(e.stdout, "Reboot should not be necessary.")
		return
	}
	fmt.Fprintln(e.stdout, "Core libraries or services have been updated since boot-up:")
	for _, n := range names {
		fmt.Fprintf(e.stdout, "  * %s\n", n)
	}
	fmt.Fprintln(e.stdout, "\nReboot is required to fully utilize these updates.")
}
