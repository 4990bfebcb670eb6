package solver

// The CDCL core: two watched literals per rule, unit propagation, first-UIP
// conflict analysis with learnt rules and non-chronological backjumping.
// Decisions themselves come from the policy in decide.go.

func litIdx(l Lit) int {
	if l < 0 {
		return int(-l)<<1 | 1
	}
	return int(l) << 1
}

// value is 1 when l is true, -1 when false, 0 when undecided.
func (s *Solver) value(l Lit) int8 {
	if l < 0 {
		return -s.val[-l]
	}
	return s.val[l]
}

func (s *Solver) level() int32 { return int32(len(s.trailLim)) }

func (s *Solver) assign(l Lit, reason int32) {
	v := abs(l)
	if l > 0 {
		s.val[v] = 1
	} else {
		s.val[v] = -1
	}
	s.lvl[v] = s.level()
	s.reason[v] = reason
	s.trail = append(s.trail, l)
}

// reset clears the assignment, drops learnt rules, rebuilds the watches
// and asserts the unit rules at level 0. It returns a conflicting rule or -1.
func (s *Solver) reset() int32 {
	if s.nLearnt > 0 {
		k := len(s.rules)
		for k > 0 && s.rules[k-1].class == RuleLearnt {
			k--
			// learnt rules come last, and so do their aux lists
			if a := s.rules[k].aux; a > 0 && int(a) <= len(s.auxData) {
				s.auxData = s.auxData[:a-1]
			}
		}
		s.rules = s.rules[:k]
		s.nLearnt = 0
	}
	for i := range s.val {
		s.val[i] = 0
	}
	s.backjumps++
	s.branches = s.branches[:0]
	s.trail = s.trail[:0]
	s.trailLim = s.trailLim[:0]
	s.qhead = 0
	n := 2*len(s.val) + 2
	s.whead = resetInt32s(s.whead, n)
	s.wtail = resetInt32s(s.wtail, n)
	s.wnext = resetInt32s(s.wnext, 2*len(s.rules))
	for ri := range s.rules {
		r := &s.rules[ri]
		if r.disabled {
			continue
		}
		switch len(r.lits) {
		case 0:
			return int32(ri)
		case 1:
			switch s.value(r.lits[0]) {
			case 0:
				s.assign(r.lits[0], int32(ri))
			case -1:
				return int32(ri)
			}
		default:
			s.watch(int32(ri), 0)
			s.watch(int32(ri), 1)
		}
	}
	return s.propagate()
}

// resetInt32s returns a of length n, every element -1.
func resetInt32s(a []int32, n int) []int32 {
	if cap(a) < n {
		a = make([]int32, n)
	}
	a = a[:n]
	for i := range a {
		a[i] = -1
	}
	return a
}

// watch appends rule ri to the watch list of its literal lits[k].
func (s *Solver) watch(ri int32, k int) {
	if need := 2*int(ri) + 2; len(s.wnext) < need {
		for len(s.wnext) < need {
			s.wnext = append(s.wnext, -1)
		}
	}
	wi := litIdx(s.rules[ri].lits[k])
	s.wnext[2*ri+int32(k)] = -1
	if t := s.wtail[wi]; t >= 0 {
		s.wnext[s.nextSlot(t, s.rules[ri].lits[k])] = ri
	} else {
		s.whead[wi] = ri
	}
	s.wtail[wi] = ri
}

// nextSlot is the index in wnext of rule ri's link in the list of l (one
// of its two watched literals).
func (s *Solver) nextSlot(ri int32, l Lit) int32 {
	if s.rules[ri].lits[0] == l {
		return 2 * ri
	}
	return 2*ri + 1
}

