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

// soloCommand returns the command of moreCommands named name when it is one of the
// builder's commands (not dnf's: those read its global options and share the tree with
// its commands), made alone, else nil. A process that runs one of them (`nimbus solver
// testcase`, `nimbus build`) builds the root's flags and that command only, not the 90
// other commands with their flags: 0.3 MB of heap and the code of every constructor at
// each start (docs/solver.md). Cobra would pick the same command from the whole tree:
// no other command has its name or an alias of it (TestSoloCommands). A switch, not a
// map: a map literal is code every process runs at its start.
func soloCommand(e *env, name string) *cobra.Command {
	switch name {
	case "rpm":
		return newRPMCmd(e)
	case "key":
		return newKeyCmd(e)
	case "imds":
		return newIMDSCmd(e)
	case "repo":
		return newRepoCmd(e)
	case "build":
		return newBuildCmd(e)
	case "solver":
		return newSolverCmd(e)
	case "image":
		return newImageCmd(e)
	case "run":
		return newRunCmd(e)
	case "ssh":
		return newSSHCmd(e)
	case "release":
		return newReleaseCmd(e)
	case "check-release-update":
		return newCheckReleaseUpdateCmd(e)
	case "status":
		return newStatusCmd(e)
	case "fleet":
		return newFleetCmd(e)
	case "advisory":
		return newAdvisoryCmd(e)
	case "dist":
		return newDistCmd(e)
	}
	return nil
}
