//go:build !pmonly

package cli

import "github.com/spf13/cobra"

// rootShort is the root command's one-line description.
const rootShort = "Nimbus Linux: build, ship, boot and patch a cloud Linux distribution"

// moreCommands are the commands beyond dnf's (pmCommands): in the full nimbus, every
// builder, image, release and repository tool. Built with -tags pmonly (commands_pm.go),
// the binary is the package manager alone: dist/recipes/dnf.yaml, docs/pm.md.
func moreCommands(e *env) []*cobra.Command {
	return []*cobra.Command{newRPMCmd(e), newKeyCmd(e), newIMDSCmd(e), newRepoCmd(e), newBuildCmd(e), newSolverCmd(e), newImageCmd(e), newRunCmd(e), newSSHCmd(e), newReleaseCmd(e), newCheckReleaseUpdateCmd(e), newAutomaticCmd(e), newStatusCmd(e), newFleetCmd(e), newAdvisoryCmd(e), newDistCmd(e), newUpdateinfoCmd(e), newNeedsRestartingCmd(e)}
}
