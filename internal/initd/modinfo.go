package initd

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// ModInfo is the .modinfo section of a kernel module: what depmod reads to write
// modules.dep and modules.alias. Images (and the test initramfs) generate those files
// with it, for the subset of modules they carry, since Debian's kernel package leaves
// them to depmod at install time.
type ModInfo struct {
	Name    string
	File    string // path relative to /lib/modules/VERSION
	Depends []string
	Aliases []string
}

// ParseModInfo reads the .modinfo section of an (uncompressed) module ELF file.
func ParseModInfo(r io.ReaderAt, file string) (*ModInfo, error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	sec := f.Section(".modinfo")
	if sec == nil {
		return nil, fmt.Errorf("%s: no .modinfo section", file)
	}
	if sec.Size > 1<<20 {
		return nil, fmt.Errorf("%s: .modinfo too large", file)
	}
	data, err := sec.Data()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return ParseModInfoSection(data, file), nil
}

// ParseModInfoSection decodes the NUL-separated key=value strings of .modinfo.
func ParseModInfoSection(data []byte, file string) *ModInfo {
	mi := &ModInfo{Name: ModName(file), File: file}
	for _, kv := range bytes.Split(data, []byte{0}) {
		k, v, ok := strings.Cut(string(kv), "=")
		if !ok {
			continue
		}
		switch k {
		case "name":
			if v != "" {
				mi.Name = strings.ReplaceAll(v, "-", "_")
			}
		case "depends":
			for _, d := range strings.Split(v, ",") {
				if d = strings.TrimSpace(d); d != "" {
					mi.Depends = append(mi.Depends, strings.ReplaceAll(d, "-", "_"))
				}
			}
		case "alias":
			if v != "" {
				mi.Aliases = append(mi.Aliases, v)
			}
		}
	}
	return mi
}

// WriteModulesDB writes modules.dep and modules.alias for mods. Each module's line in
// modules.dep lists its transitive dependencies, deepest last, like depmod; a dependency
// that is not among mods is an error (the image would fail to load the module).
func WriteModulesDB(mods []*ModInfo, dep, alias io.Writer) error {
	by := map[string]*ModInfo{}
	for _, m := range mods {
		by[m.Name] = m
	}
	sorted := append([]*ModInfo{}, mods...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].File < sorted[j].File })
	var errs []error
	for _, m := range sorted {
		var chain []string
		seen := map[string]bool{m.Name: true}
		var walk func(n *ModInfo, depth int)
		walk = func(n *ModInfo, depth int) {
			for _, d := range n.Depends {
				if seen[d] || depth > 64 {
					continue
				}
				seen[d] = true
				dm := by[d]
				if dm == nil {
					errs = append(errs, fmt.Errorf("%s needs %s, which is not included", m.Name, d))
					continue
				}
				chain = append(chain, dm.File)
				walk(dm, depth+1)
			}
		}
		walk(m, 0)
		if _, err := fmt.Fprintf(dep, "%s: %s\n", m.File, strings.Join(chain, " ")); err != nil {
			return err
		}
		for _, a := range m.Aliases {
			if _, err := fmt.Fprintf(alias, "alias %s %s\n", a, m.Name); err != nil {
				return err
			}
		}
	}
	return errors.Join(errs...)
}
