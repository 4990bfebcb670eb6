package advisory

import (
	"fmt"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// PackageSet is a repository's packages, as a Release advisories are checked against.
type PackageSet struct {
	files  map[string]string // NEVRA (zero epoch left out) -> location
	names  map[string][]string
	arches map[string]bool
}

// NewPackageSet indexes a repository's packages.
func NewPackageSet(pkgs []*repomd.Package) *PackageSet {
	s := &PackageSet{files: map[string]string{}, names: map[string][]string{}, arches: map[string]bool{}}
	for _, p := range pkgs {
		n := NEVRA{Name: p.Name, Epoch: p.Epoch, Version: p.Version, Release: p.Release, Arch: p.Arch}
		s.files[n.String()] = p.Location
		s.names[p.Name] = append(s.names[p.Name], n.String())
		s.arches[p.Arch] = true
	}
	return s
}

// Has reports whether the exact package is in the set.
func (s *PackageSet) Has(nevra string) bool { _, ok := s.files[nevra]; return ok }

// HasName reports whether any version of the name is in the set.
func (s *PackageSet) HasName(name string) bool { return len(s.names[name]) > 0 }

// ForRepository checks the advisories against one repository's packages and renders its
// updateinfo.xml (nil when no advisory names a package of it). Packages of an
// architecture the repository does not carry belong to another arch's repository and
// are left out. A package whose name the repository has, but not at that version, is an
// error; so is a name the repository lacks, unless elsewhere(name) says the release has
// it in another repository (a package set the build did not publish here).
func ForRepository(advs []*Advisory, pkgs []*repomd.Package, elsewhere func(name string) bool) ([]byte, error) {
	set := NewPackageSet(pkgs)
	var ps Problems
	for _, a := range advs {
		for _, arch := range sortedKeys(a.Packages) {
			for i, str := range a.Packages[arch] {
				n, err := ParseNEVRA(str)
				if err != nil {
					ps = append(ps, fmt.Sprintf("%s: packages.%s[%d]: %v", a.ID, arch, i, err))
					continue
				}
				if n.Arch != "noarch" && !set.arches[n.Arch] {
					continue
				}
				switch {
				case set.Has(n.String()):
				case set.HasName(n.Name):
					have := append([]string{}, set.names[n.Name]...)
					sort.Strings(have)
					ps = append(ps, fmt.Sprintf("%s: packages.%s[%d]: %s is not in the release (it has %v)", a.ID, arch, i, str, have))
				case elsewhere != nil && elsewhere(n.Name):
				default:
					ps = append(ps, fmt.Sprintf("%s: packages.%s[%d]: %s is not in the release (no package %s)", a.ID, arch, i, str, n.Name))
				}
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	ups := Updates(advs, RenderOptions{Filename: func(n NEVRA) (string, bool) {
		f, ok := set.files[n.String()]
		return f, ok
	}})
	if len(ups) == 0 {
		return nil, nil
	}
	return Render(advs, RenderOptions{Filename: func(n NEVRA) (string, bool) {
		f, ok := set.files[n.String()]
		return f, ok
	}})
}
