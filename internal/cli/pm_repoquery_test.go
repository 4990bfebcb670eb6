package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepoqueryLikeDNF: repoquery's options that scripts use, run with the real dnf 4.14
// and with nimbus on the same repository (two versions of a library, a tool requiring it,
// an app requiring the tool) and a root with the tool installed: the output and the exit
// code must be the same. (dnf's repoquery shows repository packages unless --installed,
// and its --repo filters the results, so that installed packages drop out.)
func TestRepoqueryLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", tags: []string{"Provides: cap-lib = 1.0"}, files: []string{"/usr/share/lib/f"}},
		{name: "lib", version: "2.0", release: "1", tags: []string{"Provides: cap-lib = 2.0"}, files: []string{"/usr/share/lib/f", "/usr/share/lib/g"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: lib >= 1.0"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: tool >= 1.0", "Requires: /usr/bin/tool"}, files: []string{"/usr/bin/app"}},
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	common := func(root string) []string {
		return []string{"-q", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + repo}
	}
	for tool, root := range roots {
		if _, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, append(common(root), "-y", "install", "tool-1.0", "lib-1.0")...); rc != 0 {
			t.Fatalf("%s install: %d %s", tool, rc, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		see  string
	}{
		{[]string{"lib"}, "lib-0:2.0-1.noarch"},
		{[]string{"lib-1.0"}, "lib-0:1.0-1.noarch"},
		{[]string{"l*.noarch"}, "lib-0:1.0-1.noarch"},
		{[]string{"--installed"}, "tool-0:1.0-1.noarch"},
		{[]string{"--repo=r", "--installed"}, ""}, // --repo filters the results too, and no package is r's
		{[]string{"--repo=r", "tool"}, "tool-0:1.0-1.noarch"},
		{[]string{"--requires", "app"}, "/usr/bin/tool"},
		{[]string{"--provides", "lib"}, "cap-lib = 2.0"},
		{[]string{"--whatprovides", "cap-lib"}, "lib-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib"}, "tool-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib", "--recursive"}, "app-0:1.0-1.noarch"},
		{[]string{"--resolve", "--requires", "app"}, "tool-0:1.0-1.noarch"},
		{[]string{"--deplist", "app", "tool"}, "   provider: lib-2.0-1.noarch"},
		{[]string{"--location", "tool"}, "file://" + repo + "/tool-1.0-1.noarch.rpm"},
		{[]string{"--latest-limit", "1", "lib"}, "lib-0:2.0-1.noarch"},
		{[]string{"--latest-limit=-1", "lib"}, "lib-0:1.0-1.noarch"},
		{[]string{"--nvr", "lib"}, "lib-2.0-1"},
		{[]string{"--envra", "tool"}, "0:tool-1.0-1.noarch"},
		{[]string{"--qf", "%{name}|%{version}|%{arch}|%{repoid}", "tool", "app"}, "app|1.0|noarch|r"},
		{[]string{"-l", "lib"}, "/usr/share/lib/g"},
		{[]string{"--arch", "x86_64", "tool"}, ""},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			sameAsDNF(t, env, func(tool string) []string { return append(append(common(roots[tool]), "repoquery"), c.args...) }, c.see)
		})
	}
}

