package cli

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

func newRepoqueryCmd(e *env) *cobra.Command {
	var q pm.QueryOpts
	var qf string
	var arches []string
	var list, info, location, deplist, resolve, recursive, exactdeps, alldeps, source, querytags bool
	var srpm, recent, groupmember, showDuplicates, changelogs, tree bool
	var files []string // -f/--file
	var nvr, nevra, envra bool
	var listSel, pkgFilter []string // dnf's mutually exclusive --installed|--extras|..., --duplicates|--installonly
	// --what<kind> options (comma-separated, repeatable) and the package attribute to print
	whats := map[string]*[]string{}
	var attrs []string
	c := &cobra.Command{
		Use:     "repoquery [OPTIONS] [PATTERN...]",
		Aliases: []string{"rq"},
		Short:   "Query packages of the repositories and the system",
		RunE: func(cmd *cobra.Command, args []string) error {
			e.pm.notesToStderr = true
			if querytags {
				fmt.Fprintln(e.stdout, queryTags)
				return nil
			}
			if len(attrs) > 1 || len(listSel) > 1 || len(pkgFilter) > 1 {
				return &ExitError{Code: 2, Err: fmt.Errorf("repoquery: only one of --%s may be given", strings.Join(append(append(attrs, listSel...), pkgFilter...), ", --"))}
			}
			attr := ""
			if len(attrs) == 1 {
				attr = attrs[0]
			}
			sel := ""
			if len(listSel) == 1 {
				sel = listSel[0]
			}
			switch sel {
			case "installed", "extras", "unneeded", "userinstalled":
				q.Installed = true
				q.UserInstalled = sel == "userinstalled"
			}
			if resolve && attr == "" {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Option '--resolve' has to be used together with one of the '--conflicts', '--depends', '--enhances', '--provides', '--recommends', '--requires', '--requires-pre', '--suggests' or '--supplements' options")}
			}
			if recursive && !(len(*whats[pm.KindRequires]) > 0 && !exactdeps || resolve && attr == pm.KindRequires) {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Option '--recursive' has to be used with '--whatrequires <REQ>' (optionally with '--alldeps', but not with '--exactdeps'), or with '--requires <REQ> --resolve'")}
			}
			b, err := openBase(e, !q.Installed)
			if err != nil {
				return err
			}
			q.Patterns, q.WithSource = args, true
			if len(files) > 0 {
				// argparse's nargs='+': `-f A B` takes B as a file too, not as a key
				files, q.Patterns = append(files, args...), nil
			}
			// dnf: repository packages unless a list option (or --installed) says otherwise;
			// a package filter (--duplicates, --installonly) looks at all of them
			if !q.Installed && sel == "" && len(pkgFilter) == 0 {
				q.Available = true
			}
			limit := q.LatestLimit
			q.LatestLimit = 0 // after the --what filters, as dnf applies it
			ids := b.Query(q)
			switch {
			case sel == "upgrades" || sel == "extras" || sel == "unneeded":
				ids = b.ListFilter(ids, sel)
			case len(pkgFilter) == 1:
				ids = b.ListFilter(ids, pkgFilter[0])
			}
			if recent {
				ids = b.Recent(ids, b.Main.Recent)
			}
			if len(files) > 0 {
				ids = b.FileOwners(ids, files)
			}
			if rs := splitList(e.pm.repo); len(rs) > 0 { // filter_repo_arch: --repo filters results, @System too
				var keep []solver.ID
				for _, id := range ids {
					if b.Installed[id] == nil && matchesAny(rs, b.Pool.Solvable(id).Repo.Name) {
						keep = append(keep, id)
					}
				}
				ids = keep
			}
			if as := splitList(arches); len(as) > 0 {
				var keep []solver.ID
				for _, id := range ids {
					if slices.Contains(as, b.Pool.Solvable(id).Arch) {
						keep = append(keep, id)
					}
				}
				ids = keep
			}
			orq := ids // dnf's orquery: what the --what filters start from (--tree's children)
			if ids, err = whatFilters(b, ids, whats, exactdeps, alldeps, recursive); err != nil {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
			}
			ids = b.LatestLimit(ids, limit)
			if srpm {
				ids = b.SourcePackages(ids)
			}
			if changelogs { // dnf's build_format_fn with --changelogs: one block per package
				logs, err := b.PackageChangelogs(e.ctx, ids)
				if err != nil {
					return dnfError(err)
				}
				var blocks []string
				for _, id := range ids {
					out := []string{"Changelog for " + nevraOf(b, id)}
					for _, c := range logs[id] {
						day := time.Unix(c.Date, 0).Local()
						out = append(out, fmt.Sprintf("* %s %s\n%s\n", day.Format("Mon Jan 02 2006"), c.Author, c.Text))
					}
					blocks = append(blocks, strings.Join(out, "\n"))
				}
				sort.Strings(blocks)
				if len(blocks) > 0 {
					fmt.Fprintln(e.stdout, strings.Join(uniq(blocks), "\n"))
				}
				return nil
			}
			if groupmember {
				out, err := b.GroupMembers(e.ctx, ids)
				if err != nil {
					return err
				}
				if out != "" {
					fmt.Fprintln(e.stdout, out)
				}
				return nil
			}
			switch {
			case nvr:
				qf = "%{name}-%{version}-%{release}"
			case envra:
				qf = "%{epoch}:%{name}-%{version}-%{release}.%{arch}"
			case nevra:
				qf = "%{name}-%{epoch}:%{version}-%{release}.%{arch}"
			}
			if tree {
				return repoqueryTree(e, b, ids, orq, attr, len(*whats[pm.KindRequires]) > 0, qf)
			}
			if attr != "" && !e.pm.asJSON { // the packages' dependencies of that kind, or with --resolve their providers
				var lines []string
				if resolve {
					var deps []solver.Dep
					for _, id := range ids {
						deps = append(deps, b.DepsOf(id, attr)...)
					}
					provs := b.Providers(deps, sel == "installed")
					if recursive {
						provs = b.RequiredProviders(provs, sel == "installed")
					}
					for _, p := range provs {
						lines = append(lines, queryFormat(qf, b.Details(p)))
					}
				} else {
					lines = b.DepStrings(ids, attr)
				}
				printLines(e, lines)
				return nil
			}
			// license, URL, description and an installed package's repository are read
			// only when shown: from the repositories' text files (pm.InfoDetails)
			var ds []pm.Details
			if e.pm.asJSON || info || (!list && !location && !deplist && queryNeedsInfo(qf)) {
				if ds, err = b.InfoDetails(ids); err != nil {
					return err
				}
			}
			details := func(k int) pm.Details {
				if ds != nil {
					return ds[k]
				}
				return b.Details(ids[k])
			}
			if e.pm.asJSON {
				doc := jsonPackages{Version: pm.JSONVersion, Packages: []pm.JSONPackage{}}
				var files map[solver.ID][]string
				if list {
					files = b.PackageFiles(ids)
				}
				for k, id := range ids {
					d := details(k)
					p := b.JSONDetails(id, d)
					if attr == pm.KindRequires {
						p.Requires = append([]string{}, d.Requires...)
					}
					if attr == pm.KindProvides {
						p.Provides = append([]string{}, d.Provides...)
					}
					if list {
						p.Files = append([]string{}, files[id]...)
					}
					doc.Packages = append(doc.Packages, p)
				}
				return writeJSON(e, doc)
			}
			if info { // dnf's infoOutput per package, sorted, each once, a blank line after each
				real, _ := termColumns(e.stdout)
				var blocks []string
				for k := range ids {
					blocks = append(blocks, infoOutput(details(k), real)+"\n")
				}
				sort.Strings(blocks)
				for _, bl := range uniq(blocks) {
					fmt.Fprintln(e.stdout, bl)
				}
				return nil
			}
			if deplist { // dnf's --deplist: each package, its requirements and their providers
				for i, id := range ids {
					if i > 0 {
						fmt.Fprintln(e.stdout)
					}
					fmt.Fprintf(e.stdout, "package: %s\n", nevraOf(b, id))
					// dnf: the repositories' providers, the newest of each unless -v
					for _, dp := range b.RequiresProviders(id, !e.pm.verbose, true) {
						fmt.Fprintf(e.stdout, "  dependency: %s\n", dp.Dep)
						if len(dp.Providers) == 0 {
							fmt.Fprintln(e.stdout, "   provider: No provider found")
						}
						for _, p := range dp.Providers {
							fmt.Fprintf(e.stdout, "   provider: %s\n", nevraOf(b, p))
						}
					}
				}
				return nil
			}
			var files map[solver.ID][]string
			if list {
				files = b.PackageFiles(ids)
			}
			var lines []string
			for k, id := range ids {
				d := details(k)
				switch {
				case location:
					if b.Installed[id] != nil {
						continue // dnf prints no location of an installed package
					}
					u, err := b.PackageURL(id)
					if err != nil {
						return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
					}
					lines = append(lines, u)
				// requires and provides: every line sorted, once; files: one block per
				// package (its files sorted), the blocks sorted and each printed once
				case source:
					lines = append(lines, d.Source)
				case list:
					lines = append(lines, block(files[id]))
				default:
					lines = append(lines, queryFormat(qf, d))
				}
			}
			printLines(e, lines)
			return nil
		},
	}
	fs := c.Flags()
	for _, l := range []struct{ name, usage string }{
		{"installed", "installed packages only"},
		{"extras", "installed packages that no repository has"},
		{"upgrades", "repository packages that upgrade an installed package"},
		{"unneeded", "packages autoremove would remove"},
		{"autoremove", "alias of --unneeded"},
		{"userinstalled", "installed packages the user asked for (reason user)"},
	} {
		name := l.name
		if name == "autoremove" {
			name = "unneeded"
		}
		fs.Var(appendValue(&listSel, name), l.name, l.usage)
		fs.Lookup(l.name).NoOptDefVal = "true"
	}
	for _, l := range []struct{ name, as, usage string }{
		{"duplicates", "duplicates", "installed packages with another version of the name installed (install-only ones aside)"},
		{"duplicated", "duplicates", "alias of --duplicates"},
		{"installonly", "installonly", "install-only packages"},
	} {
		fs.Var(appendValue(&pkgFilter, l.as), l.name, l.usage)
		fs.Lookup(l.name).NoOptDefVal = "true"
	}
	fs.BoolVar(&q.Available, "available", false, "repository packages only (the default is both)")
	for _, k := range []string{pm.KindProvides, pm.KindRequires, pm.KindConflicts, pm.KindObsoletes, pm.KindRecommends,
		pm.KindSuggests, pm.KindSupplements, pm.KindEnhances, pm.KindDepends} {
		whats[k] = new([]string)
		fs.Var(commaList(whats[k]), "what"+k, "packages whose "+k+" name this capability or package (comma-separated)")
	}
	for _, k := range []string{pm.KindProvides, pm.KindRequires, pm.KindRequiresPre, pm.KindConflicts, pm.KindObsoletes,
		pm.KindRecommends, pm.KindSuggests, pm.KindSupplements, pm.KindEnhances, pm.KindDepends} {
		fs.Var(appendValue(&attrs, k), k, "print the packages' "+k)
		fs.Lookup(k).NoOptDefVal = "true"
	}
	fs.BoolVar(&exactdeps, "exactdeps", false, "with --whatrequires/--whatdepends: by the capability only, not by the packages it names")
	fs.BoolVar(&alldeps, "alldeps", false, "with --whatrequires/--whatdepends: by the packages a name names too (the default)")
	fs.BoolVar(&recursive, "recursive", false, "with --whatrequires: also what requires those, and so on; with --requires --resolve: their providers' too")
	fs.BoolVar(&resolve, "resolve", false, "print the packages that provide the printed capabilities")
	fs.BoolVarP(&source, "source", "s", false, "print the packages' source rpm")
	fs.BoolVar(&querytags, "querytags", false, "print the tags --queryformat knows")
	fs.BoolVar(&srpm, "srpm", false, "the source packages of the packages found (from the repositories)")
	fs.BoolVar(&recent, "recent", false, "only packages built in the last `recent` days (dnf.conf, default 7)")
	fs.BoolVar(&groupmember, "groupmember", false, "print the comps groups that list each package")
	fs.BoolVar(&changelogs, "changelogs", false, "print the packages' changelogs (from the repositories' other.xml)")
	fs.BoolVar(&tree, "tree", false, "show recursive tree for package(s): with --requires, --provides, ... or --whatrequires")
	fs.BoolVar(&showDuplicates, "show-duplicates", false, "query all versions of packages (the default)")
	stringArrayVar(fs, &files, "file", "f", "only packages that own FILE (a path or glob)")
	fs.BoolVarP(&list, "list", "l", false, "print the packages' files")
	fs.BoolVarP(&info, "info", "i", false, "print each package's details as info does")
	fs.BoolVar(&location, "location", false, "print where the packages are downloaded from")
	fs.BoolVar(&deplist, "deplist", false, "print each package's requirements and the packages providing them")
	fs.IntVar(&q.LatestLimit, "latest-limit", 0, "the newest N versions of each name.arch (-N: all but the newest N)")
	stringArrayVar(fs, &arches, "arch", "", "only packages of these architectures")
	stringArrayVar(fs, &arches, "archlist", "", "alias of --arch")
	fs.BoolVar(&nvr, "nvr", false, "print name-version-release")
	fs.BoolVar(&nevra, "nevra", false, "print name-epoch:version-release.arch (the default)")
	fs.BoolVar(&envra, "envra", false, "print epoch:name-version-release.arch")
	fs.StringVar(&qf, "qf", "%{name}-%{epoch}:%{version}-%{release}.%{arch}", "output format with %{tag} fields")
	fs.BoolVar(&e.pm.asJSON, "json", false, "print the packages as JSON (beyond dnf)")
	fs.StringVar(&qf, "queryformat", "%{name}-%{epoch}:%{version}-%{release}.%{arch}", "alias of --qf")
	return c
}

