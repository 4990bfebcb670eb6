package testcase

import (
	"fmt"
	"strings"
)

// genid implements the testcase "genid" command: libsolv's testcase
// reader turns a dependency string into pool ids (literals and relations),
// and the result lists every id made, in order, then the dependency
// written back. It tests the reading and writing of the dependency syntax
// itself: escapes (\XX), <NULL>, namespace:x(y), x:any, "x . arch",
// "x = evr compat >= evr" and the boolean operators.

// gnode is a parsed dependency: a literal (or null), or an operator.
type gnode struct {
	null     bool
	lit      string
	op       string // "", "<", "=", "&", "|", ".", "<NAMESPACE>", ...
	l, r     *gnode
	inParens bool
}

type genidState struct {
	lines []string
	lits  map[string]int
	n     int
}

func (g *genidState) emit(what string) int {
	g.n++
	g.lines = append(g.lines, fmt.Sprintf("genid %2d: genid %s", g.n, what))
	return g.n
}

// ids walks the node in post-order, creating ids the way libsolv does.
func (g *genidState) ids(n *gnode) {
	switch {
	case n.null:
		g.emit("null")
	case n.op == "":
		if _, ok := g.lits[n.lit]; !ok {
			g.lits[n.lit] = g.emit("lit " + n.lit)
		}
	default:
		g.ids(n.l)
		g.ids(n.r)
		g.emit("op " + n.op)
	}
}

// genidLines runs one genid command ("dep STR" or "lit STR").
func genidLines(kind, arg string) ([]string, error) {
	var n *gnode
	switch kind {
	case "dep":
		p := &gparser{s: arg}
		var err error
		if n, err = p.expr(0); err != nil {
			return nil, err
		}
		p.skip()
		if p.i != len(p.s) {
			return nil, fmt.Errorf("genid dep %q: trailing %q", arg, p.s[p.i:])
		}
	case "lit":
		n = &gnode{lit: arg}
	default:
		return nil, fmt.Errorf("genid %s: want dep or lit", kind)
	}
	g := &genidState{lits: map[string]int{}}
	g.ids(n)
	return append(g.lines, "genid dep "+dep2str(n, true)), nil
}

type gparser struct {
	s string
	i int
}

func (p *gparser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

var gBoolOps = []string{"<IF>", "<UNLESS>", "<ELSE>", "<WITH>", "<WITHOUT>", "&", "|"}

func (p *gparser) expr(depth int) (*gnode, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("nested too deeply")
	}
	left, err := p.rel(depth)
	if err != nil {
		return nil, err
	}
	p.skip()
	for _, op := range gBoolOps {
		if strings.HasPrefix(p.s[p.i:], op) {
			p.i += len(op)
			right, err := p.expr(depth + 1)
			if err != nil {
				return nil, err
			}
			return &gnode{op: op, l: left, r: right}, nil
		}
	}
	return left, nil
}

// rel reads a primary with its relation: name [op evr [compat >= evr]],
// "name . arch", or a parenthesised expression.
func (p *gparser) rel(depth int) (*gnode, error) {
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		p.i++
		n, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		p.skip()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return nil, fmt.Errorf("missing ')'")
		}
		p.i++
		n.inParens = true
		return n, nil
	}
	name, err := p.word()
	if err != nil {
		return nil, err
	}
	p.skip()
	rest := p.s[p.i:]
	for _, op := range []string{"<=", ">=", "<", "=", ">", "."} {
		if strings.HasPrefix(rest, op) && !strings.HasPrefix(rest, "<IF>") && !strings.HasPrefix(rest, "<UNLESS>") &&
			!strings.HasPrefix(rest, "<ELSE>") && !strings.HasPrefix(rest, "<WITH") {
			p.i += len(op)
			p.skip()
			v, err := p.word()
			if err != nil {
				return nil, err
			}
			evr := v
			p.skip()
			if strings.HasPrefix(p.s[p.i:], "compat >=") {
				p.i += len("compat >=")
				p.skip()
				c, err := p.word()
				if err != nil {
					return nil, err
				}
				evr = &gnode{op: "compat >=", l: v, r: c}
			}
			return &gnode{op: op, l: name, r: evr}, nil
		}
	}
	return name, nil
}

