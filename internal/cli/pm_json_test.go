package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

func TestPMJSON(t *testing.T) {
	v1 := t.TempDir()
	buildRepo(t, v1, fixturesV1)
	root := t.TempDir()
	cli := func(args ...string) string {
		t.Helper()
		out, errs, err := runCLI(t, nil, append(append([]string{"--installroot", root}, repoArgs(v1)...), args...)...)
		if err != nil {
			t.Fatalf("nimbus %v: %v\n%s", args, err, errs)
		}
		return out
	}
	plan := func(args ...string) pm.JSONPlan {
		t.Helper()
		var p pm.JSONPlan
		out := cli(args...)
		if err := json.Unmarshal([]byte(out), &p); err != nil {
			t.Fatalf("%v: not one JSON document: %v\n%s", args, err, out)
		}
		return p
	}
	find := func(p pm.JSONPlan, name string) *pm.JSONAction {
		for i := range p.Actions {
			if p.Actions[i].Package.Name == name {
				return &p.Actions[i]
			}
		}
		return nil
	}

	// Without -y: a dry run.
	p := plan("install", "--json", "app")
	if p.Version != 1 || p.Command != "install" || p.Executed || p.Summary.Install < 3 || p.Summary.DownloadSize <= 0 {
		t.Errorf("dry-run plan = %+v", p)
	}
	app, lib := find(p, "app"), find(p, "lib")
	if app == nil || app.Action != "install" || app.Reason != "user" || app.Dependency || app.Package.NEVRA != "app-1.0-1.noarch" || app.Package.Repo != "r1" || app.Size <= 0 {
		t.Errorf("app action = %+v", app)
	}
	if lib == nil || !lib.Dependency || lib.Reason != "dependency" {
		t.Errorf("lib action = %+v", lib)
	}
	if got := installedByRPM(t, root); got != "" {
		t.Fatalf("--json without -y installed %s", got)
	}
	// With -y it runs.
	if p := plan("-y", "install", "--json", "app"); !p.Executed || find(p, "app") == nil {
		t.Errorf("plan with -y = %+v", p)
	}
	if got := installedByRPM(t, root); !strings.Contains(got, "app-1.0-1.noarch") {
		t.Fatalf("after install -y --json: %s", got)
	}

	var l struct {
		Version   int               `json:"version"`
		Installed []pm.JSONPackage  `json:"installed"`
		Available *[]pm.JSONPackage `json:"available"`
	}
	if err := json.Unmarshal([]byte(cli("list", "--installed", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if l.Version != 1 || l.Available != nil || len(l.Installed) < 3 {
		t.Errorf("list --installed --json = %+v", l)
	}
	for _, pk := range l.Installed {
		if pk.Name == "app" && (pk.Repo != "@System" || pk.Version != "1.0" || pk.Release != "1" || pk.Epoch != 0) {
			t.Errorf("installed app = %+v", pk)
		}
	}

	var info struct {
		Packages []pm.JSONPackage `json:"packages"`
	}
	if err := json.Unmarshal([]byte(cli("info", "--json", "lib")), &info); err != nil || len(info.Packages) == 0 || info.Packages[0].Summary != "fixture lib" || info.Packages[0].Size == nil {
		t.Errorf("info --json lib = %+v, %v", info, err)
	}
	var rq struct {
		Packages []pm.JSONPackage `json:"packages"`
	}
	if err := json.Unmarshal([]byte(cli("repoquery", "--json", "--available", "--requires", "app")), &rq); err != nil || len(rq.Packages) != 1 ||
		!strings.Contains(strings.Join(rq.Packages[0].Requires, ","), "lib >= 1.0") || rq.Packages[0].Repo != "r1" {
		t.Errorf("repoquery --json --requires app = %+v, %v", rq, err)
	}

	if p := plan("-y", "remove", "--json", "app"); !p.Executed || find(p, "app") == nil || find(p, "app").Action != "remove" || p.Summary.Remove == 0 {
		t.Errorf("remove plan = %+v", p)
	}
}
