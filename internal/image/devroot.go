package image

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/kmod"
)

// DevSource builds the root from an unpacked Debian kernel (the cache that
// scripts/fetch-test-kernels.sh fills), a nimbus-init binary and busybox, instead of
// installing packages: the development path while the distribution's packages are not
// built. Only the kernel modules a VM needs are copied.
type DevSource struct {
	KernelDir string // <cache>/<arch>: version, vmlinuz, kernel/lib/modules/<version>
	Init      string // nimbus-init built for the image's architecture
	Busybox   string // busybox-static for the image's architecture
}

// DevModules are the modules the development root carries (with their dependencies):
// disks, network, entropy, the power button.
var DevModules = []string{"virtio_pci", "virtio_blk", "virtio_scsi", "virtio_net", "virtio_rng", "virtio_console",
	"nvme", "ena", "evdev", "button", "efivarfs", "vfat", "nls_ascii", "nls_cp437"}

// busyboxApplets are linked to busybox in the development root and the initramfs.
var busyboxApplets = []string{"sh", "ash", "cat", "echo", "ls", "mkdir", "touch", "id", "hostname", "mount", "umount",
	"sleep", "ps", "grep", "sed", "awk", "head", "tail", "wc", "rm", "cp", "mv", "chmod", "chown", "ln", "uname",
	"ip", "wget", "nc", "dmesg", "env", "true", "false", "test", "[", "date", "tr", "cut", "sort", "find", "xargs",
	"vi", "less", "df", "free", "top", "kill", "insmod", "findfs", "switch_root", "blkid", "stat", "sync"}

type devPlan struct {
	src     *DevSource
	version string
	mods    []kmod.File
}

func (d *DevSource) plan(b *Build) (*devPlan, error) {
	ver, err := os.ReadFile(filepath.Join(d.KernelDir, "version"))
	if err != nil {
		return nil, fmt.Errorf("no kernel in %s (run scripts/fetch-test-kernels.sh): %w", d.KernelDir, err)
	}
	p := &devPlan{src: d, version: strings.TrimSpace(string(ver))}
	for _, f := range []string{d.Init, d.Busybox, filepath.Join(d.KernelDir, "vmlinuz")} {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("development root: %w", err)
		}
	}
	modDir := filepath.Join(d.KernelDir, "kernel/lib/modules", p.version)
	p.mods, err = kmod.Closure(os.DirFS(modDir), append(append([]string{}, DevModules...), b.Profile.Modules...)...)
	if err != nil {
		return nil, fmt.Errorf("development root: modules of %s: %w", modDir, err)
	}
	return p, nil
}

func (p *devPlan) summary() string {
	return fmt.Sprintf("development root: kernel %s with %d modules, nimbus-init, busybox", p.version, len(p.mods))
}

