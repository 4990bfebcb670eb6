package cli

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

func newRepoqueryCmd(e *env) *cobra.Command {
	var q pm.QueryOpts
	var qf string
	var arches []string
	var requires, provides, list, info, location, deplist, resolve, recursive bool
	var nvr, nevra, envra bool
	c := &cobra.Command{
		Use:     "repoquery [OPTIONS] [PATTERN...]",
		Aliases: []string{"rq"},
		Short:   "Query packages of the repositories and the system",
		RunE: func(cmd *cobra.Command, args []string) error {
			if q.UserInstalled {
				q.Installed = true
			}
			b, err := openBase(e, !q.Installed)
			if err != nil {
				return err
			}
			q.Patterns = args
			if !q.Installed {
				q.Available = true // dnf's repoquery shows no installed package unless asked to
			}
			var ids []solver.ID
			if recursive && q.WhatRequires != "" {
				ids = b.WhatRequiresRecursive(q)
			} else {
				ids = b.Query(q)
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
			switch {
			case nvr:
				qf = "%{name}-%{version}-%{release}"
			case envra:
				qf = "%{epoch}:%{name}-%{version}-%{release}.%{arch}"
			case nevra:
				qf = "%{name}-%{epoch}:%{version}-%{release}.%{arch}"
			}
			// license, URL, description and an installed package's repository are read
			// only when shown: from the repositories' text files (pm.InfoDetails)
			var ds []pm.Details
			if e.pm.asJSON || info || (!requires && !provides && !list && !location && !deplist && queryNeedsInfo(qf)) {
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
					if requires {
						p.Requires = append([]string{}, d.Requires...)
					}
					if provides {
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
			if resolve && requires { // the packages that provide the requirements, newest per name.arch
				seen := map[solver.ID]bool{}
				for _, id := range ids {
					for _, dp := range b.RequiresProviders(id, true, false) {
						for _, p := range dp.Providers {
							if !seen[p] {
								seen[p] = true
								lines = append(lines, queryFormat(qf, b.Details(p)))
							}
						}
					}
				}
				ids = nil
			}
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
				case requires:
					lines = append(lines, d.Requires...)
				case provides:
					lines = append(lines, d.Provides...)
				case list:
					lines = append(lines, block(files[id]))
				default:
					lines = append(lines, queryFormat(qf, d))
				}
			}
			// An installed package that is also in a repository is listed once, as dnf does.
			sort.Strings(lines)
			lines = uniq(lines)
			for _, l := range lines {
				if l != "" {
					fmt.Fprintln(e.stdout, l)
				}
			}
			return nil
		},
	}
	fs := c.Flags()
	fs.BoolVar(&q.Installed, "installed", false, "installed packages only")
	fs.BoolVar(&q.Available, "available", false, "repository packages only (the default is both)")
	fs.StringVar(&q.WhatProvides, "whatprovides", "", "packages providing this capability or file")
	fs.StringVar(&q.WhatRequires, "whatrequires", "", "packages requiring this capability or package")
	fs.BoolVar(&recursive, "recursive", false, "with --whatrequires: also what requires those, and so on")
	fs.BoolVar(&requires, "requires", false, "print the packages' requirements")
	fs.BoolVar(&resolve, "resolve", false, "with --requires: print the packages that provide them")
	fs.BoolVar(&provides, "provides", false, "print the packages' provides")
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
	fs.BoolVar(&q.UserInstalled, "userinstalled", false, "installed packages the user asked for (reason user)")
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
	return &cobra.Command{
		Use:   "search KEYWORD...",
		Short: "Search package names and summaries",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			found := 0
			for _, id := range b.Query(pm.QueryOpts{LatestPerName: true}) {
				d := b.Details(id)
				hay := strings.ToLower(d.Name + " " + d.Summary)
				all := true
				for _, k := range args {
					all = all && strings.Contains(hay, strings.ToLower(k))
				}
				if all {
					fmt.Fprintf(e.stdout, "%s.%s : %s\n", d.Name, d.Arch, d.Summary)
					found++
				}
			}
			if found == 0 {
				fmt.Fprintf(e.stderr, "No matches found.\n")
				return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("no matches")}
			}
			return nil
		},
	}
}

func newProvidesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "provides CAPABILITY|FILE...",
		Aliases: []string{"whatprovides", "prov"},
		Short:   "Find the packages that provide a capability or file",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			found := 0
			for _, a := range args {
				for _, id := range b.Query(pm.QueryOpts{WhatProvides: a}) {
					d := b.Details(id)
					fmt.Fprintf(e.stdout, "%s-%s:%s-%s.%s : %s\nRepo        : %s\nMatched from:\nProvide    : %s\n\n", d.Name, d.Epoch, d.Version, d.Release, d.Arch, d.Summary, d.Repo, a)
					found++
				}
			}
			if found == 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No matches found.")}
			}
			return nil
		},
	}
}
