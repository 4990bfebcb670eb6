package pm

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ModulesDir is where dnf keeps module states, inside the install root.
const ModulesDir = "/etc/dnf/modules.d"

// modules is the modular metadata of the enabled repositories and the root's module states.
type modules struct {
	idx     *modulemd.Index
	states  map[string]modulemd.State
	changed map[string]bool // states to write after the transaction
	shown   []ModuleChange  // module install's changes, shown in the plan's table
	filter  *modulemd.Filter
	hidden  []solver.ID // packages modular filtering disabled
}

// loadModules reads each repository's modules.yaml and the root's module states and hides
// the packages modular filtering hides (dnf 4.14, libdnf's setModuleExcludes).
func (b *Base) loadModules() error {
	m := &modules{idx: &modulemd.Index{Defaults: map[string]*modulemd.Defaults{}}, states: map[string]modulemd.State{}, changed: map[string]bool{}}
	b.mods = m
	for _, lr := range b.Repos {
		if lr.Meta == nil || lr.Meta.Repomd == nil {
			continue
		}
		p := lr.Meta.Path("modules")
		if p == "" {
			continue
		}
		idx, err := readModules(p, lr.ID)
		if err != nil {
			return fmt.Errorf("repository %s: %w", lr.ID, err)
		}
		m.idx.Merge(idx)
	}
	if err := b.readModuleStates(); err != nil {
		return err
	}
	b.applyModuleFilter()
	return nil
}

// readModuleStates reads the root's modules.d, every path resolved inside the root.
func (b *Base) readModuleStates() error {
	root, err := os.OpenRoot(b.cfg.Root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no root yet: no states
	}
	if err != nil {
		return fmt.Errorf("module state: %w", err)
	}
	defer root.Close()
	fsys := root.FS()
	files, _ := fs.Glob(fsys, strings.TrimPrefix(ModulesDir, "/")+"/*.module")
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return fmt.Errorf("module state: %w", err)
		}
		sts, err := modulemd.ParseState(data, filepath.Join(b.cfg.Root, f))
		if err != nil {
			return fmt.Errorf("module state: %w; fix or remove the file", err)
		}
		for _, s := range sts {
			b.mods.states[s.Name] = s
		}
	}
	return nil
}

func readModules(path, repo string) (*modulemd.Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	prefix, _ := br.Peek(6)
	r, err := compress.NewReader(compress.Detect(prefix), br)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	defer r.Close()
	return modulemd.Parse(compress.NewLimitedReader(r, 1<<30), repo)
}

// applyModuleFilter (re)computes which repository packages are hidden for the current
// module states; packages of module_hotfixes repositories stay.
func (b *Base) applyModuleFilter() {
	m := b.mods
	for _, id := range m.hidden {
		b.Pool.Enable(id)
	}
	m.hidden = nil
	m.filter = nil
	if len(m.idx.Modules) == 0 {
		return
	}
	m.filter = modulemd.NewFilter(m.idx, m.states)
	ids := make([]solver.ID, 0, b.Available.Len())
	for id := range b.Available.All() {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		ap := b.Available.Get(id)
		if ap.Repo.ModuleHotfixes || b.Pool.Disabled(id) {
			continue
		}
		pk := ap.Repo.Index.Package(ap.I)
		if m.filter.Hidden(pk.Name, modulemd.NEVRA(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)) {
			b.Pool.Disable(id)
			m.hidden = append(m.hidden, id)
		}
	}
}

// ModuleSpec is NAME[:STREAM[:VERSION[:CONTEXT[:ARCH]]]][/PROFILE] as dnf's module
// commands take it.
type ModuleSpec struct {
	Name, Stream, Profile  string
	Version, Context, Arch string
	Bad                    bool // more parts than NSVCA, an empty name or a version that is no number
}

// ParseModuleSpec reads NAME[:STREAM[:VERSION[:CONTEXT[:ARCH]]]][/PROFILE] (libdnf's
// nsvcap forms).
func ParseModuleSpec(s string) ModuleSpec {
	var ms ModuleSpec
	s, ms.Profile, _ = strings.Cut(s, "/")
	parts := strings.Split(s, ":")
	ms.Name = parts[0]
	for i, p := range []*string{&ms.Stream, &ms.Version, &ms.Context, &ms.Arch} {
		if len(parts) > i+1 {
			*p = parts[i+1]
		}
	}
	ms.Bad = len(parts) > 5 || ms.Name == "" || ms.Version != "" && strings.Trim(ms.Version, "0123456789") != ""
	return ms
}

