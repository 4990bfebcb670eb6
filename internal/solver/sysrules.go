package solver

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
			if fr := s.featureRule[i]; fr >= 0 {
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

// addInfarchRules: a package of an inferior architecture needs its
// best-architecture sibling of the same version (multilib lockstep); with
// no such sibling it cannot be installed. With strict repo priorities the
// packages of lower-priority repos are not installable either.
func (s *Solver) addInfarchRules() {
	p := s.pool
	byName := map[int32][]ID{}
	for id := 1; id <= p.Len(); id++ {
		sv := p.solvables[id]
		if !s.considered[id] || sv.Repo == p.Installed || !p.Installable(ID(id)) {
			continue
		}
		byName[sv.name] = append(byName[sv.name], ID(id))
	}
	for _, ids := range byName {
		if s.Flags.StrictRepoPriority {
			best := ids[0]
			for _, q := range ids {
				if p.solvables[q].Repo.Priority > p.solvables[best].Repo.Priority {
					best = q
				}
			}
			bp := p.solvables[best].Repo.Priority
			for _, q := range ids {
				if p.solvables[q].Repo.Priority < bp && !s.explicit[q] {
					s.addRule(rule{lits: []Lit{-q}, class: RuleInfarch, pkg: q})
				}
			}
		}
		if p.noArch || len(ids) < 2 || s.setArchNames[p.solvables[ids[0]].name] {
			continue
		}
		best := uint32(0)
		for _, q := range ids {
			if sc := p.archScore(p.solvables[q]); sc > 1 && (best == 0 || sc < best) {
				best = sc
			}
		}
		for _, q := range ids {
			qs := p.solvables[q]
			sc := p.archScore(qs)
			if sc <= 1 || sc == best || best == 0 {
				continue
			}
			lits := []Lit{-q}
			for _, o := range ids {
				os := p.solvables[o]
				if osc := p.archScore(os); osc > 1 && osc < sc && os.evrStr() == qs.evrStr() {
					lits = append(lits, o)
				}
			}
			s.addRule(rule{lits: lits, class: RuleInfarch, pkg: q})
		}
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
				if s.favor[q] >= 0 && !s.excludeWeak[q] {
					lits = append(lits, q)
				}
			}
			if len(lits) > 1 {
				s.addRule(rule{lits: lits, class: RuleRecommends, pkg: ID(id), dep: di, weak: true})
			}
		}
	}
}