// TestRepoqueryRelationsLikeDNF: repoquery's --what<kind> filters (by capability glob and
// version, by the packages a NEVRA names, --exactdeps, comma lists, --recursive), the
// package attributes (--conflicts ... --depends, --requires-pre, with --resolve), the list
// options (--upgrades, --unneeded, --duplicates, --installonly), --source and --querytags,
// beside dnf 4.14 on one repository and root: same output and exit code.
func TestRepoqueryRelationsLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", tags: []string{"Provides: cap-lib = 1.0"}, files: []string{"/usr/share/lib/f"}},
		{name: "lib", version: "2.0", release: "1", tags: []string{"Provides: cap-lib = 2.0"}, files: []string{"/usr/share/lib/f"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: lib >= 1.0"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: tool >= 1.0"}, files: []string{"/usr/bin/app"}},
		{name: "docs", version: "1.0", release: "1", files: []string{"/usr/share/docs/f"}},
		{name: "rich", version: "1.0", release: "1", tags: []string{"Requires: (lib >= 2.0 if tool)", "Recommends: (docs or app)",
			"Requires: ((docs and app) or tool)", "Requires: (docs or app or tool)", "Suggests: (docs if app else tool)", "Supplements: (docs unless (app with tool))"}, files: []string{"/usr/share/rich/f"}},
		{name: "web", version: "1.0", release: "1", tags: []string{
			"Recommends: tool", "Suggests: docs", "Supplements: lib", "Enhances: app", "Conflicts: oldtool < 1.0",
			"Obsoletes: webold <= 1.0", "Requires(pre): lib", "Requires: cap-lib >= 2.0"}, files: []string{"/usr/share/web/f"}},
		{name: "kernel", version: "6.1.0", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.0"}},
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	common := func(root string) []string {
		return []string{"-q", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + repo}
	}
	for tool, root := range roots {
		// app pulls tool in as a dependency; marked a dependency itself, nothing needs app,
		// so autoremove would take app and tool (repoquery --unneeded)
		for _, step := range [][]string{{"install", "app", "lib-1.0", "kernel"}, {"mark", "remove", "app"}} {
			if _, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, append(append(common(root), "-y"), step...)...); rc != 0 {
				t.Fatalf("%s %v: %d %s", tool, step, rc, stderr)
			}
		}
	}
	for _, c := range []struct {
		args []string
		see  string
	}{
		{[]string{"--whatrecommends", "tool"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatrecommends", "app"}, "rich-0:1.0-1.noarch"}, // inside a rich dependency
		{[]string{"--whatsuggests", "docs"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatsupplements", "lib"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatenhances", "app"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatconflicts", "oldtool"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatconflicts", "oldtool >= 2"}, ""},
		{[]string{"--whatobsoletes", "webold"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatdepends", "tool"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatdepends", "tool", "--exactdeps"}, "app-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib", "--exactdeps"}, "tool-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib >= 2.0"}, "rich-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib < 1.0"}, ""},
		{[]string{"--whatrequires", "l*"}, "web-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib,tool"}, "app-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib-2.0"}, "web-0:1.0-1.noarch"}, // web requires cap-lib >= 2.0, which lib-2.0 provides
		{[]string{"--whatrequires", "lib-1.0"}, "tool-0:1.0-1.noarch"},
		{[]string{"--whatrequires", "lib-1.0", "--recursive"}, "app-0:1.0-1.noarch"},
		{[]string{"--whatprovides", "cap-lib >= 2"}, "lib-0:2.0-1.noarch"},
		{[]string{"--whatprovides", "/usr/bin/tool"}, "tool-0:1.0-1.noarch"},
		{[]string{"--whatprovides", "lib-1.0"}, ""},
		{[]string{"--recommends", "web", "rich"}, "(docs or app)"},
		{[]string{"--suggests", "web"}, "docs"},
		{[]string{"--supplements", "web"}, "lib"},
		{[]string{"--enhances", "web"}, "app"},
		{[]string{"--conflicts", "web"}, "oldtool < 1.0"},
		{[]string{"--obsoletes", "web"}, "webold <= 1.0"},
		{[]string{"--depends", "web"}, "cap-lib >= 2.0"},
		{[]string{"--requires", "rich"}, "((docs and app) or tool)\n(docs or app or tool)\n(lib >= 2.0 if tool)"},
		{[]string{"--requires-pre", "web"}, "lib"},
		{[]string{"--suggests", "rich"}, "(docs if app else tool)"},
		{[]string{"--supplements", "rich"}, "(docs unless (app with tool))"},
		{[]string{"--recommends", "--resolve", "web"}, "tool-0:1.0-1.noarch"},
		{[]string{"--requires", "--resolve", "--recursive", "app"}, "lib-0:2.0-1.noarch"},
		{[]string{"--upgrades"}, "lib-0:2.0-1.noarch"},
		{[]string{"--unneeded"}, "tool-0:1.0-1.noarch"},
		{[]string{"--autoremove"}, "app-0:1.0-1.noarch"},
		{[]string{"--installed", "--installonly"}, "kernel-0:6.1.0-1.noarch"},
		{[]string{"--installonly"}, "kernel-0:6.1.0-1.noarch"},
		{[]string{"--duplicates"}, ""},
		{[]string{"-s", "app"}, "app-1.0-1.src.rpm"},
		{[]string{"--querytags"}, "debug_name, source_name"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			sameAsDNF(t, env, func(tool string) []string { return append(append(common(roots[tool]), "repoquery"), c.args...) }, c.see)
		})
	}
	t.Run("deplist", func(t *testing.T) { // dnf's deprecated deplist: repoquery --deplist
		sameAsDNF(t, env, func(tool string) []string { return append(common(roots[tool]), "deplist", "app", "web") }, "  dependency: cap-lib >= 2.0")
	})
}

