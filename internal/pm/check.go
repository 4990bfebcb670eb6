package pm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// CheckTypes are dnf check's kinds of problems (--all is all of them).
var CheckTypes = []string{"all", "dependencies", "duplicates", "obsoleted", "provides"}

// Check is dnf check (dnf/cli/commands/check.py) over the installed packages, for the
// kinds of problems asked (none: all): a requirement nothing installed provides (a rich
// one when it is false over the installed packages; rpmlib() ones are rpm's own), a
// conflict with an installed package of the conflict's name, two installed versions of
// one name.arch that are not install-only, an installed package an installed one
// obsoletes, and a provide the package itself does not satisfy. Each problem once, in
// dnf's words, sorted as text; packages as name-[epoch:]version-release.arch.
func (b *Base) Check(types ...string) []string {
	want := func(k string) bool {
		return len(types) == 0 || slices.Contains(types, "all") || slices.Contains(types, k)
	}
	set := map[string]bool{}
	var ids []solver.ID
	for id := range b.Installed {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	installed := func(xs []solver.ID) []solver.ID {
		return filterIDs(xs, func(id solver.ID) bool { return b.Installed[id] != nil })
	}
	named := func(xs []solver.ID, name string) []solver.ID {
		return filterIDs(xs, func(id solver.ID) bool { return b.Pool.Solvable(id).Name == name })
	}
	str := func(id solver.ID) string { return UINEVRA(b.Details(id)) }
	satisfied := func(d solver.Dep) bool { return len(installed(b.Pool.WhatProvides(d))) > 0 }
	if want("dependencies") {
		for _, id := range ids {
			s := b.Pool.Solvable(id)
			for _, d := range append(slices.Clone(s.Requires), s.PreRequires...) {
				if strings.HasPrefix(d.Name, "rpmlib(") {
					continue
				}
				ok := false
				if d.Rich != nil {
					ok = richTrue(d.Rich, satisfied)
				} else {
					ok = satisfied(d)
				}
				if !ok {
					set[fmt.Sprintf("%s has missing requires of %s", str(id), depString(d))] = true
				}
			}
			for _, d := range s.Conflicts {
				if d.Rich != nil {
					continue
				}
				for _, p := range named(installed(b.Pool.WhatProvides(d)), d.Name) {
					set[fmt.Sprintf("%s has installed conflict \"%s\": %s", str(id), depString(d), str(p))] = true
				}
			}
		}
	}
	if want("duplicates") {
		byNA := map[string][]solver.ID{}
		for _, id := range ids {
			if b.installOnly(id) {
				continue
			}
			s := b.Pool.Solvable(id)
			byNA[s.Name+"."+s.Arch] = append(byNA[s.Name+"."+s.Arch], id)
		}
		byName := map[string][]solver.ID{}
		for _, xs := range byNA {
			if len(xs) > 1 {
				n := b.Pool.Solvable(xs[0]).Name
				byName[n] = append(byName[n], xs...)
			}
		}
		for _, xs := range byName {
			xs = b.sortNewestLast(xs, false)
			for _, dup := range xs[1:] {
				set[fmt.Sprintf("%s is a duplicate with %s", str(xs[0]), str(dup))] = true
			}
		}
	}
	if want("obsoleted") {
		for _, id := range ids {
			for _, d := range b.Pool.Solvable(id).Obsoletes {
				if d.Rich != nil {
					continue
				}
				if o := b.sortNewestLast(named(installed(b.Pool.WhatProvides(d)), d.Name), false); len(o) > 0 {
					set[fmt.Sprintf("%s is obsoleted by %s", str(o[0]), str(id))] = true
				}
			}
		}
	}
	if want("provides") {
		for _, id := range ids {
			for _, d := range b.Pool.Solvable(id).Provides {
				if d.Rich == nil && !slices.Contains(b.Pool.WhatProvides(d), id) {
					set[fmt.Sprintf("%s provides %s but it cannot be found", str(id), depString(d))] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for m := range set {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

// richTrue evaluates a rich dependency with isTrue for its atoms: and/with every
// operand, or any, if/unless with an optional else, without the first and not the second.
func richTrue(r *solver.Rich, isTrue func(solver.Dep) bool) bool {
	arg := func(i int) bool { return richTrue(r.Args[i], isTrue) }
	switch r.Op {
	case solver.RichAtom:
		return isTrue(r.Atom)
	case solver.RichAnd, solver.RichWith:
		for i := range r.Args {
			if !arg(i) {
				return false
			}
		}
		return true
	case solver.RichOr:
		for i := range r.Args {
			if arg(i) {
				return true
			}
		}
		return false
	case solver.RichIf, solver.RichUnless:
		cond := arg(1)
		if r.Op == solver.RichUnless {
			cond = !cond
		}
		if cond {
			return arg(0)
		}
		return len(r.Args) < 3 || arg(2)
	case solver.RichWithout:
		return arg(0) && !arg(1)
	}
	return false
}
