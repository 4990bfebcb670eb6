package solver

import (
	"sort"
	"strings"
)

// StepKind is what a transaction step does.
type StepKind uint8

// Transaction step kinds, as libsolv's testcases print them.
const (
	StepInstall   StepKind = iota // install New
	StepErase                     // erase Old
	StepUpgrade                   // Old is replaced by the newer New
	StepDowngrade                 // Old is replaced by the older New
	StepReinstall                 // Old is replaced by an identical-version New
	StepObsoleted                 // Old is erased because New obsoletes it
)

var stepNames = [...]string{"install", "erase", "upgrade", "downgrade", "reinstall", "erase"}

func (k StepKind) String() string { return stepNames[k] }

// Step is one element of a transaction.
type Step struct {
	Kind StepKind
	Old  ID // the installed package affected (erase, upgrade, ...)
	New  ID // the package installed (install, upgrade, ...)
	// Changed marks a reinstall by a package that differs from the
	// installed one (libsolv's "change"): same version, other content.
	Changed bool
}

// Result is the outcome of Solve.
type Result struct {
	Steps    []Step
	Problems []Problem
	// Recommended and Suggested are packages the final set recommends or
	// suggests and that are not installed (the best provider per
	// dependency). They are computed when weak dependencies were not
	// installed (IgnoreRecommended, or InstallWeakDeps off), which is when
	// they are news to the user.
	Recommended, Suggested []ID
	// CleanDeps are installed packages erased because only erased
	// packages needed them.
	CleanDeps []ID

	pool    *Pool
	install []bool
}

// Pool returns the pool the result refers to.
func (r *Result) Pool() *Pool { return r.pool }

// Installed reports whether id is part of the system after the transaction.
func (r *Result) Installed(id ID) bool { return int(id) < len(r.install) && r.install[id] }

// NewSet returns the ids of every package installed after the transaction.
func (r *Result) NewSet() []ID {
	var out []ID
	for id, ok := range r.install {
		if ok {
			out = append(out, ID(id))
		}
	}
	return out
}

func (s *Solver) result() *Result {
	p := s.pool
	res := &Result{pool: p, Problems: s.problems, install: make([]bool, len(s.val))}
	for id := 1; id < len(s.val); id++ {
		res.install[id] = s.val[id] > 0
	}
	if s.cleanDeps {
		s.applyCleanDeps(res)
	}
	used := map[ID]bool{}
	var newPkgs []ID
	for id := 1; id < len(res.install); id++ {
		if res.install[id] && !p.isInstalled(ID(id)) {
			newPkgs = append(newPkgs, ID(id))
		}
	}
	if p.Installed != nil {
		for _, i := range p.Installed.Solvables {
			if res.install[i] {
				continue
			}
			is := p.solvables[i]
			step := Step{Kind: StepErase, Old: i}
			// a new package of the name replaces it; one not yet paired
			// first, else (two installed arches of a name replaced by one
			// package, as libsolv's transaction_obs_pkg shows) one already
			// paired with another installed package
			for pass := 0; pass < 2 && step.New == 0; pass++ {
				for _, n := range newPkgs {
					ns := p.solvables[n]
					if ns.nameStr() != is.nameStr() || pass == 0 && used[n] || s.multiversion[n] || p.ImplicitObsoleteUsesColors && !p.colourMatch(is, ns) {
						continue
					}
					used[n] = true
					step.New = n
					switch c := p.cmpEVR(ns.pe(), is.pe()); {
					case c > 0:
						step.Kind = StepUpgrade
					case c < 0:
						step.Kind = StepDowngrade
					default:
						step.Kind = StepReinstall
						step.Changed = !sameContent(is, ns)
					}
					break
				}
			}
			if step.New == 0 {
				for _, n := range newPkgs {
					if !s.multiversion[n] && s.obsoletesPkg(p.solvables[n], is) {
						step.Kind, step.New = StepObsoleted, n
						break
					}
				}
			}
			res.Steps = append(res.Steps, step)
		}
	}
	for _, n := range newPkgs {
		if !used[n] {
			res.Steps = append(res.Steps, Step{Kind: StepInstall, New: n})
		}
	}
	if s.Flags.IgnoreRecommended || !s.Flags.InstallWeakDeps {
		res.Recommended, res.Suggested = s.recommendations()
	}
	return res
}

