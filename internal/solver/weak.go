package solver

import (
	"sort"
)

// weakPass installs recommended and supplementing packages where that
// causes no conflict; it never backtracks for them. It follows libsolv's
// weak step in solver_run_sat: the candidates are every undecided provider
// of an unmet Recommends of a newly decided package and every supplementing
// package, pruned together to the best version per name (and of packages
// that obsolete one another); the supplementing ones are installed first,
// then the Recommends of the packages decided so far are taken one at a
// time in decision order, each skipped when what was installed meanwhile
// already meets it. A conflict ends the pass (the package is not tried
// again); the caller resolves the new requirements and calls it again.
func (s *Solver) weakPass() (int, int32) {
	if s.Flags.IgnoreRecommended || !s.Flags.InstallWeakDeps {
		return 0, -1
	}
	p := s.pool
	eligible := func(q ID) bool {
		return s.val[q] == 0 && !s.excludeWeak[q] && s.favorOf(q) >= 0 && !s.triedWeak[q] && p.Installable(q)
	}
	recommender := func(l Lit) bool {
		return l > 0 && (s.Flags.AddAlreadyRecommended || !p.isInstalled(l))
	}
	var dq []ID
	seen := map[ID]bool{}
	for _, l := range s.trail {
		if !recommender(l) {
			continue
		}
		for _, d := range p.solvables[l].each(kRec) {
			if s.depTrue(d) {
				continue
			}
			for _, q := range s.depProviders(d) {
				if !seen[q] && eligible(q) {
					seen[q] = true
					dq = append(dq, q)
				}
			}
		}
	}
	var sup []ID
	for id := 1; id <= p.Len(); id++ {
		q := ID(id)
		sv := p.solvables[id]
		if !s.considered[id] || sv.count(kSup) == 0 || !eligible(q) {
			continue
		}
		if s.supplementing(sv) && !s.nameDecided(sv) && (s.Flags.AddAlreadyRecommended || !s.supplementedBefore(sv)) {
			sup = append(sup, q)
		}
	}
	if len(sup) > 1 {
		sup = s.pruneWeakSupplements(sup)
	}
	if obs := s.obsoletedByInstalled(); len(obs) > 0 {
		dq = dropIDs(dq, obs)
		sup = dropIDs(sup, obs)
	}
	for _, q := range sup {
		if !seen[q] {
			seen[q] = true
			dq = append(dq, q)
		}
	}
	if len(dq) == 0 {
		return 0, -1
	}
	// try installs c; it reports false when c conflicts (c is then left
	// out for good and the pass ends)
	n := 0
	try := func(c ID, alts []ID) bool {
		lv := s.level()
		s.addBranch(lv, alts)
		s.trailLim = append(s.trailLim, len(s.trail))
		s.assign(c, -1)
		if confl := s.propagate(); confl >= 0 {
			s.backjump(lv)
			s.triedWeak[c] = true // never again in this solve
			return false
		}
		n++
		return true
	}
	if len(dq) == 1 {
		try(dq[0], nil)
		return 1, -1
	}
	inMap := map[ID]bool{}
	for _, q := range s.filter(dq, modeRecommend, nil) {
		inMap[q] = true
	}
	for _, q := range sup {
		if s.val[q] != 0 || !inMap[q] {
			continue
		}
		if !try(q, nil) {
			return 1, -1
		}
	}
	decided := len(s.trail)
	for i := 0; i < decided && i < len(s.trail); i++ {
		l := s.trail[i]
		if !recommender(l) {
			continue
		}
		for _, d := range p.solvables[l].each(kRec) {
			if s.depTrue(d) {
				continue
			}
			var c []ID
			for _, q := range s.depProviders(d) {
				if s.val[q] == 0 && inMap[q] {
					c = append(c, q)
				}
			}
			if len(c) == 0 {
				continue
			}
			dd := d
			f := s.filter(c, modeChoose, &dd)
			if !try(f[0], f) {
				return 1, -1
			}
		}
	}
	return n, -1
}

// obsoletedByInstalled returns the packages that installed packages staying
// installed obsolete (libsolv leaves them out of the weak candidates).
func (s *Solver) obsoletedByInstalled() map[ID]bool {
	p := s.pool
	if p.Installed == nil {
		return nil
	}
	var out map[ID]bool
	for _, i := range p.Installed.Solvables {
		if s.val[i] <= 0 || s.multiversion[i] {
			continue
		}
		for di := range p.solvables[i].eachID(kObs) {
			for _, q := range p.whatProvidesID(di) {
				if out == nil {
					out = map[ID]bool{}
				}
				out[q] = true
			}
		}
	}
	return out
}

func dropIDs(list []ID, drop map[ID]bool) []ID {
	out := list[:0]
	for _, q := range list {
		if !drop[q] {
			out = append(out, q)
		}
	}
	return out
}

// supplementedBefore reports whether sv's supplements are met by installed
// packages that stay as they are (then sv was not wanted before either; a
// supplemented package that gets updated makes the supplement new).
func (s *Solver) supplementedBefore(sv *solv) bool {
	p := s.pool
	if p.Installed == nil {
		return false
	}
	inst := func(d Dep) bool {
		for _, q := range s.depProviders(d) {
			if p.isInstalled(q) && s.val[q] > 0 {
				return true
			}
		}
		return false
	}
	for _, d := range sv.each(kSup) {
		if d.Rich == nil && inst(d) {
			return true
		}
	}
	return false
}

// nameDecided reports whether another package of sv's name is installed
// in the current assignment.
func (s *Solver) nameDecided(sv *solv) bool {
	if s.multiversion[sv.id] {
		return false
	}
	for _, q := range s.pool.sameName(sv) {
		if q != sv.id && s.val[q] > 0 && s.pool.solvables[q].nameStr() == sv.nameStr() {
			return true
		}
	}
	return false
}

// pruneWeakSupplements keeps per name the best arch and version, ordered
// by favor and name.
func (s *Solver) pruneWeakSupplements(list []ID) []ID {
	p := s.pool
	byName := map[string][]ID{}
	var names []string
	for _, q := range list {
		n := p.solvables[q].nameStr()
		if byName[n] == nil {
			names = append(names, n)
		}
		byName[n] = append(byName[n], q)
	}
	var out []ID
	for _, n := range names {
		l := s.pruneToBestArch(append([]ID(nil), byName[n]...))
		l = s.pruneToBestVersion(l)
		out = append(out, l...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if s.favorOf(out[i]) != s.favorOf(out[j]) {
			return s.favorOf(out[i]) > s.favorOf(out[j])
		}
		return p.solvables[out[i]].nameStr() < p.solvables[out[j]].nameStr()
	})
	return out
}
