package pm

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// This file holds the module verbs that change packages beyond install (dnf 4.14's
// module_base.py): remove, switch-to, update, and provides.

// IsModule reports whether an @-argument (NAME[:STREAM][/PROFILE]) names a module of the
// repositories: dnf's install and remove try @specs as modules before groups.
func (b *Base) IsModule(spec string) bool {
	return b.mods != nil && b.known(ParseModuleSpec(spec))
}

// ModuleRemove is `dnf module remove [--all] SPEC...`: the named profiles (all installed
// profiles of the module when none is named) are dropped from the module's state, and the
// request erases their packages as dnf's _remove_if_unneeded does (those installed with
// reason group that no installed package needs and no other installed profile lists);
// with all, every installed package named by an artifact of the module's streams is erased
// as `remove` does. A spec of no module is dnf's note "Problems in request: missing groups
// or modules: X" (logged, not an error); a spec without installed profiles is "Unable to
// match profile in argument X".
func (b *Base) ModuleRemove(specs []string, all bool) (Request, error) {
	var req Request
	var out []ModuleChange
	var missing []string
	names := map[string]bool{}
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			missing = append(missing, sp)
			continue
		}
		st := b.modState(ms.Name)
		var dropped []string
		if st.State == modulemd.Enabled && (ms.Stream == "" || ms.Stream == st.Stream) {
			var keep []string
			for _, p := range st.Profiles {
				if ms.Profile == "" || ms.Profile == p {
					dropped = append(dropped, p)
				} else {
					keep = append(keep, p)
				}
			}
			if len(dropped) > 0 {
				st.Profiles = keep
				b.setModState(st)
			}
		}
		for _, p := range dropped {
			out = append(out, ModuleChange{Section: "Disabling module profiles", Name: ms.Name, Stream: ms.Name + "/" + p})
			for _, m := range b.mods.idx.Latest(ms.Name, st.Stream) {
				for _, n := range m.Profiles[p] {
					names[n] = true
				}
			}
		}
		if all {
			for _, m := range b.mods.idx.Modules {
				if m.Name != ms.Name || ms.Stream != "" && m.Stream != ms.Stream {
					continue
				}
				for _, a := range m.Artifacts {
					if n, ok := modulemd.ArtifactName(a); ok && b.installedName(n) && !modHas(req.Remove, n) {
						req.Remove = append(req.Remove, n)
					}
				}
			}
		} else if len(dropped) == 0 {
			b.Log("Unable to match profile in argument %s", sp)
		}
	}
	if len(missing) > 0 {
		b.Log("%s", (&ModuleError{Missing: missing}).Error())
	}
	// the packages of the profiles still installed stay (getInstalledPkgNames)
	for n, st := range b.mods.states {
		if st.State != modulemd.Enabled {
			continue
		}
		for _, p := range st.Profiles {
			for _, m := range b.mods.idx.Latest(n, st.Stream) {
				for _, pn := range m.Profiles[p] {
					delete(names, pn)
				}
			}
		}
	}
	var remove []string
	for _, n := range sortedKeys(names) {
		if b.removableModulePkg(n) {
			remove = append(remove, n)
		}
	}
	sort.Strings(req.Remove)
	if len(remove) > 0 {
		req.Group = &GroupJobs{Remove: remove, Members: map[string]bool{}}
	}
	b.mods.shown = out
	return req, nil
}

// removableModulePkg: installed, every installed package of the name with reason group.
func (b *Base) removableModulePkg(name string) bool {
	found := false
	for _, p := range b.Installed {
		if p.Info.Name == name {
			found = true
			if b.reasons[p.Info.Name+"."+p.Info.Arch] != history.Group {
				return false
			}
		}
	}
	return found
}

func (b *Base) installedName(name string) bool {
	for _, p := range b.Installed {
		if p.Info.Name == name {
			return true
		}
	}
	return false
}