func (p *devPlan) install(ctx context.Context, b *Build) error {
	t := tree{root: b.Root}
	for _, d := range []struct {
		p    string
		mode os.FileMode
	}{{"boot", 0o755}, {"dev", 0o755}, {"proc", 0o555}, {"sys", 0o555}, {"run", 0o755}, {"tmp", 0o1777},
		{"var/tmp", 0o1777}, {"var/log", 0o755}, {"var/lib", 0o755}, {"var/cache", 0o755}, {"root", 0o700},
		{"home", 0o755}, {"etc/ssh", 0o755}, {"etc/systemd/system", 0o755}, {"usr/bin", 0o755}, {"usr/sbin", 0o755},
		{"usr/lib", 0o755}, {"mnt", 0o755}, {"srv", 0o755}, {"opt", 0o755}} {
		t.dir(d.p, d.mode)
	}
	for _, l := range [][2]string{{"bin", "usr/bin"}, {"sbin", "usr/sbin"}, {"lib", "usr/lib"}} {
		t.symlink(l[0], l[1])
	}
	t.copyFile("boot/vmlinuz-"+p.version, filepath.Join(p.src.KernelDir, "vmlinuz"), 0o644)
	modBase := "usr/lib/modules/" + p.version
	for _, m := range p.mods {
		t.file(filepath.Join(modBase, m.Path), m.Data, 0o644)
	}
	idx, err := kmod.Generate(kmod.Modules(p.mods), nil)
	if err != nil {
		return err
	}
	for _, name := range idx.Names() {
		t.file(modBase+"/"+name, idx[name], 0o644)
	}
	t.copyFile("usr/sbin/nimbus-init", p.src.Init, 0o755)
	for _, l := range []string{"usr/sbin/init", "usr/bin/nimbusctl", "usr/bin/systemctl", "usr/sbin/poweroff", "usr/sbin/reboot", "usr/sbin/halt", "usr/sbin/shutdown", "usr/sbin/modprobe",
		"usr/bin/systemd-tmpfiles", "usr/bin/systemd-sysusers"} {
		t.symlink(l, "/usr/sbin/nimbus-init")
	}
	t.copyFile("usr/bin/busybox", p.src.Busybox, 0o755)
	for _, a := range busyboxApplets {
		if a == "[" {
			continue
		}
		t.symlink("usr/bin/"+a, "busybox")
	}
	t.file("etc/passwd", []byte("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"), 0o644)
	t.file("etc/group", []byte("root:x:0:\nadm:x:4:\nwheel:x:10:\nnogroup:x:65534:\n"), 0o644)
	t.file("etc/shadow", []byte("root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n"), 0o600)
	t.file("etc/shells", []byte("/bin/sh\n"), 0o644)
	if t.err != nil {
		return t.err
	}
	// The SBOM of a development root names its three inputs.
	b.Packages = []PackageInfo{
		{Name: "busybox", Version: "dev", Release: "debian", Arch: b.Arch, License: "GPL-2.0-only", Summary: "busybox-static"},
		{Name: "kernel", Version: p.version, Release: "debian", Arch: b.Arch, License: "GPL-2.0-only", Summary: "Debian cloud kernel (development root)"},
		{Name: "nimbus-init", Version: "dev", Release: "0", Arch: b.Arch, License: "Apache-2.0", Summary: "Nimbus init (development build)"},
	}
	return nil
}

// tree writes into a staging root with explicit ownership (root) and modes, so that
// what the build host's user and umask are does not show in the image. The first error
// sticks.
type tree struct {
	root string
	err  error
}

func (t *tree) path(p string) string { return filepath.Join(t.root, p) }

func (t *tree) parents(p string) {
	dir := filepath.Dir(p)
	if dir == "." || dir == "/" {
		return
	}
	if _, err := os.Lstat(t.path(dir)); err != nil {
		t.dir(dir, 0o755)
	}
}

func (t *tree) own(p string, mode os.FileMode, link bool) {
	if t.err != nil {
		return
	}
	if err := os.Lchown(t.path(p), 0, 0); err != nil {
		t.err = fmt.Errorf("setting the owner of %s (image builds run as root): %w", p, err)
		return
	}
	if !link {
		if err := os.Chmod(t.path(p), mode); err != nil {
			t.err = err
		}
	}
}

func (t *tree) dir(p string, mode os.FileMode) {
	if t.err != nil {
		return
	}
	t.parents(p)
	if err := os.MkdirAll(t.path(p), 0o755); err != nil {
		t.err = err
		return
	}
	t.own(p, mode, false)
}

func (t *tree) file(p string, data []byte, mode os.FileMode) {
	if t.err != nil {
		return
	}
	t.parents(p)
	if err := os.WriteFile(t.path(p), data, 0o600); err != nil {
		t.err = err
		return
	}
	t.own(p, mode, false)
}

func (t *tree) copyFile(p, src string, mode os.FileMode) {
	data, err := os.ReadFile(src)
	if err != nil {
		if t.err == nil {
			t.err = err
		}
		return
	}
	t.file(p, data, mode)
}

func (t *tree) symlink(p, target string) {
	if t.err != nil {
		return
	}
	t.parents(p)
	_ = os.Remove(t.path(p))
	if err := os.Symlink(target, t.path(p)); err != nil {
		t.err = err
		return
	}
	t.own(p, 0, true)
}
