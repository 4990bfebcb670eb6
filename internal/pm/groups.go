package pm

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/comps"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Comps groups, as dnf 4.14 handles them (dnf/comps.py's Solver, base.py's
// env_group_install/remove/upgrade): the groups and environments come from the comps files of
// the enabled repositories; which are installed, with which packages, from dnf's swdb
// (history.SwdbComps), where every group change is recorded as dnf records it.

// Groups are the available comps (merged over the repositories) and the installed groups
// and environments.
type Groups struct {
	Comps         *comps.Comps
	Installed     map[string]*history.CompsGroup
	InstalledEnvs map[string]*history.CompsEnv
}

// GroupJobs are the package jobs of group commands, part of a Request.
type GroupJobs struct {
	Install []comps.PackageReq // installed as the group's members (strict unless Weak)
	Weak    bool               // strict=false: what cannot be installed is skipped
	Upgrade []string           // names upgraded (installed) or installed (new in the group)
	Remove  []string           // names erased, with clean-deps
	// Members are the names that get reason group when the transaction installs them.
	Members map[string]bool
	// Comps are the group and environment records the transaction writes to the swdb.
	Comps []history.CompsItem
}

// GroupRequest is a group command (group install/remove/upgrade/mark, install @g, remove @g).
type GroupRequest struct {
	Install, Remove, Upgrade []string // patterns: ids, names, globs
	MarkInstall, MarkRemove  []string
	WithOptional             bool
}

// Groups loads the comps of the enabled repositories and the installed groups.
func (b *Base) Groups(ctx context.Context) (*Groups, error) {
	g := &Groups{Comps: &comps.Comps{}}
	for _, r := range b.Repos {
		p := r.Meta.GroupPath()
		if p == "" {
			continue
		}
		c, err := readComps(p)
		if err != nil {
			return nil, fmt.Errorf("repository %s: %w", r.ID, err)
		}
		g.Comps.Merge(c)
	}
	var err error
	if g.Installed, g.InstalledEnvs, err = history.SwdbComps(ctx, b.cfg.Root); err != nil {
		return nil, err
	}
	return g, nil
}

func readComps(p string) (*comps.Comps, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rc, _, err := repomd.Decompress(f, comps.MaxSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	defer rc.Close()
	c, err := comps.Parse(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return c, nil
}

// GroupTypes are the packagereq types a group install takes: group_package_types, plus
// optional with --with-optional.
func (b *Base) GroupTypes(withOptional bool) (comps.PkgType, error) {
	t, err := comps.ParseTypes(b.Main.GroupPackageTypes)
	if err != nil {
		return 0, err // dnf: Error: Invalid comps package type "x".
	}
	if withOptional {
		t |= comps.Optional
	}
	return t, nil
}

// Lists are dnf's `group list`: environments and groups, available or installed, that
// match the patterns (all without any); hidden groups (uservisible false) only with hidden.
func (g *Groups) Lists(patterns []string, hidden bool) (envInst, envAvail []*comps.Environment, inst, avail []*comps.Group) {
	envs, grps := g.Comps.Environments, g.Comps.Groups
	if len(patterns) > 0 {
		// dnf joins the patterns with commas into one (group.py's _group_lists)
		p := ""
		for i, s := range patterns {
			if i > 0 {
				p += ","
			}
			p += s
		}
		envs, grps = g.Comps.EnvironmentsByPattern(p), g.Comps.GroupsByPattern(p)
	} else {
		envs, grps = sortedEnvs(envs), sortedGroups(grps)
	}
	for _, e := range envs {
		if g.InstalledEnvs[e.ID] != nil {
			envInst = append(envInst, e)
		} else {
			envAvail = append(envAvail, e)
		}
	}
	for _, gr := range grps {
		if !hidden && !gr.UserVisible {
			continue
		}
		if g.Installed[gr.ID] != nil {
			inst = append(inst, gr)
		} else {
			avail = append(avail, gr)
		}
	}
	return
}

func sortedGroups(gs []*comps.Group) []*comps.Group {
	out := append([]*comps.Group(nil), gs...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].DisplayOrder < out[j].DisplayOrder })
	return out
}

func sortedEnvs(es []*comps.Environment) []*comps.Environment {
	out := append([]*comps.Environment(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].DisplayOrder < out[j].DisplayOrder })
	return out
}

