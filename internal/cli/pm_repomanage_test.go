package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// TestRepomanageLikeDNF: dnf-plugins-core 4.3's repomanage (loaded alone) and nimbus's on
// the same directories, given relative to the working directory: one of rpm files only
// (versions, an epoch, two arches, a source package, the same NEVRA twice in two
// subdirectories), the same with repodata (its locations are used), an empty one; every
// option, the error cases. Output (stdout and Error lines) and exit codes must match.
func TestRepomanageLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	if _, err := os.Stat("/usr/lib/python3/dist-packages/dnf-plugins/repomanage.py"); err != nil {
		t.Fatal("dnf-plugins-core is not installed; run scripts/setup.sh")
	}
	work := t.TempDir()
	plain := filepath.Join(work, "plain")
	buildRepo(t, plain, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "1.10", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "1.9", release: "1", files: []string{"/usr/lib/fixture/lib"}},
		{name: "lib", version: "0.1", release: "1", tags: []string{"Epoch: 1"}, files: []string{"/usr/lib/fixture/lib"}},
		{name: "tool", version: "1.0", release: "1", arch: "x86_64", source: true, files: []string{"/usr/bin/tool"}},
		{name: "tool", version: "2.0", release: "1", arch: "x86_64", files: []string{"/usr/bin/tool"}},
		{name: "tool", version: "1.5", release: "1", arch: "i686", files: []string{"/usr/bin/tool"}},
	})
	os.MkdirAll(filepath.Join(plain, "dup"), 0o755)
	data, _ := os.ReadFile(filepath.Join(plain, "tool-2.0-1.x86_64.rpm"))
	os.WriteFile(filepath.Join(plain, "dup", "tool-2.0-1.x86_64.rpm"), data, 0o644)
	withMD := filepath.Join(work, "withmd")
	os.MkdirAll(withMD, 0o755)
	rpms, _ := filepath.Glob(filepath.Join(plain, "*.rpm"))
	for _, f := range rpms {
		data, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(withMD, filepath.Base(f)), data, 0o644)
	}
	run(t, needTool(t, "createrepo_c"), "-q", withMD)
	os.RemoveAll(filepath.Join(plain, "repodata"))
	os.MkdirAll(filepath.Join(work, "empty"), 0o755)
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		args []string
		rc   int
		want string
	}{
		{[]string{"plain"}, 0, "plain/dup/tool-2.0-1.x86_64.rpm\nplain/lib-0.1-1.noarch.rpm\n"},
		{[]string{"plain/", "--old"}, 0, "plain/lib-1.10-1.noarch.rpm"},
		{[]string{"-O", "plain"}, 0, "plain/tool-1.0-1.x86_64.rpm"},
		{[]string{"--keep", "2", "-s", "plain"}, 0, "plain/lib-0.1-1.noarch.rpm plain/lib-1.10-1.noarch.rpm"},
		{[]string{"--keep=0", "--old", "plain"}, 0, ""},
		{[]string{"--keep=-1", "plain"}, 0, "plain/lib-1.10-1.noarch.rpm"},
		{[]string{"withmd"}, 0, "withmd/lib-0.1-1.noarch.rpm"},
		{[]string{"-o", "--keep", "3", filepath.Join(work, "withmd")}, 0, filepath.Join(work, "withmd/lib-1.0-1.noarch.rpm")},
		{[]string{"empty"}, 1, "Error: No files to process"},
		{[]string{"-o", "-n", "plain"}, 1, "Error: Pass either --old or --new, not both!"},
		{[]string{"-O", "-n", "plain"}, 1, "Error: Pass either --oldonly or --new, not both!"},
		{[]string{"-O", "-o", "plain"}, 1, "Error: Pass either --old or --oldonly, not both!"},
	} {
		name := strings.Join(st.args, " ")
		var outs [2]string
		var rcs [2]int
		for i, tool := range []string{"dnf", "nimbus"} {
			root := filepath.Join(t.TempDir(), tool)
			args := append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
				"--setopt=cachedir=" + filepath.Join(root, "cache"), "repomanage"}, st.args...)
			stdout, stderr, rc := runToolIn(t, work, tool, env, []string{"--disableplugin=*", "--enableplugin=repomanage"}, args...)
			rcs[i], outs[i] = rc, stdout
			for _, l := range strings.Split(stderr, "\n") {
				if strings.HasPrefix(l, "Error:") {
					outs[i] += l + "\n"
				}
			}
		}
		if rcs[0] != st.rc || rcs[1] != rcs[0] || outs[0] != outs[1] {
			t.Errorf("%s: dnf (exit %d, scenario %d):\n%s--- nimbus (exit %d):\n%s", name, rcs[0], st.rc, outs[0], rcs[1], outs[1])
		}
		if !strings.Contains(outs[0], st.want) {
			t.Errorf("%s: dnf's output lacks %q: the comparison no longer shows it\n%s", name, st.want, outs[0])
		}
	}
}

// TestRepomanageAppStreamLikeDNF: repomanage on CentOS Stream 9 AppStream's real repodata
// (17,649 packages, modules with several versions per stream; the package files are not
// needed) with the real plugin and with nimbus: new, --old, --oldonly, --keep 2 with both.
// The lists must be the same.
func TestRepomanageAppStreamLikeDNF(t *testing.T) {
	needTool(t, "dnf")
	appstream := testfiles.Path(t, testfiles.AppStream)
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte("[main]\ngpgcheck=0\n"), 0o644)
	for _, st := range []struct {
		args []string
		n    int // dnf's count, so that a changed fixture shows
	}{{nil, 6124}, {[]string{"-o"}, 11535}, {[]string{"-O"}, 11525}, {[]string{"-k", "2"}, 10033}, {[]string{"-k", "2", "-O"}, 7616}} {
		var outs [2]string
		var rcs [2]int
		for i, tool := range []string{"dnf", "nimbus"} {
			root := filepath.Join(t.TempDir(), tool)
			args := append(append([]string{"-c", conf, "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=9",
				"--setopt=cachedir=" + filepath.Join(root, "cache"), "repomanage"}, st.args...), appstream)
			stdout, _, rc := runTool(t, tool, env, []string{"--disableplugin=*", "--enableplugin=repomanage"}, args...)
			outs[i], rcs[i] = stdout, rc
		}
		if n := strings.Count(outs[0], "\n"); n != st.n {
			t.Errorf("%v: dnf lists %d files, the fixture gave %d", st.args, n, st.n)
		}
		if rcs[0] != 0 || rcs[1] != 0 || outs[0] != outs[1] {
			a, b := strings.Split(outs[0], "\n"), strings.Split(outs[1], "\n")
			t.Errorf("%v: dnf (exit %d) %d lines, nimbus (exit %d) %d lines", st.args, rcs[0], len(a), rcs[1], len(b))
			for i := 0; i < len(a) && i < len(b); i++ {
				if a[i] != b[i] {
					t.Errorf("line %d: dnf %q, nimbus %q", i+1, a[i], b[i])
					break
				}
			}
		}
	}
}
