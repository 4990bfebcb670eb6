package solver

import "slices"

// addUpdateRules adds, per installed package, the update rule (stay or be
// replaced within the update policy) and the feature rule (the same,
// ignoring the policy) when the two differ.
func (s *Solver) addUpdateRules() {
	p := s.pool
	if p.Installed == nil {
		return
	}
	for _, i := range p.Installed.Solvables {
		if p.solvables[i].disabled {
			// a disabled installed package cannot change: keep it
			s.updateRule[i] = s.addRule(rule{lits: []Lit{i}, class: RuleUpdate, pkg: i})
			continue
		}
		mode := 0
		if s.dupInvolved[i] {
			mode = 2
		}
		cands := s.updateCandidates(i, mode)
		all := s.updateCandidates(i, 1)
		weak := s.weakUpdate[i]
		orphan, isOrphan := false, false
		if s.dupInvolved[i] {
			orphan = true
			for _, c := range all {
				if s.dupRepos[p.solvables[c].Repo] {
					orphan = false
					break
				}
			}
			isOrphan = orphan
			if s.Flags.KeepOrphans {
				orphan = false
			}
		}
		if !s.dupInvolved[i] {
			// libsolv: multiversion candidates do not update a package (they go
			// beside it); the rules keep only the others, and the installed-
			// packages step installs the best multiversion one on an update
			if kept, dropped := s.dropMultiversion(i, cands); dropped {
				if s.inUpdate[i] {
					s.mvUpdaters[i] = cands
				}
				cands = kept
			}
			all, _ = s.dropMultiversion(i, all)
		}
		lits := append([]Lit{i}, cands...)
		if s.multiversion[i] && s.dupInvolved[i] && s.Flags.KeepOrphans {
			lits = []Lit{i} // keeporphans keeps an old multiversion package
		}
		ur := s.addRule(rule{lits: lits, class: RuleUpdate, pkg: i, weak: weak || orphan,
			orphan: s.dupAll && (isOrphan || s.multiversion[i] && s.dupInvolved[i])})
		s.updateRule[i] = ur
		if !sameIDs(lits[1:], all) {
			s.featureRule[i] = s.addRule(rule{lits: append([]Lit{i}, all...), class: RuleFeature, pkg: i, weak: weak || orphan})
		}
		if s.noUpdate[i] {
			s.rules[ur].disabled = true
			if fr := s.featureRuleOf(i); fr >= 0 {
				s.rules[fr].disabled = true
			}
		}
	}
}

// dropMultiversion returns cands without the multiversion packages that
// would not replace installed package i (libsolv's solver_addpkgupdaterule:
// one of the same name, version and arch stays; with keepexplicitobsoletes
// one of another name stays, assumed to obsolete i), and whether it left any
// out.
func (s *Solver) dropMultiversion(i ID, cands []ID) ([]ID, bool) {
	p := s.pool
	is := p.solvables[i]
	var kept []ID
	dropped := false
	for _, c := range cands {
		if s.multiversion[c] {
			cs := p.solvables[c]
			keep := s.Flags.KeepExplicitObsoletes && cs.nameStr() != is.nameStr() ||
				cs.nameStr() == is.nameStr() && cs.evrStr() == is.evrStr() && cs.archStr() == is.archStr()
			if !keep {
				dropped = true
				continue
			}
		}
		kept = append(kept, c)
	}
	if !dropped {
		return cands, false
	}
	return kept, true
}