// block is a package's list attribute as dnf's repoquery prints it: sorted, each value once.
func block(vals []string) string {
	v := append([]string(nil), vals...)
	sort.Strings(v)
	return strings.Join(uniq(v), "\n")
}

// matchesAny reports whether s matches one of the globs.
func matchesAny(globs []string, s string) bool {
	for _, g := range globs {
		if ok, _ := path.Match(g, s); ok {
			return true
		}
	}
	return false
}

// nevraOf is a package as dnf prints it (str(pkg)): name-[epoch:]version-release.arch.
func nevraOf(b *pm.Base, id solver.ID) string {
	s := b.Pool.Solvable(id)
	return s.Name + "-" + strings.TrimPrefix(s.EVR, "0:") + "." + s.Arch
}

// queryFormat expands dnf repoquery's common tags; a field the package lacks (Python's
// None) is "(none)", as dnf's PackageWrapper prints it.
func queryFormat(qf string, d pm.Details) string {
	none := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	fromRepo := d.FromRepo
	if d.Repo == "@System" {
		fromRepo = none(fromRepo) // dnf's history knows no repository: None
	}
	evr := d.Version + "-" + d.Release
	if d.Epoch != "0" {
		evr = d.Epoch + ":" + evr
	}
	r := strings.NewReplacer(
		"%{name}", d.Name, "%{epoch}", d.Epoch, "%{version}", d.Version, "%{release}", d.Release,
		"%{arch}", d.Arch, "%{repoid}", d.Repo, "%{reponame}", d.Repo, "%{evr}", evr,
		"%{nevra}", d.Name+"-"+evr+"."+d.Arch, "%{summary}", d.Summary, "%{license}", d.License,
		"%{url}", none(d.URL), "%{size}", fmt.Sprint(d.Size), "%{reason}", d.Reason, "%{description}", d.Description,
		"%{from_repo}", fromRepo, "%{sourcerpm}", none(d.Source), `\n`, "\n", `\t`, "\t",
	)
	return r.Replace(qf)
}

