// Package kmod is the kernel-module wing: what depmod and modprobe know about a module
// tree, without touching the system. It reads a module's .modinfo section (name,
// depends, alias, softdep) and symbol tables with debug/elf; generates the index files
// a module tree needs (modules.dep, modules.alias, modules.softdep) in kmod's depmod
// order, so a kernel package or an image can carry them without running depmod
// (Debian's kernel packages do not ship them; their postinst runs depmod); reads them
// back (ModuleDB: modalias resolution, load order); and walks the dependency closure of
// named modules over an fs.FS. It is pure: module trees come in as fs.FS or bytes;
// loading modules into the running kernel stays in internal/initd.
package kmod

import (
	"bytes"
	"debug/elf"
	"fmt"
	"sort"
	"strings"
)

// Module is what the index needs from one .ko file.
type Module struct {
	Path    string // relative to /lib/modules/KVER: "kernel/fs/ext4/ext4.ko"
	Name    string // module name with '-' folded to '_'
	Depends []string
	Aliases []string
	Softdep []string
	// Exports are the symbols the module exports (its __ksymtab_NAME symbols); Needs
	// are the symbols it imports, in symbol-table order (the order depmod resolves
	// them in).
	Exports []string
	Needs   []string
}

// ReadModinfo reads an (uncompressed) module's ELF file: its .modinfo section
// (ParseModinfoSection) and the symbols it exports and needs. Corrupt files are errors,
// never panics.
func ReadModinfo(relPath string, data []byte) (m Module, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: corrupt ELF file: %v", relPath, p)
		}
	}()
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return Module{}, fmt.Errorf("%s: %w", relPath, err)
	}
	s := f.Section(".modinfo")
	if s == nil {
		return Module{}, fmt.Errorf("%s: no .modinfo section", relPath)
	}
	if s.Size > 16<<20 {
		return Module{}, fmt.Errorf("%s: .modinfo of %d bytes", relPath, s.Size)
	}
	info, err := s.Data()
	if err != nil {
		return Module{}, fmt.Errorf("%s: reading .modinfo: %w", relPath, err)
	}
	m = ParseModinfoSection(relPath, info)
	if syms, err := f.Symbols(); err == nil {
		for _, sym := range syms {
			if n, ok := strings.CutPrefix(sym.Name, "__ksymtab_"); ok && sym.Section != elf.SHN_UNDEF {
				m.Exports = append(m.Exports, n)
			}
		}
		for _, sym := range syms {
			if sym.Section == elf.SHN_UNDEF && sym.Name != "" {
				m.Needs = append(m.Needs, sym.Name)
			}
		}
	}
	return m, nil
}

// ParseModinfoSection decodes the contents of a .modinfo section: NUL-separated
// key=value strings. A module without a "name" key is named after its file.
func ParseModinfoSection(relPath string, info []byte) Module {
	m := Module{Path: relPath}
	for _, kv := range bytes.Split(info, []byte{0}) {
		k, v, ok := bytes.Cut(kv, []byte("="))
		if !ok {
			continue
		}
		switch string(k) {
		case "name":
			m.Name = normalize(string(v))
		case "depends":
			for _, d := range strings.Split(string(v), ",") {
				if d != "" {
					m.Depends = append(m.Depends, normalize(d))
				}
			}
		case "alias":
			m.Aliases = append(m.Aliases, string(v))
		case "softdep":
			m.Softdep = append(m.Softdep, string(v))
		}
	}
	if m.Name == "" {
		m.Name = ModName(relPath)
	}
	return m
}

func normalize(n string) string { return strings.ReplaceAll(n, "-", "_") }

// depOrder is a module's direct dependencies in depmod's order (first needed symbol
// first) when its symbol tables give the same set as its modinfo "depends", else in
// modinfo order.
func depOrder(m Module, exporter map[string]int, byName map[string]int) []string {
	want := map[int]string{}
	for _, d := range m.Depends {
		if k, ok := byName[d]; ok {
			want[k] = d
		}
	}
	var out []string
	got := map[int]bool{}
	for _, s := range m.Needs {
		k, ok := exporter[s]
		if !ok || got[k] {
			continue
		}
		name, ok := want[k]
		if !ok {
			return m.Depends
		}
		got[k] = true
		out = append(out, name)
	}
	if len(out) != len(want) {
		return m.Depends
	}
	return out
}

