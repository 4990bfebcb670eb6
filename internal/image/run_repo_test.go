package image_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/vm"
)

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// nimbusCLI builds the nimbus command once for the tests that run it as a user would.
func nimbusCLI(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		cliPath = filepath.Join(binDir, "nimbus")
		out, err := exec.Command("go", "build", "-o", cliPath, "github.com/nimbus-linux/nimbus/cmd/nimbus").CombinedOutput()
		if err != nil {
			cliErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// TestRepoImage is the minimal image from the distribution's repositories as a user
// meets it, for x86_64 and aarch64, with one boot per architecture. It merges two tests
// that booted the same image each (one CI boot saved per architecture); every check
// says which it came from:
//
//   - [R] (was TestRepoImage): the image built twice gives the same bytes (raw, qcow2,
//     SBOM, manifest; x86_64: the pipeline is the same on both), here once through the
//     library and once through the command; the image has sshd_config, the PAM stack and
//     sshd's sysusers.d file; it boots like an EC2 instance (UEFI, NVMe, IMDS) to
//     nimbus-init ready; `dnf reinstall` from the host's repository works inside; SSH
//     logs in as ec2-user; `sudo poweroff` over SSH ends it cleanly.
//   - [U] (was TestRunRepoImage): `nimbus image build minimal` from the repository,
//     booted with `nimbus run` (restricted user networking, --forward, --key); the
//     user-data ran as root after the hostname from the IMDS was set; `dnf install` of
//     a package from the host's repository (nginx when the repository has it — the web
//     set — then served through the forwarded port; else the reinstall); a real ssh
//     client logs in as ec2-user with the launch key; `sudo -n` works without warnings;
//     the hostname is the IMDS's local-hostname; `nimbus ssh IMAGE` logs in too; after
//     `sudo poweroff`, `nimbus run` exits 0 and removes IMAGE.run.json.
func TestRepoImage(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	for _, arch := range []string{"x86_64", "aarch64"} {
		t.Run(arch, func(t *testing.T) { repoImage(t, arch) })
	}
}

func repoImage(t *testing.T, arch string) {
	top, rel := repoDir(t, arch) // skips when the repositories were not built
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	if _, _, err := vm.FindFirmware(arch); err != nil {
		need(t, err)
	}
	if _, err := exec.LookPath(tools.QemuSystem(arch)); err != nil {
		need(t, err)
	}
	sshc, err := exec.LookPath("ssh")
	if err != nil {
		need(t, err)
	}
	nimbus := nimbusCLI(t)
	dir := t.TempDir()

	// [U] The build as a user runs it; [R] raw too, for the checks of its files below.
	start := time.Now()
	build := exec.Command(nimbus, "image", "build", "minimal", "--dist", "../../dist", "--arch", arch, "--format", "raw,qcow2",
		"--repo", filepath.Join(top, rel, arch), "--releasever", rel, "-o", dir)
	build.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("nimbus image build: %v\n%s", err, out)
	}
	t.Logf("%s: nimbus image build minimal: %.1fs", arch, time.Since(start).Seconds())
	name := "minimal-" + arch
	img := filepath.Join(dir, name+".qcow2")

	// [R] Reproducible: a second build (through the library, same inputs) gives the same
	// bytes. Once is enough: the pipeline is the same for both architectures.
	if arch == "x86_64" {
		dir2 := t.TempDir()
		repoBuild(t, arch, dir2, []string{"raw", "qcow2"})
		for _, n := range []string{".raw", ".qcow2", ".spdx.json", ".manifest.json"} {
			x, _ := os.ReadFile(filepath.Join(dir, name+n))
			y, _ := os.ReadFile(filepath.Join(dir2, name+n))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two builds", n)
			}
		}
	}
	// [R] SSH needs sshd's configuration and the PAM stack its PAM file includes, which
	// the distribution's packages ship (the build computes them: internal/distbuild/pam.go).
	root := rootPartition(t, filepath.Join(dir, name+".raw"))
	missing := ""
	for _, f := range []string{"/etc/ssh/sshd_config", "/etc/pam.d/sshd", "/etc/pam.d/common-auth", "/usr/lib/sysusers.d/nimbus-openssh-server.conf"} {
		if out, _ := exec.Command("debugfs", "-R", "stat "+f, root).CombinedOutput(); strings.Contains(string(out), "not found") {
			missing += " " + f
		}
	}
	if missing != "" {
		t.Errorf("the image lacks%s (packaging: openssh-server, libpam-runtime's pam-auth-update output)", missing)
	}

	pkgs, _ := filepath.Glob(filepath.Join(top, rel, arch, "Packages", "nginx-1*.rpm"))
	withNginx := len(pkgs) > 0
	ud := "#!/bin/sh\n" +
		"echo \"ran as $(id -un) on $(hostname)\" > /var/tmp/nimbus-test-ud\n" + // [U]
		"dnf -y reinstall less > /var/tmp/dnf-reinstall.out 2>&1; rr=$?\n" // [R]
	if withNginx { // [U]
		ud += "dnf -y install nginx > /var/tmp/dnf.out 2>&1; rc=$?\n" +
			"echo 'nimbus test page' > /var/www/html/index.html\n" +
			"systemctl start nginx; rc2=$?\n"
	} else { // [U] without nginx, its dnf check is [R]'s reinstall
		ud += "rc=$rr; rc2=0\n"
	}
	ud += "echo \"NIMBUS-TEST-UD reinstall=$rr dnf=$rc nginx=$rc2\" > /dev/console\n"
	udPath := filepath.Join(dir, "user-data.sh")
	if err := os.WriteFile(udPath, []byte(ud), 0o644); err != nil {
		t.Fatal(err)
	}
	sshPort, _ := vm.FreePort()
	webPort, _ := vm.FreePort()
	key := filepath.Join(dir, "launch-key")
	consoleLog := filepath.Join(dir, "console.log")
	var stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()
	run := exec.CommandContext(ctx, nimbus, "run", img, "--ephemeral", "--user-data", udPath, "--repo", top,
		"--ssh-port", fmt.Sprint(sshPort), "--forward", fmt.Sprintf("%d:80", webPort), "--key", key,
		"--console-log", consoleLog, "--timeout", "10m")
	run.Stdout, run.Stderr = io.Discard, &stderr
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- run.Wait() }()
	exited := false
	defer func() {
		if !exited {
			_ = run.Process.Kill()
			<-done
		}
		if t.Failed() {
			b, _ := os.ReadFile(consoleLog)
			t.Logf("nimbus run:\n%s\nconsole:\n%s", stderr.String(), b)
		}
	}()
	console := func() string { b, _ := os.ReadFile(consoleLog); return string(b) }
	waitConsole := func(marker string, d time.Duration) string {
		t.Helper()
		deadline := time.Now().Add(d)
		for {
			c := console()
			if i := strings.Index(c, marker); i >= 0 {
				line, _, _ := strings.Cut(c[i:], "\n")
				return strings.TrimSpace(line)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no %q on the console within %v", arch, marker, d)
			}
			select {
			case err := <-done:
				exited = true
				t.Fatalf("%s: nimbus run ended before %q: %v", arch, marker, err)
			case <-time.After(250 * time.Millisecond):
			}
		}
	}
	// [R] [U] UEFI boot to nimbus-init ready.
	boot := time.Now()
	waitConsole("nimbus-init: ready", 5*time.Minute)
	t.Logf("%s: boot to nimbus-init ready: %.1fs", arch, time.Since(boot).Seconds())
	// The repository's nimbus-init and the initramfs's are one build (the package build
	// gives Go binaries a build ID): PID 1 goes on in-process after the switch to the root
	// instead of exec'ing the root's copy (docs/init.md).
	if c := console(); !strings.Contains(c, "is this binary: going on in-process") {
		t.Errorf("%s: the early init did not go on in-process after the switch to the root:\n%s", arch, c)
	}
	// sshd started beside provisioning, once the host keys were final (the user-data here
	// has no bootcmd, no write_files under /etc/ssh, no mounts: docs/init.md).
	if c := console(); !strings.Contains(c, "ssh.service started during provisioning") {
		t.Errorf("%s: sshd was not started beside provisioning:\n%s", arch, c)
	}
	line := waitConsole("NIMBUS-TEST-UD ", 5*time.Minute)
	t.Logf("%s: user-data (dnf) done: %.1fs after the start", arch, time.Since(boot).Seconds())
	// [R] dnf reinstall inside the guest; [U] dnf install nginx and nginx started.
	if line != "NIMBUS-TEST-UD reinstall=0 dnf=0 nginx=0" {
		t.Errorf("%s: user-data: %q", arch, line)
	}
	// [U] nimbus run prints the command to log in.
	if !strings.Contains(stderr.String(), fmt.Sprintf("ssh -p %d -i %s", sshPort, key)) {
		t.Errorf("%s: nimbus run did not print the ssh command:\n%s", arch, stderr.String())
	}

	ssh := func(cmd string) (string, error) {
		out, err := exec.Command(sshc, "-p", fmt.Sprint(sshPort), "-i", key, "-o", "StrictHostKeyChecking=no",
			"-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-o", "LogLevel=ERROR",
			"ec2-user@127.0.0.1", cmd).CombinedOutput()
		return string(out), err
	}
	// [R] [U] SSH login as ec2-user with the launch key.
	var out string
	deadline := time.Now().Add(2 * time.Minute)
	for {
		out, err = ssh("id -un")
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(2 * time.Second)
	}
	if err != nil || strings.TrimSpace(out) != "ec2-user" {
		t.Fatalf("%s: ssh login as ec2-user with the launch key: %v\n%s", arch, err, out)
	}
	t.Logf("%s: SSH login: %.1fs after the start", arch, time.Since(boot).Seconds())
	// [U] from here on.
	const imdsHostname = "ip-169-254-169-15.nimbus.internal" // launch's default local-hostname
	checks := []struct{ cmd, want string }{
		{"hostname; cat /etc/hostname", imdsHostname + "\n" + imdsHostname + "\n"},
		{"sudo -n true && echo sudo-ok", "sudo-ok\n"}, // and no "unable to resolve host" warning
		{"cat /var/tmp/nimbus-test-ud", "ran as root on " + imdsHostname + "\n"},
		{"test -s /etc/pam.d/common-auth && test -s /etc/ssh/sshd_config && echo packaged", "packaged\n"},
		// The keys PID 1 made before the network, Amazon Linux 2023's default types only.
		{"cd /etc/ssh && ls ssh_host_*", "ssh_host_ecdsa_key\nssh_host_ecdsa_key.pub\nssh_host_ed25519_key\nssh_host_ed25519_key.pub\n"},
		// syslog(3) reaches the journal (nimbus-init serves /dev/log) under the sender's unit.
		{"sudo -n systemctl logs -u ssh.service | grep -q 'sshd: Accepted publickey for ec2-user' && echo logged", "logged\n"},
	}
	if withNginx {
		checks = append(checks, struct{ cmd, want string }{"test -x /usr/sbin/nginx && echo installed", "installed\n"})
	}
	for _, c := range checks {
		if got, err := ssh(c.cmd); err != nil || got != c.want {
			t.Errorf("%s: ssh %q: %v\n%q, want %q", arch, c.cmd, err, got, c.want)
		}
	}
	if withNginx {
		cl := &http.Client{Timeout: 10 * time.Second}
		var body []byte
		for i := 0; i < 10; i++ {
			resp, err := cl.Get(fmt.Sprintf("http://127.0.0.1:%d/", webPort))
			if err == nil {
				body, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
			time.Sleep(time.Second)
		}
		if string(body) != "nimbus test page\n" {
			t.Errorf("%s: the page over the forwarded port: %q", arch, body)
		}
	}
	// nimbus ssh finds the instance by its image (IMAGE.run.json) and logs in the same way.
	if got, err := exec.Command(nimbus, "ssh", img, "-o", "BatchMode=yes", "id -un; hostname").CombinedOutput(); err != nil || string(got) != "ec2-user\n"+imdsHostname+"\n" {
		t.Errorf("%s: nimbus ssh: %v\n%s", arch, err, got)
	}
	// [R] [U] A clean poweroff from inside (Debian's arm64 cloud kernel has no ACPI power
	// button); [U] nimbus run ends with the instance.
	ssh("sudo -n poweroff")
	select {
	case err := <-done:
		exited = true
		if err != nil {
			t.Errorf("%s: nimbus run after poweroff: %v", arch, err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("%s: the instance did not power off within 2 minutes", arch)
	}
	if c := console(); !strings.Contains(c, "nimbus-init: poweroff now") {
		t.Errorf("%s: no clean poweroff on the console", arch)
	}
	if _, err := os.Stat(img + ".run.json"); err == nil {
		t.Errorf("%s: %s.run.json left behind", arch, img)
	}
	if !strings.Contains(stderr.String(), "the instance stopped") {
		t.Errorf("%s: nimbus run:\n%s", arch, stderr.String())
	}
	t.Logf("%s: whole run %.1fs", arch, time.Since(boot).Seconds())
}
