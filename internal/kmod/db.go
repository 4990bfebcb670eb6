package kmod

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
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
	// lazy holds the modules.alias lines of the other buses when only some were parsed
	// (ParseModulesAliasFirst); nil when the whole file was.
	lazy *lazyAliases
}

// lazyAliases are modules.alias lines parsed on the first Resolve that needs them.
type lazyAliases struct {
	eager   map[string]bool // the buses parsed at once, into ModuleDB.aliases
	lines   []string        // the other lines, parsed by once
	once    sync.Once
	aliases map[string][]alias // written by once only
}

// alias is one modules.alias line; prefix is the pattern's literal start (up to its
// first wildcard or escape), which a modalias must start with to match: Resolve
// compares it before the full match (the cloud kernel lists over 600 PCI patterns,
// nearly all of another vendor or device).
type alias struct{ pattern, prefix, module string }

// ModName turns a file name "kernel/drivers/net/virtio_net.ko.xz" into "virtio_net".
func ModName(file string) string {
	b := path.Base(file)
	if i := strings.Index(b, ".ko"); i >= 0 {
		b = b[:i]
	}
	return strings.ReplaceAll(b, "-", "_")
}

// maxIndexFile bounds what ParseModulesDep and ParseModulesAlias read (the largest
// kernels' files are a few MiB).
const maxIndexFile = 64 << 20

// eachLine reads r whole (one allocation that the parsed names share, instead of one per
// line: PID 1 reads these files at every boot, under TCG at some cost) and calls f with
// each line, without its "\n" or a trailing "\r"; *lines (when not nil) is set to
// the number of lines first.
func eachLine(r io.Reader, lines *int, f func(string)) error {
	var sb strings.Builder
	switch f := r.(type) { // the whole file in one buffer, not grown by doubling
	case interface{ Len() int }:
		sb.Grow(min(f.Len(), maxIndexFile) + 1)
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			sb.Grow(int(min(fi.Size(), maxIndexFile)) + 1)
		}
	}
	if _, err := io.Copy(&sb, io.LimitReader(r, maxIndexFile+1)); err != nil {
		return err
	}
	if sb.Len() > maxIndexFile {
		return fmt.Errorf("kmod: index file over %d bytes", maxIndexFile)
	}
	s := sb.String()
	if lines != nil {
		*lines = strings.Count(s, "\n") + 1
	}
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		f(strings.TrimSuffix(line, "\r"))
	}
	return nil
}

// ParseModulesDep reads modules.dep into db.
func (db *ModuleDB) ParseModulesDep(r io.Reader) error {
	n := 0
	defer func() {
		if db.Path == nil { // an empty file
			db.Path, db.Deps = map[string]string{}, map[string][]string{}
		}
	}()
	return eachLine(r, &n, func(line string) {
		if db.Path == nil { // sized for the file's lines, known by now
			db.Path, db.Deps = make(map[string]string, n), make(map[string][]string, n)
		}
		file, deps, ok := strings.Cut(line, ":")
		if !ok {
			return
		}
		name := ModName(file)
		db.Path[name] = strings.TrimSpace(file)
		var ds []string
		if n := countFields(deps); n > 0 {
			ds = make([]string, 0, n)
			for rest := deps; ; {
				var f string
				if f, rest = nextField(rest); f == "" {
					break
				}
				ds = append(ds, ModName(f))
			}
		}
		db.Deps[name] = ds
	})
}

// nextField returns the first field of s separated by ASCII white space (what these
// files use) and the rest after it; "" when s has no more.
func nextField(s string) (field, rest string) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	return s[i:j], s[j:]
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func countFields(s string) int {
	n := 0
	for f, rest := nextField(s); f != ""; f, rest = nextField(rest) {
		n++
	}
	return n
}

// ParseModulesAlias reads modules.alias into db.
func (db *ModuleDB) ParseModulesAlias(r io.Reader) error {
	if db.aliases == nil {
		db.aliases = map[string][]alias{}
	}
	if db.lazy != nil { // after ParseModulesAliasFirst: everything parsed from now on
		for _, l := range db.lazy.lines {
			addAlias(db.aliases, l)
		}
		db.lazy = nil
	}
	return eachLine(r, nil, func(line string) { addAlias(db.aliases, line) })
}

// ParseModulesAliasFirst reads modules.alias into db, parsing at once only the patterns
// of the given buses ("pci", "virtio", ...); the other lines are kept as they are and
// parsed when Resolve first meets a modalias of another bus. A boot's first coldplug
// (the disks' and NICs' drivers) then pays for a quarter of the cloud kernel's 2,400
// patterns (612 PCI ones, and 412 HID, 216 CPU, 70 ACPI ones it does not need yet).
// Resolve answers as after ParseModulesAlias.
func (db *ModuleDB) ParseModulesAliasFirst(r io.Reader, buses []string) error {
	if db.aliases == nil {
		db.aliases = map[string][]alias{}
	}
	lz := &lazyAliases{eager: map[string]bool{}}
	for _, b := range buses {
		lz.eager[b] = true
	}
	add := func(line string) {
		if name, pat := nextField(line); name == "alias" {
			if p, _ := nextField(pat); !lz.eager[bus(p)] {
				lz.lines = append(lz.lines, line)
				return
			}
		}
		addAlias(db.aliases, line)
	}
	if db.lazy != nil { // a second file: the first one's lines not parsed yet as well
		for _, l := range db.lazy.lines {
			add(l)
		}
	}
	err := eachLine(r, nil, add)
	db.lazy = lz
	return err
}

// addAlias parses one modules.alias line into m (other lines are ignored).
func addAlias(m map[string][]alias, line string) {
	var f [3]string
	rest := line
	for i := range f {
		f[i], rest = nextField(rest)
	}
	if f[0] != "alias" || f[2] == "" {
		return
	}
	if more, _ := nextField(rest); more != "" {
		return // more than three fields
	}
	pre := f[1]
	if i := strings.IndexAny(pre, "*?[\\"); i >= 0 {
		pre = pre[:i]
	}
	b := bus(f[1])
	m[b] = append(m[b], alias{f[1], pre, strings.ReplaceAll(f[2], "-", "_")})
}

// patterns returns the alias patterns of bus b, parsing the lazily kept lines first when
// b is not among the buses parsed at once. Safe for concurrent use once parsing is done.
func (db *ModuleDB) patterns(b string) []alias {
	if db.lazy == nil || db.lazy.eager[b] {
		return db.aliases[b]
	}
	lz := db.lazy
	lz.once.Do(func() {
		lz.aliases = map[string][]alias{}
		for _, l := range lz.lines {
			addAlias(lz.aliases, l)
		}
		lz.lines = nil
	})
	if len(db.aliases[b]) == 0 { // a bus eager in an earlier file only: both
		return lz.aliases[b]
	}
	return append(slices.Clip(db.aliases[b]), lz.aliases[b]...)
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
	for _, a := range db.patterns(bus(modalias)) {
		if !strings.HasPrefix(modalias, a.prefix) {
			continue
		}
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
