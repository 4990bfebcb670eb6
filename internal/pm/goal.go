package pm

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Request is one package-manager command's intent.
type Request struct {
	Install    []string // specs: name, glob, NEVRA forms, provides, file paths
	Remove     []string
	Upgrade    []string // with UpgradeAll false: these only
	UpgradeAll bool
	Downgrade  []string
	Reinstall  []string
	DistroSync bool
	// DistroSyncSpecs limit distro-sync to these packages.
	DistroSyncSpecs []string
	Autoremove      bool
	// Minimal is upgrade-minimal: Upgrade/UpgradeAll go only to versions Filter allows
	// (without a Filter: the exact versions the repositories' advisories name).
	Minimal bool
	// ExactRemove erases only the packages named, without their unused dependencies (history
	// undo/redo/rollback replay exactly the packages a transaction changed).
	ExactRemove bool
	// Recorded are the reasons a replayed transaction recorded, by NEVRA (history
	// undo/redo/rollback): they decide the table section of the removals, as in dnf.
	Recorded map[string]history.Reason
	// AllowDowngrade lets Install specs name lower versions of installed packages
	// (history redo of a downgrade).
	AllowDowngrade bool
	// Forms, when set, limits how Install and Remove specs are read (install-n: name only,
	// install-na: name.arch, install-nevra: the full NEVRA; no provides or files).
	Forms []NEVRAForm
	// Duplicates is remove --duplicates; OldInstallOnly is remove --oldinstallonly.
	Duplicates, OldInstallOnly bool
	// Swap is dnf's swap: Remove and Install in one goal, without remove's permission to
	// erase other packages (swap.py runs remove's run() but not its configure(), which
	// sets allow_erasing): a package needing the removed one is a problem, as in dnf.
	Swap bool
	// ReinstallFiles lets InstallPkgs reinstall identical installed packages (reinstall FILE).
	ReinstallFiles bool
	// InstallPkgs are packages to install given as such (RPM files added to the pool).
	InstallPkgs []solver.ID
	// Filter, when set, restricts the upgrade candidates of Upgrade/UpgradeAll (the
	// advisory filters of upgrade --security and friends plug in here).
	Filter PkgFilter
	// Group is the package part of group commands (ResolveGroups, groups.go).
	Group *GroupJobs
	// ExactInstall are jobs on exactly these packages, one of each list (hawkey's
	// Selector.set(pkg=query) of `history replay`: a NEVRA from its repository or installed).
	ExactInstall [][]solver.ID
	// ExactErase are installed packages to erase, without their unused dependencies
	// unless EraseCleanDeps (then as clean_requirements_on_remove says).
	ExactErase     []solver.ID
	EraseCleanDeps bool
	// ExactUpgrade are upgrade jobs on exactly these packages, one of each list
	// (repository-packages REPO upgrade: REPO's candidates).
	ExactUpgrade [][]solver.ID
	// ExactDistSync are installed packages to distro-sync (hawkey's goal.distupgrade(pkg)).
	ExactDistSync []solver.ID
}

// NoMatchError lists specs that matched no package.
type NoMatchError struct {
	Specs []string
	// Filtered are the specs that match only packages excludes (excludepkgs, --exclude,
	// versionlock, modular filtering) took away.
	Filtered map[string]bool
}

// NoMatchWords is how dnf says that spec matched nothing: "No match for argument: X", or
// "All matches were filtered out by exclude filtering for argument: X" (base.py's
// _raise_package_not_found_error) when only excluded packages match it.
func NoMatchWords(spec string, filtered map[string]bool) string {
	if filtered[spec] {
		return "All matches were filtered out by exclude filtering for argument: " + spec
	}
	return "No match for argument: " + spec
}

func (e *NoMatchError) Error() string {
	return "Unable to find a match: " + strings.Join(e.Specs, " ")
}

// ProblemError is an unsolvable request with the resolver's explanations.
type ProblemError struct {
	Problems []string
	// Hint is what dnf's cli_run adds on stdout after the error, in parentheses: "try to
	// add '--allowerasing' to command line to replace conflicting packages or
	// '--skip-broken' to skip uninstallable packages" and so on ("" for none).
	Hint string
}

func (e *ProblemError) Error() string {
	if len(e.Problems) > 1 {
		return "Problems:" + e.problems("")
	}
	return "Problem:" + e.problems("")
}

// DNFText is the problems as dnf's _format_resolve_problems words them after "Error: ":
// each on a new line, " Problem: " (" Problem N: " when there are more), its rules
// joined by "\n  - ".
func (e *ProblemError) DNFText() string { return e.problems("\n Problem:") }

// problems lists the problems, " Problem N: " before each when there are more; one alone
// follows single (its prefix).
func (e *ProblemError) problems(single string) string {
	var b strings.Builder
	for i, p := range e.Problems {
		if len(e.Problems) > 1 {
			fmt.Fprintf(&b, "\n Problem %d: %s", i+1, p)
		} else {
			b.WriteString(single + " " + p)
		}
	}
	return b.String()
}

// Action kinds of a plan, in dnf's order of display.
const (
	ActInstall   = "install"
	ActUpgrade   = "upgrade"
	ActDowngrade = "downgrade"
	ActReinstall = "reinstall"
	ActRemove    = "remove"
	ActObsoleted = "obsoleted"
)

