package kmod

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
)

// MaxModuleSize bounds a module's decompressed size (the largest real ones, amdgpu and
// xfs, are a few MiB).
const MaxModuleSize = 256 << 20

// compressedSuffixes are the compressions kmod reads modules in (.ko.xz, .ko.zst, .ko.gz).
var compressedSuffixes = []string{".xz", ".zst", ".gz"}

// PlainPath is a module's path with its compression suffix dropped:
// "kernel/fs/xfs/xfs.ko.xz" becomes "kernel/fs/xfs/xfs.ko".
func PlainPath(p string) string {
	for _, s := range compressedSuffixes {
		if strings.HasSuffix(p, ".ko"+s) {
			return strings.TrimSuffix(p, s)
		}
	}
	return p
}

// isModule reports whether a file name is a module, compressed or not.
func isModule(name string) bool { return strings.HasSuffix(PlainPath(name), ".ko") }

// ReadModule reads a module file of fsys, decompressing it when it is compressed.
func ReadModule(fsys fs.FS, p string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	if PlainPath(p) == p {
		return data, nil
	}
	out, err := compress.ReadAll(data, MaxModuleSize)
	if err != nil {
		return nil, fmt.Errorf("module %s: %w", p, err)
	}
	return out, nil
}

// File is a module Closure read: its .modinfo, with Path the plain .ko path, and its
// (decompressed) contents.
type File struct {
	Module
	Data []byte
}

// Closure reads the named modules and, transitively, the modules their .modinfo
// "depends" names, from fsys (a /lib/modules/VERSION tree, modules.dep not needed).
// Names are module names ("virtio-net" and "virtio_net" are the same); a name with no
// module file in fsys is built into the kernel and skipped. The files come back sorted
// by Path, ready for Generate.
func Closure(fsys fs.FS, names ...string) ([]File, error) {
	files := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isModule(d.Name()) {
			if _, dup := files[ModName(p)]; !dup {
				files[ModName(p)] = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing modules: %w", err)
	}
	var out []File
	seen := map[string]bool{}
	queue := append([]string{}, names...)
	for len(queue) > 0 {
		n := normalize(queue[0])
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		p, ok := files[n]
		if !ok {
			continue // built in
		}
		data, err := ReadModule(fsys, p)
		if err != nil {
			return nil, err
		}
		m, err := ReadModinfo(PlainPath(p), data)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Module: m, Data: data})
		queue = append(queue, m.Depends...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Modules returns the index entries of files, for Generate.
func Modules(files []File) []Module {
	mods := make([]Module, len(files))
	for i, f := range files {
		mods[i] = f.Module
	}
	return mods
}

// Names returns the index's file names, sorted.
func (x Index) Names() []string {
	names := make([]string, 0, len(x))
	for n := range x {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Closure returns the named modules and their dependencies as modules.dep lists them,
// dependencies first, each once; names not in modules.dep (built in) are skipped.
func (db *ModuleDB) Closure(names ...string) []string {
	var order []string
	seen := map[string]bool{}
	for _, m := range names {
		for _, n := range db.LoadOrder(m) {
			if _, ok := db.Path[n]; ok && !seen[n] {
				seen[n] = true
				order = append(order, n)
			}
		}
	}
	return order
}

// SubsetDep writes the modules.dep lines of names (each with its dependencies in the
// database's order) with compression suffixes dropped from the paths: the modules.dep of
// a tree that carries just those modules, decompressed.
func (db *ModuleDB) SubsetDep(names []string) []byte {
	var dep bytes.Buffer
	for _, n := range names {
		dep.WriteString(PlainPath(db.Path[n]) + ":")
		for _, d := range db.Deps[n] {
			dep.WriteString(" " + PlainPath(db.Path[d]))
		}
		dep.WriteByte('\n')
	}
	return dep.Bytes()
}
