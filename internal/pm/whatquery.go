package pm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Dependency kinds as dnf's repoquery names them (its --<kind> and --what<kind> options).
// "depends" is requires, recommends, suggests, supplements and enhances together.
const (
	KindRequires    = "requires"
	KindRequiresPre = "requires-pre"
	KindProvides    = "provides"
	KindConflicts   = "conflicts"
	KindObsoletes   = "obsoletes"
	KindRecommends  = "recommends"
	KindSuggests    = "suggests"
	KindSupplements = "supplements"
	KindEnhances    = "enhances"
	KindDepends     = "depends"
)

// DepsOf returns a package's dependencies of one kind, as hawkey's package attributes do
// (requires: the pre-requires too).
func (b *Base) DepsOf(id solver.ID, kind string) []solver.Dep {
	s := b.Pool.Solvable(id)
	switch kind {
	case KindRequires:
		return append(slices.Clone(s.PreRequires), s.Requires...)
	case KindRequiresPre:
		return s.PreRequires
	case KindProvides:
		return s.Provides
	case KindConflicts:
		return s.Conflicts
	case KindObsoletes:
		return s.Obsoletes
	case KindRecommends:
		return s.Recommends
	case KindSuggests:
		return s.Suggests
	case KindSupplements:
		return s.Supplements
	case KindEnhances:
		return s.Enhances
	case KindDepends:
		var out []solver.Dep
		for _, k := range []string{KindRequires, KindEnhances, KindSuggests, KindSupplements, KindRecommends} {
			out = append(out, b.DepsOf(id, k)...)
		}
		return out
	}
	return nil
}

