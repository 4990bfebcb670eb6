package solver

import (
	"cmp"
	"slices"
)

// Lit is a literal: +id means "id is installed", -id "id is not".
type Lit = int32

// RuleClass is libsolv's rule class: where a rule comes from and whether
// the solver may drop it to get out of a problem.
type RuleClass uint8

// Rule classes.
const (
	RulePkg        RuleClass = iota // dependencies of a package: never disabled
	RuleJob                         // a job's request
	RuleUpdate                      // an installed package stays or is updated within policy
	RuleFeature                     // the same, ignoring the policy (arch, vendor, downgrade)
	RuleInfarch                     // inferior architectures need their best-arch sibling
	RuleDup                         // distupgrade: packages outside the target repos go
	RuleBest                        // forcebest: only the best candidates
	RuleChoice                      // avoid pulling new packages when an update would do
	RuleYumobs                      // yum's obsoletes: all obsoleters of a package together
	RuleRecommends                  // strong recommends (solverflag strongrecommends)
	RuleLearnt                      // learnt by conflict analysis
)

var ruleClassNames = [...]string{"pkg", "job", "update", "feature", "infarch", "dup", "best", "choice", "yumobs", "recommends", "learnt"}

func (c RuleClass) String() string { return ruleClassNames[c] }

// ruleKind says what a package rule expresses, for problem reports.
type ruleKind uint8

const (
	kindNone ruleKind = iota
	kindRequires
	kindNothingProvides
	kindConflicts
	kindObsoletes
	kindInstalledObsoletes
	kindSameName
	kindNotInstallable
	kindSelfConflict
)

// rule is 72 bytes: the slices first, then the 4-byte fields, then the
// bytes (a Debian install makes tens of thousands of them).
type rule struct {
	lits []Lit
	// aux is, for a learnt rule, the rules it was derived from; for a
	// choice rule, the providers it avoids: s.auxData[aux-1] (0 none), so
	// that a rule is 56 bytes, not 72
	aux      int32
	pkg      ID    // the package the rule is about
	other    ID    // the other package (conflicts, obsoletes)
	dep      int32 // the dependency that made the rule (an id of the pool's table; 0 none)
	job      int32 // job index for job rules
	class    RuleClass
	kind     ruleKind
	disabled bool
	weak     bool
	orphan   bool // keeps an orphan of a distupgrade: the first weak rule to go
}

// newAux stores a rule's aux list and returns its rule.aux.
func (s *Solver) newAux(a []int32) int32 {
	if len(a) == 0 {
		return 0
	}
	s.auxData = append(s.auxData, a)
	return int32(len(s.auxData))
}

// auxOf is r's aux list.
func (s *Solver) auxOf(r *rule) []int32 {
	if r.aux == 0 {
		return nil
	}
	return s.auxData[r.aux-1]
}

// appendRule appends r to s.rules, doubling the array when full: append
// grows a large slice by a quarter at a time, which for the rules of a
// large pool allocates four to five times the final array in all.
func (s *Solver) appendRule(r rule) {
	if len(s.rules) == cap(s.rules) {
		s.rules = slices.Grow(s.rules, max(len(s.rules), 256))
	}
	s.rules = append(s.rules, r)
}

// addRule appends a rule after normalising its literals (sorted by
// variable, duplicates removed). It returns -1 for a tautology.
func (s *Solver) addRule(r rule) int32 {
	lits := r.lits
	if len(lits) > 1 {
		slices.SortFunc(lits, func(x, y Lit) int {
			if a, b := abs(x), abs(y); a != b {
				return cmp.Compare(a, b)
			}
			return cmp.Compare(x, y)
		})
		k := 1
		for i := 1; i < len(lits); i++ {
			if lits[i] == lits[k-1] {
				continue
			}
			if lits[i] == -lits[k-1] {
				return -1
			}
			lits[k] = lits[i]
			k++
		}
		lits = lits[:k]
		// keep the head (a negative literal naming the package) first, so
		// watches start on it and on one provider.
		if r.pkg != 0 {
			for i, l := range lits {
				if l == -r.pkg {
					lits[0], lits[i] = lits[i], lits[0]
					break
				}
			}
		}
	}
	r.lits = lits
	s.appendRule(r)
	return int32(len(s.rules) - 1)
}

func abs(l Lit) Lit {
	if l < 0 {
		return -l
	}
	return l
}

