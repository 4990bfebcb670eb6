package units

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// SearchPath is where units are looked up, in priority order (paths relative to the root
// of the Loader's file system), like systemd's system unit path, the generators' output
// directories included (generators.go).
var SearchPath = []string{"run/systemd/generator.early", "etc/systemd/system", "run/systemd/system",
	"run/systemd/generator", "usr/local/lib/systemd/system", "usr/lib/systemd/system", "lib/systemd/system",
	"run/systemd/generator.late"}

// DefaultTarget is the target started at boot.
const DefaultTarget = "multi-user.target"

// wellKnownTargets exist even without a unit file, so that packaged units' After= and
// WantedBy= references resolve; "default.target" is an alias of DefaultTarget.
var wellKnownTargets = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"multi-user.target": true, "basic.target": true, "sysinit.target": true, "local-fs.target": true,
		"network.target": true, "network-online.target": true, "network-pre.target": true, "remote-fs.target": true,
		"nss-lookup.target": true, "time-sync.target": true, "paths.target": true, "sockets.target": true,
		"timers.target": true, "shutdown.target": true, "cloud-init.target": true, "cloud-config.target": true,
		"getty.target": true, "graphical.target": true, "sshd-keygen.target": true, "default.target": true,
	}
}}

// implicitDeps are what the well-known targets want and are ordered after when no unit
// file declares them, as systemd's own target files do: the boot's multi-user.target pulls
// in basic.target, which pulls in the socket, timer and path units enabled there.
var implicitDeps = lazy.Value[map[string][]string]{New: func() map[string][]string {
	return map[string][]string{
		"multi-user.target": {"basic.target"},
		"graphical.target":  {"multi-user.target"},
		"basic.target":      {"sysinit.target", "sockets.target", "timers.target", "paths.target"},
	}
}}

// ErrNoUnit is returned when a unit has no file (wrapped in *LoadError).
var ErrNoUnit = errors.New("unit not found")

// ErrMasked is returned for a unit whose file is a symlink to /dev/null.
var ErrMasked = errors.New("unit is masked")

// LoadError says which unit failed to load and why.
type LoadError struct {
	Unit string
	Err  error
}

func (e *LoadError) Error() string { return "loading " + e.Unit + ": " + e.Err.Error() }
func (e *LoadError) Unwrap() error { return e.Err }

// Loader finds unit files, their drop-ins and enablement links in a root file system.
type Loader struct {
	FS   fs.FS
	Dirs []string // default SearchPath
	// Host is what host specifiers (%H %m %b %v ...) expand to; nil expands them empty.
	Host *Host

	listing *dirListing // set on a Snapshot only
}

// dirListing remembers the names in each search directory, read once.
type dirListing struct {
	mu    sync.Mutex
	names map[string]map[string]bool // nil set: directory unreadable for another reason than absence
	read  map[string]bool
}

// Snapshot returns a loader that lists each search directory once and looks up only the
// names that are there: a unit costs a few file reads instead of some thirty lookups
// that mostly fail (the unit file in eight directories, NAME.d, NAME.wants and
// NAME.requires in each), which counts under emulation, where each system call is slow.
// It does not see files created after their directory was listed: use it for one
// transaction's loads (Manager.Start's closure), then drop it.
func (l *Loader) Snapshot() *Loader {
	c := *l
	c.listing = &dirListing{names: map[string]map[string]bool{}, read: map[string]bool{}}
	return &c
}

