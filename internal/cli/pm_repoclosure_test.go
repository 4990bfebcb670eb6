package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// closureLines keeps repoclosure's report and error lines; the dependencies of each
// package sorted (the plugin prints a Python set).
func closureLines(out string) string {
	var lines, deps []string
	flush := func() {
		sort.Strings(deps)
		lines = append(lines, deps...)
		deps = nil
	}
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "    "):
			deps = append(deps, l)
		case strings.HasPrefix(l, "package: "), strings.HasPrefix(l, "  unresolved deps"), strings.HasPrefix(l, "Error"):
			flush()
			lines = append(lines, l)
		}
	}
	flush()
	return strings.Join(lines, "\n")
}

// TestRepoclosureLikeDNF runs repoclosure with the real dnf 4.14 and dnf-plugins-core
// 4.3's plugin (the others disabled) and with nimbus on two repositories (one over
// loopback HTTP, one file://): versioned, file, pre, rich and cross-repository
// requirements, a source package, a foreign arch; every option of the plugin and --best.
// The report lines and exit codes must match.
func TestRepoclosureLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/repoclosure.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	r1, r2 := t.TempDir(), t.TempDir()
	buildRepo(t, r1, []fixture{
		{name: "lib", version: "1.0", release: "1", tags: []string{"Provides: libfeature = 1"}, files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "2.0", release: "1", tags: []string{"Provides: libfeature = 2"}, files: []string{"/usr/lib/fixture/lib"}},
		{name: "tool", version: "1.0", release: "1", arch: "x86_64", source: true,
			tags: []string{"Requires: lib >= 2.0", "Requires: /usr/bin/helper", "Requires(pre): missing-pre"}, files: []string{"/usr/bin/tool"}},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: libfeature = 1", "Requires: (nosuch-a or nosuch-b)", "Requires: (lib and helper)"}, files: []string{"/usr/bin/app"}},
		{name: "old", version: "1.0", release: "1", arch: "i686", tags: []string{"Requires: something-old"}, files: []string{"/usr/share/old"}},
	})
	buildRepo(t, r2, []fixture{
		{name: "helper", version: "1.0", release: "1", files: []string{"/usr/bin/helper"}},
		{name: "needy", version: "1.0", release: "1", tags: []string{"Requires: lib < 1.0", "Requires: tool"}, files: []string{"/usr/share/needy"}},
	})
	srv := httptest.NewServer(http.FileServer(http.Dir(r1)))
	t.Cleanup(srv.Close)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		name string
		args []string
		rc   int
		want string
	}{
		{"everything", nil, 1, "package: app-1.0-1.noarch from r1\n  unresolved deps (1):\n    (nosuch-a or nosuch-b)"},
		{"newest", []string{"--newest"}, 1, "    libfeature = 1"},
		{"check", []string{"--check", "r2"}, 1, "package: needy-1.0-1.noarch from r2"},
		{"arch", []string{"--arch", "x86_64"}, 1, "    missing-pre"},
		{"two arches", []string{"--arch", "noarch", "--arch", "i686"}, 1, "package: old-1.0-1.i686 from r1"},
		{"source", []string{"--arch", "src"}, 0, ""},
		{"pkg", []string{"--pkg", "app", "--pkg", "needy"}, 1, "across 2 packages"},
		{"pkg missing", []string{"--pkg", "nosuch", "--pkg", "app", "--pkg", "other"}, 1, "Error: no package matched: nosuch, other"},
		{"one repo", []string{"--repo", "r1", "--pkg", "tool"}, 1, "    /usr/bin/helper"},
		{"repo and check", []string{"--repo", "r1", "--check", "r2"}, 1, "package: needy-1.0-1.noarch from r2"},
		{"best", []string{"--best"}, 1, "    libfeature = 1"},
		{"closed", []string{"--pkg", "helper"}, 0, ""},
	} {
		t.Run(st.name, func(t *testing.T) {
			var got [2]string
			var rcs [2]int
			for i, tool := range []string{"dnf", "nimbus"} {
				root := filepath.Join(dir, tool)
				args := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
					"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r1," + srv.URL + "/",
					"--repofrompath=r2,file://" + r2, "repoclosure"}, st.args...)
				stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=repoclosure"}, args...)
				got[i], rcs[i] = closureLines(stdout+stderr), rc
			}
			if rcs[0] != st.rc || rcs[1] != rcs[0] {
				t.Errorf("exit codes: dnf %d (scenario %d), nimbus %d", rcs[0], st.rc, rcs[1])
			}
			if got[0] != got[1] {
				t.Errorf("results differ\n--- dnf:\n%s\n--- nimbus:\n%s", got[0], got[1])
			}
			if !strings.Contains(got[0], st.want) {
				t.Errorf("dnf's result lacks %q: the comparison no longer shows it\n%s", st.want, got[0])
			}
		})
	}
}

// TestRepoclosureAppStreamLikeDNF: repoclosure of CentOS Stream 9 AppStream's real
// metadata alone (17,649 packages, modules and their default streams; BaseOS missing, so
// most packages have unresolved dependencies) with the real plugin and with nimbus: the
// whole report (each package's dependencies sorted), the summary and the exit code.
func TestRepoclosureAppStreamLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	appstream := testfiles.Path(t, testfiles.AppStream)
	env := dnfEnv(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	var got [2]string
	var rcs [2]int
	for i, tool := range []string{"dnf", "nimbus"} {
		root := filepath.Join(dir, tool)
		stdout, stderr, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=repoclosure"},
			"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=9",
			"--setopt=cachedir="+filepath.Join(root, "cache"), "--repofrompath=a,file://"+appstream, "repoclosure")
		got[i], rcs[i] = closureLines(stdout+stderr), rc
	}
	if rcs[0] != 1 || rcs[1] != 1 {
		t.Errorf("exit codes: dnf %d, nimbus %d (want 1)", rcs[0], rcs[1])
	}
	if got[0] != got[1] {
		a, b := strings.Split(got[0], "\n"), strings.Split(got[1], "\n")
		for i := 0; i < len(a) && i < len(b); i++ {
			if a[i] != b[i] {
				t.Fatalf("reports differ (dnf %d lines, nimbus %d) from line %d:\ndnf:    %q\nnimbus: %q", len(a), len(b), i+1, a[i], b[i])
			}
		}
		t.Fatalf("reports differ in length: dnf %d lines, nimbus %d", len(a), len(b))
	}
	if !strings.Contains(got[0], "across 11669 packages.") {
		t.Errorf("dnf's summary is not the expected one: the fixture changed?\n%s", got[0][max(0, len(got[0])-200):])
	}
}
