package pm

import (
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// The package side of `repoquery --tree` (dnf 4.14's RepoQueryCommand.tree_seed and
// grow_tree; the tree itself is drawn by the CLI).

// TreeRequires are a package's requirements as hawkey's pkg.requires lists them in
// grow_tree's "[N: ...]": for an installed package every Requires of its header in the
// header's order, rpmlib() ones and each scriptlet's included (libsolv keeps them in the
// rpmdb's solvable); for a repository package those of its metadata, unversioned ones
// first.
func (b *Base) TreeRequires(id solver.ID) []string {
	var out []string
	if ip := b.Installed[id]; ip != nil && ip.Info != nil {
		for _, d := range ip.Info.Requires {
			sd, err := solver.FromRPM(d)
			if err != nil {
				continue
			}
			if sd.Rich != nil {
				out = append(out, d.Name)
				continue
			}
			out = append(out, depString(sd))
		}
		return out
	}
	// libsolv's solv cache, which dnf reads repositories from, writes a package's
	// dependencies with plain names before versioned and rich ones (relation ids sort
	// after string ids): seen as "[2: lib, base >= 1]" for "Requires: base >= 1, lib"
	deps := b.DepsOf(id, KindRequires)
	for _, plain := range []bool{true, false} {
		for _, d := range deps {
			if (d.Rich == nil && d.Op == 0) == plain {
				out = append(out, depString(d))
			}
		}
	}
	return out
}

// TreeProviders are the children of a package in a tree of dependencies of one kind
// (requires, provides, ...): for each distinct dependency, the packages providing it,
// installed or available, one per name.arch (dnf keeps the last its query hands out:
// the installed one, else the newest version, as seen in dnf 4.14), sorted by name.
func (b *Base) TreeProviders(id solver.ID, kind string) []solver.ID {
	deps := b.DepsOf(id, kind)
	if ip := b.Installed[id]; ip != nil && ip.Info != nil && kind == KindRequires {
		deps = nil // the header's requirements, rpmlib() ones included (they match nothing)
		for _, d := range ip.Info.Requires {
			if d.Flags&dep.Rpmlib != 0 || strings.HasPrefix(d.Name, "rpmlib(") {
				continue
			}
			if sd, err := solver.FromRPM(d); err == nil {
				deps = append(deps, sd)
			}
		}
	}
	best := map[string]solver.ID{}
	for _, d := range deps {
		for _, p := range b.richProviders(d) {
			if b.Installed[p] == nil && !b.Pool.Installable(p) {
				continue
			}
			s := b.Pool.Peek(p)
			k := s.Name + "." + s.Arch
			if cur, ok := best[k]; !ok || b.treeBetter(p, cur) {
				best[k] = p
			}
		}
	}
	out := make([]solver.ID, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	b.SortTree(out)
	return out
}

// treeBetter: installed beats available, then the higher version, then the later
// repository.
func (b *Base) treeBetter(p, cur solver.ID) bool {
	pi, ci := b.Installed[p] != nil, b.Installed[cur] != nil
	if pi != ci {
		return pi
	}
	ps, cs := b.Pool.Peek(p), b.Pool.Peek(cur)
	if c := evr.Compare(evr.ParseLax(ps.EVR), evr.ParseLax(cs.EVR)); c != 0 {
		return c > 0
	}
	return ps.Repo.Name > cs.Repo.Name
}

// TreeRequirers are the packages of set that require name (hawkey's
// filter(requires__glob=name) in tree_seed without a dependency kind: --whatrequires).
func (b *Base) TreeRequirers(set []solver.ID, name string) []solver.ID {
	var out []solver.ID
	for _, id := range set {
		for _, d := range b.DepsOf(id, KindRequires) {
			if d.Rich == nil && d.Name == name {
				out = append(out, id)
				break
			}
		}
	}
	b.SortTree(out)
	return out
}

// SortTree orders packages as tree_seed does (sorted by name; for one name, as seen in
// dnf 4.14, the newest first, then by arch).
func (b *Base) SortTree(ids []solver.ID) {
	sort.SliceStable(ids, func(i, j int) bool {
		a, c := b.Pool.Peek(ids[i]), b.Pool.Peek(ids[j])
		if a.Name != c.Name {
			return a.Name < c.Name
		}
		if x := evr.Compare(evr.ParseLax(a.EVR), evr.ParseLax(c.EVR)); x != 0 {
			return x > 0
		}
		return a.Arch < c.Arch
	})
}

// richProviders is a dependency's providers as libsolv's whatprovides gives them for a
// query: for a rich dependency, or the union of its arguments' providers, and and with
// their intersection, without the first's minus the second's, if and unless the first's.
func (b *Base) richProviders(d solver.Dep) []solver.ID {
	if d.Rich == nil {
		return b.Pool.WhatProvides(d)
	}
	var walk func(r *solver.Rich) []solver.ID
	walk = func(r *solver.Rich) []solver.ID {
		if r.Op == solver.RichAtom {
			return b.Pool.WhatProvides(r.Atom)
		}
		if len(r.Args) == 0 {
			return nil
		}
		out := walk(r.Args[0])
		for _, a := range r.Args[1:] {
			next := walk(a)
			switch r.Op {
			case solver.RichOr:
				out = append(out, next...)
			case solver.RichAnd, solver.RichWith:
				out = intersect(out, next)
			case solver.RichWithout:
				drop := map[solver.ID]bool{}
				for _, id := range next {
					drop[id] = true
				}
				out = filterIDs(out, func(id solver.ID) bool { return !drop[id] })
			}
		}
		return out
	}
	return walk(d.Rich)
}
