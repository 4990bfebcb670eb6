//go:build !pmonly

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

func newRPMVercmpCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "vercmp A B",
		Short: "Compare two [epoch:]version[-release] strings as rpm does; prints -1, 0 or 1",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := evr.Parse(args[0])
			if err != nil {
				return err
			}
			b, err := evr.Parse(args[1])
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, evr.Compare(a, b))
			return nil
		},
	}
}
