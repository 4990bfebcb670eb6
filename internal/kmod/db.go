package kmod

import (
	"bufio"
	"io"
	"path"
	"strings"
)

// ModuleDB is what modprobe knows: modules.dep (each module's file and dependencies)
// and modules.alias (modalias patterns to module names). Module names are normalised
// with "-" replaced by "_", like the kernel does.
type ModuleDB struct {
	// Path maps a module name to its file, relative to /lib/modules/VERSION.
	Path map[string]string
	// Deps maps a module name to the names of the modules it needs, in modules.dep order
	// (which lists the deepest dependency last).
	Deps map[string][]string
	// aliases by the text before the first ':' of the pattern (the bus), for speed.
	aliases map[string][]alias
}

type alias struct{ pattern, module string }

// ModName turns a file name "kernel/drivers/net/virtio_net.ko.xz" into "virtio_net".
func ModName(file string) string {
	b := path.Base(file)
	if i := strings.Index(b, ".ko"); i >= 0 {
		b = b[:i]
	}
	return strings.ReplaceAll(b, "-", "_")
}

// ParseModulesDep reads modules.dep into db.
func (db *ModuleDB) ParseModulesDep(r io.Reader) error {
	if db.Path == nil {
		db.Path, db.Deps = map[string]string{}, map[string][]string{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		file, deps, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		name := ModName(file)
		db.Path[name] = strings.TrimSpace(file)
		var ds []string
		for _, d := range strings.Fields(deps) {
			ds = append(ds, ModName(d))
		}
		db.Deps[name] = ds
	}
	return sc.Err()
}

// ParseModulesAlias reads modules.alias into db.
func (db *ModuleDB) ParseModulesAlias(r io.Reader) error {
	if db.aliases == nil {
		db.aliases = map[string][]alias{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "alias" {
			continue
		}
		db.aliases[bus(f[1])] = append(db.aliases[bus(f[1])], alias{f[1], strings.ReplaceAll(f[2], "-", "_")})
	}
	return sc.Err()
}

func bus(s string) string {
	if i := strings.IndexAny(s, ":*?["); i >= 0 {
		return s[:i]
	}
	return s
}

// Resolve returns the modules whose alias patterns match modalias (a device's modalias,
// or a name given to modprobe), or the module itself when modalias names one.
func (db *ModuleDB) Resolve(modalias string) []string {
	if n := strings.ReplaceAll(modalias, "-", "_"); db.Path[n] != "" {
		return []string{n}
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range db.aliases[bus(modalias)] {
		if ok, _ := path.Match(a.pattern, modalias); ok && !seen[a.module] {
			seen[a.module] = true
			out = append(out, a.module)
		}
	}
	return out
}

// LoadOrder returns name and its dependencies, dependencies first, each once.
func (db *ModuleDB) LoadOrder(name string) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(n string, depth int)
	visit = func(n string, depth int) {
		if seen[n] || depth > 64 {
			return
		}
		seen[n] = true
		deps := db.Deps[n]
		for i := len(deps) - 1; i >= 0; i-- {
			visit(deps[i], depth+1)
		}
		out = append(out, n)
	}
	visit(strings.ReplaceAll(name, "-", "_"), 0)
	return out
}
