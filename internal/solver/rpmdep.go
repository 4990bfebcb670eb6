package solver

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/dep"
)

// FromRPM converts an rpm dependency (plain or rich, as read from a
// package header or repodata) to the solver's form.
func FromRPM(d dep.Dep) (Dep, error) {
	if !d.IsRich() {
		return Dep{Name: d.Name, Op: d.Flags.Op(), EVR: d.Version}, nil
	}
	r, err := dep.ParseRich(d.Name)
	if err != nil {
		return Dep{}, fmt.Errorf("rich dependency %q: %w", d.Name, err)
	}
	return Dep{Rich: fromRPMRich(r)}, nil
}

func fromRPMRich(r *dep.Rich) *Rich {
	if r.Op == dep.RichAtom {
		return &Rich{Op: RichAtom, Atom: Dep{Name: r.Atom.Name, Op: r.Atom.Flags.Op(), EVR: r.Atom.Version}}
	}
	out := &Rich{}
	switch r.Op {
	case dep.RichAnd:
		out.Op = RichAnd
	case dep.RichOr, dep.RichElse:
		out.Op = RichOr
	case dep.RichIf:
		out.Op = RichIf
	case dep.RichUnless:
		out.Op = RichUnless
	case dep.RichWith:
		out.Op = RichWith
	case dep.RichWithout:
		out.Op = RichWithout
	}
	for _, a := range r.Args {
		out.Args = append(out.Args, fromRPMRich(a))
	}
	return out
}
