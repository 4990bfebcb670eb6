package pm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/comps"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ReplayOptions are the options of `history replay` (dnf's TransactionReplay).
type ReplayOptions struct {
	// IgnoreInstalled turns "already installed" and "not installed" into warnings.
	IgnoreInstalled bool
	// IgnoreExtras turns packages the solver pulls in that the file does not name into
	// warnings.
	IgnoreExtras bool
	// SkipUnavailable turns packages that no repository has into warnings (strict=false
	// sets it too).
	SkipUnavailable bool
}

// ReplayFileError is dnf's TransactionReplayError: the problems of replaying a stored
// transaction, each on its own line under the file's name.
type ReplayFileError struct {
	File     string
	Problems []string
}

func (e *ReplayFileError) Error() string {
	var b strings.Builder
	if e.File != "" {
		fmt.Fprintf(&b, "The following problems occurred while replaying the transaction from file %q:", e.File)
	} else {
		b.WriteString("The following problems occurred while running a transaction:")
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + p)
	}
	return b.String()
}

// StoredReplay is a transaction `history store` wrote (dnf's JSON, version 0.x), loaded
// for `history replay`: dnf 4.14's TransactionReplay (dnf/transaction_sr.py).
type StoredReplay struct {
	file     string
	opts     ReplayOptions
	rpms     []any
	groups   []any
	envs     []any
	nevras   map[string]bool           // the packages the file names (not Reason Change)
	reasons  map[string]history.Reason // the reasons of its forward actions and removals
	warnings []string
	marks    []Mark
}

// Mark is a "Reason Change" of a stored transaction: the package's new install reason.
type Mark struct {
	NEVRA  string
	Reason history.Reason
}

// Marks are the file's "Reason Change" entries, for Base.Mark after the transaction (dnf
// records them in the replaying transaction itself).
func (r *StoredReplay) Marks() []Mark { return r.marks }

// LoadReplay reads a stored transaction as dnf's _load_from_file does: the top-level
// checks (version, the types of rpms, groups and environments) fail the whole file.
func LoadReplay(file string, data []byte, opts ReplayOptions) (*StoredReplay, error) {
	r := &StoredReplay{file: file, opts: opts, nevras: map[string]bool{}, reasons: map[string]history.Reason{}}
	fail := func(msg string) error { return &ReplayFileError{File: file, Problems: []string{msg}} }
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return nil, fail(strings.TrimPrefix(err.Error(), "json: ") + ".")
	}
	if dec.More() {
		return nil, fail("Extra data after the JSON document.")
	}
	m, ok := top.(map[string]any)
	if !ok {
		return nil, fail("Unexpected type of the transaction, object expected.")
	}
	v, ok := m["version"]
	if !ok {
		return nil, fail(`Missing key "version".`)
	}
	ver, ok := v.(string)
	if !ok {
		return nil, fail(`Unexpected type of "version", string expected.`)
	}
	major, minor, _ := strings.Cut(ver, ".") // dnf's _check_version
	if _, err := strconv.Atoi(strings.TrimSpace(major)); err != nil {
		return nil, fail(fmt.Sprintf("Invalid major version %q, number expected.", major))
	}
	if _, err := strconv.Atoi(strings.TrimSpace(minor)); err != nil {
		return nil, fail(fmt.Sprintf("Invalid minor version %q, number expected.", minor))
	}
	if n, _ := strconv.Atoi(strings.TrimSpace(major)); n != 0 {
		return nil, fail(fmt.Sprintf(`Incompatible major version "%d", supported major version is "0".`, n))
	}
	for _, f := range []struct {
		key string
		to  *[]any
	}{{"rpms", &r.rpms}, {"groups", &r.groups}, {"environments", &r.envs}} {
		x, ok := m[f.key]
		if !ok {
			continue
		}
		l, ok := x.([]any)
		if !ok {
			return nil, fail(fmt.Sprintf("Unexpected type of %q, array expected.", f.key))
		}
		*f.to = l
	}
	return r, nil
}

// Warnings are the problems the options turned into warnings (dnf prints them after the
// transaction under "Warning, the following problems occurred while running a
// transaction:").
func (r *StoredReplay) Warnings() []string { return r.warnings }

