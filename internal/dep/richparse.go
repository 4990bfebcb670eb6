package dep

import (
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// SyntaxError reports a malformed rich dependency. Col is the 1-based byte
// column of the problem in Input.
type SyntaxError struct {
	Input string
	Col   int
	Msg   string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("rich dependency %q: column %d: %s", e.Input, e.Col, e.Msg)
}

// maxRichDepth bounds nesting so that hostile input cannot exhaust the
// stack; rpm itself has no limit, but no real package comes close.
const maxRichDepth = 256

// Context flags of rpm's rpmrichParseInternal (RICHPARSE_*).
const (
	checkOn     = 1 << 0 // apply the if/unless context rules (per-tag parse)
	checkNoWith = 1 << 1 // contains an operator not allowed under with/without
	checkNoAnd  = 1 << 2 // contains an unless: must not sit in an and-context
	checkNoOr   = 1 << 3 // contains an if: must not sit in an or-context
)

var richOps = lazy.Value[map[string]RichOp]{New: func() map[string]RichOp {
	return map[string]RichOp{
		"and": RichAnd, "or": RichOr, "if": RichIf, "unless": RichUnless,
		"else": RichElse, "with": RichWith, "without": RichWithout,
	}
}}

// ParseRich parses a rich dependency such as "(foo >= 1.0 with foo < 2.0)"
// with the grammar of rpm 4.18's rpmrichParse:
//
//   - the expression and every sub-expression are parenthesized; operands
//     are atoms "name [OP version]" (OP one of < <= =< = == >= => >) or
//     nested expressions; whitespace and commas separate tokens;
//   - and, or and with may be chained ("(a and b and c)"); if and unless
//     take one optional else; any other mix of operators at one level is an
//     error;
//   - a with/without may not have operands containing and, if, unless or
//     else at any depth (or, with and without are fine).
//
// Names and versions are scanned like rpm: up to whitespace, ',' or a ')'
// that closes no '(' of the same token, so "(perl(Foo::Bar) >= 1)" works.
// Surrounding whitespace is allowed; anything else after the closing ')'
// is an error. Errors are *SyntaxError.
//
// ParseRich does not apply the per-tag if/unless rules; see ParseRichFor.
func ParseRich(s string) (*Rich, error) {
	r, _, err := parseRich(s, 0)
	return r, err
}

// ParseRichFor parses s as ParseRich does and then applies the checks
// rpmbuild makes for a dependency of kind k (rpmrichParseForTag): rich
// dependencies are refused in Provides and Obsoletes; "unless" may not
// appear where its result is and-ed (the top of Requires, Recommends and
// Suggests, or inside "and"), and "if" may not appear where its result is
// or-ed (the top of Conflicts, Supplements and Enhances, or inside "or").
func ParseRichFor(s string, k Kind) (*Rich, error) {
	if !k.AllowsRich() {
		return nil, &SyntaxError{Input: s, Col: 1, Msg: fmt.Sprintf("rich dependencies are not allowed in %s", k)}
	}
	r, check, err := parseRich(s, checkOn)
	if err != nil {
		return nil, err
	}
	ctx := RichAnd
	if k == Conflicts || k == Supplements || k == Enhances {
		ctx = RichOr
	}
	if msg := contextError(ctx, check); msg != "" {
		return nil, &SyntaxError{Input: s, Col: 1, Msg: msg + " (in " + k.String() + ")"}
	}
	return r, nil
}

func parseRich(s string, check int) (*Rich, int, error) {
	p := &richParser{s: s}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return nil, 0, p.errAt(i, "NUL byte")
	}
	i := p.skipSpace(0)
	if i >= len(s) || s[i] != '(' {
		return nil, 0, p.errAt(i, `rich dependency must start with "("`)
	}
	r, end, check, err := p.group(i, check, 1)
	if err != nil {
		return nil, 0, err
	}
	if end = p.skipSpace(end); end < len(s) {
		return nil, 0, p.errAt(end, fmt.Sprintf("unexpected %q after the closing \")\"", s[end:]))
	}
	return r, check, nil
}

type richParser struct{ s string }

func (p *richParser) errAt(i int, msg string) *SyntaxError {
	return &SyntaxError{Input: p.s, Col: i + 1, Msg: msg}
}

// skipSpace skips C whitespace.
func (p *richParser) skipSpace(i int) int {
	for i < len(p.s) && isSpace(p.s[i]) {
		i++
	}
	return i
}

// skipWhite is rpm's SKIPWHITE: whitespace and commas.
func (p *richParser) skipWhite(i int) int {
	for i < len(p.s) && (isSpace(p.s[i]) || p.s[i] == ',') {
		i++
	}
	return i
}

// token is rpm's SKIPNONWHITEX: it returns the end of the name or version
// token starting at i.
func (p *richParser) token(i int) int {
	bl := 0
	for ; i < len(p.s); i++ {
		c := p.s[i]
		if isSpace(c) || c == ',' {
			break
		}
		if c == ')' {
			if bl <= 0 {
				break
			}
			bl--
		}
		if c == '(' {
			bl++
		}
	}
	return i
}

