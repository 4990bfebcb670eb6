package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/cobra"
)

// newRepomanageCmd is dnf-plugins-core's repomanage (4.3, repomanage.py): the newest (or,
// with --old, the older) package files of a directory of rpms, per name.arch
// (pm/repomanage.go).
func newRepomanageCmd(e *env) *cobra.Command {
	var old, oldonly, newest, space bool
	var keep int
	c := &cobra.Command{
		Use:   "repomanage PATH",
		Short: "Manage a directory of rpm packages (dnf's repomanage plugin)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			if err := pluginCommand(e, b, "repomanage"); err != nil {
				return err
			}
			fail := func(msg string) error { return &ExitError{Code: 1, Err: errors.New("Error: " + msg)} }
			switch {
			case newest && old:
				return fail("Pass either --old or --new, not both!")
			case newest && oldonly:
				return fail("Pass either --oldonly or --new, not both!")
			case old && oldonly:
				return fail("Pass either --old or --oldonly, not both!")
			}
			// the plugin's repository of the directory, as dnf logs it (on stderr)
			fmt.Fprintf(e.stderr, "Added repomanage_repo repo from %s\n", args[0])
			files, unreadable, err := pm.RepoManage(args[0], pm.ManageOptions{Old: old, OldOnly: oldonly, Keep: keep})
			if len(unreadable) > 0 {
				fmt.Fprintf(e.stderr, "Could not open %s\n", strings.Join(unreadable, ", "))
			}
			if err != nil {
				return fail(err.Error())
			}
			if space {
				fmt.Fprintln(e.stdout, strings.Join(files, " "))
				return nil
			}
			for _, f := range files {
				fmt.Fprintln(e.stdout, f)
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.BoolVarP(&old, "old", "o", false, "print the older packages")
	fl.BoolVarP(&oldonly, "oldonly", "O", false, "print the older packages, the newest left out")
	fl.BoolVarP(&newest, "new", "n", false, "print the newest packages")
	fl.BoolVarP(&space, "space", "s", false, "space separated output, not newline")
	fl.IntVarP(&keep, "keep", "k", 1, "newest N packages to keep")
	return c
}
