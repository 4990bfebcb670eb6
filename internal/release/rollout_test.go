package release

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRollout(t *testing.T) {
	r, err := ParseRollout("0s=10%, 24h=50%,48h=100%")
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{Version: "2026.10.20261001", Arches: []string{"x86_64"}, Date: t0, Rollout: r}
	for _, c := range []struct {
		seed int
		want time.Duration
	}{{0, 0}, {203, 0}, {204, 24 * time.Hour}, {1023, 24 * time.Hour}, {1024, 48 * time.Hour}, {2047, 48 * time.Hour}} {
		if got := e.WaveStart(c.seed); !got.Equal(t0.Add(c.want)) {
			t.Errorf("seed %d starts at %v, want +%v", c.seed, got, c.want)
		}
	}
	// The seeds of many ids spread evenly: each wave's share is near its percentage.
	n, in := 4000, [3]int{}
	for i := range n {
		s := Seed(fmt.Sprintf("i-%017x", i))
		if s < 0 || s >= SeedRange {
			t.Fatalf("seed %d out of range", s)
		}
		switch {
		case s < 204:
			in[0]++
		case s < 1024:
			in[1]++
		default:
			in[2]++
		}
	}
	for i, want := range []float64{0.1, 0.4, 0.5} {
		if got := float64(in[i]) / float64(n); got < want-0.03 || got > want+0.03 {
			t.Errorf("wave %d holds %.3f of the fleet, want %.2f", i, got, want)
		}
	}
	if Seed("i-abc") != Seed("i-abc") || Seed("i-abc") == Seed("i-abd") && Seed("i-abe") == Seed("i-abc") {
		t.Error("seeds are not stable per id")
	}
	// Choose: the newest started, not recalled.
	b := Entry{Version: "2026.11.20261101", Arches: []string{"x86_64"}, Date: t0.Add(72 * time.Hour), Rollout: r}
	newer := []Entry{e, b}
	if c, next := Choose(newer, 2047, t0.Add(73*time.Hour)); c == nil || c.Version != e.Version || next == nil || next.Version != b.Version {
		t.Errorf("Choose at +73h for the last seed: %v, %v", c, next)
	}
	if c, _ := Choose(newer, 0, t0.Add(73*time.Hour)); c == nil || c.Version != b.Version {
		t.Errorf("Choose at +73h for seed 0: %v", c)
	}
	newer[1].Recalled = &Recall{At: t0, Reason: "x"}
	if c, next := Choose(newer, 0, t0.Add(73*time.Hour)); c == nil || c.Version != e.Version || next != nil {
		t.Errorf("Choose with the newest recalled: %v %v", c, next)
	}
	for s, want := range map[string]string{
		"":                     "want START=PERCENT%",
		"24h=10%,0s=100%":      "not later than the wave before",
		"0s=50%,24h=40%":       "want more than the wave before",
		"0s=10%,24h=50%":       "must reach 100%",
		"-1h=100%":             "want a duration",
		"soon=100%":            "want a duration",
		"0s=101%":              "at most 100",
		"0s=10%,24h=10%,1h=1%": "want more than the wave before",
	} {
		if _, err := ParseRollout(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRollout(%q): %v, want %q", s, err, want)
		}
	}
	// In the index: validated as part of it.
	x := index(1, nil, "2026.10.20261001")
	x.Releases[0].Rollout = &Rollout{Waves: []Wave{{StartAfter: "1h", FleetPercentage: 50}}}
	if err := x.Validate(); err == nil || !strings.Contains(err.Error(), "releases[0] (2026.10.20261001): rollout: the last wave reaches 50%") {
		t.Errorf("index with a malformed rollout: %v", err)
	}
}