// Request is TransactionReplay.run: each rpm of the file becomes a job on exactly the
// packages of its NEVRA (from its repository when that has it, or installed); the errors
// of all rpms are gathered into one ReplayFileError.
func (r *StoredReplay) Request(b *Base) (Request, error) {
	req := Request{ExactRemove: true}
	var problems []string
	problem := func(warnOnly bool, msg string) {
		if warnOnly {
			r.warnings = append(r.warnings, msg)
		} else {
			problems = append(problems, msg)
		}
	}
	skip := r.opts.SkipUnavailable || !b.Main.Strict
	for _, x := range r.rpms {
		if msg := r.rpm(b, &req, x, skip, problem); msg != "" {
			problems = append(problems, msg)
		}
	}
	if len(r.groups)+len(r.envs) > 0 {
		g, err := b.Groups(context.Background())
		if err != nil {
			return req, err
		}
		var items []history.CompsItem
		for _, x := range r.groups {
			it, msg := r.group(g, x, problem)
			if msg != "" {
				problems = append(problems, msg)
			} else if it != nil {
				items = append(items, *it)
			}
		}
		for _, x := range r.envs {
			it, msg := r.env(g, x, problem)
			if msg != "" {
				problems = append(problems, msg)
			} else if it != nil {
				items = append(items, *it)
			}
		}
		if len(items) > 0 {
			// only the records: the file's rpms carry the packages (dnf changes its swdb)
			req.Group = &GroupJobs{Comps: items}
		}
	}
	if len(problems) > 0 {
		return req, &ReplayFileError{File: r.file, Problems: problems}
	}
	return req, nil
}

// rpm is _replay_pkg_action for one entry of "rpms"; it returns a problem that no option
// turns into a warning.
func (r *StoredReplay) rpm(b *Base, req *Request, x any, skip bool, problem func(bool, string)) string {
	m, ok := x.(map[string]any)
	if !ok {
		return `Unexpected type of an rpm, object expected.`
	}
	str := map[string]string{}
	for _, k := range []string{"action", "nevra", "repo_id", "reason"} {
		v, ok := m[k]
		if !ok {
			return fmt.Sprintf("Missing object key %q in an rpm.", k)
		}
		s, _ := v.(string)
		if v == nil && k == "repo_id" {
			s = ""
		}
		str[k] = s
	}
	action, nevraS, repoID := str["action"], str["nevra"], str["repo_id"]
	reason := history.Reason(str["reason"])
	switch reason {
	case history.User, history.Dependency, history.Weak, history.Clean, history.Group, history.Unknown:
	default:
		return fmt.Sprintf("Unexpected value of package reason %q for rpm nevra %q.", str["reason"], nevraS)
	}
	n, ok := parseNEVRA(nevraS, FormNEVRA)
	if !ok || isGlob(nevraS) {
		return fmt.Sprintf("Cannot parse NEVRA for package %q.", nevraS)
	}
	na := n.name + "." + n.arch
	epoch := strings.TrimLeft(n.epoch, "0")
	var queryNA, query []solver.ID
	for _, id := range b.Pool.WhatProvides(solver.Dep{Name: n.name}) {
		s := b.Pool.Peek(id)
		if s.Name != n.name || s.Arch != n.arch || (b.Installed[id] == nil && !b.Pool.Installable(id)) {
			continue
		}
		queryNA = append(queryNA, id)
		e := evr.ParseLax(s.EVR)
		if strings.TrimLeft(e.Epoch, "0") == epoch && e.Version == n.version && e.Release == n.release {
			query = append(query, id)
		}
	}
	// the same NEVRA from the repository it came from, when that has it (and installed)
	if repoID != "" {
		var inRepo []solver.ID
		for _, id := range query {
			if b.Installed[id] == nil && b.Pool.Peek(id).Repo.Name == repoID {
				inRepo = append(inRepo, id)
			}
		}
		if len(inRepo) > 0 {
			for _, id := range query {
				if b.Installed[id] != nil {
					inRepo = append(inRepo, id)
				}
			}
			query = inRepo
		}
	}
	if len(query) == 0 {
		problem(skip, fmt.Sprintf("Cannot find rpm nevra %q.", nevraS))
		return ""
	}
	if action != string(history.ReasonChange) {
		r.nevras[nevraS] = true
	}
	switch history.Action(action) {
	case history.Install, history.Upgrade, history.Downgrade, history.Reinstall, history.Removed:
		r.reasons[nevraS] = reason
	}
	filter := func(ids []solver.ID, installed bool) []solver.ID {
		var out []solver.ID
		for _, id := range ids {
			if (b.Installed[id] != nil) == installed {
				out = append(out, id)
			}
		}
		return out
	}
	switch history.Action(action) {
	case history.Install, history.Upgrade, history.Downgrade:
		if history.Action(action) == history.Install && len(filter(queryNA, true)) > 0 {
			only := false
			for _, id := range queryNA {
				only = only || b.installOnly(id)
			}
			if !only {
				problem(r.opts.IgnoreInstalled, fmt.Sprintf("Package %q is already installed for action %q.", na, action))
			}
		}
		req.ExactInstall = append(req.ExactInstall, query)
	case history.Reinstall:
		avail := filter(query, false)
		if len(avail) == 0 {
			problem(skip, fmt.Sprintf("Package nevra %q not available in repositories for action %q.", nevraS, action))
			return ""
		}
		req.ExactInstall = append(req.ExactInstall, avail)
	case history.Upgraded, history.Downgraded, history.Reinstalled, history.Removed, history.Obsoleted:
		inst := filter(query, true)
		if len(inst) == 0 {
			problem(r.opts.IgnoreInstalled, fmt.Sprintf("Package nevra %q not installed for action %q.", nevraS, action))
			return ""
		}
		// erasing the old version too is more robust, but not with skip_unavailable:
		// a skipped forward part would leave a plain removal
		if !skip || history.Action(action) == history.Removed {
			req.ExactErase = append(req.ExactErase, inst...)
		}
	case history.ReasonChange:
		r.marks = append(r.marks, Mark{NEVRA: b.Pool.Solvable(query[0]).String(), Reason: reason})
	default:
		return fmt.Sprintf("Unexpected value of package action %q for rpm nevra %q.", action, nevraS)
	}
	return ""
}

