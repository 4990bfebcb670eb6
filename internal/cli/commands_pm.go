//go:build pmonly

package cli

import "github.com/spf13/cobra"

// rootShort is the root command's one-line description.
const rootShort = "Nimbus Linux package manager (dnf and yum)"

// moreCommands, in the package-manager binary (-tags pmonly: /usr/bin/dnf of the images),
// are the commands beyond dnf's that read its configuration: updateinfo, needs-restarting,
// automatic. The image, build, release, S3 and QEMU code is not linked, so a small install
// maps a third less of the binary (docs/pm.md, "The package-manager binary").
func moreCommands(e *env) []*cobra.Command {
	return []*cobra.Command{newUpdateinfoCmd(e), newNeedsRestartingCmd(e), newAutomaticCmd(e)}
}

// soloCommand: the package-manager binary has no builder commands (commands_full.go).
func soloCommand(*env, string) *cobra.Command { return nil }
