package cli

// Modularity in the dnf scenario suite (dnf(8) "Module Command", "Modularity"): a repository
// made by rpmbuild + createrepo_c with a modules.yaml added by modifyrepo_c (streams
// nodejs:18 and nodejs:20 without a default, pg:15 the default stream, non-modular
// nodejs 16 and pg 13), and a hotfix repository with a nodejs 18 build that is no
// module's artifact.

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	suiteMod = []fixture{
		{name: "nodejs", version: "16.0", release: "1", files: []string{"/usr/share/nodejs/v"}},
		{name: "nodejs", version: "18.0", release: "1", files: []string{"/usr/share/nodejs/v"}},
		{name: "nodejs", version: "18.1", release: "1", files: []string{"/usr/share/nodejs/v"}},
		{name: "nodejs", version: "20.0", release: "1", files: []string{"/usr/share/nodejs/v"}},
		{name: "npm", version: "18.0", release: "1", tags: []string{"Requires: nodejs"}, files: []string{"/usr/share/npm/v"}},
		{name: "npm", version: "20.0", release: "1", tags: []string{"Requires: nodejs"}, files: []string{"/usr/share/npm/v"}},
		{name: "pg", version: "13.0", release: "1", files: []string{"/usr/share/pg/v"}},
		{name: "pg", version: "15.0", release: "1", files: []string{"/usr/share/pg/v"}},
		{name: "pg-tools", version: "15.0", release: "1", tags: []string{"Requires: pg"}, files: []string{"/usr/share/pg-tools/v"}},
		{name: "plain", version: "1.0", release: "1", files: []string{"/usr/share/plain/v"}},
		{name: "webapp", version: "1.0", release: "1", tags: []string{"Requires: nodejs"}, files: []string{"/usr/share/webapp/v"}},
		{name: "webapp-doc", version: "1.0", release: "1", files: []string{"/usr/share/webapp-doc/v"}},
	}
	suiteHotfix = []fixture{
		{name: "nodejs", version: "18.2", release: "1", files: []string{"/usr/share/nodejs/v"}},
	}
)

// suiteModulesYAML: nodejs:18 has two builds (version 1 with nodejs 18.0, version 2 with
// nodejs 18.1: both are offered, as dnf 4.14 does).
const suiteModulesYAML = `---
document: modulemd
version: 2
data:
  name: nodejs
  stream: "18"
  version: 1
  context: c0ffee42
  arch: noarch
  summary: Node.js 18
  description: JavaScript runtime, stream 18.
  license: {module: [MIT]}
  profiles:
    common: {rpms: [nodejs, npm]}
    minimal: {rpms: [nodejs]}
  artifacts:
    rpms: [nodejs-0:18.0-1.noarch, npm-0:18.0-1.noarch]
...
---
document: modulemd
version: 2
data:
  name: nodejs
  stream: "18"
  version: 2
  context: c0ffee42
  arch: noarch
  summary: Node.js 18
  description: JavaScript runtime, stream 18.
  license: {module: [MIT]}
  profiles:
    common: {rpms: [nodejs, npm]}
    minimal: {rpms: [nodejs]}
  artifacts:
    rpms: [nodejs-0:18.1-1.noarch, npm-0:18.0-1.noarch]
...
---
document: modulemd
version: 2
data:
  name: nodejs
  stream: "20"
  version: 1
  context: c0ffee42
  arch: noarch
  summary: Node.js 20
  description: JavaScript runtime, stream 20.
  license: {module: [MIT]}
  profiles:
    common: {rpms: [nodejs, npm]}
  artifacts:
    rpms: [nodejs-0:20.0-1.noarch, npm-0:20.0-1.noarch]
...
---
document: modulemd
version: 2
data:
  name: pg
  stream: "15"
  version: 1
  context: c0ffee42
  arch: noarch
  summary: PostgreSQL-like 15
  description: A database.
  license: {module: [MIT]}
  profiles:
    server: {rpms: [pg, pg-tools]}
    client: {rpms: [pg]}
  artifacts:
    rpms: [pg-0:15.0-1.noarch, pg-tools-0:15.0-1.noarch]
...
---
document: modulemd
version: 2
data:
  name: webapp
  stream: "1"
  version: 1
  context: c0ffee42
  arch: noarch
  summary: A web application
  description: Needs nodejs 20.
  license: {module: [MIT]}
  dependencies:
  - requires: {nodejs: ["20"]}
  profiles:
    default: {rpms: [webapp]}
    full: {rpms: [webapp, webapp-doc]}
  artifacts:
    rpms: [webapp-0:1.0-1.noarch, webapp-doc-0:1.0-1.noarch]
...
---
document: modulemd-defaults
version: 1
data:
  module: pg
  stream: "15"
  profiles:
    "15": [server]
...
`

