package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

func pmQueryCommands(e *env) []*cobra.Command {
	return []*cobra.Command{
		newCheckUpdateCmd(e), newListCmd(e), newRepolistCmd(e), newCheckCmd(e), newMakecacheCmd(e), newCleanCmd(e),
		newHistoryCmd(e), newMarkCmd(e), newRepoqueryCmd(e), newDeplistCmd(e), newInfoCmd(e), newSearchCmd(e), newProvidesCmd(e),
	}
}

// openBase opens the package manager for a query.
func openBase(e *env, withRepos bool) (*pm.Base, error) {
	return openBaseWith(e, withRepos, false)
}

// openBaseNames opens the package manager for a listing that needs no dependencies
// (check-update, list): pm.Config.NamesOnly.
func openBaseNames(e *env, withRepos bool) (*pm.Base, error) {
	return openBaseWith(e, withRepos, true)
}

func openBaseWith(e *env, withRepos, namesOnly bool) (*pm.Base, error) {
	cfg, err := e.pm.pmConfig(e, e.cmdline)
	if err != nil {
		return nil, err
	}
	cfg.NamesOnly = namesOnly
	b, err := pm.Open(e.ctx, cfg, withRepos)
	if err != nil {
		return nil, dnfError(err)
	}
	b.SetRepoScope(e.pm.repoScope)
	return b, nil
}

func newCheckUpdateCmd(e *env) *cobra.Command {
	var af advisoryFlags
	return af.on(&cobra.Command{
		Use:     "check-update [SPEC...]",
		Aliases: []string{"check-upgrade"},
		Short:   "List available upgrades; exit status 100 when there are any",
		RunE: func(cmd *cobra.Command, args []string) error {
			defer pm.TuneHeap(pm.HeapListing)()
			b, err := openBaseNames(e, true)
			if err != nil {
				return err
			}
			f, err := af.filter()
			if err != nil {
				return err
			}
			ups, err := b.FilterUpgrades(b.Upgrades(args), f) // all of them without a filter flag
			if err != nil {
				return dnfError(err)
			}
			// dnf lists what obsoletes an installed package too (obsoletes=1, its default);
			// an advisory filter narrows the upgrades, and then nimbus leaves these out
			var obs []pm.ObsoletePair
			if b.Main.Obsoletes && f.Empty() {
				obs = b.Obsoleting(args)
			}
			if len(ups) == 0 && len(obs) == 0 {
				return nil
			}
			// the columns fit the upgrades and the obsoletes pairs, the old ones indented
			var all []pm.PkgLine
			for _, o := range obs {
				old := o.Old
				old.Name = "    " + old.Name
				all = append(all, o.New, old)
			}
			cols := listColumns(e.stdout, ups, all)
			if len(ups) > 0 {
				fmt.Fprintln(e.stdout)
				printPkgLines(e.stdout, ups, cols)
			}
			if len(obs) > 0 {
				fmt.Fprintln(e.stdout, "Obsoleting Packages")
				printPkgLines(e.stdout, all, cols)
			}
			return &ExitError{Code: 100, Silent: true, Err: fmt.Errorf("%d updates available", len(ups)+len(obs))}
		},
	})
}

