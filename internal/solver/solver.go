package solver

import (
	"errors"
	"fmt"
)

// Flags are the solver flags of libsolv's testcases and dnf's
// configuration. DefaultFlags gives libsolv's defaults.
type Flags struct {
	AllowUninstall        bool
	AllowDowngrade        bool
	AllowArchChange       bool
	AllowVendorChange     bool
	AllowNameChange       bool
	DupAllowDowngrade     bool
	DupAllowArchChange    bool
	DupAllowVendorChange  bool
	DupAllowNameChange    bool
	KeepOrphans           bool
	IgnoreRecommended     bool
	StrongRecommends      bool
	FocusInstalled        bool
	FocusBest             bool
	StrictRepoPriority    bool
	YumObsoletes          bool
	BestObeyPolicy        bool
	NoAutoTarget          bool
	KeepExplicitObsoletes bool
	NoUpdateProvide       bool
	AddAlreadyRecommended bool
	// InstallWeakDeps is dnf's install_weak_deps; false behaves like
	// IgnoreRecommended for installing (recommendations are still reported).
	InstallWeakDeps bool
}

// DefaultFlags returns libsolv's default solver flags.
func DefaultFlags() Flags {
	return Flags{AllowNameChange: true, DupAllowDowngrade: true, DupAllowArchChange: true,
		DupAllowVendorChange: true, DupAllowNameChange: true, InstallWeakDeps: true}
}

// ErrNoInstalled is returned when a job needs an installed repo and none is set.
var ErrNoInstalled = errors.New("no installed repository")

// Solver solves one set of jobs against a pool.
type Solver struct {
	pool  *Pool
	Flags Flags

	jobs  []Job
	rules []rule
	// the rules' aux lists (rule.aux)
	auxData [][]int32

	// assignment
	val      []int8
	lvl      []int32
	reason   []int32
	trail    []Lit
	trailLim []int
	// The watch lists: for each literal (litIdx) the first and last rule
	// watching it, -1 for none; a rule's two watched literals are lits[0]
	// and lits[1], and wnext[2*ri+k] is the next rule in the list of
	// lits[k] (kept paired when the two swap). Flat int32 arrays instead
	// of a slice per literal.
	whead, wtail []int32
	wnext        []int32
	qhead        int

	// per-package data, indexed by id
	multiversion []bool
	considered   []bool
	favor        []int32
	excludeWeak  []bool
	weakUpdate   []bool
	updateRule   []int32
	featureRule  []int32
	dupInvolved  []bool
	inUpdate     []bool
	noUpdate     []bool
	targets      map[ID][]ID
	provMemo     map[*Dep][]ID
	provMemoID   map[int32][]ID
	targetRule   map[ID]int32
	explicit     map[ID]bool
	// setArchNames are names an install job pins to an arch (SOLVER_SETARCH): libsolv
	// disables their inferior-arch rules (jobtodisablelist's DISABLE_INFARCH).
	setArchNames map[int32]bool
	obsoleters   map[ID][]ID
	bestOf       map[ID][]ID
	// mvUpdaters are, for an installed package to be updated, the update
	// candidates its update rule leaves out because they are multiversion
	// (libsolv's multiversionupdaters): installed beside it, one decision each.
	mvUpdaters map[ID][]ID

	updateAll bool
	dupAll    bool
	dupRepos  map[*Repo]bool
	hasDup    bool
	cleanDeps bool
	verify    bool
	// Consider lists extra packages whose rules must exist even when no
	// job or installed package reaches them (libsolv's reused solvers).
	Consider []ID

	jobRules  [][]int32
	nLearnt   int
	problems  []Problem
	triedWeak map[ID]bool
	restarts  int
	decisions int64
	order     []ID    // considered packages in discovery order
	reqRules  []int32 // requires rules in rule order
	reqCursor int     // position in reqRules where the last open rule was
	// headStart/headPosData: the positions in reqRules of each package's
	// requirements (headPos)
	headStart, headPosData []int32
	pend                   []bool // positions in reqRules that may be open
	pendList               []int
	pendKeep               []int // openRequires' scratch for the next pendList
	pendGen                int
	// postponed is libsolv's resolve_dependencies postponing: 0 while
	// requirements with several candidates left by the policy's pruning
	// are put off (none seen yet), 1+pos once the first of them was put
	// off, -1 once they are decided in turn from that one.
	postponed int
	branches  []branch // choices made among several candidates (branch.go)
	recMap    map[ID]bool
	sugMap    map[ID]bool
	recIndex  int
	recGen    int
	backjumps int
	jobIdx    []int32
	optional  []ID
	optPos    int
	reqPos    int32
	conflicts int64
}