// cnf converts a rich dependency to clauses over package literals: each
// clause is a disjunction, the list a conjunction. neg asks for the
// negation of r. The boolean is false when the clause count was capped.
func (s *Solver) cnf(r *Rich, neg bool) ([][]Lit, bool) {
	const limit = 4096
	switch r.Op {
	case RichAtom:
		prov := s.provides(&r.Atom)
		if !neg {
			c := make([]Lit, len(prov))
			copy(c, prov)
			return [][]Lit{c}, true
		}
		out := make([][]Lit, len(prov))
		for i, p := range prov {
			out[i] = []Lit{-p}
		}
		return out, true
	case RichWith, RichWithout:
		set := s.richSet(r)
		if !neg {
			return [][]Lit{set}, true
		}
		out := make([][]Lit, len(set))
		for i, p := range set {
			out[i] = []Lit{-p}
		}
		return out, true
	case RichAnd, RichOr:
		and := (r.Op == RichAnd) != neg
		if and {
			var out [][]Lit
			ok := true
			for _, a := range r.Args {
				c, k := s.cnf(a, neg)
				ok = ok && k
				out = append(out, c...)
			}
			return out, ok
		}
		out := [][]Lit{{}}
		ok := true
		for _, a := range r.Args {
			c, k := s.cnf(a, neg)
			ok = ok && k
			next := make([][]Lit, 0, len(out)*len(c))
			for _, x := range out {
				for _, y := range c {
					if len(next) >= limit {
						return next, false
					}
					z := make([]Lit, 0, len(x)+len(y))
					z = append(append(z, x...), y...)
					next = append(next, z)
				}
			}
			out = next
		}
		return out, ok
	case RichIf, RichUnless:
		// A if B       = A or not B          A unless B       = A or B
		// A if B else C = (A or not B) and (B or C)
		// A unless B else C = (A or B) and (not B or C)
		then, cond := r.Args[0], r.Args[1]
		condPos := r.Op == RichUnless
		first := &Rich{Op: RichOr, Args: []*Rich{then, maybeNot(cond, !condPos)}}
		if len(r.Args) == 3 {
			second := &Rich{Op: RichOr, Args: []*Rich{maybeNot(cond, condPos), r.Args[2]}}
			return s.cnf(&Rich{Op: RichAnd, Args: []*Rich{first, second}}, neg)
		}
		return s.cnf(first, neg)
	case richNot:
		return s.cnf(r.Args[0], !neg)
	}
	return nil, false
}

// richNot is an internal operator used while expanding if/unless.
const richNot RichOp = 200

func maybeNot(r *Rich, not bool) *Rich {
	if !not {
		return r
	}
	return &Rich{Op: richNot, Args: []*Rich{r}}
}

// richSet evaluates with/without nodes to the set of single packages that
// satisfy them.
func (s *Solver) richSet(r *Rich) []ID {
	switch r.Op {
	case RichAtom:
		return s.provides(&r.Atom)
	case RichWith, RichWithout:
		set := append([]ID(nil), s.richSet(r.Args[0])...) // never filter a memoised slice in place
		for _, a := range r.Args[1:] {
			other := map[ID]bool{}
			for _, p := range s.richSet(a) {
				other[p] = true
			}
			k := 0
			for _, p := range set {
				if other[p] == (r.Op == RichWith) {
					set[k] = p
					k++
				}
			}
			set = set[:k]
		}
		return set
	}
	var out []ID
	for _, a := range r.Args {
		out = append(out, s.richSet(a)...)
	}
	return out
}

// evalRich evaluates r against the current assignment (undecided counts as
// not installed).
func (s *Solver) evalRich(r *Rich) bool {
	switch r.Op {
	case RichAtom, RichWith, RichWithout:
		for _, p := range s.richSet(r) {
			if s.val[p] > 0 {
				return true
			}
		}
		return false
	case RichAnd:
		for _, a := range r.Args {
			if !s.evalRich(a) {
				return false
			}
		}
		return true
	case RichOr:
		for _, a := range r.Args {
			if s.evalRich(a) {
				return true
			}
		}
		return false
	case RichIf:
		if s.evalRich(r.Args[1]) {
			return s.evalRich(r.Args[0])
		}
		return len(r.Args) < 3 || s.evalRich(r.Args[2])
	case RichUnless:
		if !s.evalRich(r.Args[1]) {
			return s.evalRich(r.Args[0])
		}
		return len(r.Args) < 3 || s.evalRich(r.Args[2])
	}
	return false
}
