package distbuild

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// Unresolved is one requirement no package of the set satisfies.
type Unresolved struct {
	Package string // NEVRA
	Require string
}

// ClosureError lists every unresolved requirement of a package set.
type ClosureError struct {
	Arch       string
	Unresolved []Unresolved
}

func (e *ClosureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d requirements close nowhere:", e.Arch, len(e.Unresolved))
	for _, u := range e.Unresolved {
		fmt.Fprintf(&b, "\n  %s requires %s, provided by no package of the set", u.Package, u.Require)
	}
	return b.String()
}

// ReadInfos reads the headers of package files.
func ReadInfos(files []string) ([]*rpm.Info, error) {
	var out []*rpm.Info
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		p, err := rpm.ReadHeaders(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		info, err := rpm.FromHeader(p.Header)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, info)
	}
	return out, nil
}

// CheckClosure checks that every Requires of every package is satisfied by a Provides
// or a file of some package of the set (rpmlib() and other rpm-internal requirements
// excepted); rich dependencies are evaluated with dep.Rich.Eval. It returns a
// *ClosureError naming every failure.
func CheckClosure(arch string, pkgs []*rpm.Info) error {
	provides := map[string][]dep.Dep{}
	files := map[string]bool{}
	for _, p := range pkgs {
		for _, d := range p.Provides {
			provides[d.Name] = append(provides[d.Name], d)
		}
		for _, f := range p.Files {
			files[f.Path] = true
			// a file under a merged directory is also reachable by its old path
			for from, to := range mergedDirs.Get() {
				if strings.HasPrefix(f.Path, to+"/") {
					files[from+f.Path[len(to):]] = true
				}
			}
		}
	}
	satisfied := func(r dep.Dep) bool {
		if strings.HasPrefix(r.Name, "/") && files[r.Name] {
			return true
		}
		for _, p := range provides[r.Name] {
			if dep.Matches(p, r) {
				return true
			}
		}
		return false
	}
	var bad []Unresolved
	for _, p := range pkgs {
		for _, r := range p.Requires {
			if strings.HasPrefix(r.Name, "rpmlib(") || r.Flags&dep.Rpmlib != 0 {
				continue
			}
			ok := false
			if r.IsRich() {
				rich, err := dep.ParseRich(r.Name)
				if err != nil {
					bad = append(bad, Unresolved{p.NEVRA(), r.String() + " (unparsable: " + err.Error() + ")"})
					continue
				}
				ok = rich.Eval(satisfied)
			} else {
				ok = satisfied(r)
			}
			if !ok {
				bad = append(bad, Unresolved{p.NEVRA(), r.String()})
			}
		}
	}
	if len(bad) > 0 {
		sort.Slice(bad, func(i, j int) bool {
			if bad[i].Package != bad[j].Package {
				return bad[i].Package < bad[j].Package
			}
			return bad[i].Require < bad[j].Require
		})
		return &ClosureError{Arch: arch, Unresolved: bad}
	}
	return nil
}
