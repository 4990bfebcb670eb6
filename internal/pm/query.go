package pm

import (
	"context"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// PkgLine is one package of a listing.
type PkgLine struct {
	Name string `json:"name"`
	Arch string `json:"arch"`
	EVR  string `json:"evr"`
	Repo string `json:"repo"`
}

func (b *Base) line(id solver.ID) PkgLine {
	s := b.Pool.Solvable(id)
	return PkgLine{s.Name, s.Arch, s.EVR, b.FromRepo(id)}
}

// FromRepo is dnf's _from_repo: for an installed package "@" and the repository it was
// installed from when dnf's history knows it, else "@System"; for an available one its
// repository's id.
func (b *Base) FromRepo(id solver.ID) string {
	s := b.Pool.Solvable(id)
	if s.Repo != b.Pool.Installed {
		return s.Repo.Name
	}
	b.fromRepoOnce.Do(func() {
		var err error
		if b.fromRepo, err = history.SwdbRepos(context.Background(), b.cfg.Root); err != nil {
			b.Log("warning: %v", err)
		}
	})
	e := evr.ParseLax(s.EVR)
	epoch, _ := strconv.ParseInt(e.Epoch, 10, 64)
	if r := b.fromRepo[history.NEVRAKey(s.Name, epoch, e.Version, e.Release, s.Arch)]; r != "" {
		return "@" + r
	}
	return "@System"
}

func matchAny(pats []string, names ...string) bool {
	if len(pats) == 0 {
		return true
	}
	for _, p := range pats {
		for _, n := range names {
			if ok, _ := path.Match(p, n); ok {
				return true
			}
		}
	}
	return false
}

func sortLines(ls []PkgLine) {
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].Name != ls[j].Name {
			return ls[i].Name < ls[j].Name
		}
		if ls[i].Arch != ls[j].Arch {
			return ls[i].Arch < ls[j].Arch
		}
		if c := evr.Compare(evr.ParseLax(ls[i].EVR), evr.ParseLax(ls[j].EVR)); c != 0 {
			return c < 0
		}
		return ls[i].Repo < ls[j].Repo
	})
}

// ListInstalled lists installed packages matching the patterns (all when none).
func (b *Base) ListInstalled(pats []string) []PkgLine {
	var out []PkgLine
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		if matchAny(pats, s.Name, s.Name+"."+s.Arch) && b.inScope(id) {
			out = append(out, b.line(id))
		}
	}
	sortLines(out)
	return out
}

// ListExtras lists the installed packages (matching the patterns) that no repository has
// in that very version, as dnf's "Extra Packages".
func (b *Base) ListExtras(pats []string) []PkgLine {
	avail := map[string]bool{}
	for _, ap := range b.Available.All() {
		avail[ap.NEVRA()] = true
	}
	var out []PkgLine
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		if !matchAny(pats, s.Name, s.Name+"."+s.Arch) || avail[s.String()] {
			continue
		}
		out = append(out, b.line(id))
	}
	sortLines(out)
	return out
}

// ListAutoremove lists the installed packages (matching the patterns) that autoremove
// would remove, as dnf's "Autoremove Packages" (list autoremove, --autoremove).
func (b *Base) ListAutoremove(pats []string) []PkgLine {
	var out []PkgLine
	for _, id := range b.unneeded() {
		s := b.Pool.Solvable(id)
		if matchAny(pats, s.Name, s.Name+"."+s.Arch) {
			out = append(out, b.line(id))
		}
	}
	sortLines(out)
	return out
}

// ListRecent lists the repositories' packages (matching the patterns) built in the last
// days days, as dnf's "Recently Added Packages" (list recent, --recent; dnf.conf's recent):
// the newest of each name.arch, every version with dups (--showduplicates).
func (b *Base) ListRecent(pats []string, days int, dups bool) []PkgLine {
	limit := b.cfg.Now().Unix() - int64(days)*86400
	best := map[string]solver.ID{}
	var out []PkgLine
	for id, ap := range b.Available.All() {
		if !b.Pool.Installable(id) {
			continue
		}
		n, a := b.Pool.NameArch(id)
		if !matchAny(pats, n, n+"."+a) || ap.Repo.Index.BuildTime(ap.I) <= limit {
			continue
		}
		if dups {
			out = append(out, b.line(id))
			continue
		}
		if cur, ok := best[n+"."+a]; !ok || newer(b.Pool.Solvable(id), b.Pool.Solvable(cur)) {
			best[n+"."+a] = id
		}
	}
	for _, id := range best {
		out = append(out, b.line(id))
	}
	sortLines(out)
	return out
}

