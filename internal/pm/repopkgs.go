package pm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// dnf 4.14's `repository-packages REPO SUBCOMMAND [SPEC...]` (RepoPkgsCommand in
// dnf/cli/commands/__init__.py, Base.install/upgrade/remove/reinstall with a reponame):
// the named packages come from REPO, or are those installed from REPO (the repository
// dnf's history says a package came from); their dependencies come from anywhere.

// SetRepoScope limits the listings (ListInstalled, ListAvailable, Upgrades, InfoPackages)
// to one repository, as dnf's list/info/check-update with a reponame: installed packages
// installed from it, available ones in it. "" lifts the limit.
func (b *Base) SetRepoScope(repo string) { b.repoScope = repo }

// inScope reports whether a package is in the repository scope (always without one).
func (b *Base) inScope(id solver.ID) bool {
	if b.repoScope == "" {
		return true
	}
	if b.Installed[id] != nil {
		return b.FromRepo(id) == "@"+b.repoScope
	}
	return b.Pool.Peek(id).Repo.Name == b.repoScope
}

// installedFrom reports whether an installed package came from repo (dnf's
// history.repo(pkg) == repo).
func (b *Base) installedFrom(id solver.ID, repo string) bool {
	return b.Installed[id] != nil && b.FromRepo(id) == "@"+repo
}

// RepoPkgs is what a repository-packages subcommand made of its specs: the request, the
// lines dnf logs on the way (stdout, in order), and whether anything was marked.
type RepoPkgs struct {
	Req  Request
	Msgs []string
	Done bool
}

func (r *RepoPkgs) say(format string, a ...any) { r.Msgs = append(r.Msgs, fmt.Sprintf(format, a...)) }

// specsOr is the specs, or "*" without any (every package).
func specsOr(specs []string) []string {
	if len(specs) == 0 {
		return []string{"*"}
	}
	return specs
}

// RepoPkgsInstall is `install`: Base.install(spec, reponame), each spec's selectors limited
// to REPO's packages and the installed ones ("No match for argument: X" for a spec with
// none; "No package available." when no spec was given).
func (b *Base) RepoPkgsInstall(repo string, specs []string) *RepoPkgs {
	r := &RepoPkgs{}
	for _, spec := range specsOr(specs) {
		var groups [][]solver.ID
		sels := b.installSelectors(spec, nil)
		if isGlob(spec) {
			// per name: REPO's packages and the installed ones of those names
			for _, g := range sels {
				if !slices.ContainsFunc(g, func(id solver.ID) bool { return b.Installed[id] == nil && b.Pool.Peek(id).Repo.Name == repo }) {
					continue
				}
				groups = append(groups, filterIDs(g, func(id solver.ID) bool { return b.Installed[id] != nil || b.Pool.Peek(id).Repo.Name == repo }))
			}
			b.reportInstalled(spec, groups)
		} else if len(sels) > 0 {
			b.reportInstalled(spec, sels)
			if g := filterIDs(sels[0], func(id solver.ID) bool { return b.Installed[id] != nil || b.Pool.Peek(id).Repo.Name == repo }); len(g) > 0 {
				groups = append(groups, g)
			}
		}
		if len(groups) == 0 {
			if len(specs) == 0 {
				r.say("No package available.")
			} else {
				r.say("No match for argument: %s", spec)
			}
			continue
		}
		r.Done = true
		r.Req.ExactInstall = append(r.Req.ExactInstall, groups...)
	}
	return r
}

// RepoPkgsUpgrade is `upgrade`: Base.upgrade(spec, reponame) (the spec's upgrade job with
// only REPO's packages and the installed ones as candidates), or upgrade_all(reponame)
// without specs (an upgrade towards REPO's packages).
func (b *Base) RepoPkgsUpgrade(repo string, specs []string) *RepoPkgs {
	r := &RepoPkgs{}
	// REPO's packages; one identical to an installed package is no upgrade (libsolv's
	// update keeps it as it is; nimbus's solver would reinstall it)
	inRepo := func(id solver.ID) bool {
		return b.Installed[id] == nil && b.Pool.Installable(id) && b.Pool.Peek(id).Repo.Name == repo && !b.sameInstalled(id)
	}
	if len(specs) == 0 {
		var all []solver.ID
		for id := range b.Available.All() {
			if inRepo(id) {
				all = append(all, id)
			}
		}
		slices.Sort(all)
		if len(all) > 0 {
			r.Req.ExactUpgrade = append(r.Req.ExactUpgrade, all)
		}
		r.Done = true
		return r
	}
	for _, spec := range specs {
		job, ok := b.upgradeJob(spec, 0)
		if !ok {
			r.say("No match for argument: %s", spec)
			continue
		}
		r.Done = true
		if g := filterIDs(job.Pkgs, inRepo); len(g) > 0 {
			r.Req.ExactUpgrade = append(r.Req.ExactUpgrade, filterIDs(job.Pkgs, func(id solver.ID) bool { return b.Installed[id] != nil || inRepo(id) }))
		}
	}
	return r
}

// RepoPkgsRemove is `remove`: Base.remove(spec, reponame), the installed matches that came
// from REPO, with their unused dependencies as clean_requirements_on_remove says. What
// matched nothing is logged and the command goes on ("No packages marked for removal.").
func (b *Base) RepoPkgsRemove(repo string, specs []string) *RepoPkgs {
	r := &RepoPkgs{}
	r.Req.EraseCleanDeps = true
	for _, spec := range specsOr(specs) {
		all := b.match(spec, true)
		from := filterIDs(all, func(id solver.ID) bool { return b.installedFrom(id, repo) })
		switch {
		case len(from) > 0:
			r.Done = true
			r.Req.ExactErase = append(r.Req.ExactErase, from...)
		case len(specs) == 0:
			r.say("No package installed from the repository.")
		case len(all) == 0:
			r.say("No match for argument: %s", spec)
		default:
			r.say("All matches were installed from a different repository for argument: %s", spec)
		}
	}
	return r
}

