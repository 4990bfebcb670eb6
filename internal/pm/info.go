package pm

import (
	"context"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// InfoPackages are the packages dnf's `info` shows for patterns, as dnf's
// _do_package_lists picks them without showdupesfromrepos: the installed packages
// matching, and for each name.arch the newest available version when nothing of that
// name.arch is installed or it is newer than the newest installed one (an installed
// version or an older one is not listed). installed/available false leave a list out
// (--available, --installed). Patterns match as dnf's Subject does for info (ignoring
// case, without provides): globs over name, name.arch, name-version, name-version-release
// and the NEVRA with or without its epoch.
func (b *Base) InfoPackages(pats []string, installed, available bool) (inst, avail []solver.ID) {
	lower := make([]string, len(pats))
	for i, p := range pats {
		lower[i] = strings.ToLower(p)
	}
	match := func(s *solver.Solvable) bool {
		if len(pats) == 0 {
			return true
		}
		e := evr.ParseLax(s.EVR)
		epoch := e.Epoch
		if epoch == "" {
			epoch = "0"
		}
		n := strings.ToLower(s.Name)
		vr := strings.ToLower(e.Version + "-" + e.Release)
		a := strings.ToLower(s.Arch)
		return matchAny(lower, n, n+"."+a, n+"-"+strings.ToLower(e.Version), n+"-"+vr, n+"-"+vr+"."+a, n+"-"+epoch+":"+vr+"."+a, n+"-"+epoch+":"+vr)
	}
	newestInst := map[string]*solver.Solvable{}
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		if !match(s) {
			continue
		}
		if installed && b.inScope(id) {
			inst = append(inst, id)
		}
		k := s.Name + "." + s.Arch
		if cur := newestInst[k]; cur == nil || newer(s, cur) {
			newestInst[k] = s
		}
	}
	if !available {
		return inst, nil
	}
	best := map[string]solver.ID{}
	for id := range b.Available.All() {
		s := b.Pool.Peek(id) // names and EVRs only: no dependencies made for every package
		if !b.Pool.Installable(id) || !match(s) || !b.inScope(id) {
			continue
		}
		k := s.Name + "." + s.Arch
		if cur, ok := best[k]; !ok || newer(s, b.Pool.Peek(cur)) {
			best[k] = id
		}
	}
	for k, id := range best {
		if cur := newestInst[k]; cur == nil || newer(b.Pool.Peek(id), cur) {
			avail = append(avail, id)
		}
	}
	return inst, avail
}

// InfoDetails are the Details of packages with everything dnf's `info` shows: for an
// available package also its license, URL and description, read from its repository's
// text file (one read per repository: repo.ReadText), and for an installed one the
// repository dnf's history says it came from (FromRepo, Details.FromRepo).
func (b *Base) InfoDetails(ids []solver.ID) ([]Details, error) {
	out := make([]Details, len(ids))
	per := map[*LoadedRepo][]int{} // positions in ids
	for k, id := range ids {
		out[k] = b.Details(id)
		if b.Installed[id] != nil {
			if r := b.FromRepo(id); r != "@System" {
				out[k].FromRepo = strings.TrimPrefix(r, "@")
			}
		} else if ap := b.Available.Get(id); ap != nil && ap.Repo.Meta != nil {
			per[ap.Repo] = append(per[ap.Repo], k)
		}
	}
	for r, ks := range per {
		pkgs := make([]int, len(ks))
		for j, k := range ks {
			pkgs[j] = b.Available.Get(ids[k]).I
		}
		j := 0
		err := repo.ReadText(r.Meta, pkgs, func(_ int, t cache.Text) {
			d := &out[ks[j]]
			d.License, d.URL, d.Description, d.Packager = t.License, t.URL, t.Description, t.Packager
			j++
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// InfoVerbose adds what `info -v` shows of installed packages beyond InfoDetails: the
// install time (the rpmdb header's INSTALLTIME) and who installed it (the login uid of
// the newest transaction in the history that put this very NEVRA in, as dnf's
// history.package_data).
func (b *Base) InfoVerbose(ctx context.Context, ids []solver.ID, ds []Details) error {
	have := false
	for _, id := range ids {
		have = have || b.Installed[id] != nil
	}
	if !have {
		return nil
	}
	db, err := rpmdb.Open(b.cfg.Root, "", rpmdb.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	all, err := db.All(ctx)
	if err != nil {
		return err
	}
	installTime := map[int64]int64{}
	for _, p := range all {
		if t, ok := p.Header.Int(tag.Installtime); ok {
			installTime[p.Num] = t
		}
	}
	ts, err := history.Log(ctx, b.cfg.Root)
	if err != nil {
		return err
	}
	for k, id := range ids {
		ip := b.Installed[id]
		if ip == nil {
			continue
		}
		ds[k].InstallTime = installTime[ip.Num]
		nevra := b.Pool.Solvable(id).String()
	search:
		for _, t := range ts { // newest first
			for _, it := range t.Items {
				switch it.Action {
				case history.Removed, history.Upgraded, history.Downgraded, history.Obsoleted, history.Reinstalled:
					continue
				}
				if it.NEVRA == nevra {
					ds[k].InstalledBy, ds[k].HasInstalledBy = t.UID, true
					break search
				}
			}
		}
	}
	return nil
}