// known reports whether a module spec names a module of the repositories (and, with a
// version, context or arch, a build that has them).
func (b *Base) known(ms ModuleSpec) bool {
	if ms.Bad || !b.mods.idx.Has(ms.Name) {
		return false
	}
	if ms.Version == "" && ms.Context == "" && ms.Arch == "" {
		return true
	}
	for _, m := range b.mods.idx.Modules {
		if m.Name == ms.Name && (ms.Stream == "" || m.Stream == ms.Stream) &&
			(ms.Version == "" || fmt.Sprint(m.Version) == ms.Version) &&
			(ms.Context == "" || m.Context == ms.Context) && (ms.Arch == "" || m.Arch == ms.Arch) {
			return true
		}
	}
	return false
}

// ModuleError is dnf's "Problems in request" for module arguments.
type ModuleError struct {
	Missing, Broken []string
	Notes           []string // lines printed before the error
	// Modular are the lines of libdnf's "Modular dependency problems" (the first is the
	// problem, the rest its reasons); BlankLine puts dnf's empty line before them.
	Modular   []string
	BlankLine bool
}

func (e *ModuleError) Error() string {
	var b strings.Builder
	b.WriteString("Problems in request:")
	if len(e.Missing) > 0 {
		b.WriteString("\nmissing groups or modules: " + strings.Join(e.Missing, ", "))
	}
	if len(e.Broken) > 0 {
		b.WriteString("\nbroken groups or modules: " + strings.Join(e.Broken, ", "))
	}
	if len(e.Modular) > 0 {
		b.WriteString("\nModular dependency problems:\n")
		if e.BlankLine {
			b.WriteString("\n")
		}
		b.WriteString(" Problem: " + e.Modular[0])
		for _, l := range e.Modular[1:] {
			b.WriteString("\n  - " + l)
		}
	}
	return b.String()
}

// buildID is a stream's newest build as libdnf's problems name it
// (name:stream:version:context.arch).
func (b *Base) buildID(name, stream string) string {
	builds := b.mods.idx.Latest(name, stream)
	if len(builds) == 0 {
		return name + ":" + stream
	}
	m := builds[0]
	return fmt.Sprintf("%s:%s:%d:%s.%s", m.Name, m.Stream, m.Version, m.Context, m.Arch)
}

