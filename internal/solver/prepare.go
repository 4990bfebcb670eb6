package solver

import "strings"

func (s *Solver) isTargeted(j *Job, sel []ID) bool {
	if j.Flags&JobTargeted != 0 {
		return true
	}
	if s.Flags.NoAutoTarget || j.Sel == SelAll {
		return false
	}
	if j.Sel == SelRepo {
		return true
	}
	for _, id := range sel {
		if s.pool.isInstalled(id) {
			return false
		}
	}
	return true
}

func (s *Solver) prepareUpdate(j *Job, sel []ID) {
	p := s.pool
	if p.Installed == nil {
		return
	}
	if j.Sel == SelAll {
		s.updateAll = true
		for _, id := range p.Installed.Solvables {
			s.inUpdate[id] = true
		}
		if j.Flags&JobForceBest != 0 {
			for _, id := range p.Installed.Solvables {
				s.bestOf[id] = nil
			}
		}
		return
	}
	if s.isTargeted(j, sel) {
		for _, c := range sel {
			if p.isInstalled(c) {
				continue
			}
			for _, i := range s.installedReplacedBy(c) {
				s.targets[i] = append(s.targets[i], c)
				s.inUpdate[i] = true
				if j.Flags&JobForceBest != 0 {
					s.bestOf[i] = nil
				}
			}
		}
		return
	}
	for _, id := range sel {
		if p.isInstalled(id) {
			s.inUpdate[id] = true
			if j.Flags&JobForceBest != 0 {
				s.bestOf[id] = nil
			}
		}
	}
}

func (s *Solver) prepareDup(j *Job, sel []ID) {
	p := s.pool
	s.hasDup = true
	if s.dupRepos == nil {
		s.dupRepos = map[*Repo]bool{}
	}
	switch j.Sel {
	case SelAll:
		s.dupAll = true
		for _, r := range p.Repos {
			if r != p.Installed {
				s.dupRepos[r] = true
			}
		}
		if p.Installed != nil {
			for _, id := range p.Installed.Solvables {
				s.dupInvolved[id] = true
			}
		}
	case SelRepo:
		s.dupRepos[j.Repo] = true
		for _, c := range j.Repo.Solvables {
			for _, i := range s.installedReplacedBy(c) {
				s.dupInvolved[i] = true
			}
		}
	default:
		for _, r := range p.Repos {
			if r != p.Installed {
				s.dupRepos[r] = true
			}
		}
		if s.isTargeted(j, sel) {
			for _, c := range sel {
				if p.isInstalled(c) {
					continue
				}
				for _, i := range s.installedReplacedBy(c) {
					s.targets[i] = append(s.targets[i], c)
					s.dupInvolved[i] = true
				}
			}
			return
		}
		for _, id := range sel {
			if p.isInstalled(id) {
				s.dupInvolved[id] = true
			}
		}
	}
	if j.Flags&JobForceBest != 0 && p.Installed != nil {
		for _, id := range p.Installed.Solvables {
			if s.dupInvolved[id] {
				s.bestOf[id] = nil
			}
		}
	}
}

// installedReplacedBy lists installed packages that c would replace: the
// same name (and colour) or an obsoletes match.
func (s *Solver) installedReplacedBy(c ID) []ID {
	p := s.pool
	if p.Installed == nil {
		return nil
	}
	cs := p.solvables[c]
	var out []ID
	for _, q := range p.sameName(cs) {
		qs := p.solvables[q]
		if qs.Repo == p.Installed && qs.nameStr() == cs.nameStr() && (!p.ImplicitObsoleteUsesColors || p.colourMatch(cs, qs)) {
			out = append(out, q)
		}
	}
	for di, d := range cs.eachID(kObs) {
		for _, q := range p.whatProvidesID(di) {
			qs := p.solvables[q]
			if qs.Repo == p.Installed && qs.nameStr() != cs.nameStr() && (p.ObsoleteUsesProvides || p.matchNEVR(qs, d)) {
				out = append(out, q)
			}
		}
	}
	return dedupSorted(out)
}

// installSet is libsolv's SOLVER_SET* bits of an install job: which
// properties of the selected packages the job asks for.
type installSet struct{ name, evr, ev, arch, vendor, repo bool }