// queryNeedsInfo reports whether a --queryformat shows a field only InfoDetails has.
func queryNeedsInfo(qf string) bool {
	for _, t := range []string{"%{license}", "%{url}", "%{description}", "%{from_repo}"} {
		if strings.Contains(qf, t) {
			return true
		}
	}
	return false
}

func uniq(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || s[i-1] != v {
			out = append(out, v)
		}
	}
	return out
}

func newSearchCmd(e *env) *cobra.Command {
	var all bool
	c := &cobra.Command{
		Use:     "search [--all] KEYWORD...",
		Aliases: []string{"se"},
		Short:   "Search package names and summaries (--all: also descriptions and URLs)",
		RunE: func(cmd *cobra.Command, args []string) error {
			e.pm.notesToStderr = true
			if len(args) > 0 && args[0] == "all" { // dnf's PkgNarrowCallback: `search all KEYWORD`
				all, args = true, args[1:]
			}
			if len(args) == 0 {
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s search [options] KEYWORD...\n%s search: error: the following arguments are required: KEYWORD", cmd.Root().Name(), cmd.Root().Name())}
			}
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			hits, err := b.Search(args, all, e.pm.extra.showDuplicates)
			if err != nil {
				return err
			}
			real, cols := termColumns(e.stdout)
			var keys, needles []string
			exact, first := false, true
			for _, h := range hits {
				if first || !slices.Equal(keys, h.Keys) || !slices.Equal(needles, h.Needles) || exact != h.Exact {
					keys, needles, exact, first = h.Keys, h.Needles, h.Exact, false
					fmt.Fprintln(e.stdout, fmtSection(searchSection(keys, needles, exact), cols))
				}
				d := h.Details
				key := d.Name + "." + d.Arch + " : "
				if e.pm.extra.showDuplicates {
					key = pm.UINEVRA(d) + " : "
				}
				fmt.Fprintln(e.stdout, fmtKeyValFill(key, d.Summary, real))
			}
			if len(hits) == 0 {
				// dnf logs it at info level, which search sends to stderr; exit 0
				fmt.Fprintln(e.stderr, "No matches found.")
			}
			return nil
		},
	}
	c.Flags().BoolVar(&all, "all", false, "search also package description and URL")
	return c
}

