package cli

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nimbus-linux/nimbus/internal/advisory"
)

// advisoryFlags are dnf's update filters (--security, --bugfix, --enhancement,
// --newpackage, --advisory, --cve, --bz, --sec-severity). dnf has them as global options;
// Nimbus registers them on the commands that use them.
type advisoryFlags struct {
	security, bugfix, enhancement, newpackage bool
	advisories, cves, bugs, severities        []string
}

func (a *advisoryFlags) register(c *cobra.Command) { a.registerOn(c.Flags()) }

// registerOn registers the advisory options on a flag set (the root's persistent set
// accepts them for every command, as dnf's general options do).
func (a *advisoryFlags) registerOn(fs *pflag.FlagSet) {
	fs.BoolVar(&a.security, "security", false, "only advisories of type security")
	fs.BoolVar(&a.security, "sec", false, "alias of --security (dnf 4.14 finds --sec ambiguous)")
	fs.BoolVar(&a.bugfix, "bugfix", false, "only advisories of type bugfix")
	fs.BoolVar(&a.enhancement, "enhancement", false, "only advisories of type enhancement")
	fs.BoolVar(&a.newpackage, "newpackage", false, "only advisories of type newpackage")
	stringSliceVar(fs, &a.advisories, "advisory", "", "only these advisories (ids, globs; comma-separated or repeated)")
	stringSliceVar(fs, &a.advisories, "advisories", "", "alias of --advisory")
	stringSliceVar(fs, &a.cves, "cve", "", "only advisories fixing these CVEs")
	stringSliceVar(fs, &a.cves, "cves", "", "alias of --cve")
	stringSliceVar(fs, &a.bugs, "bz", "", "only advisories fixing these bugs")
	stringSliceVar(fs, &a.severities, "sec-severity", "", "only security advisories of these severities: Critical, Important, Medium (Moderate), Low")
	stringSliceVar(fs, &a.severities, "secseverity", "", "alias of --sec-severity")
}

// filter converts the flags, checking severities and CVE ids.
func (a *advisoryFlags) filter() (advisory.Filter, error) {
	var f advisory.Filter
	for _, t := range []struct {
		on  bool
		typ string
	}{{a.security, advisory.Security}, {a.bugfix, advisory.Bugfix}, {a.enhancement, advisory.Enhancement}, {a.newpackage, advisory.NewPackage}} {
		if t.on {
			f.Types = append(f.Types, t.typ)
		}
	}
	for _, s := range a.severities {
		n := advisory.NormalizeSeverity(s)
		if n == "" {
			return f, &ExitError{Code: 1, Err: fmt.Errorf("Error: --sec-severity %q: want one of %s", s, strings.Join(advisory.Severities, ", "))}
		}
		f.Severities = append(f.Severities, n)
	}
	for _, c := range a.cves {
		if !advisory.ValidCVE(c) {
			return f, &ExitError{Code: 1, Err: fmt.Errorf("Error: --cve %q is not a CVE id (want CVE-YYYY-NNNN)", c)}
		}
	}
	f.CVEs, f.Bugs, f.Advisories = a.cves, a.bugs, a.advisories
	return f, nil
}

// on registers the flags on c, checks them before c runs (a bad severity or CVE id is
// refused before any repository is read), and returns c.
func (a *advisoryFlags) on(c *cobra.Command) *cobra.Command {
	a.register(c)
	c.PreRunE = func(*cobra.Command, []string) error {
		_, err := a.filter()
		return err
	}
	return c
}