// DepStrings are the packages' dependencies of kind as dnf prints them (str(reldep)), each
// once, sorted; rpmlib() requirements are left out as in Details.
func (b *Base) DepStrings(ids []solver.ID, kind string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		for _, d := range b.DepsOf(id, kind) {
			if strings.HasPrefix(d.Name, "rpmlib(") {
				continue
			}
			if t := depString(d); !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	slices.Sort(out)
	return out
}

// specDep is a --what* argument read as libdnf's DependencySplitter reads one: a name
// (which may be a glob) and an optional "OP EVR".
type specDep struct {
	name string
	op   evr.Op
	evr  string
}

func parseSpecDep(s string) (specDep, error) {
	f := strings.Fields(s)
	switch len(f) {
	case 1:
		return specDep{name: f[0]}, nil
	case 3:
		ops := map[string]evr.Op{"<": solver.OpLess, "<=": solver.OpLess | solver.OpEqual, "=<": solver.OpLess | solver.OpEqual,
			"=": solver.OpEqual, "==": solver.OpEqual, ">": solver.OpGreater, ">=": solver.OpGreater | solver.OpEqual, "=>": solver.OpGreater | solver.OpEqual}
		if op, ok := ops[f[1]]; ok {
			return specDep{name: f[0], op: op, evr: f[2]}, nil
		}
	}
	return specDep{}, fmt.Errorf("%q is not a dependency (NAME or NAME OP VERSION)", s)
}

// matches is libsolv's pool_match_dep of the spec's relation (its name a glob here, as
// libdnf expands it over the pool's names) against a package's dependency: the names
// match and the version ranges overlap; a rich dependency by the parts libsolv looks at.
func (sd specDep) matches(d solver.Dep, glob bool) bool {
	if d.Rich != nil {
		return richMatches(d.Rich, func(a solver.Dep) bool { return sd.matches(a, glob) })
	}
	if glob && !partMatch(sd.name, d.Name) || !glob && sd.name != d.Name {
		return false
	}
	return depsOverlap(solver.Dep{Name: d.Name, Op: sd.op, EVR: sd.evr}, d)
}

// richMatches walks a rich dependency as pool_match_dep does: both sides of and, or and
// with; the first of without; the then (and else) part of if and unless, not the condition.
func richMatches(r *solver.Rich, atom func(solver.Dep) bool) bool {
	switch r.Op {
	case solver.RichAtom:
		return atom(r.Atom)
	case solver.RichWithout:
		return richMatches(r.Args[0], atom)
	case solver.RichIf, solver.RichUnless:
		if richMatches(r.Args[0], atom) {
			return true
		}
		return len(r.Args) == 3 && richMatches(r.Args[2], atom)
	}
	for _, a := range r.Args {
		if richMatches(a, atom) {
			return true
		}
	}
	return false
}

// depsOverlap: same name (checked by the caller) and overlapping version ranges.
func depsOverlap(a, b solver.Dep) bool {
	return evr.Overlap(evr.Range{Op: a.Op, EVR: evr.ParseLax(a.EVR)}, evr.Range{Op: b.Op, EVR: evr.ParseLax(b.EVR)})
}

// WhatFilter keeps the packages of ids that one of specs names through their dependencies
// of the kinds, as dnf's repoquery --what<kind> options filter: a dependency whose name
// matches a spec (a glob, with an optional version range: hawkey's <kind>__glob) or, with
// byPackage, a dependency that a package a spec names (as a NEVRA, among ids) provides
// (hawkey's <kind>=packages; libsolv's pool_whatmatchesdep). glob false matches names
// exactly (--whatobsoletes).
func (b *Base) WhatFilter(ids []solver.ID, kinds, specs []string, glob, byPackage bool) ([]solver.ID, error) {
	var sds []specDep
	for _, s := range specs {
		sd, err := parseSpecDep(s)
		if err != nil {
			return nil, err
		}
		sds = append(sds, sd)
	}
	var provs map[string][]solver.Dep // by name: the provides of the packages the specs name
	if byPackage {
		provs = b.providesOf(b.resolveNEVRAs(specs, ids))
	}
	return filterIDs(ids, func(id solver.ID) bool {
		for _, k := range kinds {
			for _, d := range b.DepsOf(id, k) {
				for _, sd := range sds {
					if sd.matches(d, glob) {
						return true
					}
				}
				if len(provs) > 0 && matchesProvides(d, provs) {
					return true
				}
			}
		}
		return false
	}), nil
}

// matchesProvides reports whether dependency d matches one of provs (by name).
func matchesProvides(d solver.Dep, provs map[string][]solver.Dep) bool {
	if d.Rich != nil {
		return richMatches(d.Rich, func(a solver.Dep) bool { return matchesProvides(a, provs) })
	}
	for _, p := range provs[d.Name] {
		if depsOverlap(p, d) {
			return true
		}
	}
	return false
}

// resolveNEVRAs is dnf's _resolve_nevras: the packages of within that specs name as
// NEVRAs (no provides, no files).
func (b *Base) resolveNEVRAs(specs []string, within []solver.ID) []solver.ID {
	in := map[solver.ID]bool{}
	for _, id := range within {
		in[id] = true
	}
	var out []solver.ID
	for _, s := range specs {
		out = append(out, b.subject(s, nil, false, func(id solver.ID) bool { return in[id] }).ids...)
	}
	return out
}

// providesOf indexes the packages' provides by name.
func (b *Base) providesOf(ids []solver.ID) map[string][]solver.Dep {
	out := map[string][]solver.Dep{}
	for _, id := range ids {
		for _, p := range b.Pool.Solvable(id).Provides {
			out[p.Name] = append(out[p.Name], p)
		}
	}
	return out
}

// RequiredBy is dnf's _do_recursive_deps: selected, then the packages of within requiring
// one of them (their requires matched by its provides), then those requiring those, and
// so on.
func (b *Base) RequiredBy(within, selected []solver.ID) []solver.ID {
	done := map[solver.ID]bool{}
	for _, id := range selected {
		done[id] = true
	}
	for len(selected) > 0 {
		provs := b.providesOf(selected)
		selected = nil
		for _, id := range within {
			if done[id] {
				continue
			}
			for _, d := range b.DepsOf(id, KindRequires) {
				if matchesProvides(d, provs) {
					done[id] = true
					selected = append(selected, id)
					break
				}
			}
		}
	}
	return filterIDs(within, func(id solver.ID) bool { return done[id] })
}

// Providers are the packages of the pool (installed ones with installed, else the
// repositories') that provide one of deps, the newest of each name.arch, as repoquery's
// --resolve finds them (query.filter(provides=rels).latest()).
func (b *Base) Providers(deps []solver.Dep, installed bool) []solver.ID {
	return b.sortNewestLast(b.providers(deps, installed), true)
}

// providers are the packages that provide one of deps, every version.
func (b *Base) providers(deps []solver.Dep, installed bool) []solver.ID {
	have := map[solver.ID]bool{}
	var out []solver.ID
	for _, d := range deps {
		for _, l := range leaves(d) {
			for _, p := range b.Pool.WhatProvides(l) {
				ok := b.Installed[p] != nil
				if !installed {
					ok = b.Available.Get(p) != nil && b.Pool.Installable(p)
				}
				if ok && !have[p] {
					have[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// ListFilter keeps the packages of ids that repoquery's list options select: "upgrades"
// (repository packages newer than an installed one of the name and arch), "extras"
// (installed packages no repository has), "unneeded" (what autoremove would remove),
// "duplicates" (installed packages with another version of the name and arch installed,
// install-only ones aside), "installonly" (packages providing an installonlypkgs name).
func (b *Base) ListFilter(ids []solver.ID, which string) []solver.ID {
	keep := map[solver.ID]bool{}
	switch which {
	case "upgrades":
		inst := b.newestInstalled(nil)
		for _, id := range ids {
			if b.Installed[id] != nil {
				continue
			}
			n, a := b.Pool.NameArch(id)
			if in := inst[n+"."+a]; in != nil && newer(b.Pool.Solvable(id), in) {
				keep[id] = true
			}
		}
	case "extras":
		avail := map[string]bool{}
		for _, ap := range b.Available.All() {
			avail[ap.NEVRA()] = true
		}
		for id := range b.Installed {
			keep[id] = !avail[b.Pool.Solvable(id).String()]
		}
	case "unneeded":
		for _, id := range b.unneeded() {
			keep[id] = true
		}
	case "duplicates":
		for _, g := range b.byNameArch(func(id solver.ID) bool { return !b.installOnly(id) }) {
			for _, id := range g {
				keep[id] = len(g) > 1
			}
		}
	case "installonly":
		for _, id := range ids {
			keep[id] = b.installOnly(id)
		}
	}
	return filterIDs(ids, func(id solver.ID) bool { return keep[id] })
}

// LatestLimit is dnf's --latest-limit over ids (sorted by name, arch and version, as Query
// returns them): the newest n versions of each name.arch, or with a negative n all but the
// newest -n.
func (b *Base) LatestLimit(ids []solver.ID, limit int) []solver.ID {
	if limit == 0 {
		return ids
	}
	count := map[string]int{}
	for _, id := range ids {
		s := b.Pool.Solvable(id)
		count[s.Name+"."+s.Arch]++
	}
	seen := map[string]int{}
	return filterIDs(ids, func(id solver.ID) bool {
		s := b.Pool.Solvable(id)
		k := s.Name + "." + s.Arch
		seen[k]++
		fromNewest := count[k] - seen[k] // 0 for the newest
		if limit > 0 {
			return fromNewest < limit
		}
		return fromNewest >= -limit
	})
}

// WhatProvides is repoquery's --whatprovides: the packages of ids with a provide matching
// one of specs (a glob, hawkey's provides__glob), or when none has, those with a file a
// spec names (file__glob).
func (b *Base) WhatProvides(ids []solver.ID, specs []string) ([]solver.ID, error) {
	out, err := b.WhatFilter(ids, []string{KindProvides}, specs, true, false)
	if err != nil || len(out) > 0 {
		return out, err
	}
	keep := map[solver.ID]bool{}
	for _, s := range specs {
		if strings.HasPrefix(s, "/") {
			for _, id := range b.match(s, false) {
				keep[id] = true
			}
		}
	}
	return filterIDs(ids, func(id solver.ID) bool { return keep[id] }), nil
}

// RequiredProviders is dnf's _get_recursive_providers_query for repoquery --requires
// --resolve --recursive: provs, the packages providing their requirements, those
// providing those's, and so on; the newest of each name.arch.
func (b *Base) RequiredProviders(provs []solver.ID, installed bool) []solver.ID {
	done := map[solver.ID]bool{}
	all := slices.Clone(provs)
	for _, id := range provs {
		done[id] = true
	}
	for frontier := provs; len(frontier) > 0; {
		var deps []solver.Dep
		for _, id := range frontier {
			deps = append(deps, b.DepsOf(id, KindRequires)...)
		}
		frontier = nil
		for _, p := range b.providers(deps, installed) {
			if !done[p] {
				done[p] = true
				frontier = append(frontier, p)
				all = append(all, p)
			}
		}
	}
	return b.sortNewestLast(all, true)
}
