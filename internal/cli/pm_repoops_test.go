package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepoOptionsLikeDNF: --enablerepo and --disablerepo are applied in the order given
// (dnf's _configure_repos): `--disablerepo='*' --enablerepo=r` leaves r, the other order
// leaves nothing; --repo disables every other repository first and enables its own last;
// an --enablerepo or --repo that matches nothing is "Unknown repo" (exit 1) with strict,
// "No repository match" otherwise and for --disablerepo. repolist and an install beside
// dnf 4.14: stdout, stderr, exit code.
func TestRepoOptionsLikeDNF(t *testing.T) {
	r, s := t.TempDir(), t.TempDir()
	buildRepo(t, r, []fixture{{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/fixture/lib"}}})
	buildRepo(t, s, []fixture{{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/extra/data"}}})
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r]\nname=r\nbaseurl=file://%s\n\n[s]\nname=s\nbaseurl=file://%s\nenabled=0\n", r, s)), 0o644)
	norm := func(out string) string {
		var keep []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.Contains(l, "B/s |") && !strings.HasPrefix(l, "Last metadata expiration check") {
				keep = append(keep, strings.TrimRight(l, " "))
			}
		}
		return strings.Join(keep, "\n")
	}
	for _, st := range []struct {
		args []string
		rc   int
	}{
		{[]string{"--disablerepo=*", "--enablerepo=s", "repolist"}, 0},
		{[]string{"--enablerepo=s", "--disablerepo=*", "repolist"}, 0},
		{[]string{"--disablerepo=r", "--enablerepo=*", "repolist"}, 0},
		{[]string{"--disablerepo=*,r", "--enablerepo=r", "repolist", "--all"}, 0},
		{[]string{"--repo=s", "repolist"}, 0},
		{[]string{"--repo=s", "--enablerepo=r", "repolist"}, 0},
		{[]string{"--enablerepo=zzz", "repolist"}, 1},
		{[]string{"--repo=zzz", "repolist"}, 1},
		{[]string{"--enablerepo=zzz", "--setopt=strict=0", "repolist"}, 0},
		{[]string{"--disablerepo=zzz", "repolist"}, 0},
		{[]string{"--disablerepo=*", "--enablerepo=s", "-y", "install", "extra"}, 0},
		{[]string{"--enablerepo=s", "--disablerepo=*", "-y", "install", "lib"}, 1},
	} {
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := t.TempDir()
			args := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, tool, rc, st.rc, out, errs)
			}
			if strings.Contains(strings.Join(st.args, " "), "install") {
				out = "" // the transaction table is compared by the scenario suite
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, norm(out), norm(errs))
		}
		if got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
	}
}
