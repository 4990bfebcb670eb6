package pm

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo/createrepo"
)

// pkgYAML is a package description: name-version, files under /usr/share/NAME, optional
// requirements.
func pkgYAML(name, version string, requires ...string) string {
	y := "name: " + name + "\nversion: '" + version + "'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\n" +
		"files: [{path: /usr/share/" + name + "/f, content: '" + name + version + "'}]\n"
	if len(requires) > 0 {
		y += "requires: [" + strings.Join(requires, ", ") + "]\n"
	}
	return y
}

// fixtureRepo builds the packages into a new directory and indexes it as an rpm-md
// repository (createrepo in-process).
func fixtureRepo(t *testing.T, yamls ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, y := range yamls {
		buildPkg(t, dir, y)
	}
	if _, err := createrepo.Create(context.Background(), dir, createrepo.Options{Time: time.Unix(1764000000, 0)}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// testConfig is a root using one repository, without signatures or scriptlets.
func testConfig(root, repoDir string, log *bytes.Buffer) Config {
	return Config{Root: root, Releasever: "1", RepoFromPath: []string{"fixture," + repoDir}, NoGPGCheck: true, NoScripts: true,
		Setopt: map[string]string{"fixture.metadata_expire": "0"}, Log: log, Now: func() time.Time { return time.Unix(1765000000, 0) }}
}

// run resolves and runs a request on the root, as a command that changes it does
// (remove reads only the installed packages, as the CLI's remove does).
func run(t *testing.T, cfg Config, req Request) error {
	t.Helper()
	ctx := context.Background()
	if _, err := Recover(ctx, cfg); err != nil {
		return err
	}
	b, err := Open(ctx, cfg, len(req.Remove) == 0)
	if err != nil {
		return err
	}
	plan, err := b.Resolve(req)
	if err != nil {
		return err
	}
	if plan.Empty() {
		return nil
	}
	_, err = plan.Run(ctx, nil)
	return err
}

// installed lists the root's packages as NAME-VERSION, sorted.
func installed(t *testing.T, cfg Config) []string {
	t.Helper()
	b, err := Open(context.Background(), cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range b.ListInstalled(nil) {
		out = append(out, l.Name+"-"+strings.TrimSuffix(l.EVR, "-1"))
	}
	sort.Strings(out)
	return out
}

// TestVerbs: install, remove, upgrade, and undo on install roots built from a
// repository of fixture packages; each case starts from a root with its own packages
// installed from the old repository, then runs one request against the new one.
func TestVerbs(t *testing.T) {
	old := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("app", "1", "lib"), pkgYAML("tool", "1"))
	cur := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("lib", "2"), pkgYAML("app", "1", "lib"), pkgYAML("tool", "1"), pkgYAML("tool", "2"))
	cases := []struct {
		name    string
		start   []string // installed from the old repository first
		req     Request
		want    []string
		wantErr string
	}{
		{"install pulls its dependency", nil, Request{Install: []string{"app"}}, []string{"app-1", "lib-2"}, ""},
		{"install a version", nil, Request{Install: []string{"lib-1-1.noarch"}}, []string{"lib-1"}, ""},
		{"install nothing that exists", nil, Request{Install: []string{"nosuch"}}, nil, "nosuch"},
		{"remove takes its dependents", []string{"app"}, Request{Remove: []string{"lib"}}, nil, ""},
		{"remove takes unused dependencies", []string{"app", "tool"}, Request{Remove: []string{"app"}}, []string{"tool-1"}, ""},
		{"upgrade all", []string{"app", "tool"}, Request{UpgradeAll: true}, []string{"app-1", "lib-2", "tool-2"}, ""},
		{"upgrade one", []string{"app", "tool"}, Request{Upgrade: []string{"tool"}}, []string{"app-1", "lib-1", "tool-2"}, ""},
		{"upgrade with nothing newer", []string{"app"}, Request{Upgrade: []string{"app"}}, []string{"app-1", "lib-1"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			var log bytes.Buffer
			if len(c.start) > 0 {
				if err := run(t, testConfig(root, old, &log), Request{Install: c.start}); err != nil {
					t.Fatalf("installing %v: %v\n%s", c.start, err, log.String())
				}
			}
			err := run(t, testConfig(root, cur, &log), c.req)
			if c.wantErr != "" {
				var nm *NoMatchError
				if err == nil || !errors.As(err, &nm) || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want a NoMatchError naming %q", err, c.wantErr)
				}
			} else if err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			if got := installed(t, testConfig(root, cur, &log)); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("installed %v, want %v", got, c.want)
			}
		})
	}
}

