package evr

import (
	"strings"
	"testing"
)

func TestParseOp(t *testing.T) {
	tests := []struct {
		in    string
		want  Op
		print string
	}{
		{"<", Less, "<"},
		{"<=", LessEqual, "<="},
		{"=<", LessEqual, "<="},
		{"=", Equal, "="},
		{"==", Equal, "="},
		{">=", GreaterEqual, ">="},
		{"=>", GreaterEqual, ">="},
		{">", Greater, ">"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseOp(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseOp(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != tt.print {
				t.Errorf("String() = %q, want %q", got.String(), tt.print)
			}
		})
	}
	for _, bad := range []string{"", "<>", "!=", "=>=", "~>", "eq"} {
		t.Run("bad_"+bad, func(t *testing.T) {
			if _, err := ParseOp(bad); err == nil {
				t.Errorf("ParseOp(%q) succeeded, want error", bad)
			}
		})
	}
	if got := Op(0).String(); got != "" {
		t.Errorf("Op(0).String() = %q", got)
	}
	if got := (Less | Greater).String(); got != "<>" {
		t.Errorf("(Less|Greater).String() = %q", got)
	}
}

// rng parses "OP EVR" (or "" for unversioned) into a Range.
func rng(t *testing.T, s string) Range {
	t.Helper()
	if s == "" {
		return Range{}
	}
	op, v, ok := strings.Cut(s, " ")
	if !ok {
		t.Fatalf("bad range %q", s)
	}
	o, err := ParseOp(op)
	if err != nil {
		t.Fatal(err)
	}
	return Range{Op: o, EVR: mustParse(t, v)}
}

// The expectations below were checked against rpm 4.18's rpmdsCompare via
// python3-rpm (rpm.ds(...).Compare) on the development machine; the
// TestOverlapAgainstRPM cross-check repeats that where python3-rpm exists.
var overlapTests = []struct {
	provide, require string
	want             bool
}{
	// unversioned on either side overlaps
	{"", ">= 1.2-3", true},
	{"= 1.0", "", true},
	{"", "", true},

	// provide = 1.2-3 against the five require operators
	{"= 1.2-3", ">= 1.2-3", true},
	{"= 1.2-3", ">= 1.2-4", false},
	{"= 1.2-3", "> 1.2-3", false},
	{"= 1.2-3", "> 1.2-2", true},
	{"= 1.2-3", "<= 1.2-3", true},
	{"= 1.2-3", "< 1.2-3", false},
	{"= 1.2-3", "< 1.3", true},
	{"= 1.2-3", "= 1.2-3", true},
	{"= 1.2-3", "= 1.2-4", false},

	// release-less forms: a missing release means "any release"
	{"= 1.2-3", "= 1.2", true},
	{"= 1.2-3", ">= 1.2", true},
	{"= 1.2-3", "<= 1.2", true},
	{"= 1.2-3", "< 1.2", false},
	{"= 1.2-3", "> 1.2", false},
	{"= 1.2", "> 1.2-1", true}, // = 1.2 includes 1.2-2
	{"= 1.2", "< 1.2-1", true}, // and 1.2-0
	{"> 1.0-1", "= 1.0", true},
	{"< 1.0", "> 1.0", false},
	{"<= 1.0", ">= 1.0", true},

	// epoch-less forms: a missing epoch is 0
	{"= 0:1.0", "= 1.0", true},
	{"= 1:1.0", "= 1.0", false},
	{"= 1:1.0", ">= 2.0", true},
	{"= 1.0", ">= 1:0.5", false},
	{"= 2:1.0-1", "< 3:0", true},

	// range against range (provides can be ranges too)
	{"< 2.0", ">= 1.0", true},
	{"< 1.0", ">= 1.0", false},
	{"<= 1.0", ">= 1.0", true},
	{"> 2.0", "< 3.0", true},
	{"> 2.0", "< 2.0", false},
	{">= 2.0", "<= 2.0", true},
	{"> 2.0", "> 1.0", true},
	{"< 2.0", "< 1.0", true},

	// tilde and caret versions
	{"= 1.0~rc1-1", ">= 1.0", false},
	{"= 1.0^git1-1", "> 1.0", true},
	{"= 1.0^git1-1", "< 1.0.1", true},
}

func TestOverlap(t *testing.T) {
	for _, tt := range overlapTests {
		t.Run(tt.provide+"_vs_"+tt.require, func(t *testing.T) {
			p, r := rng(t, tt.provide), rng(t, tt.require)
			if got := Overlap(p, r); got != tt.want {
				t.Errorf("Overlap(%q, %q) = %v, want %v", tt.provide, tt.require, got, tt.want)
			}
			if got := Overlap(r, p); got != tt.want {
				t.Errorf("Overlap(%q, %q) = %v, want %v (not symmetric)", tt.require, tt.provide, got, tt.want)
			}
		})
	}
}

func TestOverlapEmptyEVR(t *testing.T) {
	// rpm: "If either EVR is non-existent or empty, always overlap."
	if !Overlap(Range{Op: Less}, Range{Op: Greater, EVR: EVR{Version: "1"}}) {
		t.Error("versioned range with empty EVR should overlap")
	}
}

func TestRangeString(t *testing.T) {
	if got := (Range{Op: GreaterEqual, EVR: EVR{Epoch: "1", Version: "1.2", Release: "3"}}).String(); got != ">= 1:1.2-3" {
		t.Errorf("got %q", got)
	}
	if got := (Range{}).String(); got != "" {
		t.Errorf("got %q", got)
	}
}
