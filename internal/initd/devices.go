//go:build linux

package initd

import (
	"os"
	"path/filepath"
	"strings"
)

// diskLinks creates /dev/disk/by-label, by-uuid and by-partlabel links for every block
// device, like udev's persistent storage rules. It returns the links made.
func diskLinks(sysfs, dev string) []string {
	var made []string
	ents, _ := os.ReadDir(filepath.Join(sysfs, "class/block"))
	for _, e := range ents {
		name := e.Name()
		node := filepath.Join(dev, name)
		link := func(kind, value string) {
			if value == "" || strings.ContainsAny(value, "/\x00") {
				return
			}
			dir := filepath.Join(dev, "disk", kind)
			_ = os.MkdirAll(dir, 0o755)
			p := filepath.Join(dir, value)
			_ = os.Remove(p)
			if os.Symlink("../../"+name, p) == nil {
				made = append(made, p)
			}
		}
		if ue, err := os.ReadFile(filepath.Join(sysfs, "class/block", name, "uevent")); err == nil {
			for _, l := range strings.Split(string(ue), "\n") {
				if v, ok := strings.CutPrefix(l, "PARTNAME="); ok {
					link("by-partlabel", v)
				}
			}
		}
		f, err := os.Open(node)
		if err != nil {
			continue
		}
		info, ok := ProbeFS(f)
		f.Close()
		if !ok {
			continue
		}
		link("by-label", info.Label)
		link("by-uuid", info.UUID)
	}
	return made
}

// findLabel returns the device node of the file system labelled label (any case).
func findLabel(dev, label string) string {
	ents, _ := os.ReadDir(filepath.Join(dev, "disk/by-label"))
	for _, e := range ents {
		if strings.EqualFold(e.Name(), label) {
			if p, err := filepath.EvalSymlinks(filepath.Join(dev, "disk/by-label", e.Name())); err == nil {
				return p
			}
		}
	}
	return ""
}
