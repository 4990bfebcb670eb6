package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// newVersionlockCmd is dnf-plugins-core's versionlock command (4.3, versionlock.py), built
// in: `versionlock [add|exclude|list|delete|clear] [--raw] [SPEC...]`; a first word that
// is none of those is a spec to add, as in the plugin. The list and its configuration are
// the install root's (pm/versionlock.go); the locks apply to the commands that resolve.
func newVersionlockCmd(e *env) *cobra.Command {
	var raw bool
	c := &cobra.Command{
		Use:   "versionlock [add|exclude|list|delete|clear] [PACKAGE-NEVR-SPEC...]",
		Short: "Control package version locks (dnf's versionlock plugin)",
		RunE: func(cmd *cobra.Command, args []string) error {
			sub, specs := "list", args
			if len(args) > 0 {
				sub, specs = args[0], args[1:]
				switch sub {
				case "add", "list", "clear":
				case "exclude", "add-!", "add!", "blacklist":
					if sub == "blacklist" {
						fmt.Fprintln(e.stderr, "Subcommand 'blacklist' is deprecated. Use 'exclude' subcommand instead.")
					}
					sub = "exclude"
				case "delete", "del":
					sub = "delete"
				default: // a spec: add it
					sub, specs = "add", args
				}
			}
			// add and exclude resolve specs against the repositories, as the plugin does
			b, err := openBase(e, sub == "add" || sub == "exclude")
			if err != nil {
				return err
			}
			vl, err := b.VersionLockConf()
			if err != nil {
				return dnfError(err)
			}
			if !vl.Enabled { // dnf without the plugin loaded: its "No such command" and hint
				if err := pluginCommand(e, b, "versionlock"); err != nil {
					return err
				}
				return unknownCommand(fmt.Errorf("unknown command %q", "versionlock"), mainProg(e))
			}
			switch sub {
			case "list":
				ents, err := b.LockEntries(vl)
				if err != nil {
					return dnfError(err)
				}
				for _, ent := range ents {
					fmt.Fprintln(e.stdout, ent)
				}
			case "add", "exclude":
				res, err := b.VersionLockAdd(vl, specs, raw, sub == "exclude", time.Now())
				for _, n := range res.Notes {
					if !e.pm.quiet {
						fmt.Fprintln(e.stdout, n)
					}
				}
				for _, l := range res.Lines {
					fmt.Fprintln(e.stdout, l)
				}
				if err != nil {
					return dnfError(err)
				}
			case "delete":
				lines, err := b.VersionLockDelete(vl, specs)
				for _, l := range lines {
					fmt.Fprintln(e.stdout, l)
				}
				if err != nil {
					return dnfError(err)
				}
			case "clear":
				if err := b.VersionLockClear(vl); err != nil {
					return dnfError(err)
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&raw, "raw", false, "use package specifications as they are, do not try to parse them")
	return c
}
