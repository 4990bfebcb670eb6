package solver

import (
	"fmt"
	"slices"
	"sort"
)

// run is the solver's outer loop: solve; when a conflict reaches level 0,
// find the requests behind it, drop them (recording a problem unless they
// were weak) and start over.
func (s *Solver) run() error {
	s.buildHeadRules()
	limit := len(s.rules) + 64
	for s.restarts = 0; s.restarts <= limit; s.restarts++ {
		s.reqPos, s.optPos = 0, 0
		s.postponed = 0
		clear(s.triedWeak)
		if confl := s.reset(); confl >= 0 {
			if err := s.unsolvable(confl); err != nil {
				return err
			}
			continue
		}
		confl := s.mainLoop()
		if confl >= 0 {
			if err := s.unsolvable(confl); err != nil {
				return err
			}
			continue
		}
		if s.dropFailedChoiceRules() {
			continue
		}
		return nil
	}
	return fmt.Errorf("solver gave up after %d restarts", s.restarts)
}

func (s *Solver) buildHeadRules() {
	s.jobIdx = s.jobIdx[:0]
	s.reqRules = s.reqRules[:0]
	s.reqCursor = 0
	s.pend, s.pendList = nil, nil
	// the positions in reqRules of each package's requirements, in CSR form
	// over package ids (headStart[p]:headStart[p+1] in headPosData)
	n := len(s.val)
	start := s.headStart[:0]
	start = slices.Grow(start, n+1)[:n+1]
	clear(start)
	for ri := range s.rules {
		r := &s.rules[ri]
		if (r.class == RuleJob || r.class == RuleBest && r.pkg == 0) && len(r.lits) > 1 {
			s.jobIdx = append(s.jobIdx, int32(ri))
		}
		if (r.class == RulePkg && r.kind == kindRequires || r.class == RuleRecommends) && len(r.lits) > 1 && r.lits[0] < 0 {
			if h := -r.lits[0]; int(h) < n {
				start[h+1]++
				s.reqRules = append(s.reqRules, int32(ri))
			}
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	data := slices.Grow(s.headPosData[:0], len(s.reqRules))[:len(s.reqRules)]
	for pos, ri := range s.reqRules {
		h := -s.rules[ri].lits[0]
		data[start[h]] = int32(pos)
		start[h]++
	}
	copy(start[1:], start[:n])
	start[0] = 0
	s.headStart, s.headPosData = start, data
}

// headPos is the positions in reqRules of package p's requirements.
func (s *Solver) headPos(p ID) []int32 {
	if int(p)+1 >= len(s.headStart) {
		return nil
	}
	return s.headPosData[s.headStart[p]:s.headStart[p+1]]
}

// mainLoop decides until every rule is satisfied; it returns -1 or a rule
// conflicting at level 0.
func (s *Solver) mainLoop() int32 {
	for {
		cands, mode, dep := s.nextDecision()
		if cands == nil && s.optPos < len(s.optional) {
			c := s.optional[s.optPos]
			s.optPos++
			if s.val[c] == 0 {
				cands = []ID{c}
			} else {
				continue
			}
		}
		if cands == nil {
			n, confl := s.weakPass()
			if confl >= 0 {
				return confl
			}
			if n == 0 {
				took, confl := s.minimize()
				if confl >= 0 {
					return confl
				}
				if !took {
					return -1
				}
				// the backjump undid the requirements and weak jobs
				// decided after the branch: look at them all again
				s.reqPos, s.optPos = 0, 0
			}
			s.postponed = 0
			continue
		}
		pick, alts := s.pick(cands, mode, dep)
		lv := s.level()
		s.addBranch(lv, alts)
		if confl := s.decide(pick); confl >= 0 {
			return confl
		}
		if s.level() <= lv || int(s.reqPos) > len(s.trail) {
			s.reqPos = 0 // a backjump: earlier requirements may be open again
		}
	}
}

// pick chooses among candidates: an installed package that a job already
// accepts is kept (dnf: "already installed"), otherwise the policy decides.
// It returns the pick and, when the policy left a choice, the candidates
// in its order (the pick first) for the branch record.
func (s *Solver) pick(cands []ID, mode int, dep *Dep) (ID, []ID) {
	if mode == modeJob {
		for _, c := range cands {
			if s.pool.isInstalled(c) && !s.inUpdate[c] && !s.dupInvolved[c] {
				return c, nil
			}
		}
		mode = modeChoose
	}
	f := s.filter(cands, mode, dep)
	return f[0], f
}

// nextDecision returns the candidates of the first open item, in libsolv's
// order: job rules, installed packages (updates first, then keeping the
// rest), then unresolved requirements. focusinstalled and focusbest move
// the installed packages first or last.
func (s *Solver) nextDecision() ([]ID, int, *Dep) {
	order := [3]int{0, 1, 2}
	if s.Flags.FocusInstalled {
		order = [3]int{1, 0, 2}
	} else if s.Flags.FocusBest {
		order = [3]int{0, 2, 1}
	}
	for _, step := range order {
		var c []ID
		var mode int
		var dep *Dep
		switch step {
		case 0:
			c = s.openJob()
			mode = modeJob
		case 1:
			c = s.openInstalled()
			mode = modeUpdate
		case 2:
			c, dep = s.openRequires()
		}
		if c != nil {
			if step != 2 {
				s.postponed = 0 // libsolv enters resolve_dependencies' rule loop afresh
			}
			return c, mode, dep
		}
	}
	return nil, 0, nil
}

func (s *Solver) openJob() []ID {
	for _, ri := range s.jobIdx {
		r := &s.rules[ri]
		if r.disabled {
			continue
		}
		if c := s.undecidedIfOpen(r.lits); c != nil {
			return c
		}
	}
	return nil
}

// undecidedIfOpen returns the undecided positive literals of an
// unsatisfied rule (nil when satisfied or nothing is left to choose).
func (s *Solver) undecidedIfOpen(lits []Lit) []ID {
	var c []ID
	for _, l := range lits {
		switch v := s.value(l); {
		case v > 0:
			return nil
		case v == 0 && l > 0:
			c = append(c, l)
		}
	}
	return c
}

func (s *Solver) activeUpdateRule(i ID) *rule {
	if ri := s.updateRuleOf(i); ri >= 0 && !s.rules[ri].disabled {
		return &s.rules[ri]
	}
	if ri := s.featureRuleOf(i); ri >= 0 && !s.rules[ri].disabled {
		return &s.rules[ri]
	}
	return nil
}

// targetRuleDisabled reports whether the rule binding installed package i
// to its distupgrade targets was dropped by a problem.
func (s *Solver) targetRuleDisabled(i ID) bool {
	ri, ok := s.targetRule[i]
	return ok && s.rules[ri].disabled
}

func (s *Solver) openInstalled() []ID {
	p := s.pool
	if p.Installed == nil {
		return nil
	}
	for _, i := range p.Installed.Solvables {
		if !(s.inUpdate[i] || s.dupInvolved[i]) || s.noUpdate[i] {
			continue
		}
		if ups := s.mvUpdaters[i]; len(ups) > 0 {
			if c := s.openMultiversionUpdate(i, ups); c != nil {
				return c
			}
		}
		if best := s.bestOf[i]; len(best) > 0 {
			if c := s.undecidedIfOpen(best); c != nil {
				return c
			}
		}
		if t := s.targets[i]; len(t) > 0 && !s.targetRuleDisabled(i) {
			if c := s.undecidedIfOpen(t); c != nil {
				return c
			}
			continue
		}
		if r := s.activeUpdateRule(i); r != nil {
			if c := s.undecidedIfOpen(r.lits); c != nil {
				return c
			}
		} else if s.dupInvolved[i] {
			if c := s.undecidedIfOpen(append([]Lit{i}, s.updateCandidates(i, 2)...)); c != nil {
				return c
			}
		}
		if s.multiversion[i] && s.val[i] == 0 {
			return []ID{i} // an old multiversion package stays beside its update
		}
	}
	for _, i := range p.Installed.Solvables {
		switch s.val[i] {
		case 0:
			return []ID{i}
		case -1:
			if r := s.activeUpdateRule(i); r != nil {
				if c := s.undecidedIfOpen(r.lits); c != nil {
					return c
				}
			}
		}
	}
	return nil
}

// openMultiversionUpdate is libsolv's special multiversion handling of an
// installed package to be updated: among the package itself and its
// multiversion update candidates not ruled out, the policy's best is
// installed beside it, unless that is the package itself or already decided.
func (s *Solver) openMultiversionUpdate(i ID, ups []ID) []ID {
	var dq []ID
	if s.val[i] >= 0 {
		dq = append(dq, i)
	}
	for _, c := range ups {
		if s.val[c] >= 0 {
			dq = append(dq, c)
		}
	}
	if t := s.targets[i]; len(t) > 0 && len(dq) > 0 {
		var in []ID
		for _, c := range dq {
			for _, x := range t {
				if x == c {
					in = append(in, c)
					break
				}
			}
		}
		dq = in
	}
	if len(dq) == 0 {
		return nil
	}
	if best := s.filter(dq, modeChoose, nil)[0]; best != i && s.val[best] == 0 {
		return []ID{best}
	}
	return nil
}

// openRequires finds a requirement of a decided package that no decided
// package meets yet. Like libsolv it goes through the requires rules in
// rule order, round from where it found the last one; only rules whose
// package became installed since they were last seen satisfied can be
// open, so it keeps those pending instead of scanning every rule.
func (s *Solver) openRequires() ([]ID, *Dep) {
	if s.pendGen != s.backjumps || s.pend == nil {
		// after a backjump satisfied rules may be open again: start over
		s.pend = make([]bool, len(s.reqRules))
		s.pendList = s.pendList[:0]
		s.reqPos = 0
		s.pendGen = s.backjumps
	}
	for ; int(s.reqPos) < len(s.trail); s.reqPos++ {
		if l := s.trail[s.reqPos]; l > 0 {
			for _, pos := range s.headPos(l) {
				if !s.pend[pos] {
					s.pend[pos] = true
					s.pendList = append(s.pendList, int(pos))
				}
			}
		}
	}
	if len(s.pendList) == 0 {
		return nil, nil
	}
	sort.Ints(s.pendList)
	start := sort.SearchInts(s.pendList, s.reqCursor)
	n := len(s.pendList)
	keep := s.pendKeep[:0] // a buffer of its own: pendList is read meanwhile
	var found []ID
	var dep *Dep
	for k := 0; k < n; k++ {
		pos := s.pendList[(start+k)%n]
		if found != nil {
			keep = append(keep, pos)
			continue
		}
		r := &s.rules[s.reqRules[pos]]
		h := r.pkg
		if r.disabled || s.val[h] <= 0 {
			s.pend[pos] = false
			continue
		}
		var c []ID
		sat := false
		for _, x := range r.lits {
			if x == -h {
				continue
			}
			v := s.value(x)
			if v > 0 || x < 0 && v == 0 {
				sat = true
				break
			}
			if v == 0 {
				c = append(c, x)
			}
		}
		if sat || len(c) == 0 {
			s.pend[pos] = false
			continue
		}
		keep = append(keep, pos)
		d := s.pool.dep(r.dep)
		if len(c) > 1 && s.postponed >= 0 && len(s.filter(c, modeChoose, &d)) > 1 {
			// a real choice: put off while requirements the policy
			// settles alone are decided first
			if s.postponed == 0 {
				s.postponed = 1 + pos
			}
			continue
		}
		found, dep = c, &d
		s.reqCursor = pos
	}
	s.pendList = append(s.pendList[:0], keep...)
	s.pendKeep = keep[:0]
	if found == nil && s.postponed > 0 {
		// every open requirement is a choice: decide them in turn from
		// the first one put off, without postponing any more
		s.reqCursor = s.postponed - 1
		s.postponed = -1
		return s.openRequires()
	}
	return found, dep
}

// dropFailedChoiceRules disables choice rules whose avoided package got
// installed anyway; it reports whether the solve must start over.
func (s *Solver) dropFailedChoiceRules() bool {
	bad := map[ID]bool{}
	for ri := range s.rules {
		r := &s.rules[ri]
		if r.class != RuleChoice || r.disabled {
			continue
		}
		for _, d := range s.auxOf(r) {
			if s.val[d] > 0 {
				bad[d] = true
			}
		}
	}
	if len(bad) == 0 {
		return false
	}
	for ri := range s.rules {
		r := &s.rules[ri]
		if r.class != RuleChoice || r.disabled {
			continue
		}
		for _, d := range s.auxOf(r) {
			if bad[d] {
				r.disabled = true
				break
			}
		}
	}
	return true
}
