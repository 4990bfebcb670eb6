package solver

import "slices"

func sortIDs(ids []ID) { slices.Sort(ids) }

// buildObsoleters indexes, for each installed package, the installable
// packages of other names that obsolete it.
func (s *Solver) buildObsoleters() {
	p := s.pool
	s.obsoleters = map[ID][]ID{}
	if p.Installed == nil {
		return
	}
	for _, sv := range p.solvables[1:] {
		if sv.count(kObs) == 0 || sv.Repo == p.Installed || !p.Installable(sv.id) {
			continue
		}
		for di, d := range sv.eachID(kObs) {
			for _, q := range p.whatProvidesID(di) {
				qs := p.solvables[q]
				if qs.Repo != p.Installed || qs.nameStr() == sv.nameStr() {
					continue
				}
				if !p.ObsoleteUsesProvides && !p.matchNEVR(qs, d) {
					continue
				}
				l := s.obsoleters[q]
				if len(l) == 0 || l[len(l)-1] != sv.id {
					s.obsoleters[q] = append(l, sv.id)
				}
			}
		}
	}
}

// markConsidered computes the packages the rules must cover: the installed
// ones, the jobs' selections, and everything their dependencies reach.
func (s *Solver) markConsidered() {
	p := s.pool
	var queue []ID
	s.order = s.order[:0]
	add := func(id ID) {
		if id > 0 && !s.considered[id] {
			s.considered[id] = true
			queue = append(queue, id)
			s.order = append(s.order, id)
		}
	}
	if p.Installed != nil {
		for _, id := range p.Installed.Solvables {
			add(id)
		}
	}
	for i := range s.jobs {
		for _, id := range s.selection(&s.jobs[i]) {
			add(id)
		}
	}
	for _, id := range s.Consider {
		add(id)
	}
	// Supplements may pull in any package: keep those in view (Enhances
	// only orders candidates that are in view anyway).
	for _, sv := range p.solvables[1:] {
		if sv.count(kSup) > 0 {
			add(sv.id)
		}
	}
	var walk func(r *Rich)
	walk = func(r *Rich) {
		if r.Op == RichAtom {
			for _, q := range s.provides(&r.Atom) {
				add(q)
			}
			return
		}
		for _, a := range r.Args {
			walk(a)
		}
	}
	depList := func(sv *solv, k depKind) {
		for _, id := range sv.ids(k) {
			if r := &p.depTab[id]; r.name < 0 {
				walk(p.richTab[r.evrS()])
				continue
			}
			for _, q := range s.providesID(id) {
				add(q)
			}
		}
	}
	for len(queue) > 0 {
		id := queue[0] // breadth first, as libsolv adds package rules
		queue = queue[1:]
		sv := p.solvables[id]
		if sv.disabled && sv.Repo != p.Installed {
			continue
		}
		depList(sv, kReq)
		depList(sv, kPreReq)
		if s.Flags.InstallWeakDeps && !s.Flags.IgnoreRecommended || s.Flags.StrongRecommends {
			depList(sv, kRec) // Suggests are never installed: not followed
		}
		// same-name packages are update candidates and implicit obsoletes
		for _, q := range p.sameName(sv) {
			if p.solvables[q].nameStr() == sv.nameStr() {
				add(q)
			}
		}
		for _, q := range s.obsoleters[id] {
			add(q)
		}
		if sv.Repo == p.Installed {
			for _, q := range s.updateCandidates(id, 1) {
				add(q)
			}
		}
	}
}

