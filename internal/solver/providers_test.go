package solver_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestProvidersRich: whatprovides of a rich dependency, as dnf's provides query of a spec
// such as "(lib or extra)" gives it: or/and unite, if/unless give their then and else
// parts (libsolv's pool_addrelproviders), with intersects, without subtracts.
func TestProvidersRich(t *testing.T) {
	p := solver.NewPool()
	p.SetArch("x86_64")
	r := p.NewRepo("r", 0)
	ids := map[solver.ID]string{}
	for _, s := range []*solver.Solvable{
		{Name: "lib", EVR: "1.0-1", Arch: "noarch", Provides: []solver.Dep{{Name: "libapi"}}},
		{Name: "extra", EVR: "1.0-1", Arch: "noarch", Provides: []solver.Dep{{Name: "libapi"}}},
		{Name: "tool", EVR: "2.0-1", Arch: "noarch"},
	} {
		s.Provides = append(s.Provides, solver.Dep{Name: s.Name, Op: solver.OpEqual, EVR: s.EVR})
		ids[r.Add(s)] = s.Name
	}
	for _, tc := range []struct{ spec, want string }{
		{"(lib or extra)", "[extra lib]"},
		{"(lib or tool >= 2)", "[lib tool]"},
		{"(lib or tool > 2.0)", "[lib]"},
		{"(libapi with extra)", "[extra]"},
		{"(libapi without extra)", "[lib]"},
		{"(tool if lib)", "[tool]"},
		{"(tool if lib else extra)", "[extra tool]"},
		{"(nothing or none)", "[]"},
	} {
		d, err := solver.FromRPM(dep.Dep{Name: tc.spec})
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		var got []string
		seen := map[string]bool{}
		for _, id := range p.Providers(d) {
			if !seen[ids[id]] {
				seen[ids[id]] = true
				got = append(got, ids[id])
			}
		}
		sort.Strings(got)
		if s := fmt.Sprint(got); s != tc.want {
			t.Errorf("Providers(%s) = %s, want %s", tc.spec, s, tc.want)
		}
	}
}

// TestDropWhatProvides: after DropWhatProvides the queries that need the provides index
// build it again and answer as before (provides, versioned provides, files, names).
func TestDropWhatProvides(t *testing.T) {
	p := solver.NewPool()
	p.SetArch("x86_64")
	r := p.NewRepo("r", 0)
	for _, s := range []*solver.Solvable{
		{Name: "lib", EVR: "1.0-1", Arch: "x86_64", Provides: []solver.Dep{{Name: "libapi", Op: solver.OpEqual, EVR: "1"}}, Files: []string{"/usr/lib/libx.so"}},
		{Name: "lib", EVR: "2.0-1", Arch: "x86_64", Provides: []solver.Dep{{Name: "libapi", Op: solver.OpEqual, EVR: "2"}}},
		{Name: "tool", EVR: "2.0-1", Arch: "noarch", Requires: []solver.Dep{{Name: "libapi", Op: solver.OpGreater | solver.OpEqual, EVR: "2"}}},
	} {
		s.Provides = append(s.Provides, solver.Dep{Name: s.Name, Op: solver.OpEqual, EVR: s.EVR})
		r.Add(s)
	}
	deps := []solver.Dep{{Name: "libapi"}, {Name: "libapi", Op: solver.OpGreater | solver.OpEqual, EVR: "2"}, {Name: "/usr/lib/libx.so"}, {Name: "tool"}, {Name: "lib", Op: solver.OpLess, EVR: "2"}}
	answers := func() string {
		var out string
		for _, d := range deps {
			out += fmt.Sprint(p.WhatProvides(d))
		}
		return out
	}
	before := answers()
	if before != "[1 2][2][1][3][1]" {
		t.Fatalf("before the drop: %s", before)
	}
	p.DropWhatProvides()
	if after := answers(); after != before {
		t.Errorf("after the drop: %s, want %s", after, before)
	}
}
