package solver

import (
	"sort"
)

// Policy modes, as libsolv's POLICY_MODE_*.
const (
	modeChoose    = iota // requires and jobs: every pruning step
	modeRecommend        // weak dependencies: no preference for recommended
	modeUpdate           // update candidates of an installed package
	modeJob              // a job rule: like modeChoose, installed packages kept
)

// filter orders candidates the way dnf/libsolv would pick among them and
// drops the ones policy rules out; the first element is the choice. dep,
// when given, is the dependency being resolved.
func (s *Solver) filter(list []ID, mode int, dep *Dep) []ID {
	if len(list) < 2 {
		return list
	}
	list = append([]ID(nil), list...)
	list = s.pruneFavor(list)
	list = s.pruneToHighestPrio(list)
	if s.hasDup {
		list = s.pruneInstalledDup(list)
	}
	list = s.pruneToBestArch(list)
	list = s.pruneToBestVersion(list)
	if mode == modeChoose && len(list) > 1 {
		list = s.pruneToRecommended(list)
	}
	if mode == modeChoose && len(list) > 1 {
		s.dislikeOldVersions(list)
		if dep != nil && dep.Rich == nil && dep.Op == 0 {
			s.sortByProvidedVersion(list, dep.Name)
		}
	}
	return list
}

// pruneBest is the "best candidates" set of forcebest: priority, arch and
// version, without the reordering steps.
func (s *Solver) pruneBest(list []ID) []ID {
	list = append([]ID(nil), list...)
	list = s.pruneToHighestPrio(list)
	list = s.pruneToBestArch(list)
	list = s.pruneToBestVersion(list)
	return list
}

// pruneFavor keeps the candidates with the highest favor value when any
// candidate is favored or disfavored (the last favor/disfavor job wins).
func (s *Solver) pruneFavor(list []ID) []ID {
	any := false
	best := int32(-1 << 30)
	for _, p := range list {
		if s.favorOf(p) != 0 {
			any = true
		}
		if s.favorOf(p) > best {
			best = s.favorOf(p)
		}
	}
	if !any {
		return list
	}
	out := list[:0]
	for _, p := range list {
		if s.favorOf(p) == best {
			out = append(out, p)
		}
	}
	return out
}

func (s *Solver) pruneToHighestPrio(list []ID) []ID {
	p := s.pool
	best, set := 0, false
	for _, id := range list {
		sv := p.solvables[id]
		if sv.Repo == p.Installed {
			continue
		}
		if !set || sv.Repo.Priority > best {
			best, set = sv.Repo.Priority, true
		}
	}
	if !set {
		return list
	}
	out := list[:0]
	for _, id := range list {
		sv := p.solvables[id]
		if sv.Repo == p.Installed || sv.Repo.Priority == best {
			out = append(out, id)
		}
	}
	return out
}

// pruneInstalledDup drops installed packages involved in a distupgrade
// unless the list has an identical package from a repository.
func (s *Solver) pruneInstalledDup(list []ID) []ID {
	p := s.pool
	out := make([]ID, 0, len(list))
	bestPrio, set := 0, false
	for _, id := range list {
		if r := p.solvables[id].Repo; r != p.Installed && (!set || r.Priority > bestPrio) {
			bestPrio, set = r.Priority, true
		}
	}
	for _, id := range list {
		sv := p.solvables[id]
		if sv.Repo == p.Installed && s.dupInvolved[id] {
			keep := false
			for _, o := range p.sameName(sv) {
				os := p.solvables[o]
				if os.Repo != p.Installed && os.nameStr() == sv.nameStr() && os.evrStr() == sv.evrStr() && sameContent(os, sv) && s.dupRepos[os.Repo] && s.value(o) >= 0 && (!set || os.Repo.Priority >= bestPrio) {
					keep = true
					break
				}
			}
			if !keep {
				continue
			}
		}
		out = append(out, id)
	}
	if len(out) == 0 {
		return list
	}
	return out
}

func (s *Solver) pruneToBestArch(list []ID) []ID {
	p := s.pool
	if p.noArch {
		return list
	}
	best := uint32(0)
	for _, id := range list {
		if sc := p.archScore(p.solvables[id]); sc > 1 && (best == 0 || sc < best) {
			best = sc
		}
	}
	if best == 0 {
		return list
	}
	out := list[:0]
	for _, id := range list {
		sc := p.archScore(p.solvables[id])
		if sc == 1 || sc>>16 == best>>16 {
			out = append(out, id)
		}
	}
	return out
}