// enableStream enables name:stream and, as libdnf's module solver does, the streams its
// builds require (dependencies: requires:) of modules not enabled, recursively. A required
// module enabled to a stream the dependency does not allow, or disabled, is dnf's
// "Modular dependency problems".
func (b *Base) enableStream(name, stream string, out *[]ModuleChange, seen map[string]bool) error {
	if seen[name] {
		return nil
	}
	seen[name] = true
	st := b.modState(name)
	if st.State != modulemd.Enabled || st.Stream != stream {
		st.Stream, st.State = stream, modulemd.Enabled
		b.setModState(st)
		*out = append(*out, ModuleChange{Section: "Enabling module streams", Name: name, Stream: stream})
	}
	idx := b.mods.idx
	for _, m := range idx.Modules {
		if m.Name != name || m.Stream != stream {
			continue
		}
		deps := make([]string, 0, len(m.Requires))
		for d := range m.Requires {
			deps = append(deps, d)
		}
		sort.Strings(deps)
		for _, dep := range deps {
			if !idx.Has(dep) || seen[dep] {
				continue // the platform pseudo-module and modules no repository has
			}
			streams := m.Requires[dep]
			ds := b.modState(dep)
			want := idx.RequiredStream(dep, streams)
			switch {
			case ds.State == modulemd.Enabled && modulemd.StreamAllowed(streams, ds.Stream):
				continue
			case ds.State == modulemd.Enabled:
				have, other := b.buildID(dep, ds.Stream), b.buildID(dep, want)
				return &ModuleError{BlankLine: true, Modular: []string{
					fmt.Sprintf("module %s conflicts with module(%s) provided by %s", have, dep, other),
					fmt.Sprintf("module %s conflicts with module(%s) provided by %s", other, dep, have),
					fmt.Sprintf("module %s requires module(%s:%s), but none of the providers can be installed", b.buildID(name, stream), dep, want),
					"cannot install the best candidate for the job", "conflicting requests"}}
			case ds.State == modulemd.Disabled || want == "":
				return &ModuleError{Modular: []string{
					fmt.Sprintf("module %s requires module(%s:%s), but none of the providers can be installed", b.buildID(name, stream), dep, want),
					"conflicting requests", fmt.Sprintf("module %s is disabled", b.buildID(dep, want))}}
			}
			if err := b.enableStream(dep, want, out, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// requiredBy is the first enabled module (other than those in leaving) whose stream
// requires module name, and the stream it requires: disabling name breaks it.
func (b *Base) requiredBy(name string, leaving map[string]bool) (string, string) {
	idx := b.mods.idx
	var users []string
	for n, st := range b.mods.states {
		if st.State == modulemd.Enabled && !leaving[n] {
			users = append(users, n)
		}
	}
	sort.Strings(users)
	for _, n := range users {
		st := b.mods.states[n]
		for _, m := range idx.Modules {
			if m.Name == n && m.Stream == st.Stream {
				if streams, ok := m.Requires[name]; ok {
					return b.buildID(n, st.Stream), idx.RequiredStream(name, streams)
				}
			}
		}
	}
	return "", ""
}

// ErrStreamSwitch is dnf's refusal to switch an enabled stream.
var ErrStreamSwitch = errors.New("It is not possible to switch enabled streams of a module unless explicitly enabled via configuration option module_stream_switch.\n" +
	"It is recommended to rather remove all installed content from the module, and reset the module using 'dnf module reset <module_name>' command. After you reset the module, you can install the other stream.")

// ModuleChange is one line of dnf's module sections ("Enabling module streams", ...).
type ModuleChange struct {
	Section string // "Enabling module streams", "Disabling modules", "Resetting modules", "Installing module profiles"
	Name    string
	Stream  string // the stream (enable) or "name/profile" (profiles)
}

func (b *Base) modState(name string) modulemd.State {
	s, ok := b.mods.states[name]
	if !ok {
		s = modulemd.State{Name: name}
	}
	return s
}

func (b *Base) setModState(s modulemd.State) {
	b.mods.states[s.Name] = s
	b.mods.changed[s.Name] = true
}

// streamFor picks the stream a spec means: the one named, the enabled one, the default,
// the only one.
func (b *Base) streamFor(ms ModuleSpec) (string, error) {
	idx := b.mods.idx
	if ms.Stream != "" {
		for _, s := range idx.Streams(ms.Name) {
			if s == ms.Stream {
				return s, nil
			}
		}
		return "", &ModuleError{Missing: []string{ms.Name + ":" + ms.Stream}}
	}
	if st := b.modState(ms.Name); st.State == modulemd.Enabled && st.Stream != "" {
		return st.Stream, nil
	}
	if d := idx.DefaultStream(ms.Name); d != "" {
		return d, nil
	}
	if ss := idx.Streams(ms.Name); len(ss) == 1 {
		return ss[0], nil
	}
	return "", &ModuleError{Broken: []string{ms.Name}, Notes: []string{
		fmt.Sprintf("Cannot enable more streams from module '%s' at the same time", ms.Name),
		"Unable to resolve argument " + ms.Name}}
}

// targetStream is the stream spec ms asks for and the module's state, or dnf's refusal to
// switch an enabled module to another stream.
func (b *Base) targetStream(ms ModuleSpec) (string, modulemd.State, error) {
	stream, err := b.streamFor(ms)
	if err != nil {
		return "", modulemd.State{}, err
	}
	st := b.modState(ms.Name)
	if st.State == modulemd.Enabled && st.Stream != "" && st.Stream != stream {
		b.Log("The operation would result in switching of module '%s' stream '%s' to stream '%s'", ms.Name, st.Stream, stream)
		return "", st, ErrStreamSwitch
	}
	return stream, st, nil
}

// ModuleEnable enables module streams (dnf module enable); the states are written by
// CommitModules.
func (b *Base) ModuleEnable(specs []string) ([]ModuleChange, error) {
	var out []ModuleChange
	var missing []string
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			missing = append(missing, sp)
			continue
		}
		stream, _, err := b.targetStream(ms)
		if err != nil {
			return nil, err
		}
		if err := b.enableStream(ms.Name, stream, &out, map[string]bool{}); err != nil {
			return nil, err
		}
	}
	if len(missing) > 0 {
		return nil, &ModuleError{Missing: missing}
	}
	b.applyModuleFilter()
	return out, nil
}

// ModuleDisable disables modules (dnf module disable NAME): none of their streams' packages
// is offered.
func (b *Base) ModuleDisable(specs []string) ([]ModuleChange, error) {
	return b.moduleReset(specs, modulemd.Disabled, "Disabling modules")
}

// ModuleReset returns modules to their initial state (dnf module reset NAME).
func (b *Base) ModuleReset(specs []string) ([]ModuleChange, error) {
	return b.moduleReset(specs, "", "Resetting modules")
}

func (b *Base) moduleReset(specs []string, state, section string) ([]ModuleChange, error) {
	var out []ModuleChange
	var missing []string
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			missing = append(missing, sp)
			continue
		}
		st := b.modState(ms.Name)
		if st.State == state && st.Stream == "" && len(st.Profiles) == 0 {
			continue
		}
		if state == modulemd.Disabled {
			leaving := map[string]bool{}
			for _, o := range specs {
				leaving[ParseModuleSpec(o).Name] = true
			}
			if user, want := b.requiredBy(ms.Name, leaving); user != "" {
				return nil, &ModuleError{Modular: []string{
					fmt.Sprintf("module %s requires module(%s:%s), but none of the providers can be installed", user, ms.Name, want),
					"conflicting requests", fmt.Sprintf("module %s is disabled", b.buildID(ms.Name, want))}}
			}
		}
		if st.State == modulemd.Enabled {
			for _, p := range st.Profiles { // dnf lists the installed profiles it drops
				out = append(out, ModuleChange{Section: "Disabling module profiles", Name: ms.Name, Stream: ms.Name + "/" + p})
			}
		}
		b.setModState(modulemd.State{Name: ms.Name, State: state})
		out = append(out, ModuleChange{Section: section, Name: ms.Name})
	}
	if len(missing) > 0 {
		e := &ModuleError{Missing: missing}
		for _, sp := range missing {
			e.Notes = append(e.Notes, "Unable to resolve argument "+sp)
		}
		return nil, e
	}
	b.applyModuleFilter()
	return out, nil
}

