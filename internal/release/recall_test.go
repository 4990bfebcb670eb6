package release

import (
	"strings"
	"testing"
)

func TestRecall(t *testing.T) {
	x := index(1, nil, "2026.8.20260801", "2026.9.20260901", "2026.10.20261001")
	x.Releases[2].Recalled = &Recall{At: t0, Reason: "breaks boot"}
	if l := x.Latest("x86_64"); l == nil || l.Version != "2026.9.20260901" {
		t.Errorf("Latest = %v, want 2026.9 (2026.10 is recalled)", l)
	}
	if n := x.Newest(); n == nil || n.Version != "2026.10.20261001" {
		t.Errorf("Newest = %v, want the recalled 2026.10 (versions only grow)", n)
	}
	if nw := x.Newer("2026.8.20260801", ""); len(nw) != 2 || !nw[1].IsRecalled() {
		t.Errorf("Newer = %v, want 2026.9 and the recalled 2026.10", nw)
	}
	data, err := x.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	y, err := ParseIndex(data)
	if err != nil || y.Find("2026.10.20261001").Recalled.Reason != "breaks boot" {
		t.Fatalf("round trip: %v %v", y, err)
	}
	for name, r := range map[string]*Recall{"no reason": {At: t0, Reason: " "}, "no time": {Reason: "x"}} {
		x.Releases[2].Recalled = r
		if err := x.Validate(); err == nil || !strings.Contains(err.Error(), "a recall needs a time and a reason") {
			t.Errorf("%s: %v", name, err)
		}
	}
	x.Releases[0].Recalled = &Recall{At: t0, Reason: "x"}
	x.Releases[1].Recalled = &Recall{At: t0, Reason: "x"}
	x.Releases[2].Recalled = &Recall{At: t0, Reason: "x"}
	if l := x.Latest(""); l != nil {
		t.Errorf("every release recalled: Latest = %v", l)
	}
}