// Action is one line of a plan.
type Action struct {
	Kind   string
	New    solver.ID // the package installed (0 for removals)
	Old    solver.ID // the installed package replaced or removed (0 for plain installs)
	Reason history.Reason
	// Dependency marks packages the request did not name (Installing dependencies,
	// Removing dependent packages / unused dependencies).
	Dependency bool
	// Dependent marks a package removed because it needs one the request removes.
	Dependent bool
}

// Plan is a resolved request.
type Plan struct {
	Actions []Action
	NoMatch []string // specs that matched nothing (a warning for remove, an error for install)
	// Filtered are the NoMatch specs that match only excluded packages (NoMatchWords).
	Filtered map[string]bool
	// Skipped are upgrades the solution leaves out (without best), shown as dnf's
	// "Skipping packages with broken dependencies".
	Skipped  []solver.ID
	base     *Base
	userSpec map[solver.ID]bool
	// eraseSpec are the packages the request erases by name (autoremove's too); other
	// removals are dependents ("Removing dependent packages") or unused dependencies.
	eraseSpec map[solver.ID]bool
	keyFiles  map[string][]repoKeyFile // gpgkey files of the repositories keyringFor used
	keyrings  map[string]rpm.Verifier  // package keys by repository (keyringFor)
	group     *GroupJobs               // the group part of the request (comps records, members)
	// OnChecked, when set, is called once the transaction has passed its checks, before
	// anything changes (txn.Options.Checked).
	OnChecked func()
	// OnProgress, when set, is given dnf's transaction display lines as the transaction
	// runs ("Preparing", "Installing", "Running scriptlet", …; VerifyLines after it).
	OnProgress func(ProgressLine)
	// OnResolved, when set, is called after "Dependencies resolved." and before the
	// table (dnf's Command.run_resolved: history replay's checks); an error stops there.
	OnResolved func() error
	// inCache counts the packages Download left in the cache (not used in place, not in
	// DestDir): dnf's "saved in cache" note after --downloadonly.
	inCache int
}

// KeptInCache reports whether Download left packages in the cache for the next
// transaction (dnf's "The downloaded packages were saved in cache" after --downloadonly).
func (p *Plan) KeptInCache() bool { return p.inCache > 0 }

// Comps are the group and environment changes of the plan (dnf's "Installing Groups:" ...).
func (p *Plan) Comps() []history.CompsItem {
	if p.group == nil {
		return nil
	}
	return p.group.Comps
}

// Empty reports whether there is nothing to do.
func (p *Plan) Empty() bool { return len(p.Actions) == 0 }

