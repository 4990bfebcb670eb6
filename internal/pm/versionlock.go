package pm

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// dnf's versionlock plugin (dnf-plugins-core 4.3's versionlock.py), built in: the lock
// list pins packages to versions (`dnf versionlock add kubelet`, as Amazon Linux's EKS
// images do) and excludes others (`versionlock exclude`). Its configuration,
// pluginconfpath/versionlock.conf ([main] enabled, locklist), and the lock list are read
// and written inside the install root through os.Root; dnf reads the host's with
// --installroot (it does not prefix pluginconfpath). Without a versionlock.conf the
// plugin's shipped defaults hold (enabled, /etc/dnf/plugins/versionlock.list).

// VersionLockList is the plugin's default lock list.
const VersionLockList = "/etc/dnf/plugins/versionlock.list"

// VersionLock is the plugin's state for this command.
type VersionLock struct {
	Enabled bool   // plugins on, not disabled by --noplugins/--disableplugin or its conf
	List    string // the lock list (a path in the root; "" when the conf unsets it)
}

// VersionLockConf reads the plugin's configuration.
func (b *Base) VersionLockConf() (VersionLock, error) {
	vl := VersionLock{Enabled: true, List: VersionLockList}
	for _, d := range b.Main.PluginConfPath {
		f := path.Join(d, "versionlock.conf")
		data, err := b.readInRoot(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return vl, err
		}
		pc, err := repo.ParsePluginConf(bytes.NewReader(data), f)
		if err != nil {
			return vl, err
		}
		vl.Enabled, vl.List = pc.Enabled, pc.Keys["locklist"]
		break
	}
	// dnf: --enableplugin loads a plugin its conf or --disableplugin turned off;
	// plugins=0 and --noplugins load none
	enabled := globMatch(b.cfg.EnablePlugins, "versionlock")
	if globMatch(b.cfg.DisablePlugins, "versionlock") && !enabled {
		vl.Enabled = false
	}
	vl.Enabled = (vl.Enabled || enabled) && b.Main.Plugins && !b.cfg.NoPlugins
	return vl, nil
}

// readInRoot reads a file of the install root through os.Root.
func (b *Base) readInRoot(p string) ([]byte, error) {
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return nil, fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	return rt.ReadFile(strings.TrimPrefix(path.Clean("/"+p), "/"))
}

// LockEntries are the lock list's entries (comments and blank lines left out), as the
// plugin's _read_locklist gives them.
func (b *Base) LockEntries(vl VersionLock) ([]string, error) {
	if vl.List == "" {
		return nil, errors.New("Locklist not set")
	}
	data, err := b.readInRoot(vl.List)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no list yet: nothing locked (dnf's plugin package ships an empty one)
	}
	if err != nil {
		return nil, fmt.Errorf("Unable to read version lock configuration: %w", err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, strings.TrimSpace(l))
	}
	return out, nil
}

// lockMatch is the plugin's _match: an entry (without its "!") equals a pattern, or one of
// its NEVRA's shortened forms matches a pattern as fnmatch does.
func lockMatch(ent string, patterns []string) bool {
	ent = strings.TrimPrefix(ent, "!")
	if slices.Contains(patterns, ent) {
		return true
	}
	n, ok := parseNEVRA(ent, FormNEVRA)
	if !ok {
		return false
	}
	e := n.epoch
	if e == "" {
		e = "0"
	}
	for _, name := range []string{
		n.name, n.name + "." + n.arch, n.name + "-" + n.version, n.name + "-" + n.version + "-" + n.release,
		n.name + "-" + e + ":" + n.version, n.name + "-" + n.version + "-" + n.release + "." + n.arch,
		n.name + "-" + e + ":" + n.version + "-" + n.release, e + ":" + n.name + "-" + n.version + "-" + n.release + "." + n.arch,
		n.name + "-" + e + ":" + n.version + "-" + n.release + "." + n.arch,
	} {
		for _, p := range patterns {
			if ok, _ := path.Match(p, name); ok {
				return true
			}
		}
	}
	return false
}

