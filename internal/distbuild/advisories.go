package distbuild

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// AdvisoriesFor loads DIST/advisories/*.yaml and returns the createrepo hook that checks
// them against a published repository's packages and renders its updateinfo.xml
// (createrepo.Options.UpdateinfoFor). A package an advisory names that this repository
// lacks is an error unless a recipe of the release builds it (another set publishes it).
// Without advisories the hook is nil.
func AdvisoriesFor(dist string, recipes map[string]*recipe.Recipe) (func([]*repomd.Package) ([]byte, error), error) {
	dir := filepath.Join(dist, "advisories")
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil, nil
	}
	advs, err := advisory.LoadFS(os.DirFS(dir), ".")
	if err != nil {
		return nil, fmt.Errorf("advisories: %w", err)
	}
	if len(advs) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for name, r := range recipes {
		known[name] = true
		for _, s := range r.Subpackages {
			known[s.Name] = true
		}
	}
	return func(pkgs []*repomd.Package) ([]byte, error) {
		b, err := advisory.ForRepository(advs, pkgs, func(n string) bool { return known[n] })
		if err != nil {
			return nil, fmt.Errorf("advisories: %w", err)
		}
		return b, nil
	}, nil
}

// RepoPackages describes the package files a repository will publish (under Packages/)
// well enough to check advisories against them before publishing.
func RepoPackages(files []string, infos []*rpm.Info) []*repomd.Package {
	out := make([]*repomd.Package, 0, len(infos))
	for i, in := range infos {
		e := "0"
		if in.Epoch != nil {
			e = strconv.FormatUint(uint64(*in.Epoch), 10)
		}
		out = append(out, &repomd.Package{Name: in.Name, Epoch: e, Version: in.Version, Release: in.Release, Arch: in.Arch,
			Location: "Packages/" + filepath.Base(files[i])})
	}
	return out
}