// Resolve turns a request into solver jobs, solves, and explains the result as a plan.
func (b *Base) Resolve(req Request) (*Plan, error) {
	defer phases.Start("resolve")()
	if b.cfg.NamesOnly {
		return nil, fmt.Errorf("package manager opened with NamesOnly cannot resolve requests")
	}
	var jobs []solver.Job
	var noMatch []string
	user := map[solver.ID]bool{}
	erase := map[solver.ID]bool{} // packages the request names for removal
	flags := solver.JobFlags(0)
	best := b.Main.BestPolicy
	if b.cfg.Best != nil {
		best = *b.cfg.Best
	}
	if best {
		flags |= solver.JobForceBest
	}
	if !b.Main.Strict {
		flags |= solver.JobWeak // strict=false / --skip-broken: what cannot be installed is skipped
	}
	excluded := map[string]bool{}
	for _, spec := range req.Install {
		sels := b.installSelectors(spec, req.Forms)
		if len(sels) == 0 {
			noMatch = append(noMatch, spec)
			excluded[spec] = b.onlyExcluded(spec, req.Forms)
			continue
		}
		b.reportInstalled(spec, sels)
		// libdnf's add_install: SOLVER_SOLVABLE_ONE_OF | SOLVER_SETARCH | SOLVER_SETEVR, so
		// "install lib-1.0" downgrades an installed lib-2.0 and an arch the selection
		// settles is not refused by an inferior-arch rule
		fl := flags | solver.JobSetEVR | solver.JobSetArch
		for _, g := range sels {
			jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelOneOf, Pkgs: g, Flags: fl, Text: spec})
			for _, id := range g {
				user[id] = true
			}
		}
	}
	if req.Group != nil {
		jobs = append(jobs, b.groupPkgJobs(req.Group, flags, user, erase)...)
	}
	for _, g := range req.ExactInstall {
		jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelOneOf, Pkgs: g, Flags: flags | solver.JobSetEVR | solver.JobSetArch, Text: b.Pool.Solvable(g[0]).String()})
		for _, id := range g {
			user[id] = true
		}
	}
	for _, id := range req.ExactErase {
		fl := solver.JobFlags(0)
		if req.EraseCleanDeps && b.Main.CleanOnRemove && !b.cfg.NoAutoremove {
			fl = solver.JobCleanDeps
		}
		jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Flags: fl, Text: b.Pool.Solvable(id).String()})
		erase[id] = true
	}
	for _, g := range req.ExactUpgrade {
		jobs = append(jobs, solver.Job{Kind: solver.JobUpdate, Sel: solver.SelOneOf, Pkgs: g, Flags: flags, Text: "upgrade"})
	}
	for _, id := range req.ExactDistSync {
		jobs = append(jobs, solver.Job{Kind: solver.JobDistUpgrade, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: b.Pool.Solvable(id).String()})
	}
	for _, id := range req.InstallPkgs {
		if !req.ReinstallFiles && b.sameInstalled(id) {
			b.Note("Package %s is already installed.", b.Pool.Solvable(id))
			continue
		}
		jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Flags: flags, Text: b.Pool.Solvable(id).String()})
		user[id] = true
	}
	removeMisses := 0 // a remove spec that matches nothing is reported, not an error (dnf's remove, and swap's)
	for _, spec := range req.Remove {
		ids := b.subject(spec, req.Forms, true, func(id solver.ID) bool { return b.Installed[id] != nil && !b.excludedInstalled(id) }).ids
		if len(ids) == 0 {
			noMatch = append(noMatch, spec)
			removeMisses++
			continue
		}
		if req.Autoremove {
			// autoremove SPEC: only those of the named packages nothing needs
			unneeded := map[solver.ID]bool{}
			for _, id := range b.unneeded() {
				unneeded[id] = true
			}
			ids = filterIDs(ids, func(id solver.ID) bool { return unneeded[id] })
		}
		for _, id := range ids {
			fl := solver.JobCleanDeps
			if req.ExactRemove || req.Autoremove || !b.Main.CleanOnRemove || b.cfg.NoAutoremove {
				fl = 0
			}
			jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Flags: fl, Text: spec})
			erase[id] = true
		}
	}
	for _, f := range []struct {
		on   bool
		jobs func() ([]solver.Job, error)
	}{{req.Duplicates, b.duplicateJobs}, {req.OldInstallOnly, b.oldInstallOnlyJobs}} {
		if f.on {
			js, err := f.jobs()
			if err != nil {
				return nil, err
			}
			jobs = append(jobs, js...)
		}
	}
	filtered := req.Minimal || req.Filter != nil
	if filtered && (req.UpgradeAll || len(req.Upgrade) > 0) {
		job, ok, warning, nm, err := b.filteredUpgradeJob(req, flags)
		if err != nil {
			return nil, err
		}
		if warning != "" {
			b.Log("%s", warning)
		}
		noMatch = append(noMatch, nm...)
		if ok {
			jobs = append(jobs, job)
		}
	}
	for _, spec := range req.Upgrade {
		if filtered {
			break
		}
		job, ok := b.upgradeJob(spec, flags)
		if !ok {
			noMatch = append(noMatch, spec)
			continue
		}
		jobs = append(jobs, job)
	}
	if req.UpgradeAll && !filtered {
		jobs = append(jobs, solver.Job{Kind: solver.JobUpdate, Sel: solver.SelAll, Flags: flags, Text: "upgrade"})
	}
	if req.DistroSync && len(req.DistroSyncSpecs) == 0 {
		jobs = append(jobs, solver.Job{Kind: solver.JobDistUpgrade, Sel: solver.SelAll, Text: "distro-sync"})
	}
	for _, spec := range req.DistroSyncSpecs {
		names := map[string]bool{}
		for _, id := range b.match(spec, true) {
			names[b.Pool.Solvable(id).Name] = true
		}
		if len(names) == 0 {
			b.Note("No package %s installed.", spec)
			continue
		}
		for _, n := range sortedKeys(names) {
			jobs = append(jobs, solver.Job{Kind: solver.JobDistUpgrade, Sel: solver.SelName, Dep: solver.Dep{Name: n}, Text: spec})
		}
	}
	for _, spec := range req.Downgrade {
		id, installed := b.downgradeTarget(spec)
		if !installed {
			noMatch = append(noMatch, spec)
			continue
		}
		if id == 0 {
			continue // logged: nothing lower (dnf says so and goes on)
		}
		jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: spec})
	}
	for _, spec := range req.Reinstall {
		found := false
		for _, iid := range b.match(spec, true) { // every installed match (reinstall py3-*)
			id, ok := b.reinstallTarget(b.Pool.Solvable(iid).String())
			if !ok {
				continue
			}
			found = true
			jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: spec})
			user[id] = true
		}
		if !found {
			noMatch = append(noMatch, spec)
		}
	}
	if req.Autoremove && len(req.Remove) == 0 {
		for _, id := range b.unneeded() {
			jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: "autoremove"})
		}
	}
	if len(req.Install)+len(req.Downgrade)+len(req.Reinstall)+len(req.Upgrade) > 0 && len(noMatch) > removeMisses && b.Main.Strict {
		return nil, &NoMatchError{Specs: noMatch, Filtered: excluded}
	}
	for _, j := range jobs {
		if j.Kind == solver.JobErase {
			for _, id := range j.Pkgs {
				erase[id] = true
			}
		}
	}
	plan := &Plan{NoMatch: noMatch, Filtered: excluded, base: b, userSpec: user, eraseSpec: erase, group: req.Group}
	if len(jobs) == 0 {
		return plan, nil
	}
	// The installed packages the user asked for (or whose reason is unknown) anchor
	// clean-deps: dependencies only they needed are kept.
	for id, p := range b.Installed {
		r := b.reasons[p.Info.Name+"."+p.Info.Arch]
		// excluded installed packages are out of the request's reach, as in dnf
		if r == "" || r == history.User || r == history.Unknown || r == history.Group || b.excludedInstalled(id) {
			jobs = append(jobs, solver.Job{Kind: solver.JobUserInstalled, Sel: solver.SelPkg, Pkgs: []solver.ID{id}})
		}
	}
	for _, n := range b.Main.InstallOnlyPkgs {
		jobs = append(jobs, solver.Job{Kind: solver.JobMultiversion, Sel: solver.SelProvides, Dep: solver.Dep{Name: n}})
	}
	res, err := b.solve(req, jobs, best)
	if err != nil {
		return nil, err
	}
	// installonly_limit: with more versions of an install-only package than the limit
	// after the transaction, the oldest go (libdnf's limitInstallonlyPackages), re-solved.
	if extra := b.installOnlyLimitJobs(res); len(extra) > 0 {
		for _, j := range extra {
			if j.Kind == solver.JobErase {
				for _, id := range j.Pkgs {
					plan.eraseSpec[id] = true
				}
			}
		}
		if res, err = b.solve(req, append(jobs, extra...), best); err != nil {
			return nil, err
		}
	}
	b.explain(plan, res)
	plan.replaySections(req.Recorded)
	if req.Duplicates {
		b.reinstallDuplicates(plan)
	}
	if req.Group != nil { // hawkey's Goal.get_reason: a user-reason group member is "group"
		for i := range plan.Actions {
			a := &plan.Actions[i]
			if a.Kind == ActInstall && a.Reason == history.User && req.Group.Members[b.Pool.Solvable(a.New).Name] {
				a.Reason = history.Group
			}
		}
	}
	if !best && (req.UpgradeAll || len(req.Upgrade) > 0) {
		plan.Skipped = b.skippedUpgrades(res, jobs)
	}
	// strict=false / --skip-broken: the install requests the solution could not honour
	for _, j := range jobs {
		if j.Kind != solver.JobInstall || j.Flags&solver.JobWeak == 0 || len(j.Pkgs) == 0 {
			continue
		}
		done := false
		for _, id := range j.Pkgs {
			done = done || res.Installed(id)
		}
		if !done {
			plan.Skipped = append(plan.Skipped, j.Pkgs[len(j.Pkgs)-1])
		}
	}
	return plan, nil
}

