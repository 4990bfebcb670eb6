package pm

import (
	"context"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// PackageFiles are the files of packages as repoquery -l lists them: an installed
// package's from its rpmdb header, a repository package's from its repository's
// filelists.xml (read once per repository, only when asked: the index keeps primary.xml's
// short list only).
func (b *Base) PackageFiles(ids []solver.ID) map[solver.ID][]string {
	out := map[solver.ID][]string{}
	want := map[*LoadedRepo]map[string]solver.ID{}
	for _, id := range ids {
		if ip := b.Installed[id]; ip != nil {
			for _, f := range ip.Info.Files {
				out[id] = append(out[id], f.Path)
			}
			continue
		}
		ap := b.Available.Get(id)
		if ap == nil {
			continue
		}
		if want[ap.Repo] == nil {
			want[ap.Repo] = map[string]solver.ID{}
		}
		pk := ap.Repo.Index.Package(ap.I)
		want[ap.Repo][filelistKey(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)] = id
	}
	for _, lr := range b.Repos {
		keys := want[lr]
		if len(keys) == 0 || lr.Meta == nil || lr.Meta.Repomd == nil {
			continue
		}
		p := lr.Meta.Path("filelists")
		if p == "" {
			continue
		}
		if err := readFilelists(p, func(pkg *repomd.Package) {
			id, ok := keys[filelistKey(pkg.Name, pkg.Epoch, pkg.Version, pkg.Release, pkg.Arch)]
			if !ok {
				return
			}
			for _, f := range pkg.Files {
				out[id] = append(out[id], f.Path)
			}
		}); err != nil {
			b.Log("warning: repository %s: %v", lr.ID, err)
		}
	}
	return out
}

// DepProviders is one requirement of a package and the packages that provide it.
type DepProviders struct {
	Dep       string
	Providers []solver.ID
}

// RequiresProviders lists id's requirements (sorted as dnf sorts them, by their text) with
// the packages providing each (a rich one: its packages' providers), oldest first per name;
// with latest, the newest per name.arch only; with availableOnly, repository packages only
// (dnf's --deplist).
func (b *Base) RequiresProviders(id solver.ID, latest, availableOnly bool) []DepProviders {
	s := b.Pool.Solvable(id)
	var out []DepProviders
	seen := map[string]bool{}
	for _, r := range append(append([]solver.Dep{}, s.PreRequires...), s.Requires...) {
		text := depString(r)
		if seen[text] || strings.HasPrefix(r.Name, "rpmlib(") {
			continue
		}
		seen[text] = true
		var provs []solver.ID
		have := map[solver.ID]bool{}
		for _, l := range leaves(r) {
			for _, p := range b.Pool.WhatProvides(l) {
				installed := b.Installed[p] != nil
				available := b.Available.Get(p) != nil && b.Pool.Installable(p)
				if have[p] || !available && (!installed || availableOnly) {
					continue
				}
				have[p] = true
				provs = append(provs, p)
			}
		}
		out = append(out, DepProviders{Dep: text, Providers: b.sortNewestLast(provs, latest)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Dep < out[j].Dep })
	return out
}

// sortNewestLast sorts packages by name, arch and version (oldest first); with latest only
// the newest of each name.arch is kept.
func (b *Base) sortNewestLast(ids []solver.ID, latest bool) []solver.ID {
	sort.Slice(ids, func(i, j int) bool {
		a, c := b.Pool.Solvable(ids[i]), b.Pool.Solvable(ids[j])
		if a.Name != c.Name {
			return a.Name < c.Name
		}
		if a.Arch != c.Arch {
			return a.Arch < c.Arch
		}
		return newer(c, a)
	})
	if !latest {
		return ids
	}
	var out []solver.ID
	for i, id := range ids {
		if i+1 < len(ids) {
			a, c := b.Pool.Solvable(id), b.Pool.Solvable(ids[i+1])
			if a.Name == c.Name && a.Arch == c.Arch {
				continue
			}
		}
		out = append(out, id)
	}
	return out
}

// FileOwners keeps the packages of ids that own a file matching one of the patterns
// (repoquery -f/--file: hawkey's file__glob, filelists.xml included).
func (b *Base) FileOwners(ids []solver.ID, patterns []string) []solver.ID {
	own := map[solver.ID]bool{}
	for _, id := range b.fileOwners(patterns) {
		own[id] = true
	}
	return filterIDs(ids, func(id solver.ID) bool { return own[id] })
}

// Recent keeps the packages of ids built in the last days days (repoquery --recent:
// hawkey's _recent over buildtime).
func (b *Base) Recent(ids []solver.ID, days int) []solver.ID {
	limit := b.cfg.Now().Unix() - int64(days)*86400
	return filterIDs(ids, func(id solver.ID) bool { return b.buildTime(id) > limit })
}

func (b *Base) buildTime(id solver.ID) int64 {
	if ip := b.Installed[id]; ip != nil {
		return int64(ip.Info.BuildTime)
	}
	if ap := b.Available.Get(id); ap != nil {
		return ap.Repo.Index.BuildTime(ap.I)
	}
	return b.Pool.Solvable(id).BuildTime
}

// SourcePackages is repoquery --srpm: for each package the source package of the
// repositories whose name is the package's source rpm's and whose version is the
// package's (arch src), as dnf queries name=source_name, evr=evr, arch=src.
func (b *Base) SourcePackages(ids []solver.ID) []solver.ID {
	want := map[string]bool{}
	for _, id := range ids {
		src := b.Details(id).Source
		if src == "" {
			continue
		}
		name := sourceName(src)
		want[name+"\x00"+b.Pool.Solvable(id).EVR] = true
	}
	var out []solver.ID
	for id := range b.Available.All() {
		if s := b.Pool.Solvable(id); s.Arch == "src" && want[s.Name+"\x00"+s.EVR] {
			out = append(out, id)
		}
	}
	return b.sortNewestLast(out, false)
}

// GroupMembers is repoquery --groupmember: the packages grouped by the comps groups that
// list their names ("  @id" lines after each set), the rest last, as dnf's
// _group_member_report prints them.
func (b *Base) GroupMembers(ctx context.Context, ids []solver.ID) (string, error) {
	g, err := b.Groups(ctx)
	if err != nil {
		return "", err
	}
	byKey := map[string][]string{}
	var none []string
	for _, id := range ids {
		name := b.Pool.Solvable(id).Name
		var in []string
		for _, grp := range g.Comps.Groups {
			for _, p := range grp.Packages {
				if p.Name == name {
					in = append(in, grp.ID)
					break
				}
			}
		}
		str := UINEVRA(b.Details(id))
		if len(in) == 0 {
			none = append(none, str)
			continue
		}
		sort.Strings(in)
		k := strings.Join(in, "$")
		byKey[k] = append(byKey[k], str)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		pk := byKey[k]
		sort.Strings(pk)
		var gs []string
		for _, id := range strings.Split(k, "$") {
			gs = append(gs, "  @"+id)
		}
		sort.Strings(gs)
		out = append(out, strings.Join(append(pk, gs...), "\n"))
	}
	sort.Strings(none)
	out = append(out, strings.Join(none, "\n"))
	return strings.Join(out, "\n"), nil
}
