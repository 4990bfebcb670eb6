package distbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// DraftOptions say what to draft an advisory from: recipes whose Debian package moved
// in the lock (the new .deb from the .deb cache, the old version from the lock at git
// HEAD), or a .deb file; the old version from From or OldDeb when given.
type DraftOptions struct {
	Dist     string   // the distribution directory (recipes/, advisories/, the lock)
	Recipes  []string // recipes moved to a new Debian version (the first one's .deb has the changelog)
	Deb      string   // the new .deb (instead of Recipes)
	From     string   // the old Debian version
	OldDeb   string   // the old .deb (its version is the old version)
	ID       string   // the advisory id (default: the next free NIMBUS-YEAR-NNNN in Dist/advisories)
	DebCache string   // where recipes' .debs are cached
}

// Draft is a drafted advisory.
type Draft struct {
	Advisory *advisory.Advisory
	YAML     []byte
	Input    advisory.DraftInput
	Entries  int // changelog entries between the two versions
}

// DraftAdvisory drafts an advisory from the Debian changelog entries between two versions
// of a package (advisory.Draft over the new .deb's changelog.Debian.gz).
func DraftAdvisory(o DraftOptions) (*Draft, error) {
	in := advisory.DraftInput{OldVersion: o.From, Packages: map[string][]string{}}
	var newDeb string
	switch {
	case o.Deb != "" && len(o.Recipes) > 0:
		return nil, fmt.Errorf("advisory draft: give --recipe or --deb, not both")
	case o.Deb != "":
		newDeb = o.Deb
	case len(o.Recipes) > 0:
		var err error
		if newDeb, err = draftRecipes(o, &in); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("advisory draft: give --recipe NAME or --deb FILE")
	}
	if o.OldDeb != "" {
		p, err := readDebFile(o.OldDeb)
		if err != nil {
			return nil, err
		}
		in.OldVersion = p.Control.Get("Version")
	}
	if in.OldVersion == "" {
		return nil, fmt.Errorf("advisory draft: the old version is unknown: give --from VERSION or --old-deb FILE")
	}
	log, pkg, arch, ver, err := DebChangelogFile(newDeb)
	if err != nil {
		return nil, err
	}
	if in.NewVersion == "" {
		in.NewVersion = ver
	}
	if len(o.Recipes) == 0 {
		evr, err := recipe.MapDebianVersion(ver)
		if err != nil {
			return nil, err
		}
		in.Packages[arch] = []string{pkg + "-" + evr.String() + "." + arch}
	}
	entries, err := advisory.ParseChangelog(log)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", newDeb, err)
	}
	in.Changelog = entries
	between := advisory.Between(entries, in.OldVersion, in.NewVersion)
	year := 0
	if len(between) > 0 && !between[0].Date.IsZero() {
		year = between[0].Date.Year()
	}
	in.ID = o.ID
	if in.ID == "" {
		existing, _ := AdvisoryIDs(filepath.Join(o.Dist, "advisories"))
		in.ID = advisory.NextID(existing, year)
	}
	a, y, err := advisory.Draft(in)
	if err != nil {
		return nil, err
	}
	return &Draft{Advisory: a, YAML: y, Input: in, Entries: len(between)}, nil
}

// draftRecipes fills in the versions and packages of the recipes and returns the new
// .deb of the first one.
func draftRecipes(o DraftOptions, in *advisory.DraftInput) (string, error) {
	var newDeb string
	for i, name := range o.Recipes {
		r, lock, old, err := recipeAndHeadVersion(o.Dist, name)
		if err != nil {
			return "", err
		}
		versionFor := func(arch string) (string, error) {
			le, ok := lock.Get(r.Source.Debian.PackageFor(arch), debArchOfRPM(arch))
			if !ok {
				return "", fmt.Errorf("recipe %s (%s): not in %s: run nimbus build first", name, arch, LockName)
			}
			return le.Version, nil
		}
		if i == 0 {
			if in.OldVersion == "" {
				in.OldVersion = old
			}
			if in.NewVersion, err = versionFor(recipe.X86_64); err != nil {
				return "", err
			}
			newDeb = filepath.Join(o.DebCache, debFileName(r.Source.Debian.PackageFor(recipe.X86_64), in.NewVersion, "amd64"))
		}
		arches := r.Arches
		if len(arches) == 0 {
			arches = recipe.AllArches
		}
		for _, arch := range arches {
			v, err := versionFor(arch)
			if err != nil {
				return "", err
			}
			evr, err := recipe.MapDebianVersion(v)
			if err != nil {
				return "", fmt.Errorf("recipe %s: %w", name, err)
			}
			in.Packages[arch] = append(in.Packages[arch], r.Name+"-"+evr.String()+"."+arch)
		}
	}
	return newDeb, nil
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
func recipeAndHeadVersion(dist, name string) (*recipe.Recipe, *Lock, string, error) {
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
	lock, err := ReadLock(filepath.Join(dist, LockName))
	if err != nil {
		return nil, nil, "", err
	}
	pkg := r.Source.Debian.PackageFor(recipe.X86_64)
	now, _ := lock.Get(pkg, "amd64")
	old := ""
	if headData, err := git(dist, "show", "HEAD:./"+LockName); err == nil {
		if hl, err := ParseLock("HEAD:"+LockName, headData); err == nil {
			if he, ok := hl.Get(pkg, "amd64"); ok && he.Version != now.Version {
				old = he.Version
			}
		}
	}
	return r, lock, old, nil
}

// AdvisoryIDs lists the ids of the advisories in dir (NIMBUS-*.yaml), sorted.
func AdvisoryIDs(dir string) ([]string, error) {
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

// readDebFile parses a .deb file.
func readDebFile(file string) (*deb.Package, error) {
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

// DebChangelogFile returns the uncompressed changelog.Debian of a .deb file, with the
// package's name, Nimbus arch and version.
func DebChangelogFile(file string) (log []byte, pkg, arch, version string, err error) {
	p, err := readDebFile(file)
	if err != nil {
		return nil, "", "", "", err
	}
	pkg, version = p.Control.Get("Package"), p.Control.Get("Version")
	arch, _ = rpmArchOfDeb(p.Control.Get("Architecture"))
	if arch == "" {
		arch = p.Control.Get("Architecture")
	}
	if log, err = p.Changelog(); err != nil {
		return nil, "", "", "", fmt.Errorf("%s: %w", file, err)
	}
	return log, pkg, arch, version, nil
}