// installedByPattern are the installed groups and environments matching a pattern (their
// id, or the name recorded, exactly or as a case-insensitive glob).
func (g *Groups) installedByPattern(pat string) (envs, grps []string) {
	match := func(id, name, tname string) bool {
		return id == pat || name == pat || comps.Match(pat, id) || comps.Match(pat, name) || comps.Match(pat, tname)
	}
	for _, id := range sortedKeys(g.InstalledEnvs) {
		if e := g.InstalledEnvs[id]; match(e.ID, e.Name, e.TranslatedName) {
			envs = append(envs, id)
		}
	}
	for _, id := range sortedKeys(g.Installed) {
		if r := g.Installed[id]; match(r.ID, r.Name, r.TranslatedName) {
			grps = append(grps, id)
		}
	}
	return envs, grps
}

// availableByPattern are the ids of the comps' environments and groups matching a pattern.
func (g *Groups) availableByPattern(pat string) (envs, grps []string) {
	for _, e := range g.Comps.EnvironmentsByPattern(pat) {
		envs = append(envs, e.ID)
	}
	for _, gr := range g.Comps.GroupsByPattern(pat) {
		grps = append(grps, gr.ID)
	}
	return envs, grps
}

// ErrNothingToDo is dnf's "Error: Nothing to do." after a group it could not find.
var ErrNothingToDo = errors.New("Nothing to do.")

// ErrNoGroupUpgrade is group upgrade's error when nothing matched an installed group.
var ErrNoGroupUpgrade = errors.New("No group marked for upgrade.")

// NoGroupDataError is a group command on repositories without comps.
type NoGroupDataError struct{}

func (NoGroupDataError) Error() string { return "No group data available for configured repositories." }

// groupState is one group request's working state: the comps records written and the
// groups installed or removed so far in this transaction.
type groupState struct {
	b       *Base
	g       *Groups
	types   comps.PkgType
	jobs    *GroupJobs
	removed map[string]bool // groups this transaction removes
	added   map[string]bool // groups this transaction installs
}

// ResolveGroups turns a group request into the package jobs and comps records of
// req.Group, then resolves the whole request; messages go to the log as dnf prints them.
func (b *Base) ResolveGroups(ctx context.Context, greq GroupRequest, req Request) (*Plan, error) {
	g, err := b.Groups(ctx)
	if err != nil {
		return nil, err
	}
	types, err := b.GroupTypes(greq.WithOptional)
	if err != nil {
		return nil, err
	}
	st := &groupState{b: b, g: g, types: types, jobs: &GroupJobs{Members: map[string]bool{}, Weak: !b.Main.Strict}, removed: map[string]bool{}, added: map[string]bool{}}
	if len(greq.Install)+len(greq.MarkInstall)+len(greq.Upgrade) > 0 && g.Comps.Empty() {
		return nil, NoGroupDataError{}
	}
	failed := false
	for _, pat := range greq.Install { // env_group_install
		envs, grps := g.availableByPattern(pat)
		if len(envs)+len(grps) == 0 {
			b.Log("Module or Group '%s' is not available.", pat)
			failed = true
			continue
		}
		for _, id := range grps {
			st.installGroup(id, true)
		}
		for _, id := range envs {
			st.installEnv(id, true)
		}
	}
	if failed && b.Main.Strict {
		return nil, ErrNothingToDo
	}
	if len(greq.MarkInstall) > 0 { // group mark install: records only
		var envs, grps []string
		for _, pat := range greq.MarkInstall {
			e, gs := g.availableByPattern(pat)
			ie, igs := g.installedByPattern(pat)
			e, gs = appendNew(e, ie...), appendNew(gs, igs...)
			if len(e)+len(gs) == 0 {
				return nil, fmt.Errorf("Module or Group '%s' does not exist.", pat)
			}
			envs, grps = append(envs, e...), append(grps, gs...)
		}
		for _, id := range envs {
			st.installEnv(id, false)
		}
		for _, id := range grps {
			st.installGroup(id, false)
		}
	}
	if len(greq.MarkRemove) > 0 {
		var envs, grps []string
		for _, pat := range greq.MarkRemove {
			e, gs := g.installedByPattern(pat)
			if len(e)+len(gs) == 0 {
				return nil, fmt.Errorf("Module or Group '%s' is not installed.", pat)
			}
			envs, grps = append(envs, e...), append(grps, gs...)
		}
		for _, id := range envs {
			st.removeEnv(id, false)
		}
		for _, id := range grps {
			st.removeGroup(id, false)
		}
	}
	for _, pat := range greq.Remove { // env_group_remove, one pattern at a time
		envs, grps := g.installedByPattern(pat)
		if len(envs)+len(grps) == 0 {
			b.Log("Warning: Module or Group '%s' is not installed.", pat)
			continue
		}
		for _, id := range envs {
			st.removeEnv(id, true)
		}
		for _, id := range grps {
			st.removeGroup(id, true)
		}
	}
	if len(greq.Upgrade) > 0 {
		upgraded := false
		for _, pat := range greq.Upgrade {
			envs, grps := g.installedByPattern(pat)
			if len(envs)+len(grps) == 0 {
				b.Log("Module or Group '%s' is not installed.", pat)
				continue
			}
			for _, id := range envs {
				upgraded = st.upgradeEnv(id) || upgraded
			}
			for _, id := range grps {
				upgraded = st.upgradeGroup(id) || upgraded
			}
		}
		if !upgraded {
			return nil, ErrNoGroupUpgrade
		}
	}
	req.Group = st.jobs
	return b.Resolve(req)
}

