package dep

import (
	"errors"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		want  Dep
		print string
	}{
		{"foo", Dep{Name: "foo"}, "foo"},
		{"  foo  ", Dep{Name: "foo"}, "foo"},
		{"/usr/bin/sh", Dep{Name: "/usr/bin/sh"}, "/usr/bin/sh"},
		{"perl(Foo::Bar)", Dep{Name: "perl(Foo::Bar)"}, "perl(Foo::Bar)"},
		{"name >= 1.2-3", Dep{"name", Greater | Equal, "1.2-3"}, "name >= 1.2-3"},
		{"name > 1.2", Dep{"name", Greater, "1.2"}, "name > 1.2"},
		{"name < 2:1.2", Dep{"name", Less, "2:1.2"}, "name < 2:1.2"},
		{"name <= 1.2-3", Dep{"name", Less | Equal, "1.2-3"}, "name <= 1.2-3"},
		{"name = 1.2", Dep{"name", Equal, "1.2"}, "name = 1.2"},
		{"name == 1.2", Dep{"name", Equal, "1.2"}, "name = 1.2"},
		{"name =< 1.2", Dep{"name", Less | Equal, "1.2"}, "name <= 1.2"},
		{"name\t=>\t1.2", Dep{"name", Greater | Equal, "1.2"}, "name >= 1.2"},
		{"(a and b)", Dep{Name: "(a and b)"}, "(a and b)"},
		{" (foo >= 1.0 with foo < 2.0) ", Dep{Name: "(foo >= 1.0 with foo < 2.0)"}, "(foo >= 1.0 with foo < 2.0)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.print {
				t.Errorf("String() = %q, want %q", s, tt.print)
			}
			if got.IsRich() != (tt.in != "" && tt.want.Name[0] == '(') {
				t.Errorf("IsRich() = %v", got.IsRich())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		target error // wrapped cause, nil for a *SyntaxError
	}{
		{"", ErrSyntax},
		{"   ", ErrSyntax},
		{"foo >=", ErrSyntax},
		{"foo 1.0", ErrSyntax},
		{"foo >= 1.0 bar", ErrSyntax},
		{"foo>=1.0", ErrSyntax},
		{"foo,bar", ErrSyntax},
		{"-foo", ErrSyntax},
		{"foo\x00", ErrSyntax},
		{"foo >= 1.0-", evr.ErrEmptyRelease},
		{"foo >= a:1", evr.ErrBadEpoch},
		{"foo ~> 1", nil},
		{"(a and", nil},
		{"(a) b", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.in)
			}
			if tt.target != nil && !errors.Is(err, tt.target) {
				t.Errorf("Parse(%q) = %v, want it to wrap %v", tt.in, err, tt.target)
			}
			var se *SyntaxError
			if tt.in != "" && tt.in[0] == '(' && !errors.As(err, &se) {
				t.Errorf("Parse(%q) = %v, want *SyntaxError", tt.in, err)
			}
		})
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		provide, require string
		want             bool
	}{
		{"foo", "foo", true},
		{"foo", "bar", false},
		{"foo", "foo >= 1.2-3", true}, // unversioned provide
		{"foo = 1.2-3", "foo", true},  // unversioned require
		{"foo = 1.2-3", "foo >= 1.2-3", true},
		{"foo = 1.2-3", "foo >= 1.2-4", false},
		{"foo = 1.2-3", "foo > 1.2", false},
		{"foo = 1.2-3", "foo >= 1.2", true},
		{"foo = 1.2-3", "foo <= 1.2", true}, // release-less side has Equal
		{"foo = 1.2-3", "foo < 1.2", false},
		{"foo = 1.2-3", "foo = 1.2", true},
		{"foo = 1.2", "foo = 1.2-3", true},
		{"foo = 1:1.2", "foo >= 2.0", true}, // epoch beats version
		{"foo = 1.2", "foo >= 1:0.1", false},
		{"foo = 0:1.2", "foo = 1.2", true}, // absent epoch is 0
		{"foo < 2.0", "foo > 1.5", true},   // ranges on both sides
		{"foo < 1.5", "foo > 1.5", false},
		{"foo >= 1.0~rc1", "foo < 1.0", true},
		{"(foo and bar)", "(foo and bar)", false}, // rich deps never match by name
	}
	for _, tt := range tests {
		t.Run(tt.provide+"_vs_"+tt.require, func(t *testing.T) {
			p, err := Parse(tt.provide)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(tt.require)
			if err != nil {
				t.Fatal(err)
			}
			if got := Matches(p, r); got != tt.want {
				t.Errorf("Matches(%q, %q) = %v, want %v", tt.provide, tt.require, got, tt.want)
			}
		})
	}
}

func TestRange(t *testing.T) {
	d := Dep{Name: "foo", Flags: Greater | Equal | ScriptPre, Version: "1:2.0-3"}
	want := evr.Range{Op: evr.GreaterEqual, EVR: evr.EVR{Epoch: "1", Version: "2.0", Release: "3"}}
	if got := d.Range(); got != want {
		t.Errorf("Range() = %#v, want %#v", got, want)
	}
	if got := (Dep{Name: "foo"}).Range(); got != (evr.Range{}) {
		t.Errorf("unversioned Range() = %#v", got)
	}
}
