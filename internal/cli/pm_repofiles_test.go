package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRepoFilesLikeDNF: the repository configuration of the real world is not always
// clean, and dnf 4.14 goes on where it can (dnf.conf(5), dnf's RepoReader and RepoDict,
// libdnf's config parser). Both tools read the same dnf.conf (-c) and reposdir:
//   - repositories defined in dnf.conf itself, beside [main], are read first;
//   - an id defined again (in a .repo file) is reported and the first definition kept;
//   - a section with a bad id is skipped with a warning;
//   - a .repo file that does not parse is reported ("failed loading") and skipped;
//   - a bad value is reported and the option keeps its default;
//   - a repository without any URL is listed, and fails only when it is loaded: an error,
//     or "Ignoring repositories" with skip_if_unavailable.
//
// Compared: stdout, stderr's lines and the exit code of repolist, list and install, and
// what rpm lists after the install.
func TestRepoFilesLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := t.TempDir()
	rd := filepath.Join(conf, "repos.d")
	os.MkdirAll(rd, 0o755)
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(rd, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := filepath.Join(conf, "dnf.conf")
	os.WriteFile(main, []byte(fmt.Sprintf("[main]\nreposdir=%s\ngpgcheck=0\n\n[r]\nname=r from dnf.conf\nbaseurl=file://%s\n", rd, repoDir)), 0o644)
	write("a.repo", "[r]\nname=r again\nbaseurl=file:///nonexistent\n[s]\nname=s\nbaseurl=file://"+repoDir+"\nenabled=0\n")
	write("b.repo", "[bad id!]\nname=x\nbaseurl=file:///x\n")
	write("c.repo", "garbage line without a section\n[t]\nbaseurl=file:///x\n")
	write("d.repo", "[u]\nname=u\nbaseurl=file://"+repoDir+"\nenabled=maybe\nskip_if_unavailable=0\n")

	// nimbus's bad-id warning says more than dnf's (where and why); dnf's words come first.
	more := regexp.MustCompile(` \([^)]*section skipped[^)]*\)$`)
	lines := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			if strings.Contains(l, "MB/s") || strings.Contains(l, "kB/s") || strings.HasPrefix(l, "Last metadata expiration check") {
				continue
			}
			out = append(out, more.ReplaceAllString(strings.TrimRight(l, " "), ""))
		}
		return strings.Join(out, "\n")
	}
	dnfRoot, nimRoot := t.TempDir(), t.TempDir()
	steps := []struct {
		name  string
		args  []string
		rc    int
		table bool // a transaction: its table is compared by the scenario suite
	}{
		{"repolist", []string{"repolist", "--all"}, 0, false},
		{"list", []string{"list", "--available", "lib"}, 0, false},
		{"install from dnf.conf's repository", []string{"install", "lib"}, 0, true},
		{"a repository without URL is listed", nil, 0, false}, // the file is written here
		{"repolist with it", []string{"repolist", "--all"}, 0, false},
		{"loading it fails", []string{"install", "extra"}, 1, true},
		{"skip_if_unavailable ignores it", []string{"install", "extra", "--setopt=v.skip_if_unavailable=1"}, 0, true},
	}
	for _, st := range steps {
		if st.args == nil {
			write("e.repo", "[v]\nname=v without url\n")
			continue
		}
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := map[string]string{"dnf": dnfRoot, "nimbus": nimRoot}[tool]
			args := append([]string{"-c", main, "-y", "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
			if rc != st.rc {
				t.Errorf("%s: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.name, tool, rc, st.rc, out, errs)
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, lines(out), lines(errs))
		}
		if st.table {
			for i := range got {
				got[i] = tableless(got[i])
			}
		}
		if got[0] != got[1] {
			t.Errorf("%s differs:\n--- dnf\n%s\n--- nimbus\n%s", st.name, got[0], got[1])
		}
	}
	if d, n := installedByRPM(t, dnfRoot), installedByRPM(t, nimRoot); d != n || !strings.Contains(n, "lib-1.0-1") || !strings.Contains(n, "extra-1.0-1") {
		t.Errorf("installed:\n  dnf:    %s\n  nimbus: %s", d, n)
	}
}

// tableless keeps a dnf transaction's stderr and exit code and drops its stdout, whose
// table is compared by the scenario suite.
func tableless(s string) string {
	before, after, ok := strings.Cut(s, "\nstdout:\n")
	if !ok {
		return s
	}
	_, errs, _ := strings.Cut(after, "\nstderr:\n")
	return before + "\nstderr:\n" + errs
}