// addPkgRules adds the package rules of every considered package.
func (s *Solver) addPkgRules() {
	p := s.pool
	first := len(s.rules)
	defer func() { s.addSelfContradictions(first) }()
	pairs := map[[2]ID]bool{}
	for _, pid := range s.order {
		sv := p.solvables[pid]
		if !p.Installable(pid) {
			s.addRule(rule{lits: []Lit{-pid}, class: RulePkg, kind: kindNotInstallable, pkg: pid})
			continue
		}
		installed := sv.Repo == p.Installed
		// libsolv does not insist on dependencies of installed packages
		// that are already broken (unless a verify job asks to fix them):
		// a requirement counts only when an installed package meets it,
		// a conflict between two installed packages is ignored.
		dontfix := installed && !s.verify
		for _, k := range [...]depKind{kPreReq, kReq} {
			for _, id := range sv.ids(k) {
				if dontfix && !s.metByInstalledID(id) {
					continue
				}
				s.addRequiresID(pid, id)
			}
		}
		for di, d := range sv.eachID(kCon) {
			if d.Rich != nil {
				clauses, _ := s.cnf(d.Rich, true)
				for _, c := range clauses {
					s.addRule(rule{lits: append([]Lit{-pid}, c...), class: RulePkg, kind: kindConflicts, pkg: pid, dep: di})
				}
				continue
			}
			for _, q := range p.whatProvidesID(di) {
				if q == pid || dontfix && p.isInstalled(q) {
					continue
				}
				s.addRule(rule{lits: []Lit{-pid, -q}, class: RulePkg, kind: kindConflicts, pkg: pid, other: q, dep: di})
			}
		}
		if installed {
			continue
		}
		if !s.multiversion[pid] || s.Flags.KeepExplicitObsoletes {
			for di, d := range sv.eachID(kObs) {
				for _, q := range p.whatProvidesID(di) {
					qs := p.solvables[q]
					if q == pid || qs.nameStr() == sv.nameStr() && !s.multiversion[pid] {
						continue
					}
					if !p.ObsoleteUsesProvides && !p.matchNEVR(qs, d) {
						continue
					}
					k := kindObsoletes
					if qs.Repo == p.Installed {
						k = kindInstalledObsoletes
					}
					s.addRule(rule{lits: []Lit{-pid, -q}, class: RulePkg, kind: k, pkg: pid, other: q, dep: di})
				}
			}
		}
		if s.multiversion[pid] {
			continue
		}
		for _, q := range p.sameName(sv) {
			qs := p.solvables[q]
			if q == pid || qs.nameStr() != sv.nameStr() {
				continue
			}
			if p.ImplicitObsoleteUsesColors && !p.colourMatch(sv, qs) {
				continue
			}
			key := [2]ID{min(pid, q), max(pid, q)}
			if pairs[key] {
				continue
			}
			pairs[key] = true
			s.addRule(rule{lits: []Lit{-pid, -q}, class: RulePkg, kind: kindSameName, pkg: pid, other: q})
		}
	}
}

func (s *Solver) addRequiresID(pid ID, id int32) {
	d := s.pool.dep(id)
	if d.Rich != nil {
		clauses, _ := s.cnf(d.Rich, false)
		for _, c := range clauses {
			k := kindRequires
			if len(c) == 0 {
				k = kindNothingProvides
			}
			s.addRule(rule{lits: append([]Lit{-pid}, c...), class: RulePkg, kind: k, pkg: pid, dep: id})
		}
		return
	}
	prov := s.providesID(id)
	lits := make([]Lit, 0, len(prov)+1)
	lits = append(lits, -pid)
	for _, q := range prov {
		if q == pid {
			return
		}
		lits = append(lits, q)
	}
	k := kindRequires
	if len(prov) == 0 {
		k = kindNothingProvides
	}
	s.addRule(rule{lits: lits, class: RulePkg, kind: k, pkg: pid, dep: id})
}

// metByInstalled reports whether an installed package satisfies d (for
// rich dependencies: whether any installed package provides one of its
// atoms, which keeps them enforced).
func (s *Solver) metByInstalledID(id int32) bool {
	p := s.pool
	if d := p.dep(id); d.Rich != nil {
		for _, a := range d.Rich.atoms(nil) {
			for _, q := range p.WhatProvides(a) {
				if p.isInstalled(q) {
					return true
				}
			}
		}
		return false
	}
	for _, q := range s.providesID(id) {
		if p.isInstalled(q) {
			return true
		}
	}
	return false
}

// provides is WhatProvides memoised per dependency for one Solve (the
// closure walk and the rule generation ask for the same dependencies).
func (s *Solver) provides(d *Dep) []ID {
	if l, ok := s.provMemo[d]; ok {
		return l
	}
	l := s.pool.WhatProvides(*d)
	s.provMemo[d] = l
	return l
}

// providesID is provides for an interned plain dependency.
func (s *Solver) providesID(id int32) []ID {
	if l, ok := s.provMemoID[id]; ok {
		return l
	}
	l := s.pool.whatProvidesID(id)
	s.provMemoID[id] = l
	return l
}