// VersionLockResult is what versionlock add/exclude/delete did, in the plugin's words.
type VersionLockResult struct {
	Lines []string // printed on stdout ("Adding versionlock on: ...", "No package found for: ...")
	Notes []string // logged at info level ("Package already locked in equivalent form: ...")
}

// VersionLockAdd is `versionlock add` (exclude false) or `versionlock exclude`: each spec
// that no entry matches is resolved (add: installed packages first) and appended as
// "name-epoch:version-release.*" under a "# Added lock on DATE" comment ("!" in front for
// an exclude); raw appends the specs as given. A spec an entry of the other kind matches
// is an error.
func (b *Base) VersionLockAdd(vl VersionLock, specs []string, raw, exclude bool, now time.Time) (VersionLockResult, error) {
	var res VersionLockResult
	entries, err := b.LockEntries(vl)
	if err != nil {
		return res, err
	}
	var add []string
	for _, spec := range specs {
		matched := false
		for _, ent := range entries {
			if !lockMatch(ent, []string{spec}) {
				continue
			}
			matched = true
			switch isExcl := strings.HasPrefix(ent, "!"); {
			case isExcl && !exclude:
				return res, fmt.Errorf("Package %s is already excluded", ent)
			case !isExcl && exclude:
				return res, fmt.Errorf("Package %s is already locked", ent)
			}
			res.Notes = append(res.Notes, "Package already locked in equivalent form: "+ent)
		}
		if matched {
			continue
		}
		if raw {
			add = append(add, spec)
			continue
		}
		var ids []solver.ID
		if !exclude {
			ids = b.subject(spec, nil, false, func(id solver.ID) bool { return b.Installed[id] != nil }).ids
		}
		if len(ids) == 0 {
			ids = b.subject(spec, nil, false, func(id solver.ID) bool { return true }).ids
		}
		if len(ids) == 0 {
			res.Lines = append(res.Lines, "No package found for: "+spec)
		}
		for _, id := range ids {
			s := b.Pool.Solvable(id)
			e := evr.ParseLax(s.EVR)
			if e.Epoch == "" {
				e.Epoch = "0"
			}
			add = append(add, fmt.Sprintf("%s-%s:%s-%s.*", s.Name, e.Epoch, e.Version, e.Release))
		}
	}
	slices.Sort(add)
	add = slices.Compact(add)
	if len(add) == 0 {
		return res, nil
	}
	word, prefix, comment := "Adding versionlock on:", "", "\n# Added lock on "
	if exclude {
		word, prefix, comment = "Adding exclude on:", "!", "\n# Added exclude on "
	}
	text := comment + now.Format("Mon Jan _2 15:04:05 2006") + "\n"
	for _, a := range add {
		res.Lines = append(res.Lines, word+" "+a)
		text += prefix + a + "\n"
	}
	return res, b.appendInRoot(vl.List, text)
}

// VersionLockDelete is `versionlock delete`: the entries a spec matches go (each named),
// the list is rewritten through a temporary file renamed over it.
func (b *Base) VersionLockDelete(vl VersionLock, specs []string) ([]string, error) {
	entries, err := b.LockEntries(vl)
	if err != nil {
		return nil, err
	}
	var lines []string
	var keep strings.Builder
	for _, ent := range entries {
		if lockMatch(ent, specs) {
			lines = append(lines, "Deleting versionlock for: "+ent)
			continue
		}
		keep.WriteString(ent + "\n")
	}
	if len(lines) == 0 {
		return nil, nil
	}
	return lines, b.replaceInRoot(vl.List, keep.String())
}

// VersionLockClear is `versionlock clear`: the list emptied.
func (b *Base) VersionLockClear(vl VersionLock) error {
	if vl.List == "" {
		return errors.New("Locklist not set")
	}
	return b.replaceInRoot(vl.List, "")
}

