package release

import (
	"sort"
	"strings"
	"testing"
)

func TestParseVersion(t *testing.T) {
	good := map[string]Version{
		"2026.9.20260901":  {2026, 9, 20260901},
		"2026.10.20261001": {2026, 10, 20261001},
		"2026.0.20260101":  {2026, 0, 20260101},
		"2027.1.20280229":  {2027, 1, 20280229},
	}
	for s, want := range good {
		v, err := ParseVersion(s)
		if err != nil || v != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", s, v, err, want)
		}
		if v.String() != s {
			t.Errorf("String() = %q, want %q", v.String(), s)
		}
	}
	bad := map[string]string{
		"2026":              "want YEAR.MINOR.YYYYMMDD",
		"2026.9":            "want YEAR.MINOR.YYYYMMDD",
		"2026.09.20260901":  "bad minor number",
		"26.9.20260901":     "bad year",
		"2026.9.2026091":    "bad date",
		"2026.9.20260931":   "is not a date",
		"2026.9.20250901":   "before the release year",
		"2026.x.20260901":   "bad minor number",
		"2026.9.20260901.1": "want YEAR.MINOR.YYYYMMDD",
		"latest":            "want YEAR.MINOR.YYYYMMDD",
	}
	for s, want := range bad {
		if _, err := ParseVersion(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseVersion(%q) = %v, want error containing %q", s, err, want)
		}
	}
}

// TestOrdering: 2026.9.x sorts below 2026.10.x (the string order gets it wrong).
func TestOrdering(t *testing.T) {
	in := []string{"2026.10.20261001", "2026.9.20260901", "2027.0.20270105", "2026.10.20261015", "2026.2.20260301", "2026.11.20261101"}
	sort.Slice(in, func(i, j int) bool { return CompareStrings(in[i], in[j]) < 0 })
	want := []string{"2026.2.20260301", "2026.9.20260901", "2026.10.20261001", "2026.10.20261015", "2026.11.20261101", "2027.0.20270105"}
	if strings.Join(in, " ") != strings.Join(want, " ") {
		t.Fatalf("order:\n got %v\nwant %v", in, want)
	}
	if "2026.9.20260901" < "2026.10.20261001" {
		t.Fatal("the string order should get this wrong; the test data is wrong")
	}
	if CompareStrings("2026", "2026.9.20260901") >= 0 {
		t.Error("old-style 2026 should sort below 2026.9.x")
	}
	if CompareStrings("latest", "2026.9.20260901") >= 0 {
		t.Error("latest is not a version and sorts below versions")
	}
}
