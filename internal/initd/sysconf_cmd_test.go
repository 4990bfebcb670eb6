//go:build linux

package initd

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/units"
)

// TestSysconfCommands: nimbus-init answers as systemd-sysusers and systemd-tmpfiles the
// way packages' scriptlets call them: Fedora's %sysusers_create_package (stdin with
// --replace), Debian's dh_installtmpfiles snippet (--create NAME.conf), a bad line (exit
// 65, the rest applied), no action (refused).
func TestSysconfCommands(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	for p, s := range map[string]string{
		"etc/passwd": "root:x:0:0::/root:/bin/sh\n",
		"etc/group":  "root:x:0:\n",
		"usr/lib/tmpfiles.d/postgresql-common.conf": "d /run/postgresql 2775 postgres postgres - -\nd /var/log/postgresql 1775 root postgres - -\n",
		"usr/lib/tmpfiles.d/other.conf":             "d /run/other 0755 - - -\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(s), 0o644)
	}
	run := func(stdin string, argv ...string) (string, string, error) {
		var out, errb bytes.Buffer
		err := Main(ctx, argv, strings.NewReader(stdin), &out, &errb)
		return out.String(), errb.String(), err
	}
	out, _, err := run("u postgres - \"PostgreSQL administrator\" /var/lib/postgresql /bin/bash\n",
		"/usr/bin/systemd-sysusers", "--root="+root, "--replace=/usr/lib/sysusers.d/postgresql.conf", "-")
	if err != nil || out != "Created group postgres (999).\nCreated user postgres (999).\n" {
		t.Fatalf("sysusers: %q %v", out, err)
	}
	if _, _, err := run("", "systemd-tmpfiles", "--root", root, "--create", "postgresql-common.conf"); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(root, "run/postgresql"))
	if err != nil || st.Mode()&os.ModeSetgid == 0 || st.Mode().Perm() != 0o775 {
		t.Fatalf("/run/postgresql: %v %v", st, err)
	}
	if os.Getuid() == 0 && st.Sys().(*syscall.Stat_t).Uid != 999 {
		t.Errorf("/run/postgresql owner %d", st.Sys().(*syscall.Stat_t).Uid)
	}
	if _, err := os.Stat(filepath.Join(root, "run/other")); err == nil {
		t.Error("a file not named on the command line was applied")
	}
	_, stderr, err := run("d /run/from-stdin 0700 - - -\nbogus\n", "systemd-tmpfiles", "--root="+root, "--create", "--replace=/usr/lib/tmpfiles.d/x.conf", "-")
	var ee *units.ExitError
	if !errors.As(err, &ee) || ee.Code != 65 || !strings.Contains(stderr, "/usr/lib/tmpfiles.d/x.conf:2: expected TYPE PATH") {
		t.Errorf("bad line: %v %q", err, stderr)
	}
	for _, p := range []string{"run/from-stdin", "run/other"} { // stdin's lines and the other files'
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, _, err := run("", "systemd-tmpfiles", "--root="+root); err == nil {
		t.Error("no --create/--remove accepted")
	}
	if _, _, err := run("", "systemd-sysusers", "--root="+root, "--frob"); err == nil {
		t.Error("unknown option accepted")
	}
}
