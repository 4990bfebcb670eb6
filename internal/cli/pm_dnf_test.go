package cli

// Differential tests of the package manager against the real dnf 4.14: the same requests on
// two install roots, one driven by dnf and one by nimbus, must leave the same packages
// installed; rpm -qa agrees with `nimbus list --installed` in both; and each tool manages
// the root the other one installed.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// fixture is a package for rpmbuild.
type fixture struct {
	name, version, release string
	tags                   []string // extra spec preamble lines (Requires:, Obsoletes:, ...)
	files                  []string // paths of files with content "<name>-<version>"
	config                 string   // a %config(noreplace) file
	scripts                bool
	arch                   string   // BuildArch (noarch when empty)
	install                string   // extra %install lines
	rawFiles               []string // extra %files lines
	source                 bool     // also build the source package (.src.rpm) into the repository
	post                   string   // a %post body (scripts must be false)
	sections               string   // extra spec sections (scriptlets, triggers), before %files
	description            string   // the %description ("Fixture package NAME." when empty)
	license                string   // MIT when empty
}

func (f fixture) spec() string {
	var b strings.Builder
	arch := f.arch
	if arch == "" {
		arch = "noarch"
	}
	license := f.license
	if license == "" {
		license = "MIT"
	}
	fmt.Fprintf(&b, "Name: %s\nVersion: %s\nRelease: %s\nSummary: fixture %s\nLicense: %s\n", f.name, f.version, f.release, f.name, license)
	if arch == "noarch" || arch == "x86_64" {
		fmt.Fprintf(&b, "BuildArch: %s\n", arch) // foreign arches are rpmbuild --target (buildRepo)
	}
	for _, t := range f.tags {
		b.WriteString(t + "\n")
	}
	desc := f.description
	if desc == "" {
		desc = "Fixture package " + f.name + "."
	}
	fmt.Fprintf(&b, "\n%%description\n%s\n\n%%install\n", desc)
	for _, p := range append(append([]string{}, f.files...), f.config) {
		if p == "" {
			continue
		}
		fmt.Fprintf(&b, "mkdir -p %%{buildroot}%s\necho %s-%s > %%{buildroot}%s\n", filepath.Dir(p), f.name, f.version, p)
	}
	b.WriteString(f.install)
	if f.scripts {
		b.WriteString("\n%pre\n: pre $1\n%post\n: post $1\n%preun\n: preun $1\n%postun\n: postun $1\n")
	}
	if f.post != "" {
		b.WriteString("\n%post\n" + f.post + "\n")
	}
	if f.sections != "" {
		b.WriteString("\n" + f.sections + "\n")
	}
	b.WriteString("\n%files\n")
	for _, p := range f.rawFiles {
		b.WriteString(p + "\n")
	}
	for _, p := range f.files {
		b.WriteString(p + "\n")
	}
	if f.config != "" {
		b.WriteString("%config(noreplace) " + f.config + "\n")
	}
	return b.String()
}

// buildRepo builds fixtures with rpmbuild into dir and indexes them with createrepo_c.
func buildRepo(t *testing.T, dir string, fixtures []fixture) {
	t.Helper()
	rpmbuild, createrepo := needTool(t, "rpmbuild"), needTool(t, "createrepo_c")
	top := t.TempDir()
	for _, f := range fixtures {
		spec := filepath.Join(top, f.name+"-"+f.version+".spec")
		if err := os.WriteFile(spec, []byte(f.spec()), 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{}, rpmMacros...)
		if f.arch != "" && f.arch != "noarch" && f.arch != "x86_64" {
			args = append(args, "--target", f.arch) // a foreign arch (i686 beside x86_64)
		}
		run(t, rpmbuild, append(args, "--define", "_topdir "+top, "--define", "_rpmdir "+dir, "--define", "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm", "--quiet", "-bb", spec)...)
		if f.source {
			run(t, rpmbuild, append(append([]string{}, rpmMacros...), "--define", "_topdir "+top, "--define", "_srcrpmdir "+dir, "--quiet", "-bs", spec)...)
		}
	}
	run(t, createrepo, "-q", dir)
}

