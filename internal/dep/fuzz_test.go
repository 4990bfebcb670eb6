package dep

import (
	"errors"
	"reflect"
	"testing"
)

func FuzzParseRich(f *testing.F) {
	for _, v := range validRich {
		f.Add(v.in)
	}
	for _, v := range invalidRich {
		f.Add(v.in)
	}
	for _, s := range []string{
		"(a if b else (c unless d else (e with f without g)))",
		"((((a))))", "(((a)", "(a)))", ")(", "(a ( b)", "(a(b c) and d)",
		"(a >= (b))", "(a\tand\nb\r)", "(a and b) ", " (a)", "(é and ü >= 1ö)",
		"(a >= 1( )", "(a >= 1() and b)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRich(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseRich(%q): error %v is not a *SyntaxError", s, err)
			}
			if se.Col < 1 || se.Col > len(s)+1 {
				t.Fatalf("ParseRich(%q): column %d out of range", s, se.Col)
			}
			return
		}
		canon := r.String()
		again, err := ParseRich(canon)
		if err != nil {
			t.Fatalf("ParseRich(%q) ok, but its String %q does not parse: %v", s, canon, err)
		}
		if got := again.String(); got != canon {
			t.Fatalf("String of %q not stable: %q then %q", s, canon, got)
		}
		if !reflect.DeepEqual(again, r) {
			t.Fatalf("tree of %q changed after printing as %q", s, canon)
		}
		for _, k := range []Kind{Requires, Conflicts} {
			_, e1 := ParseRichFor(s, k)
			_, e2 := ParseRichFor(canon, k)
			if (e1 == nil) != (e2 == nil) {
				t.Fatalf("%v: %q and its canonical %q disagree: %v vs %v", k, s, canon, e1, e2)
			}
		}
		_ = r.Atoms()
		_ = r.Eval(func(Dep) bool { return len(s)%2 == 0 })
		d, err := Parse(s)
		if err != nil || !d.IsRich() {
			t.Fatalf("Parse(%q) = %v, %v; want a rich Dep", s, d, err)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"foo", "foo >= 1.2-3", "foo = 2:1.0", "foo < 1.0~rc1", "foo == 1", "foo =< 1",
		"/usr/bin/sh", "perl(Foo::Bar) >= 1.0", "(a and b)", "(a if b else c)",
		"", "foo >=", "foo 1.0", "foo>=1", ">= 1", "foo >= 1.0 bar", "foo >= a:1",
		"foo >= 1-", "(a and", "foo\x00", "  foo   >=   1  ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(d.String())
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String %q does not parse: %v", s, d.String(), err)
		}
		if again != d {
			t.Fatalf("round trip of %q: %#v then %#v", s, d, again)
		}
		if !d.IsRich() && !Matches(d, Dep{Name: d.Name}) {
			t.Fatalf("%q does not match its own unversioned name", s)
		}
		if !d.IsRich() && d.Flags.Op()&(Equal.Op()) != 0 && !Matches(d, d) {
			t.Fatalf("%q does not match itself", s)
		}
	})
}
