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

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/image/pe"
)

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
		// no_timer_check, as Fedora's and RHEL's cloud images set it: the kernel skips its
		// check that the 8254 timer's interrupt reaches the IO-APIC, which a virtual
		// machine's emulated timer can fail on a busy host ("IO-APIC + timer doesn't
		// work", a panic at boot seen under TCG on a loaded machine).
		w = append(w, "console=tty0", "console=ttyS0,115200n8", "no_timer_check")
	} else {
		w = append(w, "console=ttyAMA0")
	}
	if b.Profile.Cmdline != "" {
		w = append(w, b.Profile.Cmdline)
	}
	return strings.Join(w, " ")
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
	setNote(ctx, fmt.Sprintf("%s + kernel %s, %.1f MiB; cmdline %q", filepath.Base(stubPath), b.KernelVersion, float64(len(b.uki))/(1<<20), b.cmdline))
	return nil
}

// checkMachine makes sure an ELF program is for arch.
func checkMachine(data []byte, rpmArch, name string) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	a, _ := arch.ByRPM(rpmArch)
	if f.Machine != a.ELF {
		return fmt.Errorf("%s is a %s program, the image is %s", name, f.Machine, rpmArch)
	}
	return nil
}
