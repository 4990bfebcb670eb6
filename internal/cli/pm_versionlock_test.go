package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestVersionlockLikeDNF: dnf's versionlock plugin (dnf-plugins-core 4.3, loaded alone:
// --disableplugin='*' --enableplugin=versionlock) and nimbus's built-in one, step by step
// on the same repository: add (installed version first), list, an upgrade the lock holds
// back (an obsoleting package too), an install of another version, add again, exclude of
// a locked package, delete, exclude, clear, and the command with plugins off. Every step's
// output and exit code, the lock list's content (dates masked) and what rpm lists must be
// the same. dnf reads the host's pluginconfpath even with --installroot, nimbus the
// root's: each tool gets the same configuration where it reads it.
func TestVersionlockLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/share/lib/f"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/share/lib/f"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/app"}},
		{name: "newlib", version: "3.0", release: "1", tags: []string{"Obsoletes: lib < 3.0", "Provides: lib = 3.0"}, files: []string{"/usr/share/newlib/f"}},
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	plugdir := filepath.Join(dir, "plugins") // a host path for dnf, a path in the root for nimbus
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	lists := map[string]string{}
	for tool, root := range roots {
		base := "" // where the tool reads pluginconfpath
		if tool == "nimbus" {
			base = root
		}
		if err := os.MkdirAll(base+plugdir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(base+plugdir+"/versionlock.conf", []byte("[main]\nenabled = 1\nlocklist = "+plugdir+"/versionlock.list\n"), 0o644)
		os.WriteFile(base+plugdir+"/versionlock.list", nil, 0o644)
		lists[tool] = base + plugdir + "/versionlock.list"
	}
	common := func(root string) []string {
		return []string{"-y", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + repo,
			"--setopt=pluginconfpath=" + plugdir, "--disableplugin=*", "--enableplugin=versionlock"}
	}
	date := regexp.MustCompile(`(# Added (lock|exclude) on ).*`)
	quiet := regexp.MustCompile(`(?m)^(Added r repo from|Last metadata expiration check).*\n`)
	for _, step := range []struct {
		args []string
		see  string
	}{
		{[]string{"install", "lib-1.0"}, ""},
		{[]string{"versionlock", "add", "lib"}, "Adding versionlock on: lib-0:1.0-1.*"},
		{[]string{"versionlock", "list"}, "lib-0:1.0-1.*"},
		{[]string{"versionlock"}, "lib-0:1.0-1.*"},
		{[]string{"upgrade"}, "Nothing to do."},
		{[]string{"install", "app"}, "Installing:\n app"},
		{[]string{"versionlock", "add", "lib"}, "Package already locked in equivalent form: lib-0:1.0-1.*"},
		{[]string{"versionlock", "exclude", "lib"}, "Error: Package lib-0:1.0-1.* is already locked"},
		{[]string{"versionlock", "nosuch"}, "No package found for: nosuch"},
		{[]string{"versionlock", "delete", "lib"}, "Deleting versionlock for: lib-0:1.0-1.*"},
		{[]string{"versionlock", "exclude", "newlib"}, "Adding exclude on: newlib-0:3.0-1.*"},
		{[]string{"upgrade"}, "Upgrading:\n lib"},
		{[]string{"versionlock", "add", "--raw", "app-1.*"}, "Adding versionlock on: app-1.*"},
		{[]string{"versionlock", "list"}, "!newlib-0:3.0-1.*"},
		{[]string{"versionlock", "clear"}, ""},
		{[]string{"versionlock", "list"}, ""},
		{[]string{"--noplugins", "versionlock", "list"}, "No such command: versionlock"},
	} {
		var outs [2]string
		var rcs [2]int
		for i, tool := range []string{"dnf", "nimbus"} {
			stdout, stderr, rc := runTool(t, tool, env, nil, append(common(roots[tool]), step.args...)...)
			out := quiet.ReplaceAllString(stdout, "")
			if strings.Contains(out, "Dependencies resolved.") {
				out = comparable(out) // a transaction: its table
			}
			outs[i], rcs[i] = out, rc
			if rc != 0 {
				outs[i] = quiet.ReplaceAllString(stdout+stderr, "")
			}
		}
		name := strings.Join(step.args, " ")
		if rcs[0] != rcs[1] || outs[0] != outs[1] {
			t.Errorf("%s:\ndnf (exit %d):\n%s\n--- nimbus (exit %d):\n%s", name, rcs[0], outs[0], rcs[1], outs[1])
		}
		if !strings.Contains(outs[0], step.see) {
			t.Errorf("%s: dnf's output lacks %q: the comparison no longer shows it\n%s", name, step.see, outs[0])
		}
		var content [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			data, _ := os.ReadFile(lists[tool])
			content[i] = date.ReplaceAllString(string(data), "${1}DATE")
		}
		if content[0] != content[1] {
			t.Errorf("%s: lock lists differ:\ndnf:\n%s--- nimbus:\n%s", name, content[0], content[1])
		}
		if a, b := installedByRPM(t, roots["dnf"]), installedByRPM(t, roots["nimbus"]); a != b {
			t.Errorf("%s: installed: dnf %s, nimbus %s", name, a, b)
		}
	}
}

// TestVersionlockStaysInRoot: a lock list that is a symlink out of the install root, and
// a versionlock.conf whose locklist climbs out of it, are refused: nothing outside the
// root is read or written.
func TestVersionlockStaysInRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	outside := filepath.Join(dir, "outside.list")
	if err := os.WriteFile(outside, []byte("host-0:1-1.*\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plug := filepath.Join(root, "etc/dnf/plugins")
	os.MkdirAll(plug, 0o755)
	if err := os.Symlink(outside, filepath.Join(plug, "versionlock.list")); err != nil {
		t.Fatal(err)
	}
	args := []string{"-y", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1"}
	// add refuses the list; clear replaces the link by an empty list inside the root;
	// list then shows nothing of the host's file
	for _, step := range []struct {
		args []string
		ok   bool
	}{{[]string{"versionlock", "add", "--raw", "pkg-1.*"}, false}, {[]string{"versionlock", "clear"}, true}, {[]string{"versionlock", "list"}, true}} {
		stdout, stderr, rc := runTool(t, "nimbus", nil, nil, append(args, step.args...)...)
		if (rc == 0) != step.ok || strings.Contains(stdout, "host-0:1-1.*") {
			t.Errorf("%v with the list a symlink out of the root: exit %d\n%s%s", step.args, rc, stdout, stderr)
		}
		if data, _ := os.ReadFile(outside); string(data) != "host-0:1-1.*\n" {
			t.Fatalf("%v changed the file outside the root: %q", step.args, data)
		}
	}
	// a locklist that climbs out of the root lands inside it
	os.Remove(filepath.Join(plug, "versionlock.list"))
	os.WriteFile(filepath.Join(plug, "versionlock.conf"), []byte("[main]\nlocklist = /../../../../"+outside+"\n"), 0o644)
	os.MkdirAll(filepath.Join(root, filepath.Dir(outside)), 0o755)
	if _, stderr, rc := runTool(t, "nimbus", nil, nil, append(args, "versionlock", "add", "--raw", "pkg-1.*")...); rc != 0 {
		t.Fatalf("add: %d %s", rc, stderr)
	}
	if data, _ := os.ReadFile(outside); string(data) != "host-0:1-1.*\n" {
		t.Errorf("the file outside the root changed: %q", data)
	}
	if data, err := os.ReadFile(filepath.Join(root, outside)); err != nil || !strings.Contains(string(data), "pkg-1.*") {
		t.Errorf("the lock was not written inside the root: %q, %v", data, err)
	}
}
