//go:build !pmonly

package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

func newAdvisoryCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "advisory",
		Short: "Security advisories: check dist/advisories, render updateinfo.xml, draft from a Debian changelog",
	}
	c.AddCommand(newAdvisoryCheckCmd(e), newAdvisoryRenderCmd(e), newAdvisoryDraftCmd(e))
	return c
}

// loadAdvisories reads DIR/*.yaml (dist/advisories).
func loadAdvisories(dir string) ([]*advisory.Advisory, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("advisories: %w", err)
	}
	return advisory.LoadFS(os.DirFS(dir), ".")
}

// repoDirPackages reads the packages of a repository directory's primary metadata.
func repoDirPackages(dir string) ([]*repomd.Package, error) {
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		return nil, err
	}
	rm, err := repomd.ParseRepomd(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	d := rm.Find("primary")
	if d == nil {
		return nil, fmt.Errorf("%s: repomd.xml lists no primary", dir)
	}
	pf, err := os.Open(filepath.Join(dir, filepath.FromSlash(d.Location)))
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	rc, _, err := repomd.Decompress(pf, repomd.DefaultLimit)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	pr, err := repomd.NewPrimaryReader(rc, nil)
	if err != nil {
		return nil, err
	}
	var out []*repomd.Package
	for {
		p, err := pr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		out = append(out, p)
	}
}

func newAdvisoryCheckCmd(e *env) *cobra.Command {
	var dir, repoDir, recipes string
	c := &cobra.Command{
		Use:   "check [--dir dist/advisories] [--repo DIR [--recipes dist/recipes]]",
		Short: "Validate the advisories (and, with --repo, that their packages are in that repository)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			advs, err := loadAdvisories(dir)
			if err != nil {
				return err
			}
			if repoDir != "" {
				pkgs, err := repoDirPackages(repoDir)
				if err != nil {
					return err
				}
				var elsewhere func(string) bool
				if recipes != "" {
					all, _, err := distbuild.LoadRecipes(recipes)
					if err != nil {
						return err
					}
					elsewhere = func(n string) bool {
						for name, r := range all {
							if name == n {
								return true
							}
							for _, sp := range r.Subpackages {
								if sp.Name == n {
									return true
								}
							}
						}
						return false
					}
				}
				if _, err := advisory.ForRepository(advs, pkgs, elsewhere); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stdout, "%s: %d advisories OK\n", dir, len(advs))
			return nil
		},
	}
	c.Flags().StringVar(&dir, "dir", "dist/advisories", "directory of advisory YAML files")
	c.Flags().StringVar(&repoDir, "repo", "", "repository directory whose packages the advisories must name")
	c.Flags().StringVar(&recipes, "recipes", "", "recipes directory: packages of other sets (not in --repo) are allowed")
	return c
}

func newAdvisoryRenderCmd(e *env) *cobra.Command {
	var dir, arch, out string
	c := &cobra.Command{
		Use:   "render [--dir dist/advisories] [--arch ARCH] [-o FILE]",
		Short: "Write the advisories as updateinfo.xml",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			advs, err := loadAdvisories(dir)
			if err != nil {
				return err
			}
			b, err := advisory.Render(advs, advisory.RenderOptions{Arch: arch})
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = e.stdout.Write(b)
				return err
			}
			return writeFileAtomic(out, b)
		},
	}
	c.Flags().StringVar(&dir, "dir", "dist/advisories", "directory of advisory YAML files")
	c.Flags().StringVar(&arch, "arch", "", "only the packages of this arch (and noarch)")
	c.Flags().StringVarP(&out, "output", "o", "-", "output file")
	return c
}

func newAdvisoryDraftCmd(e *env) *cobra.Command {
	var recipes []string
	var dist, debFile, from, oldDeb, out, id, debCache string
	c := &cobra.Command{
		Use:   "draft (--recipe NAME... | --deb NEW.deb) [--from OLD-VERSION | --old-deb OLD.deb] [-o FILE]",
		Short: "Draft an advisory from the Debian changelog entries between two versions of a package",
		Long: `Reads changelog.Debian.gz inside the new .deb, takes the entries newer than the old
version, collects their CVE ids and writes a draft advisory (type security when there are
CVEs; the severity is left for review). With --recipe, the new .deb is the package's locked
version (dist/debian.lock) from the .deb cache and the old version is the lock's at git
HEAD (or --from); every named recipe's packages are listed for x86_64 and aarch64.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if debCache == "" {
				debCache = apt.DefaultCacheDir
			}
			d, err := distbuild.DraftAdvisory(distbuild.DraftOptions{Dist: dist, Recipes: recipes, Deb: debFile, From: from, OldDeb: oldDeb, ID: id, DebCache: debCache})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%s: %s (%s..%s): %d changelog entries, %d CVEs\n", d.Advisory.ID, d.Advisory.Title, d.Input.OldVersion, d.Input.NewVersion,
				d.Entries, len(d.Advisory.CVEs()))
			if out == "" || out == "-" {
				_, err = e.stdout.Write(d.YAML)
				return err
			}
			return writeFileAtomic(out, d.YAML)
		},
	}
	c.Flags().StringArrayVar(&recipes, "recipe", nil, "recipe(s) moved to a new Debian version (the first one's .deb has the changelog)")
	c.Flags().StringVar(&dist, "dist", "dist", "distribution directory (recipes/, advisories/)")
	c.Flags().StringVar(&debFile, "deb", "", "the new .deb")
	c.Flags().StringVar(&from, "from", "", "the old Debian version")
	c.Flags().StringVar(&oldDeb, "old-deb", "", "the old .deb (its version is the old version)")
	c.Flags().StringVar(&id, "id", "", "advisory id (default: the next free NIMBUS-YEAR-NNNN in DIST/advisories)")
	c.Flags().StringVar(&debCache, "deb-cache", "", "where recipes' .debs are cached (default "+apt.DefaultCacheDir+")")
	c.Flags().StringVarP(&out, "output", "o", "-", "output file")
	return c
}

func writeFileAtomic(name string, data []byte) error {
	return fsutil.WriteFileAtomic(name, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}