// ListAvailable lists the repositories' packages matching the patterns (all when none), as
// dnf's list shows "Available Packages": per name.arch the newest version, and only when it
// is newer than the newest installed one of that name.arch; with dups
// (--showduplicates) every available version.
func (b *Base) ListAvailable(pats []string, dups bool) []PkgLine {
	newestInst := b.newestInstalled(nil)
	var out []PkgLine
	best := map[string]solver.ID{}
	for id := range b.Available.All() {
		s := b.Pool.Peek(id)
		if !b.Pool.Installable(id) || !matchAny(pats, s.Name, s.Name+"."+s.Arch) || !b.inScope(id) {
			continue
		}
		if dups {
			out = append(out, b.line(id))
			continue
		}
		k := s.Name + "." + s.Arch
		if cur, ok := best[k]; !ok || newer(b.Pool.Solvable(id), b.Pool.Solvable(cur)) {
			best[k] = id
		}
	}
	for k, id := range best {
		if inst := newestInst[k]; inst != nil && !newer(b.Pool.Solvable(id), inst) {
			continue // installed already, or older than what is: dnf hides it
		}
		out = append(out, b.line(id))
	}
	sortLines(out)
	return out
}

// newestInstalled is the newest installed package of each name.arch ("name.arch" keys)
// among those keep accepts (nil: all).
func (b *Base) newestInstalled(keep func(*solver.Solvable) bool) map[string]*solver.Solvable {
	out := map[string]*solver.Solvable{}
	for id := range b.Installed {
		s := b.Pool.Solvable(id)
		if keep != nil && !keep(s) {
			continue
		}
		k := s.Name + "." + s.Arch
		if cur := out[k]; cur == nil || newer(s, cur) {
			out[k] = s
		}
	}
	return out
}

func newer(a, b *solver.Solvable) bool {
	return evr.Compare(evr.ParseLax(a.EVR), evr.ParseLax(b.EVR)) > 0
}

// cmpNameEVRArch orders packages as hawkey sorts them: by name, then version (rpm's
// comparison), then arch.
func cmpNameEVRArch(a, c *solver.Solvable) int {
	if a.Name != c.Name {
		return strings.Compare(a.Name, c.Name)
	}
	if x := evr.Compare(evr.ParseLax(a.EVR), evr.ParseLax(c.EVR)); x != 0 {
		return x
	}
	return strings.Compare(a.Arch, c.Arch)
}

// Upgrades lists, for each installed package (matching the patterns), the newest available
// version when it is newer (dnf check-update).
func (b *Base) Upgrades(pats []string) []PkgLine {
	// The installed side first (a few hundred packages); the repositories' packages are only
	// looked at by name and arch from their index until one matches an installed package, so
	// a 17,000-package repository costs no solvable per package.
	inst := b.newestInstalled(func(s *solver.Solvable) bool { return matchAny(pats, s.Name, s.Name+"."+s.Arch) })
	newest := map[string]solver.ID{}
	for id := range b.Available.All() {
		// the pool's name and arch, not the index's: a loaded index reads its package
		// records from its file, and this walk is in map order
		n, a := b.Pool.NameArch(id)
		k := n + "." + a
		if inst[k] == nil || !b.Pool.Installable(id) || !b.inScope(id) {
			continue
		}
		if cur, ok := newest[k]; !ok || newer(b.Pool.Solvable(id), b.Pool.Solvable(cur)) {
			newest[k] = id
		}
	}
	var out []PkgLine
	for k, n := range newest {
		if newer(b.Pool.Solvable(n), inst[k]) {
			out = append(out, b.line(n))
		}
	}
	sortLines(out)
	return out
}

