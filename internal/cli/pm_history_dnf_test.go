package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHistoryListMixedDNF: on a root where nimbus and the real dnf 4.14 take turns, nimbus's
// `history list` is dnf's (the same ids, order, command lines, actions and counts, dnf's
// table), `history info ID` is dnf's, for the transactions either tool made, and `history
// undo ID` takes dnf's id.
func TestHistoryListMixedDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/hist/lib"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/hist/extra"}},
		{name: "tool", version: "1.0", release: "1", files: []string{"/usr/bin/histtool"}},
	})
	env := dnfEnv(t)
	root := filepath.Join(t.TempDir(), "root")
	args := append(repoArgs(repoDir), "--noplugins")
	dnfOut := func(a ...string) string {
		t.Helper()
		cmd := exec.Command(needTool(t, "dnf"), append(append([]string{"--installroot", root, "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, args...), a...)...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("dnf %v: %v\n%s", a, err, out)
		}
		// --repofrompath's "Added r1 repo from ..." comes first on stdout.
		s := string(out)
		if a[0] == "history" {
			s = strings.TrimPrefix(s, "Added r1 repo from "+repoDir+"\n")
		}
		return s
	}
	nimbusOut := func(a ...string) string {
		t.Helper()
		out, errs, err := runCLI(t, nil, append([]string{"--installroot", root}, a...)...)
		if err != nil {
			t.Fatalf("nimbus %v: %v\nstdout: %s\nstderr: %s", a, err, out, errs)
		}
		return out
	}
	// --comment is kept in the swdb and shown by history info (both read each other's)
	nimbusRun(t, root, append(repoArgs(repoDir), "--comment", "first by nimbus", "install", "lib")...)
	dnfRun(t, env, root, append(args, "--comment", "then dnf", "install", "extra", "tool")...)
	nimbusRun(t, root, append(repoArgs(repoDir), "remove", "lib")...)
	if info := dnfOut("history", "info", "1"); !strings.Contains(info, "Comment        : first by nimbus\n") {
		t.Errorf("dnf's history info of nimbus's transaction lacks its comment:\n%s", info)
	}

	want, got := dnfOut("history", "list"), nimbusOut("history", "list")
	if got != want {
		t.Errorf("history list after nimbus, dnf, nimbus:\nnimbus:\n%s\ndnf:\n%s", got, want)
	}
	for _, id := range []string{"1", "2", "3"} {
		want, got := dnfOut("history", "info", id), nimbusOut("history", "info", id)
		if got != want {
			t.Errorf("history info %s:\nnimbus:\n%s\ndnf:\n%s", id, got, want)
		}
	}

	nimbusRun(t, root, append(repoArgs(repoDir), "history", "undo", "2")...)
	if got := installedByRPM(t, root); got != "" {
		t.Errorf("after nimbus history undo 2 (dnf's install of extra and tool): rpm -qa = %q, want nothing", got)
	}
	want, got = dnfOut("history", "list"), nimbusOut("history", "list")
	if got != want {
		t.Errorf("history list after the undo:\nnimbus:\n%s\ndnf:\n%s", got, want)
	}
	if !strings.Contains(got, "     4 | ") {
		t.Errorf("the undo is not transaction 4:\n%s", got)
	}
	// The same in the other direction: dnf undoes nimbus's transaction 4.
	dnfRun(t, env, root, append(args, "history", "undo", "4")...)
	want, got = dnfOut("history", "list"), nimbusOut("history", "list")
	if got != want {
		t.Errorf("history list after dnf's undo:\nnimbus:\n%s\ndnf:\n%s", got, want)
	}
}