func newListCmd(e *env) *cobra.Command {
	var installed, available, updates, all, extras, obsoletes, autoremove, recent bool
	c := &cobra.Command{
		Use:     "list [--all|--installed|--available|--upgrades|--extras|--obsoletes] [PATTERN...]",
		Aliases: []string{"ls"},
		Short:   "List installed and available packages",
		RunE: func(cmd *cobra.Command, args []string) error {
			// yum's and dnf's older form: the first word names the list ("yum list installed")
			if len(args) > 0 {
				switch args[0] {
				case "all":
					all, args = true, args[1:]
				case "installed":
					installed, args = true, args[1:]
				case "available":
					available, args = true, args[1:]
				case "updates", "upgrades":
					updates, args = true, args[1:]
				case "extras":
					extras, args = true, args[1:]
				case "obsoletes":
					obsoletes, args = true, args[1:]
				case "recent":
					recent, args = true, args[1:]
				case "autoremove":
					autoremove, args = true, args[1:]
				}
			}
			withRepos := !installed && !autoremove
			defer pm.TuneHeap(pm.HeapListing)()
			open := openBaseNames
			if autoremove {
				open = openBase // what autoremove removes follows the installed packages' requires
			}
			b, err := open(e, withRepos)
			if err != nil {
				return err
			}
			if !installed && !available && !updates && !extras && !obsoletes && !autoremove && !recent {
				all = true
			}
			type section struct {
				title string
				pkgs  []pm.PkgLine
			}
			var sections []section
			if installed || all {
				sections = append(sections, section{"Installed Packages", b.ListInstalled(args)})
			}
			if available || all {
				sections = append(sections, section{"Available Packages", b.ListAvailable(args, e.pm.extra.showDuplicates)})
			}
			if autoremove {
				sections = append(sections, section{"Autoremove Packages", b.ListAutoremove(args)})
			}
			if extras {
				sections = append(sections, section{"Extra Packages", b.ListExtras(args)})
			}
			if updates {
				sections = append(sections, section{"Available Upgrades", b.Upgrades(args)})
			}
			var obs []pm.PkgLine // "Obsoleting Packages": each obsoleter, then what it obsoletes, indented
			if obsoletes {
				for _, o := range b.Obsoleting(args) {
					old := o.Old
					old.Name = "    " + old.Name
					obs = append(obs, o.New, old)
				}
			}
			if e.pm.asJSON {
				doc := jsonList{Version: pm.JSONVersion}
				for _, s := range sections {
					switch s.title {
					case "Installed Packages":
						doc.Installed = jsonLines(s.pkgs)
					case "Available Packages":
						doc.Available = jsonLines(s.pkgs)
					case "Available Upgrades":
						doc.Upgrades = jsonLines(s.pkgs)
					}
				}
				return writeJSON(e, doc)
			}
			var rec []pm.PkgLine // dnf prints "Recently Added Packages" last
			if recent {
				rec = b.ListRecent(args, b.Main.Recent, e.pm.extra.showDuplicates)
			}
			shown := len(obs)
			var lists [][]pm.PkgLine
			for _, s := range sections {
				lists = append(lists, s.pkgs)
			}
			cols := listColumns(e.stdout, append(lists, obs, rec)...)
			for _, s := range sections {
				if len(s.pkgs) == 0 {
					continue
				}
				shown += len(s.pkgs)
				fmt.Fprintln(e.stdout, s.title)
				printPkgLines(e.stdout, s.pkgs, cols)
			}
			if len(obs) > 0 {
				fmt.Fprintln(e.stdout, "Obsoleting Packages")
				printPkgLines(e.stdout, obs, cols)
			}
			if len(rec) > 0 {
				shown += len(rec)
				fmt.Fprintln(e.stdout, "Recently Added Packages")
				printPkgLines(e.stdout, rec, cols)
			}
			if shown == 0 && len(args) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: No matching Packages to list")}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&all, "all", false, "installed and available packages (the default)")
	c.Flags().BoolVar(&installed, "installed", false, "installed packages only")
	c.Flags().BoolVar(&available, "available", false, "available packages only")
	c.Flags().BoolVar(&extras, "extras", false, "installed packages that no repository has")
	c.Flags().BoolVar(&obsoletes, "obsoletes", false, "the repositories' packages that obsolete installed ones")
	c.Flags().BoolVar(&updates, "updates", false, "available upgrades only")
	c.Flags().BoolVar(&autoremove, "autoremove", false, "installed packages autoremove would remove")
	c.Flags().BoolVar(&recent, "recent", false, "the repositories' packages built recently (dnf.conf's recent days)")
	c.Flags().BoolVar(&updates, "upgrades", false, "available upgrades only")
	c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print JSON (beyond dnf)")
	return c
}

// printPkgLines prints packages as dnf's list and check-update do (simpleList): name.arch,
// evr and repository in columns sized by calcColumns over every list of the command
// (listColumns), each left-aligned and padded, the last one too.
func printPkgLines(w io.Writer, ls []pm.PkgLine, cols [3]int) {
	for _, p := range ls {
		fmt.Fprint(w, fmtColumns("", "\n", []string{p.Name + "." + p.Arch, p.EVR, p.Repo}, []int{-cols[0], -cols[1], -cols[2]}))
	}
}

// listColumns is dnf's _list_cmd_calc_columns: the widths of the name.arch, evr and
// repository columns for all the lists a command prints, for w's terminal (80 columns
// when it is none).
func listColumns(w io.Writer, lists ...[]pm.PkgLine) [3]int {
	data := []map[int]int{{}, {}, {}}
	for _, ls := range lists {
		for _, p := range ls {
			data[0][len(p.Name)+1+len(p.Arch)]++
			data[1][len(p.EVR)]++
			data[2][len(p.Repo)]++
		}
	}
	real, cols := termColumns(w)
	c := calcColumns(data, []int{1, 1, 0}, 1, real, "", cols)
	return [3]int{c[0], c[1], c[2]}
}

func newCheckCmd(e *env) *cobra.Command {
	var kinds []string
	c := &cobra.Command{
		Use:   "check [--all|--dependencies|--duplicates|--obsoleted|--provides]",
		Short: "Check the installed packages for problems (dnf check)",
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, a := range args { // yum's spelling: `check dependencies`
				if !slices.Contains(pm.CheckTypes, a) {
					return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s check [options] [{all,dependencies,duplicates,obsoleted,provides} ...]\n%s check: error: argument check_yum_types: invalid choice: '%s' (choose from 'all', 'dependencies', 'duplicates', 'obsoleted', 'provides', [])", cmd.Root().Name(), cmd.Root().Name(), a)}
				}
			}
			for _, k := range pm.CheckTypes {
				if f := cmd.Flags().Lookup(k); f != nil && f.Changed {
					kinds = append(kinds, k)
				}
			}
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			probs := b.Check(append(kinds, args...)...)
			for _, p := range probs {
				fmt.Fprintln(e.stdout, p)
			}
			if len(probs) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: Check discovered %d problem(s)", len(probs))}
			}
			return nil
		},
	}
	c.Flags().Bool("all", false, "show all problems; default")
	c.Flags().Bool("dependencies", false, "show dependency problems")
	c.Flags().Bool("duplicates", false, "show duplicate problems")
	c.Flags().Bool("obsoleted", false, "show obsoleted packages")
	c.Flags().Bool("provides", false, "show problems with provides")
	return c
}

