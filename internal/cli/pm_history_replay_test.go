package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryReplayLikeDNF: dnf 4.14's `history replay [--ignore-installed]
// [--ignore-extras] [--skip-unavailable] FILE` (TransactionReplay in transaction_sr.py)
// against nimbus, step by step on two roots that start empty: the argument errors, the
// file's errors (no version, an incompatible one, bad keys, actions and reasons), the
// replay of installs with their recorded reasons, the errors of a package already
// installed, not installed, not available, of one pulled in that the file does not
// name, and what each option turns into a warning; upgrades, reinstalls and removals.
// After each step stdout, stderr, the exit code and the installed packages (rpm -qa)
// must be dnf's; at the end `history userinstalled` (the replayed reasons) too.
func TestHistoryReplayLikeDNF(t *testing.T) {
	repo1, repo2 := t.TempDir(), t.TempDir()
	buildRepo(t, repo1, fixturesV1)
	buildRepo(t, repo2, fixturesV2[:2]) // lib-2.0, app-2.0
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r1]\nname=r1\nbaseurl=file://%s\n\n[r2]\nname=r2\nbaseurl=file://%s\n", repo1, repo2)), 0o644)
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rpms := func(items ...string) string { // "Action nevra reason repo"
		var l []string
		for _, it := range items {
			f := strings.Fields(it)
			l = append(l, fmt.Sprintf(`{"action": %q, "nevra": %q, "reason": %q, "repo_id": %q}`, strings.ReplaceAll(f[0], "_", " "), f[1], f[2], f[3]))
		}
		return `{"version": "0.0", "rpms": [` + strings.Join(l, ", ") + "]}\n"
	}
	install := file("install.json", rpms("Install app-1.0-1.noarch user r1", "Install lib-1.0-1.noarch dependency r1", "Install extra-1.0-1.noarch weak-dependency r1", "Install shell-1.0-1.x86_64 dependency r1"))
	runSteps(t, conf, env, []dnfStep{
		{[]string{"history", "replay"}, 1, false},
		{[]string{"history", "replay", install, install}, 1, false},
		{[]string{"history", "replay", filepath.Join(dir, "missing.json")}, 1, false},
		{[]string{"history", "replay", file("badjson.json", `{"version": "0.0",`)}, 1, true},
		{[]string{"history", "replay", file("noversion.json", `{"rpms": []}`)}, 1, false},
		{[]string{"history", "replay", file("major.json", `{"version": "1.0"}`)}, 1, false},
		{[]string{"history", "replay", file("minor.json", `{"version": "0.x"}`)}, 1, false},
		{[]string{"history", "replay", file("numver.json", `{"version": 0}`)}, 1, false},
		{[]string{"history", "replay", file("rpmsobj.json", `{"version": "0.0", "rpms": {}}`)}, 1, false},
		{[]string{"history", "replay", file("nokey.json", `{"version": "0.0", "rpms": [{"action": "Install", "nevra": "lib-1.0-1.noarch", "reason": "user"}]}`)}, 1, false},
		{[]string{"history", "replay", file("badaction.json", rpms("Frobnicate lib-1.0-1.noarch user r1"))}, 1, false},
		{[]string{"history", "replay", file("badnevra.json", rpms("Install lib user r1"))}, 1, false},
		{[]string{"history", "replay", file("unknown.json", rpms("Install nothere-1.0-1.noarch user r1", "Install lib-1.0-1.noarch user r1"))}, 1, false},
		{[]string{"history", "replay", "-y", "--skip-unavailable", filepath.Join(dir, "unknown.json")}, 0, false},
		{[]string{"history", "replay", "-y", install}, 1, false}, // lib is already installed
		{[]string{"history", "replay", "-y", "--ignore-installed", install}, 0, false},
		{[]string{"history", "replay", "-y", install}, 1, false},
		{[]string{"history", "replay", "-y", file("notinst.json", rpms("Removed tool-1.0-1.noarch user r1"))}, 1, false},
		{[]string{"history", "replay", "-y", file("removeall.json", rpms("Removed app-1.0-1.noarch user r1", "Removed lib-1.0-1.noarch dependency r1", "Removed extra-1.0-1.noarch clean r1"))}, 0, false},
		{[]string{"history", "replay", "-y", file("extras.json", rpms("Install app-1.0-1.noarch user r1"))}, 1, false}, // lib is pulled in
		{[]string{"history", "replay", "-y", "--ignore-extras", filepath.Join(dir, "extras.json")}, 0, false},
		{[]string{"history", "replay", "-y", file("downgrade.json", rpms("Downgrade lib-1.0-1.noarch user r1", "Downgraded lib-2.0-1.noarch dependency r2"))}, 0, false},
		{[]string{"history", "replay", "-y", file("upgrade.json", rpms("Upgrade lib-2.0-1.noarch dependency r2", "Upgraded lib-1.0-1.noarch dependency r1"))}, 0, false},
		{[]string{"history", "replay", "-y", filepath.Join(dir, "upgrade.json")}, 1, false}, // lib-1.0 is gone
		{[]string{"history", "replay", "-y", file("reinstall.json", rpms("Reinstall lib-2.0-1.noarch dependency r2", "Reinstalled lib-2.0-1.noarch dependency r2"))}, 0, false},
		{[]string{"reinstall", "-y", "lib"}, 0, false}, // the table of a plain reinstall, for comparison
		{[]string{"history", "replay", "-y", file("reinstall1.json", rpms("Reinstall lib-1.0-1.noarch dependency r1", "Reinstalled lib-1.0-1.noarch dependency r1"))}, 1, false},
		{[]string{"history", "replay", "-y", file("tool.json", rpms("Install tool-1.0-1.noarch user r1", "Install kernel-6.1.0-1.noarch user @System"))}, 0, false},
		{[]string{"history", "replay", "-y", file("removed.json", rpms("Removed app-1.0-1.noarch user r1"))}, 0, false},
		// a file of reason changes only: dnf runs an empty rpm transaction ("Freed space: 0",
		// "Running transaction check" ...), nimbus says "Nothing to do." (docs/pm.md); the
		// reason itself is compared by userinstalled below
		{[]string{"history", "replay", "-y", file("reason.json", rpms("Reason_Change tool-1.0-1.noarch dependency r1"))}, 0, true},
		{[]string{"history", "userinstalled"}, 0, false},
	})
}