func appendNew(a []string, b ...string) []string {
	for _, s := range b {
		found := false
		for _, x := range a {
			found = found || x == s
		}
		if !found {
			a = append(a, s)
		}
	}
	return a
}

// record makes the swdb record of a comps group with its packages (installed flags are
// set when the transaction is recorded).
func groupRecord(cg *comps.Group, types comps.PkgType) *history.CompsGroup {
	r := &history.CompsGroup{ID: cg.ID, Name: cg.Name, TranslatedName: cg.Name, PkgTypes: int(types)}
	for _, p := range cg.Packages {
		r.Packages = append(r.Packages, history.CompsPackage{Name: p.Name, Type: int(p.Type)})
	}
	return r
}

// installGroup is comps.Solver._group_install: the group is recorded as installed and, with
// packages, its packages of the requested types are installed.
func (st *groupState) installGroup(id string, packages bool) {
	cg := st.g.Comps.Group(id)
	if cg == nil {
		st.b.Log("Group id '%s' does not exist.", id)
		return
	}
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Install, Group: groupRecord(cg, st.types)})
	st.added[id] = true
	if packages {
		st.jobs.Install = append(st.jobs.Install, cg.PackagesOf(st.types)...)
	}
}

func (st *groupState) installEnv(id string, packages bool) {
	ce := st.g.Comps.Environment(id)
	if ce == nil {
		st.b.Log("Environment id '%s' does not exist.", id)
		return
	}
	rec := &history.CompsEnv{ID: ce.ID, Name: ce.Name, TranslatedName: ce.Name, PkgTypes: int(st.types)}
	for _, gr := range st.g.Comps.EnvGroups(ce.Groups) {
		st.installGroup(gr.ID, packages)
		rec.Groups = append(rec.Groups, history.CompsEnvGroup{ID: gr.ID, Installed: true, Type: int(comps.Mandatory)})
	}
	for _, gr := range st.g.Comps.EnvGroups(ce.Options) {
		rec.Groups = append(rec.Groups, history.CompsEnvGroup{ID: gr.ID, Type: int(comps.Optional)})
	}
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Install, Env: rec})
}

// removeGroup is _group_remove: the group is recorded as removed and its packages that
// only it installed (reason group, in no other installed group) are erased.
func (st *groupState) removeGroup(id string, packages bool) {
	rec := st.g.Installed[id]
	if rec == nil || st.removed[id] {
		return
	}
	st.removed[id] = true
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Removed, Group: rec})
	if !packages {
		return
	}
	for _, p := range rec.Packages {
		if st.removablePkg(p.Name) {
			st.jobs.Remove = append(st.jobs.Remove, p.Name)
		}
	}
}

// removablePkg is dnf's is_removable_pkg: installed with reason group, and no installed
// group that stays lists it as installed.
func (st *groupState) removablePkg(name string) bool {
	found := false
	for _, p := range st.b.Installed {
		if p.Info.Name == name {
			found = true
			if st.b.reasons[p.Info.Name+"."+p.Info.Arch] != history.Group {
				return false
			}
		}
	}
	if !found {
		return false
	}
	for id, g := range st.g.Installed {
		if st.removed[id] {
			continue
		}
		for _, p := range g.Packages {
			if p.Name == name && p.Installed {
				return false
			}
		}
	}
	return true
}

func (st *groupState) removeEnv(id string, packages bool) {
	rec := st.g.InstalledEnvs[id]
	if rec == nil {
		return
	}
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Removed, Env: rec})
	for _, gr := range rec.Groups {
		if st.g.Installed[gr.ID] == nil || !st.removableGroup(gr.ID, id) {
			continue
		}
		st.removeGroup(gr.ID, packages)
	}
}

// removableGroup is is_removable_group: no other installed environment lists the group as
// installed.
func (st *groupState) removableGroup(gid, leaving string) bool {
	for id, e := range st.g.InstalledEnvs {
		if id == leaving {
			continue
		}
		for _, g := range e.Groups {
			if g.ID == gid && g.Installed {
				return false
			}
		}
	}
	return true
}