// reinstallFrom is Base.reinstall(spec, old_reponame, new_reponame, new_reponame_neq,
// remove_na): the installed matches (from old when given) reinstalled from an available
// package of the same NEVRA (in repo new, or not in neq), or removed when there is none
// and removeNA. notInstalled: no installed match; notAvailable: the installed matches no
// repository has.
func (b *Base) reinstallFrom(r *RepoPkgs, spec, old, newRepo, neq string, removeNA bool) (notInstalled bool, notAvailable []solver.ID) {
	q := b.match(spec, false)
	inst := filterIDs(q, func(id solver.ID) bool { return b.Installed[id] != nil && (old == "" || b.installedFrom(id, old)) })
	if len(inst) == 0 {
		return true, nil
	}
	byNEVRA := map[string]solver.ID{}
	for _, id := range q {
		if b.Installed[id] != nil || !b.Pool.Installable(id) {
			continue
		}
		repo := b.Pool.Peek(id).Repo.Name
		if newRepo != "" && repo != newRepo || neq != "" && repo == neq {
			continue
		}
		if k := b.Pool.Solvable(id).String(); byNEVRA[k] == 0 {
			byNEVRA[k] = id
		}
	}
	n := 0
	for _, id := range inst {
		if a := byNEVRA[b.Pool.Solvable(id).String()]; a != 0 {
			r.Req.ExactInstall = append(r.Req.ExactInstall, []solver.ID{a})
			n++
		} else if removeNA {
			r.Req.ExactErase = append(r.Req.ExactErase, id)
			r.Req.EraseCleanDeps = true
			n++
		}
	}
	if n == 0 {
		return false, inst
	}
	return false, nil
}

// notAvailable logs dnf's "Installed package X (from R) not available." for each.
func (b *Base) notAvailable(r *RepoPkgs, ids []solver.ID) {
	for _, id := range ids {
		from := ""
		if f := b.FromRepo(id); f != "@System" {
			from = " (from " + strings.TrimPrefix(f, "@") + ")"
		}
		r.say("Installed package %s%s not available.", b.Pool.Solvable(id), from)
	}
}

// RepoPkgsReinstall is `reinstall-old` (old true: packages installed from REPO, again
// from REPO) or `move-to` (any installed package, from REPO). Not done: dnf's "Nothing
// to do." error.
func (b *Base) RepoPkgsReinstall(repo string, specs []string, old bool) *RepoPkgs {
	r := &RepoPkgs{}
	oldRepo := ""
	if old {
		oldRepo = repo
	}
	for _, spec := range specsOr(specs) {
		notInst, notAvail := b.reinstallFrom(r, spec, oldRepo, repo, "", false)
		switch {
		case notInst && len(specs) == 0 && old:
			r.say("No package installed from the repository.")
		case notInst && len(specs) == 0:
			r.say("No package installed.")
		case notInst:
			r.say("No match for argument: %s", spec)
		case len(notAvail) > 0 && len(specs) == 0:
			r.say("No package available.")
		case len(notAvail) > 0:
			b.notAvailable(r, notAvail)
		default:
			r.Done = true
		}
	}
	return r
}

// RepoPkgsRemoveOrReinstall is `remove-or-reinstall`: the packages installed from REPO
// reinstalled from another repository that has them, removed where none has.
func (b *Base) RepoPkgsRemoveOrReinstall(repo string, specs []string) *RepoPkgs {
	r := &RepoPkgs{}
	for _, spec := range specsOr(specs) {
		notInst, _ := b.reinstallFrom(r, spec, repo, "", repo, true)
		switch {
		case notInst && len(specs) == 0:
			r.say("No package installed from the repository.")
		case notInst:
			r.say("No match for argument: %s", spec)
		default:
			r.Done = true
		}
	}
	return r
}

// RepoPkgsRemoveOrDistroSync is `remove-or-distro-sync`: REPO is taken out of the pool
// (dnf's sack.disable_repo, for the whole transaction); each package installed from it is
// distro-synced to the other repositories where they have its name and arch, else
// removed.
func (b *Base) RepoPkgsRemoveOrDistroSync(repo string, specs []string) *RepoPkgs {
	r := &RepoPkgs{}
	for id := range b.Available.All() {
		if b.Pool.Peek(id).Repo.Name == repo {
			b.Pool.Disable(id)
		}
	}
	for _, spec := range specsOr(specs) {
		q := b.match(spec, false)
		inst := filterIDs(q, func(id solver.ID) bool { return b.installedFrom(id, repo) })
		if len(inst) == 0 {
			if len(specs) == 0 {
				r.say("No package installed from the repository.")
			} else {
				r.say("No match for argument: %s", spec)
			}
			continue
		}
		r.Done = true
		for _, id := range inst {
			s := b.Pool.Solvable(id)
			if slices.ContainsFunc(q, func(a solver.ID) bool {
				p := b.Pool.Peek(a)
				return b.Installed[a] == nil && b.Pool.Installable(a) && p.Name == s.Name && p.Arch == s.Arch
			}) {
				r.Req.ExactDistSync = append(r.Req.ExactDistSync, id)
			} else {
				r.Req.ExactErase = append(r.Req.ExactErase, id)
				r.Req.EraseCleanDeps = true
			}
		}
	}
	return r
}
