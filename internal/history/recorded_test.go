package history

import "testing"

func TestRecorded(t *testing.T) {
	t1 := &Transaction{ID: 1, Items: []Item{
		{Action: Install, NEVRA: "app-1-1.noarch", Reason: User},
		{Action: Install, NEVRA: "lib-1-1.noarch", Reason: Dependency},
	}}
	t2 := &Transaction{ID: 2, Items: []Item{
		{Action: Removed, NEVRA: "app-1-1.noarch", Reason: User},
		{Action: Removed, NEVRA: "lib-1-1.noarch", Reason: Clean},
		{Action: Removed, NEVRA: "old-1-1.noarch"}, // no reason recorded
	}}
	for _, tc := range []struct {
		name string
		ts   []*Transaction
		want map[string]Reason
	}{
		{"one", []*Transaction{t1}, map[string]Reason{"app-1-1.noarch": User, "lib-1-1.noarch": Dependency}},
		{"the later record wins, in any order", []*Transaction{t2, t1}, map[string]Reason{"app-1-1.noarch": User, "lib-1-1.noarch": Clean}},
		{"none", nil, map[string]Reason{}},
	} {
		got := Recorded(tc.ts...)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s: %s is %q, want %q", tc.name, k, got[k], v)
			}
		}
	}
}
