package solver

// RuleInfo is a rule as testcases print it: its class and literals.
type RuleInfo struct {
	Class RuleClass
	Lits  []Lit
}

// Rules returns the enabled, non-learnt rules of the last Solve.
func (s *Solver) Rules() []RuleInfo {
	var out []RuleInfo
	for _, r := range s.rules {
		if r.class == RuleLearnt || r.disabled && r.class != RuleUpdate && r.class != RuleFeature {
			continue
		}
		out = append(out, RuleInfo{Class: r.class, Lits: append([]Lit(nil), r.lits...)})
	}
	return out
}