// openParens reports how many '(' of tok are left open when scanned as a
// token; it is > 0 when a directly following ')' would be swallowed.
func openParens(tok string) int {
	bl := 0
	for i := 0; i < len(tok); i++ {
		switch tok[i] {
		case '(':
			bl++
		case ')':
			if bl > 0 {
				bl--
			}
		}
	}
	return bl
}

// simple parses an atom "name [OP version]" at i (rpm's parseSimpleDep).
func (p *richParser) simple(i int) (Dep, int, error) {
	start := i
	i = p.token(i)
	d := Dep{Name: p.s[start:i]}
	if d.Name == "" {
		return Dep{}, 0, p.errAt(start, "dependency name required")
	}
	i = p.skipWhite(i)
	pe := p.token(i)
	op, err := evr.ParseOp(p.s[i:pe])
	if err != nil {
		return d, i, nil // not a comparison: the atom is unversioned
	}
	e := p.skipWhite(pe)
	ee := p.token(e)
	if ee == e {
		return Dep{}, 0, p.errAt(e, fmt.Sprintf("missing version after %q", p.s[i:pe]))
	}
	d.Flags, d.Version = Flags(op), p.s[e:ee]
	return d, ee, nil
}

// group parses the parenthesized expression at i, which starts with '('.
// It follows rpmrichParseInternal step by step, including the check flags
// that it hands up to the enclosing level.
func (p *richParser) group(i, check, depth int) (*Rich, int, int, error) {
	if depth > maxRichDepth {
		return nil, 0, 0, p.errAt(i, fmt.Sprintf("nesting deeper than %d levels", maxRichDepth))
	}
	open := i
	i++
	var (
		args     []*Rich
		ops      []RichOp
		op       = RichAtom // last operator seen; RichAtom: none yet
		chain    RichOp
		chaining bool
	)
	for {
		i = p.skipWhite(i)
		if i >= len(p.s) {
			return nil, 0, 0, p.errAt(i, `missing ")"`)
		}
		switch p.s[i] {
		case ')':
			if chaining {
				return nil, 0, 0, p.errAt(i, fmt.Sprintf("missing operand after %q", chain))
			}
			return nil, 0, 0, p.errAt(i, "empty rich dependency")
		case '(':
			sub, end, subcheck, err := p.group(i, check&checkOn, depth+1)
			if err != nil {
				return nil, 0, 0, err
			}
			if op == RichIf || op == RichUnless {
				subcheck &^= checkNoAnd | checkNoOr
			}
			check |= subcheck
			args, i = append(args, sub), end
		default:
			d, end, err := p.simple(i)
			if err != nil {
				return nil, 0, 0, err
			}
			args, i = append(args, &Rich{Op: RichAtom, Atom: d}), end
		}
		i = p.skipWhite(i)
		if i >= len(p.s) {
			return nil, 0, 0, p.errAt(i, `missing ")"`)
		}
		if p.s[i] == ')' {
			break
		}
		pe := i
		for pe < len(p.s) && !isSpace(p.s[pe]) && p.s[pe] != ')' {
			pe++
		}
		o, ok := richOps.Get()[p.s[i:pe]]
		if !ok {
			return nil, 0, 0, p.errAt(i, fmt.Sprintf("unknown operator %q (want and, or, if, unless, else, with or without)", p.s[i:pe]))
		}
		op = o
		if o == RichElse && chaining && (chain == RichIf || chain == RichUnless) {
			chaining = false
		}
		if chaining && o != chain {
			return nil, 0, 0, p.errAt(i, fmt.Sprintf("cannot chain different operators %q and %q; add parentheses", chain, o))
		}
		if chaining && o != RichAnd && o != RichOr && o != RichWith {
			return nil, 0, 0, p.errAt(i, fmt.Sprintf("only and, or and with can be chained, not %q; add parentheses", o))
		}
		ops = append(ops, o)
		chain, chaining = o, true
		i = pe
	}
	if len(ops) == 0 {
		return args[0], i + 1, check, nil // redundant parentheses
	}
	first := ops[0]
	if msg := contextError(first, check); msg != "" {
		return nil, 0, 0, p.errAt(open, msg)
	}
	if first == RichIf {
		check |= checkNoOr
	}
	if first == RichUnless {
		check |= checkNoAnd
	}
	if op == RichAnd || op == RichOr {
		check &^= checkNoAnd | checkNoOr
	}
	if op != RichWith && op != RichWithout && op != RichOr {
		check |= checkNoWith
	}
	return &Rich{Op: first, Args: args}, i + 1, check, nil
}

// contextError is rpm's rpmrichParseCheck for an expression whose (first)
// operator is op and whose operands produced the flags in check.
func contextError(op RichOp, check int) string {
	if (op == RichWith || op == RichWithout) && check&checkNoWith != 0 {
		return fmt.Sprintf("illegal operators inside %q: its operands may only use or, with and without", op)
	}
	if check&checkOn == 0 {
		return ""
	}
	if (op == RichAnd || op == RichIf) && check&checkNoAnd != 0 {
		return `illegal context for "unless", please use "or" instead`
	}
	if (op == RichOr || op == RichUnless) && check&checkNoOr != 0 {
		return `illegal context for "if", please use "and" instead`
	}
	return ""
}

// isSpace is C's isspace in the "C" locale (rpm's risspace).
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
