package testcase

import (
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestRichShared: packages listing the same rich dependency text share one
// parsed tree, and each still reads back its own dependency.
func TestRichShared(t *testing.T) {
	text := `=Pkg: a 1 1 x86_64
=Req: b | c
=Rec: d <IF> e
=Pkg: f 1 1 x86_64
=Req: b | c
=Sug: d <IF> e
=Pkg: b 1 1 x86_64
=Pkg: c 1 1 x86_64
`
	p := solver.NewPool()
	repo := p.NewRepo("r", 0)
	if err := ReadTestTags(strings.NewReader(text), repo); err != nil {
		t.Fatal(err)
	}
	a, f := p.Solvable(repo.Solvables[0]), p.Solvable(repo.Solvables[1])
	if len(a.Requires) != 1 || len(f.Requires) != 1 || a.Requires[0].Rich == nil {
		t.Fatalf("requires: %v, %v", a.Requires, f.Requires)
	}
	if a.Requires[0].Rich != f.Requires[0].Rich {
		t.Errorf("b | c parsed twice")
	}
	if a.Requires[0].String() != "b | c" || f.Requires[0].String() != "b | c" {
		t.Errorf("requires read back as %q, %q", a.Requires[0], f.Requires[0])
	}
	if len(a.Recommends) != 1 || len(f.Suggests) != 1 || a.Recommends[0].Rich != f.Suggests[0].Rich {
		t.Errorf("d <IF> e not shared: %v, %v", a.Recommends, f.Suggests)
	}
	if got := f.Suggests[0].String(); got != "d <IF> e" {
		t.Errorf("suggests read back as %q", got)
	}
}
