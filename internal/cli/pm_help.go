package cli

import (
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// pmOptionsKey marks, in a command's Annotations, a command that reads dnf's global options
// (the package manager's commands and the few others built on its configuration).
const pmOptionsKey = "nimbus/pm-options"

// pmOptionCommands are the commands beyond pmCommands that read dnf's global options.
var pmOptionCommands = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"updateinfo": true, "needs-restarting": true, "automatic": true, "status": true, "check-release-update": true,
	}
}}

// markPMOptions annotates the root's package-manager commands.
func markPMOptions(root *cobra.Command) {
	for _, c := range root.Commands() {
		if pmOptionCommands.Get()[c.Name()] {
			markPMCommand(c)
		}
	}
}

func markPMCommand(c *cobra.Command) {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations[pmOptionsKey] = "yes"
}

// usesPMOptions reports whether c or a command above it reads dnf's global options.
func usesPMOptions(c *cobra.Command) bool {
	for ; c != nil; c = c.Parent() {
		if c.Annotations[pmOptionsKey] != "" {
			return true
		}
	}
	return false
}

// hidePMOptionsInHelp keeps dnf's global options out of the help of commands that do not
// read them (`nimbus repo create --help` does not list --allowerasing). They stay persistent
// flags of the root, so parsing is unchanged: dnf accepts them before the command
// (`dnf --nobest -y install x`) and so does nimbus.
func hidePMOptionsInHelp(root *cobra.Command, fs *pflag.FlagSet) {
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c != root && !usesPMOptions(c) {
			fs.VisitAll(func(f *pflag.Flag) {
				if f.Name != "verbose" && f.Name != "help" {
					f.Hidden = true
				}
			})
		}
		help(c, args)
	})
}
