package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newLeavesCmd is dnf-plugins-core's leaves (4.3, leaves.py): the installed packages
// nothing else installed requires, a cycle of them as one group ("- " before a group's
// first package, "  " before the others).
func newLeavesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "leaves",
		Short: "List installed packages not required by any other package (dnf's leaves plugin)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			if err := pluginCommand(e, b, "leaves"); err != nil {
				return err
			}
			for _, g := range b.Leaves() {
				for i, p := range g {
					mark := " "
					if i == 0 {
						mark = "-"
					}
					fmt.Fprintf(e.stdout, "%s %s\n", mark, p)
				}
			}
			return nil
		},
	}
}