// reasonRank is libdnf's TransactionItemReasonCompare order: a higher rank is a stronger
// reason.
func reasonRank(r history.Reason) int {
	switch r {
	case history.Clean:
		return 1
	case history.Weak:
		return 2
	case history.Dependency:
		return 3
	case history.Group:
		return 4
	case history.User:
		return 5
	}
	return 0
}

// Check is TransactionReplay.post_transaction on the resolved plan: a package the plan
// changes that the file does not name is an error (a warning with IgnoreExtras; the old
// side of upgrades, downgrades and reinstalls not at all with IgnoreInstalled); and the
// plan's packages take the file's reasons (installs and removals always, others when the
// file's reason is stronger), which also decides their table sections as in dnf.
func (r *StoredReplay) Check(p *Plan) error {
	b := p.base
	var problems []string
	extra := func(id solver.ID) {
		nevra := b.Pool.Solvable(id).String()
		if r.nevras[nevra] {
			return
		}
		msg := fmt.Sprintf("Package nevra %q, which is not present in the transaction file, was pulled into the transaction.", nevra)
		if r.opts.IgnoreExtras {
			r.warnings = append(r.warnings, msg)
		} else {
			problems = append(problems, msg)
		}
	}
	order := p.historyOrder()
	for _, a := range order {
		if a.New != 0 && a.Kind != ActObsoleted { // the obsoleting package has its own action
			extra(a.New)
		}
		if a.Old != 0 && a.Kind != ActInstall && !(r.opts.IgnoreInstalled && (a.Kind == ActUpgrade || a.Kind == ActDowngrade || a.Kind == ActReinstall)) {
			extra(a.Old)
		}
	}
	for i := range p.Actions {
		a := &p.Actions[i]
		switch a.Kind {
		case ActInstall, ActUpgrade, ActDowngrade, ActReinstall:
			rr, ok := r.reasons[b.Pool.Solvable(a.New).String()]
			if !ok {
				continue
			}
			if a.Kind == ActInstall {
				a.Reason = rr
				a.Dependency = rr == history.Dependency || rr == history.Weak
			} else if reasonRank(rr) > reasonRank(a.Reason) {
				a.Reason = rr
			}
		case ActRemove:
			rr, ok := r.reasons[b.Pool.Solvable(a.Old).String()]
			if !ok {
				continue
			}
			a.Dependent, a.Dependency = rr == history.Dependency, rr == history.Clean
		}
	}
	if len(problems) > 0 {
		return &ReplayFileError{File: r.file, Problems: problems}
	}
	return nil
}

// groupAction is the action of a group or environment entry ("Downgraded" as dnf 4.14
// spells it), or a problem.
func groupAction(m map[string]any, what, id string) (history.Action, string) {
	a, _ := m["action"].(string)
	switch a {
	case "Install", "Upgrade", "Downgraded", "Removed":
		if a == "Downgraded" {
			return history.Downgrade, ""
		}
		return history.Action(a), ""
	}
	return "", fmt.Sprintf("Unexpected value of %s action %q for %s %q.", what, a, what, id)
}

