//go:build !pmonly

package cli

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/distupdate"
)

func newDistCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "dist",
		Short: "The distribution's maintenance jobs (dist update)",
		Args:  cobra.NoArgs,
	}
	c.AddCommand(newDistUpdateCmd(e))
	return c
}

func newDistUpdateCmd(e *env) *cobra.Command {
	var f buildFlags
	var archive, publishDir, version, report string
	var dryRun, noRefresh bool
	c := &cobra.Command{
		Use:   "update [--set standard] [--dry-run] [--publish RELEASES --key KEY]",
		Short: "Follow Debian: move the lock to the newest tracked versions, draft advisories, rebuild, publish",
		Long: `The distribution's daily job (not "nimbus update", which is dnf's). Refreshes and verifies
Debian's indexes (apt-get update, or --archive URL|DIR into --apt-lists), lists every locked
package of the set with a newer version in the suites its recipe tracks, moves
DIST/` + distbuild.LockName + `, drafts an advisory in DIST/advisories for each move from a security suite
(CVE ids from the changelog entries between the two versions, severity by the documented
policy, marked for review), rebuilds only what changed, checks the set's dependency
closure and, with --publish RELEASES --key KEY, publishes release YEAR.MINOR.YYYYMMDD with
the advisories in its updateinfo. Nothing changes unless every step succeeds; with
nothing new upstream nothing changes at all. --dry-run only lists the moves.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			bc, err := newBuildConfig(e, f)
			if err != nil {
				return err
			}
			o := distupdate.Options{Dist: f.dist, Set: f.set, Arches: f.arches, Build: bc.cfg, DryRun: dryRun,
				Publish: publishDir, Version: version, ReportFile: report, Now: time.Now(), Log: e.stdout}
			if archive != "" {
				o.Build.Mirror = archive
			}
			if !noRefresh {
				o.Refresh = &distupdate.Refresh{Archive: archive}
			}
			if publishDir != "" {
				if o.ReleaseSigner, err = loadSignerFile(bc.keyFile); err != nil {
					return err
				}
			}
			if o.ReportFile == "" && !dryRun {
				o.ReportFile = filepath.Join(f.out, "dist-update.json")
			}
			rep, err := distupdate.Run(e.ctx, o)
			if err != nil {
				return err
			}
			if dryRun {
				fmt.Fprintf(e.stdout, "dry run: %d lock moves listed, nothing changed\n", len(rep.Moves))
			}
			return nil
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.set, "set", "standard", "package set to update (dist/sets/SET.yaml)")
	fl.StringArrayVar(&f.arches, "arch", nil, "arches (repeatable; default x86_64 and aarch64)")
	fl.StringVarP(&f.out, "output", "o", "out", "the build's output directory")
	fl.StringVar(&f.dist, "dist", "dist", "the distribution directory (recipes/, sets/, advisories/, "+distbuild.LockName+")")
	fl.StringVar(&f.key, "key", "", "armored private key signing packages and the release (default: as nimbus build)")
	fl.StringVar(&f.debCache, "deb-cache", "", "directory keeping downloaded .debs (default as nimbus build)")
	fl.StringVar(&f.lists, "apt-lists", apt.DefaultListsDir, "the lists directory (InRelease and Packages files)")
	fl.StringVar(&f.keyring, "archive-keyring", apt.DefaultKeyring, "the keyring the archive's InRelease files are verified with")
	fl.StringVar(&f.store, "store", "", "content-addressed store of every .deb and RPM (default: nimbus-store beside the .deb cache)")
	fl.StringVar(&f.comp, "compress", "zstd", "payload compression: zstd, xz or gzip")
	fl.IntVar(&f.level, "level", 9, "payload compression level")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "parallel builds (default: number of CPUs)")
	fl.StringVar(&archive, "archive", "", "a Debian-style archive (URL or directory) to refresh the lists from and fetch .debs from, instead of apt-get")
	fl.BoolVar(&noRefresh, "no-refresh", false, "use the lists as they are (no apt-get update)")
	fl.BoolVar(&dryRun, "dry-run", false, "only list the moves")
	fl.StringVar(&publishDir, "publish", "", "publish a new release in this releases directory")
	fl.StringVar(&version, "version", "", "the release version to publish (default YEAR.MINOR.YYYYMMDD of today)")
	fl.StringVar(&report, "report", "", "the JSON report (default OUT/dist-update.json)")
	return c
}