func (b *Base) appendInRoot(p, text string) error {
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	f, err := rt.OpenFile(strings.TrimPrefix(path.Clean("/"+p), "/"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("Unable to read version lock configuration: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return f.Close()
}

// replaceInRoot writes p whole, atomically (repo.WriteFileIn).
func (b *Base) replaceInRoot(p, text string) error {
	rt, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		return fmt.Errorf("install root: %w", err)
	}
	defer rt.Close()
	return repo.WriteFileIn(rt, strings.TrimPrefix(path.Clean("/"+p), "/"), 0o644, []byte(text))
}

// applyVersionLock is the plugin's sack hook, for commands that resolve: every repository
// package whose name an entry locks but that no lock entry matches is excluded, so are the
// packages obsoleting a locked one (unless locked themselves) and those an "!" entry names;
// installed packages stay as they are.
func (b *Base) applyVersionLock() error {
	vl, err := b.VersionLockConf()
	if err != nil || !vl.Enabled {
		return err
	}
	entries, err := b.LockEntries(vl)
	if err != nil {
		return err
	}
	locked := map[solver.ID]bool{}
	excl := map[solver.ID]bool{}
	var names []string
	for _, pat := range entries {
		isExcl := strings.HasPrefix(pat, "!")
		pat = strings.TrimPrefix(pat, "!")
		parsed := false
		for _, f := range []NEVRAForm{FormNEVRA, FormNEVR, FormNEV, FormNA, FormName} {
			n, ok := parseNEVRA(pat, f)
			if !ok {
				continue
			}
			parsed = true
			var ids []solver.ID
			for id := solver.ID(1); int(id) <= b.Pool.Len(); id++ {
				if s := b.Pool.Peek(id); s != nil && n.matches(s.Name, s.EVR, s.Arch) {
					ids = append(ids, id)
				}
			}
			for _, id := range ids {
				if isExcl {
					excl[id] = true
				} else {
					locked[id] = true
				}
			}
			if !isExcl {
				names = append(names, n.name)
			}
			if len(ids) > 0 {
				break
			}
		}
		if !parsed {
			b.Log("Versionlock plugin: could not parse pattern: %s", pat)
		}
	}
	if len(names) > 0 {
		for id := solver.ID(1); int(id) <= b.Pool.Len(); id++ {
			if s := b.Pool.Peek(id); s != nil && !locked[id] && globMatch(names, s.Name) {
				excl[id] = true
			}
		}
		lockedIDs := make([]solver.ID, 0, len(locked))
		for id := range locked {
			lockedIDs = append(lockedIDs, id)
		}
		for _, id := range b.obsoleters(lockedIDs) {
			if !locked[id] {
				excl[id] = true
			}
		}
	}
	for id := range excl {
		if b.Installed[id] == nil {
			b.Pool.Disable(id)
		}
	}
	return nil
}

// PluginState is whether dnf would load a plugin of dnf-plugins-core that nimbus has
// built in (reposync, repoclosure, leaves, repomanage, changelog): Loaded, or turned off
// for all plugins (--noplugins, plugins=0: AllOff) or for this one (NAME.conf's
// enabled=0, --disableplugin without --enableplugin naming it).
type PluginState struct{ Loaded, AllOff bool }

// Plugin reads the state of plugin name as VersionLockConf does for versionlock: its
// NAME.conf in the root's pluginconfpath (none: enabled), then the command line.
func (b *Base) Plugin(name string) (PluginState, error) {
	on := true
	for _, d := range b.Main.PluginConfPath {
		f := path.Join(d, name+".conf")
		data, err := b.readInRoot(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return PluginState{}, err
		}
		pc, err := repo.ParsePluginConf(bytes.NewReader(data), f)
		if err != nil {
			return PluginState{}, err
		}
		on = pc.Enabled
		break
	}
	enabled := globMatch(b.cfg.EnablePlugins, name)
	if globMatch(b.cfg.DisablePlugins, name) && !enabled {
		on = false
	}
	allOff := !b.Main.Plugins || b.cfg.NoPlugins
	return PluginState{Loaded: (on || enabled) && !allOff, AllOff: allOff}, nil
}
