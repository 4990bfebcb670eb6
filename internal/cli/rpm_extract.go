//go:build !pmonly

package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/unpack"
)

func newRPMExtractCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "extract FILE.rpm DIR",
		Short: "Unpack a package's files into DIR, never writing outside it (like rpm2cpio | cpio -idm)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			name, dir := args[0], args[1]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			p, err := rpm.ReadHeaders(f)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			info, err := rpm.FromHeader(p.Header)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			res, err := unpack.Extract(name, p, info, dir)
			if err != nil {
				return err
			}
			for _, s := range append(res.Skipped, res.Warnings...) {
				fmt.Fprintf(e.stderr, "warning: %s\n", s)
			}
			fmt.Fprintf(e.stdout, "%s: %d entries extracted to %s\n", name, res.Files, dir)
			return nil
		},
	}
}
