package cli

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/build"
	"github.com/nimbus-linux/nimbus/internal/build/apt"
	"github.com/nimbus-linux/nimbus/internal/build/deb"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/recipe"
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
					all, _, err := build.LoadRecipes(recipes)
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
			in := advisory.DraftInput{OldVersion: from, Packages: map[string][]string{}}
			var newDeb string
			switch {
			case debFile != "" && len(recipes) > 0:
				return fmt.Errorf("advisory draft: give --recipe or --deb, not both")
			case debFile != "":
				newDeb = debFile
			case len(recipes) > 0:
				for i, name := range recipes {
					r, lock, old, err := recipeAndHeadVersion(dist, name)
					if err != nil {
						return err
					}
					versionFor := func(arch string) (string, error) {
						le, ok := lock.Get(r.Source.Debian.PackageFor(arch), map[string]string{recipe.X86_64: "amd64", recipe.Aarch64: "arm64"}[arch])
						if !ok {
							return "", fmt.Errorf("recipe %s (%s): not in %s: run nimbus build first", name, arch, build.LockName)
						}
						return le.Version, nil
					}
					if i == 0 {
						if in.OldVersion == "" {
							in.OldVersion = old
						}
						if in.NewVersion, err = versionFor(recipe.X86_64); err != nil {
							return err
						}
						newDeb = filepath.Join(debCacheDirOr(debCache), debFileName(r.Source.Debian.PackageFor(recipe.X86_64), in.NewVersion, "amd64"))
					}
					arches := r.Arches
					if len(arches) == 0 {
						arches = recipe.AllArches
					}
					for _, arch := range arches {
						v, err := versionFor(arch)
						if err != nil {
							return err
						}
						evr, err := recipe.MapDebianVersion(v)
						if err != nil {
							return fmt.Errorf("recipe %s: %w", name, err)
						}
						key := arch
						in.Packages[key] = append(in.Packages[key], r.Name+"-"+evr.String()+"."+arch)
					}
				}
			default:
				return fmt.Errorf("advisory draft: give --recipe NAME or --deb FILE")
			}
			if oldDeb != "" {
				v, _, err := debVersion(oldDeb)
				if err != nil {
					return err
				}
				in.OldVersion = v
			}
			if in.OldVersion == "" {
				return fmt.Errorf("advisory draft: the old version is unknown: give --from VERSION or --old-deb FILE")
			}
			log, pkg, arch, ver, err := debChangelog(newDeb)
			if err != nil {
				return err
			}
			if in.NewVersion == "" {
				in.NewVersion = ver
			}
			if len(recipes) == 0 {
				evr, err := recipe.MapDebianVersion(ver)
				if err != nil {
					return err
				}
				in.Packages[arch] = []string{pkg + "-" + evr.String() + "." + arch}
			}
			entries, err := advisory.ParseChangelog(log)
			if err != nil {
				return fmt.Errorf("%s: %w", newDeb, err)
			}
			in.Changelog = entries
			year := 0
			if es := advisory.Between(entries, in.OldVersion, in.NewVersion); len(es) > 0 && !es[0].Date.IsZero() {
				year = es[0].Date.Year()
			}
			if id == "" {
				var existing []string
				if advs, err := loadAdvisoryIDs(filepath.Join(dist, "advisories")); err == nil {
					existing = advs
				}
				id = advisory.NextID(existing, year)
			}
			in.ID = id
			a, y, err := advisory.Draft(in)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%s: %s (%s..%s): %d changelog entries, %d CVEs\n", a.ID, a.Title, in.OldVersion, in.NewVersion,
				len(advisory.Between(entries, in.OldVersion, in.NewVersion)), len(a.CVEs()))
			if out == "" || out == "-" {
				_, err = e.stdout.Write(y)
				return err
			}
			return writeFileAtomic(out, y)
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

func debCacheDirOr(dir string) string {
	if dir != "" {
		return dir
	}
	return apt.DefaultCacheDir
}

// debFileName is the .deb cache's (the archive pool's) file name: no epoch.
func debFileName(pkg, version, arch string) string {
	if _, v, ok := strings.Cut(version, ":"); ok {
		version = v
	}
	return pkg + "_" + version + "_" + arch + ".deb"
}

