package solver_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// instance is a random problem: a pool and jobs.
type instance struct {
	pool *solver.Pool
	jobs []solver.Job
	desc string
}

var names = []string{"a", "b", "c", "d", "e"}

func randDep(r *rand.Rand) solver.Dep {
	n := names[r.Intn(len(names))]
	if r.Intn(3) == 0 {
		n = fmt.Sprintf("v%d", r.Intn(2)) // a virtual provide
	}
	d := solver.Dep{Name: n}
	if r.Intn(3) == 0 {
		d.Op = []evr.Op{solver.OpLess, solver.OpEqual, solver.OpGreater, solver.OpGreater | solver.OpEqual}[r.Intn(4)]
		d.EVR = fmt.Sprintf("%d-1", 1+r.Intn(2))
	}
	return d
}

func randPkg(r *rand.Rand, name string, ver int) *solver.Solvable {
	s := &solver.Solvable{Name: name, EVR: fmt.Sprintf("%d-1", ver), Arch: "noarch"}
	for k := r.Intn(3); k > 0; k-- {
		if d := randDep(r); d.Name != name {
			s.Requires = append(s.Requires, d)
		}
	}
	if r.Intn(4) == 0 {
		if d := randDep(r); d.Name != name {
			s.Conflicts = append(s.Conflicts, d)
		}
	}
	if r.Intn(3) == 0 {
		s.Provides = append(s.Provides, solver.Dep{Name: fmt.Sprintf("v%d", r.Intn(2)), Op: solver.OpEqual, EVR: fmt.Sprintf("%d-1", 1+r.Intn(2))})
	}
	if r.Intn(8) == 0 {
		s.Obsoletes = append(s.Obsoletes, solver.Dep{Name: names[r.Intn(len(names))]})
	}
	return s
}

func randInstance(seed int64) instance {
	r := rand.New(rand.NewSource(seed))
	p := solver.NewPool()
	p.SetArch("x86_64")
	sys := p.NewRepo("system", 0)
	p.Installed = sys
	repo := p.NewRepo("repo", 0)
	for _, n := range names {
		if r.Intn(3) == 0 {
			sys.Add(randPkg(r, n, 1))
		}
		for v := 1; v <= 1+r.Intn(2); v++ {
			repo.Add(randPkg(r, n, v))
		}
	}
	var jobs []solver.Job
	for k := 1 + r.Intn(2); k > 0; k-- {
		n := names[r.Intn(len(names))]
		switch r.Intn(4) {
		case 0, 1:
			jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: n}})
		case 2:
			jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelName, Dep: solver.Dep{Name: n}})
		case 3:
			jobs = append(jobs, solver.Job{Kind: solver.JobUpdate, Sel: solver.SelAll})
		}
	}
	return instance{pool: p, jobs: jobs, desc: fmt.Sprintf("seed %d", seed)}
}

// checker is an independent statement of what a valid outcome is, written
// from rpm's rules, not from the solver's rule generation: every
// requirement met, no conflicts, no two versions of a name, obsoleted
// packages gone, jobs honoured, and an installed package only goes when a
// request erases it or a package of its name (not older) or an obsoleter
// replaces it. As in libsolv and dnf, a dependency of an installed package
// that the installed system already broke (no installed provider) and a
// conflict between two installed packages are left alone.
type checker struct {
	p    *solver.Pool
	jobs []solver.Job
}

func (c checker) providers(d solver.Dep) []solver.ID { return c.p.WhatProvides(d) }

func (c checker) jobSel(j solver.Job) []solver.ID {
	var out []solver.ID
	for id := solver.ID(1); int(id) <= c.p.Len(); id++ {
		s := c.p.Solvable(id)
		if j.Sel == solver.SelAll || s.Name == j.Dep.Name {
			out = append(out, id)
		}
	}
	return out
}

