package solver

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Problem is one reason the jobs cannot all be met: the rules that
// conflict, explained in words, and what could be given up.
type Problem struct {
	// Rules are descriptions of every rule in the conflict, most telling first.
	Rules []string
	// Solutions are the ways out libsolv would offer, in words.
	Solutions []string
	s         *Solver
	ids       []int32
}

// String is the problem's main sentence, as dnf prints it.
func (p Problem) String() string {
	if len(p.Rules) == 0 {
		return "unsolvable"
	}
	return p.Rules[0]
}

// unsolvable handles a conflict at level 0: it collects the rules behind
// it, drops weak ones silently, or records a problem and disables the
// requests involved.
func (s *Solver) unsolvable(confl int32) error {
	involved := s.involvedRules(confl)
	var recs, choices, weak, dis []int32
	for _, ri := range involved {
		r := &s.rules[ri]
		switch {
		case r.class == RuleRecommends:
			recs = append(recs, ri)
		case r.class == RuleChoice:
			choices = append(choices, ri)
		case r.weak && r.class != RulePkg:
			weak = append(weak, ri)
		}
		switch r.class {
		case RuleJob, RuleUpdate, RuleFeature, RuleDup, RuleBest, RuleYumobs, RuleInfarch:
			dis = append(dis, ri)
		}
	}
	switch {
	case len(recs) > 0:
		// break every strong recommends rule of the chain, not just the
		// last one: the plain recommends pass may still honour the rest
		for _, ri := range recs {
			s.rules[ri].disabled = true
		}
		return nil
	case len(choices) > 0:
		for _, ri := range choices {
			s.rules[ri].disabled = true
		}
		return nil
	case len(weak) > 0:
		if s.Flags.AllowUninstall {
			if ri := s.autoUninstall(weak); ri >= 0 {
				s.disableRule(ri)
				return nil
			}
		}
		last := weak[0]
		for _, ri := range weak {
			if s.rules[ri].orphan != s.rules[last].orphan {
				if s.rules[ri].orphan {
					last = ri
				}
				continue
			}
			if ri > last {
				last = ri
			}
		}
		s.disableRule(last)
		return nil
	}
	if len(dis) == 0 {
		return fmt.Errorf("unsolvable package rules: %s", s.describe(confl))
	}
	s.problems = append(s.problems, s.makeProblem(involved, dis))
	for _, ri := range dis {
		s.disableRule(ri)
	}
	return nil
}

// autoUninstall picks the installed package allowuninstall lets go when
// the only droppable rules of a conflict are update rules (libsolv's
// autouninstall): with keeporphans an orphan (its update rule keeps just
// itself and equals its feature rule) first, else the last update rule
// that differs from its feature rule, else the last update rule. It
// returns -1 when other weak rules are involved.
func (s *Solver) autoUninstall(weak []int32) int32 {
	for _, ri := range weak {
		if r := &s.rules[ri]; r.class != RuleUpdate && r.class != RuleFeature || r.orphan {
			return -1
		}
	}
	lastUpdate, lastFeature := int32(-1), int32(-1)
	for _, ri := range weak {
		r := &s.rules[ri]
		if r.class != RuleUpdate {
			continue
		}
		if s.featureRuleOf(r.pkg) < 0 {
			if s.Flags.KeepOrphans && len(r.lits) == 1 && r.lits[0] == r.pkg {
				return ri
			}
			lastFeature = max(lastFeature, ri)
			continue
		}
		lastUpdate = max(lastUpdate, ri)
	}
	if lastUpdate >= 0 {
		return lastUpdate
	}
	return lastFeature
}

// disableRule disables a rule; a job's rules (and a forcebest job's best
// rule) go together, as libsolv disables whole jobs.
func (s *Solver) disableRule(ri int32) {
	r := &s.rules[ri]
	r.disabled = true
	if r.class == RuleJob || r.class == RuleBest && r.pkg == 0 {
		for _, o := range s.jobRules[r.job] {
			s.rules[o].disabled = true
		}
		for k := range s.rules {
			if o := &s.rules[k]; o.class == RuleBest && o.pkg == 0 && o.job == r.job {
				o.disabled = true
			}
		}
	}
}

