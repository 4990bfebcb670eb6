package solver

import (
	"sort"
)

// weakPass installs recommended and supplementing packages where that
// causes no conflict; it never backtracks for them.
func (s *Solver) weakPass() (int, int32) {
	if s.Flags.IgnoreRecommended || !s.Flags.InstallWeakDeps {
		return 0, -1
	}
	p := s.pool
	var cands []ID
	for _, l := range s.trail {
		if l <= 0 {
			continue
		}
		if p.isInstalled(l) && !s.Flags.AddAlreadyRecommended {
			continue // recommendations of packages kept as they are were settled before
		}
		for _, d := range p.solvables[l].each(kRec) {
			if s.depTrue(d) {
				continue
			}
			var c []ID
			for _, q := range s.depProviders(d) {
				if s.val[q] == 0 && !s.excludeWeak[q] && s.favor[q] >= 0 && !s.triedWeak[q] && p.Installable(q) {
					c = append(c, q)
				}
			}
			if len(c) > 0 {
				dd := d
				cands = append(cands, s.filter(c, modeRecommend, &dd)[0])
			}
		}
	}
	var sup []ID
	for id := 1; id <= p.Len(); id++ {
		q := ID(id)
		sv := p.solvables[id]
		if !s.considered[id] || s.val[q] != 0 || sv.count(kSup) == 0 || s.excludeWeak[q] || s.favor[q] < 0 || s.triedWeak[q] || !p.Installable(q) {
			continue
		}
		if s.supplementing(sv) && !s.nameDecided(sv) && (s.Flags.AddAlreadyRecommended || !s.supplementedBefore(sv)) {
			sup = append(sup, q)
		}
	}
	if len(sup) > 1 {
		sup = s.pruneWeakSupplements(sup)
	}
	cands = append(cands, sup...)
	n := 0
	for _, c := range cands {
		if s.val[c] != 0 {
			continue
		}
		s.triedWeak[c] = true
		lv := s.level()
		s.trailLim = append(s.trailLim, len(s.trail))
		s.assign(c, -1)
		if confl := s.propagate(); confl >= 0 {
			s.backjump(lv)
			continue
		}
		n++
	}
	return n, -1
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
		if s.favor[out[i]] != s.favor[out[j]] {
			return s.favor[out[i]] > s.favor[out[j]]
		}
		return p.solvables[out[i]].nameStr() < p.solvables[out[j]].nameStr()
	})
	return out
}
