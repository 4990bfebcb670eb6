package vm

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/initramfs"
	"github.com/nimbus-linux/nimbus/internal/kmod"
)

// CacheDir is where scripts/fetch-test-kernels.sh puts kernels and busybox.
func CacheDir() string {
	if d := os.Getenv("NIMBUS_CACHE"); d != "" {
		return d
	}
	return "/var/cache/nimbus-test"
}

// Kernel is an unpacked Debian kernel package.
type Kernel struct {
	Arch    string
	Version string
	Image   string // vmlinuz
	Modules string // lib/modules/VERSION
	Busybox string
}

// FindKernel locates the cached kernel for arch ("amd64", "arm64").
func FindKernel(arch string) (*Kernel, error) {
	dir := filepath.Join(CacheDir(), arch)
	ver, err := os.ReadFile(filepath.Join(dir, "version"))
	if err != nil {
		return nil, fmt.Errorf("no %s kernel in %s (run scripts/fetch-test-kernels.sh): %w", arch, dir, err)
	}
	k := &Kernel{Arch: arch, Version: strings.TrimSpace(string(ver)), Image: filepath.Join(dir, "vmlinuz"), Busybox: filepath.Join(dir, "busybox")}
	k.Modules = filepath.Join(dir, "kernel/lib/modules", k.Version)
	for _, p := range []string{k.Image, k.Modules, k.Busybox} {
		if !Exists(p) {
			return nil, fmt.Errorf("kernel cache for %s is incomplete: %s missing", arch, p)
		}
	}
	return k, nil
}

// AddModules copies the named modules and their dependencies into the initramfs under
// /lib/modules/VERSION with the index depmod would write for them (the Debian package
// leaves that to depmod). Names not built as modules (built in) are skipped.
func (k *Kernel) AddModules(r *initramfs.Archive, names ...string) ([]string, error) {
	files, err := kmod.Closure(os.DirFS(k.Modules), names...)
	if err != nil {
		return nil, err
	}
	if err := initramfs.AddModules(r, k.Version, files); err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out, nil
}

// BusyboxApplets are linked to /bin/busybox by AddBusybox.
var BusyboxApplets = []string{"sh", "ash", "cat", "echo", "ls", "mkdir", "touch", "id", "hostname", "mount", "umount",
	"sleep", "ps", "grep", "sed", "awk", "head", "tail", "wc", "rm", "cp", "mv", "chmod", "chown", "ln", "uname",
	"ip", "ifconfig", "wget", "nc", "dmesg", "env", "true", "false", "test", "[", "date", "tr", "cut", "sort", "find", "xargs", "vi", "less", "df", "free", "top", "kill"}

// AddBusybox installs busybox-static as /bin/busybox with its common applets.
func (k *Kernel) AddBusybox(r *initramfs.Archive) error {
	b, err := os.ReadFile(k.Busybox)
	if err != nil {
		return err
	}
	r.File("bin/busybox", 0o755, b)
	for _, a := range BusyboxApplets {
		r.Symlink("bin/"+a, "busybox")
	}
	return nil
}
