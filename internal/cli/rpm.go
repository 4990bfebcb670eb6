//go:build !pmonly

package cli

import (
	"github.com/spf13/cobra"
)

func newRPMCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "rpm",
		Short: "Read, write, verify and unpack RPM package files",
	}
	c.AddCommand(newRPMInfoCmd(e), newRPMVerifyCmd(e), newRPMVercmpCmd(e), newRPMExtractCmd(e), newRPMPackCmd(e))
	return c
}
