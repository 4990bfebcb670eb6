package dep

import (
	"fmt"
	"strings"
)

// RichOp is the operator of a rich-dependency node.
type RichOp int

// Rich-dependency operators. RichAtom marks a leaf holding a plain
// dependency.
const (
	RichAtom RichOp = iota
	RichAnd
	RichOr
	RichIf
	RichUnless
	// RichElse is a bare "(a else b)". rpm 4.18's grammar accepts it even
	// without a preceding if/unless (rpmrichParse only restricts chains);
	// inside "(a if b else c)" the else is part of the RichIf node instead.
	RichElse
	RichWith
	RichWithout
)

var richOpNames = [...]string{
	RichAtom:    "atom",
	RichAnd:     "and",
	RichOr:      "or",
	RichIf:      "if",
	RichUnless:  "unless",
	RichElse:    "else",
	RichWith:    "with",
	RichWithout: "without",
}

// String returns the operator's keyword ("and", "if", ...), or "atom".
func (o RichOp) String() string {
	if o >= 0 && int(o) < len(richOpNames) {
		return richOpNames[o]
	}
	return fmt.Sprintf("RichOp(%d)", int(o))
}

// Rich is a node of a parsed rich dependency.
//
//   - RichAtom: Atom holds the dependency (Name, comparison Flags, Version);
//     Args is empty.
//   - RichAnd, RichOr, RichWith: two or more Args, from a chain such as
//     "(a and b and c)".
//   - RichIf, RichUnless: Args is [then, condition] or, with an else
//     branch, [then, condition, else]: "(a if b else c)".
//   - RichElse, RichWithout: exactly two Args.
//
// Redundant parentheses are not kept: "((a and b))" parses to the same tree
// as "(a and b)", and "(a)" to a single RichAtom.
type Rich struct {
	Op   RichOp
	Atom Dep
	Args []*Rich
}

// String prints r in canonical form: every operator node in parentheses,
// atoms as "name", or "name OP version", single spaces between tokens.
// ParseRich(r.String()) yields a tree equal to r for every r that ParseRich
// returned. A top-level atom prints as "(name)".
func (r *Rich) String() string {
	var b strings.Builder
	if r.Op == RichAtom {
		b.WriteByte('(')
		r.write(&b)
		closeParen(&b, r)
		return b.String()
	}
	r.write(&b)
	return b.String()
}

func (r *Rich) write(b *strings.Builder) {
	if r.Op == RichAtom {
		b.WriteString(r.Atom.Name)
		if op := r.Atom.Flags.Op(); op != 0 {
			b.WriteByte(' ')
			b.WriteString(op.String())
			b.WriteByte(' ')
			b.WriteString(r.Atom.Version)
		}
		return
	}
	b.WriteByte('(')
	for i, a := range r.Args {
		if i > 0 {
			word := r.Op.String()
			if i == 2 && (r.Op == RichIf || r.Op == RichUnless) {
				word = "else"
			}
			b.WriteByte(' ')
			b.WriteString(word)
			b.WriteByte(' ')
		}
		a.write(b)
	}
	var last *Rich
	if len(r.Args) > 0 {
		last = r.Args[len(r.Args)-1]
	}
	closeParen(b, last)
}

// closeParen writes the ')' that follows node n. rpm's name and version
// scanner swallows a ')' that balances an earlier '(' of the same token,
// so an atom whose last token has an unbalanced '(' needs a space first.
func closeParen(b *strings.Builder, n *Rich) {
	if n != nil && n.Op == RichAtom {
		last := n.Atom.Name
		if n.Atom.Flags.Op() != 0 {
			last = n.Atom.Version
		}
		if openParens(last) > 0 {
			b.WriteByte(' ')
		}
	}
	b.WriteByte(')')
}

// Atoms returns the plain dependencies in r, left to right.
func (r *Rich) Atoms() []Dep {
	var out []Dep
	var walk func(*Rich)
	walk = func(n *Rich) {
		if n.Op == RichAtom {
			out = append(out, n.Atom)
			return
		}
		for _, a := range n.Args {
			walk(a)
		}
	}
	walk(r)
	return out
}

// Eval computes the boolean value of r given the value of each atom:
//
//   - and / or: every / any operand holds;
//   - (A if C): A holds, or C does not; (A if C else B): A if C holds, else B;
//   - (A unless C): A holds, or C does; (A unless C else B): A if C does not
//     hold, else B;
//   - (A else B), which rpm parses but gives no documented meaning: A or B;
//   - with / without: approximated on atoms as and / and-not. In rpm they
//     require one single package to satisfy every "with" operand and none
//     of the "without" one; an atom-level oracle cannot express that, so
//     callers that need the exact meaning must check providers themselves.
//
// r must be a well-formed tree, such as ParseRich returns.
func (r *Rich) Eval(isTrue func(atom Dep) bool) bool {
	arg := func(i int) bool { return r.Args[i].Eval(isTrue) }
	switch r.Op {
	case RichAtom:
		return isTrue(r.Atom)
	case RichAnd, RichWith:
		for i := range r.Args {
			if !arg(i) {
				return false
			}
		}
		return true
	case RichOr:
		for i := range r.Args {
			if arg(i) {
				return true
			}
		}
		return false
	case RichIf, RichUnless:
		cond := arg(1)
		if r.Op == RichUnless {
			cond = !cond
		}
		if cond {
			return arg(0)
		}
		return len(r.Args) < 3 || arg(2)
	case RichElse:
		return arg(0) || arg(1)
	case RichWithout:
		return arg(0) && !arg(1)
	}
	return false
}