// skippedUpgrades are the newest candidates of the upgrade jobs that the solution leaves
// out (dnf's "Skipping packages with broken dependencies" without best): installed
// packages with a newer installable version that stay as they are.
func (b *Base) skippedUpgrades(res *solver.Result, jobs []solver.Job) []solver.ID {
	all := false
	cands := map[solver.ID]bool{}
	for _, j := range jobs {
		if j.Kind != solver.JobUpdate {
			continue
		}
		if j.Sel == solver.SelAll {
			all = true
		}
		for _, id := range j.Pkgs {
			cands[id] = true
		}
	}
	var out []solver.ID
	for iid := range b.Installed {
		if !res.Installed(iid) || b.installOnly(iid) {
			continue
		}
		cur := b.Pool.Solvable(iid)
		var newest solver.ID
		for aid := range b.Available.All() {
			as := b.Pool.Solvable(aid)
			if !all && !cands[aid] || as.Name != cur.Name || as.Arch != cur.Arch || !b.Pool.Installable(aid) {
				continue
			}
			if evr.Compare(evr.ParseLax(as.EVR), evr.ParseLax(cur.EVR)) <= 0 {
				continue
			}
			if newest == 0 || evr.Compare(evr.ParseLax(as.EVR), evr.ParseLax(b.Pool.Solvable(newest).EVR)) > 0 {
				newest = aid
			}
		}
		if newest != 0 && !res.Installed(newest) {
			out = append(out, newest)
		}
	}
	sort.Slice(out, func(i, j int) bool { return b.Pool.Solvable(out[i]).Name < b.Pool.Solvable(out[j]).Name })
	return out
}

// zeroEpoch finds the "0:" of a zero epoch in a dependency's version ("lib >= 0:2.0"),
// which dnf does not print.
var zeroEpoch = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`([<>=] )0:`) }}

