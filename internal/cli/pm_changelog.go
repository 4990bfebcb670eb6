package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/cobra"
)

// sinceLayouts are the dates --since takes (the plugin parses with dateutil; YYYY-MM-DD is
// what its man page recommends).
var sinceLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006/01/02", "Jan 2 2006", "2 Jan 2006"}

// newChangelogCmd is dnf-plugins-core's changelog (4.3, changelog.py): the changelogs of
// packages (the newest match of each spec, or every available package) from the
// repositories' other.xml, one block per source package version (pm/changelog.go).
func newChangelogCmd(e *env) *cobra.Command {
	var since string
	var count int
	var upgrades bool
	c := &cobra.Command{
		Use:   "changelog [--since DATE|--count N|--upgrades] [PACKAGE...]",
		Short: "Show changelog data of packages (dnf's changelog plugin)",
		RunE: func(cmd *cobra.Command, args []string) error {
			o := pm.ChangelogOptions{Specs: args, Count: count, Upgrades: upgrades}
			// argparse's mutually exclusive group: the second one given is refused
			var given []string
			for _, w := range strings.Fields(e.cmdline) {
				name, _, _ := strings.Cut(strings.TrimPrefix(w, "--"), "=")
				if strings.HasPrefix(w, "--") && (name == "since" || name == "count" || name == "upgrades") && cmd.Flags().Changed(name) {
					given = append(given, name)
				}
			}
			for _, g := range given[min(1, len(given)):] {
				if g != given[0] {
					return &ExitError{Code: 1, Err: fmt.Errorf("Command line error: argument --%s: not allowed with argument --%s", g, given[0])}
				}
			}
			if cmd.Flags().Changed("since") {
				for _, l := range sinceLayouts {
					if t, err := time.ParseInLocation(l, strings.TrimSpace(since), time.Local); err == nil {
						o.Since = &t
						break
					}
				}
				if o.Since == nil {
					return &ExitError{Code: 1, Err: fmt.Errorf("Command line error: argument --since: Not a valid date: %q.", since)}
				}
			}
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			if err := pluginCommand(e, b, "changelog"); err != nil {
				return err
			}
			info := func(s string) {
				if !e.pm.quiet {
					fmt.Fprintln(e.stdout, s)
				}
			}
			switch {
			case o.Since != nil:
				info("Listing changelogs since " + o.Since.Format("2006-01-02 15:04:05"))
			case count == 1:
				info("Listing only latest changelog")
			case count != 0:
				info(fmt.Sprintf("Listing %d latest changelogs", count))
			case upgrades:
				info("Listing only new changelogs since installed version of the package")
			default:
				info("Listing all changelogs")
			}
			groups, missing, err := b.Changelogs(e.ctx, o)
			for _, m := range missing {
				info("No match for argument: " + m)
			}
			if err != nil {
				return dnfError(err)
			}
			for _, g := range groups {
				fmt.Fprintf(e.stdout, "Changelogs for %s\n", strings.Join(g.Packages, ", "))
				for _, c := range g.Entries {
					fmt.Fprintln(e.stdout, pm.FormatChangelog(c))
				}
			}
			return nil
		},
	}
	c.Flags().StringVar(&since, "since", "", "show changelog entries since DATE (YYYY-MM-DD)")
	c.Flags().IntVar(&count, "count", 0, "show the given number of changelog entries per package")
	c.Flags().BoolVar(&upgrades, "upgrades", false, "show only new changelog entries of packages that upgrade installed ones")
	return c
}
