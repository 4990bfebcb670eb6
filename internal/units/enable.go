//go:build linux

package units

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Enable links name into the .wants/.requires directories of the targets its [Install]
// section names, under /etc/systemd/system, like systemctl enable. Units named by Also=
// are enabled too. It returns the links made.
func (m *Manager) Enable(name string) ([]string, error) {
	return m.install(name, true, map[string]bool{})
}

// Disable removes those links.
func (m *Manager) Disable(name string) ([]string, error) {
	return m.install(name, false, map[string]bool{})
}

func (m *Manager) install(name string, enable bool, seen map[string]bool) ([]string, error) {
	if seen[name] {
		return nil, nil
	}
	seen[name] = true
	u, err := m.opt.Loader.Load(name)
	if err != nil {
		return nil, err
	}
	if len(u.WantedBy)+len(u.RequiredBy)+len(u.Also)+len(u.Aliases) == 0 {
		return nil, fmt.Errorf("%s has no [Install] section (static unit)", name)
	}
	src := ""
	if len(u.Sources) > 0 {
		src = u.Sources[0]
	}
	var changed []string
	aliases := make([]string, 0, len(u.Aliases))
	for _, a := range u.Aliases {
		if ValidName(a) != nil || unitSuffix(a) != unitSuffix(u.Name) {
			return nil, fmt.Errorf("%s: Alias=%s is not a valid name of the same unit type", u.Name, a)
		}
		aliases = append(aliases, "/"+a)
	}
	for _, kind := range []struct {
		targets []string
		suffix  string
	}{{u.WantedBy, ".wants"}, {u.RequiredBy, ".requires"}, {aliases, ""}} {
		for _, t := range kind.targets {
			link := path.Join("/etc/systemd/system", t+kind.suffix, u.Name)
			if kind.suffix == "" { // Alias=: a link named after the alias
				link = path.Join("/etc/systemd/system", t)
			}
			p := filepath.Join(m.opt.Root, link)
			if enable {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return changed, err
				}
				if _, err := os.Lstat(p); err == nil {
					continue
				}
				if kind.suffix == "" && src == "" {
					return changed, fmt.Errorf("%s has no unit file to alias", u.Name)
				}
				if err := os.Symlink(src, p); err != nil {
					return changed, err
				}
			} else if err := os.Remove(p); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return changed, err
			}
			changed = append(changed, link)
		}
	}
	for _, a := range u.Also {
		more, err := m.install(a, enable, seen)
		changed = append(changed, more...)
		if err != nil {
			return changed, err
		}
	}
	if len(changed) > 0 {
		err = m.DaemonReload()
	}
	return changed, err
}

// enabledState says "enabled", "disabled", "static" (no [Install]) or "masked".
func (m *Manager) enabledState(u *Unit) string {
	if u.Service == nil && len(u.Sources) == 0 {
		return "static"
	}
	for _, t := range append(append([]string{}, u.WantedBy...), u.RequiredBy...) {
		for _, d := range m.opt.Loader.dirs() {
			for _, suf := range []string{".wants", ".requires"} {
				if _, err := fs.Lstat(m.opt.Loader.FS, path.Join(d, t+suf, u.Name)); err == nil {
					return "enabled"
				}
			}
		}
	}
	if len(u.WantedBy)+len(u.RequiredBy)+len(u.Also)+len(u.Aliases) == 0 {
		return "static"
	}
	return "disabled"
}
