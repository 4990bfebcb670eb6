package solver

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