var (
	// shell provides /bin/sh for the scriptlets: a static busybox, so scriptlets really run
	// in the chroot of both tools' install roots.
	shell = fixture{name: "shell", version: "1.0", release: "1", arch: "x86_64",
		install:  "mkdir -p %{buildroot}/bin\ncp /bin/busybox %{buildroot}/bin/sh\n",
		rawFiles: []string{"/bin/sh"}, tags: []string{"%global debug_package %{nil}", "%global __strip /bin/true"}}
	fixturesV1 = []fixture{
		shell,
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: lib >= 1.0", "Recommends: extra"}, files: []string{"/usr/bin/app"}, config: "/etc/app.conf", scripts: true},
		{name: "oldname", version: "1.0", release: "1", files: []string{"/usr/share/oldname/f"}},
		{name: "tool", version: "1.0", release: "1", tags: []string{"Requires: (lib or extra)"}, files: []string{"/usr/bin/tool"}},
		{name: "kernel", version: "6.1.0", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.0"}},
	}
	fixturesV2 = []fixture{
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "app", version: "2.0", release: "1", tags: []string{"Requires: lib >= 2.0", "Recommends: extra"}, files: []string{"/usr/bin/app"}, config: "/etc/app.conf", scripts: true},
		{name: "newname", version: "2.0", release: "1", tags: []string{"Obsoletes: oldname < 2.0", "Provides: oldname = 2.0"}, files: []string{"/usr/share/newname/f"}},
		{name: "kernel", version: "6.1.1", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.1"}},
	}
)

// fixturesKernels are two more kernel versions for installonly_limit.
var fixturesKernels = []fixture{
	{name: "kernel", version: "6.1.2", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.2"}},
	{name: "kernel", version: "6.1.3", release: "1", tags: []string{"Provides: installonlypkg(kernel)"}, files: []string{"/boot/vmlinuz-6.1.3"}},
}

// fixturesMinimal are four versions of lib for upgrade-minimal; advisoriesMinimal names
// 2.0 (bugfix) and 3.0 (security), not 4.0.
var (
	fixturesMinimal = []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "3.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "4.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "extra", version: "2.0", release: "1", files: []string{"/usr/share/extra/data"}},
	}
	advisoriesMinimal = `<?xml version="1.0" encoding="UTF-8"?>
<updates>
<update from="fixture" status="stable" type="bugfix" version="1"><id>FIX-2</id><title>lib 2.0</title><issued date="2024-01-01 00:00:00"/><description>fix</description><pkglist><collection short="c"><name>c</name><package name="lib" version="2.0" release="1" epoch="0" arch="noarch"><filename>lib-2.0-1.noarch.rpm</filename></package></collection></pkglist></update>
<update from="fixture" status="stable" type="security" version="1"><id>SEC-3</id><title>lib 3.0</title><severity>Important</severity><issued date="2024-02-01 00:00:00"/><description>fix</description><pkglist><collection short="c"><name>c</name><package name="lib" version="3.0" release="1" epoch="0" arch="noarch"><filename>lib-3.0-1.noarch.rpm</filename></package></collection></pkglist></update>
</updates>
`
)

// addUpdateinfo adds an updateinfo.xml to a createrepo_c repository with modifyrepo_c.
func addUpdateinfo(t *testing.T, dir, xml string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "updateinfo.xml")
	if err := os.WriteFile(f, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, needTool(t, "modifyrepo_c"), "--mdtype=updateinfo", f, filepath.Join(dir, "repodata"))
}

// repoArgs are the repository options both tools get.
func repoArgs(repos ...string) []string {
	args := []string{"--setopt=reposdir=/dev/null", "--releasever=1", "--nogpgcheck"}
	var ids []string
	for i, r := range repos {
		id := fmt.Sprintf("r%d", i+1)
		args = append(args, "--repofrompath="+id+","+r)
		ids = append(ids, id)
	}
	return append(args, "--repo="+strings.Join(ids, ","))
}

func dnfRun(t *testing.T, env []string, root string, args ...string) {
	t.Helper()
	cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y", "-q", "--installroot", root, "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, args...)...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dnf %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func nimbusRun(t *testing.T, root string, args ...string) {
	t.Helper()
	out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, args...)...)
	if err != nil {
		t.Fatalf("nimbus %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, out, errs)
	}
}

// installedByRPM is what the real rpm says is installed in a root.
func installedByRPM(t *testing.T, root string) string {
	t.Helper()
	out := run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf", "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\n")
	l := strings.Fields(out)
	sort.Strings(l)
	return strings.Join(l, " ")
}

// installedByNimbus is what `nimbus list --installed` says.
func installedByNimbus(t *testing.T, root string) string {
	t.Helper()
	out := mustCLI(t, nil, "--installroot", root, "list", "--installed")
	var l []string
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		name, arch, _ := strings.Cut(f[0], ".")
		l = append(l, name+"-"+f[1]+"."+arch)
	}
	sort.Strings(l)
	return strings.Join(l, " ")
}