// jobInstallSet returns the set bits of install job j: its own flags, plus,
// unless noautoset, those libsolv's jobtodisablelist infers from the
// selection (one package: everything; a name: the name; "name = evr": the
// version, with or without release; "name . arch": the arch).
func (s *Solver) jobInstallSet(j *Job) installSet {
	f := j.Flags
	set := installSet{evr: f&JobSetEVR != 0, ev: f&JobSetEV != 0, arch: f&JobSetArch != 0,
		vendor: f&JobSetVendor != 0, repo: f&JobSetRepo != 0}
	if f&JobNoAutoSet != 0 {
		return set
	}
	switch j.Sel {
	case SelPkg:
		return installSet{true, true, set.ev, true, true, true}
	case SelName, SelProvides:
		if j.Sel == SelName {
			set.name = true
		}
		if j.Sel == SelName && j.Dep.Rich == nil && j.Dep.Op == OpEqual {
			if s.pool.Debian || strings.Contains(j.Dep.EVR, "-") {
				set.evr = true
			} else {
				set.ev = true
			}
		}
		if j.Arch != "" {
			set.arch = true
		}
	}
	return set
}

// disableUpdatesFor is the rest of libsolv's jobtodisablelist for an install
// job: the installed packages that every selected package would replace lose
// their update and feature rules (noupdate) when the job's set bits make the
// replacement legal (a downgrade with a version set, an arch change with the
// arch set, ...), so "install name S = 1" downgrades S-2 and "install name S .
// i686" changes S.x86_64 to S.i686.
func (s *Solver) disableUpdatesFor(j *Job, sel []ID) {
	p := s.pool
	if p.Installed == nil || len(sel) == 0 || j.Sel == SelAll || j.Sel == SelRepo {
		return
	}
	set := s.jobInstallSet(j)
	if set == (installSet{}) {
		return
	}
	for _, c := range sel {
		if p.isInstalled(c) || s.multiversion[c] && !s.Flags.KeepExplicitObsoletes {
			return
		}
	}
	var common []ID
	for k, c := range sel {
		r := s.installedReplacedBy(c)
		if k == 0 {
			common = r
		} else {
			common = intersectIDs(common, r)
		}
		if len(common) == 0 {
			return
		}
	}
	all := set.evr && set.arch && set.vendor
	for _, i := range common {
		legal := true
		for _, c := range sel {
			if !all && !s.replaceLegal(i, c, set) {
				legal = false
				break
			}
		}
		if legal {
			s.noUpdate[i] = true
		}
	}
}

// replaceLegal is libsolv's policy_is_illegal with the job's set bits
// ignoring their kind of change: may c replace installed i?
func (s *Solver) replaceLegal(i, c ID, set installSet) bool {
	p := s.pool
	is, cs := p.solvables[i], p.solvables[c]
	f := s.Flags
	const down, arch, vendor, name = 1, 2, 4, 8
	illegal := 0
	if !f.AllowDowngrade && !set.evr && is.nameStr() == cs.nameStr() && p.cmpEVR(is.pe(), cs.pe()) > 0 {
		illegal |= down
	}
	if !f.AllowArchChange && !set.arch && p.illegalArchChange(is, cs) {
		illegal |= arch
	}
	if !f.AllowVendorChange && !set.vendor && is.vendorStr() != cs.vendorStr() {
		illegal |= vendor
	}
	if !f.AllowNameChange && !set.name && is.nameStr() != cs.nameStr() {
		illegal |= name
	}
	if illegal == down && set.ev && !sameEV(is.evrStr(), cs.evrStr()) {
		return true // "it's ok if the EV is different"
	}
	return illegal == 0
}

// sameEV reports whether two epoch:version-release strings have the same
// epoch and version.
func sameEV(a, b string) bool {
	ev := func(x string) string {
		if i := strings.LastIndexByte(x, '-'); i >= 0 {
			x = x[:i]
		}
		return strings.TrimPrefix(x, "0:")
	}
	return ev(a) == ev(b)
}

func intersectIDs(a, b []ID) []ID {
	var out []ID
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}
