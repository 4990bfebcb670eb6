package testcase

import (
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// maxDepth bounds the nesting of boolean dependencies we accept.
const maxDepth = 64

// ParseDep parses a dependency in libsolv's testcase syntax: "name",
// "name <op> evr", and boolean expressions joined by & (and), | (or),
// <IF>, <UNLESS>, <ELSE>, + (with) and - (without), libsolv's testcase
// operators, with parentheses for grouping. "<WITH>", "<AND>" and the like
// are not operators there, and are refused here too. Operators bind to the
// right: "a & b | c" is "a & (b | c)".
func ParseDep(s string) (solver.Dep, error) {
	if d, ok := parsePlain(s); ok {
		return d, nil
	}
	return parseDepFull(s)
}

// parseDepFull is ParseDep without the fast path.
func parseDepFull(s string) (solver.Dep, error) {
	p := &depParser{s: s}
	r, err := p.expr(0)
	if err != nil {
		return solver.Dep{}, fmt.Errorf("dependency %q: %w", s, err)
	}
	p.skip()
	if p.i < len(p.s) {
		return solver.Dep{}, fmt.Errorf("dependency %q: unexpected %q at offset %d", s, p.s[p.i:], p.i)
	}
	if hasElse(r) {
		return solver.Dep{}, fmt.Errorf("dependency %q: <ELSE> without <IF> or <UNLESS>", s)
	}
	if r.Op == solver.RichAtom {
		return r.Atom, nil
	}
	if unbalanced(r) {
		// a plain dependency may be "locale(xorg-x11:ja", as in
		// testsolv; inside a boolean one it could not be printed back
		return solver.Dep{}, fmt.Errorf("dependency %q: unbalanced parentheses in a name of a boolean dependency", s)
	}
	return solver.Dep{Rich: r}, nil
}

// unbalanced reports whether a name or version of r has an unclosed '('.
func unbalanced(r *solver.Rich) bool {
	if r.Op == solver.RichAtom {
		return strings.Count(r.Atom.Name, "(") != strings.Count(r.Atom.Name, ")")
	}
	for _, a := range r.Args {
		if unbalanced(a) {
			return true
		}
	}
	return false
}

type depParser struct {
	s string
	i int
}

func (p *depParser) skip() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

var boolOps = []struct {
	tok string
	op  solver.RichOp
}{
	{"<IF>", solver.RichIf}, {"<UNLESS>", solver.RichUnless}, {"<ELSE>", richElse},
	{"&", solver.RichAnd}, {"|", solver.RichOr}, {"+ ", solver.RichWith}, {"- ", solver.RichWithout},
}

// richElse is a parse-time node folded into If/Unless.
const richElse solver.RichOp = 100

func (p *depParser) boolOp() (solver.RichOp, bool) {
	p.skip()
	for _, o := range boolOps {
		if strings.HasPrefix(p.s[p.i:], o.tok) {
			p.i += len(o.tok)
			return o.op, true
		}
	}
	return 0, false
}

func (p *depParser) expr(depth int) (*solver.Rich, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested too deeply")
	}
	left, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	op, ok := p.boolOp()
	if !ok {
		return left, nil
	}
	right, err := p.expr(depth + 1)
	if err != nil {
		return nil, err
	}
	switch op {
	case richElse:
		return &solver.Rich{Op: richElse, Args: []*solver.Rich{left, right}}, nil
	case solver.RichIf, solver.RichUnless:
		if right.Op == richElse {
			return &solver.Rich{Op: op, Args: []*solver.Rich{left, right.Args[0], right.Args[1]}}, nil
		}
		return &solver.Rich{Op: op, Args: []*solver.Rich{left, right}}, nil
	}
	if right.Op == op && (op == solver.RichAnd || op == solver.RichOr) && !p.grouped(right) {
		return &solver.Rich{Op: op, Args: append([]*solver.Rich{left}, right.Args...)}, nil
	}
	return &solver.Rich{Op: op, Args: []*solver.Rich{left, right}}, nil
}

func (p *depParser) grouped(*solver.Rich) bool { return false }

func (p *depParser) primary(depth int) (*solver.Rich, error) {
	p.skip()
	if p.i >= len(p.s) {
		return nil, fmt.Errorf("missing operand")
	}
	if p.s[p.i] == '(' {
		p.i++
		r, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return nil, fmt.Errorf("missing ')'")
		}
		p.i++
		return r, nil
	}
	name := p.name()
	if name == "" {
		return nil, fmt.Errorf("missing name at offset %d", p.i)
	}
	// An unclosed '(' is part of the name, as in testsolv (SUSE's
	// "locale(xorg-x11:ja" provide): a name ends at whitespace or at a ')'
	// that closes nothing.
	d := solver.Dep{Name: name}
	save := p.i
	p.skip()
	if op, n := relOp(p.s[p.i:]); n > 0 {
		p.i += n
		p.skip()
		v := p.name()
		if v == "" || strings.ContainsAny(v, "()") {
			return nil, fmt.Errorf("missing or bad version after %q", name)
		}
		d.Op, d.EVR = op, v
	} else {
		p.i = save
	}
	return &solver.Rich{Op: solver.RichAtom, Atom: d}, nil
}

// name reads a name or version token: up to whitespace or an unbalanced
// ')'; parentheses inside a name ("perl(Foo)") are part of it.
func (p *depParser) name() string {
	start, depth := p.i, 0
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ' ' || c == '\t' {
			break
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
		p.i++
	}
	return p.s[start:p.i]
}

func relOp(s string) (evr.Op, int) {
	for _, b := range boolOps {
		if strings.HasPrefix(s, b.tok) {
			return 0, 0
		}
	}
	switch {
	case strings.HasPrefix(s, "<="):
		return solver.OpLess | solver.OpEqual, 2
	case strings.HasPrefix(s, ">="):
		return solver.OpGreater | solver.OpEqual, 2
	case strings.HasPrefix(s, "!="), strings.HasPrefix(s, "<>"):
		return solver.OpLess | solver.OpGreater, 2
	case strings.HasPrefix(s, "<"):
		return solver.OpLess, 1
	case strings.HasPrefix(s, ">"):
		return solver.OpGreater, 1
	case strings.HasPrefix(s, "="):
		return solver.OpEqual, 1
	}
	return 0, 0
}

func hasElse(r *solver.Rich) bool {
	if r.Op == richElse {
		return true
	}
	for _, a := range r.Args {
		if hasElse(a) {
			return true
		}
	}
	return false
}

// parsePlain is ParseDep's fast path for "name" and "name <op> evr",
// without building a boolean tree; ok is false for anything else.
func parsePlain(s string) (solver.Dep, bool) {
	p := depParser{s: s}
	p.skip()
	if p.i >= len(s) || s[p.i] == '(' {
		return solver.Dep{}, false
	}
	name := p.name()
	if name == "" {
		return solver.Dep{}, false
	}
	p.skip()
	if p.i == len(s) {
		return solver.Dep{Name: name}, true
	}
	op, n := relOp(s[p.i:])
	if n == 0 {
		return solver.Dep{}, false
	}
	p.i += n
	p.skip()
	v := p.name()
	if v == "" || strings.ContainsAny(v, "()") {
		return solver.Dep{}, false
	}
	p.skip()
	if p.i != len(s) {
		return solver.Dep{}, false
	}
	return solver.Dep{Name: name, Op: op, EVR: v}, true
}
