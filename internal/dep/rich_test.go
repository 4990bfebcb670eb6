package dep

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// validRich are rich dependencies rpm 4.18 accepts, with their canonical
// form. rpm_test.go feeds them to rpmspec as well.
var validRich = []struct{ in, canon string }{
	{"(a)", "(a)"},
	{"((a))", "(a)"},
	{"(a and b)", "(a and b)"},
	{"(a and b and c)", "(a and b and c)"},
	{"(a or b or c)", "(a or b or c)"},
	{"( a  and\tb )", "(a and b)"},
	{"(a ,and ,b)", "(a and b)"}, // commas separate like whitespace (not after an operator)
	{"(foo >= 1.0 with foo < 2.0)", "(foo >= 1.0 with foo < 2.0)"},
	{"(a with b with c)", "(a with b with c)"},
	{"(a without b)", "(a without b)"},
	{"(a if b)", "(a if b)"},
	{"(a if b else c)", "(a if b else c)"},
	{"(a unless b else c)", "(a unless b else c)"},
	{"(a else b)", "(a else b)"},
	{"(a if (b or c))", "(a if (b or c))"},
	{"(a if b else (c or d))", "(a if b else (c or d))"},
	{"((a unless b) or c)", "((a unless b) or c)"},
	{"((a or b) with c)", "((a or b) with c)"},
	{"((a with b) and c)", "((a with b) and c)"},
	{"((a and b) and c)", "((a and b) and c)"},
	{"(a =< 1)", "(a <= 1)"},
	{"(a == 1)", "(a = 1)"},
	{"(a => 1:2-3)", "(a >= 1:2-3)"},
	{"(perl(Foo::Bar) >= 1.0 or python3dist(foo))", "(perl(Foo::Bar) >= 1.0 or python3dist(foo))"},
	{"(a>=1)", "(a>=1)"},                   // no spaces: one name, as in rpm
	{"(perl(Foo >= 1)", "(perl(Foo >= 1)"}, // rpm's scanner tolerates this
	{"(and and or)", "(and and or)"},       // atoms are not keywords
	{"(a >= and)", "(a >= and)"},
	{"(a(b )", "(a(b )"},
	{"(kernel or (kernel-core and (kernel-modules if kernel-devel)))", "(kernel or (kernel-core and (kernel-modules if kernel-devel)))"},
}

func TestParseRichValid(t *testing.T) {
	for _, tt := range validRich {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRich(tt.in)
			if err != nil {
				t.Fatalf("ParseRich(%q): %v", tt.in, err)
			}
			if got := r.String(); got != tt.canon {
				t.Fatalf("String() = %q, want %q", got, tt.canon)
			}
			again, err := ParseRich(r.String())
			if err != nil {
				t.Fatalf("re-parse of %q: %v", r.String(), err)
			}
			if !reflect.DeepEqual(again, r) {
				t.Errorf("re-parse of %q gives a different tree", r.String())
			}
		})
	}
}

func TestParseRichTree(t *testing.T) {
	atom := func(name string, f Flags, v string) *Rich { return &Rich{Atom: Dep{name, f, v}} }
	r, err := ParseRich("(foo >= 1.0 if (bar or baz < 2) else qux)")
	if err != nil {
		t.Fatal(err)
	}
	want := &Rich{Op: RichIf, Args: []*Rich{
		atom("foo", Greater|Equal, "1.0"),
		{Op: RichOr, Args: []*Rich{atom("bar", 0, ""), atom("baz", Less, "2")}},
		atom("qux", 0, ""),
	}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("tree = %+v, want %+v", r, want)
	}
	atoms := r.Atoms()
	var names []string
	for _, a := range atoms {
		names = append(names, a.String())
	}
	if got := strings.Join(names, "|"); got != "foo >= 1.0|bar|baz < 2|qux" {
		t.Errorf("Atoms() = %s", got)
	}
}

// invalidRich are rejected by rpm 4.18 too (see rpm_test.go).
var invalidRich = []struct {
	in  string
	col int
	msg string
}{
	{"(a and", 7, `missing ")"`},
	{"(a", 3, `missing ")"`},
	{"(", 2, `missing ")"`},
	{"()", 2, "empty rich dependency"},
	{"(a and )", 8, `missing operand after "and"`},
	{"(a b)", 4, `unknown operator "b"`},
	{"(a, b)", 5, `unknown operator "b"`},
	{"(a and,b)", 4, `unknown operator "and,b"`},
	{"(a and b or c)", 10, `cannot chain different operators "and" and "or"`},
	{"(a if b if c)", 9, `only and, or and with can be chained, not "if"`},
	{"(a if b else c else d)", 16, `only and, or and with can be chained, not "else"`},
	{"(a without b without c)", 14, `only and, or and with can be chained, not "without"`},
	{"(a if b else c and d)", 16, `cannot chain different operators "else" and "and"`},
	{"(a >= )", 7, `missing version after ">="`},
	{"(a >=", 6, `missing version after ">="`},
	{"((a and b) with c)", 1, `illegal operators inside "with"`},
	{"((a if b else c) with d)", 1, `illegal operators inside "with"`},
	{"((a or (b and c)) with d)", 1, `illegal operators inside "with"`},
	{"(a and b) junk", 11, `unexpected "junk" after the closing ")"`},
	{"(a))", 4, `unexpected ")" after the closing ")"`},
	{"a and b", 1, `must start with "("`},
	{"", 1, `must start with "("`},
	{"(a\x00)", 3, "NUL byte"},
}