// searchSection is the header of a group of dnf search hits: "Name & Summary Matched: a, b"
// ("Exactly Matched" when the matched values are the keywords).
func searchSection(keys, needles []string, exact bool) string {
	names := map[string]string{"name": "Name", "summary": "Summary", "description": "Description", "url": "URL"}
	var ks []string
	for _, k := range keys {
		ks = append(ks, names[k])
	}
	how := "Matched"
	if exact {
		how = "Exactly Matched"
	}
	return strings.Join(ks, " & ") + " " + how + ": " + strings.Join(needles, ", ")
}

// fmtSection is dnf's Output.fmtSection: name centred in a line of '=' as wide as the
// terminal (80 columns without one).
func fmtSection(name string, cols int) string {
	cols -= 2
	n := exactWidth(name)
	beg, end := "==", "=="
	if n < cols-4 {
		beg = strings.Repeat("=", (cols-n)/2)
		end = strings.Repeat("=", cols-n-len(beg))
	}
	return beg + " " + name + " " + end
}

func newProvidesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "provides CAPABILITY|FILE|COMMAND...",
		Aliases: []string{"whatprovides", "prov", "wp"},
		Short:   "Find the packages that provide a capability, file or command",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s provides [options] PROVIDE [PROVIDE ...]\n%s provides: error: the following arguments are required: PROVIDE", cmd.Root().Name(), cmd.Root().Name())}
			}
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			hits := b.Provides(args)
			real, _ := termColumns(e.stdout)
			for _, h := range hits {
				fmt.Fprintln(e.stdout, fmtKeyValFill(h.NEVRAStr+" : ", h.Details.Summary, real))
				fmt.Fprintf(e.stdout, "Repo        : %s\n", h.Repo)
				fmt.Fprintln(e.stdout, "Matched from:")
				for _, m := range h.Matched {
					fmt.Fprintln(e.stdout, m)
				}
				fmt.Fprintln(e.stdout)
			}
			if len(hits) == 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No matches found. If searching for a file, try specifying the full path or using a wildcard prefix (\"*/\") at the beginning.")}
			}
			return nil
		},
	}
}

