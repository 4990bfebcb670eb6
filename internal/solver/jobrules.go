package solver

import "slices"

// addJobRules turns install, erase and lock jobs into rules.
func (s *Solver) addJobRules() {
	p := s.pool
	s.jobRules = make([][]int32, len(s.jobs))
	var candidates map[ID]bool // install jobs' packages, made once (eraseSameName)
	for i := range s.jobs {
		j := &s.jobs[i]
		weak := j.Flags&JobWeak != 0
		sel := s.selection(j)
		switch j.Kind {
		case JobInstall:
			if weak && j.Sel == SelAll {
				// "install whatever can be installed": optional decisions
				// tried after everything else, not a rule
				for _, c := range sel {
					if !p.isInstalled(c) && p.Installable(c) {
						s.optional = append(s.optional, c)
					}
				}
				continue
			}
			var lits []Lit
			for _, c := range sel {
				if !p.solvables[c].disabled {
					lits = append(lits, c)
				}
			}
			r := s.addRule(rule{lits: lits, class: RuleJob, job: int32(i), weak: weak})
			s.jobRules[i] = append(s.jobRules[i], r)
		case JobErase:
			var only ID // the one installed package the job selects (0: none or several)
			several := false
			for _, c := range sel {
				if p.isInstalled(c) {
					several = several || only != 0
					only = c
				}
				r := s.addRule(rule{lits: []Lit{-c}, class: RuleJob, job: int32(i), weak: weak, pkg: c})
				s.jobRules[i] = append(s.jobRules[i], r)
			}
			if only != 0 && !several {
				if candidates == nil {
					candidates = s.installCandidates()
				}
				s.eraseSameName(i, only, sel, weak, candidates)
			}
		case JobLock:
			for _, c := range sel {
				l := -c
				if p.isInstalled(c) {
					l = c
				}
				r := s.addRule(rule{lits: []Lit{l}, class: RuleJob, job: int32(i), weak: weak, pkg: c})
				s.jobRules[i] = append(s.jobRules[i], r)
			}
		}
	}
}

// eraseSameName is libsolv's special case of erasing one installed package: the other
// packages of its name that are not installed are erased too, so that none of them is
// picked up as its replacement (a requirement of a package that stays then is a problem,
// or with allowuninstall takes that package away) — except the candidates of install
// jobs, and with implicitobsoleteusescolors those of another colour.
func (s *Solver) eraseSameName(i int, inst ID, sel []ID, weak bool, candidates map[ID]bool) {
	p := s.pool
	is := p.solvables[inst]
	for _, q := range p.sameName(is) {
		qs := p.solvables[q]
		if qs.nameStr() != is.nameStr() || p.isInstalled(q) || candidates[q] || slices.Contains(sel, q) {
			continue
		}
		if p.ImplicitObsoleteUsesColors && !p.colourMatch(is, qs) {
			continue
		}
		r := s.addRule(rule{lits: []Lit{-q}, class: RuleJob, job: int32(i), weak: weak, pkg: q})
		s.jobRules[i] = append(s.jobRules[i], r)
	}
}

// installCandidates are the packages install jobs select (libsolv's installcandidatemap).
func (s *Solver) installCandidates() map[ID]bool {
	out := map[ID]bool{}
	for k := range s.jobs {
		if s.jobs[k].Kind == JobInstall {
			for _, c := range s.selection(&s.jobs[k]) {
				out[c] = true
			}
		}
	}
	return out
}

// addChoiceRules derives, from the requires rules, rules that prefer
// updating an installed provider to pulling in an unrelated new package
// (libsolv's choice rules). A choice rule is dropped again when the
// package it avoids gets installed anyway.
func (s *Solver) addChoiceRules() {
	p := s.pool
	if p.Installed == nil {
		return
	}
	n := len(s.rules)
	seen := map[string]bool{}
	for ri := 0; ri < n; ri++ {
		r := &s.rules[ri]
		if r.class != RulePkg || r.kind != kindRequires || len(r.lits) < 3 || r.lits[0] >= 0 {
			continue
		}
		head := -r.lits[0]
		headInst := p.isInstalled(head)
		headUpd := s.updateAll || s.inUpdate[head] || s.dupInvolved[head]
		var q, qi, dropped []ID
		m := map[ID]bool{}
		for _, l := range r.lits[1:] {
			if l > 0 {
				m[l] = true
			}
		}
		ok := true
		for _, l := range r.lits[1:] {
			if l < 0 {
				ok = false // rich conditions: leave alone
				break
			}
			if p.isInstalled(l) {
				if !headInst {
					ok = false // the dependency is met by what is installed
					break
				}
				q = append(q, l)
				if !headUpd {
					qi = append(qi, l)
				}
				continue
			}
			ls := p.solvables[l]
			var p2 ID
			for _, i := range s.installedReplacedBy(l) {
				is := p.solvables[i]
				if !s.Flags.AllowArchChange && p.illegalArchChange(is, ls) || !s.Flags.AllowVendorChange && is.vendorStr() != ls.vendorStr() {
					continue
				}
				p2 = i
				break
			}
			if p2 != 0 {
				q = append(q, l)
				qi = append(qi, p2)
				continue
			}
			dropped = append(dropped, l)
		}
		if !ok || len(dropped) == 0 || len(q) == 0 || len(qi) == 0 {
			continue
		}
		need := false
		for _, i := range qi {
			// libsolv makes choice rules before jobs disable update rules
			// (noupdate), so a rule disabled only by a job still counts
			ur := s.updateRuleOf(i)
			if ur < 0 || s.rules[ur].disabled && !s.noUpdate[i] {
				ur = s.featureRuleOf(i)
			}
			if ur < 0 {
				continue
			}
			for _, l := range s.rules[ur].lits {
				if !m[l] {
					need = true
					break
				}
			}
			if need {
				break
			}
		}
		if !need {
			continue
		}
		lits := append([]Lit{-head}, q...)
		key := litsKey(lits)
		if seen[key] {
			continue
		}
		seen[key] = true
		s.addRule(rule{lits: lits, class: RuleChoice, pkg: head, dep: r.dep, aux: s.newAux(dropped)})
	}
}

func litsKey(l []Lit) string {
	b := make([]byte, 0, len(l)*5)
	for _, x := range l {
		b = append(b, byte(x), byte(x>>8), byte(x>>16), byte(x>>24), ',')
	}
	return string(b)
}
