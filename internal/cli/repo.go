//go:build !pmonly

package cli

import (
	"github.com/spf13/cobra"
)

func newRepoCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "repo",
		Short: "Create and query rpm-md package repositories",
	}
	c.AddCommand(newRepoCreateCmd(e), newRepoQueryCmd(e))
	return c
}
