package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// newDownloadCmd is dnf-plugins-core's download (4.3, download.py): the newest available
// packages matching the specs (per name and architecture, from the best-priority
// repositories) into --destdir or the current directory; --resolve adds what installing
// them would install or upgrade; --url prints where they would come from instead.
func newDownloadCmd(e *env) *cobra.Command {
	var resolve, alldeps, urls, source bool
	var arches []string
	c := &cobra.Command{
		Use:   "download SPEC...",
		Short: "Download packages to the current directory (or --destdir)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if source || alldeps {
				which := "--source"
				if alldeps {
					which = "--alldeps"
				}
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: download %s is not supported by nimbus", which)}
			}
			e.pm.destDirAllowed = true // dnf: --destdir goes with --downloadonly or download
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			ids, missing, err := b.DownloadSelect(args, splitList(arches), resolve)
			for _, m := range missing {
				fmt.Fprintf(e.stderr, "No package %s available.\n", m)
			}
			if err != nil {
				return &ExitError{Code: 1, Err: err}
			}
			if len(missing) > 0 && b.Main.Strict { // dnf's strict (default): the first missing spec stops it
				fmt.Fprintln(e.stderr, "Exiting due to strict setting.")
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No package %s available.", missing[0])}
			}
			if urls {
				for _, id := range ids {
					u, err := b.PackageURL(id)
					if err != nil {
						return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
					}
					fmt.Fprintln(e.stdout, u)
				}
				return nil
			}
			dir := e.pm.extra.destDir
			if dir == "" {
				if dir, err = os.Getwd(); err != nil {
					return err
				}
			}
			if len(ids) == 0 {
				return nil
			}
			if _, err := b.DownloadTo(e.ctx, ids, dir); err != nil {
				return dnfError(err)
			}
			return nil
		},
	}
	c.Flags().BoolVar(&resolve, "resolve", false, "resolve and download needed dependencies")
	c.Flags().BoolVar(&alldeps, "alldeps", false, "with --resolve, all dependencies, installed or not (not supported)")
	c.Flags().BoolVar(&urls, "url", false, "print the URLs the packages would be downloaded from instead")
	c.Flags().BoolVar(&urls, "urls", false, "alias of --url")
	c.Flags().BoolVar(&source, "source", false, "download the source packages instead (not supported)")
	stringArrayVar(c.Flags(), &arches, "arch", "", "only packages of these architectures")
	stringArrayVar(c.Flags(), &arches, "archlist", "", "alias of --arch")
	return c
}
