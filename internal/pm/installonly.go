package pm

import (
	"os"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// installOnlyLimitJobs returns, when the transaction installs a new version of an
// install-only package and more than installonly_limit versions of one name would then be
// installed, jobs keeping the newest (the running kernel first) and erasing the rest — what
// libdnf adds before solving again. None when the limit is 0 (unlimited) or not exceeded.
func (b *Base) installOnlyLimitJobs(res *solver.Result) []solver.Job {
	limit := b.Main.InstallOnlyLimit
	if limit <= 0 {
		return nil
	}
	running := b.runningKernel()
	var jobs []solver.Job
	seen := map[solver.ID]bool{}
	for _, prov := range b.Main.InstallOnlyPkgs {
		byName := map[string][]solver.ID{}
		installing := false
		for _, id := range b.Pool.WhatProvides(solver.Dep{Name: prov}) {
			if !res.Installed(id) || seen[id] {
				continue
			}
			s := b.Pool.Solvable(id)
			byName[s.Name] = append(byName[s.Name], id)
			if s.Repo != b.Pool.Installed {
				installing = true
			}
		}
		if !installing {
			continue
		}
		for _, ids := range byName {
			if len(ids) <= limit {
				continue
			}
			sort.Slice(ids, func(i, j int) bool {
				a, c := b.Pool.Solvable(ids[i]), b.Pool.Solvable(ids[j])
				if ra, rc := running != "" && kernelRelease(a) == running, running != "" && kernelRelease(c) == running; ra != rc {
					return ra
				}
				return evr.Compare(evr.ParseLax(a.EVR), evr.ParseLax(c.EVR)) > 0
			})
			for i, id := range ids {
				seen[id] = true
				kind := solver.JobErase
				if i < limit {
					kind = solver.JobInstall
				}
				jobs = append(jobs, solver.Job{Kind: kind, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Text: "installonly_limit"})
			}
		}
	}
	return jobs
}

// runningKernel is `uname -r` when the install root is the running system, else "".
func (b *Base) runningKernel() string {
	if b.cfg.Root != "/" {
		return ""
	}
	data, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// kernelRelease is a kernel package's uname -r: version-release.arch.
func kernelRelease(s *solver.Solvable) string {
	e := s.EVR
	if i := strings.IndexByte(e, ':'); i >= 0 {
		e = e[i+1:]
	}
	return e + "." + s.Arch
}
