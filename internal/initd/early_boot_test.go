//go:build linux

package initd_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/image"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// earlyInitramfs builds the image pipeline's initramfs (nimbus-init as /init, busybox as
// the rescue shell) for the cached x86_64 kernel, whose NVMe and ext4 are built in.
func earlyInitramfs(t *testing.T, dir string) *vm.Kernel {
	t.Helper()
	k, err := vm.FindKernel("amd64")
	need(t, err)
	if _, err := exec.LookPath(tools.QemuSystem("x86_64")); err != nil {
		need(t, err)
	}
	initBin := filepath.Join(dir, "nimbus-init")
	goBuild(t, "amd64", "github.com/nimbus-linux/nimbus/cmd/nimbus-init", initBin)
	initData, err := os.ReadFile(initBin)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := os.ReadFile(k.Busybox)
	if err != nil {
		t.Fatal(err)
	}
	res, err := image.BuildInitramfs(image.InitramfsSpec{Init: initData, KernelVersion: k.Version, Busybox: bb})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "initrd"), res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return k
}

func bootEarly(t *testing.T, k *vm.Kernel, dir, cmdline string, extra ...string) *vm.VM {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	v, err := vm.Start(ctx, &vm.Config{Arch: "amd64", Kernel: k.Image, Initrd: filepath.Join(dir, "initrd"),
		Append: cmdline, MemoryMB: 512, Extra: extra})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(v.Kill)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("console:\n%s", v.Output())
		}
	})
	return v
}

// TestEarlyInit boots the initramfs of the image pipeline: nimbus-init as the early init
// finds the root on an NVMe disk by its label, mounts it read-write, moves the API file
// systems into it and executes the root's /sbin/init as PID 1; the same by PARTUUID from
// a GPT disk, read-only; then, with a root that does not exist, it says so, lists the
// block devices and starts the rescue shell.
func TestEarlyInit(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	if _, err := exec.LookPath("mkfs.ext4"); err != nil {
		need(t, err)
	}
	dir := t.TempDir()
	k := earlyInitramfs(t, dir)
	tree := filepath.Join(dir, "root")
	for _, d := range []string{"bin", "sbin", "proc", "sys", "dev", "run"} {
		if err := os.MkdirAll(filepath.Join(tree, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bb, _ := os.ReadFile(k.Busybox)
	if err := os.WriteFile(filepath.Join(tree, "bin/busybox"), bb, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/busybox sh\n" +
		"echo \"REAL-INIT pid=$$ args=$* $(/bin/busybox grep -c ' / ' /proc/mounts)\"\n" +
		"/bin/busybox grep -E ' / | /proc | /dev | /run | /sys ' /proc/mounts\n" +
		"/bin/busybox ls /init 2>/dev/null || echo INITRAMFS-FREED\n" +
		"/bin/busybox touch /written && echo ROOT-RW\n" +
		"/bin/busybox poweroff -f\n"
	if err := os.WriteFile(filepath.Join(tree, "sbin/init"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	disk := filepath.Join(dir, "root.img")
	if out, err := exec.Command("mkfs.ext4", "-q", "-L", "earlyroot", "-d", tree, disk, "64M").CombinedOutput(); err != nil {
		t.Fatalf("mkfs.ext4: %v\n%s", err, out)
	}
	nvme := []string{"-drive", "file=" + disk + ",if=none,format=raw,id=d0,cache=unsafe", "-device", "nvme,drive=d0,serial=early"}

	v := bootEarly(t, k, dir, "root=LABEL=earlyroot rw rootwait=30 -- extra-arg", nvme...)
	line, _, err := v.WaitFor("REAL-INIT", 0, 150*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(line, "pid=1 ") || !strings.Contains(line, "extra-arg") {
		t.Errorf("the root's init did not run as PID 1 with the kernel's arguments: %q", line)
	}
	for _, want := range []string{"nimbus-init: early: ", "root LABEL=earlyroot is /dev/nvme0n1 (ext4, rw)", "/dev/nvme0n1 / ext4 rw",
		"proc /proc proc", "devtmpfs /dev devtmpfs", "tmpfs /run tmpfs", "sysfs /sys sysfs", "INITRAMFS-FREED", "ROOT-RW"} {
		if _, _, err := v.WaitFor(want, 0, 20*time.Second); err != nil {
			t.Errorf("console lacks %q", want)
		}
	}
	_ = v.Wait(30 * time.Second)

	// The same file system in partition 1 of a GPT disk, by PARTUUID, read-only.
	if sgdisk, err := exec.LookPath("sgdisk"); err == nil {
		gpt := filepath.Join(dir, "gpt.img")
		if err := os.WriteFile(gpt, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(gpt, 66<<20); err != nil {
			t.Fatal(err)
		}
		const guid = "6A1B7C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D"
		if out, err := exec.Command(sgdisk, "-n", "1:2048:+64M", "-u", "1:"+guid, gpt).CombinedOutput(); err != nil {
			t.Fatalf("sgdisk: %v\n%s", err, out)
		}
		if out, err := exec.Command("dd", "if="+disk, "of="+gpt, "bs=1M", "seek=1", "conv=notrunc", "status=none").CombinedOutput(); err != nil {
			t.Fatalf("dd: %v\n%s", err, out)
		}
		v = bootEarly(t, k, dir, "root=PARTUUID="+strings.ToLower(guid)+" ro", "-drive", "file="+gpt+",if=none,format=raw,id=d0,cache=unsafe", "-device", "nvme,drive=d0,serial=gpt")
		for _, want := range []string{"root PARTUUID=" + strings.ToLower(guid) + " is /dev/nvme0n1p1 (ext4, ro)", "REAL-INIT pid=1", "/dev/nvme0n1p1 / ext4 ro"} {
			if _, _, err := v.WaitFor(want, 0, 150*time.Second); err != nil {
				t.Errorf("console lacks %q", want)
			}
		}
		_ = v.Wait(30 * time.Second)
	} else if os.Getenv("CI") == "true" {
		t.Fatal("sgdisk (gdisk) is required in CI")
	}

	v = bootEarly(t, k, dir, "root=UUID=00000000-1111-2222-3333-444444444444 ro rootwait=2", nvme...)
	for _, want := range []string{"cannot boot: root UUID=00000000-1111-2222-3333-444444444444 not found after 2s",
		"block devices: nvme0n1 ext4 UUID=", "LABEL=earlyroot", "starting a rescue shell"} {
		if _, _, err := v.WaitFor(want, 0, 150*time.Second); err != nil {
			t.Errorf("console lacks %q", want)
		}
	}
}
