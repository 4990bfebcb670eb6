package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGroupsWithoutPackages: a repository made by `repo create -g` carries the groups; the
// package manager lists them, installs a group whose packages no repository has (dnf's
// warning per package, the group recorded as installed), lists it as installed, and removes
// it again; errors have dnf's words and exit codes.
func TestGroupsWithoutPackages(t *testing.T) {
	dir, root := t.TempDir(), filepath.Join(t.TempDir(), "root")
	cf := filepath.Join(t.TempDir(), "comps.xml")
	if err := os.WriteFile(cf, []byte(`<comps><group><id>core</id><name>Core</name><packagelist><packagereq>ghost</packagereq></packagelist></group>
<group><id>hid</id><name>Hidden</name><uservisible>false</uservisible></group></comps>`), 0o644); err != nil {
		t.Fatal(err)
	}
	runCLI := func(args ...string) (string, int) {
		var out bytes.Buffer
		err := RunEnv(context.Background(), args, strings.NewReader(""), &out, &out, func(string) string { return "" })
		if err != nil && !IsSilent(err) {
			out.WriteString(err.Error() + "\n")
		}
		return out.String(), ExitCode(err)
	}
	if out, rc := runCLI("nimbus", "repo", "create", "-g", cf, dir); rc != 0 {
		t.Fatalf("repo create: %d %s", rc, out)
	}
	dnf := func(args ...string) (string, int) {
		return runCLI(append([]string{"dnf", "-y", "--installroot", root, "--setopt=reposdir=/dev/null", "--releasever=1",
			"--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf"), "--repofrompath=r1," + dir, "--repo=r1"}, args...)...)
	}
	for _, st := range []struct {
		args []string
		rc   int
		want string
	}{
		{[]string{"group", "list"}, 0, "Available Groups:\n   Core\n"},
		{[]string{"group", "list", "--hidden", "--ids"}, 0, "   Core (core)\n   Hidden (hid)\n"},
		{[]string{"group", "summary"}, 0, "Available Groups: 1\n"},
		{[]string{"group", "info", "nothing"}, 0, "Warning: Group nothing does not exist."},
		{[]string{"group", "install", "nothing"}, 1, "Module or Group 'nothing' is not available.\nError: Nothing to do."},
		{[]string{"install", "@core"}, 0, `No match for group package "ghost"`},
		{[]string{"group", "list", "--installed"}, 0, "Installed Groups:\n   Core\n"},
		{[]string{"group", "upgrade", "hid"}, 1, "Error: No group marked for upgrade."},
		{[]string{"group", "remove", "core"}, 0, "Removing Groups:\n Core"},
		{[]string{"group", "mark", "remove", "core"}, 1, "Module or Group 'core' is not installed."},
		{[]string{"group", "frob"}, 1, "Invalid groups sub-command"},
	} {
		out, rc := dnf(st.args...)
		if rc != st.rc || !strings.Contains(out, st.want) {
			t.Errorf("%v: exit %d, want %d, output:\n%s\nwant it to contain %q", st.args, rc, st.rc, out, st.want)
		}
	}
}
