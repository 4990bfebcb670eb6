package cli

// Advisories against the real dnf 4.14: a repository indexed by `nimbus repo create
// --updateinfo DIR` from advisory YAML files; dnf and nimbus on two roots with the old
// packages must list the same advisories and upgrade to the same packages.

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

var (
	advFixturesOld = []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/app"}},
		{name: "tool", version: "1.0", release: "1", files: []string{"/usr/bin/tool"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}},
	}
	advFixturesNew = []fixture{
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "3.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "4.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "app", version: "1.1", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/app"}},
		{name: "tool", version: "1.1", release: "1", files: []string{"/usr/bin/tool"}},
		{name: "extra", version: "2.0", release: "1", files: []string{"/usr/share/extra/data"}},
	}
	advFixtureYAML = map[string]string{
		"NIMBUS-2026-0101": `id: NIMBUS-2026-0101
type: security
severity: Important
issued: 2026-02-01
title: "lib: heap overflow"
description: |
  lib 2.0 fixes a heap overflow.
  Upgrade soon.
references:
  - cve: CVE-2026-1000
packages:
  noarch: [lib-2.0-1.noarch]
`,
		"NIMBUS-2026-0102": `id: NIMBUS-2026-0102
type: security
severity: Critical
issued: 2026-03-01
updated: 2026-03-05
title: "lib: remote code execution"
description: lib 3.0 fixes remote code execution.
references:
  - cve: CVE-2026-2000
  - cve: CVE-2026-2001
packages:
  noarch: [lib-3.0-1.noarch]
`,
		"NIMBUS-2026-0103": `id: NIMBUS-2026-0103
type: bugfix
issued: 2026-03-02
title: "app: crash on start"
description: app 1.1 no longer crashes.
references:
  - bug: "42"
    url: https://bugs.example/42
    title: app crashes
packages:
  noarch: [app-1.1-1.noarch]
`,
		"NIMBUS-2026-0104": `id: NIMBUS-2026-0104
type: security
severity: Low
issued: 2026-04-01
title: "tool: information leak"
description: tool 1.1 leaks less.
references:
  - cve: CVE-2026-3000
packages:
  noarch: [tool-1.1-1.noarch]
`,
		"NIMBUS-2026-0105": `id: NIMBUS-2026-0105
type: enhancement
issued: 2026-04-02
title: "lib: faster"
description: lib 4.0 is faster.
packages:
  noarch: [lib-4.0-1.noarch]
`,
		"NIMBUS-2026-0106": `id: NIMBUS-2026-0106
type: newpackage
issued: 2026-01-15
title: "extra: new package"
description: extra is new.
packages:
  noarch: [extra-1.0-1.noarch]
`,
	}
)

