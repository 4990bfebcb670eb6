package image

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/initramfs"
	"github.com/nimbus-linux/nimbus/internal/kmod"
)

// RootModules are what the early init loads before it looks for the root: the disk
// controllers of QEMU and EC2 (virtio PCI/blk/SCSI, NVMe), EC2's network (ENA, so that the
// real init finds it loaded), and the root's file system. Modules the kernel has built
// in are simply absent from modules.dep and skipped.
var RootModules = []string{"virtio_pci", "virtio_blk", "virtio_scsi", "sd_mod", "nvme", "ena", "ext4"}

// earlyInitPaths are where the image's nimbus-init may be; it becomes the initramfs's
// /init.
var earlyInitPaths = []string{"usr/sbin/nimbus-init", "sbin/nimbus-init", "usr/bin/nimbus-init"}

// InitramfsSpec is what goes into an initramfs: the early init, the modules (by name;
// with their dependencies from modules.dep), an optional rescue shell.
type InitramfsSpec struct {
	Init          []byte // nimbus-init for the image's architecture
	KernelVersion string
	// ReadModule reads a file of the root's /usr/lib/modules/VERSION (modules.dep and the
	// module files it names).
	ReadModule func(rel string) ([]byte, error)
	Modules    []string
	Busybox    []byte // nil: no rescue shell
	OSRelease  []byte // the image's os-release, as /etc/initrd-release
}

// InitramfsResult is the compressed archive and what it loads.
type InitramfsResult struct {
	Data    []byte   // the newc cpio, uncompressed
	Modules []string // in load order
	CPIO    int      // its size
}

// BuildInitramfs writes the initramfs: /init is nimbus-init (which acts as the early init
// when /etc/initrd-release exists), /etc/nimbus/early-modules lists the modules to load
// in order, lib/modules/VERSION holds those modules (decompressed, so that
// finit_module needs no decompressor) and a modules.dep of just them. The cpio is deterministic
// (sorted, owner root, times zero) and not compressed: under TCG the kernel's unpacking
// of a zstd archive (10.6 MiB of cpio, 4.2 MiB zstd) took long enough that initcalls
// waiting for the initramfs (the crypto self-tests' module requests) sat behind it, and
// the uncompressed archive reached /init 1.5-4 s sooner at load 13-15 while the 6.4 MiB
// more that the firmware reads from the ESP cost nothing measurable (docs/init.md).
func BuildInitramfs(s InitramfsSpec) (*InitramfsResult, error) {
	if len(s.Init) == 0 {
		return nil, errors.New("no nimbus-init for the initramfs")
	}
	var db kmod.ModuleDB
	if s.ReadModule != nil {
		dep, err := s.ReadModule("modules.dep")
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("modules.dep: %w", err)
		}
		if err := db.ParseModulesDep(bytes.NewReader(dep)); err != nil {
			return nil, fmt.Errorf("modules.dep: %w", err)
		}
	}
	// The closure of the wanted modules, dependencies first.
	order := db.Closure(s.Modules...)
	r := &initramfs.Archive{}
	initramfs.AddBase(r)
	r.Dir(strings.TrimPrefix(initramfs.NewRoot, "/"), 0o755)
	r.File("init", 0o755, s.Init)
	rel := s.OSRelease
	if len(rel) == 0 {
		rel = []byte("NAME=\"Nimbus Linux\"\nID=nimbus\n")
	}
	r.File(strings.TrimPrefix(initramfs.InitrdRelease, "/"), 0o644, rel)
	modDir := "lib/modules/" + s.KernelVersion + "/"
	for _, n := range order {
		src := db.Path[n]
		data, err := s.ReadModule(src)
		if err != nil {
			return nil, fmt.Errorf("module %s: %w", n, err)
		}
		if kmod.PlainPath(src) != src {
			data, err = compress.ReadAll(data, kmod.MaxModuleSize)
			if err != nil {
				return nil, fmt.Errorf("module %s (%s): %w", n, src, err)
			}
		}
		r.File(modDir+kmod.PlainPath(src), 0o644, data)
	}
	if len(order) > 0 {
		r.File(modDir+"modules.dep", 0o644, db.SubsetDep(order))
		r.File(strings.TrimPrefix(initramfs.EarlyModulesList, "/"), 0o644, []byte(strings.Join(order, "\n")+"\n"))
	}
	if s.Busybox != nil {
		r.File("bin/busybox", 0o755, s.Busybox)
		for _, a := range busyboxApplets {
			r.Symlink("bin/"+a, "busybox")
		}
	}
	var cpio bytes.Buffer
	if _, err := r.WriteTo(&cpio); err != nil {
		return nil, err
	}
	return &InitramfsResult{Data: cpio.Bytes(), Modules: order, CPIO: cpio.Len()}, nil
}

