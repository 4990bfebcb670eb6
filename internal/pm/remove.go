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
		// dnf also reinstalls the newest; the transaction would pair that reinstall with
		// an older version of the name and lose the package, so nimbus keeps it as it is
		// (docs/pm.md, known differences)
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
