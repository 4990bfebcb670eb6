package cli

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/cobra"
)

// newRepoclosureCmd is dnf-plugins-core's repoclosure (4.3, repoclosure.py): the
// requirements of repository packages that no available package provides, per package,
// and exit 1 when there are any (pm/repoclosure.go).
func newRepoclosureCmd(e *env) *cobra.Command {
	var o pm.ClosureOptions
	c := &cobra.Command{
		Use:   "repoclosure",
		Short: "Display a list of unresolved dependencies for repositories (dnf's repoclosure plugin)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(e.pm.repo) > 0 {
				// configure: the repositories of --repo and --check, exactly, the others off
				o.Repos = append(splitList(e.pm.repo), o.Check...)
				e.pm.repo = append(e.pm.repo, o.Check...)
			}
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			if err := pluginCommand(e, b, "repoclosure"); err != nil {
				return err
			}
			rows, err := b.RepoClosure(o)
			if err != nil {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
			}
			total := 0
			for _, r := range rows {
				fmt.Fprintf(e.stdout, "package: %s from %s\n  unresolved deps (%d):\n", r.NEVRA, r.Repo, len(r.Deps))
				for _, d := range r.Deps {
					fmt.Fprintf(e.stdout, "    %s\n", d)
				}
				total += len(r.Deps)
			}
			if len(rows) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Repoclosure ended with unresolved dependencies (%d) across %d packages.", total, len(rows))}
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.StringArrayVar(&o.Arches, "arch", nil, "check packages of the given archs, can be specified multiple times")
	fl.StringArrayVar(&o.Check, "check", nil, "specify repositories to check")
	fl.BoolVarP(&o.Newest, "newest", "n", false, "check only the newest packages in the repos")
	fl.StringArrayVar(&o.Pkgs, "pkg", nil, "check closure for this package only")
	return c
}
