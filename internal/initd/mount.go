//go:build linux

package initd

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/sys/unix"
)

// mountPoint is one file system PID 1 mounts before anything else.
type mountPoint struct {
	source, target, fstype string
	flags                  uintptr
	data                   string
	mode                   os.FileMode
}

// earlyMounts are the API file systems, in order. Debian's cloud kernel does not mount
// devtmpfs itself (DEVTMPFS_MOUNT is off), so /dev is mounted here.
var earlyMounts = []mountPoint{
	{"proc", "/proc", "proc", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, "", 0o555},
	{"sysfs", "/sys", "sysfs", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, "", 0o555},
	{"devtmpfs", "/dev", "devtmpfs", unix.MS_NOSUID, "mode=0755", 0o755},
	{"devpts", "/dev/pts", "devpts", unix.MS_NOSUID | unix.MS_NOEXEC, "gid=5,mode=620,ptmxmode=000", 0o755},
	{"tmpfs", "/dev/shm", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=1777", 0o1777},
	{"tmpfs", "/run", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=0755", 0o755},
	{"tmpfs", "/tmp", "tmpfs", unix.MS_NOSUID | unix.MS_NODEV, "mode=1777", 0o1777},
	{"cgroup2", "/sys/fs/cgroup", "cgroup2", unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC, "nsdelegate", 0o755},
}

// mountAll mounts the API file systems (already mounted ones are left alone) and
// remounts the root read-write.
func mountAll() error {
	var errs []error
	for _, m := range earlyMounts {
		if err := os.MkdirAll(m.target, m.mode); err != nil {
			errs = append(errs, fmt.Errorf("mkdir %s: %w", m.target, err))
			continue
		}
		if mounted(m.target) {
			continue
		}
		if err := unix.Mount(m.source, m.target, m.fstype, m.flags, m.data); err != nil && !errors.Is(err, unix.EBUSY) {
			errs = append(errs, fmt.Errorf("mount %s on %s: %w", m.fstype, m.target, err))
		}
	}
	if err := unix.Mount("", "/", "", unix.MS_REMOUNT, ""); err != nil {
		errs = append(errs, fmt.Errorf("remount / rw: %w", err))
	}
	for _, l := range [][2]string{{"/proc/self/fd", "/dev/fd"}, {"/proc/self/fd/0", "/dev/stdin"},
		{"/proc/self/fd/1", "/dev/stdout"}, {"/proc/self/fd/2", "/dev/stderr"}} {
		_ = os.Symlink(l[0], l[1])
	}
	for _, d := range []string{"/run/nimbus", "/var/log", "/var/lib/nimbus", "/etc"} {
		_ = os.MkdirAll(d, 0o755)
	}
	_ = os.Symlink("/proc/self/mounts", "/etc/mtab")
	return errors.Join(errs...)
}

// mounted reports whether p is a mount point, from /proc/self/mountinfo when available.
func mounted(p string) bool {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) > 4 && f[4] == p {
			return true
		}
	}
	return false
}

// unmountAll unmounts everything but the API file systems in reverse mount order, then
// remounts the root read-only; busy file systems are detached lazily.
func unmountAll() {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	keep := map[string]bool{"/": true, "/proc": true, "/sys": true, "/dev": true, "/dev/pts": true, "/sys/fs/cgroup": true, "/dev/shm": true, "/run": true}
	for i := len(lines) - 1; i >= 0; i-- {
		f := strings.Fields(lines[i])
		if len(f) < 5 || keep[f[4]] {
			continue
		}
		if err := unix.Unmount(f[4], 0); err != nil {
			_ = unix.Unmount(f[4], unix.MNT_DETACH)
		}
	}
	_ = unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_RDONLY, "")
}
