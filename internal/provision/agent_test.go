package provision

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/imds"
)

// recSys runs commands for real (scripts see NIMBUS_ROOT) and records everything else.
type recSys struct {
	root     string
	mu       sync.Mutex
	hostname string
	ran      []string
	chowns   map[string][2]int
	grew     int
	mounted  int
}

func (s *recSys) SetHostname(n string) error { s.hostname = n; return nil }
func (s *recSys) Chown(p string, uid, gid int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chowns[strings.TrimPrefix(p, s.root)] = [2]int{uid, gid}
	return nil
}
func (s *recSys) GrowRoot(ctx context.Context) (string, error) {
	s.mu.Lock() // growpart runs past the early phase, beside the stages after it
	defer s.mu.Unlock()
	s.grew++
	return "", nil
}
func (s *recSys) MountAll(ctx context.Context) error { s.mounted++; return nil }
func (s *recSys) Run(ctx context.Context, argv, env []string, out io.Writer) error {
	s.mu.Lock()
	s.ran = append(s.ran, filepath.Base(argv[0]))
	s.mu.Unlock()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(append(os.Environ(), env...), "NIMBUS_ROOT="+s.root)
	cmd.Stdout, cmd.Stderr = out, out
	return cmd.Run()
}

const testUserData = `#cloud-config
hostname: web-1
users:
  - default
  - name: alice
    groups: wheel
    ssh_authorized_keys: [ssh-ed25519 AAAA alice]
ssh_genkeytypes: [ed25519, ecdsa]
write_files:
  - path: /etc/motd
    content: hello
    permissions: '0640'
    owner: ec2-user:ec2-user
    defer: true
  - path: /etc/app.conf
    content: port=80
runcmd:
  - echo runcmd >> $NIMBUS_ROOT/order
timezone: UTC
made_up_key: 1
`

func testProvider(t *testing.T, userData string) (Provider, *imds.Server) {
	y := "instance-id: i-0test\nlocal-hostname: ip-10-0-0-5.ec2.internal\npublic-keys:\n  - name: k\n    openssh-key: ssh-ed25519 LAUNCH key\n"
	in, err := imds.ParseInstance(strings.NewReader(y), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	in.UserData = &userData
	srv := imds.NewServer(in, nil)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return AWS{Client: &imds.Client{Endpoint: ts.URL}}, srv
}

func newRoot(t *testing.T) string {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc/ssh"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/passwd"), []byte("root:x:0:0:root:/root:/bin/sh\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/group"), []byte("root:x:0:\nwheel:x:10:\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/shadow"), []byte("root:*:19000:0:99999:7:::\n"), 0o600)
	return root
}

