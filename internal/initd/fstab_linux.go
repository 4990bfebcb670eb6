//go:build linux

package initd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

// mountFstab mounts the /etc/fstab entries that are not mounted yet (root, swap and
// noauto excluded); a failing entry with nofail is only logged. It returns how many
// file systems were mounted.
func mountFstab(path string, logf func(string, ...any)) (int, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	entries := ParseFstab(f)
	f.Close()
	n := 0
	var errs []string
	for _, e := range entries {
		if e.Target == "/" || e.Type == "swap" || e.Target == "none" || e.Has("noauto") || mounted(e.Target) {
			continue
		}
		err := mountEntry(e)
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
	if len(errs) > 0 {
		return n, fmt.Errorf("fstab: %s", strings.Join(errs, "; "))
	}
	return n, nil
}

func mountEntry(e FstabEntry) error {
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
		if err = unix.Mount(src, e.Target, t, flags, data); err == nil {
			return nil
		}
	}
	return err
}