// Mark records packages as installed by the user or as dependencies, as dnf's mark does:
// every spec is looked up first; when one matches no installed package, nothing is
// recorded and notFound names them (dnf: "Package X is not installed."). The transaction
// it writes to dnf's history has no command line and the same rpmdb version before and
// after, as dnf's.
func (b *Base) Mark(ctx context.Context, specs []string, reason history.Reason) (done, notFound []string, err error) {
	var ids []solver.ID
	for _, spec := range specs {
		m := b.match(spec, true)
		if len(m) == 0 {
			notFound = append(notFound, spec)
		}
		ids = append(ids, m...)
	}
	for _, id := range ids {
		done = append(done, b.Pool.Solvable(id).String())
	}
	if len(notFound) > 0 {
		return done, notFound, nil
	}
	h, err := history.Open(b.cfg.Root, true)
	if err != nil {
		return nil, nil, err
	}
	defer h.Close()
	t := &history.Transaction{Releasever: b.releasever(), UID: os.Getuid(), Begin: b.cfg.Now(), End: b.cfg.Now()}
	t.RPMDBBegin = b.rpmdbCookie(ctx)
	t.RPMDBEnd = t.RPMDBBegin
	for _, id := range ids {
		s := b.Pool.Solvable(id)
		if err := h.SetReason(ctx, s.Name+"."+s.Arch, reason); err != nil {
			return done, nil, fmt.Errorf("marking %s: %w", s, err)
		}
		// the package's repository as dnf's history knows it (history.py's set_reason:
		// self.repo(pkg)), "" when unknown, so that its from_repo stays what it was
		repo := strings.TrimPrefix(b.FromRepo(id), "@")
		if repo == "System" {
			repo = ""
		}
		t.Items = append(t.Items, history.Item{Action: history.ReasonChange, NEVRA: s.String(), Repo: repo, Reason: reason})
	}
	if len(t.Items) > 0 {
		if err := history.WriteSwdb(ctx, b.cfg.Root, t); err != nil {
			b.Log("warning: dnf history: %v", err)
		}
	}
	return done, nil, nil
}

// QueryOpts select packages like dnf repoquery.
type QueryOpts struct {
	Patterns      []string
	Installed     bool // only installed packages
	Available     bool // only repository packages
	WhatProvides  string
	LatestPerName bool // the newest version of each name.arch (LatestLimit 1)
	// LatestLimit is dnf's --latest-limit: the newest N versions of each name.arch, or with
	// -N all but the newest N; 0 for all.
	LatestLimit   int
	UserInstalled bool // only installed packages the user asked for (reason user)
	// WithSource keeps the repositories' source packages (arch src, nosrc), which
	// repoquery lists as dnf's does; the other listings leave them out.
	WithSource bool
}

// Query returns the matching packages, sorted by name, arch and version.
func (b *Base) Query(q QueryOpts) []solver.ID {
	var ids []solver.ID
	// patterns as hawkey's Subject reads them without provides (repoquery's and info's
	// get_best_query): the NEVRA forms, name-version and name.arch included, with globs
	var allowed map[solver.ID]bool
	if len(q.Patterns) > 0 {
		allowed = map[solver.ID]bool{}
		for _, p := range q.Patterns {
			for _, id := range b.subjectOf(p, nil, false, q.WithSource, func(solver.ID) bool { return true }).ids {
				allowed[id] = true
			}
		}
	}
	consider := func(id solver.ID) {
		if allowed != nil && !allowed[id] {
			return
		}
		if b.Available.Get(id) != nil && !b.Pool.Installable(id) {
			if a := b.Pool.Solvable(id).Arch; !q.WithSource || a != "src" && a != "nosrc" {
				return
			}
		}
		if q.UserInstalled && (b.Installed[id] == nil || b.reasonOf(id) != history.User) {
			return
		}
		ids = append(ids, id)
	}
	if !q.Available {
		for id := range b.Installed {
			consider(id)
		}
	}
	if !q.Installed {
		for id := range b.Available.All() {
			consider(id)
		}
	}
	if q.WhatProvides != "" {
		keep := map[solver.ID]bool{}
		for _, id := range b.match(q.WhatProvides, false) {
			keep[id] = true
		}
		ids = filterIDs(ids, func(id solver.ID) bool { return keep[id] })
	}
	ids = b.sortNewestLast(ids, false)
	limit := q.LatestLimit
	if q.LatestPerName {
		limit = 1
	}
	return b.LatestLimit(ids, limit)
}

func filterIDs(ids []solver.ID, keep func(solver.ID) bool) []solver.ID {
	var out []solver.ID
	for _, id := range ids {
		if keep(id) {
			out = append(out, id)
		}
	}
	return out
}