// clashes reports whether q conflicts with the final set in a way its
// rules would have shown (packages outside the rules' closure have none):
// a conflict either way, or another installed version of its name.
func (s *Solver) clashes(q ID, installed []ID) bool {
	p := s.pool
	qs := p.solvables[q]
	for _, d := range qs.each(kCon) {
		for _, x := range s.depProviders(d) {
			if x != q && s.val[x] > 0 {
				return true
			}
		}
	}
	for _, id := range installed {
		xs := p.solvables[id]
		if xs.nameStr() == qs.nameStr() && !s.multiversion[q] {
			return true
		}
		for _, d := range xs.each(kCon) {
			if d.Rich == nil && d.Name != qs.nameStr() && !strings.HasPrefix(d.Name, "/") {
				// fast path: only dependencies naming a provide of q matter
				found := false
				for _, pr := range qs.each(kProv) {
					if pr.Name == d.Name {
						found = true
						break
					}
				}
				if !found {
					continue
				}
			}
			if contains(s.depProviders(d), q) {
				return true
			}
		}
	}
	return false
}

// sameContent reports whether two packages of the same name and version
// are the same package, as libsolv's solvable_identical does: arch and
// vendor must agree; then build times decide when both are known, else the
// sets of requirements (a recompiled package usually requires something
// else; rpmlib() requirements are ignored, repository metadata leaves them
// out and the rpmdb keeps them). libsolv calls a replacement by a
// different package of the same version a change.
func sameContent(a, b *solv) bool {
	if a.archStr() != b.archStr() || a.vendorStr() != b.vendorStr() {
		return false
	}
	if a.BuildTime != 0 && b.BuildTime != 0 {
		return a.BuildTime == b.BuildTime
	}
	x, y := requireSet(a), requireSet(b)
	if len(x) != len(y) {
		return false
	}
	for k := range x {
		if x[k] != y[k] {
			return false
		}
	}
	return true
}

func requireSet(s *solv) []string {
	out := make([]string, 0, s.count(kReq)+s.count(kPreReq))
	for _, list := range [][]Dep{s.depSlice(kReq), s.depSlice(kPreReq)} {
		for _, d := range list {
			if d.Rich == nil && strings.HasPrefix(d.Name, "rpmlib(") {
				continue
			}
			out = append(out, d.String())
		}
	}
	sort.Strings(out)
	return dedupStrings(out)
}

func dedupStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// recommendations lists, per unmet Recommends/Suggests of the final set,
// the best provider that could still be installed.
func (s *Solver) recommendations() (rec, sug []ID) {
	p := s.pool
	seenR, seenS := map[ID]bool{}, map[ID]bool{}
	var final []ID
	for id := 1; id < len(s.val); id++ {
		if s.val[id] > 0 {
			final = append(final, ID(id))
		}
	}
	for id := 1; id < len(s.val); id++ {
		if s.val[id] <= 0 {
			continue
		}
		sv := p.solvables[id]
		for k, list := range [][]Dep{sv.depSlice(kRec), sv.depSlice(kSug)} {
			for _, d := range list {
				if s.depTrue(d) {
					continue
				}
				var c []ID
				for _, q := range s.depProviders(d) {
					if s.val[q] == 0 && p.Installable(q) && !s.clashes(q, final) {
						c = append(c, q)
					}
				}
				if len(c) == 0 {
					continue
				}
				best := s.filter(c, modeRecommend, nil)[0]
				if k == 0 && !seenR[best] {
					seenR[best] = true
					rec = append(rec, best)
				} else if k == 1 && !seenS[best] {
					seenS[best] = true
					sug = append(sug, best)
				}
			}
		}
	}
	sortIDs(rec)
	sortIDs(sug)
	return rec, sug
}

