//go:build linux

package units

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerators: a generator shaped like Debian's postgresql-generator (a .wants link from
// postgresql.service to a template instance) plus units in the early and late directories;
// the loader sees them with systemd's precedence (early over /etc, /etc over normal,
// /usr/lib over late); a generator masked in /etc does not run; a failing one is reported.
func TestGenerators(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"postgresql.service": "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n",
		"pg@.service":        "[Service]\nExecStart=/bin/sleep 60\n",
		"layered.service":    "[Unit]\nDescription=from /etc\n[Service]\nExecStart=/bin/true\n",
	})
	gen := filepath.Join(s.root, "usr/lib/systemd/system-generators")
	os.MkdirAll(gen, 0o755)
	os.MkdirAll(filepath.Join(s.root, "usr/lib/systemd/system"), 0o755)
	os.WriteFile(filepath.Join(s.root, "usr/lib/systemd/system/shadowed.service"), []byte("[Unit]\nDescription=from /usr/lib\n[Service]\nExecStart=/bin/true\n"), 0o644)
	script := `#!/bin/sh
set -eu
mkdir -p "$1/postgresql.service.wants"
ln -s /etc/systemd/system/pg@.service "$1/postgresql.service.wants/pg@15-main.service"
printf '[Unit]\nDescription=early\n[Service]\nExecStart=/bin/true\n' > "$2/layered.service"
printf '[Unit]\nDescription=late\n[Service]\nExecStart=/bin/true\n' > "$3/shadowed.service"
printf '[Unit]\nDescription=late only\n[Service]\nExecStart=/bin/true\n' > "$3/lateonly.service"
echo "$SYSTEMD_SCOPE" > "$1/scope"
`
	os.WriteFile(filepath.Join(gen, "pg-generator"), []byte(script), 0o755)
	os.WriteFile(filepath.Join(gen, "failing-generator"), []byte("#!/bin/sh\nexit 3\n"), 0o755)
	os.WriteFile(filepath.Join(gen, "masked-generator"), []byte("#!/bin/sh\ntouch \"$1/masked-ran\"\n"), 0o755)
	os.MkdirAll(filepath.Join(s.root, "etc/systemd/system-generators"), 0o755)
	os.Symlink("/dev/null", filepath.Join(s.root, "etc/systemd/system-generators/masked-generator"))
	names, err := RunGenerators(s.ctx(), nil, s.root)
	if err == nil || !strings.Contains(err.Error(), "failing-generator: exited with status 3") {
		t.Fatalf("error %v", err)
	}
	if strings.Join(names, " ") != "failing-generator pg-generator" {
		t.Fatalf("ran %q", names)
	}
	if s.read("run/systemd/generator/scope") != "system\n" {
		t.Fatalf("SYSTEMD_SCOPE %q", s.read("run/systemd/generator/scope"))
	}
	if _, err := os.Stat(filepath.Join(s.root, "run/systemd/generator/masked-ran")); err == nil {
		t.Fatal("masked generator ran")
	}
	l := &Loader{FS: os.DirFS(s.root)}
	for name, want := range map[string]string{"layered.service": "early", "shadowed.service": "from /usr/lib", "lateonly.service": "late only"} {
		u, err := l.Load(name)
		if err != nil || u.Description != want {
			t.Errorf("%s: %+v %v, want %q", name, u, err, want)
		}
	}
	if err := s.m.Start(s.ctx(), "postgresql.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("pg@15-main.service"); st.State != Active {
		t.Fatalf("the generator's wants link did not start pg@15-main: %+v", st)
	}
}