func TestAgentAWS(t *testing.T) {
	root := newRoot(t)
	mime := "Content-Type: multipart/mixed; boundary=b\nMIME-Version: 1.0\n\n--b\nContent-Type: text/cloud-config\n\n" + testUserData +
		"\n--b\nContent-Type: text/x-shellscript\n\n#!/bin/sh\necho script >> $NIMBUS_ROOT/order\necho $INSTANCE_ID > $NIMBUS_ROOT/iid\n--b--\n"
	p, _ := testProvider(t, mime)
	sys := &recSys{root: root, chowns: map[string][2]int{}}
	var log bytes.Buffer
	a := &Agent{Root: root, Sys: sys, Provider: p, Log: &log}
	rep, err := a.Run(context.Background())
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if rep.InstanceID != "i-0test" || !rep.FirstBoot || len(rep.Stages) != len(StageNames()) {
		t.Fatalf("report %+v", rep)
	}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(root, p))
		return string(b)
	}
	if sys.hostname != "web-1" || read("etc/hostname") != "web-1\n" {
		t.Fatalf("hostname %q", sys.hostname)
	}
	if !strings.Contains(read("etc/passwd"), "ec2-user:x:1000:1000:EC2 Default User:/home/ec2-user:/bin/sh") ||
		!strings.Contains(read("etc/passwd"), "alice:x:1001:1001") {
		t.Fatalf("passwd:\n%s", read("etc/passwd"))
	}
	if !strings.Contains(read("etc/group"), "wheel:x:10:ec2-user,alice") || !strings.Contains(read("etc/shadow"), "ec2-user:!:") {
		t.Fatalf("group/shadow:\n%s\n%s", read("etc/group"), read("etc/shadow"))
	}
	if read("home/ec2-user/.ssh/authorized_keys") != "ssh-ed25519 LAUNCH key\n" || sys.chowns["/home/ec2-user/.ssh/authorized_keys"] != [2]int{1000, 1000} {
		t.Fatalf("keys %q chowns %v", read("home/ec2-user/.ssh/authorized_keys"), sys.chowns)
	}
	if st, _ := os.Stat(filepath.Join(root, "home/ec2-user/.ssh/authorized_keys")); st.Mode().Perm() != 0o600 {
		t.Fatalf("authorized_keys mode %v", st.Mode())
	}
	if !strings.Contains(read("etc/sudoers.d/90-cloud-init-users"), "ec2-user ALL=(ALL) NOPASSWD:ALL") {
		t.Fatal("sudoers")
	}
	if !strings.HasPrefix(read("etc/ssh/ssh_host_ed25519_key"), "-----BEGIN OPENSSH PRIVATE KEY-----") || read("etc/ssh/ssh_host_ecdsa_key.pub") == "" || read("etc/ssh/ssh_host_rsa_key") != "" {
		t.Fatal("host keys")
	}
	if st, _ := os.Stat(filepath.Join(root, "etc/motd")); st == nil || st.Mode().Perm() != 0o640 || sys.chowns["/etc/motd"] != [2]int{1000, 1000} {
		t.Fatalf("motd %v %v", st, sys.chowns["/etc/motd"])
	}
	if read("order") != "runcmd\nscript\n" || strings.TrimSpace(read("iid")) != "i-0test" {
		t.Fatalf("order %q iid %q", read("order"), read("iid"))
	}
	if !strings.Contains(log.String(), `cloud-config key "made_up_key" is not supported`) {
		t.Fatalf("log:\n%s", log.String())
	}
	if sys.grew != 1 {
		t.Fatal("growpart not called")
	}
	// Second boot: per-instance stages are skipped, per-boot ones run again (ssh-host-keys
	// is per boot: it only makes missing keys, like Amazon Linux's sshd-keygen).
	rep, err = a.Run(context.Background())
	if err != nil || rep.FirstBoot {
		t.Fatalf("second run: %v %+v", err, rep)
	}
	skipped := 0
	for _, s := range rep.Stages {
		if s.Skipped != "" {
			skipped++
		}
	}
	if skipped != 9 || read("order") != "runcmd\nscript\n" || sys.grew != 2 {
		t.Fatalf("skipped %d order %q", skipped, read("order"))
	}
	a.Force = true
	if _, err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if read("order") != "runcmd\nscript\nruncmd\nscript\n" {
		t.Fatalf("forced order %q", read("order"))
	}
	if b, _ := os.ReadFile(filepath.Join(root, ReportPath)); !bytes.Contains(b, []byte(`"scripts-user"`)) {
		t.Fatal("no report")
	}
}

func TestAgentNoCloudAndFailures(t *testing.T) {
	root := newRoot(t)
	seed := t.TempDir()
	os.WriteFile(filepath.Join(seed, "meta-data"), []byte("instance-id: nc-1\nlocal-hostname: seedhost\n"), 0o644)
	os.WriteFile(filepath.Join(seed, "user-data"), []byte("#!/bin/sh\nexit 3\n"), 0o644)
	sys := &recSys{root: root, chowns: map[string][2]int{}}
	a := &Agent{Root: root, Sys: sys, Provider: NoCloud{Dir: seed}, Now: func() time.Time { return time.Unix(0, 0) }}
	rep, err := a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "stage scripts-user") {
		t.Fatalf("err %v", err)
	}
	if rep.InstanceID != "nc-1" || sys.hostname != "seedhost" {
		t.Fatalf("%+v %q", rep, sys.hostname)
	}
	// A provider that fails stops the run at the metadata stage.
	a.Provider = NoCloud{}
	rep, err = a.Run(context.Background())
	if err == nil || len(rep.Stages) != 2 || rep.Stages[1].Name != "metadata" {
		t.Fatalf("no provider: %v %+v", err, rep)
	}
	_ = fmt.Sprint
}

