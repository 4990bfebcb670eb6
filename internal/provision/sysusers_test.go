package provision

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An image whose package scriptlets did not run (foreign architecture) lacks sshd's
// account: the agent creates it from sysusers.d before the services start, once.
func TestSysusers(t *testing.T) {
	root := newRoot(t)
	os.MkdirAll(filepath.Join(root, "usr/lib/sysusers.d"), 0o755)
	os.MkdirAll(filepath.Join(root, "etc/sysusers.d"), 0o755)
	os.WriteFile(filepath.Join(root, "usr/lib/sysusers.d/nimbus-openssh-server.conf"),
		[]byte("# Accounts\nu sshd - \"Privilege-separated SSH\" /run/sshd /usr/sbin/nologin\n"), 0o644)
	os.WriteFile(filepath.Join(root, "usr/lib/sysusers.d/nimbus-nginx-common.conf"),
		[]byte("u www-data 33 \"www-data\" /var/www /usr/sbin/nologin\ng adm 4\nm www-data adm\n"), 0o644)
	// A file of the same name in /etc masks the packaged one.
	os.WriteFile(filepath.Join(root, "usr/lib/sysusers.d/masked.conf"), []byte("u masked -\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/sysusers.d/masked.conf"), []byte("g local 4000\n"), 0o644)
	p, _ := testProvider(t, "#cloud-config\n")
	sys := &recSys{root: root, chowns: map[string][2]int{}}
	var log bytes.Buffer
	a := &Agent{Root: root, Sys: sys, Provider: p, Log: &log}
	if _, err := a.Run(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(root, p))
		return string(b)
	}
	passwd, group := read("etc/passwd"), read("etc/group")
	for _, want := range []string{"sshd:x:999:999:Privilege-separated SSH:/run/sshd:/usr/sbin/nologin", "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin"} {
		if !strings.Contains(passwd, want) {
			t.Errorf("passwd lacks %q:\n%s", want, passwd)
		}
	}
	if strings.Contains(passwd, "masked") || !strings.Contains(group, "local:x:4000:") || !strings.Contains(group, "adm:x:4:www-data") {
		t.Errorf("group:\n%s\npasswd:\n%s", group, passwd)
	}
	if !strings.Contains(read("etc/shadow"), "sshd:!*:") {
		t.Errorf("shadow:\n%s", read("etc/shadow"))
	}
	// The next boot changes nothing.
	before := passwd + group
	log.Reset()
	if _, err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if read("etc/passwd")+read("etc/group") != before || strings.Contains(log.String(), "sysusers.d: created") {
		t.Errorf("second boot changed the accounts:\n%s", log.String())
	}
}

// Under PID 1, whose sysusers boot stage applied sysusers.d already, the agent's own
// stage is skipped (reported so) and touches no account file.
func TestSysusersAppliedByPID1(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "usr/lib/sysusers.d"), 0o755)
	os.WriteFile(filepath.Join(root, "usr/lib/sysusers.d/x.conf"), []byte("u sshd - \"Privilege-separated SSH\" /run/sshd\n"), 0o644)
	p, _ := testProvider(t, "#cloud-config\n")
	var log bytes.Buffer
	a := &Agent{Root: root, Sys: &recSys{root: root, chowns: map[string][2]int{}}, Provider: p, Log: &log, SysusersApplied: true}
	rep, err := a.Run(context.Background())
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if b, _ := os.ReadFile(filepath.Join(root, "etc/passwd")); strings.Contains(string(b), "sshd:") {
		t.Errorf("the agent applied sysusers.d although PID 1 had:\n%s", b)
	}
	var found bool
	for _, s := range rep.Stages {
		if s.Name == "sysusers" {
			found = true
			if s.Skipped != "applied by PID 1 this boot" {
				t.Errorf("sysusers stage: %+v", s)
			}
		}
	}
	if !found {
		t.Error("no sysusers stage in the report")
	}
}