// ModuleInstall enables the streams of the specs and returns the package names of their
// profiles (the named one, else the stream's default profiles) to install.
func (b *Base) ModuleInstall(specs []string) ([]ModuleChange, []string, error) {
	var out []ModuleChange
	var pkgs []string
	var missing []string
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			missing = append(missing, sp)
			continue
		}
		stream, st, err := b.targetStream(ms)
		if err != nil {
			return nil, nil, err
		}
		builds := b.mods.idx.Latest(ms.Name, stream)
		profiles := []string{ms.Profile}
		if ms.Profile == "" {
			profiles = b.mods.idx.DefaultProfiles(ms.Name, stream)
			if len(profiles) == 0 {
				avail := profileNames(builds)
				return nil, nil, &ModuleError{Broken: []string{sp}, Notes: []string{
					fmt.Sprintf("No default profiles for module %s:%s. Available profiles: %s", ms.Name, stream, strings.Join(avail, ", "))}}
			}
		}
		for _, p := range profiles {
			found := false
			for _, m := range builds {
				if rpms, ok := m.Profiles[p]; ok {
					found = true
					pkgs = append(pkgs, rpms...)
				}
			}
			if !found {
				avail := profileNames(builds)
				return nil, nil, &ModuleError{Missing: []string{sp}, Notes: []string{
					fmt.Sprintf("Unable to match profile for argument %s. Available profiles for '%s:%s': %s", sp, ms.Name, stream, strings.Join(avail, ", "))}}
			}
		}
		var enabled []ModuleChange
		if err := b.enableStream(ms.Name, stream, &enabled, map[string]bool{}); err != nil {
			if me, ok := err.(*ModuleError); ok {
				me.Broken = append(me.Broken, sp)
				me.Notes = append(me.Notes, fmt.Sprintf("All matches for argument '%s' in module '%s:%s' are not active", sp, ms.Name, stream))
			}
			return nil, nil, err
		}
		out = append(out, enabled...)
		st = b.modState(ms.Name)
		for _, p := range profiles {
			if !modHas(st.Profiles, p) {
				st.Profiles = append(st.Profiles, p)
			}
			out = append(out, ModuleChange{Section: "Installing module profiles", Name: ms.Name, Stream: ms.Name + "/" + p})
		}
		b.setModState(st)
	}
	if len(missing) > 0 {
		return nil, nil, &ModuleError{Missing: missing}
	}
	b.applyModuleFilter()
	b.mods.shown = out
	return out, pkgs, nil
}