// advisoryRepo builds the fixture repository (old and new packages) and indexes it with
// nimbus repo create --updateinfo ADVISORY-DIR --compress COMP.
func advisoryRepo(t *testing.T, comp string) string {
	t.Helper()
	dir := t.TempDir()
	buildRepo(t, dir, append(append([]fixture{}, advFixturesOld...), advFixturesNew...))
	adv := t.TempDir()
	for id, y := range advFixtureYAML {
		if err := os.WriteFile(filepath.Join(adv, id+".yaml"), []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustCLI(t, map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}, "repo", "create", "--compress", comp, "--updateinfo", adv, dir)
	return dir
}

func dnfQuery(t *testing.T, env []string, root string, args ...string) string {
	t.Helper()
	cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-q", "--installroot", root, "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, args...)...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil && !(strings.Contains(strings.Join(args, " "), "check-update") && cmd.ProcessState.ExitCode() == 100) {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("dnf %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr)
	}
	return string(out)
}

func advInstallOld(t *testing.T, env []string, repo string) (dnfRoot, nimRoot string) {
	dnfRoot, nimRoot = t.TempDir(), t.TempDir()
	args := append(repoArgs(repo), "install", "lib-1.0-1", "app-1.0-1", "tool-1.0-1", "extra-1.0-1")
	dnfRun(t, env, dnfRoot, args...)
	nimbusRun(t, nimRoot, args...)
	if d, n := installedByRPM(t, dnfRoot), installedByRPM(t, nimRoot); d != n || !strings.Contains(d, "lib-1.0-1.noarch") {
		t.Fatalf("old packages differ: dnf %s, nimbus %s", d, n)
	}
	return dnfRoot, nimRoot
}

func TestUpdateinfoAgainstDNF(t *testing.T) {
	repo := advisoryRepo(t, "zstd") // dnf 4.14 reads zstd updateinfo too
	env := dnfEnv(t)
	dnfRoot, nimRoot := advInstallOld(t, env, repo)
	for _, q := range []struct{ dnf, nimbus []string }{
		{[]string{"updateinfo", "list", "--security"}, []string{"updateinfo", "list", "--sec"}},
		{[]string{"updateinfo", "list"}, nil},
		{[]string{"updateinfo", "list", "sec"}, nil},
		{[]string{"updateinfo", "list", "--bugfix"}, nil},
		{[]string{"updateinfo", "list", "--enhancement"}, nil},
		{[]string{"updateinfo", "list", "--all"}, nil},
		{[]string{"updateinfo", "list", "--installed"}, nil},
		{[]string{"updateinfo", "info", "--installed"}, nil},
		{[]string{"updateinfo", "summary", "--installed"}, nil},
		{[]string{"updateinfo", "list", "--newpackage", "--all"}, nil},
		{[]string{"updateinfo", "list", "--updates", "--security"}, nil},
		{[]string{"updateinfo", "list", "--sec-severity", "Critical"}, nil},
		{[]string{"updateinfo", "list", "--cve", "CVE-2026-3000"}, nil},
		{[]string{"updateinfo", "list", "--advisory", "NIMBUS-2026-0101"}, nil},
		{[]string{"updateinfo", "list", "lib"}, nil},
		{[]string{"updateinfo", "list", "--with-cve"}, nil},
		{[]string{"list-sec"}, nil},
		{[]string{"info-sec", "NIMBUS-2026-0104"}, nil},
		{[]string{"updateinfo"}, nil},
		{[]string{"updateinfo", "summary", "--all"}, nil},
		{[]string{"updateinfo", "info", "--security"}, nil},
		{[]string{"updateinfo", "info", "--all", "NIMBUS-2026-0103"}, nil},
	} {
		nq := q.nimbus
		if nq == nil {
			nq = q.dnf
		}
		name := strings.Join(q.dnf, " ")
		d := dnfQuery(t, env, dnfRoot, append(repoArgs(repo), q.dnf...)...)
		n := mustCLI(t, nil, append(append([]string{"-q", "--installroot", nimRoot}, repoArgs(repo)...), nq...)...)
		if d != n {
			t.Errorf("%s:\n--- dnf:\n%s--- nimbus:\n%s", name, d, n)
		}
		if d == "" {
			t.Errorf("%s: dnf printed nothing; the comparison proves nothing", name)
		}
		if name == "updateinfo list --security" && (!strings.Contains(d, "NIMBUS-2026-0102 Critical/Sec.") || !strings.Contains(d, "tool-1.1-1.noarch")) {
			t.Errorf("dnf does not list the security advisories:\n%s", d)
		}
	}
}

// TestSecurityUpgradeAgainstDNF: the advisory filters of upgrade, upgrade-minimal and
// check-update bring both roots to the same packages.
func TestSecurityUpgradeAgainstDNF(t *testing.T) {
	repo := advisoryRepo(t, "gzip")
	env := dnfEnv(t)
	for _, c := range []struct {
		args []string
		want []string // packages both roots must have
	}{
		{[]string{"upgrade", "--security"}, []string{"lib-4.0-1.noarch", "tool-1.1-1.noarch", "app-1.0-1.noarch", "extra-1.0-1.noarch"}},
		{[]string{"upgrade-minimal", "--security"}, []string{"lib-3.0-1.noarch", "tool-1.1-1.noarch", "app-1.0-1.noarch"}},
		{[]string{"upgrade", "--advisory", "NIMBUS-2026-0104"}, []string{"lib-1.0-1.noarch", "tool-1.1-1.noarch"}},
		{[]string{"upgrade", "--cve", "CVE-2026-1000"}, []string{"lib-4.0-1.noarch", "tool-1.0-1.noarch"}},
		{[]string{"upgrade", "--sec-severity", "Critical"}, []string{"lib-4.0-1.noarch", "tool-1.0-1.noarch"}},
		{[]string{"upgrade-minimal", "--sec-severity", "Important"}, []string{"lib-2.0-1.noarch", "tool-1.0-1.noarch"}},
		{[]string{"upgrade", "--bugfix"}, []string{"app-1.1-1.noarch", "lib-1.0-1.noarch"}},
		{[]string{"upgrade", "--security", "tool"}, []string{"lib-1.0-1.noarch", "tool-1.1-1.noarch"}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			dnfRoot, nimRoot := advInstallOld(t, env, repo)
			if c.args[0] == "upgrade" && c.args[1] == "--security" && len(c.args) == 2 {
				d := checkUpdateLines(dnfQuery(t, env, dnfRoot, append(repoArgs(repo), "check-update", "--security")...))
				out, _, err := runCLI(t, nil, append(append([]string{"-q", "--installroot", nimRoot}, repoArgs(repo)...), "check-update", "--security")...)
				if ExitCode(err) != 100 {
					t.Errorf("check-update --security: exit %d, want 100", ExitCode(err))
				}
				if n := checkUpdateLines(out); d != n || d == "" {
					t.Errorf("check-update --security:\n  dnf:    %s\n  nimbus: %s", d, n)
				}
			}
			args := append(repoArgs(repo), c.args...)
			dnfRun(t, env, dnfRoot, args...)
			nimbusRun(t, nimRoot, args...)
			d, n := installedByRPM(t, dnfRoot), installedByRPM(t, nimRoot)
			if d != n {
				t.Fatalf("after %v:\n  dnf:    %s\n  nimbus: %s", c.args, d, n)
			}
			for _, w := range c.want {
				if !strings.Contains(" "+d+" ", " "+w+" ") {
					t.Errorf("after %v: %s missing from %s", c.args, w, d)
				}
			}
		})
	}
}