func TestPMAgainstDNF(t *testing.T) {
	v1, v2, vmin := t.TempDir(), t.TempDir(), t.TempDir()
	buildRepo(t, v1, fixturesV1)
	buildRepo(t, v2, fixturesV2)
	buildRepo(t, vmin, fixturesMinimal)
	vk := t.TempDir()
	buildRepo(t, vk, fixturesKernels)
	addUpdateinfo(t, vmin, advisoriesMinimal)
	env := dnfEnv(t)

	type stepT struct {
		repos []string
		args  []string
	}
	scenarios := []struct {
		name  string
		steps []stepT
		want  []string // NEVRAs both roots must have at the end (beyond agreeing)
	}{
		{"install with deps and weak deps", []stepT{{[]string{v1}, []string{"install", "app"}}}, nil},
		{"install rich dependency", []stepT{{[]string{v1}, []string{"install", "tool"}}}, nil},
		{"upgrade all with obsoletes", []stepT{
			{[]string{v1}, []string{"install", "app", "oldname"}},
			{[]string{v1, v2}, []string{"upgrade"}},
		}, nil},
		{"targeted upgrade", []stepT{
			{[]string{v1}, []string{"install", "app", "oldname"}},
			{[]string{v1, v2}, []string{"upgrade", "lib"}},
		}, nil},
		{"remove with unused dependencies", []stepT{
			{[]string{v1}, []string{"install", "app", "tool"}},
			{[]string{v1}, []string{"remove", "app"}},
		}, nil},
		{"autoremove", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v1}, []string{"mark", "remove", "app"}},
			{[]string{v1}, []string{"autoremove"}},
		}, nil},
		{"downgrade", []stepT{
			{[]string{v1, v2}, []string{"install", "app"}},
			{[]string{v1, v2}, []string{"downgrade", "app"}},
		}, nil},
		{"distro-sync", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v2}, []string{"distro-sync"}},
		}, nil},
		// upgrade-minimal goes to the newest version an advisory names (3.0), not past it
		// (4.0 has none); without updateinfo it changes nothing.
		{"upgrade-minimal", []stepT{
			{[]string{vmin}, []string{"install", "lib-1.0"}},
			{[]string{vmin}, []string{"upgrade-minimal"}},
		}, []string{"lib-3.0-1.noarch"}},
		{"upgrade-minimal targeted", []stepT{
			{[]string{vmin}, []string{"install", "lib-1.0", "extra-1.0"}},
			{[]string{vmin}, []string{"upgrade-minimal", "lib"}},
		}, []string{"lib-3.0-1.noarch", "extra-1.0-1.noarch"}},
		{"upgrade-minimal without advisories", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v1, v2}, []string{"upgrade-minimal"}},
		}, []string{"app-1.0-1.noarch", "lib-1.0-1.noarch"}},
		// history: each tool keeps its own database; the same commands must lead to the
		// same packages.
		{"history rollback", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v1, v2}, []string{"upgrade"}},
			{[]string{v1, v2}, []string{"install", "tool"}},
			{[]string{v1, v2}, []string{"history", "rollback", "1"}},
		}, []string{"app-1.0-1.noarch", "lib-1.0-1.noarch"}},
		{"history redo", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v1}, []string{"remove", "app"}},
			{[]string{v1}, []string{"history", "redo", "1"}},
			{[]string{v1}, []string{"history", "redo", "2"}},
			{[]string{v1}, []string{"history", "redo", "3"}},
		}, []string{"app-1.0-1.noarch"}},
		{"history redo upgrade", []stepT{
			{[]string{v1, v2}, []string{"install", "lib-1.0"}},
			{[]string{v1, v2}, []string{"upgrade", "lib"}},
			{[]string{v1, v2}, []string{"history", "undo", "2"}},
			{[]string{v1, v2}, []string{"history", "redo", "2"}},
		}, []string{"lib-2.0-1.noarch"}},
		{"history redo downgrade", []stepT{
			{[]string{v1, v2}, []string{"install", "app"}},
			{[]string{v1, v2}, []string{"downgrade", "app"}},
			{[]string{v1, v2}, []string{"history", "undo", "2"}},
			{[]string{v1, v2}, []string{"history", "redo", "2"}},
		}, []string{"app-1.0-1.noarch"}},
		// installonly_limit (3 by default): the oldest kernels go, the new one stays.
		{"installonly_limit", []stepT{
			{[]string{v1}, []string{"install", "kernel"}},
			{[]string{v1, v2}, []string{"upgrade"}},
			{[]string{v1, v2, vk}, []string{"upgrade"}},
			{[]string{v1, v2, vk}, []string{"install", "kernel-6.1.2"}},
		}, []string{"kernel-6.1.1-1.noarch", "kernel-6.1.2-1.noarch", "kernel-6.1.3-1.noarch"}},
		{"installonly_limit=2", []stepT{
			{[]string{v1}, []string{"--setopt=installonly_limit=2", "install", "kernel"}},
			{[]string{v1, v2}, []string{"--setopt=installonly_limit=2", "upgrade"}},
			{[]string{v1, v2, vk}, []string{"--setopt=installonly_limit=2", "upgrade"}},
		}, []string{"kernel-6.1.1-1.noarch", "kernel-6.1.3-1.noarch"}},
		// reinstall keeps the package in the rpmdb (its new row replaces the old one, which
		// has the same SHA1HEADER) and rpm -Va, which checks app's dependency on lib, stays clean.
		{"reinstall", []stepT{
			{[]string{v1}, []string{"install", "app"}},
			{[]string{v1}, []string{"reinstall", "lib", "app"}},
			{[]string{v1}, []string{"reinstall", "lib"}},
		}, []string{"app-1.0-1.noarch", "lib-1.0-1.noarch"}},
		{"installonly kernel", []stepT{
			{[]string{v1}, []string{"install", "kernel"}},
			{[]string{v1, v2}, []string{"upgrade"}},
		}, nil},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			dnfRoot, nimRoot := t.TempDir(), t.TempDir()
			for _, st := range sc.steps {
				args := append(repoArgs(st.repos...), st.args...)
				dnfRun(t, env, dnfRoot, args...)
				nimbusRun(t, nimRoot, args...)
				d, n := installedByRPM(t, dnfRoot), installedByRPM(t, nimRoot)
				if d != n {
					t.Fatalf("after %v:\n  dnf:    %s\n  nimbus: %s", st.args, d, n)
				}
			}
			for _, w := range sc.want {
				if got := installedByRPM(t, nimRoot); !strings.Contains(" "+got+" ", " "+w+" ") {
					t.Errorf("want %s installed, have %s", w, got)
				}
			}
			for _, root := range []string{dnfRoot, nimRoot} {
				if a, b := installedByRPM(t, root), installedByNimbus(t, root); a != b {
					t.Errorf("%s: rpm -qa says %s, nimbus list --installed says %s", root, a, b)
				}
				if out, err := exec.Command(needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps").CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
					t.Errorf("rpm -Va in %s: %v\n%s", root, err, out)
				}
			}
		})
	}

	// Cross-management: nimbus upgrades a root dnf installed, dnf upgrades one nimbus
	// installed; rpm -V stays clean in both.
	t.Run("cross-management", func(t *testing.T) {
		a, b := t.TempDir(), t.TempDir()
		dnfRun(t, env, a, append(repoArgs(v1), "install", "app", "oldname")...)
		nimbusRun(t, a, append(repoArgs(v1, v2), "upgrade")...)
		nimbusRun(t, b, append(repoArgs(v1), "install", "app", "oldname")...)
		dnfRun(t, env, b, append(repoArgs(v1, v2), "upgrade")...)
		if x, y := installedByRPM(t, a), installedByRPM(t, b); x != y || !strings.Contains(x, "app-2.0-1.noarch") {
			t.Errorf("cross-managed roots differ:\n  dnf then nimbus: %s\n  nimbus then dnf: %s", x, y)
		}
		for _, root := range []string{a, b} {
			if out, err := exec.Command(needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-Va", "--nodeps").CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
				t.Errorf("rpm -Va in %s: %v\n%s", root, err, out)
			}
		}
	})
}