// updateCandidates is libsolv's policy_findupdatepackages: the packages
// that may replace installed package i. mode 0 obeys the update policy, 1
// allows everything, 2 uses the distupgrade policy.
func (s *Solver) updateCandidates(i ID, mode int) []ID {
	p := s.pool
	f := s.Flags
	down, name, arch, vendor := f.AllowDowngrade, f.AllowNameChange, f.AllowArchChange, f.AllowVendorChange
	switch mode {
	case 1:
		down, name, arch, vendor = true, true, true, true
	case 2:
		down, name, arch, vendor = f.DupAllowDowngrade, f.DupAllowNameChange, f.DupAllowArchChange, f.DupAllowVendorChange
	}
	is := p.solvables[i]
	var out []ID
	haveProvObs := false
	for _, q := range p.providersOfName(is.name) {
		if q == i {
			continue
		}
		qs := p.solvables[q]
		if qs.nameStr() == is.nameStr() {
			if p.ImplicitObsoleteUsesColors && !p.colourMatch(is, qs) {
				continue
			}
			if !down && p.cmpEVR(is.pe(), qs.pe()) > 0 {
				continue
			}
		} else if !name {
			continue
		} else if !f.NoUpdateProvide && qs.count(kObs) > 0 && qs.Repo != p.Installed {
			if !s.obsoletesPkg(qs, is) {
				continue
			}
			haveProvObs = true
		} else {
			continue
		}
		if !arch && p.illegalArchChange(is, qs) || !vendor && is.vendorStr() != qs.vendorStr() {
			continue
		}
		out = append(out, q)
	}
	if !name || haveProvObs && !f.NoUpdateProvide {
		return out
	}
	for _, q := range s.obsoleters[i] {
		qs := p.solvables[q]
		if !arch && p.illegalArchChange(is, qs) || !vendor && is.vendorStr() != qs.vendorStr() {
			continue
		}
		if p.ImplicitObsoleteUsesColors && !p.colourMatch(is, qs) {
			continue
		}
		out = append(out, q)
	}
	return dedupSorted(out)
}

func (s *Solver) obsoletesPkg(qs, is *solv) bool {
	p := s.pool
	for di, d := range qs.eachID(kObs) {
		if !p.ObsoleteUsesProvides && !p.matchNEVR(is, d) {
			continue
		}
		for _, x := range p.whatProvidesID(di) {
			if x == is.id {
				return true
			}
		}
	}
	return false
}

func (p *Pool) illegalArchChange(a, b *solv) bool {
	if a.arch == b.arch || p.noArch {
		return false
	}
	sa, sb := p.arch[a.arch], p.arch[b.arch]
	if sa == 1 || sb == 1 {
		return false
	}
	return sa>>16 != sb>>16
}

// addSelfContradictions adds, for a package that requires something only
// packages it conflicts with provide (CentOS's vim-common needs the BaseOS
// stub that provides vim-minimal < 8.1.1, which it conflicts with), the unit
// rule that it cannot be installed. The rule follows from the package's
// requires and conflicts rules; libsolv learns it as soon as it tries the
// package (its rule order makes the package's own requirement the broken
// one), and a problem then blames the job that asked for the package alone,
// not an unrelated job whose requirement the same conflict breaks.
func (s *Solver) addSelfContradictions(first int) {
	p := s.pool
	conflicts := func(a, b ID) bool {
		as := p.solvables[a]
		if as.count(kCon) == 0 {
			return false
		}
		if p.isInstalled(a) && p.isInstalled(b) && !s.verify {
			return false // no rule between two installed packages
		}
		for di, d := range as.eachID(kCon) {
			if d.Rich == nil && contains(p.whatProvidesID(di), b) {
				return true
			}
		}
		return false
	}
	n := len(s.rules)
	for ri := first; ri < n; ri++ {
		r := &s.rules[ri]
		if r.class != RulePkg || r.kind != kindRequires || r.pkg <= 0 {
			continue
		}
		pid := r.pkg
		all, any := true, false
		for _, l := range r.lits {
			if l == -pid {
				continue
			}
			if l < 0 {
				all = false
				break
			}
			any = true
			if !conflicts(pid, l) && !conflicts(l, pid) {
				all = false
				break
			}
		}
		if all && any {
			s.addRule(rule{lits: []Lit{-pid}, class: RulePkg, kind: kindRequires, pkg: pid, dep: r.dep})
		}
	}
}
