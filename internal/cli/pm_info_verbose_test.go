package cli

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestInfoVerboseLikeDNF: `info -v` (dnf 4.14's infoOutput with conf.verbose: Packager,
// Buildtime, and for an installed package Install time and Installed by) and `list -v`
// beside dnf, for available and installed packages, one with a packager and an epoch, one
// without a packager (Python's None).
func TestInfoVerboseLikeDNF(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{
		{name: "packaged", version: "1.0", release: "1", tags: []string{"Packager: Nimbus Team <team@example.org>", "Epoch: 3"}, files: []string{"/usr/share/packaged/f"}},
		{name: "plain", version: "1.0", release: "1", files: []string{"/usr/share/plain/f"}},
		{name: "plain", version: "2.0", release: "1", files: []string{"/usr/share/plain/f"}},
	})
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repo)
	roots := runSteps(t, conf, env, []dnfStep{
		{[]string{"info", "-v", "packaged"}, 0, false},
		{[]string{"-y", "install", "packaged", "plain-1.0"}, 0, false},
		{[]string{"info", "-v", "packaged"}, 0, false},
		{[]string{"info", "-v", "plain"}, 0, false},
		{[]string{"info", "-v", "--installed"}, 0, false},
		{[]string{"list", "-v", "plain"}, 0, false},
	})
	// the install time runSteps leaves out: rpm's INSTALLTIME of the package, as
	// normalize_time shows it
	root := roots["nimbus"]
	out, _, rc := runTool(t, "nimbus", env, nil, "-c", conf, "--installroot", root, "--releasever=1", "info", "-v", "--installed", "packaged")
	sec := strings.TrimSpace(run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/var/lib/rpm", "-q", "--qf", "%{INSTALLTIME}", "packaged"))
	n, err := strconv.ParseInt(sec, 10, 64)
	want := "Install time : " + time.Unix(n, 0).Format("Mon Jan _2 15:04:05 2006") + "\n"
	if rc != 0 || err != nil || !strings.Contains(out, want) {
		t.Errorf("info -v: want %q (rpm says %s, %v):\n%s", want, sec, err, out)
	}
}
