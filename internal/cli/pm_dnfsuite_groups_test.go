package cli

// The comps group scenarios of the dnf suite (dnf(8) "Group Command", "Specifying Groups";
// dnf.conf(5) group_package_types). r1 carries suiteComps (createrepo_c -g); r2 and r3 have
// no group data.

import (
	"os"
	"path/filepath"
	"testing"
)

// suiteComps are r1's groups: base-tools (every packagereq type, a conditional one on lib),
// web, a hidden group naming a package no repository has, python (display order 1), a
// hidden arch-tools with basearchonly members (archpkg has x86_64 and i686 builds, extra is
// noarch), and an environment of base-tools and web with python as an option.
const suiteComps = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
<comps>
  <group>
    <id>base-tools</id>
    <name>Base Tools</name>
    <name xml:lang="de">Basiswerkzeuge</name>
    <description>The application and its tools</description>
    <default>true</default>
    <uservisible>true</uservisible>
    <packagelist>
      <packagereq type="mandatory">app</packagereq>
      <packagereq type="default">tool</packagereq>
      <packagereq type="optional">leaf</packagereq>
      <packagereq type="conditional" requires="lib">lib-devel</packagereq>
    </packagelist>
  </group>
  <group>
    <id>web</id>
    <name>Web Server</name>
    <description>A web server</description>
    <packagelist>
      <packagereq type="mandatory">web-a</packagereq>
      <packagereq type="default">py3-alpha</packagereq>
    </packagelist>
  </group>
  <group>
    <id>hidden-stuff</id>
    <name>Hidden Stuff</name>
    <description>Not shown by default</description>
    <uservisible>false</uservisible>
    <packagelist>
      <packagereq type="mandatory">dep-a</packagereq>
      <packagereq type="mandatory">no-such-package</packagereq>
    </packagelist>
  </group>
  <group>
    <id>python</id>
    <name>Python</name>
    <description>Python modules</description>
    <display_order>1</display_order>
    <packagelist>
      <packagereq type="mandatory">py3-alpha</packagereq>
      <packagereq type="mandatory">py3-beta</packagereq>
    </packagelist>
  </group>
  <group>
    <id>arch-tools</id>
    <name>Arch Tools</name>
    <description>Members of the base arch only</description>
    <uservisible>false</uservisible>
    <packagelist>
      <packagereq type="mandatory" basearchonly="true">archpkg</packagereq>
      <packagereq type="mandatory" basearchonly="true">extra</packagereq>
      <packagereq type="mandatory">dep-c</packagereq>
    </packagelist>
  </group>
  <environment>
    <id>server-env</id>
    <name>Server Environment</name>
    <description>A server</description>
    <display_order>5</display_order>
    <grouplist>
      <groupid>base-tools</groupid>
      <groupid>web</groupid>
    </grouplist>
    <optionlist>
      <groupid>python</groupid>
    </optionlist>
  </environment>