// involvedRules walks back from a conflict through the reasons of every
// assignment and the derivations of learnt rules, returning the original
// (non-learnt) rules involved.
func (s *Solver) involvedRules(confl int32) []int32 {
	seenRule := map[int32]bool{}
	seenVar := map[ID]bool{}
	stack := []int32{confl}
	var out []int32
	for len(stack) > 0 {
		ri := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ri < 0 || seenRule[ri] {
			continue
		}
		seenRule[ri] = true
		r := &s.rules[ri]
		if r.class == RuleLearnt {
			stack = append(stack, s.auxOf(r)...)
		} else {
			out = append(out, ri)
		}
		for _, l := range r.lits {
			v := abs(l)
			if seenVar[v] || s.val[v] == 0 {
				continue
			}
			seenVar[v] = true
			stack = append(stack, s.reason[v])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// rank orders rules by how well they explain a problem to a user, the
// way libsolv picks a problem's main rule: a missing provider first, then
// the requirement of a package the user asked for, conflicts, other
// requirements; of the requests, locks come last.
func (s *Solver) rank(ri int32) int {
	r := &s.rules[ri]
	switch r.class {
	case RulePkg:
		switch r.kind {
		case kindNothingProvides:
			return 0
		case kindNotInstallable:
			return 1
		case kindConflicts, kindObsoletes, kindInstalledObsoletes:
			return 3
		case kindSameName:
			return 5
		case kindRequires:
			if s.requested(r.pkg) {
				return 2
			}
			return 4
		}
		return 6
	case RuleJob:
		if len(r.lits) == 0 {
			return 0
		}
		if s.jobs[r.job].Kind == JobLock {
			return 10
		}
		return 7
	case RuleBest:
		return 8
	case RuleUpdate, RuleFeature, RuleDup:
		return 9
	}
	return 11
}

// requested reports whether an install job selects id.
func (s *Solver) requested(id ID) bool {
	for i := range s.jobs {
		if s.jobs[i].Kind == JobInstall && contains(s.selection(&s.jobs[i]), id) {
			return true
		}
	}
	return false
}

func (s *Solver) makeProblem(involved, dis []int32) Problem {
	order := append([]int32(nil), involved...)
	sort.SliceStable(order, func(i, j int) bool { return s.rank(order[i]) < s.rank(order[j]) })
	pr := Problem{s: s, ids: involved}
	for _, ri := range order {
		pr.Rules = append(pr.Rules, s.describe(ri))
	}
	for _, ri := range dis {
		pr.Solutions = append(pr.Solutions, s.solutionText(ri)...)
	}
	return pr
}

func (s *Solver) name(id ID) string {
	if sv := s.pool.solvableOrNil(id); sv != nil {
		return sv.String()
	}
	return fmt.Sprintf("package#%d", id)
}

// describe explains one rule in dnf's words.
func (s *Solver) describe(ri int32) string {
	r := &s.rules[ri]
	switch r.class {
	case RulePkg:
		switch r.kind {
		case kindNothingProvides:
			return fmt.Sprintf("nothing provides %s needed by %s", s.depText(r.dep), s.name(r.pkg))
		case kindNotInstallable:
			sv := s.pool.solvables[r.pkg]
			if sv.disabled {
				return fmt.Sprintf("package %s is disabled", sv)
			}
			return fmt.Sprintf("package %s does not have a compatible architecture", sv)
		case kindRequires:
			return fmt.Sprintf("package %s requires %s, but none of the providers can be installed", s.name(r.pkg), s.depText(r.dep))
		case kindConflicts:
			if r.other == 0 {
				return fmt.Sprintf("package %s conflicts with %s", s.name(r.pkg), s.depText(r.dep))
			}
			return fmt.Sprintf("package %s conflicts with %s provided by %s", s.name(r.pkg), s.depText(r.dep), s.name(r.other))
		case kindObsoletes:
			return fmt.Sprintf("package %s obsoletes %s provided by %s", s.name(r.pkg), s.depText(r.dep), s.name(r.other))
		case kindInstalledObsoletes:
			return fmt.Sprintf("package %s obsoletes %s provided by installed %s", s.name(r.pkg), s.depText(r.dep), s.name(r.other))
		case kindSameName:
			return fmt.Sprintf("cannot install both %s and %s", s.name(r.pkg), s.name(r.other))
		}
	case RuleJob:
		j := &s.jobs[r.job]
		if len(r.lits) == 0 {
			// libsolv's SOLVER_RULE_JOB_UNKNOWN_PACKAGE and
			// SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP name the dependency
			switch {
			case j.Kind == JobInstall && j.Sel == SelName:
				return fmt.Sprintf("package %s does not exist", j.Dep)
			case j.Kind == JobInstall && j.Sel == SelProvides:
				return fmt.Sprintf("nothing provides requested %s", j.Dep)
			}
			return fmt.Sprintf("nothing provides requested %s", jobText(j))
		}
		if j.Kind == JobLock {
			return fmt.Sprintf("package %s is locked", s.name(r.pkg))
		}
		return "conflicting requests" // libsolv's SOLVER_RULE_JOB wording
	case RuleUpdate, RuleFeature:
		return fmt.Sprintf("problem with installed package %s", s.name(r.pkg))
	case RuleDup:
		if s.pool.isInstalled(r.pkg) {
			return fmt.Sprintf("problem with installed package %s", s.name(r.pkg))
		}
		return fmt.Sprintf("package %s does not belong to a distupgrade repository", s.name(r.pkg))
	case RuleBest:
		if r.pkg != 0 {
			return fmt.Sprintf("cannot install the best update candidate for package %s", s.name(r.pkg))
		}
		return fmt.Sprintf("cannot install the best candidate for the job (%s)", jobText(&s.jobs[r.job]))
	case RuleInfarch:
		return fmt.Sprintf("package %s has an inferior architecture", s.name(r.pkg))
	case RuleYumobs:
		return fmt.Sprintf("package %s must be installed with the other packages obsoleting %s", s.name(r.pkg), s.name(r.other))
	case RuleChoice:
		return fmt.Sprintf("package %s prefers updating an installed provider of %s", s.name(r.pkg), s.depText(r.dep))
	case RuleRecommends:
		return fmt.Sprintf("package %s recommends %s", s.name(r.pkg), s.depText(r.dep))
	}
	return fmt.Sprintf("%s rule %d", r.class, ri)
}

func (s *Solver) solutionText(ri int32) []string {
	r := &s.rules[ri]
	switch r.class {
	case RuleJob:
		return []string{"do not ask to " + jobText(&s.jobs[r.job])}
	case RuleUpdate, RuleFeature:
		return []string{"allow erasing or replacing installed " + s.name(r.pkg)}
	case RuleDup:
		return []string{"allow keeping " + s.name(r.pkg)}
	case RuleBest:
		if r.pkg != 0 {
			return []string{"allow an update of " + s.name(r.pkg) + " that is not the best"}
		}
		return []string{"allow a candidate that is not the best for " + jobText(&s.jobs[r.job])}
	case RuleInfarch:
		return []string{"allow the inferior architecture of " + s.name(r.pkg)}
	}
	return nil
}

func jobText(j *Job) string {
	if j.Text != "" {
		return j.Text
	}
	var b strings.Builder
	b.WriteString(j.Kind.String())
	switch j.Sel {
	case SelName:
		b.WriteString(" name " + j.Dep.String())
	case SelProvides:
		b.WriteString(" provides " + j.Dep.String())
	case SelAll:
		b.WriteString(" all packages")
	case SelRepo:
		if j.Repo != nil {
			b.WriteString(" repo " + j.Repo.Name)
		}
	default:
		fmt.Fprintf(&b, " %d packages", len(j.Pkgs))
	}
	return b.String()
}

// depText prints a dependency of a problem as libsolv's pool_dep2str: in a
// Debian pool the strict relations are dpkg's "<<" and ">>".
func (s *Solver) depText(id int32) string {
	d := s.pool.dep(id)
	if s.pool.Debian && d.Rich == nil && (d.Op == OpLess || d.Op == OpGreater) {
		op := "<<"
		if d.Op == OpGreater {
			op = ">>"
		}
		return d.Name + " " + op + " " + d.EVR
	}
	return d.String()
}

// Conflicting lists the packages of the problem's conflict and same-name rules, as
// libdnf's conflictPkgs collects them for dnf's "--allowerasing" hint: a package and the
// one it conflicts with (or cannot be installed beside), or the package alone when it
// conflicts with itself.
func (p Problem) Conflicting() []ID {
	var out []ID
	for _, ri := range p.ids {
		r := &p.s.rules[ri]
		if r.class != RulePkg || r.kind != kindConflicts && r.kind != kindSameName {
			continue
		}
		out = append(out, r.pkg)
		if r.other != 0 {
			out = append(out, r.other)
		}
	}
	return out
}

// DNFRules are the problem's rules in the order dnf lists them under "Problem:" (libdnf
// prints libsolv's solver_findallproblemrules, the order in which the conflict was
// analysed, which this solver's analysis does not reproduce): the installed package that
// cannot stay ("problem with installed package"), requirements, packages that cannot be
// installed together, the best-candidate rules, conflicts and obsoletes, the requests
// ("conflicting requests", locks), then packages nothing can install. The order was fitted
// to dnf 4.14's output on the differential tests (internal/cli TestSwapLikeDNF) and to
// the shapes of dnf's messages users report; within one kind, by rule.
func (p Problem) DNFRules() []string {
	if p.s == nil {
		return p.Rules
	}
	kind := func(ri int32) int {
		r := &p.s.rules[ri]
		switch r.class {
		case RuleUpdate, RuleFeature, RuleDup:
			return 0
		case RulePkg:
			switch r.kind {
			case kindRequires:
				return 1
			case kindSameName:
				return 2
			case kindConflicts, kindObsoletes, kindInstalledObsoletes:
				return 4
			}
			return 6 // nothing provides, not installable
		case RuleBest:
			return 3
		case RuleJob:
			if len(r.lits) == 0 {
				return 6
			}
			return 5
		}
		return 7
	}
	order := slices.Clone(p.ids)
	slices.SortStableFunc(order, func(a, b int32) int { return kind(a) - kind(b) })
	var out []string
	for _, ri := range order {
		if t := p.s.describe(ri); !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