// TestHistoryReplayGroupsLikeDNF: a transaction with an environment and its group,
// `history store`d by dnf and by nimbus (the JSON compared byte for byte: environments
// with their groups, groups with their packages and types), then
// replayed by both on fresh roots: the group record comes back with the packages (group
// list --installed), and dnf's errors for a group no repository has, an unknown package
// type, and removing a group that is not installed.
func TestHistoryReplayGroupsLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, fixturesV1)
	cf := filepath.Join(t.TempDir(), "comps.xml")
	os.WriteFile(cf, []byte(`<comps><group><id>tools</id><name>Tools</name><packagelist><packagereq type="mandatory">tool</packagereq><packagereq type="default">extra</packagereq><packagereq type="optional">kernel</packagereq></packagelist></group>
<group><id>libs</id><name>Libs</name><packagelist><packagereq type="mandatory">lib</packagereq></packagelist></group>
<environment><id>devenv</id><name>Dev</name><grouplist><groupid>tools</groupid></grouplist><optionlist><groupid>libs</groupid></optionlist></environment></comps>`), 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", "-g", cf, repo)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r1]\nname=r1\nbaseurl=file://%s\n", repo)), 0o644)
	roots := runSteps(t, conf, env, []dnfStep{{[]string{"-y", "group", "install", "devenv"}, 0, false}})
	var stored [2][]byte
	for i, name := range []string{"dnf", "nimbus"} {
		f := filepath.Join(dir, name+".json")
		args := []string{"-c", conf, "--installroot", roots[name], "--releasever=1", "history", "store", "1", "-o", f}
		if _, errs, rc := runTool(t, name, env, []string{"--noplugins"}, args...); rc != 0 {
			t.Fatalf("%s history store: %d %s", name, rc, errs)
		}
		stored[i], _ = os.ReadFile(f)
	}
	if string(stored[0]) != string(stored[1]) {
		t.Errorf("history store of a group install differs:\n--- dnf\n%s\n--- nimbus\n%s", stored[0], stored[1])
	}
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		return p
	}
	groupOnly := func(action, id, types string) string {
		return fmt.Sprintf(`{"version": "0.0", "groups": [{"action": %q, "id": %q, "package_types": %q, "packages": [{"installed": true, "name": "tool", "package_type": "mandatory"}]}]}`, action, id, types)
	}
	dnfFile := filepath.Join(dir, "dnf.json")
	runSteps(t, conf, env, []dnfStep{
		{[]string{"-y", "history", "replay", file("noenv.json", strings.Replace(string(stored[0]), `"id": "devenv"`, `"id": "noenv"`, 1))}, 1, false},
		{[]string{"-y", "history", "replay", file("nogroup.json", groupOnly("Install", "nogroup", "mandatory"))}, 1, false},
		{[]string{"-y", "history", "replay", file("badtype.json", groupOnly("Install", "tools", "frob"))}, 1, false},
		{[]string{"-y", "history", "replay", file("notinst.json", groupOnly("Removed", "tools", "mandatory"))}, 1, false},
		{[]string{"-y", "history", "replay", dnfFile}, 0, false},
		{[]string{"group", "list", "--installed"}, 0, false},
		{[]string{"-y", "history", "replay", dnfFile}, 1, false},
		{[]string{"-y", "history", "replay", filepath.Join(dir, "notinst.json")}, 0, false},
		{[]string{"group", "list", "--installed"}, 0, false},
	})
}
