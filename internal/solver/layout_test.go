package solver

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// The package record's size is what the pool spends per package (docs/solver.md).
func TestSolvRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(solv{}); n != 64 {
		t.Errorf("solv is %d bytes, want 64", n)
	}
}

// A dependency record and a provides entry are 8 bytes each, the operator packed beside
// the version's id, and every operator and id reads back.
func TestDepRec(t *testing.T) {
	if n := unsafe.Sizeof(depRec{}); n != 8 {
		t.Errorf("depRec is %d bytes, want 8", n)
	}
	if n := unsafe.Sizeof(provEntry{}); n != 8 {
		t.Errorf("provEntry is %d bytes, want 8", n)
	}
	for _, op := range []evr.Op{0, OpLess, OpGreater, OpEqual, OpLess | OpEqual, OpGreater | OpEqual, OpLess | OpGreater, OpLess | OpGreater | OpEqual} {
		for _, e := range []int32{0, 1, 12345, evMask} {
			r := mkDep(7, e, op)
			if r.name != 7 || r.evrS() != e || r.op() != op {
				t.Errorf("mkDep(7, %d, %v) reads back %d %d %v", e, op, r.name, r.evrS(), r.op())
			}
			if pe := (provEntry{p: 3, ev: r.ev}); pe.evr() != e || pe.op() != op {
				t.Errorf("the provide of mkDep(7, %d, %v) reads back %d %v", e, op, pe.evr(), pe.op())
			}
		}
	}
	if r := richRec(42); r.rich() != 42 || r.op() != 0 {
		t.Errorf("richRec(42): rich %d op %v", r.rich(), r.op())
	}
}

// A package whose lists hold more than 65,535 ids keeps its bounds beside the record;
// its lists and those of the packages around it read back whole.
func TestBigLists(t *testing.T) {
	p := NewPool()
	r := p.NewRepo("r", 0)
	r.Add(&Solvable{Name: "a", EVR: "1-1", Arch: "noarch", Files: []string{"/a"}})
	big := &Solvable{Name: "big", EVR: "1-1", Arch: "noarch", Requires: []Dep{{Name: "a"}}}
	for i := range 70000 {
		big.Files = append(big.Files, fmt.Sprintf("/usr/share/big/%d", i))
	}
	big.Provides = []Dep{{Name: "cap", Op: OpEqual, EVR: "2"}}
	id := r.Add(big)
	r.Add(&Solvable{Name: "c", EVR: "1-1", Arch: "noarch", Requires: []Dep{{Name: "big"}}})
	p.CreateWhatProvides()
	s := p.Solvable(id)
	if len(s.Files) != 70000 || s.Files[69999] != "/usr/share/big/69999" {
		t.Fatalf("files: %d", len(s.Files))
	}
	if len(s.Requires) != 1 || s.Requires[0].Name != "a" || len(s.Provides) != 2 {
		t.Fatalf("requires %v provides %v", s.Requires, s.Provides)
	}
	if got := p.WhatProvides(Dep{Name: "/usr/share/big/12345"}); len(got) != 1 || got[0] != id {
		t.Fatalf("file provider: %v", got)
	}
	if c := p.Solvable(id + 1); len(c.Requires) != 1 || c.Requires[0].Name != "big" || len(c.Files) != 0 {
		t.Fatalf("next package: %v %v", c.Requires, c.Files)
	}
	if a := p.Solvable(id - 1); len(a.Files) != 1 || a.Files[0] != "/a" {
		t.Fatalf("previous package: %v", a.Files)
	}
	res, err := New(p).Solve([]Job{{Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "c"}}})
	if err != nil || len(res.Problems) > 0 || len(res.NewSet()) != 3 {
		t.Fatalf("solve: %v %v %v", err, res.Problems, res.NewSet())
	}
}

// The string and dependency tables double when half full, no further (the dependency
// table's put grew to four times its entries: 8 MB of slots for the 266k dependencies of
// Debian's 63k packages), and every entry is found again after each growth.
func TestTableGrowth(t *testing.T) {
	p := NewPool()
	r := p.NewRepo("r", 0)
	const n = 5000
	for i := range n {
		r.Add(&Solvable{Name: fmt.Sprintf("p%d", i), EVR: "1-1", Arch: "noarch",
			Requires: []Dep{{Name: fmt.Sprintf("cap%d", i), Op: OpGreater | OpEqual, EVR: fmt.Sprint(i)}}})
	}
	if d, s := len(p.depTab)-1, len(p.depIdx.slots); s > 4*d || !roomFor(p.depIdx.n, s) || p.depIdx.n != d {
		t.Errorf("dependency table: %d slots, %d entries counted, for %d dependencies", s, p.depIdx.n, d)
	}
	if k, s := p.strList.len(), len(p.strs.slots); s > 4*k || p.strs.n != k {
		t.Errorf("string table: %d slots, %d entries counted, for %d strings", s, p.strs.n, k)
	}
	for i := range n {
		id := p.internDep(Dep{Name: fmt.Sprintf("cap%d", i), Op: OpGreater | OpEqual, EVR: fmt.Sprint(i)})
		if d := p.dep(id); d.Name != fmt.Sprintf("cap%d", i) || d.EVR != fmt.Sprint(i) {
			t.Fatalf("dependency %d reads back as %v", i, d)
		}
		if s, ok := p.lookup(fmt.Sprintf("p%d", i)); !ok || p.str(s) != fmt.Sprintf("p%d", i) {
			t.Fatalf("string p%d: %d %v", i, s, ok)
		}
	}
	if d := len(p.depTab) - 1; p.depIdx.n != d {
		t.Errorf("interning known dependencies added some: %d -> %d", p.depIdx.n, d)
	}
}