// solve runs the solver with dnf's flags and turns problems into a *ProblemError.
func (b *Base) solve(req Request, jobs []solver.Job, best bool) (*solver.Result, error) {
	s := solver.New(b.Pool)
	s.Flags = solver.DefaultFlags()
	// dnf's remove and autoremove allow erasing: dependents of what goes go too
	s.Flags.AllowUninstall = b.cfg.AllowErasing || len(req.Remove) > 0 && !req.Swap || req.Autoremove || req.Duplicates || req.OldInstallOnly ||
		req.Group != nil && len(req.Group.Remove) > 0
	s.Flags.InstallWeakDeps = b.installWeakDeps()
	s.Flags.IgnoreRecommended = !s.Flags.InstallWeakDeps
	s.Flags.AllowVendorChange = true
	s.Flags.YumObsoletes = true
	s.Flags.BestObeyPolicy = true
	s.Flags.FocusBest = best
	s.Flags.AllowDowngrade = len(req.Downgrade) > 0 || req.AllowDowngrade
	res, err := s.Solve(jobs)
	if err != nil {
		return nil, err
	}
	if len(res.Problems) > 0 {
		var ps []string
		conflicts := false
		for _, p := range res.Problems {
			text := strings.Join(p.DNFRules(), "\n  - ")
			ps = append(ps, zeroEpoch.Get().ReplaceAllString(text, "$1"))
			for _, id := range p.Conflicting() {
				conflicts = conflicts || b.Installed[id] == nil && !b.sameInstalled(id)
			}
		}
		return nil, &ProblemError{Problems: ps, Hint: b.problemHint(conflicts && !s.Flags.AllowUninstall)}
	}
	return res, nil
}

// problemHint is the advice dnf's cli_run prints after a depsolve error: --allowerasing
// when a problem has a conflict with a package not installed (libdnf's
// problem_conflicts(available=True)) and erasing was not allowed, --skip-broken when
// strict, --nobest when best is set by the configuration files or defaults only.
func (b *Base) problemHint(conflicts bool) string {
	var msg string
	if conflicts {
		msg = "try to add '--allowerasing' to command line to replace conflicting packages"
	}
	if b.Main.Strict {
		if msg == "" {
			msg = "try to add '--skip-broken' to skip uninstallable packages"
		} else {
			msg += " or '--skip-broken' to skip uninstallable packages"
		}
	}
	if _, set := b.cfg.Setopt["best"]; b.Main.BestPolicy && b.cfg.Best == nil && !set {
		if msg == "" {
			msg = "try to add '--nobest' to use not only best candidate packages"
		} else {
			msg += " or '--nobest' to use not only best candidate packages"
		}
	}
	if msg == "" {
		return ""
	}
	return "(" + msg + ")"
}

// explain converts the solver's transaction into plan actions with reasons.
func (b *Base) explain(plan *Plan, res *solver.Result) {
	erasedByUser := map[solver.ID]bool{}
	obsoletes := map[solver.ID]solver.ID{} // obsoleting package -> an installed package it replaces
	for _, st := range res.Steps {
		if st.Kind == solver.StepObsoleted && st.New != 0 && st.Old != 0 {
			obsoletes[st.New] = st.Old
		}
	}
	var why *requirers // built at the first package installed as a dependency
	for _, st := range res.Steps {
		a := Action{New: st.New, Old: st.Old}
		switch st.Kind {
		case solver.StepInstall:
			a.Kind = ActInstall
			switch old, ok := obsoletes[st.New]; {
			case plan.userSpec[st.New]:
				a.Reason = history.User
			case ok:
				a.Reason = b.reasonOf(old) // replaces the obsoleted package, as an upgrade would
			case b.sameNameInstalled(st.New) != 0:
				// a new version of an install-only package: kept as the old one, and shown
				// in the section of that reason (dnf: a kernel-core pulled in by its
				// modules is under "Installing dependencies")
				a.Reason = b.reasonOf(b.sameNameInstalled(st.New))
				a.Dependency = a.Reason == history.Dependency || a.Reason == history.Weak
			default:
				if why == nil {
					why = b.requirersOf(res)
				}
				a.Reason, a.Dependency = b.installReason(res, why, st.New), true
			}
		case solver.StepUpgrade:
			a.Kind, a.Reason = ActUpgrade, b.reasonOf(st.Old)
		case solver.StepDowngrade:
			a.Kind, a.Reason = ActDowngrade, b.reasonOf(st.Old)
		case solver.StepReinstall:
			a.Kind, a.Reason = ActReinstall, b.reasonOf(st.Old)
		case solver.StepErase:
			a.Kind = ActRemove
			erasedByUser[st.Old] = true
		case solver.StepObsoleted:
			a.Kind = ActObsoleted
		}
		plan.Actions = append(plan.Actions, a)
	}
	clean := map[solver.ID]bool{}
	for _, id := range res.CleanDeps {
		clean[id] = true
	}
	for i := range plan.Actions {
		a := &plan.Actions[i]
		switch {
		case a.Kind != ActRemove || plan.eraseSpec[a.Old]:
		case clean[a.Old]:
			a.Dependency, a.Reason = true, history.Clean
		case b.unusedOnceRemoved(res, a.Old):
			// a dependency whose users all go: dnf's clean-deps claims it first
			a.Dependency, a.Reason = true, history.Clean
		default:
			a.Dependent = true // removed because it requires a package the request removes
		}
	}
	sort.SliceStable(plan.Actions, func(i, j int) bool {
		return b.nameOf(plan.Actions[i]) < b.nameOf(plan.Actions[j])
	})
}

// excludedInstalled reports whether --exclude or dnf.conf's excludepkgs name an installed
// package (dnf hides it from the request: neither removed by name nor cleaned).
func (b *Base) excludedInstalled(id solver.ID) bool {
	for _, d := range b.cfg.DisableExcludes {
		if d == "all" || d == "main" {
			return false
		}
	}
	return globMatch(append(append([]string{}, b.Main.ExcludePkgs...), b.cfg.Exclude...), b.Pool.Solvable(id).Name)
}