// upgradeGroup is _group_upgrade: the group's current packages of its recorded types are
// upgraded, new ones installed, those no longer in it removed.
func (st *groupState) upgradeGroup(id string) bool {
	rec := st.g.Installed[id]
	cg := st.g.Comps.Group(id)
	if cg == nil {
		st.b.Log("Module or Group '%s' is not available.", id)
		return false
	}
	types := comps.PkgType(rec.PkgTypes)
	old := map[string]bool{}
	for _, p := range rec.Packages {
		old[p.Name] = true
	}
	newRec := groupRecord(cg, types)
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Upgrade, Group: newRec})
	now := map[string]bool{}
	for _, p := range cg.PackagesOf(types) {
		now[p.Name] = true
		if old[p.Name] {
			st.jobs.Upgrade = append(st.jobs.Upgrade, p.Name)
		} else {
			st.jobs.Install = append(st.jobs.Install, p)
		}
	}
	for _, p := range rec.Packages {
		if !now[p.Name] && st.removablePkg(p.Name) { // _remove_if_unneeded: only group-installed ones
			st.jobs.Remove = append(st.jobs.Remove, p.Name)
		}
	}
	return true
}

func (st *groupState) upgradeEnv(id string) bool {
	rec := st.g.InstalledEnvs[id]
	ce := st.g.Comps.Environment(id)
	if ce == nil {
		st.b.Log("Environment '%s' is not available.", id)
		return false
	}
	old := map[string]bool{}
	for _, g := range rec.Groups {
		old[g.ID] = true
	}
	st.types = comps.PkgType(rec.PkgTypes)
	newRec := &history.CompsEnv{ID: ce.ID, Name: ce.Name, TranslatedName: ce.Name, PkgTypes: rec.PkgTypes}
	for _, gr := range st.g.Comps.EnvGroups(ce.Groups) {
		switch {
		case !old[gr.ID]:
			st.installGroup(gr.ID, true)
		case st.g.Installed[gr.ID] != nil:
			st.upgradeGroup(gr.ID)
		}
		newRec.Groups = append(newRec.Groups, history.CompsEnvGroup{ID: gr.ID, Installed: true, Type: int(comps.Mandatory)})
	}
	for _, gr := range st.g.Comps.EnvGroups(ce.Options) {
		if old[gr.ID] && st.g.Installed[gr.ID] != nil {
			st.upgradeGroup(gr.ID)
		}
		newRec.Groups = append(newRec.Groups, history.CompsEnvGroup{ID: gr.ID, Type: int(comps.Optional)})
	}
	st.jobs.Comps = append(st.jobs.Comps, history.CompsItem{Action: history.Upgrade, Env: newRec})
	return true
}