// Details are what `info` and repoquery's --qf show of a package.
type Details struct {
	Name, Epoch, Version, Release, Arch, Repo, Summary, License, URL, Description string
	Source                                                                        string // the source rpm ("" when there is none)
	FromRepo                                                                      string // an installed package's repository by dnf's history, "" when unknown (InfoDetails only)
	Size                                                                          int64
	Files                                                                         []string
	Reason                                                                        string // dnf's %{reason}: user, dependency, weak-dependency, clean, unknown
	Requires, Provides                                                            []string
	// Packager ("" when none) and BuildTime (seconds since the epoch) are info -v's;
	// InstallTime and InstalledBy (the login uid of the transaction that installed it, -1
	// when unset, HasInstalledBy when the history knows it) too, for an installed package
	// (InfoVerbose).
	Packager               string
	BuildTime, InstallTime int64
	InstalledBy            int
	HasInstalledBy         bool
}

// Details describes a package of the pool. An available package's license, URL and
// description are not in its repository's index: InfoDetails reads them.
func (b *Base) Details(id solver.ID) Details {
	s := b.Pool.Solvable(id)
	e := evr.ParseLax(s.EVR)
	d := Details{Name: s.Name, Epoch: e.Epoch, Version: e.Version, Release: e.Release, Arch: s.Arch, Repo: s.Repo.Name, Files: s.Files}
	if d.Epoch == "" {
		d.Epoch = "0"
	}
	d.Reason = "unknown"
	if ip := b.Installed[id]; ip != nil {
		d.Reason = string(b.reasonOf(id))
		d.Repo = "@System"
		d.Summary, d.License, d.URL, d.Description, d.Size = ip.Info.Summary, ip.Info.License, ip.Info.URL, ip.Info.Desc, ip.Info.Size
		d.Source = ip.Info.SourceRPM
		d.Packager, d.BuildTime = ip.Info.Packager, int64(ip.Info.BuildTime)
	} else if ap := b.Available.Get(id); ap != nil {
		pk := ap.Repo.Index.Package(ap.I)
		d.Summary, d.Size, d.Source = pk.Summary, pk.Size, pk.SourceRPM
		d.BuildTime = pk.BuildTime
	}
	for _, r := range append(append([]solver.Dep{}, s.PreRequires...), s.Requires...) {
		d.Requires = append(d.Requires, depString(r))
	}
	for _, p := range s.Provides {
		d.Provides = append(d.Provides, depString(p))
	}
	return d
}

// depString is a dependency as dnf prints it: a zero epoch left out ("lib >= 1.0").
// A rich dependency is written as libsolv's pool_dep2str writes it, which dnf prints:
// "(a or b)", "(a if b else c)", a nested one of another operator in parentheses.
func depString(d solver.Dep) string {
	if d.Rich != nil {
		return richString(d.Rich, solver.RichAtom)
	}
	return strings.Replace(d.String(), " 0:", " ", 1)
}

var richWords = lazy.Value[map[solver.RichOp]string]{New: func() map[solver.RichOp]string {
	return map[solver.RichOp]string{solver.RichAnd: " and ", solver.RichOr: " or ", solver.RichWith: " with ",
		solver.RichWithout: " without ", solver.RichIf: " if ", solver.RichUnless: " unless "}
}}

// richString is libsolv's dep2strcpy: parentheses around each operator's run, except a
// chain of one and/or/with/without operator inside the same one.
func richString(r *solver.Rich, parent solver.RichOp) string {
	if r.Op == solver.RichAtom {
		return depString(r.Atom)
	}
	var parts []string
	for _, a := range r.Args {
		parts = append(parts, richString(a, r.Op))
	}
	var text string
	if r.Op == solver.RichIf || r.Op == solver.RichUnless {
		text = parts[0] + richWords.Get()[r.Op] + parts[1]
		if len(parts) == 3 {
			text += " else " + parts[2]
		}
	} else {
		text = strings.Join(parts, richWords.Get()[r.Op])
	}
	if parent == r.Op && r.Op != solver.RichIf && r.Op != solver.RichUnless {
		return text
	}
	return "(" + text + ")"
}

// UserInstalled lists the installed packages the user asked for (reason user), as dnf's
// `history userinstalled` does, sorted by NEVRA.
func (b *Base) UserInstalled() []string {
	var out []string
	for id := range b.Installed {
		if b.reasonOf(id) == history.User {
			out = append(out, b.Pool.Solvable(id).String())
		}
	}
	sort.Strings(out)
	return out
}
