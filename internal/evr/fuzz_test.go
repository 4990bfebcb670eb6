package evr

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"1.0", "1.0-1", "2:1.0-1.fc39", "0:0", "1.0~rc1^git2-3", "1.0-2-3",
		"", ":", "1:", "-", "1.0-", "a:1", "1:2:3", " 1.0", "1.0\x00", "99999999999999999999:1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = ParseLax(s)
		e, err := Parse(s)
		if err != nil {
			return
		}
		if got := e.String(); got != s {
			t.Fatalf("Parse(%q).String() = %q", s, got)
		}
		again, err := Parse(e.String())
		if err != nil {
			t.Fatalf("re-parse of %q: %v", e.String(), err)
		}
		if again != e {
			t.Fatalf("round trip of %q: %#v != %#v", s, again, e)
		}
		if Compare(e, again) != 0 {
			t.Fatalf("Compare(%q, itself) != 0", s)
		}
		if ParseLax(s) != e {
			t.Fatalf("ParseLax(%q) = %#v, Parse = %#v", s, ParseLax(s), e)
		}
	})
}

func FuzzVercmp(f *testing.F) {
	for _, p := range [][2]string{
		{"1.0", "1.0"}, {"1.0", "1.0~rc1"}, {"1.0^git1", "1.0.1"}, {"1.0^", "1.0"},
		{"5.5p1", "5.5p10"}, {"10.0001", "10.1"}, {"a+", "a_"}, {"", "~"}, {"^", ""},
		{"1.0\x00x", "1.0"}, {"xyz.4", "8"}, {"1é", "1"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Vercmp(a, b), Vercmp(b, a)
		if ab != -ba {
			t.Fatalf("Vercmp(%q, %q) = %d but Vercmp(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if ab < -1 || ab > 1 {
			t.Fatalf("Vercmp(%q, %q) = %d, want -1, 0 or 1", a, b, ab)
		}
		if Vercmp(a, a) != 0 {
			t.Fatalf("Vercmp(%q, itself) != 0", a)
		}
		ea, erra := Parse(a)
		eb, errb := Parse(b)
		if erra == nil && errb == nil {
			if c, d := Compare(ea, eb), Compare(eb, ea); c != -d {
				t.Fatalf("Compare(%q, %q) = %d, reverse = %d", a, b, c, d)
			}
			ra, rb := Range{Op: Equal, EVR: ea}, Range{Op: GreaterEqual, EVR: eb}
			if Overlap(ra, rb) != Overlap(rb, ra) {
				t.Fatalf("Overlap not symmetric for %q, %q", a, b)
			}
		}
	})
}