func TestAgentMoreStages(t *testing.T) {
	root := newRoot(t)
	ud := `#cloud-config
bootcmd:
  - echo boot >> $NIMBUS_ROOT/bootlog
timezone: Europe/Paris
mounts:
  - [LABEL=data, /data]
  - [/dev/vdc, /scratch, xfs, "defaults", "0", "0"]
  - [/dev/vdd, null]
packages: [htop]
growpart: {mode: "off"}
users: []
final_message: "done with $INSTANCE_ID"
`
	mime := "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/cloud-config\n\n" + ud +
		"\n--b\nContent-Type: text/cloud-boothook\n\n#cloud-boothook\n#!/bin/sh\necho hook >> $NIMBUS_ROOT/bootlog\n--b--\n"
	p, _ := testProvider(t, mime)
	sys := &recSys{root: root, chowns: map[string][2]int{}}
	var log bytes.Buffer
	a := &Agent{Root: root, Sys: sys, Provider: p, Log: &log}
	rep, err := a.Run(context.Background())
	// packages fail (no dnf in the temp root); everything else succeeds.
	if err == nil || !strings.Contains(err.Error(), "stage packages") || strings.Count(err.Error(), "stage ") != 1 {
		t.Fatalf("err %v\n%s", err, log.String())
	}
	read := func(p string) string {
		b, _ := os.ReadFile(filepath.Join(root, p))
		return string(b)
	}
	if read("bootlog") != "hook\nboot\n" {
		t.Fatalf("bootlog %q", read("bootlog"))
	}
	if l, _ := os.Readlink(filepath.Join(root, "etc/localtime")); l != "/usr/share/zoneinfo/Europe/Paris" || read("etc/timezone") != "Europe/Paris\n" {
		t.Fatalf("timezone %q", l)
	}
	fstab := read("etc/fstab")
	if !strings.Contains(fstab, "LABEL=data\t/data\tauto\tdefaults,nofail,x-systemd.requires=cloud-init.service\t0\t2") ||
		!strings.Contains(fstab, "/dev/vdc\t/scratch\txfs\tdefaults\t0\t0") || strings.Contains(fstab, "vdd") || sys.mounted != 1 {
		t.Fatalf("fstab %q mounted %d", fstab, sys.mounted)
	}
	if sys.grew != 0 || !strings.Contains(log.String(), "growpart: disabled") {
		t.Fatal("growpart ran although disabled")
	}
	if strings.Contains(read("etc/passwd"), "ec2-user") {
		t.Fatal("users: [] still created the default user")
	}
	if !strings.Contains(log.String(), "done with i-0test") {
		t.Fatalf("final message:\n%s", log.String())
	}
	_ = rep
}