func newMakecacheCmd(e *env) *cobra.Command {
	var timer bool
	c := &cobra.Command{
		Use:     "makecache [--timer]",
		Aliases: []string{"mc"},
		Short:   "Download and index the metadata of the enabled repositories",
		RunE: func(cmd *cobra.Command, args []string) error {
			// dnf also takes the word: `dnf makecache timer`
			if len(args) > 1 {
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s makecache [options] [timer]\n%s makecache: error: unrecognized arguments: %s", cmd.Root().Name(), cmd.Root().Name(), strings.Join(args[1:], " "))}
			}
			if len(args) == 1 && args[0] != "timer" {
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s makecache [options] [timer]\n%s makecache: error: argument timer: invalid choice: '%s' (choose from 'timer')", cmd.Root().Name(), cmd.Root().Name(), args[0])}
			}
			defer pm.TuneHeap(pm.HeapListing | pm.HeapMetadata)()
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			res, err := pm.Makecache(e.ctx, cfg, pm.MakecacheOptions{Timer: timer || len(args) == 1})
			if err != nil {
				return dnfError(err)
			}
			if e.pm.quiet { // dnf logs these at info level, which -q hides
				return nil
			}
			if res.Skipped != "" {
				fmt.Fprintln(e.stdout, res.Skipped)
			} else {
				fmt.Fprintln(e.stdout, "Metadata cache created.")
			}
			return nil
		},
	}
	c.Flags().BoolVar(&timer, "timer", false, "run as dnf-makecache.timer does: only when metadata_timer_sync has passed")
	return c
}

func newCleanCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "clean all|metadata|packages|dbcache|expire-cache...",
		Short: "Remove cached data",
		RunE: func(cmd *cobra.Command, args []string) error {
			usage := func(msg string) error {
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s clean [options] {metadata,packages,dbcache,expire-cache,all} [{metadata,packages,dbcache,expire-cache,all} ...]\n%s clean: error: %s", cmd.Root().Name(), cmd.Root().Name(), msg)}
			}
			if len(args) == 0 {
				return usage("the following arguments are required: type")
			}
			for _, a := range args {
				if _, ok := pm.CleanTypes[a]; !ok {
					return usage(fmt.Sprintf("argument type: invalid choice: '%s' (choose from 'metadata', 'packages', 'dbcache', 'expire-cache', 'all')", a))
				}
			}
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			res, err := b.Clean(args)
			if res.Expired && !e.pm.quiet {
				fmt.Fprintln(e.stdout, "Cache was expired")
			}
			if err != nil || e.pm.quiet {
				return err
			}
			if res.Removed == 1 {
				fmt.Fprintln(e.stdout, "1 file removed")
			} else {
				fmt.Fprintf(e.stdout, "%d files removed\n", res.Removed)
			}
			return nil
		},
	}
}

func newMarkCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "mark install|remove|group SPEC...",
		Short: "Mark packages as installed by the user (install) or as dependencies (remove)",
		Args:  cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := openBase(e, false)
			if err != nil {
				return err
			}
			reason, ok := map[string]history.Reason{"install": history.User, "remove": history.Dependency, "group": history.Group}[args[0]]
			if !ok {
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: mark %s: want install, remove or group", args[0])}
			}
			marked, notFound, err := b.Mark(e.ctx, args[1:], reason)
			if err != nil {
				return dnfError(err)
			}
			if !e.pm.quiet { // dnf's logger.info, as it marks each
				for _, n := range marked {
					fmt.Fprintf(e.stdout, "%s marked as %s installed.\n", n, map[history.Reason]string{history.User: "user", history.Dependency: "dependency", history.Group: "group"}[reason])
				}
			}
			if len(notFound) > 0 { // dnf: nothing recorded, exit 1
				msg := "Error:"
				for _, s := range notFound {
					msg += "\nPackage " + s + " is not installed."
				}
				return &ExitError{Code: 1, Err: errors.New(msg)}
			}
			return nil
		},
	}
}
