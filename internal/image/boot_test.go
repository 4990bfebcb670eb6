package image_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/image/launch"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

const bootUserData = `#!/bin/sh
echo "USERDATA-RAN on $(hostname) as $(id -u)" > /dev/console
echo "ROOT-KB $(df -k / | tail -1)" > /dev/console
echo "BOOT-EFI-MOUNTS $(grep -c ' /boot/efi ' /proc/mounts)" > /dev/console
`

const bootKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIImageBootTestKeyImageBootTestKeyImageBo image-boot-test"

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// bootImage builds the development image for arch and boots it through UEFI firmware,
// the UKI, the initramfs and the root on the disk, with user-data from the IMDS server;
// then it presses the power button and expects a clean poweroff.
func bootImage(t *testing.T, arch, disk string) {
	qemu := tools.QemuSystem(arch)
	if _, err := exec.LookPath(qemu); err != nil {
		need(t, err)
	}
	if _, _, err := vm.FindFirmware(arch); err != nil {
		need(t, err)
	}
	dir := t.TempDir()
	b := devBuild(t, arch, dir, []string{"qcow2"})
	img := filepath.Join(dir, b.Name()+".qcow2")
	// A bigger cloud volume than the image: first boot grows the root to it.
	if out, err := exec.Command("qemu-img", "resize", "-q", img, "1G").CombinedOutput(); err != nil {
		t.Fatalf("qemu-img resize: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var console lockedBuf
	start := time.Now()
	in, err := launch.Start(ctx, launch.Config{
		Image: img, Arch: arch, Disk: disk, MemoryMB: 512, Ephemeral: true,
		PublicKeys: []string{bootKey}, UserData: []byte(bootUserData),
		Relay:   func(addr string) string { return "env NIMBUS_RELAY=" + addr + " " + self },
		Console: &console, Dir: dir,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	defer func() {
		if t.Failed() {
			t.Logf("console of %s:\n%s", arch, in.Output())
		}
	}()
	if _, _, err := in.WaitFor("nimbus-init: ready", 0, 200*time.Second); err != nil {
		t.Fatal(err)
	}
	ready := time.Since(start)
	if _, _, err := in.WaitFor("USERDATA-RAN on ip-169-254-169-15.nimbus.internal as 0", 0, 20*time.Second); err != nil {
		t.Error(err)
	}
	if l, _, err := in.WaitFor("ROOT-KB ", 0, 10*time.Second); err != nil {
		t.Error(err)
	} else if f := strings.Fields(l); len(f) < 3 || len(f[2]) < 6 { // >= 100000 KiB: grown from about 56 MiB
		t.Errorf("root not grown on first boot: %s", l)
	} else {
		t.Log(l)
	}
	// The nofail /boot/efi is mounted after ready, and the user-data waits for it (a
	// kernel update in its packages writes the UKI there).
	if l, _, err := in.WaitFor("BOOT-EFI-MOUNTS ", 0, 10*time.Second); err != nil {
		t.Error(err)
	} else if !strings.HasSuffix(strings.TrimSpace(l), "BOOT-EFI-MOUNTS 1") {
		t.Errorf("/boot/efi not mounted when the user-data ran: %s", l)
	}
	if n := in.IMDS.Requests("/latest/api/token"); n == 0 {
		t.Error("the guest never asked the IMDS for a token")
	}
	off := time.Now()
	if err := in.Shutdown(60 * time.Second); err != nil {
		t.Error(err)
	}
	if !strings.Contains(in.Output(), "nimbus-init: poweroff now") {
		t.Error("no clean poweroff on the console")
	}
	t.Logf("%s (%s disk): UEFI boot to nimbus-init ready in %.1fs, poweroff in %.1fs", arch, disk, ready.Seconds(), time.Since(off).Seconds())
}

func TestBootX86_64(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	bootImage(t, "x86_64", "virtio")
}

func TestBootAArch64(t *testing.T) {
	if testing.Short() {
		t.Skip("boot test")
	}
	bootImage(t, "aarch64", "virtio")
}