func modHas(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// MarkModulePackages gives the plan's installs of these package names the reason "group",
// as dnf records the packages of a module profile (shown as "Installing group/module
// packages").
func (p *Plan) MarkModulePackages(names []string) {
	for i, a := range p.Actions {
		if a.Kind != ActInstall || a.Dependency || a.New == 0 {
			continue
		}
		if modHas(names, p.base.Pool.Solvable(a.New).Name) {
			p.Actions[i].Reason = history.Group
		}
	}
}

// autoEnabled are the streams the plan's installs enable (dnf's
// set_modules_enabled_by_pkgset): installing a package of a default stream enables it.
func (b *Base) autoEnabled(p *Plan) []modulemd.State {
	m := b.mods
	if m == nil || m.filter == nil {
		return nil
	}
	var out []modulemd.State
	seen := map[string]bool{}
	for _, a := range p.Actions {
		ap := b.Available.Get(a.New)
		if a.New == 0 || ap == nil || a.Kind == ActObsoleted {
			continue
		}
		pk := ap.Repo.Index.Package(ap.I)
		nevra := modulemd.NEVRA(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)
		if !m.filter.Artifact(nevra) {
			continue
		}
		for _, mod := range m.idx.Modules {
			if seen[mod.Name] || m.idx.ActiveStream(mod.Name, m.states) != mod.Stream || !modHas(normalized(mod.Artifacts), nevra) {
				continue
			}
			if st := b.modState(mod.Name); st.State != modulemd.Enabled {
				st.State, st.Stream = modulemd.Enabled, mod.Stream
				out = append(out, st)
				seen[mod.Name] = true
			}
		}
	}
	return out
}

func (b *Base) autoEnableModules(p *Plan) {
	for _, st := range b.autoEnabled(p) {
		b.setModState(st)
	}
}

// ModuleRows are the module lines dnf shows in a plan's table: the profiles a module
// install installs, then the streams enabled (by the command or by installing a package of
// a default stream).
func (b *Base) ModuleRows(p *Plan) []ModuleChange {
	if b.mods == nil {
		return nil
	}
	var prof, enable []ModuleChange
	for _, c := range b.mods.shown {
		if c.Section == "Installing module profiles" {
			prof = append(prof, c)
		} else {
			enable = append(enable, c)
		}
	}
	for _, st := range b.autoEnabled(p) {
		enable = append(enable, ModuleChange{Section: "Enabling module streams", Name: st.Name, Stream: st.Stream})
	}
	return append(prof, enable...)
}

func normalized(as []string) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = modulemd.NormalizeNEVRA(a)
	}
	return out
}

// CommitModules writes the module states that changed (module commands, streams enabled by
// an install) to the root's modules.d, each file replaced whole, inside the root.
func (b *Base) CommitModules() error {
	m := b.mods
	if m == nil || len(m.changed) == 0 {
		return nil
	}
	root, err := os.OpenRoot(b.cfg.Root)
	if err != nil {
		if !os.IsNotExist(err) {
			return err
		}
		if err := os.MkdirAll(b.cfg.Root, 0o755); err != nil {
			return err
		}
		if root, err = os.OpenRoot(b.cfg.Root); err != nil {
			return err
		}
	}
	defer root.Close()
	dir := strings.TrimPrefix(ModulesDir, "/")
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("module state: %w", err)
	}
	var names []string
	for n := range m.changed {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.ContainsAny(n, "/\x00") || n == "." || n == ".." {
			return fmt.Errorf("module state: bad module name %q", n)
		}
		name := dir + "/" + n + ".module"
		tmp := name + ".tmp"
		if err := root.WriteFile(tmp, m.states[n].Format(), 0o644); err != nil {
			return fmt.Errorf("module state: %w", err)
		}
		if err := root.Rename(tmp, name); err != nil {
			return fmt.Errorf("module state: %w", err)
		}
	}
	m.changed = map[string]bool{}
	return nil
}

// ModuleRow is one line of `dnf module list`.
type ModuleRow struct {
	Repo, Name, Stream string
	Default, Enabled   bool
	Disabled           bool
	Installed          bool // a profile of the stream is installed
	Profiles           []string
	DefaultProfiles    []string
	InstalledProfiles  []string
	Summary            string
}

// ModuleListOptions are module list's filters.
type ModuleListOptions struct {
	Enabled, Disabled, Installed bool
	Names                        []string // NAME[:STREAM] globs
}

