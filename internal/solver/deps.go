package solver

import (
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// Dep is one dependency: a plain "name [op evr]" or, when Rich is set, a
// boolean (rich) expression whose leaves are plain dependencies.
type Dep struct {
	Name string
	Op   evr.Op // 0 for an unversioned dependency
	EVR  string
	Rich *Rich
}

// RichOp is the operator of a rich dependency node.
type RichOp uint8

// Rich operators. If and Unless hold [then, cond] or [then, cond, else].
const (
	RichAtom RichOp = iota
	RichAnd
	RichOr
	RichIf
	RichUnless
	RichWith
	RichWithout
)

// Rich is a node of a boolean dependency.
type Rich struct {
	Op   RichOp
	Atom Dep // for RichAtom
	Args []*Rich
}

// String formats d the way libsolv's testcases write dependencies.
func (d Dep) String() string {
	if d.Rich != nil {
		return d.Rich.String()
	}
	if d.Op == 0 {
		return d.Name
	}
	return d.Name + " " + opString(d.Op) + " " + d.EVR
}

func opString(op evr.Op) string {
	var b strings.Builder
	if op&OpLess != 0 {
		b.WriteByte('<')
	}
	if op&OpGreater != 0 {
		b.WriteByte('>')
	}
	if op&OpEqual != 0 {
		b.WriteByte('=')
	}
	return b.String()
}

var richOpWords = [...]string{RichAnd: "&", RichOr: "|", RichIf: "<IF>", RichUnless: "<UNLESS>", RichWith: "+", RichWithout: "-"}

// String formats r in libsolv's testcase syntax.
func (r *Rich) String() string {
	if r.Op == RichAtom {
		return r.Atom.String()
	}
	var b strings.Builder
	sub := func(x *Rich) {
		if x.Op != RichAtom {
			b.WriteByte('(')
			b.WriteString(x.String())
			b.WriteByte(')')
		} else {
			b.WriteString(x.String())
		}
	}
	switch r.Op {
	case RichIf, RichUnless:
		sub(r.Args[0])
		b.WriteString(" " + richOpWords[r.Op] + " ")
		if len(r.Args) == 3 {
			b.WriteByte('(')
			b.WriteString(r.Args[1].String() + " <ELSE> ")
			sub(r.Args[2])
			b.WriteByte(')')
		} else {
			sub(r.Args[1])
		}
	default:
		for i, a := range r.Args {
			if i > 0 {
				b.WriteString(" " + richOpWords[r.Op] + " ")
			}
			sub(a)
		}
	}
	return b.String()
}

// Atoms returns the plain dependencies at the leaves of r.
func (r *Rich) atoms(out []Dep) []Dep {
	if r.Op == RichAtom {
		return append(out, r.Atom)
	}
	for _, a := range r.Args {
		out = a.atoms(out)
	}
	return out
}
