package history

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSwdbRoundTrip(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	t1 := &Transaction{Begin: now, End: now, Cmdline: "install app", Releasever: "1", Items: []Item{
		{Action: Install, NEVRA: "app-1.0-1.noarch", Repo: "r1", Reason: User},
		{Action: Install, NEVRA: "lib-1:1.0-1.noarch", Repo: "r1", Reason: Dependency},
		{Action: Install, NEVRA: "extra-1.0-1.noarch", Repo: "r1", Reason: Weak},
	}}
	t2 := &Transaction{Begin: now, End: now, Cmdline: "remove extra; mark", Releasever: "1", Items: []Item{
		{Action: Removed, NEVRA: "extra-1.0-1.noarch", Repo: "@System", Reason: Weak},
		{Action: ReasonChange, NEVRA: "lib-1:1.0-1.noarch", Repo: "@System", Reason: User},
	}}
	for _, tr := range []*Transaction{t1, t2} {
		if err := WriteSwdb(ctx, root, tr); err != nil {
			t.Fatal(err)
		}
	}
	got, err := SwdbReasons(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["app.noarch"] != User || got["lib.noarch"] != User {
		t.Errorf("reasons = %v", got)
	}
	// dnf's own reader: libdnf stores the epoch as a number and rpms with item_type 0
	sq, err := exec.LookPath("sqlite3")
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatal("sqlite3 is not installed; scripts/setup.sh installs it")
	}
	if err == nil {
		out, err := exec.Command(sq, filepath.Join(root, SwdbPath), "SELECT name, epoch, action, reason FROM trans_item JOIN rpm USING (item_id) ORDER BY trans_item.id").Output()
		if err != nil {
			t.Fatal(err)
		}
		want := "app|0|1|2\nlib|1|1|1\nextra|0|1|4\nextra|0|8|4\nlib|1|11|2\n"
		if string(out) != want {
			t.Errorf("swdb rows:\n%s\nwant:\n%s", out, want)
		}
	}
}

func FuzzSplitNEVRA(f *testing.F) {
	for _, s := range []string{"app-1.0-1.noarch", "lib-1:1.0-1.noarch", "a.b", "-.-", "x-y:z-1.a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, _, version, release, arch, err := splitNEVRA(s)
		if err == nil && (strings.Contains(arch, ".") || strings.Contains(release, "-") || strings.Contains(version, "-")) {
			t.Fatalf("splitNEVRA(%q) = %q %q %q %q", s, name, version, release, arch)
		}
	})
}