// ModuleSwitchTo is `dnf module switch-to NAME:STREAM[/PROFILE]`: the module is enabled to
// the stream (the streams it requires too) keeping its installed profiles (and adding a
// named one); the request installs the profiles' packages of the new stream and
// distro-syncs the installed packages that are artifacts of any of the module's streams,
// so they move to the new stream's builds. The table shows "Switching module streams".
func (b *Base) ModuleSwitchTo(specs []string) (Request, []string, error) {
	var req Request
	var out []ModuleChange
	var missing, profilePkgs []string
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			missing = append(missing, sp)
			continue
		}
		stream, err := b.streamFor(ms)
		if err != nil {
			return req, nil, err
		}
		st := b.modState(ms.Name)
		old := ""
		if st.State == modulemd.Enabled {
			old = st.Stream
		}
		var changes []ModuleChange
		if old != "" && old != stream {
			st.Stream = stream
			b.setModState(st)
			changes = append(changes, ModuleChange{Section: "Switching module streams", Name: ms.Name, Stream: old + " -> " + stream})
		}
		if err := b.enableStream(ms.Name, stream, &changes, map[string]bool{}); err != nil {
			return req, nil, err
		}
		st = b.modState(ms.Name)
		if ms.Profile != "" && !modHas(st.Profiles, ms.Profile) {
			st.Profiles = append(st.Profiles, ms.Profile)
			b.setModState(st)
		}
		out = append(out, changes...)
		for _, p := range st.Profiles {
			for _, m := range b.mods.idx.Latest(ms.Name, stream) {
				profilePkgs = append(profilePkgs, m.Profiles[p]...)
			}
		}
		for _, m := range b.mods.idx.Modules {
			if m.Name != ms.Name {
				continue
			}
			for _, a := range m.Artifacts {
				if n, ok := modulemd.ArtifactName(a); ok && b.installedName(n) && !modHas(req.DistroSyncSpecs, n) {
					req.DistroSyncSpecs = append(req.DistroSyncSpecs, n)
				}
			}
		}
	}
	if len(missing) > 0 {
		return req, nil, &ModuleError{Missing: missing}
	}
	b.applyModuleFilter()
	for _, n := range profilePkgs {
		if !b.installedName(n) && !modHas(req.Install, n) {
			req.Install = append(req.Install, n)
		}
	}
	sort.Strings(req.DistroSyncSpecs)
	b.mods.shown = out
	return req, req.Install, nil
}

// ErrNoSuchModule is module update's error for a name no repository has.
type ErrNoSuchModule string

func (e ErrNoSuchModule) Error() string { return "No such module: " + string(e) }

// ModuleUpdate is `dnf module update NAME[:STREAM]...`: the installed packages named by the
// artifacts of the module's active stream are upgraded (within the stream: filtering hides
// the others). A module without an active stream is dnf's "Unable to resolve argument X"
// (logged); a name no repository has is an error.
func (b *Base) ModuleUpdate(specs []string) (Request, error) {
	var req Request
	act := b.mods.idx.Active(b.mods.states)
	for _, sp := range specs {
		ms := ParseModuleSpec(sp)
		if !b.known(ms) {
			return req, ErrNoSuchModule(sp)
		}
		stream := act[ms.Name]
		if stream == "" || ms.Stream != "" && ms.Stream != stream {
			b.Log("Unable to resolve argument %s", sp)
			continue
		}
		for _, m := range b.mods.idx.Modules {
			if m.Name != ms.Name || m.Stream != stream {
				continue
			}
			for _, a := range m.Artifacts {
				if n, ok := modulemd.ArtifactName(a); ok && b.installedName(n) && !modHas(req.Upgrade, n) {
					req.Upgrade = append(req.Upgrade, n)
				}
			}
		}
	}
	sort.Strings(req.Upgrade)
	return req, nil
}

// ModuleProvides is `dnf module provides SPEC...`: for every package of the repositories
// or the rpmdb matching a spec by its NEVRA forms (globs; modular filtering does not apply),
// each module build listing it as an artifact, as dnf prints it: the package, then Module,
// Profiles (those listing its name), Repo and Summary; entries sorted as text.
func (b *Base) ModuleProvides(specs []string) []string {
	if b.mods == nil {
		return nil
	}
	byNEVRA := map[string][]*modulemd.Module{}
	for _, m := range b.mods.idx.Modules {
		for _, a := range m.Artifacts {
			k := modulemd.NormalizeNEVRA(a)
			byNEVRA[k] = append(byNEVRA[k], m)
		}
	}
	seen := map[string]bool{}
	for _, sp := range specs {
		for _, f := range mostSpecific {
			n, ok := parseNEVRA(sp, f)
			if !ok {
				continue
			}
			found := false
			for id := 1; id <= b.Pool.Len(); id++ {
				s := b.Pool.Peek(solver.ID(id))
				if s == nil || s.Arch == "src" || s.Arch == "nosrc" || !n.matches(s.Name, s.EVR, s.Arch) {
					continue
				}
				found = true
				ev := s.EVR
				if !strings.Contains(ev, ":") {
					ev = "0:" + ev
				}
				nevra := s.Name + "-" + ev + "." + s.Arch
				for _, m := range byNEVRA[nevra] {
					var profiles []string
					for _, p := range m.ProfileNames() {
						if modHas(m.Profiles[p], s.Name) {
							profiles = append(profiles, p)
						}
					}
					shown := s.Name + "-" + strings.TrimPrefix(s.EVR, "0:") + "." + s.Arch
					e := fmt.Sprintf("%s\nModule   : %s:%s:%d:%s:%s\nProfiles : %s\nRepo     : %s\nSummary  : %s",
						shown, m.Name, m.Stream, m.Version, m.Context, m.Arch, strings.Join(profiles, " "), m.Repo, m.Summary)
					seen[e] = true
				}
			}
			if found {
				break
			}
		}
	}
	out := make([]string, 0, len(seen))
	for e := range seen {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// IsNoSuchModule reports whether err is module update's unknown module.
func IsNoSuchModule(err error) bool {
	var e ErrNoSuchModule
	return errors.As(err, &e)
}