func sameIDs(a, b []ID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// addDupRules: an installed package involved in a distupgrade must go
// unless the target repositories carry an identical package; packages of
// other repositories may not replace it.
func (s *Solver) addDupRules() {
	p := s.pool
	if !s.hasDup || p.Installed == nil {
		return
	}
	for _, i := range p.Installed.Solvables {
		if !s.dupInvolved[i] || s.noUpdate[i] || p.solvables[i].disabled {
			continue
		}
		if t := s.targets[i]; len(t) > 0 {
			s.targetRule[i] = s.addRule(rule{lits: append([]Lit(nil), t...), class: RuleDup, pkg: i})
			continue
		}
		if s.multiversion[i] {
			var lits []Lit
			for _, c := range s.updateCandidates(i, 2) {
				if s.dupRepos[p.solvables[c].Repo] {
					lits = append(lits, c)
				}
			}
			identical := false
			for _, c := range lits {
				if cs := p.solvables[c]; cs.evrStr() == p.solvables[i].evrStr() && cs.archStr() == p.solvables[i].archStr() {
					identical = true
				}
			}
			if !identical && len(lits) > 0 {
				s.addRule(rule{lits: append([]Lit{-i}, lits...), class: RuleDup, pkg: i})
			}
			continue
		}
		is := p.solvables[i]
		identical, hasCand := false, false
		// an installed package stays only if a repository of the best
		// priority among its candidates carries it identically
		bestPrio, set := 0, false
		for _, q := range p.sameName(is) {
			qs := p.solvables[q]
			if q != i && s.dupRepos[qs.Repo] && p.Installable(q) && qs.nameStr() == is.nameStr() && (!set || qs.Repo.Priority > bestPrio) {
				bestPrio, set = qs.Repo.Priority, true
			}
		}
		for _, q := range p.sameName(is) {
			qs := p.solvables[q]
			if q == i || !s.dupRepos[qs.Repo] || !p.Installable(q) {
				continue
			}
			if qs.nameStr() == is.nameStr() {
				hasCand = true
				if qs.evrStr() == is.evrStr() && sameContent(qs, is) && qs.Repo.Priority == bestPrio {
					identical = true
				}
			}
		}
		for _, q := range s.obsoleters[i] {
			if s.dupRepos[p.solvables[q].Repo] {
				hasCand = true
			}
		}
		if identical {
			continue
		}
		if !hasCand {
			continue // an orphan: kept if possible (its update rule is weak unless keeporphans)
		}
		s.addRule(rule{lits: []Lit{-i}, class: RuleDup, pkg: i})
	}
	if s.dupAll {
		return
	}
	// packages from repos outside the distupgrade may not replace
	// involved installed packages
	for id := 1; id <= p.Len(); id++ {
		sv := p.solvables[id]
		if !s.considered[id] || sv.Repo == p.Installed || s.dupRepos[sv.Repo] {
			continue
		}
		for _, i := range s.installedReplacedBy(ID(id)) {
			if s.dupInvolved[i] {
				s.addRule(rule{lits: []Lit{-ID(id)}, class: RuleDup, pkg: ID(id)})
				break
			}
		}
	}
}

// addInfarchRules is libsolv's solver_addinfarchrules. Per name, the best
// architecture is the best of the candidates that are not installed; a
// package of another architecture class is bad unless an installed package
// of the name keeps its class allowed. Without implicitobsoleteusescolors a
// bad package cannot be installed. With it (multilib lockstep, what dnf
// sets) a bad package needs a package of the same version in the best class
// (or noarch); an installed inferior package whose lockstep twin is
// installed is bound the same way, so the inferior arch of a lockstep pair
// follows the best arch, and an installed inferior package without an
// installed twin keeps its arch allowed. With strict repo priorities the
// packages of lower-priority repos are not installable either.
func (s *Solver) addInfarchRules() {
	p := s.pool
	byName := map[int32][]ID{}
	var names []int32
	for id := 1; id <= p.Len(); id++ {
		sv := p.solvables[id]
		if !s.considered[id] || sv.Repo != p.Installed && !p.Installable(ID(id)) {
			continue
		}
		if byName[sv.name] == nil {
			names = append(names, sv.name)
		}
		byName[sv.name] = append(byName[sv.name], ID(id))
	}
	for _, name := range names {
		ids := byName[name]
		if s.Flags.StrictRepoPriority {
			s.addStrictPriorityRules(ids)
		}
		if p.noArch || len(ids) < 2 || s.setArchNames[name] {
			continue
		}
		s.addArchRules(ids)
	}
}

// addStrictPriorityRules: with strict repo priorities only the packages of
// a name's highest-priority repo are installable.
func (s *Solver) addStrictPriorityRules(ids []ID) {
	p := s.pool
	var avail []ID
	for _, q := range ids {
		if p.solvables[q].Repo != p.Installed {
			avail = append(avail, q)
		}
	}
	if len(avail) == 0 {
		return
	}
	bp := p.solvables[avail[0]].Repo.Priority
	for _, q := range avail {
		bp = max(bp, p.solvables[q].Repo.Priority)
	}
	for _, q := range avail {
		if p.solvables[q].Repo.Priority < bp && !s.explicit[q] {
			s.addRule(rule{lits: []Lit{-q}, class: RuleInfarch, pkg: q})
		}
	}
}

// addArchRules adds the arch rules of the packages ids of one name.
func (s *Solver) addArchRules(ids []ID) {
	p := s.pool
	colours := p.ImplicitObsoleteUsesColors
	sameClass := func(a, b uint32) bool { return a>>16 == b>>16 }
	var best uint32
	var bestArch int32
	var allowed []int32
	for _, q := range ids {
		qs := p.solvables[q]
		sc := p.archScore(qs)
		if sc != 1 && qs.Repo == p.Installed {
			if !s.dupInvolved[q] && !slices.Contains(allowed, qs.arch) {
				allowed = append(allowed, qs.arch)
			}
			continue
		}
		if sc > 1 && (best == 0 || sc < best) {
			best, bestArch = sc, qs.arch
		}
	}
	if best == 0 {
		return
	}
	if len(allowed) == 1 && allowed[0] == bestArch {
		allowed = nil
	}
	// twins lists the packages of q's version in the best class or noarch.
	twins := func(q ID) (out []ID, installed bool) {
		qs := p.solvables[q]
		for _, o := range ids {
			os := p.solvables[o]
			if o == q || os.arch == qs.arch || os.evrStr() != qs.evrStr() {
				continue
			}
			if a := p.archScore(os); a == 1 || a > 1 && sameClass(a, best) {
				out = append(out, o)
				installed = installed || os.Repo == p.Installed
			}
		}
		return out, installed
	}
	if len(allowed) > 0 && colours && p.Installed != nil {
		allowed = allowed[:0]
		for _, q := range ids {
			qs := p.solvables[q]
			if qs.Repo != p.Installed || s.dupInvolved[q] {
				continue
			}
			a := p.archScore(qs)
			if a == 0 {
				if !slices.Contains(allowed, qs.arch) {
					allowed = append(allowed, qs.arch)
				}
				continue
			}
			if a == 1 || sameClass(a, best) {
				continue
			}
			if t, _ := twins(q); len(t) == 0 && !slices.Contains(allowed, qs.arch) {
				allowed = append(allowed, qs.arch)
			}
		}
	}
	for _, q := range ids {
		qs := p.solvables[q]
		a := p.archScore(qs)
		if a == 1 || sameClass(a, best) {
			continue
		}
		if qs.Repo == p.Installed {
			if !colours {
				continue
			}
		} else if slices.ContainsFunc(allowed, func(aa int32) bool {
			return aa == qs.arch || p.arch[aa] != 0 && sameClass(p.arch[aa], a)
		}) {
			continue
		}
		lits := []Lit{-q}
		if colours {
			t, inst := twins(q)
			if qs.Repo == p.Installed && !inst {
				continue
			}
			lits = append(lits, t...)
		}
		s.addRule(rule{lits: lits, class: RuleInfarch, pkg: q})
	}
}

// addBestRules: forcebest jobs may only use the best candidates.
func (s *Solver) addBestRules() {
	p := s.pool
	locked := s.lockedOut()
	for i := range s.jobs {
		j := &s.jobs[i]
		if j.Kind != JobInstall || j.Flags&JobForceBest == 0 {
			continue
		}
		var cands []ID
		for _, c := range s.selection(j) {
			if !locked[c] && p.Installable(c) {
				cands = append(cands, c)
			}
		}
		best := s.pruneBest(cands)
		if len(best) > 0 && len(best) < len(cands) {
			s.addRule(rule{lits: best, class: RuleBest, job: int32(i)})
		}
	}
	if p.Installed == nil {
		return
	}
	for _, i := range p.Installed.Solvables {
		if _, ok := s.bestOf[i]; !ok || s.noUpdate[i] {
			continue
		}
		var cands []ID
		if t := s.targets[i]; len(t) > 0 {
			cands = append(cands, t...)
		} else {
			mode := 1
			if s.Flags.BestObeyPolicy && !s.dupInvolved[i] {
				mode = 0
			}
			cands = s.updateCandidates(i, mode)
		}
		var ok []ID
		for _, c := range cands {
			if !locked[c] && p.Installable(c) {
				ok = append(ok, c)
			}
		}
		if len(ok) == 0 {
			continue
		}
		best := s.pruneBest(append(ok, i))
		if len(best) == 1 && best[0] == i {
			continue
		}
		s.bestOf[i] = best
		s.addRule(rule{lits: best, class: RuleBest, pkg: i})
	}
}

// lockedOut lists the packages a lock job keeps from being installed.
func (s *Solver) lockedOut() map[ID]bool {
	out := map[ID]bool{}
	for i := range s.jobs {
		j := &s.jobs[i]
		if j.Kind != JobLock {
			continue
		}
		for _, c := range s.selection(j) {
			if !s.pool.isInstalled(c) {
				out[c] = true
			}
		}
	}
	return out
}

// addYumobsRules: with yum's obsoletes behaviour, every package that
// obsoletes an installed package is installed together with the others.
func (s *Solver) addYumobsRules() {
	p := s.pool
	if !s.Flags.YumObsoletes || p.Installed == nil {
		return
	}
	for _, i := range p.Installed.Solvables {
		obs := s.obsoleters[i]
		byName := map[string][]ID{}
		var names []string
		for _, q := range obs {
			n := p.solvables[q].nameStr()
			if byName[n] == nil {
				names = append(names, n)
			}
			byName[n] = append(byName[n], q)
		}
		if len(names) < 2 {
			continue
		}
		for _, q := range obs {
			for _, n := range names {
				if n == p.solvables[q].nameStr() {
					continue
				}
				s.addRule(rule{lits: append([]Lit{-q}, byName[n]...), class: RuleYumobs, pkg: q, other: i})
			}
		}
	}
}

// addRecommendsRules turns Recommends into weak rules with strongrecommends.
func (s *Solver) addRecommendsRules() {
	p := s.pool
	if !s.Flags.StrongRecommends || s.Flags.IgnoreRecommended {
		return
	}
	for id := 1; id <= p.Len(); id++ {
		sv := p.solvables[id]
		if !s.considered[id] || sv.Repo == p.Installed || !p.Installable(ID(id)) {
			continue
		}
		for di, d := range sv.eachID(kRec) {
			if d.Rich != nil {
				continue
			}
			lits := []Lit{-ID(id)}
			for _, q := range p.whatProvidesID(di) {
				if s.favorOf(q) >= 0 && !s.excludeWeak[q] {
					lits = append(lits, q)
				}
			}
			if len(lits) > 1 {
				s.addRule(rule{lits: lits, class: RuleRecommends, pkg: ID(id), dep: di, weak: true})
			}
		}
	}
}