// checkUpdateLines are check-update's "name.arch evr" pairs, sorted.
func checkUpdateLines(out string) string {
	var l []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			l = append(l, f[0]+" "+f[1])
		}
	}
	sort.Strings(l)
	return strings.Join(l, ", ")
}

func TestSecurityFilterErrors(t *testing.T) {
	root := t.TempDir()
	_, _, err := runCLI(t, nil, "--installroot", root, "--setopt=reposdir=/dev/null", "upgrade", "--cve", "CVE-26-1")
	if ExitCode(err) != 1 || !strings.Contains(err.Error(), `--cve "CVE-26-1" is not a CVE id`) {
		t.Errorf("bad CVE id: %v", err)
	}
	_, _, err = runCLI(t, nil, "--installroot", root, "--setopt=reposdir=/dev/null", "updateinfo", "list", "--sec-severity", "Urgent")
	if ExitCode(err) != 1 || !strings.Contains(err.Error(), `--sec-severity "Urgent"`) {
		t.Errorf("bad severity: %v", err)
	}
}

func TestNeedsRestartingAdvisory(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "glibc", version: "2.36", release: "1", files: []string{"/usr/lib/fixture/glibc"}},
	})
	root := t.TempDir()
	nimbusRun(t, root, append(repoArgs(dir), "install", "lib")...)
	out, _, err := runCLI(t, nil, "--installroot", root, "needs-restarting", "-r")
	if err != nil || !strings.Contains(out, "Reboot should not be necessary.") {
		t.Fatalf("needs-restarting -r without core updates: %v\n%s", err, out)
	}
	nimbusRun(t, root, append(repoArgs(dir), "install", "glibc")...)
	out, _, err = runCLI(t, nil, "--installroot", root, "needs-restarting", "-r")
	if ExitCode(err) != 1 || !strings.Contains(out, "  * glibc\n") || !strings.Contains(out, "Reboot is required") {
		t.Fatalf("needs-restarting -r after glibc: exit %d\n%s", ExitCode(err), out)
	}
	// Booted after the install: nothing to do.
	out, _, err = runCLI(t, map[string]string{"NIMBUS_BOOT_TIME": "9999999999"}, "--installroot", root, "needs-restarting", "-r")
	if err != nil || !strings.Contains(out, "Reboot should not be necessary.") {
		t.Fatalf("needs-restarting -r booted later: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, nil, "--installroot", root, "needs-restarting"); ExitCode(err) != 1 {
		t.Errorf("needs-restarting without -r under --installroot: %v", err)
	}
	// A process running a binary that was deleted since (an upgraded one) is reported.
	scratch, err := os.MkdirTemp("/var/tmp", "nimbus-nr-") // not /tmp: scratch mappings there are ignored
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(scratch)
	bin := filepath.Join(scratch, "sleeper")
	data, err := os.ReadFile("/bin/sleep")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	find := func() bool {
		procs, err := pm.NeedsRestarting("/proc", true, os.Getuid())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range procs {
			if p.PID == cmd.Process.Pid {
				return true
			}
		}
		return false
	}
	if find() {
		t.Fatal("a process whose binary still exists is reported")
	}
	if err := os.Remove(bin); err != nil {
		t.Fatal(err)
	}
	if !find() {
		t.Fatalf("process %d runs a deleted binary but is not reported", cmd.Process.Pid)
	}
}

// TestUpdateinfoMediumAgainstDNF: Amazon Linux's "Medium" severity, which stock dnf 4.14
// does not know: dnf reads the advisory and lists it as Unknown/Sec.; nimbus lists the
// same advisory and package as Medium/Sec. (as Amazon Linux's dnf does).
func TestUpdateinfoMediumAgainstDNF(t *testing.T) {
	dir := t.TempDir()
	buildRepo(t, dir, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
	})
	adv := t.TempDir()
	y := strings.Replace(advFixtureYAML["NIMBUS-2026-0101"], "severity: Important", "severity: Medium", 1)
	if err := os.WriteFile(filepath.Join(adv, "NIMBUS-2026-0101.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, nil, "repo", "create", "--updateinfo", adv, dir)
	root := t.TempDir()
	nimbusRun(t, root, append(repoArgs(dir), "install", "lib-1.0-1")...)
	d := dnfQuery(t, dnfEnv(t), root, append(repoArgs(dir), "updateinfo", "list", "--security")...)
	n := mustCLI(t, nil, append(append([]string{"-q", "--installroot", root}, repoArgs(dir)...), "updateinfo", "list", "--sec", "--sec-severity", "Moderate")...)
	if want := "NIMBUS-2026-0101 Unknown/Sec. lib-2.0-1.noarch"; strings.Join(strings.Fields(d), " ") != want {
		t.Errorf("dnf: %q, want %q", d, want)
	}
	if want := "NIMBUS-2026-0101 Medium/Sec. lib-2.0-1.noarch\n"; n != want {
		t.Errorf("nimbus: %q, want %q", n, want)
	}
}