// TestUndo: Undo puts back exactly what a transaction changed.
func TestUndo(t *testing.T) {
	old := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("app", "1", "lib"))
	cur := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("lib", "2"), pkgYAML("app", "1", "lib"), pkgYAML("new", "1"))
	root := t.TempDir()
	var log bytes.Buffer
	if err := run(t, testConfig(root, old, &log), Request{Install: []string{"app"}}); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(root, cur, &log)
	if err := run(t, cfg, Request{UpgradeAll: true, Install: []string{"new"}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(installed(t, cfg), " "); got != "app-1 lib-2 new-1" {
		t.Fatalf("after the upgrade: %s", got)
	}
	last := lastTransaction(context.Background(), root)
	if last == 0 {
		t.Fatal("no transaction in the history")
	}
	if _, err := Undo(context.Background(), cfg, last); err != nil {
		t.Fatalf("undo %d: %v\n%s", last, err, log.String())
	}
	if got := strings.Join(installed(t, cfg), " "); got != "app-1 lib-1" {
		t.Errorf("after undo: %s", got)
	}
	if _, err := Undo(context.Background(), cfg, 999); err == nil {
		t.Error("undo of a transaction that does not exist succeeded")
	}
}

// TestAutomatic: the automatic run by policy on an install root: apply_updates = no lists
// and changes nothing; the default upgrade type applies everything; a failing
// health_command rolls the transaction back; each run is recorded in automatic.json.
func TestAutomatic(t *testing.T) {
	old := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("app", "1", "lib"))
	cur := fixtureRepo(t, pkgYAML("lib", "1"), pkgYAML("lib", "2"), pkgYAML("app", "1", "lib"))
	cases := []struct {
		name          string
		policy        func(*release.Automatic)
		want          []string
		ok            bool
		available     int
		rolledBack    bool
		health, error string
	}{
		{"report only", func(p *release.Automatic) { p.UpgradeType, p.ApplyUpdates = "default", false }, []string{"app-1", "lib-1"}, true, 1, false, "", ""},
		{"apply everything", func(p *release.Automatic) { p.UpgradeType = "default" }, []string{"app-1", "lib-2"}, true, 0, false, "ok", ""},
		{"security only, no advisories", func(p *release.Automatic) {}, []string{"app-1", "lib-1"}, true, 0, false, "", ""},
		{"health check fails", func(p *release.Automatic) { p.UpgradeType, p.HealthCommand = "default", "exit 3" }, []string{"app-1", "lib-1"}, false, 0, true, "exit status 3", "rolled back"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			var log, out bytes.Buffer
			if err := run(t, testConfig(root, old, &log), Request{Install: []string{"app"}}); err != nil {
				t.Fatal(err)
			}
			pol := release.DefaultAutomatic()
			pol.InstanceID = "i-0123456789abcdef0"
			c.policy(&pol)
			cfg := testConfig(root, cur, &log)
			var lines []string
			res, err := Automatic(context.Background(), AutomaticOptions{Config: cfg, Policy: pol, Out: &out,
				Getenv: func(k string) string {
					if k == "NIMBUS_BOOT_TIME" {
						return "1"
					}
					return ""
				},
				Logf: func(f string, a ...any) { lines = append(lines, f) }})
			if err != nil {
				t.Fatal(err)
			}
			if got := installed(t, cfg); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("installed %v, want %v\n%s\n%s", got, c.want, strings.Join(lines, "\n"), out.String())
			}
			st, err := ReadAutomaticStatus(root)
			if err != nil {
				t.Fatal(err)
			}
			if st.OK != c.ok || (res.Err == nil) != c.ok || len(res.Available) != c.available || st.RolledBack != c.rolledBack ||
				!strings.Contains(st.Health, c.health) || !strings.Contains(st.Error, c.error) {
				t.Errorf("status %+v, result %+v", st, res)
			}
			if st.RebootNeeded == nil || *st.RebootNeeded {
				t.Errorf("reboot needed %v: no core package changed", st.RebootNeeded)
			}
		})
	}
}

