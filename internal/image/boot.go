package image

import (
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/image/pe"
	"github.com/nimbus-linux/nimbus/internal/initd"
	"github.com/nimbus-linux/nimbus/internal/vm"
)

// RootModules are loaded by the initramfs before it looks for the root: the disk
// controllers of QEMU and EC2 (virtio, NVMe, ENA for the network later) where they are
// modules. Modules the kernel has built in are simply absent from modules.dep.
var RootModules = []string{"virtio_pci", "virtio_blk", "virtio_scsi", "sd_mod", "nvme", "ext4"}

// findKernel locates the kernel of the staging root: <modules>/VERSION with a vmlinuz
// in /boot/vmlinuz-VERSION or in the modules folder (Fedora's layout).
func (b *Build) findKernel() error {
	var found []string
	for _, d := range []string{"usr/lib/modules", "lib/modules"} {
		ents, _ := os.ReadDir(b.rootPath(d))
		for _, e := range ents {
			for _, k := range []string{"boot/vmlinuz-" + e.Name(), d + "/" + e.Name() + "/vmlinuz"} {
				if fi, err := os.Stat(b.rootPath(k)); err == nil && fi.Mode().IsRegular() {
					found = append(found, e.Name()+"\x00"+k)
					break
				}
			}
		}
	}
	sort.Strings(found)
	if len(found) == 0 {
		return errors.New("no kernel in the image: the profile must install the kernel package (/boot/vmlinuz-VERSION and its modules)")
	}
	ver, img, _ := strings.Cut(found[len(found)-1], "\x00")
	b.KernelVersion, b.kernelImage = ver, img
	return nil
}

// modulesDir is /usr/lib/modules/VERSION (or /lib/modules/VERSION) of the staging root.
func (b *Build) modulesDir() string {
	for _, d := range []string{"usr/lib/modules/", "lib/modules/"} {
		if exists(b.rootPath(d + b.KernelVersion + "/modules.dep")) {
			return d + b.KernelVersion
		}
	}
	return "usr/lib/modules/" + b.KernelVersion
}

