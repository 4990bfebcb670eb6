package history

import (
	"context"
	"testing"
	"time"
)

// TestSwdbComps: a group is installed after its install record, stays with an upgrade
// record and is gone after a removal; environments likewise; transactions that failed do
// not count.
func TestSwdbComps(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	core := &CompsGroup{ID: "core", Name: "Core", TranslatedName: "Core", PkgTypes: 7,
		Packages: []CompsPackage{{Name: "a", Installed: true, Type: 4}, {Name: "b", Type: 8}}}
	web := &CompsGroup{ID: "web", Name: "Web", TranslatedName: "Web", PkgTypes: 7}
	env := &CompsEnv{ID: "srv", Name: "Server", TranslatedName: "Server", PkgTypes: 7, Groups: []CompsEnvGroup{{ID: "core", Installed: true, Type: 4}}}
	for _, tr := range []*Transaction{
		{Begin: now, End: now, Releasever: "1", Items: []Item{{Action: Install, NEVRA: "a-1-1.noarch", Repo: "r1", Reason: Group}},
			Comps: []CompsItem{{Action: Install, Group: core}, {Action: Install, Env: env}}},
		{Begin: now, End: now, Releasever: "1", Comps: []CompsItem{{Action: Install, Group: web}}},
		{Begin: now, End: now, Releasever: "1", Comps: []CompsItem{{Action: Upgrade, Group: core}, {Action: Removed, Group: web}}},
		{Begin: now, End: now, Releasever: "1", RC: 1, Comps: []CompsItem{{Action: Removed, Group: core}}},
	} {
		if err := WriteSwdb(ctx, root, tr); err != nil {
			t.Fatal(err)
		}
	}
	groups, envs, err := SwdbComps(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups["core"] == nil || len(groups["core"].Packages) != 2 || !groups["core"].Packages[0].Installed || groups["core"].Packages[1].Installed {
		t.Errorf("groups = %+v", groups)
	}
	if len(envs) != 1 || envs["srv"] == nil || len(envs["srv"].Groups) != 1 {
		t.Errorf("environments = %+v", envs)
	}
	reasons, err := SwdbReasons(ctx, root)
	if err != nil || reasons["a.noarch"] != Group {
		t.Errorf("reasons = %v, %v", reasons, err)
	}
}