// New returns a solver over pool with libsolv's default flags.
func New(pool *Pool) *Solver {
	return &Solver{pool: pool, Flags: DefaultFlags()}
}

// Pool returns the solver's pool.
func (s *Solver) Pool() *Pool { return s.pool }

// Stats reports counters of the last Solve, for benchmarks.
func (s *Solver) Stats() (rules int, decisions, conflicts int64) {
	return len(s.rules), s.decisions, s.conflicts
}

// favorOf is package id's favor (favor and disfavor jobs: above 0 favored,
// below 0 disfavored, the later job the further from 0), 0 without one.
func (s *Solver) favorOf(id ID) int32 {
	if int(id) < len(s.favor) {
		return s.favor[id]
	}
	return 0
}

// updateRuleOf and featureRuleOf are the update and feature rules of an
// installed package, -1 when it has none (or is not installed).
func (s *Solver) updateRuleOf(id ID) int32 {
	if int(id) < len(s.updateRule) {
		return s.updateRule[id]
	}
	return -1
}

func (s *Solver) featureRuleOf(id ID) int32 {
	if int(id) < len(s.featureRule) {
		return s.featureRule[id]
	}
	return -1
}

// Solve computes a transaction for jobs. When the jobs cannot all be
// met the result carries Problems; its transaction is then the one libsolv
// reports after dropping the problematic requests.
func (s *Solver) Solve(jobs []Job) (*Result, error) {
	p := s.pool
	if !p.ready {
		p.CreateWhatProvides()
	}
	for i, j := range jobs {
		for _, id := range j.Pkgs {
			if !p.valid(id) {
				return nil, fmt.Errorf("job %d (%s): no package with id %d in the pool", i, j.Kind, id)
			}
		}
		if j.Sel == SelRepo && j.Repo == nil {
			return nil, fmt.Errorf("job %d (%s): repository selection without a repository", i, j.Kind)
		}
	}
	for _, id := range s.Consider {
		if !p.valid(id) {
			return nil, fmt.Errorf("consider: no package with id %d in the pool", id)
		}
	}
	s.jobs = jobs
	n := p.Len() + 1
	s.val = make([]int8, n)
	s.lvl = make([]int32, n)
	s.reason = make([]int32, n)
	s.multiversion = make([]bool, n)
	s.considered = make([]bool, n)
	s.favor = nil // made by the first favor or disfavor job
	s.excludeWeak = make([]bool, n)
	s.weakUpdate = make([]bool, n)
	// indexed by the installed packages' ids only (they are the ones with such rules)
	s.updateRule, s.featureRule = s.updateRule[:0], s.featureRule[:0]
	if inst := p.Installed; inst != nil {
		hi := ID(0)
		for _, id := range inst.Solvables {
			hi = max(hi, id)
		}
		if len(inst.Solvables) > 0 {
			s.updateRule = make([]int32, hi+1)
			s.featureRule = make([]int32, hi+1)
		}
	}
	s.dupInvolved = make([]bool, n)
	s.inUpdate = make([]bool, n)
	s.noUpdate = make([]bool, n)
	s.targets = map[ID][]ID{}
	s.provMemo = map[*Dep][]ID{}
	s.provMemoID = map[int32][]ID{}
	s.targetRule = map[ID]int32{}
	s.explicit = map[ID]bool{}
	s.setArchNames = map[int32]bool{}
	s.bestOf = map[ID][]ID{}
	s.mvUpdaters = map[ID][]ID{}
	s.triedWeak = map[ID]bool{}
	s.rules = s.rules[:0]
	s.auxData = nil
	s.problems = nil
	s.optional = nil
	s.cleanDeps = false
	s.verify = false
	for i := range s.updateRule {
		s.updateRule[i], s.featureRule[i] = -1, -1
	}
	if err := s.prepareJobs(); err != nil {
		return nil, err
	}
	s.buildObsoleters()
	s.markConsidered()
	s.addPkgRules()
	s.addUpdateRules()
	s.addJobRules()
	s.addInfarchRules()
	s.addDupRules()
	s.addBestRules()
	s.addYumobsRules()
	s.addRecommendsRules()
	s.addChoiceRules()
	if err := s.run(); err != nil {
		return nil, err
	}
	return s.result(), nil
}