func newUpdateinfoCmd(e *env) *cobra.Command {
	var af advisoryFlags
	var list, info, summary, available, installed, updates, all, withCVE, withBZ bool
	c := &cobra.Command{
		Use:     "updateinfo [summary|list|info] [available|installed|updates|all] [security|bugfix|enhancement|newpackage] [ADVISORY-or-PACKAGE...]",
		Aliases: []string{"upif", "list-updateinfo", "list-security", "list-sec", "info-updateinfo", "info-security", "info-sec", "summary-updateinfo"},
		Short:   "Show advisories about installed packages (dnf updateinfo)",
		RunE: func(cmd *cobra.Command, args []string) error {
			action := "summary"
			switch {
			case list:
				action = "list"
			case info:
				action = "info"
			case summary:
				action = "summary"
			}
			if inv := cmd.CalledAs(); strings.Contains(inv, "-") {
				action = strings.SplitN(inv, "-", 2)[0]
			} else if len(args) > 0 && (args[0] == "list" || args[0] == "info" || args[0] == "summary") {
				action, args = args[0], args[1:]
			}
			mode, desc := advisory.ModeAvailable, "available"
			switch {
			case installed:
				mode, desc = advisory.ModeInstalled, "installed"
			case updates:
				mode, desc = advisory.ModeUpdates, "updates"
			case all:
				mode, desc = advisory.ModeAll, "all"
			case available:
			default:
				if len(args) > 0 {
					switch args[0] {
					case "installed":
						mode, desc, args = advisory.ModeInstalled, "installed", args[1:]
					case "updates":
						mode, desc, args = advisory.ModeUpdates, "updates", args[1:]
					case "all":
						mode, desc, args = advisory.ModeAll, "all", args[1:]
					case "available":
						args = args[1:]
					}
				}
			}
			if len(args) > 0 {
				switch args[0] {
				case "security", "sec":
					af.security, args = true, args[1:]
				case "bugfix":
					af.bugfix, args = true, args[1:]
				case "enhancement":
					af.enhancement, args = true, args[1:]
				case "newpackage":
					af.newpackage, args = true, args[1:]
				case "cves":
					withCVE, args = true, args[1:]
				case "bugzillas", "bzs":
					withBZ, args = true, args[1:]
				}
			}
			f, err := af.filter()
			if err != nil {
				return err
			}
			f.WithCVE, f.WithBug = withCVE, withBZ
			specs := append(append([]string{}, args...), af.advisories...)
			f.Advisories = nil // dnf adds --advisory ids to the SPECs
			b, err := openBase(e, true)
			if err != nil {
				return err
			}
			rows, err := b.UpdateinfoRows(mode, f, specs)
			if err != nil {
				return dnfError(err)
			}
			switch action {
			case "list":
				printUpdateinfoList(e.stdout, rows, mode == advisory.ModeAll, withCVE, withBZ, e.pm.verbose)
			case "info":
				printUpdateinfoInfo(e.stdout, rows, mode == advisory.ModeAll, e.pm.verbose, b.Config().Arch)
			default:
				printUpdateinfoSummary(e.stdout, rows, desc)
			}
			return nil
		},
	}
	af.register(c)
	fs := c.Flags()
	fs.BoolVar(&list, "list", false, "list advisories")
	fs.BoolVar(&info, "info", false, "show advisories in full")
	fs.BoolVar(&summary, "summary", false, "count advisories by type (default)")
	fs.BoolVar(&available, "available", false, "advisories about newer versions of installed packages (default)")
	fs.BoolVar(&installed, "installed", false, "advisories about installed and older versions of installed packages")
	fs.BoolVar(&updates, "updates", false, "like --available, for packages with an upgrade in the repositories")
	fs.BoolVar(&all, "all", false, "advisories about any version of installed packages")
	fs.BoolVar(&withCVE, "with-cve", false, "only advisories with a CVE reference")
	fs.BoolVar(&withBZ, "with-bz", false, "only advisories with a bugzilla reference")
	return c
}

// typeLabel is dnf's list label: "Important/Sec." for security advisories, else the type.
func typeLabel(typ, sev string) string {
	if typ == advisory.Security {
		switch sev {
		case "Critical", "Important", "Moderate", "Medium", "Low":
			return sev + "/Sec."
		}
		return "Unknown/Sec."
	}
	switch typ {
	case advisory.Bugfix, advisory.Enhancement, advisory.NewPackage:
		return typ
	}
	return "unknown"
}

