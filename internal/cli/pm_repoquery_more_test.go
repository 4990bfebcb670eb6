package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepoqueryMoreLikeDNF: repoquery's -f/--file (globs, files only filelists.xml lists,
// several files as argparse's nargs='+' reads them), --srpm, --recent, --groupmember,
// --show-duplicates and --changelogs (other.xml, and the rpmdb's for an installed package)
// beside dnf 4.14 (stdout, stderr, exit code).
func TestRepoqueryMoreLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, []fixture{
		shell,
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}, source: true},
		{name: "lib", version: "2.0", release: "1", files: []string{"/usr/lib/fixture/lib"}, source: true},
		{name: "app", version: "1.0", release: "1", tags: []string{"Requires: lib"}, files: []string{"/usr/bin/app"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}},
		{name: "tool", version: "1.0", release: "1", files: []string{"/usr/bin/tool"}},
		{name: "clog", version: "1.0", release: "1", files: []string{"/usr/share/clog/f"},
			sections: "%changelog\n* Mon Dec 07 2026 Ann Author <ann@example.org> - 1.0-1\n- second entry\n  with two lines\n\n* Wed Jan 01 2025 Bob <bob@example.org> - 0.9-1\n- first entry"},
	})
	comps := filepath.Join(t.TempDir(), "comps.xml")
	os.WriteFile(comps, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
<comps>
  <group><id>base</id><name>Base</name><packagelist>
    <packagereq type="mandatory">lib</packagereq><packagereq type="default">app</packagereq></packagelist></group>
  <group><id>tools</id><name>Tools</name><packagelist>
    <packagereq type="optional">tool</packagereq><packagereq type="mandatory">lib</packagereq></packagelist></group>
</comps>
`), 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", "-g", comps, repoDir)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range []struct {
		args []string
		rc   int
	}{
		{[]string{"-y", "install", "app"}, 0},
		{[]string{"repoquery", "-f", "/usr/bin/app"}, 0},
		{[]string{"repoquery", "--file", "/usr/lib/fixture/*"}, 0},
		{[]string{"repoquery", "-f", "/usr/bin/app", "/usr/bin/tool"}, 0},
		{[]string{"repoquery", "-f", "*/data", "--installed"}, 0},
		{[]string{"repoquery", "-f", "/nothing"}, 0},
		{[]string{"repoquery", "--srpm", "lib"}, 0},
		{[]string{"repoquery", "--srpm", "--latest-limit=1", "lib"}, 0},
		{[]string{"repoquery", "--srpm", "app"}, 0},
		{[]string{"repoquery", "--recent"}, 0},
		{[]string{"repoquery", "--recent", "--installed"}, 0},
		{[]string{"repoquery", "--groupmember", "lib", "app", "tool", "extra"}, 0},
		{[]string{"repoquery", "--groupmember", "--installed"}, 0},
		{[]string{"repoquery", "--show-duplicates", "lib"}, 0},
		{[]string{"repoquery", "--changelogs", "clog", "lib"}, 0},
		{[]string{"-y", "install", "clog"}, 0},
		{[]string{"repoquery", "--changelogs", "--installed", "clog"}, 0},
		{[]string{"repoquery", "--changelogs", "clog"}, 0},
	} {
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := roots[tool]
			args := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, tool, rc, st.rc, out, errs)
			}
			if st.args[1] == "install" {
				continue
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, out, dropProgress(dropExpiration(errs)))
		}
		if got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
		if strings.Contains(strings.Join(st.args, " "), "--srpm lib") && !strings.Contains(got[1], ".src") {
			t.Errorf("--srpm found no source package:\n%s", got[1])
		}
	}
}

// dropExpiration leaves out dnf's "Last metadata expiration check" note, whose age differs
// from run to run.
func dropExpiration(s string) string {
	var keep []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.HasPrefix(l, "Last metadata expiration check") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// dropProgress leaves out download progress lines ("r   1.5 MB/s | 3.0 kB   00:00").
func dropProgress(s string) string {
	var keep []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.Contains(l, "B/s |") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}
