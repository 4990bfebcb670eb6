package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInRoot(t *testing.T) {
	root, host := t.TempDir(), t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "usr/lib/sysimage/rpm"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "var/lib"), 0o755))
	must(os.Symlink("/usr/lib/sysimage/rpm", filepath.Join(root, "var/lib/rpm")))         // absolute: the root's
	must(os.Symlink(host, filepath.Join(root, "var/cache")))                              // a host directory
	must(os.Symlink("../../../../../../../../"+host, filepath.Join(root, "var/lib/dnf"))) // climbing out
	must(os.Symlink("loop", filepath.Join(root, "loop")))
	for _, c := range []struct{ p, want string }{
		{"/var/lib/rpm", filepath.Join(root, "usr/lib/sysimage/rpm")},
		{"/var/lib/rpm/rpmdb.sqlite", filepath.Join(root, "usr/lib/sysimage/rpm/rpmdb.sqlite")},
		{"/var/cache/dnf", filepath.Join(root, host, "dnf")},
		{"/var/lib/dnf/history.sqlite", filepath.Join(root, host, "history.sqlite")},
		{"/etc/not/yet", filepath.Join(root, "etc/not/yet")},
		{"../../etc/passwd", filepath.Join(root, "etc/passwd")},
	} {
		got, err := InRoot(root, c.p)
		if err != nil || got != c.want {
			t.Errorf("InRoot(%s) = %q, %v; want %q", c.p, got, err, c.want)
		}
		if !strings.HasPrefix(got, root+"/") {
			t.Errorf("InRoot(%s) = %q: outside the root", c.p, got)
		}
	}
	if _, err := InRoot(root, "/loop/x"); err == nil || !strings.Contains(err.Error(), root) {
		t.Errorf("a symlink loop: %v", err)
	}
	if got, _ := InRoot("/", "var/lib/rpm"); got != "/var/lib/rpm" {
		t.Errorf("the running system: %q", got)
	}
}
