package pm

import (
	"sort"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ObsoletePair is an available package and an installed one it obsoletes.
type ObsoletePair struct{ New, Old PkgLine }

// Obsoleting is dnf's obsoletes list (returnPkgLists('obsoletes'), check-update's
// "Obsoleting Packages"): every installable package of the repositories whose Obsoletes
// match a provide of an installed package (of those matching pats, all when none), with
// that package, sorted by the obsoleting package. It reads the index in order and only
// the packages that obsolete anything; a NamesOnly base can answer it.
func (b *Base) Obsoleting(pats []string) []ObsoletePair {
	var inst []solver.ID
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		if matchAny(pats, s.Name, s.Name+"."+s.Arch) {
			inst = append(inst, id)
		}
	}
	if len(inst) == 0 {
		return nil
	}
	ids := map[*LoadedRepo][]solver.ID{}
	for id, ap := range b.Available.All() {
		l := ids[ap.Repo]
		if l == nil {
			l = make([]solver.ID, ap.Repo.Index.Len())
			ids[ap.Repo] = l
		}
		l[ap.I] = id
	}
	var out []ObsoletePair
	for _, r := range b.Repos {
		x := r.Index
		for i := 0; i < x.Len(); i++ {
			if lo, hi := x.DepRange(i, dep.Obsoletes); lo == hi {
				continue
			}
			id := ids[r][i]
			if id == 0 || !b.Pool.Installable(id) || !b.inScope(id) {
				continue
			}
			obs := x.Deps(i, dep.Obsoletes)
			for _, o := range inst {
				if obsoletes(obs, b.Installed[o].Info.Provides) {
					out = append(out, ObsoletePair{New: b.line(id), Old: b.line(o)})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i].New, out[j].New
		if a.Name != c.Name {
			return a.Name < c.Name
		}
		if a.Arch != c.Arch {
			return a.Arch < c.Arch
		}
		return a.EVR < c.EVR
	})
	return out
}

// obsoletes reports whether one of obs matches one of provides (hawkey's
// filter(provides=obsoleted_reldeps)).
func obsoletes(obs, provides []dep.Dep) bool {
	for _, o := range obs {
		for _, p := range provides {
			if dep.Matches(p, o) {
				return true
			}
		}
	}
	return false
}