// recipeAndHeadVersion reads a Debian recipe, the lock, and the package's locked amd64
// version at git HEAD (the version before the change being drafted; "" when git has no
// older version).
func recipeAndHeadVersion(dist, name string) (*recipe.Recipe, *build.Lock, string, error) {
	p := filepath.Join(dist, "recipes", name+".yaml")
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, "", err
	}
	r, err := recipe.Parse(p, data)
	if err != nil {
		return nil, nil, "", err
	}
	if r.Source.Debian == nil {
		return nil, nil, "", fmt.Errorf("recipe %s: not a Debian recipe (advisory draft reads Debian changelogs)", name)
	}
	lock, err := build.ReadLock(filepath.Join(dist, build.LockName))
	if err != nil {
		return nil, nil, "", err
	}
	pkg := r.Source.Debian.PackageFor(recipe.X86_64)
	now, _ := lock.Get(pkg, "amd64")
	old := ""
	cmd := exec.Command("git", "show", "HEAD:./"+build.LockName)
	cmd.Dir = dist
	if headData, err := cmd.Output(); err == nil {
		if hl, err := build.ParseLock("HEAD:"+build.LockName, headData); err == nil {
			if he, ok := hl.Get(pkg, "amd64"); ok && he.Version != now.Version {
				old = he.Version
			}
		}
	}
	return r, lock, old, nil
}

func loadAdvisoryIDs(dir string) ([]string, error) {
	ms, err := filepath.Glob(filepath.Join(dir, "NIMBUS-*.yaml"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		out = append(out, strings.TrimSuffix(filepath.Base(m), ".yaml"))
	}
	sort.Strings(out)
	return out, nil
}

// readDeb parses a .deb file.
func readDeb(file string) (*deb.Package, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := deb.Read(f, deb.Limits{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return p, nil
}

func debVersion(file string) (version, name string, err error) {
	p, err := readDeb(file)
	if err != nil {
		return "", "", err
	}
	return p.Control.Get("Version"), p.Control.Get("Package"), nil
}

// debChangelog returns the uncompressed changelog.Debian of a .deb
// (usr/share/doc/PKG/changelog.Debian.gz), with the package's name, Nimbus arch and version.
func debChangelog(file string) (log []byte, pkg, arch, version string, err error) {
	p, err := readDeb(file)
	if err != nil {
		return nil, "", "", "", err
	}
	pkg, version = p.Control.Get("Package"), p.Control.Get("Version")
	arch = map[string]string{"amd64": "x86_64", "arm64": "aarch64", "all": "noarch"}[p.Control.Get("Architecture")]
	if arch == "" {
		arch = p.Control.Get("Architecture")
	}
	docDir := "/usr/share/doc/" + pkg
	var found *deb.Entry
	for i := range p.Files {
		en := &p.Files[i]
		if en.Path == docDir && en.IsSymlink() {
			return nil, "", "", "", fmt.Errorf("%s: %s is a link to %s: its changelog is in the package that owns that directory; pass that .deb", file, docDir, en.Link)
		}
		if en.Path == docDir+"/changelog.Debian.gz" {
			found = en
		}
	}
	if found != nil && found.IsSymlink() {
		target := path.Join(docDir, found.Link)
		if strings.HasPrefix(found.Link, "/") {
			target = path.Clean(found.Link)
		}
		found = nil
		for i := range p.Files {
			if p.Files[i].Path == target && p.Files[i].IsRegular() {
				found = &p.Files[i]
			}
		}
	}
	if found == nil || !found.IsRegular() {
		return nil, "", "", "", fmt.Errorf("%s: no %s/changelog.Debian.gz", file, docDir)
	}
	zr, err := gzip.NewReader(bytes.NewReader(found.Data))
	if err != nil {
		return nil, "", "", "", fmt.Errorf("%s: changelog.Debian.gz: %w", file, err)
	}
	log, err = io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, "", "", "", fmt.Errorf("%s: changelog.Debian.gz: %w", file, err)
	}
	return log, pkg, arch, version, nil
}

func writeFileAtomic(name string, data []byte) error {
	return fsutil.WriteFileAtomic(name, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}
