package cli

import (
	"fmt"
	"io"
	"path"
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
					if contains(as, b.Pool.Solvable(id).Arch) {
						keep = append(keep, id)
					}
				}
				ids = keep
			}
			if e.pm.asJSON {
				doc := jsonPackages{Version: pm.JSONVersion, Packages: []pm.JSONPackage{}}
				var files map[solver.ID][]string
				if list {
					files = b.PackageFiles(ids)
				}
				for _, id := range ids {
					p := b.JSONDetails(id)
					d := b.Details(id)
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
			switch {
			case nvr:
				qf = "%{name}-%{version}-%{release}"
			case envra:
				qf = "%{epoch}:%{name}-%{version}-%{release}.%{arch}"
			case nevra:
				qf = "%{name}-%{epoch}:%{version}-%{release}.%{arch}"
			}
			if info { // dnf's infoOutput per package, a blank line after each, sorted
				var blocks []string
				for _, id := range ids {
					var w strings.Builder
					printInfo(&w, b.Details(id))
					blocks = append(blocks, w.String())
				}
				sort.Strings(blocks)
				for _, bl := range uniq(blocks) {
					fmt.Fprintln(e.stdout, strings.TrimSuffix(bl, "\n"))
					fmt.Fprintln(e.stdout)
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
			for _, id := range ids {
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
					lines = append(lines, b.Details(id).Requires...)
				case provides:
					lines = append(lines, b.Details(id).Provides...)
				case list:
					lines = append(lines, block(files[id]))
				default:
					lines = append(lines, queryFormat(qf, b.Details(id)))
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

// queryFormat expands dnf repoquery's common tags.
func queryFormat(qf string, d pm.Details) string {
	evr := d.Version + "-" + d.Release
	if d.Epoch != "0" {
		evr = d.Epoch + ":" + evr
	}
	r := strings.NewReplacer(
		"%{name}", d.Name, "%{epoch}", d.Epoch, "%{version}", d.Version, "%{release}", d.Release,
		"%{arch}", d.Arch, "%{repoid}", d.Repo, "%{reponame}", d.Repo, "%{evr}", evr,
		"%{nevra}", d.Name+"-"+evr+"."+d.Arch, "%{summary}", d.Summary, "%{license}", d.License,
		"%{url}", d.URL, "%{size}", fmt.Sprint(d.Size), "%{reason}", d.Reason, "%{description}", d.Description,
		"%{from_repo}", strings.TrimPrefix(d.Repo, "@System"), `\n`, "\n", `\t`, "\t",
	)
	return r.Replace(qf)
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

func newInfoCmd(e *env) *cobra.Command {
	var installed bool
	c := &cobra.Command{
		Use:   "info [PATTERN...]",
		Short: "Describe installed and available packages",
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, !installed)
			if err != nil {
				return err
			}
			ids := b.Query(pm.QueryOpts{Patterns: args, Installed: installed, LatestPerName: true})
			if len(ids) == 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No matching Packages to list")}
			}
			if e.pm.asJSON {
				doc := jsonPackages{Version: pm.JSONVersion, Packages: []pm.JSONPackage{}}
				for _, id := range ids {
					doc.Packages = append(doc.Packages, b.JSONDetails(id))
				}
				return writeJSON(e, doc)
			}
			for _, id := range ids {
				printInfo(e.stdout, b.Details(id))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&installed, "installed", false, "installed packages only")
	c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print the packages as JSON (beyond dnf)")
	return c
}

func printInfo(w io.Writer, d pm.Details) {
	for _, kv := range [][2]string{{"Name", d.Name}, {"Epoch", d.Epoch}, {"Version", d.Version}, {"Release", d.Release},
		{"Architecture", d.Arch}, {"Size", humanSizeFloat(d.Size)}, {"Repository", d.Repo}, {"Summary", d.Summary},
		{"URL", d.URL}, {"License", d.License}, {"Description", d.Description}} {
		if kv[1] == "" {
			continue
		}
		fmt.Fprintf(w, "%-13s: %s\n", kv[0], kv[1])
	}
	fmt.Fprintln(w)
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
