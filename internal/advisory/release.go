package advisory

import (
	"fmt"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/evr"
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
// are left out. A package whose name the repository has only at older versions is an
// error; one it has at a newer version is superseded (the distribution follows Debian,
// whose next update carries the fix too): the advisory keeps its own NEVRA, under the
// file name that version had. A name the repository lacks is an error, unless
// elsewhere(name) says the release has it in another repository (a package set the
// build did not publish here).
func ForRepository(advs []*Advisory, pkgs []*repomd.Package, elsewhere func(name string) bool) ([]byte, error) {
	set := NewPackageSet(pkgs)
	newest := map[string]evr.EVR{} // name.arch -> newest EVR in the repository
	for _, p := range pkgs {
		e := evr.EVR{Epoch: p.Epoch, Version: p.Version, Release: p.Release}
		if e.Epoch == "0" {
			e.Epoch = ""
		}
		k := p.Name + "." + p.Arch
		if old, ok := newest[k]; !ok || evr.Compare(e, old) > 0 {
			newest[k] = e
		}
	}
	superseded := map[string]bool{}
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
				case newer(newest, n):
					superseded[n.String()] = true
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
	filename := func(n NEVRA) (string, bool) {
		if superseded[n.String()] {
			return "Packages/" + n.Name + "-" + n.Version + "-" + n.Release + "." + n.Arch + ".rpm", true
		}
		f, ok := set.files[n.String()]
		return f, ok
	}
	ups := Updates(advs, RenderOptions{Filename: filename})
	if len(ups) == 0 {
		return nil, nil
	}
	return Render(advs, RenderOptions{Filename: filename})
}

// newer reports whether the repository has the package's name and arch at a newer EVR.
func newer(newest map[string]evr.EVR, n NEVRA) bool {
	have, ok := newest[n.Name+"."+n.Arch]
	if !ok {
		return false
	}
	e := evr.EVR{Epoch: n.Epoch, Version: n.Version, Release: n.Release}
	if e.Epoch == "0" {
		e.Epoch = ""
	}
	return evr.Compare(have, e) > 0
}