</comps>
`

// addSuiteComps indexes r1 again with its comps file, as createrepo_c -g does.
func addSuiteComps(t *testing.T, dir string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "comps.xml")
	if err := os.WriteFile(f, []byte(suiteComps), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, needTool(t, "createrepo_c"), "-q", "-g", f, dir)
}

func dnfGroupScenarios() []scenario {
	const (
		tool1 = "tool-1.0-1.noarch"
		dev1  = "lib-devel-1.0-1.noarch"
		webA  = "web-a-1.0-1.noarch"
		pyA   = "py3-alpha-1.0-1.noarch"
		pyB   = "py3-beta-1.0-1.noarch"
		leaf1 = "leaf-1.0-1.noarch"
	)
	inBase := a("group", "install", "base-tools")
	return []scenario{
		// listing (dnf(8) "group list", "group info", "group summary")
		sc("group list", "1", 0, a("group", "list")),
		sc("group list --hidden", "1", 0, a("group", "list", "--hidden")),
		sc("group list -v shows ids", "1", 0, a("-v", "group", "list")),
		sc("group list --ids", "1", 0, a("group", "list", "--ids")),
		sc("group list pattern", "1", 0, a("group", "list", "web*")),
		sc("group list no match", "1", 0, a("group", "list", "no-such-group")),
		sc("group list installed", "1", 0, inBase, a("group", "list", "--installed")),
		sc("group list without group data", "3", 1, a("group", "list")),
		sc("grouplist", "1", 0, a("grouplist")),
		sc("group info", "1", 0, a("group", "info", "base-tools")),
		sc("group info by name", "1", 0, a("group", "info", "Web Server")),
		sc("group info environment", "1", 0, a("group", "info", "server-env")),
		sc("group info unknown", "1", 0, a("group", "info", "no-such-group")),
		sc("group summary", "1", 0, a("group", "summary")),
		sc("group without subcommand", "1", 0, inBase, a("group")),
		sc("group invalid subcommand", "1", 1, a("group", "frobnicate")),

		// installing (dnf(8) "group install", "Specifying Groups")
		sc("group install", "1", 0, inBase).with(app1, lib1, ext1, tool1, dev1).without("leaf"),
		sc("group install by name", "1", 0, a("group", "install", "Web Server")).with(webA, pyA),
		sc("group install glob", "1", 0, a("group", "install", "pyth*")).with(pyA, pyB),
		// basearchonly: dnf asks for name.$basearch (a noarch member is "No match for group package")
		sc("group install basearchonly members", "1", 0, a("group", "install", "arch-tools")).with("archpkg-1.0-1.x86_64", "dep-c-1.0-1.noarch").without("extra"),
		sc("group install basearchonly with strict=false", "1", 0, a("--setopt=strict=false", "group", "install", "arch-tools")).with("archpkg-1.0-1.x86_64").without("extra"),
		sc("group install --with-optional", "1", 0, a("group", "install", "--with-optional", "base-tools")).with(app1, tool1, leaf1),
		sc("group install group_package_types=mandatory", "1", 0, a("--setopt=group_package_types=mandatory", "group", "install", "base-tools")).with(app1).without("tool", "lib-devel"),
		sc("group install group_package_types in dnf.conf", "1", 0, inBase).with(app1, tool1, leaf1).conf_("group_package_types=mandatory,default,optional"),
		sc("group install unknown", "1", 1, a("group", "install", "no-such-group")),
		sc("group install twice", "1", 0, inBase, inBase).with(app1, tool1),
		sc("group install hidden with a missing package", "1", 0, a("group", "install", "hidden-stuff")).with("dep-a-1.0-1.noarch", "dep-c-1.0-1.noarch"),
		sc("group install environment", "1", 0, a("group", "install", "server-env")).with(app1, tool1, webA, pyA).without("py3-beta"),
		sc("groupinstall", "1", 0, a("groupinstall", "web")).with(webA),
		sc("install @group", "1", 0, a("install", "@web")).with(webA, pyA),
		sc("install @group and a package", "1", 0, a("install", "@web", "extra")).with(webA, ext1),
		sc("install @unknown", "1", 1, a("install", "@no-such-group")).without("extra"),
		sc("install @unknown and a package", "1", 1, a("install", "@no-such-group", "extra")).without("extra"),
		sc("install @^environment (not dnf 4 syntax)", "1", 1, a("install", "@^server-env")).without("app"),
		sc("install @environment", "1", 0, a("install", "@server-env")).with(app1, webA),
		sc("group members get reason group", "1", 1, inBase, a("history", "userinstalled")),
		sc("group install keeps a user-installed member user", "1", 0, a("install", "tool"), inBase, a("history", "userinstalled")).with(tool1),
		sc("group install --assumeno", "1", 1, a("--assumeno", "group", "install", "web")).without("web-a"),

		// removing (dnf(8) "group remove")
		sc("group remove", "1", 0, inBase, a("group", "remove", "base-tools")).without("app", "tool", "lib", "lib-devel"),
		sc("remove @group", "1", 0, a("install", "@web"), a("remove", "@web")).without("web-a", "py3-alpha"),
		sc("group remove keeps user-installed members", "1", 0, a("install", "tool"), inBase, a("group", "remove", "base-tools")).with(tool1).without("app"),
		sc("group remove keeps members of another group", "1", 0, a("group", "install", "python"), a("group", "install", "web"), a("group", "remove", "web")).with(pyA, pyB).without("web-a"),
		sc("group remove not installed", "1", 0, a("group", "remove", "web")),
		sc("remove @unknown", "1", 0, a("install", "extra"), a("remove", "@no-such-group")).with(ext1),
		sc("group remove environment", "1", 0, a("group", "install", "server-env"), a("group", "remove", "server-env")).without("app", "web-a"),
		sc("groupremove", "1", 0, a("group", "install", "web"), a("groupremove", "web")).without("web-a"),
		sc("autoremove after group remove --noautoremove", "1", 0, inBase, a("group", "remove", "--noautoremove", "base-tools"), a("autoremove")).without("lib"),

		// mark and upgrade (dnf(8) "group mark", "group upgrade")
		sc("group mark install", "1", 0, a("install", "web-a"), a("group", "mark", "install", "web"), a("group", "list", "--installed")).with(webA),
		sc("group mark install then remove keeps user packages", "1", 0, a("install", "web-a"), a("group", "mark", "install", "web"), a("group", "remove", "web")).with(webA),
		sc("group mark remove", "1", 0, a("group", "install", "web"), a("group", "mark", "remove", "web"), a("group", "remove", "web")).with(webA),
		sc("group mark remove not installed", "1", 1, a("group", "mark", "remove", "web")),
		sc("group upgrade", "12", 0, a("--setopt=r2.excludepkgs=*", "group", "install", "base-tools"), a("group", "upgrade", "base-tools")).with(app2, lib2),
		sc("group upgrade not installed", "1", 1, a("group", "upgrade", "web")),
		sc("group update alias", "12", 0, a("--setopt=r2.excludepkgs=*", "group", "install", "web"), a("group", "update", "web")).with(webA),
	}
}
