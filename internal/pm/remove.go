package pm

import (
	"errors"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// installOnly reports whether an installed package is install-only (provides one of
// installonlypkgs).
func (b *Base) installOnly(id solver.ID) bool {
	for _, prov := range b.Main.InstallOnlyPkgs {
		for _, p := range b.Pool.WhatProvides(solver.Dep{Name: prov}) {
			if p == id {
				return true
			}
		}
	}
	return false
}

// byNameArch groups installed packages by name.arch, newest first in each group.
func (b *Base) byNameArch(keep func(solver.ID) bool) [][]solver.ID {
	groups := map[string][]solver.ID{}
	for id := range b.Installed {
		if !keep(id) {
			continue
		}
		s := b.Pool.Solvable(id)
		groups[s.Name+"."+s.Arch] = append(groups[s.Name+"."+s.Arch], id)
	}
	var out [][]solver.ID
	for _, k := range sortedKeys(groups) {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool {
			return evr.Compare(evr.ParseLax(b.Pool.Solvable(g[i]).EVR), evr.ParseLax(b.Pool.Solvable(g[j]).EVR)) > 0
		})
		out = append(out, g)
	}
	return out
}

// duplicateJobs are dnf's `remove --duplicates`: for each name.arch installed in more than
// one version (install-only packages aside), all but the newest are erased.
func (b *Base) duplicateJobs() ([]solver.Job, error) {
	var jobs []solver.Job
	for _, g := range b.byNameArch(func(id solver.ID) bool { return !b.installOnly(id) }) {
		if len(g) < 2 {
			continue
		}
		// the newest is also reinstalled (reinstallDuplicates, after the solve)
		for _, id := range g[1:] {
			jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: "--duplicates"})
		}
	}
	if len(jobs) == 0 {
		return nil, errors.New("No duplicated packages found for removal.")
	}
	return jobs, nil
}

// oldInstallOnlyJobs are dnf's `remove --oldinstallonly`: every install-only package but
// the newest version of each name (installonly_limit plays no part).
func (b *Base) oldInstallOnlyJobs() ([]solver.Job, error) {
	byName := map[string][]solver.ID{}
	for _, g := range b.byNameArch(b.installOnly) {
		n := b.Pool.Solvable(g[0]).Name
		byName[n] = append(byName[n], g...)
	}
	var jobs []solver.Job
	for _, n := range sortedKeys(byName) {
		g := byName[n]
		sort.SliceStable(g, func(i, j int) bool {
			return evr.Compare(evr.ParseLax(b.Pool.Solvable(g[i]).EVR), evr.ParseLax(b.Pool.Solvable(g[j]).EVR)) > 0
		})
		for _, id := range g[1:] {
			jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: "--oldinstallonly"})
		}
	}
	if len(jobs) == 0 {
		return nil, errors.New("No old installonly packages found for removal.")
	}
	return jobs, nil
}

// reinstallDuplicates completes remove --duplicates as dnf does: the newest of each
// duplicated name.arch is reinstalled (when a repository has it; else dnf's warning
// "Installed package X not available.") and the older versions, which the solution erases,
// are replaced by that reinstall (dnf's "Obsoleting" steps; one transaction step, so the
// files the versions share stay in place).
func (b *Base) reinstallDuplicates(plan *Plan) {
	for _, g := range b.byNameArch(func(id solver.ID) bool { return !b.installOnly(id) }) {
		if len(g) < 2 {
			continue
		}
		newest := g[0]
		id, ok := b.reinstallTarget(b.Pool.Solvable(newest).String())
		if !ok {
			b.Log("Installed package %s not available.", b.Pool.Solvable(newest))
			continue
		}
		older := map[solver.ID]bool{}
		for _, o := range g[1:] {
			older[o] = true
		}
		for i := range plan.Actions {
			if a := &plan.Actions[i]; a.Kind == ActRemove && older[a.Old] {
				a.Kind, a.New = ActObsoleted, id
			}
		}
		plan.Actions = append(plan.Actions, Action{Kind: ActReinstall, New: id, Old: newest, Reason: b.reasonOf(newest)})
	}
	sort.SliceStable(plan.Actions, func(i, j int) bool { return b.nameOf(plan.Actions[i]) < b.nameOf(plan.Actions[j]) })
}
