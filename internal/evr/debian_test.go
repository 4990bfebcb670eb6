package evr

import "testing"

// FuzzCompareDebian: any two strings compare without a panic, antisymmetrically.
func FuzzCompareDebian(f *testing.F) {
	for _, s := range [][2]string{{"1.0-1", "1.0-1~deb12u1"}, {"1:2", "2"}, {"a", "ab"}, {"0", "00"}, {"1~", "1"}, {"b", "10"}, {"10", "1"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if x, y := CompareDebian(a, b), CompareDebian(b, a); x != -y {
			t.Fatalf("CompareDebian(%q, %q) = %d but reversed %d", a, b, x, y)
		}
	})
}