// newDeplistCmd is dnf's deplist (deprecated there for repoquery --deplist, which it is:
// deplist.py is repoquery with --deplist set).
func newDeplistCmd(e *env) *cobra.Command {
	c := newRepoqueryCmd(e)
	c.Use, c.Aliases = "deplist [OPTIONS] [PATTERN...]", nil
	c.Short = "[deprecated, use repoquery --deplist] List packages' dependencies and what provides them"
	f := c.Flags().Lookup("deplist")
	f.Value.Set("true")
	f.DefValue = "true"
	return c
}

// queryTags is dnf 4.14's QUERY_TAGS, what repoquery --querytags prints.
const queryTags = `name, arch, epoch, version, release, reponame (repoid), from_repo, evr,
debug_name, source_name, source_debug_name,
installtime, buildtime, size, downloadsize, installsize,
provides, requires, obsoletes, conflicts, sourcerpm,
description, summary, license, url, reason`

// whatFilters applies repoquery's --what<kind> options in dnf's order (run() of dnf's
// repoquery.py): each keeps the packages whose dependencies of that kind match one of its
// arguments by name (a glob, with an optional version range) or, for conflicts, requires,
// depends and the weak kinds, are provided by a package an argument names; --whatprovides
// falls back to files when no provide matches; --whatobsoletes matches names exactly;
// --exactdeps drops the package match of --whatrequires and --whatdepends, --recursive
// adds what requires the packages found, within the query.
func whatFilters(b *pm.Base, ids []solver.ID, whats map[string]*[]string, exact, alldeps, recursive bool) ([]solver.ID, error) {
	var err error
	if s := *whats[pm.KindConflicts]; len(s) > 0 {
		if ids, err = b.WhatFilter(ids, []string{pm.KindConflicts}, s, true, true); err != nil {
			return nil, err
		}
	}
	if s := *whats[pm.KindObsoletes]; len(s) > 0 {
		if ids, err = b.WhatFilter(ids, []string{pm.KindObsoletes}, s, false, false); err != nil {
			return nil, err
		}
	}
	if s := *whats[pm.KindProvides]; len(s) > 0 {
		if ids, err = b.WhatProvides(ids, s); err != nil {
			return nil, err
		}
	}
	for _, w := range []struct {
		kind  string
		kinds []string
	}{
		{pm.KindRequires, []string{pm.KindRequires}},
		{pm.KindDepends, []string{pm.KindRequires, pm.KindRecommends, pm.KindEnhances, pm.KindSupplements, pm.KindSuggests}},
	} {
		s := *whats[w.kind]
		if len(s) == 0 {
			continue
		}
		within := ids
		if ids, err = b.WhatFilter(ids, w.kinds, s, true, !exact); err != nil {
			return nil, err
		}
		if recursive && !exact {
			ids = b.RequiredBy(within, ids)
		}
	}
	for _, k := range []string{pm.KindRecommends, pm.KindEnhances, pm.KindSupplements, pm.KindSuggests} {
		if s := *whats[k]; len(s) > 0 {
			if ids, err = b.WhatFilter(ids, []string{k}, s, true, true); err != nil {
				return nil, err
			}
		}
	}
	return ids, nil
}

