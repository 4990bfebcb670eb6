package history

import (
	"context"
	"testing"
	"time"
)

func TestSwdbTransactions(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	for _, tr := range []*Transaction{
		{Begin: now, End: now, Cmdline: "install app", Releasever: "1", RPMDBBegin: "a", RPMDBEnd: "b", Items: []Item{
			{Action: Install, NEVRA: "app-1.0-1.noarch", Repo: "r1", Reason: User},
			{Action: Install, NEVRA: "lib-1:1.0-1.noarch", Repo: "r1", Reason: Dependency},
		}},
		{Begin: now, End: now, Cmdline: "upgrade", Releasever: "1", RPMDBBegin: "b", RPMDBEnd: "c", Items: []Item{
			{Action: Upgrade, NEVRA: "app-2.0-1.noarch", Repo: "r1", Reason: User},
			{Action: Upgraded, NEVRA: "app-1.0-1.noarch", Repo: "@System", Reason: User},
			{Action: Removed, NEVRA: "lib-1:1.0-1.noarch", Repo: "@System", Reason: Clean},
		}},
		{Begin: now, End: now, Cmdline: "remove app", Releasever: "1", RPMDBBegin: "x", RPMDBEnd: "y", RC: 1, Items: []Item{
			{Action: Removed, NEVRA: "app-2.0-1.noarch", Repo: "@System", Reason: User},
		}},
	} {
		if err := WriteSwdb(ctx, root, tr); err != nil {
			t.Fatal(err)
		}
	}
	ts, err := Log(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	MarkAltered(ts)
	want := []struct {
		id      int64
		cmdline string
		count   int
		actions string
		marks   string
	}{
		{3, "remove app", 1, "Removed", "#<"},
		{2, "upgrade", 2, "E, U", "> "},
		{1, "install app", 2, "Install", "  "},
	}
	if len(ts) != len(want) {
		t.Fatalf("%d transactions, want %d", len(ts), len(want))
	}
	for i, w := range want {
		n, a := Actions(ts[i])
		if ts[i].ID != w.id || ts[i].Cmdline != w.cmdline || n != w.count || a != w.actions || Marks(ts[i]) != w.marks {
			t.Errorf("row %d = %d %q %d %q %q, want %v", i, ts[i].ID, ts[i].Cmdline, n, a, Marks(ts[i]), w)
		}
	}
	if got := ts[2].Items[1]; got.NEVRA != "lib-1:1.0-1.noarch" || got.Reason != Dependency || got.Repo != "r1" {
		t.Errorf("item = %+v", got)
	}
	if _, err := Find(ts, 4); err == nil {
		t.Error("Find(4) found a transaction")
	}
	if in, rm := Inverse(ts[1]); len(in) != 2 || len(rm) != 1 {
		t.Errorf("Inverse(2) = %v, %v", in, rm)
	}
}