// buildModuleRepos makes the modular repository (m) and the hotfix repository (h).
func buildModuleRepos(t *testing.T, mod, hot string) {
	buildRepo(t, mod, suiteMod)
	y := filepath.Join(t.TempDir(), "modules.yaml")
	if err := os.WriteFile(y, []byte(suiteModulesYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, needTool(t, "modifyrepo_c"), "--mdtype=modules", y, filepath.Join(mod, "repodata"))
	buildRepo(t, hot, suiteHotfix)
}

const (
	node16 = "nodejs-16.0-1.noarch"
	node18 = "nodejs-18.1-1.noarch"
	node20 = "nodejs-20.0-1.noarch"
	pg13   = "pg-13.0-1.noarch"
	pg15   = "pg-15.0-1.noarch"
)

// moduleScenarios are the modularity scenarios ("module: " names them in -run).
func moduleScenarios() []scenario {
	en18 := a("module", "enable", "nodejs:18")
	return []scenario{
		sc("module: a package of a stream not enabled is hidden", "m", 0, a("install", "nodejs")).with(node16),
		sc("module: modular only package of no enabled stream does not match", "m", 1, a("install", "npm")).without("npm"),
		sc("module: the default stream is visible and hides the non-modular build", "m", 0, a("install", "pg")).with(pg15),
		sc("module: install from the default stream enables it", "m", 0, a("install", "pg"), a("module", "disable", "pg"), a("module", "enable", "pg:15")).with(pg15),
		sc("module: enabled stream is visible", "m", 0, en18, a("install", "nodejs")).with(node18),
		sc("module: enabled stream brings its modular dependencies", "m", 0, en18, a("install", "npm")).with(node18, "npm-18.0-1.noarch"),
		sc("module: an older build of the enabled stream is installable", "m", 0, en18, a("install", "nodejs-18.0")).with("nodejs-18.0-1.noarch"),
		sc("module: disabled module hides its default stream", "m", 0, a("module", "disable", "pg"), a("install", "pg")).with(pg13),
		sc("module: reset after disable restores the default", "m", 0, a("module", "disable", "pg"), a("module", "reset", "pg"), a("install", "pg")).with(pg15),
		sc("module: switching an enabled stream is refused", "m", 1, en18, a("module", "enable", "nodejs:20")),
		sc("module: enable an unknown module", "m", 1, a("module", "enable", "nosuchmodule")),
		sc("module: enable without a stream and no default", "m", 1, a("module", "enable", "nodejs")),
		sc("module: install a profile", "m", 0, a("module", "install", "nodejs:18/common")).with(node18, "npm-18.0-1.noarch"),
		sc("module: install the default profile", "m", 0, a("module", "install", "pg")).with(pg15, "pg-tools-15.0-1.noarch"),
		sc("module: install a stream without a default profile", "m", 1, a("module", "install", "nodejs:20")).without("nodejs"),
		sc("module: upgrade does not cross to a stream not enabled", "m", 0, en18, a("install", "nodejs"), a("upgrade")).with(node18).without("npm"),
		sc("module: upgrade of the non-modular package stays non-modular", "m", 0, a("install", "nodejs"), a("upgrade", "nodejs")).with(node16),
		sc("module: hotfix repository ignored without module_hotfixes", "mh", 0, en18, a("install", "nodejs")).with(node18),
		sc("module: module_hotfixes repository is not filtered", "mh", 0, en18, a("--setopt=rh.module_hotfixes=1", "install", "nodejs")).with("nodejs-18.2-1.noarch"),
		sc("module: installed packages of a disabled module stay", "m", 0, en18, a("install", "nodejs"), a("module", "disable", "nodejs"), a("upgrade")).with(node18),
		sc("module: reset then enable another stream", "m", 0, en18, a("module", "reset", "nodejs"), a("module", "enable", "nodejs:20"), a("install", "npm")).with(node20, "npm-20.0-1.noarch"),
		sc("module: module_platform_id accepted", "m", 0, a("--setopt=module_platform_id=platform:al2023", "install", "pg")).with(pg15),
		sc("module: list", "m", 0, a("module", "list")),
		sc("module: info", "m", 0, a("module", "info", "nodejs:18")),
		// module dependencies (webapp:1 requires nodejs:20; dnf(8) "Module Command")
		sc("module: enable brings the streams it requires", "m", 0, a("module", "enable", "webapp:1"), a("install", "nodejs")).with(node20),
		sc("module: enable conflicting with an enabled required stream", "m", 1, en18, a("module", "enable", "webapp:1")),
		sc("module: install a profile with its module dependencies", "m", 0, a("module", "install", "webapp:1/full")).with("webapp-1.0-1.noarch", "webapp-doc-1.0-1.noarch", node20),
		sc("module: install of a module whose required stream conflicts", "m", 1, en18, a("module", "install", "webapp:1/default")).without("webapp"),
		sc("module: disable a module an enabled stream requires", "m", 1, a("module", "enable", "webapp:1"), a("module", "disable", "nodejs")),
		// @module:stream/profile specs (dnf(8) "Specifying Modules": install tries a module first)
		sc("module: install @module:stream/profile", "m", 0, a("install", "@nodejs:18/common")).with(node18, "npm-18.0-1.noarch"),
		sc("module: install @module with its default profile beside a package", "m", 0, a("install", "@pg", "plain")).with(pg15, "pg-tools-15.0-1.noarch", "plain-1.0-1.noarch"),
		sc("module: install @module:stream without a default profile", "m", 1, a("install", "@webapp:1")).without("webapp"),
		sc("module: install @ of neither a module nor a group", "m", 1, a("install", "@nosuch")),
		sc("module: remove @module:stream/profile", "m", 0, a("install", "@nodejs:18/common"), a("remove", "@nodejs:18/common")).without("nodejs", "npm"),
		// module remove
		sc("module: remove a profile", "m", 0, a("module", "install", "nodejs:18/common"), a("module", "remove", "nodejs:18/common")).without("nodejs", "npm"),
		sc("module: remove keeps user-installed packages", "m", 0, en18, a("install", "npm"), a("module", "install", "nodejs:18/common"), a("module", "remove", "nodejs")).with(node18, "npm-18.0-1.noarch"),
		sc("module: remove --all removes every artifact", "m", 0, a("module", "install", "nodejs:18/minimal"), a("install", "npm"), a("module", "remove", "--all", "nodejs")).without("nodejs", "npm"),
		sc("module: remove a module without installed profiles", "m", 0, a("module", "remove", "pg")),
		sc("module: remove an unknown module", "m", 0, a("module", "remove", "nosuch")),
		// module switch-to, update
		sc("module: switch-to another stream moves the installed packages", "m", 0, a("module", "install", "nodejs:18/common"), a("module", "switch-to", "nodejs:20")).with(node20, "npm-20.0-1.noarch"),
		sc("module: switch-to with a profile", "m", 0, a("module", "install", "nodejs:18/common"), a("module", "switch-to", "nodejs:20/common")).with(node20, "npm-20.0-1.noarch"),
		sc("module: switch-to a module not enabled enables it", "m", 0, a("module", "switch-to", "nodejs:20"), a("install", "nodejs")).with(node20),
		sc("module: update the packages of an enabled stream", "m", 0, en18, a("install", "nodejs-18.0"), a("module", "update", "nodejs")).with(node18),
		sc("module: update a module without an active stream", "m", 0, a("install", "nodejs"), a("module", "update", "nodejs")).with(node16),
		sc("module: update an unknown module", "m", 1, a("module", "update", "nosuch")),
		sc("module: provides", "m", 0, a("module", "provides", "npm")),
		sc("module: provides of no modular package", "m", 0, a("module", "provides", "nosuch")),
		// reset/disable and the installed packages
		sc("module: reset keeps installed packages and distro-sync leaves the stream", "m", 0, a("module", "install", "nodejs:18/common"), a("module", "reset", "nodejs"), a("distro-sync")).with(node16, "npm-18.0-1.noarch"),
		sc("module: disable keeps installed packages and remove works", "m", 0, a("module", "install", "nodejs:18/common"), a("module", "disable", "nodejs"), a("remove", "npm")).with(node18).without("npm"),
	}
}

// moduleStates are the root's module state files, concatenated by name.
func moduleStates(root string) string {
	files, _ := filepath.Glob(filepath.Join(root, "etc/dnf/modules.d/*.module"))
	var b []byte
	for _, f := range files {
		data, _ := os.ReadFile(f)
		b = append(b, data...)
	}
	return string(b)
}

// buildXMLBaseRepos makes two repositories whose primary.xml points at packages kept
// elsewhere (createrepo_c --baseurl writes <location xml:base=...>): one served by a
// loopback HTTP server, one in a local directory (file://).
func buildXMLBaseRepos(t *testing.T) (viaHTTP, viaFile string) {
	pkgs := t.TempDir()
	buildRepo(t, pkgs, []fixture{{name: "remote", version: "1.0", release: "1", files: []string{"/usr/share/remote/f"}}})
	srv := httptest.NewServer(http.FileServer(http.Dir(pkgs)))
	t.Cleanup(srv.Close)
	createrepo := needTool(t, "createrepo_c")
	viaHTTP, viaFile = t.TempDir(), t.TempDir()
	run(t, createrepo, "-q", "--baseurl", srv.URL+"/", "-o", viaHTTP, pkgs)
	run(t, createrepo, "-q", "--baseurl", "file://"+pkgs+"/", "-o", viaFile, pkgs)
	return viaHTTP, viaFile
}

// xmlBaseScenarios: packages served from the URL of <location xml:base>.
func xmlBaseScenarios() []scenario {
	return []scenario{
		sc("xml:base: package from an HTTP base", "x", 0, a("install", "remote")).with("remote-1.0-1.noarch"),
		sc("xml:base: package from a file base", "f", 0, a("install", "remote")).with("remote-1.0-1.noarch"),
		sc("xml:base: download only", "x", 0, a("install", "--downloadonly", "remote")).without("remote"),
	}
}

// TestDNFKeepCache: with keepcache=1 the downloaded packages stay under
// CACHEDIR/ID-HASH/packages, with keepcache=0 (the default) a successful transaction
// removes them, and --downloadonly keeps them; nimbus and the real dnf agree.
func TestDNFKeepCache(t *testing.T) {
	viaHTTP, _ := buildXMLBaseRepos(t)
	env := dnfEnv(t)
	cached := func(root string) []string {
		fs, _ := filepath.Glob(filepath.Join(root, "var/cache/dnf/*/packages/*.rpm"))
		var out []string
		for _, f := range fs {
			out = append(out, filepath.Base(f))
		}
		return out
	}
	for _, tc := range []struct {
		name string
		opts []string
		want int
	}{
		{"keepcache=1", []string{"--setopt=keepcache=1"}, 1},
		{"keepcache=0", []string{"--setopt=keepcache=0"}, 0},
		{"default", nil, 0},
		{"downloadonly", []string{"--downloadonly"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			conf := filepath.Join(dir, "dnf.conf")
			os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
			var got [2][]string
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, tool)
				args := append([]string{"-y", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=x," + viaHTTP, "--repo=x"}, tc.opts...)
				args = append(args, "install", "remote")
				var out strings.Builder
				if tool == "dnf" {
					cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins"}, args...)...)
					cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &out
					if err := cmd.Run(); err != nil {
						t.Fatalf("dnf: %v\n%s", err, out.String())
					}
				} else if err := RunEnv(context.Background(), append([]string{"dnf"}, args...), strings.NewReader(""), &out, &out, func(string) string { return "" }); err != nil {
					t.Fatalf("nimbus: %v\n%s", err, out.String())
				}
				got[i] = cached(root)
			}
			if len(got[0]) != tc.want {
				t.Errorf("dnf keeps %v, the man page leads one to expect %d package(s)", got[0], tc.want)
			}
			if strings.Join(got[0], " ") != strings.Join(got[1], " ") {
				t.Errorf("cached packages: dnf %v, nimbus %v", got[0], got[1])
			}
		})
	}
}

// pyftpdlib is Debian's python3-pyftpdlib, run by Debian's python (scripts/setup.sh installs
// it): the loopback FTP server of the ftp:// scenarios.
var pyftpdlib = []string{"/usr/bin/python3", "-m", "pyftpdlib"}

// startFTP serves dir read-only and anonymously over FTP on 127.0.0.1 and returns its URL;
// an error when the server cannot run (python3-pyftpdlib missing): the ftp scenarios then
// stop through testfiles.Need (a failure in CI, skipped elsewhere).
func startFTP(t *testing.T, dir string) (string, error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(pyftpdlib[0], append(pyftpdlib[1:], "-i", "127.0.0.1", "-p", strconv.Itoa(port), "-d", dir)...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("%v: %w (apt-get install python3-pyftpdlib)", pyftpdlib, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
			c.Close()
			return "ftp://127.0.0.1:" + strconv.Itoa(port) + "/", nil
		}
		select {
		case <-exited:
			return "", fmt.Errorf("the FTP server did not start (apt-get install python3-pyftpdlib): %s", out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	return "", fmt.Errorf("the FTP server did not start in 5 s: %s", out.String())
}

// ftpScenarios: a repository and RPM files served over ftp:// (loopback).
func ftpScenarios() []scenario {
	return []scenario{
		sc("ftp: repository baseurl", "p", 0, a("install", "app")).with(app1, lib1, ext1),
		sc("ftp: RPM file URL", "1", 0, a("install", "{ftp}localpkg-1.0-1.noarch.rpm")).with("localpkg-1.0-1.noarch"),
		sc("ftp: RPM file URL that does not exist", "1", 1, a("install", "{ftp}nosuch-1.0-1.noarch.rpm")),
	}
}

// TestDNFModuleOutput: the output of the module commands that change no package (list,
// info, enable, disable, reset) is dnf's, line for line, apart from dnf's metadata and
// platform notes.
func TestDNFModuleOutput(t *testing.T) {
	mod, hot := t.TempDir(), t.TempDir()
	buildModuleRepos(t, mod, hot)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	norm := func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "Added ") || strings.HasPrefix(l, "Last metadata") || strings.HasPrefix(l, "Detection of Platform") || strings.Contains(l, "B/s |") {
				continue
			}
			out = append(out, strings.TrimRight(l, " "))
		}
		return strings.Join(out, "\n")
	}
	steps := [][]string{
		{"module", "list"}, {"module", "info", "nodejs:18"}, {"module", "info", "--profile", "pg"},
		{"module", "enable", "nodejs:18"}, {"module", "list", "--enabled"}, {"module", "list", "nodejs"},
		{"module", "disable", "pg"}, {"module", "list", "--disabled"}, {"module", "reset", "pg", "nodejs"},
		{"module", "enable", "nosuch"}, {"module", "list"},
		{"module", "info", "nosuch"}, {"module", "list", "nosuch"}, {"module", "disable", "nosuch"},
		{"module", "install", "pg:15/nosuch"}, {"module", "info", "pg", "nosuch"}, {"module", "enable", "pg"},
		{"module", "info", "pg"}, {"module", "enable", "nodejs:20"}, {"module", "info", "nodejs"}, {"module", "disable", "nodejs"},
		{"module", "info", "nodejs:20"}, {"module", "list", "--disabled"},
		{"module", "info", "webapp"}, {"module", "provides", "npm"}, {"module", "provides", "nodejs-18*", "pg"},
		{"module", "provides", "nosuch"}, {"module", "update", "nosuch"}, {"module", "reset", "nodejs"},
		{"module", "enable", "webapp:1"}, {"module", "list", "--enabled"},
	}
	for _, st := range steps {
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := filepath.Join(dir, tool)
			args := append([]string{"-y", "-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
				"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=rm," + mod, "--repo=rm"}, st...)
			var out strings.Builder
			rc := 0
			if tool == "dnf" {
				cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins"}, args...)...)
				cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &out
				cmd.Run()
				rc = cmd.ProcessState.ExitCode()
			} else {
				err := RunEnv(context.Background(), append([]string{"dnf"}, args...), strings.NewReader(""), &out, &out, func(string) string { return "" })
				rc = ExitCode(err)
				if err != nil && !IsSilent(err) {
					out.WriteString(err.Error() + "\n")
				}
			}
			got[i] = fmt.Sprintf("exit %d\n%s", rc, norm(out.String()))
		}
		if got[0] != got[1] {
			t.Errorf("%v:\ndnf:\n%s\nnimbus:\n%s", st, got[0], got[1])
		}
	}
}
