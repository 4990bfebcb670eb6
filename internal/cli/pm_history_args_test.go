package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHistoryArgsLikeDNF: how dnf 4.14's history command reads its arguments
// (HistoryCommand.configure and _args2transaction_ids): a first word that is no command
// is a transaction of list; ids, last, last-N, ranges A..B (either order), package names;
// the errors of undo/redo/rollback without or with more than one transaction, of bad
// ranges and unknown ids; list --reverse; info of several transactions; userinstalled;
// and `history store` writing dnf's JSON (compared byte for byte, also with -o, and the
// question before overwriting). Both tools get the same three transactions in their own
// roots; stdout, stderr and exit codes are compared without what differs by design or by
// the clock (times, rpmdb versions, the command line column).
func TestHistoryArgsLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	cwds := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	varying := regexp.MustCompile(`^(Begin time|End time|Begin rpmdb|End rpmdb|Command Line) *:`)
	norm := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
			if strings.Contains(l, "B/s |") || strings.HasPrefix(l, "Last metadata expiration check") || varying.MatchString(l) {
				continue
			}
			if len(l) > 40 && l[7] == '|' { // a list row: ID | command line | date | ...
				l = l[:9] + "CMDLINE | DATE" + l[9+24+3+16:]
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	tool := func(name string, args ...string) (string, string, int) {
		t.Helper()
		root := roots[name]
		full := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, args...)
		wd, _ := os.Getwd()
		os.Chdir(cwds[name])
		defer os.Chdir(wd)
		return runTool(t, name, env, []string{"--noplugins"}, full...)
	}
	for _, step := range [][]string{{"-y", "install", "lib"}, {"-y", "install", "app"}, {"-y", "remove", "extra"}} {
		for _, name := range []string{"dnf", "nimbus"} {
			if _, errs, rc := tool(name, step...); rc != 0 {
				t.Fatalf("%s %v: %d %s", name, step, rc, errs)
			}
		}
	}
	for _, st := range []struct {
		args []string
		rc   int
	}{
		{[]string{"history"}, 0},
		{[]string{"history", "1"}, 0},
		{[]string{"history", "list", "last"}, 0},
		{[]string{"history", "list", "1..2"}, 0},
		{[]string{"history", "list", "2..1"}, 0},
		{[]string{"history", "list", "last-1..last"}, 0},
		{[]string{"history", "list", "7"}, 0},
		{[]string{"history", "list", "zzz"}, 0},
		{[]string{"history", "list", "lib", "extra"}, 0},
		{[]string{"history", "list", "--reverse"}, 0},
		{[]string{"history", "list", "x..y"}, 1},
		{[]string{"history", "list", "1..2..3"}, 1},
		{[]string{"history", "info"}, 0},
		{[]string{"history", "info", "last-1"}, 0},
		{[]string{"history", "info", "7"}, 0},
		{[]string{"history", "info", "extra"}, 0},
		{[]string{"history", "undo"}, 1},
		{[]string{"history", "undo", "1", "2"}, 1},
		{[]string{"history", "undo", "9"}, 1},
		{[]string{"history", "undo", "zzz"}, 1},
		{[]string{"history", "undo", "1..2"}, 1},
		{[]string{"history", "redo", "last-5"}, 1},
		{[]string{"history", "rollback"}, 1},
		{[]string{"history", "userinstalled"}, 0},
		{[]string{"history", "store"}, 1},
		{[]string{"history", "store", "2"}, 0},
		{[]string{"history", "store", "--assumeno", "2"}, 0},
		{[]string{"history", "store", "-y", "3"}, 0},
		{[]string{"history", "store", "1", "-o", "one.json"}, 0},
		{[]string{"history", "store", "extra"}, 1}, // two transactions changed extra
	} {
		var got [2]string
		for i, name := range []string{"dnf", "nimbus"} {
			out, errs, rc := tool(name, st.args...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, name, rc, st.rc, out, errs)
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, norm(out), norm(errs))
		}
		if got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
	}
	for _, f := range []string{"transaction.json", "one.json"} {
		d, err1 := os.ReadFile(filepath.Join(cwds["dnf"], f))
		n, err2 := os.ReadFile(filepath.Join(cwds["nimbus"], f))
		if err1 != nil || err2 != nil || string(d) != string(n) {
			t.Errorf("%s differs (%v, %v):\n--- dnf\n%s\n--- nimbus\n%s", f, err1, err2, d, n)
		}
	}
}
