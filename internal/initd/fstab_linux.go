//go:build linux

package initd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// resolveSource turns LABEL=, UUID=, PARTLABEL= and PARTUUID= into device paths through
// the /dev/disk links made by the devices stage.
func resolveSource(src string) string {
	for prefix, dir := range map[string]string{"LABEL=": "by-label", "UUID=": "by-uuid", "PARTLABEL=": "by-partlabel", "PARTUUID=": "by-partuuid"} {
		if v, ok := strings.CutPrefix(src, prefix); ok {
			if p, err := filepath.EvalSymlinks(filepath.Join("/dev/disk", dir, v)); err == nil {
				return p
			}
			if prefix == "LABEL=" {
				if p := findLabel("/dev", v); p != "" {
					return p
				}
			}
			return ""
		}
	}
	return src
}

// fstabMu serialises fstab mounting: the boot's background nofail mounts and the
// provisioning agent's MountAll must not mount one entry twice.
var fstabMu sync.Mutex

// mountFstab mounts the /etc/fstab entries that are not mounted yet (root, swap and
// noauto excluded); a failing entry with nofail is only logged. The file system modules
// an entry needs are loaded in process through m when the kernel lacks them (nil: the
// kernel asks /sbin/modprobe). With after set, the nofail entries (/boot/efi) are
// mounted in a goroutine once after is closed (PID 1: at "ready"), as systemd does not
// make the boot wait for them; their count is the second result, and the third is closed
// once they are done (at once when there are none). It returns how many file systems were
// mounted.
func mountFstab(path string, logf func(string, ...any), m *Modules, after <-chan struct{}) (int, int, <-chan struct{}, error) {
	background := after != nil
	bgDone := make(chan struct{})
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		close(bgDone)
		return 0, 0, bgDone, nil
	}
	if err != nil {
		close(bgDone)
		return 0, 0, bgDone, err
	}
	entries := ParseFstab(f)
	f.Close()
	fstabMu.Lock()
	defer fstabMu.Unlock()
	n := 0
	var errs []string
	var later []FstabEntry
	for _, e := range entries {
		if e.Target == "/" || e.Type == "swap" || e.Target == "none" || e.Has("noauto") || mounted(e.Target) {
			continue
		}
		if background && e.Has("nofail") {
			later = append(later, e)
			continue
		}
		err := mountEntry(e, m)
		if err == nil {
			n++
			continue
		}
		if e.Has("nofail") {
			logf("fstab: %s on %s: %v (nofail)", e.Source, e.Target, err)
			continue
		}
		errs = append(errs, fmt.Sprintf("%s on %s: %v", e.Source, e.Target, err))
	}
	if len(later) > 0 {
		go func() {
			defer close(bgDone)
			defer func() {
				if r := recover(); r != nil {
					logf("fstab: background mounts: panic: %v", r)
				}
			}()
			<-after
			fstabMu.Lock()
			defer fstabMu.Unlock()
			for _, e := range later {
				if mounted(e.Target) {
					continue
				}
				if err := mountEntry(e, m); err != nil {
					logf("fstab: %s on %s: %v (nofail)", e.Source, e.Target, err)
				}
			}
		}()
	} else {
		close(bgDone)
	}
	if len(errs) > 0 {
		return n, len(later), bgDone, fmt.Errorf("fstab: %s", strings.Join(errs, "; "))
	}
	return n, len(later), bgDone, nil
}

// loadFSModule loads the module of file system type t (fs-vfat) in process when the
// kernel does not know the type yet, sparing the kernel's run of /sbin/modprobe.
func loadFSModule(m *Modules, t string) {
	if m == nil || t == "" || t == "auto" {
		return
	}
	have, _ := os.ReadFile("/proc/filesystems")
	for _, l := range strings.Split(string(have), "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[len(f)-1] == t {
			return
		}
	}
	_, _ = m.Load("fs-" + t) // a failure shows as the mount's own error
}

func mountEntry(e FstabEntry, m *Modules) error {
	src := resolveSource(e.Source)
	if src == "" {
		return fmt.Errorf("no device for %s", e.Source)
	}
	if err := os.MkdirAll(e.Target, 0o755); err != nil {
		return err
	}
	flags, data := MountArgs(e.Options)
	types := []string{e.Type}
	if e.Type == "auto" {
		types = []string{"ext4", "xfs", "vfat", "iso9660"}
		if dev, err := os.Open(src); err == nil {
			if info, ok := ProbeFS(dev); ok {
				types = []string{info.Type}
			}
			dev.Close()
		}
	}
	var err error
	for _, t := range types {
		loadFSModule(m, t)
		if err = unix.Mount(src, e.Target, t, flags, data); err == nil {
			return nil
		}
	}
	return err
}