// TestNeedsReboot: a core package (glibc) installed after boot needs a reboot; one
// installed before does not, nor does any other package.
func TestNeedsReboot(t *testing.T) {
	repoDir := fixtureRepo(t, pkgYAML("glibc", "1"), pkgYAML("tool", "1"))
	cases := []struct {
		name    string
		install string
		boot    time.Time
		want    string
	}{
		{"core package after boot", "glibc", time.Unix(1, 0), "glibc"},
		{"core package before boot", "glibc", time.Now().Add(time.Hour), ""},
		{"other package after boot", "tool", time.Unix(1, 0), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			var log bytes.Buffer
			cfg := testConfig(root, repoDir, &log)
			if err := run(t, cfg, Request{Install: []string{c.install}}); err != nil {
				t.Fatal(err)
			}
			names, err := NeedsReboot(context.Background(), cfg, c.boot)
			if err != nil || strings.Join(names, " ") != c.want {
				t.Errorf("NeedsReboot: %v %v, want %q", names, err, c.want)
			}
		})
	}
}

// TestNeedsRestarting: processes are listed by whether their maps name a deleted file
// (not shared memory, memfd, /tmp or /run) and, with userOnly, by owner.
func TestNeedsRestarting(t *testing.T) {
	proc := t.TempDir()
	for _, p := range []struct{ pid, uid, maps, cmdline string }{
		{"10", "0", "7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib64/libc.so.6 (deleted)\n", "app\x00--serve\x00"},
		{"11", "1000", "7f00-7f01 r-xp 00000000 08:01 1234 /usr/bin/tool (deleted)\n", "tool\x00"},
		{"12", "0", "7f00-7f01 rw-s 00000000 00:05 1 /dev/shm/x (deleted)\n7f00-7f01 rw-s 00000000 00:05 1 /memfd:y (deleted)\n", "shm"},
		{"13", "0", "7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib64/libc.so.6\n", "fresh"},
		{"self", "0", "7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib64/libc.so.6 (deleted)\n", "not a pid"},
	} {
		d := filepath.Join(proc, p.pid)
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "maps"), []byte(p.maps), 0o644)
		os.WriteFile(filepath.Join(d, "cmdline"), []byte(p.cmdline), 0o644)
		os.WriteFile(filepath.Join(d, "status"), []byte("Name:\tx\nUid:\t"+p.uid+"\t"+p.uid+"\t"+p.uid+"\t"+p.uid+"\n"), 0o644)
	}
	cases := []struct {
		name     string
		userOnly bool
		uid      int
		want     string
	}{
		{"all users", false, 0, "10 : app --serve, 11 : tool"},
		{"root only", true, 0, "10 : app --serve"},
		{"user 1000 only", true, 1000, "11 : tool"},
		{"user with none", true, 5, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := NeedsRestarting(proc, c.userOnly, c.uid)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, strconv.Itoa(p.PID)+" : "+p.Cmdline)
			}
			if strings.Join(got, ", ") != c.want {
				t.Errorf("got %q, want %q", strings.Join(got, ", "), c.want)
			}
		})
	}
	if _, err := NeedsRestarting(filepath.Join(proc, "missing"), false, 0); err == nil {
		t.Error("a missing proc directory gave no error")
	}
}