// unusedOnceRemoved reports whether an installed dependency (reason dependency or weak)
// is needed only by packages the transaction removes.
func (b *Base) unusedOnceRemoved(res *solver.Result, id solver.ID) bool {
	if r := b.reasonOf(id); r != history.Dependency && r != history.Weak {
		return false
	}
	needed := false
	for other := range b.Installed {
		if other == id {
			continue
		}
		os := b.Pool.Solvable(other)
		for _, d := range append(append(append([]solver.Dep{}, os.Requires...), os.PreRequires...), os.Recommends...) {
			for _, l := range leaves(d) {
				for _, p := range b.Pool.WhatProvides(l) {
					if p == id {
						needed = true
						if res.Installed(other) {
							return false
						}
					}
				}
			}
		}
	}
	return needed
}

// sameInstalled reports whether a package of the same NEVRA is installed.
func (b *Base) sameInstalled(id solver.ID) bool {
	s := b.Pool.Solvable(id)
	for iid := range b.Installed {
		if is := b.Pool.Solvable(iid); is.Name == s.Name && is.EVR == s.EVR && is.Arch == s.Arch {
			return true
		}
	}
	return false
}

// sameNameInstalled is an installed package of the same name and arch as id (0 if none).
func (b *Base) sameNameInstalled(id solver.ID) solver.ID {
	s := b.Pool.Solvable(id)
	for iid, p := range b.Installed {
		if p.Info.Name == s.Name && p.Info.Arch == s.Arch {
			return iid
		}
	}
	return 0
}

// requirers are, of the packages installed after a transaction, those another one of them
// requires (req) and those another one only recommends (rec): what installReason asks of
// each package the transaction pulls in, computed once for all of them (asked per package
// it walked the whole new set each time, its dependencies made again for every pair:
// 60 ms of the 229-package install of bench/pm-large.sh).
type requirers struct{ req, rec map[solver.ID]bool }

// requirersOf indexes res's new set. A package o requires p when one of o's Requires or
// PreRequires leaves is provided by p (p != o), except a rich requirement ("lib or extra")
// another installed package satisfies: libsolv decides it for the other, and p came for
// its own reason.
func (b *Base) requirersOf(res *solver.Result) *requirers {
	w := &requirers{req: map[solver.ID]bool{}, rec: map[solver.ID]bool{}}
	var provs []solver.ID
	providers := func(d solver.Dep) []solver.ID {
		provs = provs[:0]
		for _, l := range leaves(d) {
			provs = append(provs, b.Pool.WhatProvides(l)...)
		}
		return provs
	}
	for _, o := range res.NewSet() {
		os := b.Pool.Solvable(o)
		for _, reqs := range [2][]solver.Dep{os.Requires, os.PreRequires} {
			for _, d := range reqs {
				ps := providers(d)
				// a rich requirement: the installed providers; p is required unless
				// another one (not p) is installed
				var inst []solver.ID
				if d.Rich != nil {
					for _, q := range ps {
						if res.Installed(q) && !slices.Contains(inst, q) {
							inst = append(inst, q)
						}
					}
				}
				for _, p := range ps {
					if p == o {
						continue
					}
					if len(inst) == 0 || len(inst) == 1 && inst[0] == p {
						w.req[p] = true
					}
				}
			}
		}
		for _, d := range os.Recommends {
			for _, p := range providers(d) {
				if p != o {
					w.rec[p] = true
				}
			}
		}
	}
	return w
}

// installReason is why a package the request did not name is installed, as dnf records
// it: a new version of an install-only package keeps the reason of the installed one (an
// upgraded kernel is no dependency for autoremove); one only recommended or supplemented
// by the new system is a weak dependency; else a dependency. why indexes res
// (requirersOf).
func (b *Base) installReason(res *solver.Result, why *requirers, id solver.ID) history.Reason {
	s := b.Pool.Solvable(id)
	for iid, p := range b.Installed {
		if p.Info.Name == s.Name && p.Info.Arch == s.Arch {
			return b.reasonOf(iid)
		}
	}
	if why.req[id] {
		return history.Dependency
	}
	weak := why.rec[id]
	for _, d := range s.Supplements {
		for _, l := range leaves(d) {
			for _, p := range b.Pool.WhatProvides(l) {
				weak = weak || res.Installed(p)
			}
		}
	}
	if weak {
		return history.Weak
	}
	return history.Dependency
}

func (b *Base) nameOf(a Action) string {
	if a.New != 0 {
		return b.Pool.Solvable(a.New).Name
	}
	return b.Pool.Solvable(a.Old).Name
}

func (b *Base) reasonOf(old solver.ID) history.Reason {
	if p := b.Installed[old]; p != nil {
		if r, ok := b.reasons[p.Info.Name+"."+p.Info.Arch]; ok {
			return r
		}
	}
	return history.User
}

