package cli

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSwdbRPMDBVersionDNF: the transactions nimbus writes to dnf's history database carry
// the rpmdb versions dnf 4.14 computes (rpm's dbCookie), so the real dnf's `history info`
// on a root nimbus and dnf take turns on marks no transaction with "**" (the rpmdb changed
// outside the package manager), and `history list` shows every transaction.
func TestSwdbRPMDBVersionDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, []fixture{
		{name: "lib", version: "1.0", release: "1", files: []string{"/usr/lib/swdb/lib"}},
		{name: "extra", version: "1.0", release: "1", files: []string{"/usr/share/swdb/extra"}},
	})
	env := dnfEnv(t)
	root := filepath.Join(t.TempDir(), "root")
	args := append(repoArgs(repoDir), "--noplugins")
	nimbusRun(t, root, append(repoArgs(repoDir), "install", "lib")...)
	dnfRun(t, env, root, append(args, "install", "extra")...)
	nimbusRun(t, root, append(repoArgs(repoDir), "remove", "lib")...)
	dnfOut := func(a ...string) string {
		cmd := exec.Command(needTool(t, "dnf"), append(append([]string{"--installroot", root, "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, args...), a...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("dnf %v: %v\n%s", a, err, out)
		}
		return string(out)
	}
	versions := regexp.MustCompile(`(?m)^(Begin|End) rpmdb +: ([0-9a-f]+)( \*\*)?$`)
	var ends []string
	for _, id := range []string{"1", "2", "3"} {
		out := dnfOut("history", "info", id)
		m := versions.FindAllStringSubmatch(out, -1)
		if len(m) != 2 {
			t.Fatalf("history info %s: want Begin and End rpmdb lines:\n%s", id, out)
		}
		for _, v := range m {
			if v[3] != "" {
				t.Errorf("history info %s: dnf marks the %s rpmdb version as changed outside it:\n%s", id, v[1], out)
			}
		}
		if len(ends) > 0 && m[0][2] != ends[len(ends)-1] {
			t.Errorf("transaction %s begins at rpmdb %s, the one before ended at %s", id, m[0][2], ends[len(ends)-1])
		}
		ends = append(ends, m[1][2])
	}
	list := dnfOut("history", "list")
	rows := regexp.MustCompile(`(?m)^ +([0-9]+) \| .*\| (Install|Removed) +\| +1 *$`).FindAllStringSubmatch(list, -1)
	if len(rows) != 3 || rows[0][1] != "3" || rows[0][2] != "Removed" || rows[2][1] != "1" {
		t.Errorf("dnf history list: want transactions 3 (Removed), 2 and 1 (Install), each altering 1 package unmarked:\n%s", list)
	}
	if strings.Contains(list, "**") || strings.Contains(list, ">") {
		t.Errorf("dnf history list marks a transaction as altered outside dnf:\n%s", list)
	}
}