// propagate runs unit propagation and returns a conflicting rule or -1.
// It visits each watch list in order: a rule that stays keeps its place,
// a rule that moves to another literal goes to the end of that list.
func (s *Solver) propagate() int32 {
	for s.qhead < len(s.trail) {
		falseLit := -s.trail[s.qhead]
		s.qhead++
		wi := litIdx(falseLit)
		prev := int32(-1) // the last rule kept in the list
		for ri := s.whead[wi]; ri >= 0; {
			r := &s.rules[ri]
			lits := r.lits
			next := s.wnext[s.nextSlot(ri, falseLit)]
			if r.disabled {
				prev, ri = ri, next
				continue
			}
			if lits[0] == falseLit {
				lits[0], lits[1] = lits[1], lits[0]
				s.wnext[2*ri], s.wnext[2*ri+1] = s.wnext[2*ri+1], s.wnext[2*ri]
			}
			if s.value(lits[0]) > 0 {
				prev, ri = ri, next
				continue
			}
			moved := false
			for k := 2; k < len(lits); k++ {
				if s.value(lits[k]) >= 0 {
					// unlink from falseLit's list, then watch lits[k]
					if prev >= 0 {
						s.wnext[s.nextSlot(prev, falseLit)] = next
					} else {
						s.whead[wi] = next
					}
					if s.wtail[wi] == ri {
						s.wtail[wi] = prev
					}
					lits[1], lits[k] = lits[k], lits[1]
					s.watch(ri, 1)
					moved = true
					break
				}
			}
			if moved {
				ri = next
				continue
			}
			if s.value(lits[0]) < 0 {
				return ri
			}
			s.assign(lits[0], ri)
			prev, ri = ri, next
		}
	}
	return -1
}

// backjump undoes every assignment above level lv.
func (s *Solver) backjump(lv int32) {
	if s.level() <= lv {
		return
	}
	s.backjumps++
	s.dropBranches(lv)
	start := s.trailLim[lv]
	for k := len(s.trail) - 1; k >= start; k-- {
		s.val[abs(s.trail[k])] = 0
	}
	s.trail = s.trail[:start]
	s.trailLim = s.trailLim[:lv]
	s.qhead = len(s.trail)
}

// analyze derives a learnt rule from a conflict at the current level
// (first UIP) and returns its literals (asserting literal first), the
// level to jump back to and the rules it was derived from.
func (s *Solver) analyze(confl int32) ([]Lit, int32, []int32) {
	seen := make(map[ID]bool)
	learnt := []Lit{0}
	var why []int32
	cur := s.level()
	pathC := 0
	var p Lit
	idx := len(s.trail) - 1
	r := confl
	for {
		why = append(why, r)
		for _, q := range s.rules[r].lits {
			if p != 0 && q == p {
				continue
			}
			v := abs(q)
			if seen[v] || s.lvl[v] == 0 {
				continue
			}
			seen[v] = true
			if s.lvl[v] >= cur {
				pathC++
			} else {
				learnt = append(learnt, q)
			}
		}
		for !seen[abs(s.trail[idx])] {
			idx--
		}
		p = s.trail[idx]
		idx--
		seen[abs(p)] = false
		pathC--
		if pathC <= 0 {
			break
		}
		r = s.reason[abs(p)]
	}
	learnt[0] = -p
	bj := int32(0)
	for i := 1; i < len(learnt); i++ {
		if l := s.lvl[abs(learnt[i])]; l > bj {
			bj = l
			learnt[1], learnt[i] = learnt[i], learnt[1]
		}
	}
	return learnt, bj, why
}

// decide makes l true at a new level and propagates, learning from
// conflicts. It returns -1, or a rule that conflicts at level 0.
func (s *Solver) decide(l Lit) int32 {
	s.decisions++
	s.trailLim = append(s.trailLim, len(s.trail))
	s.assign(l, -1)
	return s.propagateLearn()
}

func (s *Solver) propagateLearn() int32 {
	for {
		confl := s.propagate()
		if confl < 0 {
			return -1
		}
		s.conflicts++
		if s.level() == 0 {
			return confl
		}
		learnt, bj, why := s.analyze(confl)
		s.backjump(bj)
		ri := int32(len(s.rules))
		s.appendRule(rule{lits: learnt, class: RuleLearnt, aux: s.newAux(why)})
		s.nLearnt++
		if len(learnt) > 1 {
			s.watch(ri, 0)
			s.watch(ri, 1)
		}
		s.assign(learnt[0], ri)
	}
}