func groupByName(pool *solver.Pool, ids []solver.ID) [][]solver.ID {
	by := map[string][]solver.ID{}
	for _, id := range ids {
		n := pool.Solvable(id).Name
		by[n] = append(by[n], id)
	}
	var out [][]solver.ID
	for _, n := range sortedKeys(by) {
		out = append(out, by[n])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// match resolves a package spec the way dnf does (hawkey's Subject, spec.go): the NEVRA
// forms, then provides (including "name OP version"), then file paths. installedOnly
// restricts to installed packages; source packages never match.
func (b *Base) match(spec string, installedOnly bool) []solver.ID {
	return b.subject(spec, nil, true, func(id solver.ID) bool {
		return b.Installed[id] != nil || !installedOnly && b.Pool.Installable(id)
	}).ids
}

// upgradeJob is dnf's Base.upgrade of one spec: a targeted update to the packages the spec
// matches (and those obsoleting them); a spec naming a package that is not installed
// matches nothing ("Package X available, but not installed.").
func (b *Base) upgradeJob(spec string, flags solver.JobFlags) (solver.Job, bool) {
	m := b.subject(spec, nil, true, func(id solver.ID) bool {
		return b.Installed[id] != nil || b.Pool.Installable(id)
	})
	if len(m.ids) == 0 {
		return solver.Job{}, false
	}
	obs := b.obsoleters(b.installedIDs())
	if m.by == "nevra" && !isGlob(spec) {
		have := false
		for id := range b.Installed {
			have = have || b.Pool.Solvable(id).Name == m.form.name
		}
		if !have && len(intersect(m.ids, obs)) == 0 {
			b.Log("Package %s available, but not installed.", m.form.name)
			return solver.Job{}, false
		}
	}
	ids := append(append([]solver.ID{}, m.ids...), b.obsoleters(m.ids)...)
	if m.by == "nevra" && m.form.justName() || m.by != "nevra" {
		// a name (or provide, or file) upgrades to the best version: the job is by name
		names := map[string]bool{}
		for _, id := range m.ids {
			if b.Installed[id] != nil || m.by == "nevra" {
				names[b.Pool.Solvable(id).Name] = true
			}
		}
		for id := range b.Available.All() {
			if names[b.Pool.Peek(id).Name] && b.Pool.Installable(id) {
				ids = append(ids, id)
			}
		}
	}
	return solver.Job{Kind: solver.JobUpdate, Sel: solver.SelOneOf, Pkgs: dedupSorted(ids), Flags: flags, Text: spec}, true
}

func (b *Base) installedIDs() []solver.ID {
	out := make([]solver.ID, 0, len(b.Installed))
	for id := range b.Installed {
		out = append(out, id)
	}
	return out
}

func intersect(a, b []solver.ID) []solver.ID {
	in := map[solver.ID]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []solver.ID
	for _, x := range a {
		if in[x] {
			out = append(out, x)
		}
	}
	return out
}

func dedupSorted(ids []solver.ID) []solver.ID {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// installSelectors are the package sets an install spec becomes, as dnf's
// _get_best_selectors makes them: a name glob gives one set per name; anything else one
// set (the solver picks one of several providers); a bare name also offers the packages
// obsoleting its matches (install oldname gets newname).
func (b *Base) installSelectors(spec string, forms []NEVRAForm) [][]solver.ID {
	m := b.subject(spec, forms, true, func(id solver.ID) bool {
		// dnf's excludes take installed packages out of the query too
		if b.Installed[id] != nil {
			return !b.excludedInstalled(id)
		}
		return b.Pool.Installable(id)
	})
	if len(m.ids) == 0 {
		return nil
	}
	withObsoletes := m.by == "nevra" && m.form.justName()
	if isGlob(spec) && m.by != "file" {
		var out [][]solver.ID
		for _, g := range groupByName(b.Pool, m.ids) {
			if withObsoletes {
				g = append(g, b.obsoleters(g)...)
			}
			out = append(out, g)
		}
		return out
	}
	ids := m.ids
	if withObsoletes {
		ids = append(ids, b.obsoleters(ids)...)
	}
	return [][]solver.ID{ids}
}

// onlyExcluded reports whether spec, which matched nothing, matches packages that
// excludes took away (installed ones excludepkgs names, or disabled repository packages of
// a fitting architecture).
func (b *Base) onlyExcluded(spec string, forms []NEVRAForm) bool {
	return len(b.subject(spec, forms, true, func(id solver.ID) bool {
		return b.Installed[id] != nil || b.Pool.Disabled(id)
	}).ids) > 0
}

// reportInstalled says which installed packages an install spec already names, as dnf's
// _get_best_selectors(reports=True) does ("Package bash-5.2-1.x86_64 is already
// installed."; dnf neither installs nor upgrades them): every installed package the spec
// selects, or for a glob those whose name the spec also finds in a repository.
func (b *Base) reportInstalled(spec string, sels [][]solver.ID) {
	var inst []solver.ID
	for _, g := range sels {
		avail := false
		for _, id := range g {
			avail = avail || b.Installed[id] == nil
		}
		for _, id := range g {
			if b.Installed[id] != nil && (avail || !isGlob(spec)) {
				inst = append(inst, id)
			}
		}
	}
	slices.Sort(inst)
	for _, id := range slices.Compact(inst) {
		b.Note("Package %s is already installed.", b.Pool.Solvable(id))
	}
}

// obsoleters are the installable repository packages whose Obsoletes match one of ids.
func (b *Base) obsoleters(ids []solver.ID) []solver.ID {
	target := map[solver.ID]bool{}
	for _, id := range ids {
		target[id] = true
	}
	var out []solver.ID
	for id := range b.Available.All() {
		// Peek and Deps, not Solvable: a walk over every repository package must not
		// fill in (and keep) every package's dependency lists (35 MB on Debian's 63k).
		// A package without obsoletes in the pool is passed over without a Solvable made
		// for it (the pool's count, not the index's: a loaded index reads its package
		// records from its file), and first: most have none, and the count is cheaper
		// than the target set's lookup and the architecture policy's.
		if b.Pool.NumDeps(id, "Obs") == 0 || target[id] || !b.Pool.Installable(id) {
			continue
		}
		for _, o := range b.Pool.Peek(id).Deps("Obs") {
			for _, p := range b.Pool.WhatProvides(o) {
				if target[p] && b.Pool.Peek(p).Name == o.Name {
					out = append(out, id)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func stripZeroEpoch(e string) string { return strings.TrimPrefix(e, "0:") }

// versionOnly is the version part of an [epoch:]version-release.
func versionOnly(e string) string {
	v := evr.ParseLax(e)
	return v.Version
}

// downgradeTarget picks what dnf's downgrade of a spec installs: the version the spec
// names, or else the highest available version below the installed one. installed is
// false when no package of the spec's name is installed (an error); id is 0 when nothing
// lower is available (dnf says so and goes on).
func (b *Base) downgradeTarget(spec string) (id solver.ID, installed bool) {
	m := b.subject(spec, nil, true, func(id solver.ID) bool {
		return b.Installed[id] != nil || b.Pool.Installable(id)
	})
	for _, c := range m.ids {
		s := b.Pool.Solvable(c)
		var cur *solver.Solvable
		for iid := range b.Installed {
			if is := b.Pool.Solvable(iid); is.Name == s.Name && (cur == nil || evr.Compare(evr.ParseLax(is.EVR), evr.ParseLax(cur.EVR)) > 0) {
				cur = is
			}
		}
		if cur == nil {
			continue
		}
		installed = true
		pool := m.ids
		if m.by != "nevra" || m.form.justName() {
			pool = nil
			for aid := range b.Available.All() {
				pool = append(pool, aid)
			}
		}
		for _, aid := range pool {
			as := b.Pool.Solvable(aid)
			if b.Available.Get(aid) == nil || as.Name != cur.Name || as.Arch != cur.Arch && as.Arch != "noarch" || !b.Pool.Installable(aid) {
				continue
			}
			if evr.Compare(evr.ParseLax(as.EVR), evr.ParseLax(cur.EVR)) >= 0 {
				continue
			}
			if id == 0 || evr.Compare(evr.ParseLax(as.EVR), evr.ParseLax(b.Pool.Solvable(id).EVR)) > 0 {
				id = aid
			}
		}
		if id == 0 {
			b.Log("Package %s of lowest version already installed, cannot downgrade it.", cur.String())
		}
		return id, installed
	}
	if len(m.ids) > 0 {
		b.Log("Packages for argument %s available, but not installed.", spec)
	}
	return 0, false
}

// reinstallTarget finds the available package identical to an installed one.
func (b *Base) reinstallTarget(spec string) (solver.ID, bool) {
	for _, iid := range b.match(spec, true) {
		cur := b.Pool.Solvable(iid)
		for id := range b.Available.All() {
			s := b.Pool.Peek(id)
			if s.Name == cur.Name && s.EVR == cur.EVR && s.Arch == cur.Arch {
				return id, true
			}
		}
	}
	return 0, false
}

// unneeded lists installed packages installed as dependencies that no user-installed
// package needs any more (dnf's autoremove), following requires through the installed set.
func (b *Base) unneeded() []solver.ID {
	keep := map[solver.ID]bool{}
	var stack []solver.ID
	for id, p := range b.Installed {
		r, ok := b.reasons[p.Info.Name+"."+p.Info.Arch]
		if !ok || r == history.User || r == history.Unknown || r == history.Group {
			keep[id] = true
			stack = append(stack, id)
		}
	}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := b.Pool.Solvable(id)
		reqs := append(append(append([]solver.Dep{}, s.Requires...), s.PreRequires...), s.Recommends...)
		for _, d := range reqs {
			for _, leaf := range leaves(d) {
				for _, p := range b.Pool.WhatProvides(leaf) {
					if b.Installed[p] != nil && !keep[p] {
						keep[p] = true
						stack = append(stack, p)
					}
				}
			}
		}
	}
	var out []solver.ID
	for id := range b.Installed {
		if !keep[id] {
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// leaves lists the plain dependencies inside a (possibly rich) dependency.
func leaves(d solver.Dep) []solver.Dep {
	if d.Rich == nil {
		return []solver.Dep{d}
	}
	var out []solver.Dep
	var walk func(r *solver.Rich)
	walk = func(r *solver.Rich) {
		if r.Op == solver.RichAtom {
			out = append(out, r.Atom)
			return
		}
		for _, a := range r.Args {
			walk(a)
		}
	}
	walk(d.Rich)
	return out
}