// has reports whether dir/name may exist: false only when a snapshot's listing of dir
// lacks it.
func (l *Loader) has(dir, name string) bool {
	c := l.listing
	if c == nil {
		return true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.read[dir] {
		c.read[dir] = true
		ents, err := fs.ReadDir(l.FS, dir)
		switch {
		case err == nil:
			set := make(map[string]bool, len(ents))
			for _, e := range ents {
				set[e.Name()] = true
			}
			c.names[dir] = set
		case errors.Is(err, fs.ErrNotExist):
			c.names[dir] = map[string]bool{}
		default:
			c.names[dir] = nil // unknown: look each name up
		}
	}
	set := c.names[dir]
	return set == nil || set[name]
}

func (l *Loader) dirs() []string {
	if l.Dirs != nil {
		return l.Dirs
	}
	return SearchPath
}

// Load builds the named unit from its file. A unit file that is a symlink to a unit file
// of another name makes the name an alias (Install.Alias=, or a package's link): the unit
// loaded is the target, under the target's name (the first in the search path; for a template
// instance "a@b.service" the template "a@.service" when there is no instance file), its
// drop-ins ("NAME.d/*.conf", also the template's, ordered by file name, the first
// directory winning for equal names), and the .wants/.requires directories naming it.
func (l *Loader) Load(name string) (*Unit, error) {
	return l.load(name, 0)
}

func (l *Loader) load(name string, depth int) (*Unit, error) {
	if name == "default.target" {
		name = DefaultTarget
	}
	if err := ValidName(name); err != nil {
		return nil, &LoadError{name, err}
	}
	var files []*File
	main, alias, err := l.find(name)
	if errors.Is(err, ErrNoUnit) {
		if p, inst := unitPrefixInstance(name); inst != "" {
			var tmplAlias string
			main, tmplAlias, err = l.find(p + "@" + unitSuffix(name))
			if tmplAlias != "" { // an aliased template: the same instance of the target
				tp, _ := unitPrefixInstance(tmplAlias)
				alias = tp + "@" + inst + unitSuffix(name)
			}
		}
	}
	if alias != "" {
		if depth > 8 {
			return nil, &LoadError{name, fmt.Errorf("too many levels of aliases")}
		}
		return l.load(alias, depth+1)
	}
	switch {
	case errors.Is(err, ErrNoUnit) && wellKnownTargets.Get()[name]:
	case err != nil:
		return nil, &LoadError{name, err}
	default:
		files = append(files, main)
	}
	dropins, err := l.dropIns(name)
	if err != nil {
		return nil, &LoadError{name, err}
	}
	files = append(files, dropins...)
	u, err := BuildHost(name, l.Host, files...)
	if err != nil {
		return nil, &LoadError{name, err}
	}
	if main == nil {
		u.Wants = appendNew(u.Wants, implicitDeps.Get()[name]...)
		u.After = appendNew(u.After, implicitDeps.Get()[name]...)
	}
	wants, requires := l.linked(name)
	u.Wants = appendNew(u.Wants, wants...)
	u.Requires = appendNew(u.Requires, requires...)
	return u, nil
}

// ValidName accepts unit names Nimbus can run: NAME.service or NAME.target without slashes.
func ValidName(name string) error {
	if strings.ContainsAny(name, "/\x00") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("invalid unit name %q", name)
	}
	switch unitSuffix(name) {
	case ".service", ".target", ".timer", ".socket":
		return nil
	}
	return fmt.Errorf("unit type of %q is not supported (only .service, .socket, .target and .timer)", name)
}

// find reads the first file named name in the search path; a symlink to /dev/null masks
// it, a symlink to a unit file of another name makes name an alias of that name
// (returned instead of a file). Absolute link targets are read inside the loader's root.
func (l *Loader) find(name string) (*File, string, error) {
	for _, d := range l.dirs() {
		if !l.has(d, name) {
			continue
		}
		p := path.Join(d, name)
		if target, err := fs.ReadLink(l.FS, p); err == nil {
			if target == "/dev/null" {
				return nil, "", ErrMasked
			}
			if b := path.Base(target); b != name && ValidName(b) == nil {
				return nil, b, nil
			}
			if path.IsAbs(target) {
				p = strings.TrimPrefix(path.Clean(target), "/")
			} else {
				p = path.Join(d, target)
			}
		}
		b, err := fs.ReadFile(l.FS, p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		f, err := Parse("/"+p, strings.NewReader(string(b)))
		return f, "", err
	}
	return nil, "", ErrNoUnit
}

func (l *Loader) dropIns(name string) ([]*File, error) {
	dirs := []string{name + ".d"}
	if p, inst := unitPrefixInstance(name); inst != "" {
		dirs = []string{p + "@" + unitSuffix(name) + ".d", name + ".d"}
	}
	var out []*File
	for _, dd := range dirs {
		chosen := map[string]string{}
		for _, d := range l.dirs() {
			if !l.has(d, dd) {
				continue
			}
			ents, err := fs.ReadDir(l.FS, path.Join(d, dd))
			if err != nil {
				continue
			}
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".conf") && chosen[e.Name()] == "" {
					chosen[e.Name()] = path.Join(d, dd, e.Name())
				}
			}
		}
		names := make([]string, 0, len(chosen))
		for n := range chosen {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := fs.ReadFile(l.FS, chosen[n])
			if err != nil {
				return nil, err
			}
			f, err := Parse("/"+chosen[n], strings.NewReader(string(b)))
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// linked lists the units named in NAME.wants/ and NAME.requires/ in every search directory.
func (l *Loader) linked(name string) (wants, requires []string) {
	for _, d := range l.dirs() {
		for _, kind := range []string{".wants", ".requires"} {
			if !l.has(d, name+kind) {
				continue
			}
			ents, err := fs.ReadDir(l.FS, path.Join(d, name+kind))
			if err != nil {
				continue
			}
			for _, e := range ents {
				if ValidName(e.Name()) != nil {
					continue
				}
				if kind == ".wants" {
					wants = appendNew(wants, e.Name())
				} else {
					requires = appendNew(requires, e.Name())
				}
			}
		}
	}
	return wants, requires
}

// Names lists every unit file name in the search path (for list-units and daemon-reload).
func (l *Loader) Names() []string {
	seen := map[string]bool{}
	for _, d := range l.dirs() {
		ents, err := fs.ReadDir(l.FS, d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			n := e.Name()
			if ValidName(n) == nil && !strings.Contains(n, "@.") {
				seen[n] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func appendNew(dst []string, items ...string) []string {
	for _, it := range items {
		found := false
		for _, d := range dst {
			if d == it {
				found = true
				break
			}
		}
		if !found {
			dst = append(dst, it)
		}
	}
	return dst
}
