package pm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ClosureOptions are repoclosure's (dnf-plugins-core 4.3, repoclosure.py): the
// architectures and repositories whose packages are checked (Arches, Check), only the
// newest per name.arch of each repository (Newest), only the packages of these specs
// (Pkgs).
type ClosureOptions struct {
	Arches, Check, Pkgs []string
	Newest              bool
	// Repos, when set, are the only repositories whose packages count (exact ids: the
	// plugin's configure disables every other one).
	Repos []string
}

// ClosurePkg is a checked package with requirements that nothing available provides.
type ClosurePkg struct {
	NEVRA, Repo string
	Deps        []string // sorted
}

// RepoClosure is repoclosure's _get_unresolved: the packages checked (every available
// package, or the newest of each repository; then --pkg, --check, --arch) and for each
// the requirements (rpmlib() ones left out) that no package of the available set
// provides: every repository package (installed ones do not count), or the newest of
// each repository with Newest, or with best=1 only the newest per name.arch of them. The
// packages come sorted as hawkey's Package compares: name, version, arch, repository.
func (b *Base) RepoClosure(o ClosureOptions) ([]ClosurePkg, error) {
	var all []solver.ID
	for id, ap := range b.Available.All() {
		if b.Pool.Disabled(id) {
			continue // sack.query(): excludes and modular filtering apply
		}
		if len(o.Repos) == 0 || contains(o.Repos, ap.Repo.ID) {
			all = append(all, id)
		}
	}
	if o.Newest { // per repository: query.filter(reponame=...).latest()
		byRepo := map[*LoadedRepo][]solver.ID{}
		for _, id := range all {
			r := b.Available.Get(id).Repo
			byRepo[r] = append(byRepo[r], id)
		}
		all = all[:0]
		for _, r := range b.Repos {
			all = append(all, b.latestPerNameArch(byRepo[r])...)
		}
	}
	available := all
	check := all
	if len(o.Pkgs) > 0 {
		in := map[solver.ID]bool{}
		for _, id := range check {
			in[id] = true
		}
		keep := func(id solver.ID) bool { return in[id] }
		var picked []solver.ID
		seen := map[solver.ID]bool{}
		var missing []string
		for _, spec := range o.Pkgs {
			m := b.subject(spec, nil, false, keep)
			if len(m.ids) == 0 {
				missing = append(missing, spec)
			}
			for _, id := range m.ids {
				if !seen[id] {
					seen[id] = true
					picked = append(picked, id)
				}
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("no package matched: %s", strings.Join(missing, ", "))
		}
		check = picked
	}
	if len(o.Check) > 0 || len(o.Arches) > 0 {
		var kept []solver.ID
		for _, id := range check {
			if len(o.Check) > 0 && !contains(o.Check, b.Available.Get(id).Repo.ID) {
				continue
			}
			if len(o.Arches) > 0 && !contains(o.Arches, b.Pool.Solvable(id).Arch) {
				continue
			}
			kept = append(kept, id)
		}
		check = kept
	}
	best := b.Main.BestPolicy
	if b.cfg.Best != nil {
		best = *b.cfg.Best
	}
	if best { // available.filterm(latest_per_arch=True)
		available = b.latestPerNameArch(available)
	}
	inAvail := map[solver.ID]bool{}
	for _, id := range available {
		inAvail[id] = true
	}
	provided := map[string]bool{}
	isProvided := func(d solver.Dep) bool {
		k := d.String()
		if v, ok := provided[k]; ok {
			return v
		}
		v := false
		for _, p := range b.Pool.Providers(d) {
			if inAvail[p] {
				v = true
				break
			}
		}
		provided[k] = v
		return v
	}
	var out []ClosurePkg
	type keyed struct {
		s  *solver.Solvable
		cp ClosurePkg
	}
	var rows []keyed
	for _, id := range check {
		s := b.Pool.Solvable(id)
		seen := map[string]bool{}
		var deps []string
		for _, d := range append(append([]solver.Dep{}, s.Requires...), s.PreRequires...) {
			name := depString(d)
			if strings.HasPrefix(name, "rpmlib(") || strings.HasPrefix(name, "solvable:") || seen[name] {
				continue
			}
			seen[name] = true
			if !isProvided(d) {
				deps = append(deps, name)
			}
		}
		if len(deps) == 0 {
			continue
		}
		sort.Strings(deps)
		rows = append(rows, keyed{s, ClosurePkg{NEVRA: s.Name + "-" + s.EVR + "." + s.Arch, Repo: b.Available.Get(id).Repo.ID, Deps: deps}})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if x := cmpNameEVRArch(rows[i].s, rows[j].s); x != 0 {
			return x < 0
		}
		return rows[i].cp.Repo < rows[j].cp.Repo
	})
	for _, r := range rows {
		out = append(out, r.cp)
	}
	return out, nil
}

// latestPerNameArch keeps, per name and architecture, the packages of the highest
// version (hawkey's latest() and latest_per_arch: ties all kept), in the order given.
func (b *Base) latestPerNameArch(ids []solver.ID) []solver.ID {
	best := map[string]*solver.Solvable{}
	for _, id := range ids {
		s := b.Pool.Solvable(id)
		k := s.Name + "." + s.Arch
		if cur, ok := best[k]; !ok || newer(s, cur) {
			best[k] = s
		}
	}
	var out []solver.ID
	for _, id := range ids {
		s := b.Pool.Solvable(id)
		if c := best[s.Name+"."+s.Arch]; evr.Compare(evr.ParseLax(s.EVR), evr.ParseLax(c.EVR)) == 0 {
			out = append(out, id)
		}
	}
	return out
}