// nameLess orders by name, then installed first, then repo sub-priority,
// then id, as libsolv's prune_to_best_version does.
func (s *Solver) nameLess(a, b ID) bool {
	p := s.pool
	sa, sb := p.solvables[a], p.solvables[b]
	if sa.nameStr() != sb.nameStr() {
		return sa.nameStr() < sb.nameStr()
	}
	if !p.noArch && sa.arch != sb.arch {
		x, y := p.arch[sa.arch], p.arch[sb.arch]
		if x != y && x > 1 && y > 1 {
			return x < y
		}
	}
	ia, ib := sa.Repo == p.Installed, sb.Repo == p.Installed
	if ia != ib {
		return ia
	}
	if sa.Repo.SubPriority != sb.Repo.SubPriority {
		return sa.Repo.SubPriority > sb.Repo.SubPriority
	}
	return a < b
}

func (s *Solver) pruneToBestVersion(list []ID) []ID {
	p := s.pool
	sort.SliceStable(list, func(i, j int) bool { return s.nameLess(list[i], list[j]) })
	out := list[:0]
	var best ID
	for _, id := range list {
		if best == 0 {
			best = id
			continue
		}
		if p.solvables[best].nameStr() != p.solvables[id].nameStr() {
			out = append(out, best)
			best = id
			continue
		}
		if p.cmpEVR(p.solvables[best].pe(), p.solvables[id].pe()) < 0 {
			best = id
		}
	}
	out = append(out, best)
	if len(out) > 1 && len(out) <= 64 {
		out = s.pruneObsoleted(out)
	}
	if len(out) > 1 && p.Installed != nil {
		s.moveInstalledToFront(out)
	}
	return out
}

// pruneObsoleted drops candidates obsoleted by another candidate of a
// different name (a package split or rename names its successor). As
// libsolv's prune_obsoleted (Tarjan's components over "obsoletes" among
// the candidates), packages that obsolete each other, directly or round a
// cycle, form one group: a group goes only when a candidate outside it
// obsoletes one of its members (mew-bin and mew-beta-bin, which obsolete
// each other, both stay).
func (s *Solver) pruneObsoleted(list []ID) []ID {
	p := s.pool
	edges := make([][]int, len(list))
	any := false
	for i, a := range list {
		as := p.solvables[a]
		for di, d := range as.eachID(kObs) {
			for k, b := range list {
				bs := p.solvables[b]
				if k == i || bs.nameStr() == as.nameStr() {
					continue
				}
				if !p.ObsoleteUsesProvides && !p.matchNEVR(bs, d) {
					continue
				}
				if p.ObsoleteUsesProvides && !contains(p.whatProvidesID(di), b) {
					continue
				}
				edges[i] = append(edges[i], k)
				any = true
			}
		}
	}
	if !any {
		return list
	}
	reaches := func(from, to int) bool {
		seen := make([]bool, len(list))
		stack := []int{from}
		seen[from] = true
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n == to {
				return true
			}
			for _, m := range edges[n] {
				if !seen[m] {
					seen[m] = true
					stack = append(stack, m)
				}
			}
		}
		return false
	}
	dead := make([]bool, len(list))
	for i := range list {
		for _, k := range edges[i] {
			if !dead[k] && !reaches(k, i) {
				dead[k] = true
			}
		}
	}
	out := make([]ID, 0, len(list))
	for i, id := range list {
		if !dead[i] {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return list
	}
	return out
}

func contains(ids []ID, x ID) bool {
	for _, y := range ids {
		if y == x {
			return true
		}
	}
	return false
}

// moveInstalledToFront brings candidates whose name is installed first.
func (s *Solver) moveInstalledToFront(list []ID) {
	p := s.pool
	inst := func(id ID) bool {
		sv := p.solvables[id]
		if sv.Repo == p.Installed {
			return true
		}
		for _, q := range p.sameName(sv) {
			qs := p.solvables[q]
			if qs.nameStr() == sv.nameStr() && qs.Repo == p.Installed {
				return true
			}
		}
		return false
	}
	sort.SliceStable(list, func(i, j int) bool { return inst(list[i]) && !inst(list[j]) })
}

