package advisory

import "testing"

func TestSeverityPolicy(t *testing.T) {
	e := func(u ...string) []ChangelogEntry {
		var out []ChangelogEntry
		for _, x := range u {
			out = append(out, ChangelogEntry{Urgency: x})
		}
		return out
	}
	tests := []struct {
		entries   []ChangelogEntry
		cves      int
		want, why string
	}{
		{e("medium"), 1, "Medium", "urgency=medium, 1 CVE"},
		{e("medium", "high"), 2, "Important", "urgency=high, 2 CVEs"},
		{e("low"), 1, "Low", "urgency=low, 1 CVE"},
		{e("low"), 5, "Medium", "urgency=low, 5 CVEs"},
		{e("medium"), 6, "Important", "urgency=medium, 6 CVEs"},
		{e("high"), 9, "Important", "urgency=high, 9 CVEs"},
		{e("emergency"), 1, "Critical", "urgency=emergency, 1 CVE"},
		{e("Critical"), 1, "Critical", "urgency=critical, 1 CVE"},
		{e("", "bogus"), 1, "Medium", "urgency=none given, medium assumed, 1 CVE"},
	}
	for _, tt := range tests {
		got, why := SeverityPolicy(tt.entries, tt.cves)
		if got != tt.want || why != tt.why {
			t.Errorf("%v, %d CVEs: %s (%s), want %s (%s)", tt.entries, tt.cves, got, why, tt.want, tt.why)
		}
		if NormalizeSeverity(got) != got {
			t.Errorf("%s is not a severity the validator accepts", got)
		}
	}
}
