package pm

import (
	"regexp"
	"slices"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// ProvidesHit is one package dnf provides prints, with its "Matched from:" lines.
type ProvidesHit struct {
	ID       solver.ID
	Details  Details
	Repo     string   // dnf's ui_from_repo (reponame): the repository, "@System" when installed
	Matched  []string // "Filename    : /usr/bin/x", "Provide    : x = 1.0-1", "Other       : ..."
	NEVRAStr string   // name-[epoch:]version-release.arch
}

// fileProvideRE is dnf's Output.FILE_PROVIDE_RE: a pattern that names files.
var fileProvideRE = regexp.MustCompile(`^\*{0,2}/`)

// Provides is dnf provides (dnf's Base.provides and Output.matchcallback_verbose): for each
// spec, the installed and available packages with a file matching it (a glob, or the path
// itself), else those with a provide matching it (a glob over the name, an optional version
// range), else for /bin/X and /sbin/X the file /usr/bin/X or /usr/sbin/X, and for a word
// that is not a path the files /bin/X, /sbin/X, /usr/bin/X and /usr/sbin/X (a command).
// Every version is listed (showdupesfromrepos), sorted by name, version and arch; each
// hit says what matched of all the strings searched for.
func (b *Base) Provides(specs []string) []ProvidesHit {
	var used []string
	found := map[solver.ID]bool{}
	var order []solver.ID
	add := func(xs []solver.ID) {
		for _, id := range xs {
			if !found[id] {
				found[id] = true
				order = append(order, id)
			}
		}
	}
	visible := func(xs []solver.ID) []solver.ID {
		return filterIDs(xs, func(id solver.ID) bool { return b.Installed[id] != nil || b.Pool.Installable(id) })
	}
	for _, spec := range specs {
		if xs := b.fileOwners([]string{spec}); len(xs) > 0 {
			add(xs)
			used = appendNew(used, spec)
			continue
		}
		flags := solver.SelectProvides | solver.SelectRel | solver.SelectWithDisabled
		if isGlob(spec) {
			flags |= solver.SelectGlob
		}
		// hawkey reads "name OP evr" with spaces only: "nginx>=1" is a name no one provides
		unspaced := strings.ContainsAny(spec, "<>=") && !strings.ContainsAny(spec, " \t")
		if xs := visible(b.Pool.SelectionPackages(b.Pool.Select(nil, spec, flags))); len(xs) > 0 && !unspaced {
			add(xs)
			used = appendNew(used, spec)
			continue
		}
		var bins []string
		switch {
		case strings.HasPrefix(spec, "/bin/") || strings.HasPrefix(spec, "/sbin/"):
			bins = []string{"/usr" + spec}
		case strings.HasPrefix(spec, "/"):
			used = appendNew(used, spec)
			continue
		default:
			for _, d := range []string{"/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/"} {
				bins = append(bins, d+spec)
			}
		}
		add(b.fileOwners(bins))
		for _, s := range bins {
			used = appendNew(used, s)
		}
	}
	ids2 := b.sortNewestLast(order, false)
	var files map[solver.ID][]string
	for _, u := range used {
		if fileProvideRE.MatchString(u) {
			files = b.PackageFiles(ids2)
			break
		}
	}
	var hits []ProvidesHit
	for _, id := range ids2 {
		d := b.Details(id)
		h := ProvidesHit{ID: id, Details: d, Repo: d.Repo, NEVRAStr: UINEVRA(d)}
		nameMatch := false
		for _, item := range used {
			if d.Summary == item {
				nameMatch = true
				continue
			}
			fileMatch := false
			if fileProvideRE.MatchString(item) {
				for _, f := range files[id] {
					if solver.GlobMatch(item, f, false) {
						h.Matched = append(h.Matched, "Filename    : "+f)
						fileMatch = true
					}
				}
			}
			if fileMatch {
				continue
			}
			itemNew := item
			if strings.ContainsAny(item, "=<>") {
				itemNew = strings.Fields(item)[0]
			}
			var seen []string // the self-provide the pool adds is the package's own one
			for _, p := range b.DepsOf(id, KindProvides) {
				ps := depString(p)
				if slices.Contains(seen, ps) {
					continue
				}
				seen = append(seen, ps)
				first := ps
				if f := strings.Fields(ps); len(f) > 0 {
					first = f[0]
				}
				if solver.GlobMatch(item, ps, false) || solver.GlobMatch(itemNew, first, false) {
					h.Matched = append(h.Matched, "Provide    : "+ps)
				}
			}
		}
		if len(h.Matched) == 0 && !nameMatch {
			for _, item := range used {
				h.Matched = append(h.Matched, "Other       : "+item)
			}
		}
		hits = append(hits, h)
	}
	return hits
}

// fileOwners are the installed and available packages with a file matching one of the
// patterns (globs as fnmatch, or paths), from the pool's file lists and, for repository
// packages, the repositories' filelists.xml.
func (b *Base) fileOwners(patterns []string) []solver.ID {
	var out []solver.ID
	for _, p := range patterns {
		if !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "*") {
			continue // a file name is absolute: no file matches
		}
		fl := solver.SelectFilelist | solver.SelectWithDisabled
		if isGlob(p) {
			fl |= solver.SelectGlob
		}
		out = append(out, b.Pool.SelectionPackages(b.Pool.Select(nil, p, fl))...)
		out = append(out, b.filelistOwners(p)...)
	}
	out = filterIDs(out, func(id solver.ID) bool { return b.Installed[id] != nil || b.Pool.Installable(id) })
	slices.Sort(out)
	return slices.Compact(out)
}

// UINEVRA is a package as dnf prints it (str(po)): name-[epoch:]version-release.arch.
func UINEVRA(d Details) string {
	e := ""
	if d.Epoch != "" && d.Epoch != "0" {
		e = d.Epoch + ":"
	}
	return d.Name + "-" + e + d.Version + "-" + d.Release + "." + d.Arch
}
