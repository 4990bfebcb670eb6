package vm

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/initd"
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
// /lib/modules/VERSION and writes modules.dep and modules.alias for them (the Debian
// package leaves those to depmod). Names not built as modules (built in) are skipped.
func (k *Kernel) AddModules(r *Initramfs, names ...string) ([]string, error) {
	files := map[string]string{}
	err := filepath.WalkDir(k.Modules, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.Contains(d.Name(), ".ko") {
			rel, _ := filepath.Rel(k.Modules, p)
			files[initd.ModName(rel)] = rel
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var mods []*initd.ModInfo
	seen := map[string]bool{}
	queue := append([]string{}, names...)
	for len(queue) > 0 {
		n := strings.ReplaceAll(queue[0], "-", "_")
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		rel, ok := files[n]
		if !ok {
			continue // built in
		}
		data, err := os.ReadFile(filepath.Join(k.Modules, rel))
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(rel, ".xz") || strings.HasSuffix(rel, ".zst") || strings.HasSuffix(rel, ".gz") {
			return nil, fmt.Errorf("%s: compressed modules are not handled by this helper", rel)
		}
		mi, err := initd.ParseModInfo(bytes.NewReader(data), rel)
		if err != nil {
			return nil, err
		}
		mods = append(mods, mi)
		queue = append(queue, mi.Depends...)
		r.File(filepath.Join("lib/modules", k.Version, rel), 0o644, data)
	}
	var dep, alias bytes.Buffer
	if err := initd.WriteModulesDB(mods, &dep, &alias); err != nil {
		return nil, err
	}
	r.File(filepath.Join("lib/modules", k.Version, "modules.dep"), 0o644, dep.Bytes())
	r.File(filepath.Join("lib/modules", k.Version, "modules.alias"), 0o644, alias.Bytes())
	var out []string
	for _, m := range mods {
		out = append(out, m.Name)
	}
	return out, nil
}

// BusyboxApplets are linked to /bin/busybox by AddBusybox.
var BusyboxApplets = []string{"sh", "ash", "cat", "echo", "ls", "mkdir", "touch", "id", "hostname", "mount", "umount",
	"sleep", "ps", "grep", "sed", "awk", "head", "tail", "wc", "rm", "cp", "mv", "chmod", "chown", "ln", "uname",
	"ip", "ifconfig", "wget", "nc", "dmesg", "env", "true", "false", "test", "[", "date", "tr", "cut", "sort", "find", "xargs", "vi", "less", "df", "free", "top", "kill"}

// AddBusybox installs busybox-static as /bin/busybox with its common applets.
func (k *Kernel) AddBusybox(r *Initramfs) error {
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

// AddBase adds what every Nimbus initramfs needs: /dev/console and /dev/null (the kernel
// opens the console for init before devtmpfs is mounted), and the top-level directories.
func AddBase(r *Initramfs) {
	r.CharDev("dev/console", 0o600, 5, 1)
	r.CharDev("dev/null", 0o666, 1, 3)
	for _, d := range []string{"proc", "sys", "run", "tmp", "var/log", "var/lib", "root", "home", "etc", "usr/bin", "usr/sbin", "sbin"} {
		r.Dir(d, 0o755)
	}
	r.Dir("tmp", 0o1777)
	r.Dir("root", 0o700)
}
