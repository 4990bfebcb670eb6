package universe

import (
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// StubMissing adds to repo one package, "universe-stub", that provides
// every name that packages of the pool require but nothing provides. It
// stands in for the repositories a universe depends on but that are not
// loaded (AppStream needs BaseOS), so jobs on it can be solved and
// compared; it returns how many names it provides.
func StubMissing(p *solver.Pool, repo *solver.Repo) int {
	p.CreateWhatProvides()
	missing := map[string]bool{}
	check := func(d solver.Dep) {
		if d.Rich != nil {
			return
		}
		if len(p.WhatProvides(solver.Dep{Name: d.Name})) == 0 {
			missing[d.Name] = true
		}
	}
	for id := solver.ID(1); int(id) <= p.Len(); id++ {
		s := p.Peek(id)
		for _, d := range s.Deps("Req") {
			check(d)
		}
		for _, d := range s.Deps("Prq") {
			check(d)
		}
	}
	names := make([]string, 0, len(missing))
	for n := range missing {
		names = append(names, n)
	}
	sort.Strings(names)
	stub := &solver.Solvable{Name: "universe-stub", EVR: "1-1", Arch: "noarch"}
	for _, n := range names {
		if strings.HasPrefix(n, "/") {
			stub.Files = append(stub.Files, n) // file dependencies match file lists
			continue
		}
		// a high version meets ">=" requirements without matching the
		// "<" conflicts that packages carry against old base packages
		stub.Provides = append(stub.Provides, solver.Dep{Name: n, Op: solver.OpEqual, EVR: "999999999999"})
	}
	repo.Add(stub)
	p.CreateWhatProvides()
	return len(names)
}
