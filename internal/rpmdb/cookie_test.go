package rpmdb

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCookieMatchesRPM: Cookie is the value rpm 4.18's own rpmts.dbCookie() (the Python
// binding dnf uses) gives for a database the real rpm wrote, with packages added out of
// name order, one of them twice, and one erased; and the empty database's.
func TestCookieMatchesRPM(t *testing.T) {
	// dnf's own interpreter (its #! line), which has the rpm binding; a python3 earlier in
	// PATH may not
	py, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		t.Fatal("/usr/bin/python3 is not installed; run scripts/setup.sh (python3-rpm comes with dnf)")
	}
	root := t.TempDir()
	if out, err := rpmCmd(t, root, "--initdb"); err != nil {
		t.Fatalf("rpm --initdb: %v\n%s", err, out)
	}
	cookieOf := func() (string, string) {
		t.Helper()
		script := "import rpm\nrpm.addMacro('_dbpath', '" + DefaultPath + "')\nts = rpm.TransactionSet('" + root + "')\nts.openDB()\nprint(ts.dbCookie())\n"
		cmd := exec.Command(py, "-c", script)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("python3 rpm binding (python3-rpm): %v\n%s", err, out)
		}
		db, err := Open(root, "", Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		got, err := db.Cookie(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return got, strings.TrimSpace(string(out))
	}
	if got, want := cookieOf(); got != want {
		t.Errorf("empty database: cookie %s, rpm's %s", got, want)
	}
	pkgs := examplePackages(t, t.TempDir()) // hello, motd
	for _, args := range [][]string{
		{"-i", "--justdb", "--nodeps", pkgs[1]},
		{"-i", "--justdb", "--nodeps", pkgs[0]},
		{"-i", "--justdb", "--nodeps", "--replacepkgs", pkgs[1]},
	} {
		if out, err := rpmCmd(t, root, args...); err != nil {
			t.Fatalf("rpm %v: %v\n%s", args, err, out)
		}
		if got, want := cookieOf(); got != want {
			t.Errorf("after rpm %s %s: cookie %s, rpm's %s", args[0], filepath.Base(args[len(args)-1]), got, want)
		}
	}
}
