package history

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestRecordListInverse(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	db, err := Open(root, true)
	if err != nil {
		t.Fatal(err)
	}
	t1 := &Transaction{Begin: time.Unix(100, 0), End: time.Unix(101, 0), Cmdline: "install app", Releasever: "2026.1", Items: []Item{
		{Install, "app-1-1.noarch", "base", User}, {Install, "lib-1-1.noarch", "base", Dependency},
	}}
	t2 := &Transaction{Begin: time.Unix(200, 0), End: time.Unix(202, 0), Cmdline: "upgrade", RC: 0, Items: []Item{
		{Upgrade, "app-2-1.noarch", "base", User}, {Upgraded, "app-1-1.noarch", "@System", User},
		{Removed, "old-1-1.noarch", "@System", User},
	}}
	for _, tr := range []*Transaction{t1, t2} {
		id, err := db.Record(ctx, tr)
		if err != nil {
			t.Fatal(err)
		}
		tr.ID = id
	}
	db.SetReason(ctx, "app.noarch", User)
	db.SetReason(ctx, "lib.noarch", Dependency)
	db.SetReason(ctx, "lib.noarch", User) // mark install
	db.Close()

	db, err = Open(root, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts, err := db.List(ctx)
	if err != nil || len(ts) != 2 || ts[0].ID != t2.ID || ts[1].Cmdline != "install app" {
		t.Fatalf("List = %+v, %v", ts, err)
	}
	if !reflect.DeepEqual(ts[0].Items, t2.Items) {
		t.Errorf("items = %+v", ts[0].Items)
	}
	r, _ := db.Reasons(ctx)
	if r["lib.noarch"] != User || r["app.noarch"] != User {
		t.Errorf("reasons = %v", r)
	}
	in, out := Inverse(ts[0])
	if !reflect.DeepEqual(in, []string{"app-1-1.noarch", "old-1-1.noarch"}) || !reflect.DeepEqual(out, []string{"app-2-1.noarch"}) {
		t.Errorf("inverse = %v %v", in, out)
	}
	if _, err := db.Get(ctx, 99); err == nil {
		t.Error("Get of a missing transaction: no error")
	}
}

func TestOpenMissingReadOnly(t *testing.T) {
	db, err := Open(t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := db.List(context.Background())
	if err != nil || len(ts) != 0 {
		t.Errorf("empty history: %v %v", ts, err)
	}
}

func TestRedoRollback(t *testing.T) {
	ts := []*Transaction{
		{ID: 3, Items: []Item{{Action: Upgrade, NEVRA: "app-3-1.noarch"}, {Action: Upgraded, NEVRA: "app-2-1.noarch"},
			{Action: Reinstall, NEVRA: "lib-1-1.noarch"}, {Action: Reinstalled, NEVRA: "lib-1-1.noarch"}}},
		{ID: 1, Items: []Item{{Action: Install, NEVRA: "app-1-1.noarch"}, {Action: Install, NEVRA: "lib-1-1.noarch"}}},
		{ID: 2, Items: []Item{{Action: Upgrade, NEVRA: "app-2-1.noarch"}, {Action: Upgraded, NEVRA: "app-1-1.noarch"},
			{Action: Install, NEVRA: "tool-1-1.noarch"}, {Action: Removed, NEVRA: "old-1-1.noarch"},
			{Action: Obsoleting, NEVRA: "new-2-1.noarch"}, {Action: Obsoleted, NEVRA: "was-1-1.noarch"}}},
		{ID: 4, Items: []Item{{Action: Removed, NEVRA: "tool-1-1.noarch"}}},
	}
	in, out := Rollback(ts, 1)
	if !reflect.DeepEqual(in, []string{"app-1-1.noarch", "old-1-1.noarch", "was-1-1.noarch"}) ||
		!reflect.DeepEqual(out, []string{"app-3-1.noarch", "new-2-1.noarch"}) {
		t.Errorf("rollback 1 = install %v, remove %v", in, out)
	}
	if in, out := Rollback(ts, 4); len(in)+len(out) != 0 {
		t.Errorf("rollback to the last transaction = %v %v, want nothing", in, out)
	}
	inst, re, rm := Redo(ts[2])
	if !reflect.DeepEqual(inst, []string{"app-2-1.noarch", "tool-1-1.noarch", "new-2-1.noarch"}) || len(re) != 0 ||
		!reflect.DeepEqual(rm, []string{"old-1-1.noarch"}) {
		t.Errorf("redo 2 = %v %v %v", inst, re, rm)
	}
	if _, re, _ := Redo(ts[0]); !reflect.DeepEqual(re, []string{"lib-1-1.noarch"}) {
		t.Errorf("redo 3 reinstalls %v", re)
	}
}