// Index is the generated files, by name.
type Index map[string][]byte

// Generate writes modules.dep, modules.alias and modules.softdep for the modules.
// order is the kernel's modules.order (may be empty). Modules are listed in load
// order (modules.order position, then the others by path), each with the transitive
// closure of its dependencies, most dependent first, as depmod lists them: modprobe
// loads a line's dependencies from the last to the first.
func Generate(mods []Module, order []string) (Index, error) {
	pos := map[string]int{}
	for i, p := range order {
		if _, ok := pos[p]; !ok {
			pos[p] = i
		}
	}
	sorted := append([]Module(nil), mods...)
	idx := func(m Module) int {
		if i, ok := pos[m.Path]; ok {
			return i
		}
		return len(order)
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := idx(sorted[i]), idx(sorted[j])
		if a != b {
			return a < b
		}
		return sorted[i].Path < sorted[j].Path
	})
	byName := map[string]int{}
	for i, m := range sorted {
		if _, dup := byName[m.Name]; !dup {
			byName[m.Name] = i
		}
	}
	// depmod's dependency order: a topological sort of the "is needed by" graph with
	// Kahn's algorithm, roots (modules nothing needs) taken from a stack filled in
	// module order, each module's direct dependencies released in their own order.
	// A line's dependencies are then listed by that sort index, so a module comes
	// before the ones it needs.
	exporter := map[string]int{}
	for i, m := range sorted {
		for _, e := range m.Exports {
			if _, ok := exporter[e]; !ok {
				exporter[e] = i
			}
		}
	}
	direct := make([][]int, len(sorted))
	users := make([]int, len(sorted))
	for i, m := range sorted {
		seen := map[int]bool{}
		for _, d := range depOrder(m, exporter, byName) {
			k, ok := byName[d]
			if !ok {
				return nil, fmt.Errorf("%s depends on %s, which no module provides", m.Path, d)
			}
			if !seen[k] && k != i {
				seen[k] = true
				direct[i] = append(direct[i], k)
				users[k]++
			}
		}
	}
	sortIdx := make([]int, len(sorted))
	for i := range sortIdx {
		sortIdx[i] = -1
	}
	var roots []int
	for i := range sorted {
		if users[i] == 0 {
			roots = append(roots, i)
		}
	}
	n := 0
	for len(roots) > 0 {
		src := roots[len(roots)-1]
		roots = roots[:len(roots)-1]
		sortIdx[src] = n
		n++
		for _, dst := range direct[src] {
			users[dst]--
			if users[dst] == 0 {
				roots = append(roots, dst)
			}
		}
	}
	for i := range sortIdx {
		if sortIdx[i] < 0 { // in a cycle: after everything else, in module order
			sortIdx[i] = n
			n++
		}
	}
	var dep, alias, soft bytes.Buffer
	for i, m := range sorted {
		all := map[int]bool{}
		var visit func(j int, chain []string) error
		visit = func(j int, chain []string) error {
			for _, d := range sorted[j].Depends {
				k, ok := byName[d]
				if !ok {
					return fmt.Errorf("%s depends on %s, which no module provides", sorted[j].Path, d)
				}
				if k == i || all[k] {
					continue
				}
				all[k] = true
				if err := visit(k, append(chain, d)); err != nil {
					return err
				}
			}
			return nil
		}
		if err := visit(i, nil); err != nil {
			return nil, err
		}
		deps := make([]int, 0, len(all))
		for k := range all {
			deps = append(deps, k)
		}
		sort.Slice(deps, func(a, b int) bool { return sortIdx[deps[a]] < sortIdx[deps[b]] })
		dep.WriteString(m.Path + ":")
		for _, k := range deps {
			dep.WriteString(" " + sorted[k].Path)
		}
		dep.WriteString("\n")
		for _, a := range m.Aliases {
			fmt.Fprintf(&alias, "alias %s %s\n", a, m.Name)
		}
		for _, s := range m.Softdep {
			fmt.Fprintf(&soft, "softdep %s %s\n", m.Name, s)
		}
	}
	return Index{
		"modules.dep":     dep.Bytes(),
		"modules.alias":   append([]byte("# Aliases extracted from modules themselves.\n"), alias.Bytes()...),
		"modules.softdep": append([]byte("# Soft dependencies extracted from modules themselves.\n"), soft.Bytes()...),
	}, nil
}
