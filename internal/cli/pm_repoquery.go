package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

func newRepoqueryCmd(e *env) *cobra.Command {
	var q pm.QueryOpts
	var qf string
	var requires, provides, list, latest bool
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
			q.Patterns, q.LatestPerName = args, latest
			if !q.Installed {
				q.Available = true // dnf: "do not show packages from @System repo"
			}
			ids := b.Query(q)
			// license, URL, description and an installed package's repository are read
			// only when shown: from the repositories' text files (pm.InfoDetails)
			var ds []pm.Details
			if e.pm.asJSON || (!requires && !provides && !list && queryNeedsInfo(qf)) {
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
						p.Files = append([]string{}, d.Files...)
					}
					doc.Packages = append(doc.Packages, p)
				}
				return writeJSON(e, doc)
			}
			var lines []string
			for k := range ids {
				d := details(k)
				switch {
				case requires:
					lines = append(lines, d.Requires...)
				case provides:
					lines = append(lines, d.Provides...)
				case list:
					lines = append(lines, d.Files...)
				default:
					lines = append(lines, queryFormat(qf, d))
				}
			}
			// An installed package that is also in a repository is listed once, as dnf does.
			sort.Strings(lines)
			lines = uniq(lines)
			for _, l := range lines {
				fmt.Fprintln(e.stdout, l)
			}
			return nil
		},
	}
	fs := c.Flags()
	fs.BoolVar(&q.Installed, "installed", false, "installed packages only")
	fs.BoolVar(&q.Available, "available", false, "repository packages only (the default is both)")
	fs.StringVar(&q.WhatProvides, "whatprovides", "", "packages providing this capability or file")
	fs.StringVar(&q.WhatRequires, "whatrequires", "", "packages requiring this capability or package")
	fs.BoolVar(&requires, "requires", false, "print the packages' requirements")
	fs.BoolVar(&provides, "provides", false, "print the packages' provides")
	fs.BoolVarP(&list, "list", "l", false, "print the packages' files")
	fs.BoolVar(&latest, "latest-limit", false, "only the newest version of each name.arch")
	fs.BoolVar(&q.UserInstalled, "userinstalled", false, "installed packages the user asked for (reason user)")
	fs.StringVar(&qf, "qf", "%{name}-%{epoch}:%{version}-%{release}.%{arch}", "output format with %{tag} fields")
	fs.BoolVar(&e.pm.asJSON, "json", false, "print the packages as JSON (beyond dnf)")
	fs.StringVar(&qf, "queryformat", "%{name}-%{epoch}:%{version}-%{release}.%{arch}", "alias of --qf")
	return c
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