func TestParseRichInvalid(t *testing.T) {
	for _, tt := range invalidRich {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseRich(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseRich(%q) = %v, want *SyntaxError", tt.in, err)
			}
			if se.Input != tt.in || se.Col != tt.col || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("ParseRich(%q) = %q (col %d), want col %d, message containing %q", tt.in, err, se.Col, tt.col, tt.msg)
			}
		})
	}
}

func TestSyntaxErrorMessage(t *testing.T) {
	_, err := ParseRich("(a and")
	if got, want := err.Error(), `rich dependency "(a and": column 7: missing ")"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParseRichDepthLimit(t *testing.T) {
	s := strings.Repeat("(", maxRichDepth+1) + "a" + strings.Repeat(")", maxRichDepth+1)
	if _, err := ParseRich(s); err == nil || !strings.Contains(err.Error(), "nesting deeper") {
		t.Errorf("deep nesting: %v", err)
	}
	s = strings.Repeat("(", maxRichDepth) + "a" + strings.Repeat(")", maxRichDepth)
	if _, err := ParseRich(s); err != nil {
		t.Errorf("nesting of %d: %v", maxRichDepth, err)
	}
}

// richForTests: what rpmbuild says per tag (rpmrichParseForTag).
var richForTests = []struct {
	in   string
	kind Kind
	ok   bool
}{
	{"(a if b)", Requires, true},
	{"(a unless b)", Requires, false},
	{"(a unless b)", Recommends, false},
	{"(a unless b)", Conflicts, true},
	{"(a if b)", Conflicts, false},
	{"(a if b)", Supplements, false},
	{"(a unless b)", Enhances, true},
	{"(a and b)", Conflicts, true},
	{"((a if b) or c)", Requires, false},
	{"((a unless b) or c)", Requires, true},
	{"(a and (b unless c))", Requires, false},
	{"(a unless (b and c))", Requires, false},
	{"(a if (b or c))", Requires, true},
	{"(a if b else c)", Requires, true},
	{"(a if b else c)", Conflicts, false},
	{"(a and b)", Provides, false},
	{"(a and b)", Obsoletes, false},
	{"((a and b) with c)", Requires, false},
}

func TestParseRichFor(t *testing.T) {
	for _, tt := range richForTests {
		t.Run(tt.kind.String()+"_"+tt.in, func(t *testing.T) {
			_, err := ParseRichFor(tt.in, tt.kind)
			if (err == nil) != tt.ok {
				t.Errorf("ParseRichFor(%q, %v) error = %v, want ok=%v", tt.in, tt.kind, err, tt.ok)
			}
			if err != nil {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Errorf("error %v is not a *SyntaxError", err)
				}
			}
		})
	}
	// The generic parser does not apply the per-tag context rules.
	if _, err := ParseRich("(a unless b)"); err != nil {
		t.Errorf("ParseRich: %v", err)
	}
}

func TestEval(t *testing.T) {
	tests := []struct {
		expr string
		true string // names of the atoms that hold
		want bool
	}{
		{"(a and b)", "a b", true},
		{"(a and b)", "a", false},
		{"(a or b or c)", "c", true},
		{"(a or b)", "", false},
		{"(a if b)", "", true},
		{"(a if b)", "b", false},
		{"(a if b)", "a b", true},
		{"(a if b else c)", "c", true},
		{"(a if b else c)", "b c", false},
		{"(a unless b)", "", false},
		{"(a unless b)", "b", true},
		{"(a unless b else c)", "b", false},
		{"(a unless b else c)", "b c", true},
		{"(a unless b else c)", "a", true},
		{"(a with b)", "a b", true},
		{"(a with b)", "a", false},
		{"(a without b)", "a", true},
		{"(a without b)", "a b", false},
		{"(a else b)", "b", true},
		{"((a or b) and (c if d))", "b d", false},
		{"((a or b) and (c if d))", "b c d", true},
		{"(foo >= 1.0)", "foo", true},
	}
	for _, tt := range tests {
		t.Run(tt.expr+"_"+tt.true, func(t *testing.T) {
			r, err := ParseRich(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			holds := map[string]bool{}
			for _, n := range strings.Fields(tt.true) {
				holds[n] = true
			}
			if got := r.Eval(func(d Dep) bool { return holds[d.Name] }); got != tt.want {
				t.Errorf("Eval = %v, want %v", got, tt.want)
			}
		})
	}
}