func printUpdateinfoList(w io.Writer, rows []advisory.Row, markInstalled, withCVE, withBZ, verbose bool) {
	type line struct{ mark, id, label, nevra, updated string }
	var lines []line
	idw, tlw, nw := 0, 0, 0
	for _, r := range rows {
		mark := ""
		if markInstalled {
			mark = "  "
			if r.Installed {
				mark = "i "
			}
		}
		ids := []string{r.Update.ID}
		if withCVE || withBZ {
			ids = nil
			for _, ref := range r.Update.References {
				if ref.Type == "cve" && withCVE || ref.Type == "bugzilla" && withBZ {
					ids = append(ids, ref.ID)
				}
			}
		}
		for _, id := range ids {
			l := line{mark, id, typeLabel(r.Update.Type, r.Update.Severity), r.NEVRA(), displayDate(r.Update.Updated.Date)}
			idw, tlw, nw = max(idw, len(l.id)), max(tlw, len(l.label)), max(nw, len(l.nevra))
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		if verbose {
			fmt.Fprintf(w, "%s%-*s %-*s %-*s %s\n", l.mark, idw, l.id, tlw, l.label, nw, l.nevra, l.updated)
		} else {
			fmt.Fprintf(w, "%s%-*s %-*s %s\n", l.mark, idw, l.id, tlw, l.label, l.nevra)
		}
	}
}

func printUpdateinfoSummary(w io.Writer, rows []advisory.Row, desc string) {
	types := map[string]string{}
	sev := map[string]string{}
	for _, r := range rows {
		types[r.Update.ID] = r.Update.Type
		if r.Update.Type == advisory.Security {
			sev[r.Update.ID] = r.Update.Severity
		}
	}
	if len(types) == 0 {
		return
	}
	count := func(t string) int {
		n := 0
		for _, v := range types {
			if v == t {
				n++
			}
		}
		return n
	}
	countSev := func(s string) int {
		n := 0
		for _, v := range sev {
			if v == s || s == "Medium" && v == "Moderate" {
				n++
			}
		}
		return n
	}
	known := count(advisory.Security) - countSev("Critical") - countSev("Important") - countSev("Medium") - countSev("Low")
	other := len(types) - count(advisory.Security) - count(advisory.Bugfix) - count(advisory.Enhancement) - count(advisory.NewPackage)
	entries := []struct {
		indent int
		label  string
		n      int
	}{
		{0, "New Package notice(s)", count(advisory.NewPackage)},
		{0, "Security notice(s)", count(advisory.Security)},
		{1, "Critical Security notice(s)", countSev("Critical")},
		{1, "Important Security notice(s)", countSev("Important")},
		{1, "Medium Security notice(s)", countSev("Medium")},
		{1, "Low Security notice(s)", countSev("Low")},
		{1, "Unknown Security notice(s)", known},
		{0, "Bugfix notice(s)", count(advisory.Bugfix)},
		{0, "Enhancement notice(s)", count(advisory.Enhancement)},
		{0, "other notice(s)", other},
	}
	width := 0
	for _, en := range entries {
		if en.n > 0 {
			width = max(width, len(fmt.Sprint(en.n)))
		}
	}
	fmt.Fprintf(w, "Updates Information Summary: %s\n", desc)
	for _, en := range entries {
		if en.n > 0 {
			fmt.Fprintf(w, "    %*d %s\n", width+4*en.indent, en.n, en.label)
		}
	}
}

func printUpdateinfoInfo(w io.Writer, rows []advisory.Row, showInstalled, verbose bool, arch string) {
	labels := []string{"Update ID", "Type", "Updated", "Bugs", "CVEs", "Description", "Severity", "Rights", "Files", "Installed"}
	width := len("Description")
	seen := map[string]bool{}
	var blocks []string
	for _, r := range rows {
		u := r.Update
		var bugs, cves []string
		for _, ref := range u.References {
			switch ref.Type {
			case "bugzilla":
				bugs = append(bugs, ref.ID+" - "+ref.Title)
			case "cve":
				cves = append(cves, ref.ID)
			}
		}
		sort.Strings(bugs)
		sort.Strings(cves)
		typ := u.Type
		if typeLabel(typ, "") == "unknown" {
			typ = "unknown"
		}
		attrs := [][]string{{u.ID}, {typ}, {displayDate(u.Updated.Date)}, bugs, cves, splitLines(u.Description), {u.Severity}, nil, nil, nil}
		if u.Severity == "" {
			attrs[6] = nil // libdnf: no severity is None, and dnf skips the line
		}
		if verbose {
			attrs[7] = splitLines(u.Rights)
			files := map[string]bool{}
			for _, c := range u.Collections {
				for _, p := range c.Packages {
					if p.Arch == arch || p.Arch == "noarch" {
						files[p.Filename] = true
					}
				}
			}
			for f := range files {
				attrs[8] = append(attrs[8], f)
			}
			sort.Strings(attrs[8])
		}
		if showInstalled {
			attrs[9] = []string{map[bool]string{true: "true", false: "false"}[r.Installed]}
		}
		var b strings.Builder
		b.WriteString(strings.Repeat("=", 79) + "\n  " + u.Title + "\n" + strings.Repeat("=", 79))
		for i, a := range attrs {
			for j, l := range a {
				key := labels[i]
				if j > 0 {
					key = ""
				}
				fmt.Fprintf(&b, "\n%*s%s: %s", width-len(key), "", key, l)
			}
		}
		if s := b.String(); !seen[s] {
			seen[s] = true
			blocks = append(blocks, s)
		}
	}
	sort.Slice(blocks, func(i, j int) bool { return strings.ToLower(blocks[i]) < strings.ToLower(blocks[j]) })
	if len(blocks) > 0 {
		fmt.Fprintln(w, strings.Join(blocks, "\n\n"))
	}
}

// splitLines is Python's str.splitlines for \n: no empty last line for a final newline.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// displayDate shows an advisory date as dnf does (a Python datetime): updateinfo may
// say "2024-01-02 03:04:05", "2024-01-02" or seconds since the epoch (local time).
func displayDate(s string) string {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).Format("2006-01-02 15:04:05")
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2006-01-02 15:04:05")
	}
	return s
}