// prepareJobs reads the jobs that set maps rather than add rules.
func (s *Solver) prepareJobs() error {
	p := s.pool
	fav := int32(0)
	var cleanErase []ID
	for i := range s.jobs {
		j := &s.jobs[i]
		sel := s.selection(j)
		if j.Flags&JobCleanDeps != 0 {
			s.cleanDeps = true
		}
		switch j.Kind {
		case JobMultiversion:
			for _, id := range sel {
				s.multiversion[id] = true
			}
		case JobFavor, JobDisfavor:
			fav++
			for _, id := range sel {
				if s.favor == nil {
					s.favor = make([]int32, len(s.val))
				}
				if j.Kind == JobFavor {
					s.favor[id] = fav
				} else {
					s.favor[id] = -fav
				}
			}
		case JobExcludeFromWeak:
			for _, id := range sel {
				s.excludeWeak[id] = true
			}
		case JobAllowUninstall:
			for _, id := range sel {
				if p.isInstalled(id) {
					s.weakUpdate[id] = true
				}
			}
		case JobUpdate:
			s.prepareUpdate(j, sel)
		case JobDistUpgrade:
			s.prepareDup(j, sel)
		case JobErase, JobLock:
			for _, id := range sel {
				if p.isInstalled(id) {
					s.noUpdate[id] = true
					if j.Kind == JobErase && j.Flags&JobCleanDeps != 0 {
						cleanErase = append(cleanErase, id)
					}
				}
			}
		case JobInstall:
			if j.Sel == SelPkg || j.Sel == SelOneOf {
				for _, c := range sel {
					s.explicit[c] = true
				}
			}
			// libsolv's jobtodisablelist: an install job pinned to an arch
			// (SOLVER_SETARCH, set by the job or, unless noautoset, implied
			// by a single package or a "name . arch" selection) disables the
			// inferior-arch rules of the names it selects
			setArch := j.Flags&JobSetArch != 0
			if j.Flags&JobNoAutoSet == 0 && (j.Sel == SelPkg || (j.Sel == SelName || j.Sel == SelProvides) && j.Arch != "") {
				setArch = true
			}
			if setArch && j.Sel != SelAll && j.Sel != SelRepo {
				for _, c := range sel {
					s.setArchNames[p.solvables[c].name] = true
				}
			}
			s.disableUpdatesFor(j, sel)
		case JobVerify:
			s.verify = true
		case JobNoop, JobUserInstalled:
		default:
			return fmt.Errorf("job %d (%s): unsupported job kind", i, j.Kind)
		}
	}
	if s.Flags.AllowUninstall && p.Installed != nil {
		for _, id := range p.Installed.Solvables {
			s.weakUpdate[id] = true
		}
	}
	// as libsolv disables the update rules of its clean-deps map, the
	// packages only the erased ones need may go with them rather than
	// make a problem of a requirement on an erased package
	for _, id := range s.cleanDepsCandidates(cleanErase) {
		s.weakUpdate[id] = true
	}
	return nil
}

func dedupSorted(ids []ID) []ID {
	sortIDs(ids)
	return dedupIDs(ids)
}