// group is one entry of "groups" (TransactionReplay's _swdb_group_*): the group record
// the transaction writes, nil when a problem was only warned about.
func (r *StoredReplay) group(g *Groups, x any, problem func(bool, string)) (*history.CompsItem, string) {
	m, ok := x.(map[string]any)
	if !ok {
		return nil, "Unexpected type of a group, object expected."
	}
	for _, k := range []string{"action", "id"} {
		if _, ok := m[k]; !ok {
			return nil, fmt.Sprintf("Missing object key %q in a group.", k)
		}
	}
	id := fmt.Sprint(m["id"])
	ts, _ := m["package_types"].(string)
	if _, ok := m["package_types"]; !ok {
		return nil, `Missing object key "package_types" in a group.`
	}
	types, err := comps.ParseTypes([]string{ts})
	if err != nil {
		return nil, err.Error()
	}
	action, msg := groupAction(m, "group", id)
	if msg != "" {
		return nil, msg
	}
	if action != history.Install && g.Installed[id] == nil {
		problem(r.opts.IgnoreInstalled, fmt.Sprintf("Group id '%s' is not installed.", id))
		return nil, ""
	}
	cg := g.Comps.Group(id)
	if cg == nil {
		problem(r.opts.SkipUnavailable, fmt.Sprintf("Group id '%s' is not available.", id))
		return nil, ""
	}
	rec := &history.CompsGroup{ID: cg.ID, Name: cg.Name, TranslatedName: cg.Name, PkgTypes: int(types)}
	pkgs, ok := m["packages"].([]any)
	if _, has := m["packages"]; !has {
		return nil, `Missing object key "packages" in a group.`
	}
	if !ok {
		return nil, `Unexpected type of "groups.packages", array expected.`
	}
	for _, p := range pkgs {
		pm, _ := p.(map[string]any)
		for _, k := range []string{"name", "installed", "package_type"} {
			if _, ok := pm[k]; !ok {
				return nil, fmt.Sprintf("Missing object key %q in groups.packages.", k)
			}
		}
		name, ok := pm["name"].(string)
		if !ok {
			return nil, `Unexpected type of "groups.packages.name", string expected.`
		}
		inst, ok := pm["installed"].(bool)
		if !ok {
			return nil, `Unexpected type of "groups.packages.installed", boolean expected.`
		}
		pt, ok := pm["package_type"].(string)
		if !ok {
			return nil, `Unexpected type of "groups.packages.package_type", string expected.`
		}
		t, err := comps.ParseTypes([]string{pt})
		if err != nil {
			return nil, err.Error()
		}
		rec.Packages = append(rec.Packages, history.CompsPackage{Name: name, Installed: inst, Type: int(t)})
	}
	return &history.CompsItem{Action: action, Group: rec}, ""
}

// env is one entry of "environments" (TransactionReplay's _swdb_environment_*).
func (r *StoredReplay) env(g *Groups, x any, problem func(bool, string)) (*history.CompsItem, string) {
	m, ok := x.(map[string]any)
	if !ok {
		return nil, "Unexpected type of an environment, object expected."
	}
	for _, k := range []string{"action", "id", "package_types"} {
		if _, ok := m[k]; !ok {
			return nil, fmt.Sprintf("Missing object key %q in an environment.", k)
		}
	}
	id := fmt.Sprint(m["id"])
	ts, _ := m["package_types"].(string)
	types, err := comps.ParseTypes([]string{ts})
	if err != nil {
		return nil, err.Error()
	}
	action, msg := groupAction(m, "environment", id)
	if msg != "" {
		return nil, msg
	}
	if action != history.Install && g.InstalledEnvs[id] == nil {
		problem(r.opts.IgnoreInstalled, fmt.Sprintf("Environment id '%s' is not installed.", id))
		return nil, ""
	}
	ce := g.Comps.Environment(id)
	if ce == nil {
		problem(r.opts.SkipUnavailable, fmt.Sprintf("Environment id '%s' is not available.", id))
		return nil, ""
	}
	rec := &history.CompsEnv{ID: ce.ID, Name: ce.Name, TranslatedName: ce.Name, PkgTypes: int(types)}
	groups, ok := m["groups"].([]any)
	if _, has := m["groups"]; !has {
		return nil, `Missing object key "groups" in an environment.`
	}
	if !ok {
		return nil, `Unexpected type of "environments.groups", array expected.`
	}
	for _, x := range groups {
		gm, _ := x.(map[string]any)
		for _, k := range []string{"id", "installed", "group_type"} {
			if _, ok := gm[k]; !ok {
				return nil, fmt.Sprintf("Missing object key %q in environments.groups.", k)
			}
		}
		gid, ok := gm["id"].(string)
		if !ok {
			return nil, `Unexpected type of "environments.groups.id", string expected.`
		}
		inst, ok := gm["installed"].(bool)
		if !ok {
			return nil, `Unexpected type of "environments.groups.installed", boolean expected.`
		}
		gt, ok := gm["group_type"].(string)
		if !ok {
			return nil, `Unexpected type of "environments.groups.group_type", string expected.`
		}
		t, err := comps.ParseTypes([]string{gt})
		if err != nil {
			return nil, err.Error()
		}
		if t != comps.Mandatory && t != comps.Optional {
			return nil, fmt.Sprintf(`Invalid value "%s" of environments.groups.group_type, only "mandatory" or "optional" is supported.`, gt)
		}
		rec.Groups = append(rec.Groups, history.CompsEnvGroup{ID: gid, Installed: inst, Type: int(t)})
	}
	return &history.CompsItem{Action: action, Env: rec}, ""
}