// pruneToRecommended keeps candidates recommended by (or supplementing)
// what is already decided, then those suggested or enhancing.
func (s *Solver) pruneToRecommended(list []ID) []ID {
	p := s.pool
	rec, sug := s.weakMaps()
	for pass := 0; pass < 2; pass++ {
		var out []ID
		nonInst := 0
		for _, id := range list {
			sv := p.solvables[id]
			if sv.Repo == p.Installed {
				out = append(out, id)
				continue
			}
			nonInst++
			if pass == 0 && (rec[id] || s.supplementing(sv)) || pass == 1 && (sug[id] || s.enhancing(sv)) {
				out = append(out, id)
			}
		}
		if nonInst < 2 {
			return list
		}
		if len(out) > 0 && len(out) < len(list) {
			hasNew := false
			for _, id := range out {
				if p.solvables[id].Repo != p.Installed {
					hasNew = true
				}
			}
			if hasNew {
				list = out
			}
		}
	}
	return list
}

// weakMaps returns the packages recommended and suggested by installed
// (decided) packages. The maps grow with the trail and are rebuilt after
// a backjump (libsolv's recommends_index).
func (s *Solver) weakMaps() (rec, sug map[ID]bool) {
	p := s.pool
	if s.recMap == nil || s.recGen != s.backjumps || s.recIndex > len(s.trail) {
		s.recMap, s.sugMap, s.recIndex, s.recGen = map[ID]bool{}, map[ID]bool{}, 0, s.backjumps
	}
	rec, sug = s.recMap, s.sugMap
	for ; s.recIndex < len(s.trail); s.recIndex++ {
		l := s.trail[s.recIndex]
		if l <= 0 {
			continue
		}
		sv := p.solvables[l]
		for _, d := range sv.each(kRec) {
			for _, q := range s.depProviders(d) {
				rec[q] = true
			}
		}
		for _, d := range sv.each(kSug) {
			for _, q := range s.depProviders(d) {
				sug[q] = true
			}
		}
	}
	return rec, sug
}

func (s *Solver) depProviders(d Dep) []ID {
	if d.Rich != nil {
		var out []ID
		for _, a := range d.Rich.atoms(nil) {
			out = append(out, s.pool.WhatProvides(a)...)
		}
		return out
	}
	return s.pool.WhatProvides(d)
}

func (s *Solver) depTrue(d Dep) bool {
	if d.Rich != nil {
		return s.evalRich(d.Rich)
	}
	for _, q := range s.pool.WhatProvides(d) {
		if s.val[q] > 0 {
			return true
		}
	}
	return false
}

func (s *Solver) supplementing(sv *solv) bool {
	for _, d := range sv.each(kSup) {
		if s.depTrue(d) {
			return true
		}
	}
	return false
}

func (s *Solver) enhancing(sv *solv) bool {
	for _, d := range sv.each(kEnh) {
		if s.depTrue(d) {
			return true
		}
	}
	return false
}

// dislikeOldVersions moves candidates that have a newer installable
// version of the same name to the end.
func (s *Solver) dislikeOldVersions(list []ID) {
	p := s.pool
	old := func(id ID) bool {
		sv := p.solvables[id]
		if sv.Repo == p.Installed {
			return false
		}
		for _, q := range p.sameName(sv) {
			qs := p.solvables[q]
			if q != id && qs.nameStr() == sv.nameStr() && qs.Repo != p.Installed && p.Installable(q) && p.cmpEVR(qs.pe(), sv.pe()) > 0 {
				return true
			}
		}
		return false
	}
	sort.SliceStable(list, func(i, j int) bool { return !old(list[i]) && old(list[j]) })
}

// sortByProvidedVersion prefers, for an unversioned dependency, the
// candidate providing the highest version of it.
func (s *Solver) sortByProvidedVersion(list []ID, name string) {
	p := s.pool
	type pv struct {
		op  uint8
		evr parsedEVR
		ok  bool
	}
	get := func(id ID) pv {
		var best pv
		for _, d := range p.solvables[id].each(kProv) {
			if d.Rich != nil || d.Name != name || d.Op == 0 {
				continue
			}
			e := p.parsed(d.EVR)
			if !best.ok || p.cmpEVR(e, best.evr) > 0 {
				best = pv{op: uint8(d.Op), evr: e, ok: true}
			}
		}
		return best
	}
	vals := make(map[ID]pv, len(list))
	for _, id := range list {
		vals[id] = get(id)
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := vals[list[i]], vals[list[j]]
		if !a.ok || !b.ok {
			return false
		}
		if c := p.cmpEVR(a.evr, b.evr); c != 0 {
			return c > 0
		}
		return a.op&uint8(OpEqual) != 0 && b.op&uint8(OpEqual) == 0
	})
}
