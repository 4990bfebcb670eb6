package solver

// JobKind is what a job asks for.
type JobKind uint8

// Job kinds, as libsolv's SOLVER_* job commands.
const (
	JobNoop JobKind = iota
	JobInstall
	JobErase
	JobUpdate
	JobDistUpgrade
	JobVerify
	JobLock
	JobMultiversion
	JobFavor
	JobDisfavor
	JobExcludeFromWeak
	JobAllowUninstall
	JobUserInstalled
)

var jobKindNames = [...]string{"noop", "install", "erase", "update", "distupgrade", "verify", "lock", "multiversion", "favor", "disfavor", "excludefromweak", "allowuninstall", "userinstalled"}

func (k JobKind) String() string {
	if int(k) < len(jobKindNames) {
		return jobKindNames[k]
	}
	return "job?"
}

// SelKind says how a job selects packages.
type SelKind uint8

// Selections.
const (
	SelName     SelKind = iota // packages whose name (and evr) match Dep
	SelProvides                // packages providing Dep
	SelPkg                     // exactly Pkgs[0]
	SelOneOf                   // any of Pkgs
	SelAll                     // every package
	SelRepo                    // every package of Repo
)

// JobFlags modify a job.
type JobFlags uint16

// Job flags, as libsolv's job flag bits.
const (
	JobWeak JobFlags = 1 << iota
	JobCleanDeps
	JobForceBest
	JobTargeted
	JobNotByUser
	JobSetEVR
	JobSetArch
	// The remaining set flags only say how a selection was made (libsolv
	// prints them in testcases); the solver does not act on them.
	JobSetEV
	JobSetVendor
	JobSetRepo
	JobNoAutoSet
)

// Job is one request: what to do (Kind) with which packages (Sel).
type Job struct {
	Kind JobKind
	Sel  SelKind
	Dep  Dep
	// Arch limits a name or provides selection to one architecture
	// (libsolv's "name . arch" dependency); "src" also takes "nosrc".
	Arch  string
	Pkgs  []ID
	Repo  *Repo
	Flags JobFlags
	// Text is the job as the user wrote it, used in problem reports.
	Text string
}

// selection returns the packages a job's selection matches.
func (s *Solver) selection(j *Job) []ID { return s.pool.jobPackages(j, false) }

// archMatches is libsolv's REL_ARCH test: "src" also takes "nosrc".
func archMatches(sv *solv, arch string) bool {
	return arch == "" || sv.archStr() == arch || arch == "src" && sv.archStr() == "nosrc"
}

// jobPackages returns the packages a job's selection matches; visible
// limits name and provides selections to what libsolv's provides index
// holds (installed packages and installable ones).
func (p *Pool) jobPackages(j *Job, visible bool) []ID {
	switch j.Sel {
	case SelName:
		var out []ID
		if j.Arch == "src" || j.Arch == "nosrc" {
			// sources provide nothing: look them up by name
			if !p.ready {
				p.CreateWhatProvides()
			}
			if n, ok := p.lookup(j.Dep.Name); ok {
				for _, id := range p.named(n) {
					sv := p.solvables[id]
					if archMatches(sv, j.Arch) && (j.Dep.Op == 0 || p.matchNEVR(sv, j.Dep)) {
						out = append(out, id)
					}
				}
			}
			return out
		}
		for _, id := range p.WhatProvides(Dep{Name: j.Dep.Name}) {
			sv := p.solvables[id]
			if sv.nameStr() != j.Dep.Name || !archMatches(sv, j.Arch) {
				continue
			}
			if j.Dep.Op != 0 && !p.matchNEVR(sv, j.Dep) {
				continue
			}
			if visible && !p.visible(id) {
				continue
			}
			out = append(out, id)
		}
		return out
	case SelProvides:
		var out []ID
		for _, id := range p.depProviders(j.Dep) {
			if !archMatches(p.solvables[id], j.Arch) || visible && !p.visible(id) {
				continue
			}
			out = append(out, id)
		}
		return out
	case SelPkg, SelOneOf:
		return j.Pkgs
	case SelAll:
		out := make([]ID, 0, p.Len())
		for id := 1; id <= p.Len(); id++ {
			if !p.solvables[id].disabled {
				out = append(out, ID(id))
			}
		}
		return out
	case SelRepo:
		if j.Repo == nil {
			return nil
		}
		return j.Repo.Solvables
	}
	return nil
}

// JobPackages returns the packages a job's selection matches.
func (p *Pool) JobPackages(j *Job) []ID { return p.jobPackages(j, false) }
