package pm

import (
	"bytes"
	"context"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// reasonByWalk is installReason as it was before requirersOf: for the one package, a walk
// over the whole new set and each member's dependencies. The reference of
// TestInstallReasonsIndexed.
func reasonByWalk(b *Base, res *solver.Result, id solver.ID) history.Reason {
	s := b.Pool.Solvable(id)
	for iid, p := range b.Installed {
		if p.Info.Name == s.Name && p.Info.Arch == s.Arch {
			return b.reasonOf(iid)
		}
	}
	provides := func(d solver.Dep) bool {
		for _, l := range leaves(d) {
			for _, p := range b.Pool.WhatProvides(l) {
				if p == id {
					return true
				}
			}
		}
		return false
	}
	satisfiedByOther := func(d solver.Dep) bool {
		for _, l := range leaves(d) {
			for _, p := range b.Pool.WhatProvides(l) {
				if p != id && res.Installed(p) {
					return true
				}
			}
		}
		return false
	}
	weak := false
	for _, o := range res.NewSet() {
		if o == id {
			continue
		}
		os := b.Pool.Solvable(o)
		for _, d := range append(append([]solver.Dep{}, os.Requires...), os.PreRequires...) {
			if provides(d) && !(d.Rich != nil && satisfiedByOther(d)) {
				return history.Dependency
			}
		}
		for _, d := range os.Recommends {
			weak = weak || provides(d)
		}
	}
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

// The reasons of the packages an install pulls in, from the requirement index built once
// (requirersOf), are those of the walk per package: plain and rich requirements (alt-a:
// recommended, and required only through a rich requirement another installed package
// satisfies too, so weak; only-a: recommended, and the one installed package satisfying
// a rich requirement, so a dependency), a requirement of the package itself, recommends
// and supplements.
func TestInstallReasonsIndexed(t *testing.T) {
	y := func(name, extra string) string {
		return "name: " + name + "\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\n" +
			"files: [{path: /usr/share/" + name + "/f, content: '" + name + "'}]\n" + extra
	}
	repo := fixtureRepo(t,
		y("app", "requires: [lib, '(alt-a or alt-b)', '(only-a or nothing-b)']\nrecommends: [weak1, lib, only-a, alt-a]\n"),
		y("helper", "requires: [alt-b, self-cap]\nprovides: [self-cap]\n"),
		y("lib", ""), y("alt-a", ""), y("alt-b", ""), y("only-a", ""),
		y("weak1", ""), y("sup", "supplements: [app]\n"), y("unrelated", ""))
	var log bytes.Buffer
	b, err := Open(context.Background(), testConfig(t.TempDir(), repo, &log), true)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := b.Resolve(Request{Install: []string{"app", "helper"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	got := map[string]history.Reason{}
	for _, a := range plan.Actions {
		got[b.Pool.Solvable(a.New).Name] = a.Reason
	}
	for name, want := range map[string]history.Reason{"app": history.User, "helper": history.User, "lib": history.Dependency,
		"alt-a": history.Weak, "alt-b": history.Dependency, "only-a": history.Dependency, "weak1": history.Weak, "sup": history.Weak} {
		if r, ok := got[name]; !ok || r != want {
			t.Errorf("%s: reason %v (installed %v), want %v; plan %v", name, r, ok, want, got)
		}
	}
	if _, ok := got["unrelated"]; ok {
		t.Errorf("unrelated installed: %v", got)
	}
	// the same result, every new package asked both ways
	var jobs []solver.Job
	for _, n := range []string{"app", "helper", "alt-a"} {
		jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: n}})
	}
	res, err := solver.New(b.Pool).Solve(jobs)
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("solve: %v %v", err, res.Problems)
	}
	why := b.requirersOf(res)
	for _, id := range res.NewSet() {
		if r, want := b.installReason(res, why, id), reasonByWalk(b, res, id); r != want {
			t.Errorf("%s: reason %v, the walk gives %v", b.Pool.Solvable(id).Name, r, want)
		}
	}
}
