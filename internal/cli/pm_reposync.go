package cli

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/spf13/cobra"
)

// newReposyncCmd is dnf-plugins-core's reposync (4.3, reposync.py): each enabled
// repository (or those of --repo) mirrored into DOWNLOAD-PATH/REPOID (or DOWNLOAD-PATH
// with --norepopath), every package at its location_href; pm/reposync.go does the work
// (checksums, os.Root confinement, atomic placement).
func newReposyncCmd(e *env) *cobra.Command {
	var o struct {
		arches                                         []string
		del, metadata, gpgcheck, comps, newest, norepo bool
		remoteTime, source, urls                       bool
		downloadPath, metadataPath                     string
	}
	c := &cobra.Command{
		Use:   "reposync",
		Short: "Download all packages from remote repositories (dnf's reposync plugin)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			e.pm.destDirAllowed = true
			e.pm.refresh = true // reposync.py expires every repository it syncs
			if o.source {
				// repos.enable_source_repos(): REPOID-source of each enabled repository
				if err := enableSourceRepos(e); err != nil {
					return err
				}
			}
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			if err := pluginCommand(e, b, "reposync"); err != nil {
				return err
			}
			if err := exactRepos(b, e.pm.repo); err != nil {
				return err
			}
			if len(b.Repos) > 1 && o.norepo {
				return &ExitError{Code: 1, Err: errors.New("Error: Can't use --norepopath with multiple repositories")}
			}
			base := o.downloadPath
			if e.pm.extra.destDir != "" {
				base = e.pm.extra.destDir
			}
			target := func(parent, id string) (string, error) { // _pkgdir: realpath(cwd/parent/id)
				p, err := filepath.Abs(filepath.Join(parent, id))
				if err != nil {
					return "", err
				}
				if r, err := filepath.EvalSymlinks(p); err == nil {
					p = r
				}
				return p, nil
			}
			sel := pm.SyncOptions{NewestOnly: o.newest, Source: o.source, Arches: splitList(o.arches)}
			gpgOK := true
			for _, r := range b.Repos {
				id := r.ID
				if o.norepo {
					id = ""
				}
				dir, err := target(base, id)
				if err != nil {
					return err
				}
				mdir := dir
				if o.metadataPath != "" {
					if mdir, err = target(o.metadataPath, r.ID); err != nil {
						return err
					}
				}
				if o.metadata {
					if o.urls {
						for _, u := range pm.SyncMetadataURLs(r) {
							fmt.Fprintln(e.stdout, u)
						}
					} else if err := b.SyncMetadata(e.ctx, r, mdir, o.remoteTime); err != nil {
						return dnfError(err)
					}
				}
				if o.comps {
					if o.urls {
						if u := pm.SyncCompsURL(r); u != "" {
							fmt.Fprintln(e.stdout, u)
						}
					} else if ok, err := b.SyncComps(r, mdir); err != nil {
						return dnfError(err)
					} else if ok && !e.pm.quiet {
						fmt.Fprintf(e.stdout, "comps.xml for repository %s saved\n", r.ID)
					}
				}
				pkgs := b.SyncList(r, sel)
				if o.urls {
					for _, p := range pkgs {
						u, err := pm.SyncURL(p)
						if err != nil {
							fmt.Fprintln(e.stderr, err)
							continue
						}
						fmt.Fprintln(e.stdout, u)
					}
				} else {
					res, err := b.SyncPackages(e.ctx, pkgs, dir, o.remoteTime)
					if res != nil && !e.pm.quiet { // dnf's progress lines: none with -q
						for _, l := range res.Skipped {
							fmt.Fprintln(e.stdout, l)
						}
					}
					if err != nil {
						return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
					}
					if len(res.Failed) > 0 {
						// dnf: one [FAILED] line per package, the others kept, exit 1 with
						// no further message
						for _, f := range res.Failed {
							fmt.Fprintf(e.stdout, "[FAILED] %v\n", f)
						}
						return &ExitError{Code: 1, Silent: true, Err: errors.New("some packages could not be downloaded")}
					}
					if o.gpgcheck {
						lines, err := b.SyncCheckSignatures(pkgs, dir)
						for _, l := range lines {
							fmt.Fprintln(e.stderr, l)
							gpgOK = false
						}
						if err != nil {
							return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
						}
					}
				}
				if o.del {
					removed, errs := pm.SyncDelete(dir, pkgs)
					for _, p := range removed {
						if !e.pm.quiet {
							fmt.Fprintln(e.stdout, "[DELETED] "+p)
						}
					}
					for _, err := range errs {
						fmt.Fprintln(e.stderr, err)
					}
				}
			}
			if !gpgOK {
				return &ExitError{Code: 1, Err: errors.New("Error: GPG signature check failed.")}
			}
			return nil
		},
	}
	fl := c.Flags()
	stringArrayVar(fl, &o.arches, "arch", "a", "download only packages of these architectures")
	fl.BoolVar(&o.del, "delete", false, "delete local packages no longer present in the repository")
	fl.BoolVar(&o.metadata, "download-metadata", false, "download all the metadata")
	fl.BoolVarP(&o.gpgcheck, "gpgcheck", "g", false, "remove packages that fail the GPG signature check after downloading")
	fl.BoolVarP(&o.comps, "downloadcomps", "m", false, "also download and uncompress comps.xml")
	fl.StringVar(&o.metadataPath, "metadata-path", "", "where to store downloaded repository metadata (default: --download-path)")
	fl.BoolVarP(&o.newest, "newest-only", "n", false, "download only the newest packages per repository")
	fl.BoolVar(&o.norepo, "norepopath", false, "do not add the repository id to the download path")
	fl.StringVarP(&o.downloadPath, "download-path", "p", "./", "where to store downloaded repositories")
	fl.BoolVar(&o.remoteTime, "remote-time", false, "set the local files' timestamps to the server's")
	fl.BoolVar(&o.source, "source", false, "download only source packages")
	fl.BoolVarP(&o.urls, "urls", "u", false, "only list the URLs of what would be downloaded")
	return c
}

// exactRepos is reposync.py's configure: each --repo must name a repository exactly
// (repos[repoid]); a pattern that matches nothing is dnf's global "Unknown repo: 'X'"
// (strict), one that matches only as a glob the plugin's "Unknown repo: 'X'.".
func exactRepos(b *pm.Base, pats []string) error {
	for _, p := range pats {
		for _, q := range strings.Split(p, ",") {
			exact, glob := false, false
			for _, r := range b.Repos {
				exact = exact || r.ID == q
				if ok, _ := path.Match(q, r.ID); ok {
					glob = true
				}
			}
			switch {
			case exact:
			case glob:
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Unknown repo: '%s'.", q)}
			default:
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Unknown repo: '%s'", q)}
			}
		}
	}
	return nil
}

// enableSourceRepos adds REPOID-source to --enablerepo for each repository the command
// line and configuration enable, when such a repository is configured (dnf's
// RepoDict.enable_source_repos), reading the configuration without loading metadata.
func enableSourceRepos(e *env) error {
	b, err := openBase(e, false)
	if err != nil {
		return err
	}
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return dnfError(err)
	}
	ids := map[string]bool{}
	for _, r := range repos {
		ids[r.ID] = true
	}
	for _, r := range repos {
		if r.Enabled && ids[r.ID+"-source"] {
			e.pm.enableRepo = append(e.pm.enableRepo, r.ID+"-source")
		}
	}
	return nil
}