// applyCleanDeps also erases installed packages that only the erased or
// replaced packages needed (dnf's clean_requirements_on_remove), by
// reachability as libsolv's cleandeps map: the candidates are the
// installed packages reachable from the erased ones through requires and
// recommends; those still reachable from the packages that stay (the
// installed ones that are no candidates, the new ones and the packages
// jobs name) are kept, the rest go, cycles among them included.
func (s *Solver) applyCleanDeps(res *Result) {
	p := s.pool
	if p.Installed == nil {
		return
	}
	var gone []ID
	for _, i := range p.Installed.Solvables {
		if !res.install[i] {
			gone = append(gone, i)
		}
	}
	for _, q := range s.unneeded(res.install, gone) {
		res.install[q] = false
		res.CleanDeps = append(res.CleanDeps, q)
	}
	sort.Slice(res.CleanDeps, func(i, j int) bool { return res.CleanDeps[i] < res.CleanDeps[j] })
}

// cleanDepsCandidates is applyCleanDeps before the solve: the installed
// packages that only the packages of clean-deps erase jobs need.
func (s *Solver) cleanDepsCandidates(erased []ID) []ID {
	p := s.pool
	if len(erased) == 0 || p.Installed == nil {
		return nil
	}
	install := make([]bool, p.Len()+1)
	for _, i := range p.Installed.Solvables {
		install[i] = true
	}
	for _, i := range erased {
		install[i] = false
	}
	return s.unneeded(install, erased)
}

// unneeded returns the installed packages still in install that are
// reachable from gone through requires and recommends but not from the
// packages that stay (the other ones in install and the packages install,
// lock and userinstalled jobs name).
func (s *Solver) unneeded(install []bool, gone []ID) []ID {
	p := s.pool
	kept := func(q ID) bool { return p.isInstalled(q) && install[q] }
	follow := func(id ID, visit func(ID)) {
		sv := p.solvables[id]
		for _, list := range [][]Dep{sv.depSlice(kReq), sv.depSlice(kPreReq), sv.depSlice(kRec)} {
			for _, d := range list {
				for _, q := range s.depProviders(d) {
					visit(q)
				}
			}
		}
	}
	cand := map[ID]bool{}
	queue := append([]ID(nil), gone...)
	// A package installed because it supplements one that goes, and supplements nothing
	// that stays, goes with it (libsolv's cleandeps: "no longer supplemented, also erase").
	goneSet := map[ID]bool{}
	for _, g := range gone {
		goneSet[g] = true
	}
	for _, q := range p.Installed.Solvables {
		if kept(q) && s.supplementsIn(q, func(r ID) bool { return goneSet[r] }) && !s.supplementsIn(q, kept) {
			cand[q] = true
			queue = append(queue, q)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		follow(id, func(q ID) {
			if kept(q) && !cand[q] {
				cand[q] = true
				queue = append(queue, q)
			}
		})
	}
	if len(cand) == 0 {
		return nil
	}
	keep := map[ID]bool{}
	for id := 1; id < len(install); id++ {
		if install[id] && !cand[ID(id)] {
			queue = append(queue, ID(id))
		}
	}
	for i := range s.jobs {
		j := &s.jobs[i]
		if j.Kind == JobInstall || j.Kind == JobLock || j.Kind == JobUserInstalled {
			for _, c := range s.selection(j) {
				if cand[c] && !keep[c] {
					keep[c] = true
					queue = append(queue, c)
				}
			}
		}
	}
	for {
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			follow(id, func(q ID) {
				if cand[q] && !keep[q] {
					keep[q] = true
					queue = append(queue, q)
				}
			})
		}
		// a candidate supplementing a package that stays stays too
		for q := range cand {
			if !keep[q] && s.supplementsIn(q, func(r ID) bool { return kept(r) && (!cand[r] || keep[r]) }) {
				keep[q] = true
				queue = append(queue, q)
			}
		}
		if len(queue) == 0 {
			break
		}
	}
	var out []ID
	for q := range cand {
		if !keep[q] {
			out = append(out, q)
		}
	}
	sortIDs(out)
	return out
}

// supplementsIn reports whether one of id's Supplements is provided by a package in the set
// (libsolv's dep_possible: a rich supplement by any of its atoms).
func (s *Solver) supplementsIn(id ID, in func(ID) bool) bool {
	for _, d := range s.pool.solvables[id].each(kSup) {
		for _, q := range s.depProviders(d) {
			if q != id && in(q) {
				return true
			}
		}
	}
	return false
}
