package pm

import (
	"fmt"
	"os"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// PkgFilter decides whether an available package may be an upgrade candidate (the
// advisory filters of `upgrade --security`, `upgrade-minimal --advisory=...` plug in here).
type PkgFilter func(b *Base, id solver.ID) bool

// filteredUpgradeJob is dnf 4's upgrade with update filters (Base._upgrade_internal with
// _merge_update_filters): for each installed package the request covers, its upgrades
// (same name and arch, newer) that the filter allows become one targeted update job, so the
// solver picks the best allowed candidate and never goes past it. With req.Minimal and no
// filter, the filter is dnf's "all_security": the exact versions some advisory (bugfix,
// enhancement, newpackage or security) of the package's repository names. ok is false
// when nothing is allowed; then the warning says how many plain upgrades exist.
func (b *Base) filteredUpgradeJob(req Request, flags solver.JobFlags) (job solver.Job, ok bool, warning string, noMatch []string, err error) {
	filter := req.Filter
	if filter == nil {
		adv, err := b.advisoryPackages()
		if err != nil {
			return job, false, "", nil, err
		}
		filter = func(b *Base, id solver.ID) bool {
			s := b.Pool.Solvable(id)
			return adv[s.Name+"."+s.Arch+" "+stripZeroEpoch(s.EVR)]
		}
	}
	// The installed packages in scope, by name.arch.
	inScope := map[string]*solver.Solvable{}
	addInstalled := func(id solver.ID) {
		s := b.Pool.Solvable(id)
		k := s.Name + "." + s.Arch
		if cur := inScope[k]; cur == nil || newer(s, cur) {
			inScope[k] = s
		}
	}
	if len(req.Upgrade) == 0 {
		for id := range b.Installed {
			addInstalled(id)
		}
	}
	for _, spec := range req.Upgrade {
		names := map[string]bool{}
		for _, id := range b.match(spec, false) {
			names[b.Pool.Solvable(id).Name] = true
		}
		if len(names) == 0 {
			noMatch = append(noMatch, spec)
			continue
		}
		for id := range b.Installed {
			if names[b.Pool.Solvable(id).Name] {
				addInstalled(id)
			}
		}
	}
	var cands []solver.ID
	upgradable := map[string]bool{}
	for id := range b.Available.All() {
		s := b.Pool.Peek(id)
		cur := inScope[s.Name+"."+s.Arch]
		if cur == nil && s.Arch == "noarch" {
			cur = b.installedByName(inScope, s.Name)
		}
		if cur == nil || !b.Pool.Installable(id) || !newer(s, cur) {
			continue
		}
		upgradable[s.Name] = true
		if filter(b, id) {
			cands = append(cands, id)
		}
	}
	if len(cands) == 0 {
		if n := len(upgradable); n > 0 {
			warning = fmt.Sprintf("No security updates needed, but %d update%s available", n, map[bool]string{true: "", false: "s"}[n == 1])
		}
		return job, false, warning, noMatch, nil
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i] < cands[j] })
	job = solver.Job{Kind: solver.JobUpdate, Sel: solver.SelOneOf, Pkgs: cands, Flags: flags | solver.JobTargeted, Text: "upgrade-minimal"}
	return job, true, "", noMatch, nil
}

// installedByName is an installed package of that name in scope (for noarch candidates of
// an arch package, which dnf's upgrades() also accepts).
func (b *Base) installedByName(inScope map[string]*solver.Solvable, name string) *solver.Solvable {
	var out *solver.Solvable
	for _, s := range inScope {
		if s.Name == name && (out == nil || newer(s, out)) {
			out = s
		}
	}
	return out
}

// advisoryPackages reads every enabled repository's updateinfo and returns the packages its
// advisories of dnf's four types name, as "name.arch evr" keys (zero epoch left out).
func (b *Base) advisoryPackages() (map[string]bool, error) {
	out := map[string]bool{}
	for _, r := range b.Repos {
		if r.Meta == nil {
			continue
		}
		p := r.Meta.Path("updateinfo")
		if p == "" {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("repository %s: updateinfo: %w", r.ID, err)
		}
		rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("repository %s: updateinfo: %w", r.ID, err)
		}
		err = repomd.ReadUpdateinfo(rc, func(u *repomd.Update) error {
			switch u.Type {
			case "bugfix", "enhancement", "newpackage", "security":
			default:
				return nil
			}
			for _, c := range u.Collections {
				for i := range c.Packages {
					pk := &c.Packages[i]
					out[pk.Name+"."+pk.Arch+" "+stripZeroEpoch(pk.EVR())] = true
				}
			}
			return nil
		})
		rc.Close()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("repository %s: %w", r.ID, err)
		}
	}
	return out, nil
}