func (b *Build) busybox() string {
	for _, p := range []string{"usr/bin/busybox", "bin/busybox", "usr/sbin/busybox"} {
		if fi, err := os.Stat(b.rootPath(p)); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// stageInitramfs builds the image's initramfs: the image's own nimbus-init as the early
// init, the root's disk and file-system modules from the kernel package's modules.dep,
// and a rescue shell when the image has busybox (or --initramfs-busybox gives one).
func stageInitramfs(ctx context.Context, b *Build) error {
	if err := b.findKernel(); err != nil {
		return err
	}
	var spec InitramfsSpec
	var initPath string
	for _, p := range earlyInitPaths {
		if data, err := b.readRootFile(p); err == nil {
			spec.Init, initPath = data, p
			break
		}
	}
	if spec.Init == nil {
		return fmt.Errorf("the image has no nimbus-init (%s): the initramfs's early init is nimbus-init; add the nimbus-init package", strings.Join(earlyInitPaths, ", "))
	}
	if err := checkMachine(spec.Init, b.Arch, initPath); err != nil {
		return err
	}
	if !bytes.Contains(spec.Init, []byte(initramfs.InitrdRelease)) {
		return fmt.Errorf("the image's %s predates nimbus-init's early init (it does not know %s): rebuild the nimbus-init package (nimbus build --recipe nimbus-init, or the set)", initPath, initramfs.InitrdRelease)
	}
	switch bb := b.busybox(); {
	case b.InitramfsBusybox != "":
		data, err := os.ReadFile(b.InitramfsBusybox)
		if err != nil {
			return err
		}
		if err := checkMachine(data, b.Arch, b.InitramfsBusybox); err != nil {
			return err
		}
		spec.Busybox = data
	case bb != "":
		data, err := os.ReadFile(b.rootPath(bb))
		if err != nil {
			return err
		}
		spec.Busybox = data
	}
	spec.KernelVersion = b.KernelVersion
	modDir := b.modulesDir()
	spec.ReadModule = func(rel string) ([]byte, error) {
		if strings.Contains("/"+rel+"/", "/../") || path.IsAbs(rel) {
			return nil, fmt.Errorf("module path %q leaves the modules folder", rel)
		}
		return b.readRootFile(modDir + "/" + rel)
	}
	spec.Modules = append(append([]string{}, RootModules...), b.Profile.Modules...)
	if b.Profile.RootFS == "xfs" {
		spec.Modules = append(spec.Modules, "xfs")
	}
	spec.OSRelease, _ = b.readRootFile("etc/os-release")
	if spec.OSRelease == nil {
		spec.OSRelease, _ = b.readRootFile("usr/lib/os-release")
	}
	res, err := BuildInitramfs(spec)
	if err != nil {
		return err
	}
	b.initrd = res.Data
	b.initModules = res.Modules
	rescue := "no rescue shell"
	if spec.Busybox != nil {
		rescue = "busybox rescue shell"
	}
	setNote(ctx, fmt.Sprintf("kernel %s, early init %s, %d modules (%s), %s; %.1f MiB cpio, uncompressed", b.KernelVersion, initPath,
		len(res.Modules), strings.Join(res.Modules, " "), rescue, float64(res.CPIO)/(1<<20)))
	return nil
}