func TestPMCheckUpdateExitCode(t *testing.T) {
	v1, v2 := t.TempDir(), t.TempDir()
	buildRepo(t, v1, fixturesV1[1:2])
	buildRepo(t, v2, fixturesV2[:1])
	root := t.TempDir()
	nimbusRun(t, root, append(repoArgs(v1), "install", "lib")...)
	if _, _, err := runCLI(t, nil, append([]string{"--installroot", root}, append(repoArgs(v1), "check-update")...)...); err != nil {
		t.Fatalf("check-update without updates: %v", err)
	}
	out, _, err := runCLI(t, nil, append([]string{"--installroot", root}, append(repoArgs(v1, v2), "check-update")...)...)
	if ExitCode(err) != 100 || !strings.Contains(out, "lib.noarch") || !strings.Contains(out, "2.0-1") {
		t.Fatalf("check-update with an update: exit %d, output %q", ExitCode(err), out)
	}
	out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root}, append(repoArgs(v1), "install", "no-such-package")...)...)
	if ExitCode(err) != 1 || !strings.Contains(out, "No match for argument: no-such-package") || !strings.Contains(err.Error(), "Error: Unable to find a match: no-such-package") {
		t.Fatalf("install of an unknown package: exit %d, %v %s", ExitCode(err), err, errs)
	}
}