// word reads one literal, decoding \XX escapes and recognising <NULL>,
// namespace:x(y) and x:any.
func (p *gparser) word() (*gnode, error) {
	start, depth := p.i, 0
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ' ' || c == ')' && depth == 0 {
			break
		}
		if c == '(' {
			depth++
		} else if c == ')' {
			depth--
		}
		p.i++
	}
	raw := p.s[start:p.i]
	if raw == "" {
		return nil, fmt.Errorf("missing name at offset %d", start)
	}
	if raw == "<NULL>" {
		return &gnode{null: true}, nil
	}
	if strings.HasPrefix(raw, "namespace:") && strings.HasSuffix(raw, ")") {
		if i := strings.IndexByte(raw, '('); i > 0 {
			return &gnode{op: "<NAMESPACE>", l: &gnode{lit: unescape(raw[:i])}, r: &gnode{lit: unescape(raw[i+1 : len(raw)-1])}}, nil
		}
	}
	if strings.HasSuffix(raw, ":any") && len(raw) > 4 {
		return &gnode{op: "<MULTIARCH>", l: &gnode{lit: unescape(raw[:len(raw)-4])}, r: &gnode{lit: "any"}}, nil
	}
	return &gnode{lit: unescape(raw)}, nil
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v := hexVal(s[i+1])<<4 | hexVal(s[i+2])
			if v != 0 {
				b.WriteByte(v)
			}
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// escapeLit writes a literal so that reading it back gives the same
// literal: spaces, backslashes, a leading '!', parentheses that do not form
// one trailing "(...)" group, and colons that would read as namespace: or
// :any are escaped.
func escapeLit(s string) string {
	if s == "" {
		return "\\00"
	}
	nsLike := strings.HasPrefix(s, "namespace:")
	anyLike := strings.HasSuffix(s, ":any")
	keepParens := !nsLike && wellFormedParens(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\\' || c == '!' && i == 0,
			(c == '(' || c == ')') && !keepParens,
			c == ':' && (nsLike && i == len("namespace") || anyLike && i == len(s)-4):
			fmt.Fprintf(&b, "\\%02x", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// wellFormedParens reports whether s has no parentheses, or exactly one
// group "name(...)" closing at the end.
func wellFormedParens(s string) bool {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return !strings.Contains(s, ")")
	}
	if open == 0 || !strings.HasSuffix(s, ")") {
		return false
	}
	inner := s[open+1 : len(s)-1]
	return !strings.ContainsAny(inner, "()")
}

// dep2str writes a node back in testcase syntax.
func dep2str(n *gnode, top bool) string {
	switch {
	case n.null:
		return "<NULL>"
	case n.op == "":
		return escapeLit(n.lit)
	case n.op == "<NAMESPACE>":
		// the namespace's own colon is the operator's: not escaped
		return strings.Replace(escapeLit(n.l.lit), "\\3a", ":", 1) + "(" + escapeLit(n.r.lit) + ")"
	case n.op == "<MULTIARCH>":
		return escapeLit(n.l.lit) + ":any"
	}
	isBool := func(x *gnode) bool {
		for _, o := range gBoolOps {
			if x.op == o {
				return true
			}
		}
		return false
	}
	if !isBool(n) {
		return dep2str(n.l, false) + " " + n.op + " " + dep2str(n.r, false)
	}
	left := dep2str(n.l, false)
	if isBool(n.l) {
		left = "(" + left + ")"
	}
	right := dep2str(n.r, false)
	if isBool(n.r) && (n.r.op != n.op || n.r.inParens) {
		right = "(" + right + ")"
	}
	return left + " " + n.op + " " + right
}
