package solver

import (
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/evr"
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

// ToRPM converts a solver dependency to rpm's form, the inverse of FromRPM: a plain one as
// name, flags and version; a rich one as its expression in rpm's syntax
// ("(a or (b if c else d))"), which FromRPM reads back to the same tree.
func ToRPM(d Dep) (dep.Dep, error) {
	if d.Rich == nil {
		return dep.Dep{Name: d.Name, Flags: dep.Flags(d.Op), Version: d.EVR}, nil
	}
	var b strings.Builder
	if err := writeRPMRich(&b, d.Rich, true); err != nil {
		return dep.Dep{}, fmt.Errorf("rich dependency %s: %w", d.Rich, err)
	}
	return dep.Dep{Name: b.String()}, nil
}

var rpmRichWords = [...]string{RichAnd: "and", RichOr: "or", RichIf: "if", RichUnless: "unless", RichWith: "with", RichWithout: "without"}

// writeRPMRich writes r in rpm's rich syntax; top asks for parentheses around an atom (a
// rich dependency is always parenthesized).
func writeRPMRich(b *strings.Builder, r *Rich, top bool) error {
	if r.Op == RichAtom {
		a := r.Atom
		if a.Name == "" || strings.ContainsAny(a.Name, " \t\n") || strings.HasPrefix(a.Name, "(") {
			return fmt.Errorf("name %q cannot be written in rpm's syntax", a.Name)
		}
		if top {
			b.WriteByte('(')
		}
		b.WriteString(a.Name)
		if a.Op != 0 {
			op, ok := map[evr.Op]string{OpLess: "<", OpLess | OpEqual: "<=", OpEqual: "=", OpGreater | OpEqual: ">=", OpGreater: ">"}[a.Op]
			if !ok || a.EVR == "" || strings.ContainsAny(a.EVR, " \t\n()") {
				return fmt.Errorf("%s cannot be written in rpm's syntax", a)
			}
			b.WriteString(" " + op + " " + a.EVR)
		}
		if top {
			b.WriteByte(')')
		}
		return nil
	}
	if int(r.Op) >= len(rpmRichWords) || rpmRichWords[r.Op] == "" || len(r.Args) == 0 {
		return fmt.Errorf("operator %d with %d arguments", r.Op, len(r.Args))
	}
	if len(r.Args) == 1 && (r.Op == RichAnd || r.Op == RichOr) {
		return writeRPMRich(b, r.Args[0], top)
	}
	if (r.Op == RichIf || r.Op == RichUnless) && len(r.Args) != 2 && len(r.Args) != 3 ||
		(r.Op == RichWith || r.Op == RichWithout) && len(r.Args) != 2 || len(r.Args) < 2 {
		return fmt.Errorf("%s with %d arguments", rpmRichWords[r.Op], len(r.Args))
	}
	b.WriteByte('(')
	for i, a := range r.Args {
		if i > 0 {
			w := rpmRichWords[r.Op]
			if i == 2 && (r.Op == RichIf || r.Op == RichUnless) {
				w = "else"
			}
			b.WriteString(" " + w + " ")
		}
		if err := writeRPMRich(b, a, false); err != nil {
			return err
		}
	}
	b.WriteByte(')')
	return nil
}
