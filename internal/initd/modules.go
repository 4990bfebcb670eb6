//go:build linux

package initd

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
	"golang.org/x/sys/unix"
)

// Modules loads kernel modules from /lib/modules/$(uname -r).
type Modules struct {
	Dir string // /lib/modules/VERSION
	DB  ModuleDB
	Log func(format string, args ...any)

	mu     sync.Mutex
	loaded map[string]bool
}

// OpenModules reads modules.dep and modules.alias of the running kernel.
func OpenModules(root string) (*Modules, error) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return nil, err
	}
	rel := string(bytes.TrimRight(u.Release[:], "\x00"))
	m := &Modules{Dir: filepath.Join(root, "lib/modules", rel), loaded: map[string]bool{}}
	for _, f := range []struct {
		name  string
		parse func(io.Reader) error
	}{{"modules.dep", m.DB.ParseModulesDep}, {"modules.alias", m.DB.ParseModulesAlias}} {
		fh, err := os.Open(filepath.Join(m.Dir, f.name))
		if err != nil {
			return nil, fmt.Errorf("modules: %w", err)
		}
		err = f.parse(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("modules: %s: %w", f.name, err)
		}
	}
	// Modules built in or already loaded count as loaded.
	if b, err := os.ReadFile("/proc/modules"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				m.loaded[f[0]] = true
			}
		}
	}
	return m, nil
}

func (m *Modules) logf(format string, args ...any) {
	if m.Log != nil {
		m.Log(format, args...)
	}
}

// Load loads a module (by name or alias) with its dependencies. Modules that are not in
// the image (an initramfs carries a subset) are skipped; it returns how many were loaded.
func (m *Modules) Load(nameOrAlias string) (int, error) {
	n := 0
	var errs []error
	for _, mod := range m.DB.Resolve(nameOrAlias) {
		for _, dep := range m.DB.LoadOrder(mod) {
			ok, err := m.loadOne(dep)
			if err != nil {
				errs = append(errs, err)
				break
			}
			if ok {
				n++
			}
		}
	}
	return n, errors.Join(errs...)
}

func (m *Modules) loadOne(name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.loaded[name] {
		return false, nil
	}
	rel := m.DB.Path[name]
	if rel == "" {
		return false, fmt.Errorf("module %s: not in modules.dep", name)
	}
	data, err := readModule(filepath.Join(m.Dir, rel))
	if errors.Is(err, os.ErrNotExist) {
		m.loaded[name] = true // not shipped in this image: do not try again
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("module %s: %w", name, err)
	}
	if err := unix.InitModule(data, ""); err != nil && !errors.Is(err, unix.EEXIST) {
		return false, fmt.Errorf("module %s: init_module: %w", name, err)
	}
	m.loaded[name] = true
	m.logf("loaded module %s", name)
	return true, nil
}

// readModule reads a .ko, decompressing .ko.xz, .ko.zst and .ko.gz.
func readModule(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	switch {
	case strings.HasSuffix(p, ".xz"):
		xr, err := xz.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = xr
	case strings.HasSuffix(p, ".zst"):
		zr, err := zstd.NewReader(f)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	case strings.HasSuffix(p, ".gz"):
		gr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = gr
	}
	return io.ReadAll(io.LimitReader(r, 256<<20))
}

// Coldplug loads the modules for every device present, repeating while loading
// modules brings new devices (a virtio PCI driver reveals virtio devices).
func (m *Modules) Coldplug(sysfs string) (int, error) {
	total := 0
	seen := map[string]bool{}
	var errs []error
	for pass := 0; pass < 6; pass++ {
		aliases := modaliases(sysfs)
		n := 0
		for _, a := range aliases {
			if seen[a] {
				continue
			}
			seen[a] = true
			k, err := m.Load(a)
			if err != nil {
				errs = append(errs, err)
			}
			n += k
		}
		total += n
		if n == 0 {
			break
		}
	}
	return total, errors.Join(errs...)
}

// modaliases lists the modalias of every device on every bus, and of input devices
// (a class, not a bus: evdev binds to them).
func modaliases(sysfs string) []string {
	var out []string
	inputs, _ := filepath.Glob(filepath.Join(sysfs, "class/input/input*/modalias"))
	for _, p := range inputs {
		if v, err := os.ReadFile(p); err == nil && len(bytes.TrimSpace(v)) > 0 {
			out = append(out, string(bytes.TrimSpace(v)))
		}
	}
	buses, _ := os.ReadDir(filepath.Join(sysfs, "bus"))
	for _, b := range buses {
		devs, _ := os.ReadDir(filepath.Join(sysfs, "bus", b.Name(), "devices"))
		for _, d := range devs {
			if v, err := os.ReadFile(filepath.Join(sysfs, "bus", b.Name(), "devices", d.Name(), "modalias")); err == nil {
				if s := strings.TrimSpace(string(v)); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}
