package solver

// Branches and auto-minimization, as libsolv's solver_run_sat keeps them:
// every decision among several candidates the policy left (a job, an
// update, a requirement, a recommendation with alternatives) records the
// level it was made at and the alternatives. When the solve is complete,
// libsolv looks back at them: an alternative that ended up installed
// anyway at a later level, or, when the chosen package is not recommended,
// an alternative that is recommended or supplementing, replaces the
// earliest choice it applies to (fontconfig-config's "fonts-dejavu-core |
// ... | fonts-urw-base35" takes fonts-urw-base35, which libgs10-common
// brings in later, instead of the first by name), and the solve goes on
// from there.

// branch is one recorded choice: cands[0] was chosen; taken marks the
// candidates already tried (the chosen one and those minimization took).
type branch struct {
	level int32
	cands []ID
	taken []bool
}

// addBranch records a choice among cands (cands[0] is the one about to be
// decided at level lv+1).
func (s *Solver) addBranch(lv int32, cands []ID) {
	if len(cands) < 2 {
		return
	}
	b := branch{level: lv, cands: append([]ID(nil), cands...), taken: make([]bool, len(cands))}
	b.taken[0] = true
	s.branches = append(s.branches, b)
}

// dropBranches forgets the choices undone by a backjump to level lv.
func (s *Solver) dropBranches(lv int32) {
	k := len(s.branches)
	for k > 0 && s.branches[k-1].level >= lv {
		k--
	}
	s.branches = s.branches[:k]
}

// minimize is libsolv's auto-minimization step. It reports whether it
// took a branch (the caller goes on solving) or found nothing to change.
func (s *Solver) minimize() (bool, int32) {
	if len(s.branches) == 0 {
		return false, -1
	}
	rec, _ := s.weakMaps()
	p := s.pool
	wanted := func(q ID) bool { return rec[q] || s.supplementing(p.solvables[q]) }
	lastb, lasti := -1, -1
	for bi := len(s.branches) - 1; bi >= 0; bi-- {
		b := &s.branches[bi]
		lastsi := -1
		for i, q := range b.cands {
			if b.taken[i] {
				continue
			}
			if s.val[q] > 0 && s.lvl[q] > b.level {
				lastb, lasti, lastsi = bi, i, -1
				break
			}
			if lastsi < 0 && wanted(q) {
				lastsi = i
			}
		}
		if lastsi >= 0 {
			for i, q := range b.cands {
				if !b.taken[i] || s.val[q] <= 0 || s.lvl[q] != b.level+1 {
					continue
				}
				if !wanted(q) {
					lastb, lasti = bi, lastsi
					break
				}
			}
		}
	}
	if lastb < 0 {
		return false, -1
	}
	b := s.branches[lastb]
	b.taken[lasti] = true
	// undo everything from the branch's choice on; the branch itself
	// stays, with the new choice marked taken
	s.branches = s.branches[:lastb]
	s.backjump(b.level)
	s.branches = append(s.branches, b)
	clear(s.triedWeak) // weak packages that failed may fit the new choice
	return true, s.decide(b.cands[lasti])
}
