package pm

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// DownloadSelect is what dnf-plugins-core's download command (download.py) downloads for
// specs: for each spec the available packages it matches (hawkey's best query), the newest
// per name and architecture from the repositories of the best priority; with resolve, also
// what installing each of them would install or upgrade on this system. arches limits the
// packages to those architectures. Specs that match nothing are returned apart, as dnf's
// "No package X available.".
func (b *Base) DownloadSelect(specs, arches []string, resolve bool) ([]solver.ID, []string, error) {
	keep := func(id solver.ID) bool {
		if b.Available.Get(id) == nil || !b.Pool.Installable(id) {
			return false
		}
		if len(arches) == 0 {
			return true
		}
		a := b.Pool.Solvable(id).Arch
		for _, x := range arches {
			if x == a {
				return true
			}
		}
		return false
	}
	chosen := map[solver.ID]bool{}
	var order []solver.ID
	add := func(id solver.ID) {
		if !chosen[id] {
			chosen[id] = true
			order = append(order, id)
		}
	}
	var missing []string
	var picked []solver.ID
	for _, spec := range specs {
		m := b.subject(spec, nil, true, keep)
		if len(m.ids) == 0 {
			missing = append(missing, spec)
			continue
		}
		// latest_per_arch_by_priority: per name.arch the best priority, then the newest
		best := map[string]solver.ID{}
		for _, id := range m.ids {
			s := b.Pool.Solvable(id)
			k := s.Name + "." + s.Arch
			cur, ok := best[k]
			if !ok {
				best[k] = id
				continue
			}
			pc, pn := b.Available.Get(cur).Repo.Priority, b.Available.Get(id).Repo.Priority
			if pn < pc || pn == pc && newer(s, b.Pool.Solvable(cur)) {
				best[k] = id
			}
		}
		keys := make([]string, 0, len(best))
		for k := range best {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			picked = append(picked, best[k])
			add(best[k])
		}
	}
	if resolve {
		for _, id := range picked {
			s := b.Pool.Solvable(id)
			plan, err := b.Resolve(Request{Install: []string{s.Name + "-" + s.EVR + "." + s.Arch}})
			if err != nil {
				return nil, missing, fmt.Errorf("Error in resolve of packages:\n    %s: %w", s, err)
			}
			for _, a := range plan.Actions {
				if a.New != 0 && (a.Kind == ActInstall || a.Kind == ActUpgrade) {
					add(a.New)
				}
			}
		}
	}
	return order, missing, nil
}

// DownloadTo downloads the packages into dir (dnf's download command, and --destdir):
// fetched from their repositories and checked (size, checksum, and the signature where the
// repository asks for one), packages used in place copied. It returns the files.
func (b *Base) DownloadTo(ctx context.Context, ids []solver.ID, dir string) ([]string, error) {
	saved := b.cfg.DestDir
	b.cfg.DestDir = dir
	defer func() { b.cfg.DestDir = saved }()
	p := &Plan{base: b}
	for _, id := range ids {
		p.Actions = append(p.Actions, Action{Kind: ActInstall, New: id})
	}
	pkgs, err := p.Download(ctx)
	if err != nil {
		return nil, err
	}
	defer CloseAll(pkgs)
	var files []string
	for _, v := range pkgs {
		files = append(files, v.Path)
	}
	sort.Strings(files)
	return files, nil
}

// PackageURL is where an available package is downloaded from: its repository's first
// base URL or mirror and its location (download --url).
func (b *Base) PackageURL(id solver.ID) (string, error) {
	ap := b.Available.Get(id)
	if ap == nil {
		return "", fmt.Errorf("%s is not from a repository", b.Pool.Solvable(id))
	}
	pk := ap.Repo.Index.Package(ap.I)
	mirrors, loc, err := packageSource(ap.Repo, pk.Location)
	if err != nil {
		return "", err
	}
	if len(mirrors) == 0 {
		return "", fmt.Errorf("Failed to get mirror for package: %s", b.Pool.Solvable(id).Name)
	}
	return strings.TrimSuffix(mirrors[0], "/") + "/" + strings.TrimPrefix(loc, "/"), nil
}
