package solver

import (
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

func TestRangesOverlap(t *testing.T) {
	tests := []struct {
		name       string
		pop        evr.Op
		pevr       string
		rop        evr.Op
		revr       string
		want, wDeb bool
	}{
		{"unversioned provide matches any", 0, "", OpLess, "2", true, false},
		{"unversioned requirement", OpEqual, "1-1", 0, "", true, true},
		{"equal", OpEqual, "2-1", OpEqual, "2-1", true, true},
		{"requirement without release matches any release", OpEqual, "2-1", OpEqual, "2", true, false},
		{"provide without release is every release", OpEqual, "2", OpEqual, "2-2", true, false},
		{"less than 2-1 meets = 2", OpLess, "2-1", OpEqual, "2", true, true},
		{"less than 2 misses = 2", OpLess, "2", OpEqual, "2", false, false},
		{"greater", OpEqual, "3-1", OpGreater, "2", true, true},
		{"older", OpEqual, "1-1", OpGreater | OpEqual, "2", false, false},
		{"same direction", OpLess, "1", OpLess, "5", true, true},
		{"epoch wins", OpEqual, "1:1-1", OpGreater, "2-1", true, true},
		{"tilde sorts first", OpEqual, "1.0~rc1-1", OpLess, "1.0", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := parseEVR(tc.pevr)
			r := parseEVR(tc.revr)
			if got := rangesOverlap(tc.pop, p, tc.rop, r); got != tc.want {
				t.Errorf("rpm: got %v, want %v", got, tc.want)
			}
			deb := NewPool()
			deb.Debian = true
			if got := deb.overlap(tc.pop, p, tc.rop, r); got != tc.wDeb {
				t.Errorf("deb: got %v, want %v", got, tc.wDeb)
			}
		})
	}
}

func TestDebCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0", "1.0", 0},
		{"1.0~rc1", "1.0", -1},
		{"1.0-1", "1.0", 1},
		{"1:0.9", "2.0", 1},
		{"1.0a", "1.0+", -1},
		{"2.36-9+deb12u4", "2.36-9", 1},
		{"7.4.7-1+deb12u14", "7.4.7", 1},
		{"10", "9", 1},
		{"1.0-1~bpo1", "1.0-1", -1},
	}
	for _, tc := range tests {
		t.Run(tc.a+"_vs_"+tc.b, func(t *testing.T) {
			if got := debCompare(tc.a, tc.b); got != tc.want {
				t.Errorf("debCompare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := debCompare(tc.b, tc.a); got != -tc.want {
				t.Errorf("debCompare(%q, %q) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
		})
	}
}

// parseEVR's positions give the parts evr.ParseLax gives.
func TestParseEVRParts(t *testing.T) {
	for _, s := range []string{"", "1", "1-2", "2:1-2", ":1-2", "0:1", "1.0-", "-1", "a:b-c", "1:2-3-4", "1\x002-3", "5:\x00", "1-2\x00:3", "12:", "1::2-3"} {
		pe := parseEVR(s)
		want := evr.ParseLax(s)
		if got := pe.evr(); got != want {
			t.Errorf("%q: %+v, want %+v", s, got, want)
		}
		if pe.hasRelease() != (want.Release != "") {
			t.Errorf("%q: hasRelease %v", s, pe.hasRelease())
		}
		if pe.raw != s {
			t.Errorf("%q: raw %q", s, pe.raw)
		}
	}
}