// violation returns why set is not a valid outcome, or "".
func (c checker) violation(set map[solver.ID]bool) string {
	p := c.p
	erased := map[solver.ID]bool{}
	for _, j := range c.jobs {
		sel := c.jobSel(j)
		switch j.Kind {
		case solver.JobInstall:
			ok := false
			for _, id := range sel {
				ok = ok || set[id]
			}
			if !ok {
				return "install job " + j.Dep.Name + " not met"
			}
		case solver.JobErase:
			for _, id := range sel {
				if set[id] {
					return "erase job " + j.Dep.Name + " not met"
				}
				erased[id] = true
			}
		}
	}
	brokenBefore := func(d solver.Dep) bool {
		for _, q := range c.providers(d) {
			if p.Solvable(q).Repo == p.Installed {
				return false
			}
		}
		return true
	}
	for id := range set {
		s := p.Solvable(id)
		inst := s.Repo == p.Installed
		for _, d := range s.Requires {
			if inst && brokenBefore(d) {
				continue // already broken on the installed system: not fixed
			}
			ok := false
			for _, q := range c.providers(d) {
				ok = ok || set[q]
			}
			if !ok {
				return fmt.Sprintf("%s requires %s", s, d)
			}
		}
		for _, d := range s.Conflicts {
			for _, q := range c.providers(d) {
				if inst && p.Solvable(q).Repo == p.Installed {
					continue // a conflict the installed system already had
				}
				if q != id && set[q] {
					return fmt.Sprintf("%s conflicts with %s", s, p.Solvable(q))
				}
			}
		}
		for q := range set {
			if q != id && p.Solvable(q).Name == s.Name {
				return fmt.Sprintf("%s and %s both installed", s, p.Solvable(q))
			}
		}
		if s.Repo != p.Installed {
			for _, d := range s.Obsoletes {
				for q := range set {
					qs := p.Solvable(q)
					if q != id && qs.Name == d.Name && qs.Name != s.Name {
						return fmt.Sprintf("%s obsoletes %s", s, qs)
					}
				}
			}
		}
	}
	for _, i := range p.Installed.Solvables {
		if set[i] || erased[i] {
			continue
		}
		is := p.Solvable(i)
		replaced := false
		for q := range set {
			qs := p.Solvable(q)
			if qs.Name == is.Name && evr.Compare(evr.ParseLax(qs.EVR), evr.ParseLax(is.EVR)) >= 0 {
				replaced = true
			}
			for _, d := range qs.Obsoletes {
				if qs.Repo != p.Installed && d.Name == is.Name && qs.Name != is.Name {
					replaced = true
				}
			}
		}
		if !replaced {
			return fmt.Sprintf("installed %s vanished", is)
		}
	}
	return ""
}

// solvable searches every subset of the pool (the oracle).
func (c checker) solvable() bool {
	n := c.p.Len()
	set := map[solver.ID]bool{}
	for mask := 0; mask < 1<<n; mask++ {
		clear(set)
		for i := 0; i < n; i++ {
			if mask&(1<<i) != 0 {
				set[solver.ID(i+1)] = true
			}
		}
		if c.violation(set) == "" {
			return true
		}
	}
	return false
}

// TestPropertyRandomPools solves random pools: every answer without
// problems must pass the independent checker, and every answer with
// problems must be confirmed unsolvable by exhaustive search.
func TestPropertyRandomPools(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 100
	}
	var solved, unsolvable int
	for seed := int64(1); seed <= int64(n); seed++ {
		in := randInstance(seed)
		if in.pool.Len() > 16 {
			continue
		}
		res, err := solver.New(in.pool).Solve(in.jobs)
		if err != nil {
			t.Fatalf("%s: %v", in.desc, err)
		}
		c := checker{p: in.pool, jobs: in.jobs}
		if len(res.Problems) == 0 {
			set := map[solver.ID]bool{}
			for _, id := range res.NewSet() {
				set[id] = true
			}
			if v := c.violation(set); v != "" {
				t.Errorf("%s: solution violates the rules: %s (jobs %v)", in.desc, v, in.jobs)
			}
			solved++
			continue
		}
		unsolvable++
		if c.solvable() {
			t.Errorf("%s: solver reported %v but the oracle found a solution", in.desc, res.Problems)
		}
	}
	t.Logf("%d solved and checked, %d unsolvable confirmed by the oracle", solved, unsolvable)
	if solved == 0 || unsolvable == 0 {
		t.Errorf("generator produced %d solvable and %d unsolvable instances; both must occur", solved, unsolvable)
	}
}
