package image_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/image/launch"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// repoDir is the distribution's repositories (`nimbus build` output): NIMBUS_IMAGE_REPOS
// or out/repos of the work tree. The tests that need them skip when there are none.
func repoDir(t *testing.T, arch string) (top, rel string) {
	t.Helper()
	top = os.Getenv("NIMBUS_IMAGE_REPOS")
	if top == "" {
		top, _ = filepath.Abs("../../out/repos")
	}
	m, _ := filepath.Glob(filepath.Join(top, "*", arch, "repodata", "repomd.xml"))
	if len(m) == 0 {
		need(t, fmt.Errorf("no %s repository under %s (run nimbus build first; scripts/test.sh builds one and sets NIMBUS_IMAGE_REPOS)", arch, top))
	}
	rel = filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(m[len(m)-1]))))
	return top, rel
}

func repoBuild(t *testing.T, arch, dir string, formats []string) *image.Build {
	t.Helper()
	if os.Getuid() != 0 {
		t.Skip("image builds run as root")
	}
	top, rel := repoDir(t, arch)
	p, err := image.LoadProfile("../../dist/images/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := image.NewBuild(image.Options{Profile: p, Arch: arch, Formats: formats, OutDir: dir, Releasever: rel,
		Repos: []string{"nimbus-test," + filepath.Join(top, rel, arch)}, SetsDir: "../../dist/sets",
		Time: time.Unix(1767225600, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	b.Log = &log
	if err := image.Run(context.Background(), b, image.Stages); err != nil {
		if strings.Contains(err.Error(), "no EFI stub") {
			need(t, err)
		}
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("build of minimal for %s from %s:\n%s", arch, top, log.String())
	return b
}

// TestRepoImage builds the minimal image from the distribution's repository twice
// (identical bytes and SBOM), boots it like an EC2 instance (UEFI, NVMe, IMDS) and
// installs a package from the host's repository inside the guest.
func TestRepoImage(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	for _, arch := range []string{"x86_64", "aarch64"} {
		t.Run(arch, func(t *testing.T) { repoImage(t, arch) })
	}
}

func repoImage(t *testing.T, arch string) {
	dirs := []string{t.TempDir(), t.TempDir()}
	b := repoBuild(t, arch, dirs[0], []string{"raw", "qcow2"})
	if arch == "x86_64" { // reproducibility once is enough: the pipeline is the same
		repoBuild(t, arch, dirs[1], []string{"raw", "qcow2"})
		for _, n := range []string{".raw", ".qcow2", ".spdx.json", ".manifest.json"} {
			x, _ := os.ReadFile(filepath.Join(dirs[0], b.Name()+n))
			y, _ := os.ReadFile(filepath.Join(dirs[1], b.Name()+n))
			if len(x) == 0 || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two builds", n)
			}
		}
	}
	if _, _, err := vm.FindFirmware(arch); err != nil {
		need(t, err)
	}
	if _, err := exec.LookPath(tools.QemuSystem(arch)); err != nil {
		need(t, err)
	}
	top, _ := repoDir(t, arch)
	self, _ := os.Executable()
	port, _ := vm.FreePort()
	key := filepath.Join(dirs[0], "launch-key")
	pub, err := launch.LaunchKey(key)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var console lockedBuf
	in, err := launch.Start(ctx, launch.Config{
		Image: filepath.Join(dirs[0], b.Name()+".qcow2"), Arch: arch, MemoryMB: 1024, Ephemeral: true, SSHPort: port,
		PublicKeys: []string{pub}, Repo: top,
		UserData: []byte("#!/bin/sh\ndnf -y reinstall less > /tmp/dnf.out 2>&1; echo \"DNF-RC $?\" > /dev/console\n"),
		Relay:    func(addr string) string { return "env NIMBUS_RELAY=" + addr + " " + self },
		Console:  &console, Dir: dirs[0],
	})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	defer func() {
		if t.Failed() {
			t.Logf("console:\n%s", in.Output())
		}
	}()
	start := time.Now()
	if _, _, err := in.WaitFor("nimbus-init: ready", 0, 200*time.Second); err != nil {
		t.Fatal(err)
	}
	t.Logf("UEFI boot of the minimal %s image to nimbus-init ready: %.1fs", arch, time.Since(start).Seconds())
	if l, _, err := in.WaitFor("DNF-RC ", 0, 120*time.Second); err != nil || !strings.HasSuffix(l, "DNF-RC 0") {
		t.Errorf("dnf inside the guest: %q %v", l, err)
	}
	// SSH needs sshd's configuration and the PAM stack its PAM file includes, which the
	// distribution's packages ship (the build computes them: internal/distbuild/pam.go).
	root := rootPartition(t, filepath.Join(dirs[0], b.Name()+".raw"))
	missing := ""
	for _, f := range []string{"/etc/ssh/sshd_config", "/etc/pam.d/sshd", "/etc/pam.d/common-auth", "/usr/lib/sysusers.d/nimbus-openssh-server.conf"} {
		if out, _ := exec.Command("debugfs", "-R", "stat "+f, root).CombinedOutput(); strings.Contains(string(out), "not found") {
			missing += " " + f
		}
	}
	sshc, sshErr := exec.LookPath("ssh")
	if missing != "" {
		t.Errorf("the image lacks%s (packaging: openssh-server, libpam-runtime's pam-auth-update output)", missing)
	} else if sshErr != nil {
		need(t, sshErr)
	} else {
		var out []byte
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			out, err = exec.Command(sshc, "-p", fmt.Sprint(port), "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
				"-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "ec2-user@127.0.0.1", "id -un").CombinedOutput()
			if err == nil {
				break
			}
			time.Sleep(time.Second)
		}
		if err != nil || !strings.Contains(string(out), "ec2-user") {
			t.Errorf("ssh login: %v\n%s", err, out)
		} else {
			// Power off from inside (Debian's arm64 cloud kernel has no ACPI power button).
			exec.Command(sshc, "-p", fmt.Sprint(port), "-i", key, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
				"-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "ec2-user@127.0.0.1", "sudo -n poweroff").Run()
			if err := in.Wait(2 * time.Minute); err != nil {
				t.Errorf("poweroff over ssh: %v", err)
			} else if !strings.Contains(in.Output(), "nimbus-init: poweroff now") {
				t.Error("no clean poweroff on the console")
			}
			return
		}
	}
	if err := in.Shutdown(60 * time.Second); err != nil {
		t.Error(err)
	}
}

// rootPartition copies partition 2 of a raw disk into a file for e2fsprogs.
func rootPartition(t *testing.T, raw string) string {
	t.Helper()
	out, err := exec.Command("sgdisk", "-i", "2", raw).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	var first, last int64
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "First sector: "); ok {
			fmt.Sscan(v, &first)
		}
		if v, ok := strings.CutPrefix(l, "Last sector: "); ok {
			fmt.Sscan(v, &last)
		}
	}
	p := filepath.Join(t.TempDir(), "root.ext4")
	if out, err := exec.Command("dd", "if="+raw, "of="+p, "bs=512", fmt.Sprint("skip=", first), fmt.Sprint("count=", last-first+1), "conv=sparse", "status=none").CombinedOutput(); err != nil {
		t.Fatalf("dd: %v %s", err, out)
	}
	return p
}
