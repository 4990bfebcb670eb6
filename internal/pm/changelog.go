package pm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

// ChangelogOptions are the changelog command's (dnf-plugins-core 4.3, changelog.py):
// the packages (Specs: the newest match of each, else every available package), and at
// most one filter: entries since a day (Since), the first Count, or with Upgrades only
// the upgrades of installed packages and their entries newer than the installed one's.
type ChangelogOptions struct {
	Specs    []string
	Since    *time.Time
	Count    int
	Upgrades bool
}

// ChangelogGroup is one "Changelogs for" block: the packages built from one source
// package version, and the entries of the first of them, newest first.
type ChangelogGroup struct {
	Packages []string // NEVRAs, sorted
	Entries  []repomd.Changelog
}

// Changelogs selects the packages and reads their changelogs from the repositories'
// other.xml, downloaded into the metadata cache the first time it is needed (checked
// against repomd.xml). Specs that match nothing come back apart ("No match for argument").
func (b *Base) Changelogs(ctx context.Context, o ChangelogOptions) ([]ChangelogGroup, []string, error) {
	var ids []solver.ID
	var missing []string
	if len(o.Specs) > 0 {
		keep := func(id solver.ID) bool { return b.Installed[id] != nil || b.Available.Get(id) != nil }
		seen := map[solver.ID]bool{}
		for _, spec := range o.Specs {
			m := b.subjectFold(spec, keep)
			if len(m) == 0 {
				missing = append(missing, spec)
				continue
			}
			for _, id := range b.latestPerNameArch(m) {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	} else {
		for id := range b.Available.All() {
			ids = append(ids, id)
		}
	}
	var pkgs []solver.ID
	for _, id := range ids {
		if b.Available.Get(id) == nil || b.Pool.Disabled(id) {
			continue // q.available() / q.upgrades(): repository packages, excludes applied
		}
		if o.Upgrades && !b.upgradesInstalled(id) {
			continue
		}
		pkgs = append(pkgs, id)
	}
	// by_srpm: sorted packages grouped by (source name, evr) in order of appearance
	sort.SliceStable(pkgs, func(i, j int) bool {
		if x := cmpNameEVRArch(b.Pool.Solvable(pkgs[i]), b.Pool.Solvable(pkgs[j])); x != 0 {
			return x < 0
		}
		return b.Available.Get(pkgs[i]).Repo.ID < b.Available.Get(pkgs[j]).Repo.ID
	})
	type group struct {
		first solver.ID
		names map[string]bool
	}
	var order []string
	groups := map[string]*group{}
	for _, id := range pkgs {
		s := b.Pool.Solvable(id)
		ap := b.Available.Get(id)
		src := sourceName(ap.Repo.Index.Package(ap.I).SourceRPM)
		if src == "" {
			src = s.Name
		}
		k := src + "\x00" + s.EVR
		g := groups[k]
		if g == nil {
			g = &group{first: id, names: map[string]bool{}}
			groups[k] = g
			order = append(order, k)
		}
		g.names[s.Name+"-"+s.EVR+"."+s.Arch] = true
	}
	var firsts []solver.ID
	for _, k := range order {
		firsts = append(firsts, groups[k].first)
	}
	logs, err := b.otherChangelogs(ctx, firsts)
	if err != nil {
		return nil, missing, err
	}
	var out []ChangelogGroup
	for _, k := range order {
		g := groups[k]
		cg := ChangelogGroup{}
		for n := range g.names {
			cg.Packages = append(cg.Packages, n)
		}
		sort.Strings(cg.Packages)
		ap := b.Available.Get(g.first)
		entries := logs[ap.Repo.ID+"\x00"+ap.Repo.Index.Package(ap.I).Checksum]
		switch {
		case o.Upgrades:
			newest, ok, err := b.installedChangelogDay(ctx, b.Pool.Solvable(g.first).Name)
			if err != nil {
				return nil, missing, err
			}
			var kept []repomd.Changelog
			for _, c := range entries {
				if !ok || changelogDay(c.Date).After(newest) {
					kept = append(kept, c)
				}
			}
			entries = kept
		case o.Count != 0: // Python's changelogs[:count]
			n := o.Count
			if n < 0 {
				n += len(entries)
			}
			entries = entries[:max(0, min(n, len(entries)))]
		case o.Since != nil:
			since := time.Date(o.Since.Year(), o.Since.Month(), o.Since.Day(), 0, 0, 0, 0, time.Local)
			var kept []repomd.Changelog
			for _, c := range entries {
				if !changelogDay(c.Date).Before(since) {
					kept = append(kept, c)
				}
			}
			entries = kept
		}
		cg.Entries = entries
		out = append(out, cg)
	}
	return out, missing, nil
}

// changelogDay is a changelog time as the plugin compares it: the local day
// (datetime.date.fromtimestamp).
func changelogDay(ts int64) time.Time {
	t := time.Unix(ts, 0).Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

// FormatChangelog is dnf's format_changelog: "* DAY 00:00:00 YEAR AUTHOR", the text, and
// a newline (the time is the date's: always midnight).
func FormatChangelog(c repomd.Changelog) string {
	d := changelogDay(c.Date)
	return fmt.Sprintf("* %s 00:00:00 %s %s\n%s\n", d.Format("Mon Jan 02"), d.Format("2006"), c.Author, c.Text)
}

// sourceName is the name of a source rpm file name (name-version-release.src.rpm).
func sourceName(srpm string) string {
	s := strings.TrimSuffix(strings.TrimSuffix(srpm, ".rpm"), ".src")
	s = strings.TrimSuffix(s, ".nosrc")
	for range 2 {
		i := strings.LastIndexByte(s, '-')
		if i <= 0 {
			return ""
		}
		s = s[:i]
	}
	return s
}

// subjectFold is hawkey's Subject(spec, ignore_case=True).get_best_query with NEVRA forms
// only, source packages included: the first form that matches, the name compared as
// given and then, when nothing matched, regardless of case.
func (b *Base) subjectFold(spec string, keep func(solver.ID) bool) []solver.ID {
	for _, fold := range []bool{false, true} {
		for _, f := range mostSpecific {
			n, ok := parseNEVRA(spec, f)
			if !ok {
				continue
			}
			if fold {
				n.name = strings.ToLower(n.name)
			}
			var ids []solver.ID
			for id := solver.ID(1); int(id) <= b.Pool.Len(); id++ {
				if !keep(id) {
					continue
				}
				s := b.Pool.Peek(id)
				if s == nil {
					continue
				}
				name := s.Name
				if fold {
					name = strings.ToLower(name)
				}
				if n.matches(name, s.EVR, s.Arch) {
					ids = append(ids, id)
				}
			}
			if len(ids) > 0 {
				return ids
			}
		}
	}
	return nil
}

// upgradesInstalled reports whether an available package upgrades an installed one
// (hawkey's upgrades(): same name, a compatible arch, a higher version).
func (b *Base) upgradesInstalled(id solver.ID) bool {
	s := b.Pool.Solvable(id)
	for iid := range b.Installed {
		is := b.Pool.Solvable(iid)
		if is.Name != s.Name || !(is.Arch == s.Arch || is.Arch == "noarch" || s.Arch == "noarch") {
			continue
		}
		if newer(s, is) {
			return true
		}
	}
	return false
}

// installedChangelogDay is the day of the newest changelog entry of the first installed
// package named name, as dnf's latest_changelogs reads it from the rpmdb.
func (b *Base) installedChangelogDay(ctx context.Context, name string) (time.Time, bool, error) {
	db, err := rpmdb.Open(b.cfg.Root, "", rpmdb.Options{})
	if err != nil {
		return time.Time{}, false, err
	}
	defer db.Close()
	pkgs, err := db.Lookup(ctx, "Name", name)
	if err != nil {
		return time.Time{}, false, err
	}
	for _, p := range pkgs {
		if ts := p.Header.Ints(tag.Changelogtime); len(ts) > 0 {
			return changelogDay(ts[0]), true, nil
		}
	}
	return time.Time{}, false, nil
}

// otherChangelogs reads the changelogs of the packages ids from their repositories'
// other.xml, keyed by repository id and pkgid, newest first.
func (b *Base) otherChangelogs(ctx context.Context, ids []solver.ID) (map[string][]repomd.Changelog, error) {
	want := map[*LoadedRepo]map[string]bool{}
	for _, id := range ids {
		ap := b.Available.Get(id)
		if want[ap.Repo] == nil {
			want[ap.Repo] = map[string]bool{}
		}
		want[ap.Repo][ap.Repo.Index.Package(ap.I).Checksum] = true
	}
	out := map[string][]repomd.Changelog{}
	for _, r := range b.Repos {
		w := want[r]
		if len(w) == 0 {
			continue
		}
		file, err := b.otherFile(ctx, r)
		if err != nil {
			return nil, err
		}
		if file == "" {
			continue // the repository has no other.xml: no changelogs
		}
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		var rc io.ReadCloser
		if strings.HasSuffix(file, ".zck") { // other_zck only: streamed through the zchunk decoder
			pr, pw := io.Pipe()
			go func() {
				_, err := zchunk.Decompress(f, pw, repomd.DefaultLimit)
				pw.CloseWithError(err)
			}()
			rc = pr
		} else if rc, _, err = repomd.Decompress(f, repomd.DefaultLimit); err != nil {
			f.Close()
			return nil, fmt.Errorf("repository %s: %s: %w", r.ID, filepath.Base(file), err)
		}
		err = repomd.ReadOther(rc, func(p *repomd.Package) error {
			if !w[p.PkgID] {
				return nil
			}
			cl := append([]repomd.Changelog(nil), p.Changelogs...)
			// other.xml lists them oldest first; hawkey gives them newest first
			for i, j := 0, len(cl)-1; i < j; i, j = i+1, j-1 {
				cl[i], cl[j] = cl[j], cl[i]
			}
			sort.SliceStable(cl, func(i, j int) bool { return cl[i].Date > cl[j].Date })
			out[r.ID+"\x00"+p.PkgID] = cl
			return nil
		})
		rc.Close()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("repository %s: %s: %w", r.ID, filepath.Base(file), err)
		}
	}
	return out, nil
}

// otherFile is the repository's other.xml (the zchunk one when it offers no other) in its
// metadata cache, fetched (and checked against repomd.xml, renamed into place whole) when
// it is not there yet; "" when repomd.xml lists none.
func (b *Base) otherFile(ctx context.Context, r *LoadedRepo) (string, error) {
	if r.Meta == nil || r.Meta.Repomd == nil {
		return "", nil
	}
	d := r.Meta.Repomd.Find("other")
	if d == nil {
		d = r.Meta.Repomd.Find("other_zck")
	}
	if d == nil {
		return "", nil
	}
	dest, err := b.inCache(filepath.Join(r.Meta.Dir, "repodata", path.Base(d.Location)))
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(dest); err == nil {
		return dest, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", err
	}
	req := repo.Request{Repo: r.ID, Mirrors: r.Meta.Mirrors(), Path: d.Location, Dest: dest, Size: d.Size, Checksum: d.Checksum}
	if err := b.fetcher().Fetch(ctx, req); err != nil {
		return "", err
	}
	return dest, nil
}

// PackageChangelogs are the repository packages' changelogs, newest first, as repoquery
// --changelogs prints them, from their repositories' other.xml (fetched into the cache
// when needed). An installed package has none here, as in dnf (hawkey does not read the
// rpmdb's changelog).
func (b *Base) PackageChangelogs(ctx context.Context, ids []solver.ID) (map[solver.ID][]repomd.Changelog, error) {
	out := map[solver.ID][]repomd.Changelog{}
	var avail []solver.ID
	for _, id := range ids {
		if b.Available.Get(id) != nil {
			avail = append(avail, id)
		}
	}
	if len(avail) > 0 {
		byPkg, err := b.otherChangelogs(ctx, avail)
		if err != nil {
			return nil, err
		}
		for _, id := range avail {
			ap := b.Available.Get(id)
			out[id] = byPkg[ap.Repo.ID+"\x00"+ap.Repo.Index.Package(ap.I).Checksum]
		}
	}
	return out, nil
}