// printLines prints repoquery's lines as dnf does: sorted, each once (an installed package
// that is also in a repository is listed once), empty ones left out.
func printLines(e *env, lines []string) {
	sort.Strings(lines)
	for _, l := range uniq(lines) {
		if l != "" {
			fmt.Fprintln(e.stdout, l)
		}
	}
}

// appendFlag is one of a group of mutually exclusive boolean options that record their
// value (v) in one list, as dnf's argparse groups with dest= and store_const do.
type appendFlag struct {
	p *[]string
	v string
}

func appendValue(p *[]string, v string) *appendFlag { return &appendFlag{p, v} }

func (a *appendFlag) String() string   { return "" }
func (a *appendFlag) Type() string     { return "bool" }
func (a *appendFlag) IsBoolFlag() bool { return true }

func (a *appendFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*a.p = slices.DeleteFunc(*a.p, func(x string) bool { return x == a.v })
	if on {
		*a.p = append(*a.p, a.v)
	}
	return nil
}

// commaFlag is a repeatable option whose values are split at commas (dnf's
// _CommaSplitCallback: r'\s*,\s*'), each value kept whole otherwise ("lib >= 1.0").
type commaFlag struct{ p *[]string }

func commaList(p *[]string) *commaFlag { return &commaFlag{p} }

func (c *commaFlag) String() string { return "" }
func (c *commaFlag) Type() string   { return "strings" }

func (c *commaFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*c.p = append(*c.p, s)
		}
	}
	return nil
}