// groupPkgJobs are the solver jobs of a request's group part (base.py's
// _finalize_comps_trans): each member name is installed from every package of that name
// (installed ones included, so an installed member stays as it is); a conditional member only
// when the package it requires is installed or installed by this request; a name without
// packages is dnf's warning "No match for group package". Removals erase the named
// installed packages with clean-deps, but not one an installed package that stays requires.
func (b *Base) groupPkgJobs(gj *GroupJobs, flags solver.JobFlags, user, erase map[solver.ID]bool) []solver.Job {
	var jobs []solver.Job
	byName := func(name string) []solver.ID {
		var out []solver.ID
		for _, id := range b.Pool.WhatProvides(solver.Dep{Name: name}) {
			s := b.Pool.Solvable(id)
			if s.Name != name || s.Arch == "src" || s.Arch == "nosrc" {
				continue
			}
			if b.Installed[id] == nil && !b.Pool.Installable(id) {
				continue
			}
			out = append(out, id)
		}
		return out
	}
	// what the system will hold: the installed packages, the unconditional members and what
	// they require (an approximation of the solver's "(name if required)")
	coming := map[string]bool{}
	for _, p := range b.Installed {
		coming[p.Info.Name] = true
	}
	var queue []string
	for _, p := range gj.Install {
		if p.Type != comps.Conditional && !coming[p.Name] {
			coming[p.Name] = true
			queue = append(queue, p.Name)
		}
	}
	for len(queue) > 0 && len(coming) < 100000 {
		name := queue[0]
		queue = queue[1:]
		for _, id := range byName(name) {
			s := b.Pool.Solvable(id)
			for _, d := range append(append([]solver.Dep{}, s.Requires...), s.PreRequires...) {
				for _, l := range leaves(d) {
					for _, pid := range b.Pool.WhatProvides(l) {
						if n := b.Pool.Solvable(pid).Name; !coming[n] {
							coming[n] = true
							queue = append(queue, n)
						}
					}
				}
			}
		}
	}
	if gj.Weak {
		flags |= solver.JobWeak
	}
	seen := map[string]bool{}
	for _, p := range gj.Install {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		ids := byName(p.Name)
		shown := p.Name
		if p.BaseArchOnly { // dnf's query arch=basearch: a noarch package does not match
			ba := repo.BaseArch(b.cfg.Arch)
			shown += "." + ba
			var keep []solver.ID
			for _, id := range ids {
				if b.Pool.Solvable(id).Arch == ba {
					keep = append(keep, id)
				}
			}
			ids = keep
		}
		if len(ids) == 0 {
			b.Log("No match for group package \"%s\"", shown)
			continue
		}
		gj.Members[p.Name] = true
		if p.Requires != "" && !coming[p.Requires] {
			continue
		}
		jobs = append(jobs, solver.Job{Kind: solver.JobInstall, Sel: solver.SelOneOf, Pkgs: ids, Flags: flags, Text: "@" + p.Name})
		for _, id := range ids {
			user[id] = true
		}
	}
	for _, name := range gj.Upgrade {
		ids := byName(name)
		if len(ids) == 0 {
			b.Log("No match for group package \"%s\"", name)
			continue
		}
		gj.Members[name] = true
		jobs = append(jobs, solver.Job{Kind: solver.JobUpdate, Sel: solver.SelName, Dep: solver.Dep{Name: name}, Flags: flags, Text: "@" + name})
	}
	remove := map[solver.ID]bool{}
	for _, name := range gj.Remove {
		for id, p := range b.Installed {
			if p.Info.Name == name && !b.excludedInstalled(id) {
				remove[id] = true
			}
		}
	}
	// _remove_if_unneeded: a member another installed package needs stays
	for changed := true; changed; {
		changed = false
		for id := range remove {
			if b.neededByOthers(id, remove) {
				delete(remove, id)
				changed = true
			}
		}
	}
	fl := solver.JobCleanDeps
	if !b.Main.CleanOnRemove || b.cfg.NoAutoremove {
		fl = 0
	}
	for _, id := range sortedIDs(remove) {
		jobs = append(jobs, solver.Job{Kind: solver.JobErase, Sel: solver.SelPkg, Pkgs: []solver.ID{id}, Flags: fl, Text: "@" + b.Pool.Solvable(id).Name})
		erase[id] = true
	}
	return jobs
}

// neededByOthers reports whether an installed package outside the set requires something
// id provides that no installed package outside the set provides.
func (b *Base) neededByOthers(id solver.ID, set map[solver.ID]bool) bool {
	for oid := range b.Installed {
		if set[oid] {
			continue
		}
		os := b.Pool.Solvable(oid)
		for _, d := range append(append([]solver.Dep{}, os.Requires...), os.PreRequires...) {
			for _, l := range leaves(d) {
				mine, other := false, false
				for _, p := range b.Pool.WhatProvides(l) {
					switch {
					case p == id:
						mine = true
					case b.Installed[p] != nil && !set[p]:
						other = true
					}
				}
				if mine && !other {
					return true
				}
			}
		}
	}
	return false
}

func sortedIDs(m map[solver.ID]bool) []solver.ID {
	out := make([]solver.ID, 0, len(m))
	for id := range m {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// compsRecords are the plan's group records with dnf's installed flags: after a transaction
// that changed packages, a member counts as installed when a package of its name is
// installed afterwards (base.py marks them so while verifying); without package changes
// dnf marks none.
func (p *Plan) compsRecords(rc int, gone []string) []history.CompsItem {
	items := p.Comps()
	if len(items) == 0 || len(p.Actions) == 0 || rc != 0 {
		return items
	}
	b := p.base
	names := map[string]bool{}
	for _, pk := range b.Installed {
		names[pk.Info.Name] = true
	}
	for _, na := range gone {
		for _, pk := range b.Installed {
			if pk.Info.Name+"."+pk.Info.Arch == na {
				delete(names, pk.Info.Name)
			}
		}
	}
	for _, a := range p.Actions {
		if a.New != 0 {
			names[b.Pool.Solvable(a.New).Name] = true
		}
	}
	out := make([]history.CompsItem, len(items))
	for i, it := range items {
		out[i] = it
		if it.Group == nil || it.Action == history.Removed {
			continue
		}
		g := *it.Group
		g.Packages = append([]history.CompsPackage(nil), it.Group.Packages...)
		for j := range g.Packages {
			g.Packages[j].Installed = names[g.Packages[j].Name]
		}
		out[i].Group = &g
	}
	return out
}
