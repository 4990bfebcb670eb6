package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestPMUpgradeFilter: a PkgFilter (what the advisory options plug in) limits the upgrade
// candidates, with and without Minimal, and a filter allowing nothing changes nothing.
func TestPMUpgradeFilter(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, fixturesMinimal)
	root := t.TempDir()
	nimbusRun(t, root, append(repoArgs(dir), "install", "lib-1.0", "extra-1.0")...)
	open := func() *pm.Base {
		b, err := pm.Open(context.Background(), pm.Config{Root: root, Releasever: "1", Setopt: map[string]string{"reposdir": "/dev/null"},
			RepoFromPath: []string{"r1," + dir}, Repos: []string{"r1"}, NoGPGCheck: true}, true)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	upgradesTo := func(req pm.Request) string {
		b := open()
		plan, err := b.Resolve(req)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range plan.JSON("upgrade").Actions {
			got = append(got, a.Action+" "+a.Package.NEVRA)
		}
		return strings.Join(got, ", ")
	}
	below4 := func(b *pm.Base, id solver.ID) bool {
		return !strings.HasPrefix(b.Pool.Solvable(id).EVR, "4.")
	}
	if got := upgradesTo(pm.Request{UpgradeAll: true, Filter: below4}); got != "upgrade extra-2.0-1.noarch, upgrade lib-3.0-1.noarch" {
		t.Errorf("upgrade with a filter: %s", got)
	}
	if got := upgradesTo(pm.Request{Upgrade: []string{"lib"}, Minimal: true, Filter: below4}); got != "upgrade lib-3.0-1.noarch" {
		t.Errorf("targeted minimal upgrade with a filter: %s", got)
	}
	none := func(*pm.Base, solver.ID) bool { return false }
	if got := upgradesTo(pm.Request{UpgradeAll: true, Filter: none}); got != "" {
		t.Errorf("upgrade with a filter allowing nothing: %s", got)
	}
	if got := upgradesTo(pm.Request{UpgradeAll: true}); got != "upgrade extra-2.0-1.noarch, upgrade lib-4.0-1.noarch" {
		t.Errorf("plain upgrade: %s", got)
	}
}