// TestListLikeDNF: `list` with and without --available, --installed, --extras, --all,
// --autoremove, --recent and --showduplicates, and in yum's form (`list installed`), beside dnf, on a root whose library is the newest version (so the repository's copies
// of it are hidden unless --showduplicates): same output and exit code.
func TestListLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/share/lib/f"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/share/lib/f"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", files: []string{"/usr/bin/app"}},
	})
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	common := func(root string) []string {
		return []string{"-q", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r," + repo}
	}
	local := t.TempDir() // a package no repository has: "Extra Packages"
	buildRepo(t, local, []fixture{{name: "localpkg", version: "1.0", release: "1", files: []string{"/usr/share/localpkg/f"}}})
	roots := map[string]string{"dnf": filepath.Join(dir, "dnf"), "nimbus": filepath.Join(dir, "nimbus")}
	for tool, root := range roots {
		if _, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, append(common(root), "-y", "install", "lib-2.0", "tool", filepath.Join(local, "localpkg-1.0-1.noarch.rpm"))...); rc != 0 {
			t.Fatalf("%s install: %d %s", tool, rc, stderr)
		}
		// tool, a dependency now that nothing needs, is what autoremove would take
		if _, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, append(common(root), "-y", "mark", "remove", "tool")...); rc != 0 {
			t.Fatalf("%s mark: %d %s", tool, rc, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		see  string
	}{
		{[]string{"list"}, "Available Packages\napp.noarch"},
		{[]string{"list", "installed"}, "localpkg.noarch"},
		{[]string{"list", "available"}, "app.noarch"},
		{[]string{"list", "updates"}, ""},
		{[]string{"list", "--extras"}, "Extra Packages\nlocalpkg.noarch"},
		{[]string{"list", "extras", "lib"}, "Error: No matching Packages to list"},
		{[]string{"list", "--all", "lib"}, "lib.noarch"},
		{[]string{"list", "--available"}, "app.noarch"},
		{[]string{"list", "--available", "lib"}, "Error: No matching Packages to list"},
		{[]string{"list", "--installed"}, "tool.noarch"},
		{[]string{"list", "--showduplicates", "lib"}, "1.0-1"},
		{[]string{"list", "--showduplicates"}, "tool.noarch"},
		{[]string{"list", "autoremove"}, "Autoremove Packages\ntool.noarch"},
		{[]string{"list", "--autoremove", "lib"}, "Error: No matching Packages to list"},
		{[]string{"list", "recent"}, "Recently Added Packages\napp.noarch"},
		{[]string{"list", "--recent", "--showduplicates", "lib"}, "1.0-1"},
		{[]string{"list", "--setopt=recent=0", "recent"}, ""},
		{[]string{"mark", "install", "lib", "nosuch"}, "Package nosuch is not installed."}, // dnf records nothing then
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			sameAsDNF(t, env, func(tool string) []string { return append(common(roots[tool]), c.args...) }, c.see)
		})
	}
}

// sameAsDNF runs the command line args gives for each tool with the real dnf
// (--noplugins) and with nimbus: stdout (and stderr when it fails) and the exit code must
// be the same, and dnf's output must contain see, so that the comparison shows something.
func sameAsDNF(t *testing.T, env []string, args func(tool string) []string, see string) {
	t.Helper()
	var outs [2]string
	var rcs [2]int
	for i, tool := range []string{"dnf", "nimbus"} {
		stdout, stderr, rc := runTool(t, tool, env, []string{"--noplugins"}, args(tool)...)
		outs[i], rcs[i] = stdout, rc
		if rc != 0 {
			outs[i] += stderr
		}
	}
	if outs[0] != outs[1] || rcs[0] != rcs[1] {
		t.Errorf("dnf (exit %d):\n%s--- nimbus (exit %d):\n%s", rcs[0], outs[0], rcs[1], outs[1])
	}
	if !strings.Contains(outs[0], see) {
		t.Errorf("dnf's output lacks %q: the comparison no longer shows it\n%s", see, outs[0])
	}
}
