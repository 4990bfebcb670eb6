package provision

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The image build writes the profile's default_user to /etc/nimbus/cloud.cfg; the agent
// creates that user (with the launch key) for the `default` entry of users:.
func TestDefaultUserFromSystemConfig(t *testing.T) {
	root := newRoot(t)
	os.MkdirAll(filepath.Join(root, "etc/nimbus"), 0o755)
	cfg := "# written by nimbus image build\ndefault_user:\n  name: admin\n  groups: [wheel, adm]\n  sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n  shell: /bin/bash\n"
	os.WriteFile(filepath.Join(root, SystemConfigPath), []byte(cfg), 0o644)
	p, _ := testProvider(t, "#cloud-config\nusers: [default, {name: bob}]\n")
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
	if !strings.Contains(read("etc/passwd"), "admin:x:1000:1000:EC2 Default User:/home/admin:/bin/bash") || strings.Contains(read("etc/passwd"), "ec2-user") {
		t.Fatalf("passwd:\n%s", read("etc/passwd"))
	}
	if read("home/admin/.ssh/authorized_keys") != "ssh-ed25519 LAUNCH key\n" {
		t.Fatalf("keys %q", read("home/admin/.ssh/authorized_keys"))
	}
	if !strings.Contains(read("etc/group"), "wheel:x:10:admin") || !strings.Contains(read("etc/sudoers.d/90-cloud-init-users"), "admin ALL=(ALL) NOPASSWD:ALL") {
		t.Fatalf("group/sudoers:\n%s\n%s", read("etc/group"), read("etc/sudoers.d/90-cloud-init-users"))
	}
	if !strings.Contains(log.String(), "default user admin (from /etc/nimbus/cloud.cfg)") {
		t.Fatalf("log:\n%s", log.String())
	}
}

func TestParseSystemConfig(t *testing.T) {
	for _, c := range []struct{ in, name, err string }{
		{"default_user: {name: ec2-user, groups: wheel}\n", "ec2-user", ""},
		{"system_info:\n  default_user:\n    name: fedora\n", "fedora", ""},
		{"default_user: alice\n", "alice", ""},
		{"# nothing\n", "", ""},
		{"", "", ""},
		{"default_user: [a, b]\n", "", "want a name or a mapping"},
		{"default_user: {name: ../x}\n", "", "not a valid user"},
		{"default_user: {gecos: x}\n", "", "has no name"},
		{"default_user: default\n", "", "not a user name"},
		{"default_user: {name: [\n", "", "yaml"},
	} {
		u, err := ParseSystemConfig([]byte(c.in))
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.in, err, c.err)
			}
		case err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.name == "" && u != nil, c.name != "" && (u == nil || u.Name != c.name):
			t.Errorf("%q: %+v, want %q", c.in, u, c.name)
		}
	}
}

func FuzzParseSystemConfig(f *testing.F) {
	f.Add([]byte("default_user:\n  name: ec2-user\n  groups: [wheel, adm]\n  sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"))
	f.Add([]byte("system_info: {default_user: x}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := ParseSystemConfig(b)
		if err == nil && u != nil && !validName(u.Name) {
			t.Fatalf("invalid name %q accepted", u.Name)
		}
	})
}
