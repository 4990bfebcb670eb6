//go:build linux

package initd_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/nimbus-linux/nimbus/internal/initd"
	"github.com/nimbus-linux/nimbus/internal/initramfs"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// TestMain lets QEMU's guestfwd run this test binary as the relay to the IMDS server.
func TestMain(m *testing.M) {
	if addr := os.Getenv("NIMBUS_RELAY"); addr != "" {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		err := imds.Relay(ctx, addr, os.Stdin, os.Stdout)
		cancel()
		if err != nil {
			os.Exit(1) // stderr is the guest's connection: say nothing
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// need skips outside CI and fails in CI when a boot-test prerequisite is missing.
func need(t *testing.T, err error) {
	t.Helper()
	testfiles.Need(t, err)
}

var buildMu sync.Mutex

// goBuild cross-compiles a package for arch into dir.
func goBuild(t *testing.T, arch, pkg, out string) {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s for %s: %v\n%s", pkg, arch, err, b)
	}
}

const testKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBootTestKeyBootTestKeyBootTestKeyBoot boot-test"

const testUserData = `Content-Type: multipart/mixed; boundary="==NIMBUS=="
MIME-Version: 1.0

--==NIMBUS==
Content-Type: text/cloud-config; charset="us-ascii"

#cloud-config
ssh_genkeytypes: [ed25519]
write_files:
  - path: /etc/nimbus-test.conf
    content: written-by-cloud-config
    permissions: '0640'
runcmd:
  - echo RUNCMD-RAN > /dev/console
  - [sh, -c, "echo ran > /run/runcmd"]
  - 'echo "GROWPART: $(/init growpart /mnt 2>&1) $(df -k /mnt | tail -1)" > /dev/console'
mounts:
  - [LABEL=data, /mnt, ext4, "defaults,noatime"]

--==NIMBUS==
Content-Type: text/x-shellscript; charset="us-ascii"

#!/bin/sh
echo "USERDATA-SCRIPT-RAN as $(id -u) on $(hostname)" > /dev/console
echo "$INSTANCE_ID" > /run/userdata-script
--==NIMBUS==--
`

const testUnit = `[Unit]
Description=Nimbus boot-test service
After=network.target

[Service]
ExecStart=/usr/bin/testsvc
Restart=on-failure
RestartSec=200ms

[Install]
WantedBy=multi-user.target
`

// testGenerator writes a late unit and links it into multi-user.target.wants, as Debian's
// postgresql-generator links clusters into postgresql.service.wants.
const testGenerator = `#!/bin/sh
set -eu
printf '[Service]\nType=oneshot\nExecStart=/bin/sh -c "echo generated %%n > /run/generated"\n' > "$3/generated.service"
mkdir -p "$1/multi-user.target.wants"
ln -s "$3/generated.service" "$1/multi-user.target.wants/generated.service"
`

// fakePgCtlcluster stands in for postgresql-common's pg_ctlcluster: "start" forks a
// daemon and writes its PID file as postgres does; the arguments are kept for the test.
const fakePgCtlcluster = `#!/bin/sh
echo "$@" > /run/pgctl.args
case "$3" in
start) sleep 600 </dev/null >/dev/null 2>&1 & echo $! > /run/postgresql/$2.pid ;;
stop) kill $(cat /run/postgresql/$2.pid) ;;
esac
`

// BootResult is what a boot test measured.
type BootResult struct {
	Ready     time.Duration // QEMU start to "ready" marker
	Answering time.Duration // QEMU start to the service answering on the forwarded port
	UserData  time.Duration // QEMU start to the late provisioning stages done
	Poweroff  time.Duration // poweroff request to QEMU exit
	Console   string
	Info      map[string]any // the service's "info" answer
}

func buildInitramfs(t *testing.T, k *vm.Kernel, dir string) string {
	t.Helper()
	initBin := filepath.Join(dir, "nimbus-init")
	svcBin := filepath.Join(dir, "testsvc")
	goBuild(t, k.Arch, "github.com/nimbus-linux/nimbus/cmd/nimbus-init", initBin)
	goBuild(t, k.Arch, "./testdata/testsvc", svcBin)
	r := &initramfs.Archive{}
	initramfs.AddBase(r)
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	r.File("init", 0o755, read(initBin))
	for _, l := range []string{"sbin/init", "sbin/nimbusctl", "bin/systemctl", "sbin/poweroff", "sbin/reboot", "sbin/modprobe"} {
		r.Symlink(l, "/init")
	}
	r.File("usr/bin/testsvc", 0o755, read(svcBin))
	if err := k.AddBusybox(r); err != nil {
		t.Fatal(err)
	}
	mods := []string{"virtio_pci", "virtio_net", "virtio_blk", "virtio_rng", "evdev", "button",
		"vfat", "isofs", "nls_cp437", "nls_ascii", "nls_utf8", "nls_iso8859-1"}
	if _, err := k.AddModules(r, mods...); err != nil {
		t.Fatal(err)
	}
	r.File("etc/passwd", 0o644, []byte("root:x:0:0:root:/root:/bin/sh\n"))
	r.File("etc/group", 0o644, []byte("root:x:0:\nadm:x:4:\nwheel:x:10:\n"))
	r.File("etc/shadow", 0o600, []byte("root:*:19000:0:99999:7:::\n"))
	r.Dir("etc/ssh", 0o755)
	r.File("etc/systemd/system/testsvc.service", 0o644, []byte(testUnit))
	r.Symlink("etc/systemd/system/multi-user.target.wants/testsvc.service", "/etc/systemd/system/testsvc.service")
	// Issue 16: an account from sysusers.d owning a tmpfiles.d directory, a generator's
	// unit, and testsvc socket-activated on port 8081 with a resource limit.
	r.File("usr/lib/sysusers.d/boottest.conf", 0o644, []byte("u boottest - \"boot test\" /var/lib/boottest\n"))
	r.File("usr/lib/tmpfiles.d/boottest.conf", 0o644, []byte("d /run/tmpfiles-test 0750 boottest root -\nf /run/tmpfiles-test/hello 0640 boottest - - hi\n"))
	r.File("usr/lib/systemd/system-generators/boottest-generator", 0o755, []byte(testGenerator))
	r.File("etc/systemd/system/sockact.socket", 0o644, []byte("[Socket]\nListenStream=8081\nAccept=no\n[Install]\nWantedBy=sockets.target\n"))
	r.File("etc/systemd/system/sockact.service", 0o644, []byte("[Unit]\nRequires=sockact.socket\n[Service]\nExecStart=/usr/bin/testsvc\nLimitNOFILE=4242\nProtectSystem=full\n"))
	r.Symlink("etc/systemd/system/sockets.target.wants/sockact.socket", "/etc/systemd/system/sockact.socket")
	// Debian's PostgreSQL layout: the generator links the cluster 15/main (which has a
	// postgresql.conf and a server binary) into postgresql.service.wants; the instance
	// postgresql@15-main needs %I = 15/main in its Assert, %i in ExecStart and PIDFile,
	// and /run/postgresql from tmpfiles.d owned by the postgres account from sysusers.d.
	for name, dst := range map[string]string{"postgresql-generator": "lib/systemd/system-generators/postgresql-generator",
		"postgresql.service": "lib/systemd/system/postgresql.service", "postgresql@.service": "lib/systemd/system/postgresql@.service",
		"postgresql-common.conf": "usr/lib/tmpfiles.d/postgresql-common.conf"} {
		r.File(dst, 0o755, read(filepath.Join("testdata/debian", name)))
	}
	r.Symlink("etc/systemd/system/multi-user.target.wants/postgresql.service", "/lib/systemd/system/postgresql.service")
	r.File("usr/lib/sysusers.d/postgresql.conf", 0o644, []byte("u postgres - \"PostgreSQL administrator\" /var/lib/postgresql /bin/sh\n"))
	r.File("etc/postgresql/15/main/postgresql.conf", 0o644, nil)
	r.File("usr/lib/postgresql/15/bin/postgres", 0o755, []byte("#!/bin/sh\n"))
	r.File("usr/bin/pg_ctlcluster", 0o755, []byte(fakePgCtlcluster))
	p := filepath.Join(dir, "initramfs.cpio")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// makeDataDisk writes a 64 MiB disk image whose GPT has one 16 MiB ext4 partition
// labelled "data", for the growpart check.
func makeDataDisk(t *testing.T, dir string) string {
	t.Helper()
	sgdisk, err := exec.LookPath("sgdisk")
	need(t, err)
	mkfs, err := exec.LookPath("mkfs.ext4")
	need(t, err)
	img := filepath.Join(dir, "data.img")
	if err := os.WriteFile(img, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(img, 64<<20); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{{sgdisk, "-n", "1:2048:+16M", "-c", "1:data", img},
		{mkfs, "-q", "-F", "-L", "data", "-E", "offset=1048576", img, "16M"}} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c, err, out)
		}
	}
	return img
}

func startIMDS(t *testing.T, arch string) (string, *imds.Server) {
	t.Helper()
	cfg := fmt.Sprintf("instance-id: i-0boot%s\nlocal-hostname: ip-169-254-169-15.nimbus.internal\narchitecture: %s\npublic-keys:\n  - name: boot\n    openssh-key: %s\n",
		arch, arch, testKey)
	in, err := imds.ParseInstance(strings.NewReader(cfg), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ud := testUserData
	in.UserData = &ud
	srv := imds.NewServer(in, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String(), srv
}

func ask(addr, cmd string, timeout time.Duration) (string, error) {
	c, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(timeout))
	if _, err := c.Write([]byte(cmd + "\n")); err != nil {
		return "", err
	}
	var b bytes.Buffer
	_, err = b.ReadFrom(bufio.NewReader(c))
	if b.Len() == 0 && err == nil {
		err = fmt.Errorf("empty answer")
	}
	return b.String(), err
}

// makeSeedDisk writes a NoCloud seed volume as cloud-localds does (vfat labelled cidata)
// with the same identity and user-data the IMDS server serves. Mounting it makes the
// kernel ask /sbin/modprobe (nimbus-init) for fs-vfat and its code pages.
func makeSeedDisk(t *testing.T, dir, arch string) string {
	t.Helper()
	mkfs, err := exec.LookPath("mkfs.vfat")
	need(t, err)
	mcopy, err := exec.LookPath("mcopy")
	need(t, err)
	seed := filepath.Join(dir, "seed")
	os.MkdirAll(seed, 0o755)
	os.WriteFile(filepath.Join(seed, "meta-data"), []byte("instance-id: i-0boot"+arch+"\nlocal-hostname: ip-169-254-169-15.nimbus.internal\npublic-keys:\n  - "+testKey+"\n"), 0o644)
	os.WriteFile(filepath.Join(seed, "user-data"), []byte(testUserData), 0o644)
	img := filepath.Join(dir, "seed.img")
	for _, c := range [][]string{{mkfs, "-C", "-n", "CIDATA", img, "2048"},
		{mcopy, "-i", img, filepath.Join(seed, "meta-data"), filepath.Join(seed, "user-data"), "::"}} {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", c, err, out)
		}
	}
	return img
}

// bootOnce boots arch's kernel with the test initramfs and checks first boot end to end,
// with the identity and user-data from the IMDS server (provider "aws") or from a
// NoCloud cidata volume (provider "nocloud").
func bootOnce(t *testing.T, arch, provider string) BootResult {
	k, err := vm.FindKernel(arch)
	need(t, err)
	bin := tools.QemuSystem("x86_64")
	if arch == "arm64" {
		bin = tools.QemuSystem("aarch64")
	}
	_, err = exec.LookPath(bin)
	need(t, err)
	dir := t.TempDir()
	initrd := buildInitramfs(t, k, dir)
	disk := makeDataDisk(t, dir)
	imdsAddr, srv := startIMDS(t, arch)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	port, err := vm.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	sockPort, err := vm.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	var console bytes.Buffer
	var cmu sync.Mutex
	monitor := filepath.Join(dir, "monitor.sock")
	extra := []string{"-drive", "file=" + disk + ",if=none,format=raw,id=d0", "-device", "virtio-blk-pci,drive=d0"}
	if provider == "nocloud" {
		seed := makeSeedDisk(t, dir, arch)
		extra = append(extra, "-drive", "file="+seed+",if=none,format=raw,id=d1,readonly=on", "-device", "virtio-blk-pci,drive=d1")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	start := time.Now()
	v, err := vm.Start(ctx, &vm.Config{
		Arch: arch, Kernel: k.Image, Initrd: initrd, MemoryMB: 512,
		Append:   "quiet panic=-1 nimbus.debug",
		Net:      "169.254.169.0/24",
		GuestFwd: map[string]string{"169.254.169.254:80": "env NIMBUS_RELAY=" + imdsAddr + " " + self},
		HostFwd:  map[int]int{port: 8080, sockPort: 8081},
		Console:  lockedWriter{&cmu, &console},
		Monitor:  monitor,
		Extra:    extra,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Kill()
	defer func() {
		if t.Failed() || os.Getenv("NIMBUS_BOOT_CONSOLE") != "" {
			t.Logf("console of %s:\n%s", arch, v.Output())
		}
	}()
	var res BootResult
	if _, _, err := v.WaitFor("nimbus-init: ready", 0, 150*time.Second); err != nil {
		t.Fatal(err)
	}
	res.Ready = time.Since(start)
	// runcmd and the user scripts run after the services started, like cloud-final.
	if _, _, err := v.WaitFor("nimbus-init: user-data done in", 0, 90*time.Second); err != nil {
		t.Fatal(err)
	}
	res.UserData = time.Since(start)
	// modules-rest is a background stage (after ready when the NIC is there): the
	// timings the service reads below have all 13 stages once it is done.
	if _, _, err := v.WaitFor("nimbus-init: stage modules-rest done", 0, 60*time.Second); err != nil {
		t.Error(err)
	}
	// The data disk was found by label and grown online: GPT, kernel, ext4.
	if l, _, err := v.WaitFor("GROWPART:", 0, 10*time.Second); err != nil {
		t.Error(err)
	} else if !strings.Contains(l, "grew /dev/vda1 (partition 1 of /dev/vda) and its ext4 file system to 62 MiB") {
		t.Errorf("growpart: %s", l)
	} else {
		t.Log(l)
	}
	for _, m := range []string{"USERDATA-SCRIPT-RAN as 0 on ip-169-254-169-15.nimbus.internal", "RUNCMD-RAN", "provisioned instance i-0boot" + arch + " from " + provider} {
		if _, _, err := v.WaitFor(m, 0, 5*time.Second); err != nil {
			t.Error(err)
		}
	}
	if n := srv.Requests("/latest/api/token"); n == 0 && provider == "aws" || n != 0 && provider == "nocloud" {
		t.Errorf("the guest asked the IMDS for %d tokens with provider %s", n, provider)
	}
	// The service failed once and was restarted; it answers on the forwarded port.
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	var answer string
	deadline := time.Now().Add(60 * time.Second)
	for {
		answer, err = ask(addr, "info", 10*time.Second)
		if err == nil && strings.HasPrefix(answer, "{") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("service did not answer on %s: %v %q", addr, err, answer)
		}
		time.Sleep(200 * time.Millisecond)
	}
	res.Answering = time.Since(start)
	var raw map[string]any
	if err := json.Unmarshal([]byte(answer), &raw); err != nil {
		t.Fatalf("%v: %q", err, answer)
	}
	get := func(k string) string { s, _ := raw[k].(string); return s }
	res.Info = raw
	if h := get("hostname"); h != "ip-169-254-169-15.nimbus.internal" {
		t.Errorf("hostname %q", h)
	}
	if s, _ := raw["starts"].(float64); s < 2 {
		t.Errorf("service starts %v, want >= 2 (Restart=on-failure)", s)
	}
	if ak := get("authorized_keys"); strings.TrimSpace(ak) != testKey {
		t.Errorf("authorized_keys %q", ak)
	}
	if !strings.Contains(get("passwd"), "ec2-user:x:1000:1000:EC2 Default User:/home/ec2-user:") {
		t.Errorf("passwd %q", get("passwd"))
	}
	if !strings.Contains(get("sudoers"), "ec2-user ALL=(ALL) NOPASSWD:ALL") {
		t.Errorf("sudoers %q", get("sudoers"))
	}
	if get("written") != "written-by-cloud-config" || strings.TrimSpace(get("script")) != "i-0boot"+arch || strings.TrimSpace(get("runcmd")) != "ran" {
		t.Errorf("user-data effects: written %q script %q runcmd %q", get("written"), get("script"), get("runcmd"))
	}
	if get("is_active") != "active" {
		t.Errorf("nimbusctl is-active: %q", get("is_active"))
	}
	if get("system_state") != "running" {
		t.Errorf("nimbusctl is-system-running --wait: %q, want running; units:\n%s", get("system_state"), get("units"))
	}
	if a := get("analyze"); !strings.Contains(a, "Startup finished in") || !strings.Contains(a, "scripts-user") || !strings.Contains(a, "testsvc.service") {
		t.Errorf("nimbus-init analyze:\n%s", a)
	} else if os.Getenv("NIMBUS_BOOT_CONSOLE") != "" {
		t.Logf("nimbus-init analyze in the guest:\n%s", a)
	}
	checkAnalyzeOutputs(t, arch, get("analyze_json"), get("analyze_svg"))
	if cg := get("cgroup"); !strings.Contains(cg, "/system.slice/testsvc.service") {
		t.Errorf("service cgroup %q", cg)
	}
	if !strings.HasPrefix(get("host_keys"), "ssh-ed25519 ") {
		t.Errorf("host key %q", get("host_keys"))
	}
	// sysusers made boottest (the highest free system id), tmpfiles its directory and
	// file, the built-in legacy.conf /run/lock behind /var/lock; the generator's unit ran.
	if !strings.Contains(get("passwd"), "boottest:x:999:999:boot test:/var/lib/boottest:/usr/sbin/nologin") ||
		!strings.Contains(get("passwd"), "postgres:x:998:998:PostgreSQL administrator:/var/lib/postgresql:/bin/sh") {
		t.Errorf("sysusers: passwd %q", get("passwd"))
	}
	if get("tmpfiles_dir") != "750 999:0" || get("tmpfiles_file") != "hi" || get("var_lock") != "1777 0:0" {
		t.Errorf("tmpfiles: dir %q file %q /var/lock %q", get("tmpfiles_dir"), get("tmpfiles_file"), get("var_lock"))
	}
	if strings.TrimSpace(get("generated")) != "generated generated.service" {
		t.Errorf("generator: /run/generated %q", get("generated"))
	}
	if get("pg_run") != "2775 998:998" || strings.TrimSpace(get("pg_args")) != "--skip-systemctl-redirect 15-main start" ||
		get("pg_active") != "active" {
		t.Errorf("postgresql@15-main: /run/postgresql %q, pg_ctlcluster %q, is-active %q", get("pg_run"), get("pg_args"), get("pg_active"))
	}
	// The socket-activated service: not running until the first connection, then fd 3.
	if sa, err := ask(fmt.Sprintf("127.0.0.1:%d", sockPort), "hello", 30*time.Second); err != nil ||
		strings.TrimSpace(sa) != "activated fds=1 names=sockact.socket pid-ok=true nofile-hard=4242 uid=0" {
		t.Errorf("socket activation: %v %q", err, sa)
	}
	if !strings.Contains(v.Output(), "sockact.service: accepted but not enforced: Service.ProtectSystem") {
		t.Error("the not-enforced directive was not listed at nimbus.debug")
	}
	offAt := time.Now()
	// Clean poweroff on request: the ACPI power button (QEMU's system_powerdown) on
	// x86_64, nimbusctl and the control socket on aarch64, SIGTERM to PID 1 with NoCloud.
	switch {
	case provider == "nocloud":
		if out, err := ask(addr, "sigterm", 20*time.Second); err != nil || !strings.Contains(out, "poweroff:") {
			t.Errorf("sigterm request: %v %q", err, out)
		}
		if _, _, err := v.WaitFor("nimbus-init: got terminated: poweroff", 0, 30*time.Second); err != nil {
			t.Error(err)
		}
	case arch == "amd64":
		if err := v.Monitor("system_powerdown", 10*time.Second); err != nil {
			t.Error(err)
		}
		if _, _, err := v.WaitFor("power button pressed", 0, 30*time.Second); err != nil {
			t.Error(err)
		}
	default:
		if out, err := ask(addr, "poweroff", 20*time.Second); err != nil || !strings.Contains(out, "poweroff:") {
			t.Errorf("poweroff request: %v %q", err, out)
		}
	}
	if _, _, err := v.WaitFor("nimbus-init: poweroff now", 0, 60*time.Second); err != nil {
		t.Error(err)
	}
	if err := v.Wait(30 * time.Second); err != nil {
		t.Errorf("QEMU did not exit cleanly: %v", err)
	}
	res.Poweroff = time.Since(offAt)
	for _, m := range []string{"testsvc.service: stopped", "nimbus-init: shutting down for poweroff"} {
		if !strings.Contains(v.Output(), m) {
			t.Errorf("console lacks %q", m)
		}
	}
	res.Console = v.Output()
	return res
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestBootNoCloud boots once (x86_64) with a NoCloud seed volume instead of the IMDS.
func TestBootNoCloud(t *testing.T) {
	if testing.Short() {
		t.Skip("boot tests are not short")
	}
	r := bootOnce(t, "amd64", "nocloud")
	t.Logf("nocloud: ready %v after QEMU start", r.Ready.Round(time.Millisecond))
	// vfat is a module: the kernel asked for it through /sbin/modprobe while the cidata
	// volume was mounted (it has no modalias, so coldplug did not load it).
	if mods, _ := r.Info["modules"].(string); !strings.Contains(mods, "vfat ") {
		t.Error("vfat was not loaded on the kernel's request")
	}
}

func TestBoot(t *testing.T) {
	if testing.Short() {
		t.Skip("boot tests are not short")
	}
	for _, arch := range []string{"amd64", "arm64"} {
		t.Run(arch, func(t *testing.T) {
			t.Parallel()
			r := bootOnce(t, arch, "aws")
			t.Logf("%s: ready %v after QEMU start, service answering at %v", arch, r.Ready.Round(time.Millisecond), r.Answering.Round(time.Millisecond))
			for _, l := range strings.Split(r.Console, "\n") {
				if strings.Contains(l, "nimbus-init: stage") || strings.Contains(l, "nimbus-init: ready") {
					t.Log(l)
				}
			}
		})
	}
}

// TestBootReboot: with vm.Config.Reboot (what `nimbus run` uses) a guest reboot keeps
// QEMU, its forwards and the IMDS relay: the guest boots a second time, asks the IMDS
// again and its service answers on the same forwarded port; a poweroff then ends QEMU.
func TestBootReboot(t *testing.T) {
	if testing.Short() {
		t.Skip("boot tests are not short")
	}
	k, err := vm.FindKernel("amd64")
	need(t, err)
	_, err = exec.LookPath(tools.QemuSystem("x86_64"))
	need(t, err)
	dir := t.TempDir()
	initrd := buildInitramfs(t, k, dir)
	imdsAddr, srv := startIMDS(t, "amd64")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	port, err := vm.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	v, err := vm.Start(ctx, &vm.Config{
		Arch: "amd64", Kernel: k.Image, Initrd: initrd, MemoryMB: 512, Reboot: true,
		Append:   "quiet panic=-1",
		Net:      "169.254.169.0/24",
		GuestFwd: map[string]string{"169.254.169.254:80": "env NIMBUS_RELAY=" + imdsAddr + " " + self},
		HostFwd:  map[int]int{port: 8080},
		Monitor:  filepath.Join(dir, "monitor.sock"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Kill()
	defer func() {
		if t.Failed() || os.Getenv("NIMBUS_BOOT_CONSOLE") != "" {
			t.Logf("console:\n%s", v.Output())
		}
	}()
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	answer := func() string {
		deadline := time.Now().Add(90 * time.Second)
		for {
			a, err := ask(addr, "info", 10*time.Second)
			if err == nil && strings.HasPrefix(a, "{") {
				return a
			}
			if time.Now().After(deadline) {
				t.Fatalf("service did not answer on %s: %v %q", addr, err, a)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	_, first, err := v.WaitFor("nimbus-init: ready", 0, 150*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	answer()
	tokens := srv.Requests("/latest/api/token")
	if out, err := ask(addr, "reboot", 20*time.Second); err != nil || !strings.Contains(out, "reboot:") {
		t.Fatalf("reboot request: %v %q", err, out)
	}
	if _, _, err := v.WaitFor("nimbus-init: reboot now", first, 60*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.WaitFor("nimbus-init: ready", first+1, 150*time.Second); err != nil {
		t.Fatalf("no second boot in the same QEMU: %v", err)
	}
	answer()
	if n := srv.Requests("/latest/api/token"); n <= tokens {
		t.Errorf("the second boot did not reach the IMDS (token requests %d, then %d)", tokens, n)
	}
	if err := v.Monitor("system_powerdown", 10*time.Second); err != nil {
		t.Fatal(err)
	}
	if err := v.Wait(60 * time.Second); err != nil {
		t.Errorf("QEMU did not exit after the poweroff: %v", err)
	}
}

// checkAnalyzeOutputs checks `nimbus-init analyze --json` and `--svg` of a real boot:
// every boot stage, the provisioning stages and testsvc.service on the time axis, one
// bar each in a well-formed chart. With NIMBUS_BOOT_CHART=DIR both are kept there.
func checkAnalyzeOutputs(t *testing.T, arch, js, svg string) {
	t.Helper()
	var a initd.Analysis
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Errorf("analyze --json: %v\n%s", err, js)
		return
	}
	if a.Kernel <= 0 || a.Userspace <= 0 || a.Ready != a.Kernel+a.Userspace || len(a.Stages) != 14 { // bootStages, metadata, hostkeys, modules-rest and power-button included
		t.Errorf("analyze --json: kernel %v userspace %v ready %v, %d stages", a.Kernel, a.Userspace, a.Ready, len(a.Stages))
	}
	var svcEnd time.Duration
	for _, u := range a.Units {
		if u.Unit == "testsvc.service" {
			svcEnd = u.End
		}
	}
	if svcEnd <= a.Kernel || a.Provision == nil || len(a.Provision.Stages) == 0 {
		t.Errorf("analyze --json: testsvc.service active at %v, provision %+v", svcEnd, a.Provision)
	}
	var doc struct {
		Rects []struct {
			Class string `xml:"class,attr"`
		} `xml:"rect"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Errorf("analyze --svg: %v\n%.300s", err, svg)
		return
	}
	bars := map[string]int{}
	for _, r := range doc.Rects {
		bars[r.Class]++
	}
	if bars["stage"] != len(a.Stages) || bars["unit"] != len(a.Units) || bars["provision"] != len(a.Provision.Stages) {
		t.Errorf("analyze --svg: bars %v for %d stages, %d units, %d provisioning stages", bars, len(a.Stages), len(a.Units), len(a.Provision.Stages))
	}
	if dir := os.Getenv("NIMBUS_BOOT_CHART"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "boot-"+arch+".svg"), []byte(svg), 0o644)
		_ = os.WriteFile(filepath.Join(dir, "boot-"+arch+".json"), []byte(js), 0o644)
	}
}