// ModuleList lists the module streams of the repositories, by repository, as dnf does
// (one row per stream, the newest build's profiles and summary).
func (b *Base) ModuleList(o ModuleListOptions) []ModuleRow {
	m := b.mods
	if m == nil {
		return nil
	}
	type key struct{ repo, name, stream string }
	best := map[key]*modulemd.Module{}
	var keys []key
	for _, mod := range m.idx.Modules {
		k := key{mod.Repo, mod.Name, mod.Stream}
		if cur, ok := best[k]; !ok {
			keys = append(keys, k)
			best[k] = mod
		} else if mod.Version > cur.Version {
			best[k] = mod
		}
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].name != keys[j].name {
			return keys[i].name < keys[j].name
		}
		return keys[i].stream < keys[j].stream
	})
	var rows []ModuleRow
	for _, k := range keys {
		mod := best[k]
		st := b.modState(k.name)
		r := ModuleRow{Repo: k.repo, Name: k.name, Stream: k.stream, Summary: mod.Summary, Profiles: mod.ProfileNames(),
			Default:         m.idx.DefaultStream(k.name) == k.stream,
			Enabled:         st.State == modulemd.Enabled && st.Stream == k.stream,
			Disabled:        st.State == modulemd.Disabled,
			DefaultProfiles: m.idx.DefaultProfiles(k.name, k.stream)}
		if r.Enabled && len(st.Profiles) > 0 {
			r.Installed, r.InstalledProfiles = true, st.Profiles
		}
		if len(o.Names) > 0 && !moduleNameMatch(o.Names, k.name, k.stream) {
			continue
		}
		if o.Enabled && !r.Enabled || o.Disabled && !r.Disabled || o.Installed && !r.Installed {
			continue
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return b.repoOrder(rows[i].Repo) < b.repoOrder(rows[j].Repo) })
	return rows
}

func (b *Base) repoOrder(id string) int {
	for i, lr := range b.Repos {
		if lr.ID == id {
			return i
		}
	}
	return len(b.Repos)
}

func moduleNameMatch(pats []string, name, stream string) bool {
	for _, p := range pats {
		ms := ParseModuleSpec(p)
		if ok, _ := filepath.Match(ms.Name, name); !ok {
			continue
		}
		if ms.Stream == "" {
			return true
		}
		if ok, _ := filepath.Match(ms.Stream, stream); ok {
			return true
		}
	}
	return false
}

// ErrNoModules is module list's and module info's error when the arguments match nothing.
var ErrNoModules = errors.New("No matching Modules to list")

// ModuleInfo returns the builds matching the specs (NAME[:STREAM] globs) for `dnf module
// info`, and the specs that matched nothing (dnf's "Unable to resolve argument"); none at
// all is ErrNoModules.
func (b *Base) ModuleInfo(specs []string) (mods []*modulemd.Module, unmatched []string, err error) {
	m := b.mods
	for _, sp := range specs {
		n := 0
		for _, mod := range m.idx.Modules {
			if moduleNameMatch([]string{sp}, mod.Name, mod.Stream) {
				mods = append(mods, mod)
				n++
			}
		}
		if n == 0 {
			unmatched = append(unmatched, sp)
		}
	}
	if len(mods) == 0 {
		return nil, unmatched, ErrNoModules
	}
	return mods, unmatched, nil
}

// ModuleMarks are dnf's marks of a stream in module info (default, enabled, disabled,
// active), spaced as dnf 4.14 spaces them (" [d][a]", " [e] [a]"), and its installed
// profiles.
func (b *Base) ModuleMarks(name, stream string) (marks string, installed []string) {
	st := b.modState(name)
	def := ""
	if b.mods.idx.DefaultStream(name) == stream {
		def = " [d]"
	}
	marks = def
	if st.State == modulemd.Enabled && st.Stream == stream {
		if def == "" {
			marks += " "
		}
		marks += "[e]"
		installed = st.Profiles
	} else if st.State == modulemd.Disabled {
		if def == "" {
			marks += " "
		}
		marks += "[x]"
	}
	if b.mods.idx.ActiveStream(name, b.mods.states) == stream {
		if def == "" {
			marks += " "
		}
		marks += "[a]"
	}
	return marks, installed
}

// ModuleDefaultProfiles are a stream's default profiles (for module info).
func (b *Base) ModuleDefaultProfiles(name, stream string) []string {
	return b.mods.idx.DefaultProfiles(name, stream)
}

// profileNames are the profiles dnf offers in its messages: those of the stream's first
// latest build.
func profileNames(builds []*modulemd.Module) []string {
	if len(builds) == 0 {
		return nil
	}
	return builds[0].ProfileNames()
}