// The default host keys are Amazon Linux 2023's: ed25519 and ecdsa, before the services
// (Early), no RSA key. An RSA key asked for is made in the late phase; with RSA the only
// type asked for, it is made early (sshd needs a key).
func TestHostKeysDeferRSA(t *testing.T) {
	exists := func(root, kind string) bool {
		b, err := os.ReadFile(filepath.Join(root, "etc/ssh/ssh_host_"+kind+"_key"))
		pub, perr := os.ReadFile(filepath.Join(root, "etc/ssh/ssh_host_"+kind+"_key.pub"))
		return err == nil && perr == nil && strings.HasPrefix(string(b), "-----BEGIN OPENSSH PRIVATE KEY-----") &&
			strings.HasPrefix(string(pub), map[string]string{"rsa": "ssh-rsa ", "ecdsa": "ecdsa-sha2-nistp256 ", "ed25519": "ssh-ed25519 "}[kind])
	}
	root := newRoot(t)
	p, _ := testProvider(t, "#cloud-config\nhostname: d\n")
	var log bytes.Buffer
	if _, err := (&Agent{Root: root, Sys: &recSys{root: root, chowns: map[string][2]int{}}, Provider: p, Log: &log}).Run(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !exists(root, "ed25519") || !exists(root, "ecdsa") || exists(root, "rsa") {
		t.Fatalf("default types: ed25519 %v ecdsa %v rsa %v", exists(root, "ed25519"), exists(root, "ecdsa"), exists(root, "rsa"))
	}

	root = newRoot(t)
	p, _ = testProvider(t, "#cloud-config\nhostname: k\nssh_genkeytypes: [ed25519, ecdsa, rsa]\n")
	s := (&Agent{Root: root, Sys: &recSys{root: root, chowns: map[string][2]int{}}, Provider: p, Log: &log}).Begin()
	if err := s.Early(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !exists(root, "ed25519") || !exists(root, "ecdsa") || exists(root, "rsa") {
		t.Fatalf("after Early: ed25519 %v ecdsa %v rsa %v", exists(root, "ed25519"), exists(root, "ecdsa"), exists(root, "rsa"))
	}
	if !strings.Contains(log.String(), "ssh-host-keys: rsa deferred") {
		t.Fatalf("log:\n%s", log.String())
	}
	if err := s.Late(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !exists(root, "rsa") {
		t.Fatal("no RSA host key after Late")
	}
	if st, err := os.Stat(filepath.Join(root, "etc/ssh/ssh_host_rsa_key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("rsa key mode %v %v", st, err)
	}

	root = newRoot(t)
	p, _ = testProvider(t, "#cloud-config\nssh_genkeytypes: [rsa]\n")
	s = (&Agent{Root: root, Sys: &recSys{root: root, chowns: map[string][2]int{}}, Provider: p, Log: &log}).Begin()
	if err := s.Early(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !exists(root, "rsa") {
		t.Fatal("rsa as the only type must be made before the services")
	}
}

// growLate is a System whose GrowRoot records whether the runcmd had run already.
type growLate struct {
	*recSys
	ran       string
	grew      bool
	afterLate bool
}

func (g *growLate) GrowRoot(ctx context.Context) (string, error) {
	g.grew = true
	if _, err := os.Stat(g.ran); err == nil {
		g.afterLate = true
	}
	return "grew", nil
}

// TestSideStages: the host keys run beside the users, files and mounts and Early returns
// once they are made (sshd starts after it); growpart is not part of Early ("ready" and
// sshd do not wait for the root's grow) but the first stage of Late, before the runcmd;
// the report keeps the pipeline's order.
func TestSideStages(t *testing.T) {
	root := newRoot(t)
	p, _ := testProvider(t, "#cloud-config\nhostname: side\nruncmd: [touch $NIMBUS_ROOT/ran]\n")
	g := &growLate{recSys: &recSys{root: root, chowns: map[string][2]int{}}, ran: filepath.Join(root, "ran")}
	var log bytes.Buffer
	s := (&Agent{Root: root, Sys: g, Provider: p, Log: &log}).Begin()
	if err := s.Early(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if _, err := os.Stat(filepath.Join(root, "etc/ssh/ssh_host_ed25519_key")); err != nil {
		t.Fatalf("host key missing when Early returned: %v", err)
	}
	if g.grew {
		t.Fatal("growpart ran in the early phase")
	}
	if err := s.Late(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if !g.grew || g.afterLate {
		t.Fatalf("growpart ran %v, after the runcmd %v: want before it", g.grew, g.afterLate)
	}
	if _, err := os.Stat(g.ran); err != nil {
		t.Fatal("runcmd did not run")
	}
	var names []string
	for _, st := range s.Report().Stages {
		names = append(names, st.Name)
	}
	var want []string
	for _, st := range stages {
		want = append(want, st.name)
	}
	if !slices.Equal(names, want) {
		t.Fatalf("report stages %v, want %v", names, want)
	}
}