func (b *Build) busybox() string {
	for _, p := range []string{"usr/bin/busybox", "bin/busybox", "usr/sbin/busybox"} {
		if fi, err := os.Stat(b.rootPath(p)); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// initScript is the initramfs's /init: load the disk modules, find the root by its file
// system UUID, mount it and hand over to the real init with the pseudo-file systems
// moved along (nimbus-init leaves mounted ones alone).
const initScript = `#!/bin/busybox sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
%s
root=
init=/sbin/init
for w in $(cat /proc/cmdline); do
	case "$w" in
	root=*) root="${w#root=}" ;;
	init=*) init="${w#init=}" ;;
	esac
done
i=0
until dev=$(findfs "$root" 2>/dev/null); do
	i=$((i+1))
	if [ $i -gt 600 ]; then
		echo "initramfs: root $root not found"
		exec sh
	fi
	sleep 0.05
done
mkdir -p /newroot
if ! mount -t ext4 -o rw "$dev" /newroot; then
	echo "initramfs: cannot mount $dev"
	exec sh
fi
for d in dev proc sys; do mount --move /$d /newroot/$d; done
exec switch_root /newroot "$init"
`

func stageInitramfs(ctx context.Context, b *Build) error {
	if err := b.findKernel(); err != nil {
		return err
	}
	var data []byte
	var err error
	switch bb := b.busybox(); {
	case bb != "":
		data, err = os.ReadFile(b.rootPath(bb))
	case b.InitramfsBusybox != "":
		data, err = os.ReadFile(b.InitramfsBusybox)
		if err == nil {
			err = checkMachine(data, b.Arch, b.InitramfsBusybox)
		}
	default:
		b.note = "no busybox in the image: the kernel mounts the root itself (built-in NVMe and ext4)"
		return nil
	}
	if err != nil {
		return err
	}
	r := &vm.Initramfs{}
	vm.AddBase(r)
	r.Dir("newroot", 0o755)
	r.File("bin/busybox", 0o755, data)
	for _, a := range busyboxApplets {
		r.Symlink("bin/"+a, "busybox")
	}
	// The root's disk modules, dependencies first, from the image's own modules.dep.
	modDir := b.modulesDir()
	var db initd.ModuleDB
	if dep, err := os.ReadFile(b.rootPath(modDir + "/modules.dep")); err == nil {
		if err := db.ParseModulesDep(bytes.NewReader(dep)); err != nil {
			return fmt.Errorf("%s/modules.dep: %w", modDir, err)
		}
	}
	want := append(append([]string{}, RootModules...), b.Profile.Modules...)
	seen := map[string]bool{}
	var lines []string
	for _, m := range want {
		for _, n := range db.LoadOrder(m) {
			rel, ok := db.Path[n]
			if !ok || seen[n] {
				continue
			}
			seen[n] = true
			data, err := os.ReadFile(b.rootPath(filepath.Join(modDir, rel)))
			if err != nil {
				return fmt.Errorf("module %s: %w", n, err)
			}
			if strings.HasSuffix(rel, ".xz") || strings.HasSuffix(rel, ".zst") || strings.HasSuffix(rel, ".gz") {
				return fmt.Errorf("module %s is compressed (%s): busybox insmod cannot load it", n, rel)
			}
			r.File("lib/modules/"+rel, 0o644, data)
			lines = append(lines, "insmod /lib/modules/"+rel)
			b.initModules = append(b.initModules, n)
		}
	}
	r.File("init", 0o755, []byte(fmt.Sprintf(initScript, strings.Join(lines, "\n"))))
	var buf bytes.Buffer
	if _, err := r.WriteTo(&buf); err != nil {
		return err
	}
	b.initrd = buf.Bytes()
	b.note = fmt.Sprintf("kernel %s, %d modules (%s), %.1f MiB", b.KernelVersion, len(b.initModules), strings.Join(b.initModules, " "), float64(len(b.initrd))/(1<<20))
	return nil
}

// Cmdline is the kernel command line of the image.
func (b *Build) Cmdline() string {
	var w []string
	if b.initrd != nil {
		w = append(w, "root=UUID="+b.Identity.RootFSUUID)
	} else {
		w = append(w, "root=PARTUUID="+b.Identity.RootGUID, "rootwait")
	}
	w = append(w, "rw")
	if !exists(b.rootPath("usr/sbin/init")) && !exists(b.rootPath("sbin/init")) && exists(b.rootPath("usr/sbin/nimbus-init")) {
		w = append(w, "init=/usr/sbin/nimbus-init")
	}
	if b.Arch == "x86_64" {
		w = append(w, "console=tty0", "console=ttyS0,115200n8")
	} else {
		w = append(w, "console=ttyAMA0")
	}
	if b.Profile.Cmdline != "" {
		w = append(w, b.Profile.Cmdline)
	}
	return strings.Join(w, " ")
}

// EFI boot path and stub of each architecture.
var efiNames = map[string][2]string{
	"x86_64":  {"BOOTX64.EFI", "linuxx64.efi.stub"},
	"aarch64": {"BOOTAA64.EFI", "linuxaa64.efi.stub"},
}

func stageUKI(ctx context.Context, b *Build) error {
	stubPath, err := b.Tools.stub(b.Arch, b.Root)
	if err != nil {
		return err
	}
	stub, err := os.ReadFile(stubPath)
	if err != nil {
		return err
	}
	kernel, err := os.ReadFile(b.rootPath(b.kernelImage))
	if err != nil {
		return err
	}
	osrel, err := b.readRootFile("etc/os-release")
	if err != nil {
		osrel, err = b.readRootFile("usr/lib/os-release")
		if err != nil {
			return fmt.Errorf("no os-release in the image: %w", err)
		}
	}
	b.cmdline = b.Cmdline()
	secs := []pe.Section{{Name: ".osrel", Data: osrel}, {Name: ".cmdline", Data: []byte(b.cmdline + "\x00")}}
	if b.initrd != nil {
		secs = append(secs, pe.Section{Name: ".initrd", Data: b.initrd})
	}
	secs = append(secs, pe.Section{Name: ".uname", Data: []byte(b.KernelVersion)}, pe.Section{Name: ".linux", Data: kernel})
	b.uki, err = pe.AddSections(stub, secs)
	if err != nil {
		return fmt.Errorf("%s: %w", stubPath, err)
	}
	b.note = fmt.Sprintf("%s + kernel %s, %.1f MiB; cmdline %q", filepath.Base(stubPath), b.KernelVersion, float64(len(b.uki))/(1<<20), b.cmdline)
	return nil
}

// checkMachine makes sure an ELF program is for arch.
func checkMachine(data []byte, arch, name string) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	want := map[string]elf.Machine{"x86_64": elf.EM_X86_64, "aarch64": elf.EM_AARCH64}[arch]
	if f.Machine != want {
		return fmt.Errorf("%s is a %s program, the image is %s", name, f.Machine, arch)
	}
	return nil
}
