package cli

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

// newModuleCmd is dnf's `module` command: list, info, enable, disable, reset, install,
// remove, update, switch-to, provides.
func newModuleCmd(e *env) *cobra.Command {
	c := &cobra.Command{Use: "module", Short: "Manage module streams (modular repositories)",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error { // dnf's argparse: exit code 2
			if len(args) == 0 {
				return &ExitError{Code: 2, Err: errors.New("dnf module: error: the following arguments are required: <modular command>, module-spec")}
			}
			return &ExitError{Code: 2, Err: fmt.Errorf("dnf module: error: argument <modular command>: invalid choice: '%s' (choose from 'disable', 'enable', 'info', 'install', 'list', 'provides', 'remove', 'repoquery', 'reset', 'switch-to', 'update')", args[0])}
		}}
	var lo pm.ModuleListOptions
	list := &cobra.Command{
		Use: "list [NAME[:STREAM]...]", Short: "List module streams",
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := openModuleBase(e)
			if err != nil {
				return err
			}
			lo.Names = args
			rows := base.ModuleList(lo)
			if len(rows) == 0 && len(args) > 0 {
				return dnfError(pm.ErrNoModules)
			}
			printModuleList(e.stdout, rows)
			return nil
		},
	}
	list.Flags().BoolVar(&lo.Enabled, "enabled", false, "only enabled streams")
	list.Flags().BoolVar(&lo.Disabled, "disabled", false, "only disabled modules")
	list.Flags().BoolVar(&lo.Installed, "installed", false, "only streams with installed profiles")
	var profile bool
	info := &cobra.Command{
		Use: "info NAME[:STREAM]...", Short: "Show module streams", Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := openModuleBase(e)
			if err != nil {
				return err
			}
			mods, unmatched, err := base.ModuleInfo(args)
			for _, u := range unmatched {
				fmt.Fprintf(e.stderr, "Unable to resolve argument %s\n", u)
			}
			if err != nil {
				return dnfError(err)
			}
			printModuleInfo(e.stdout, base, mods, profile)
			return nil
		},
	}
	info.Flags().BoolVar(&profile, "profile", false, "show the packages of each profile")
	state := func(use, short string, do func(*pm.Base, []string) ([]pm.ModuleChange, error)) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				base, err := openModuleBase(e)
				if err != nil {
					return err
				}
				ch, err := do(base, args)
				if err != nil {
					return moduleError(e, err)
				}
				if !e.pm.quiet {
					fmt.Fprintln(e.stdout, "Dependencies resolved.")
				}
				if len(ch) == 0 {
					if !e.pm.quiet {
						fmt.Fprintln(e.stdout, "Nothing to do.")
						fmt.Fprintln(e.stdout, "Complete!")
					}
					return nil
				}
				if !e.pm.quiet {
					printModuleChanges(e.stdout, ch)
				}
				if !confirm(e, &e.pm) {
					fmt.Fprintln(e.stderr, "Operation aborted.")
					return &ExitError{Code: 1, Silent: true, Err: errors.New("operation aborted")}
				}
				if err := base.CommitModules(); err != nil {
					return dnfError(err)
				}
				if !e.pm.quiet {
					fmt.Fprintln(e.stdout, "Complete!")
				}
				return nil
			},
		}
	}
	// the verbs that end in a package transaction: install, remove, switch-to, update
	transact := func(use, short string, resolve func(*pm.Base, []string) (pm.Request, []string, error)) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				base, err := openModuleBase(e)
				if err != nil {
					return err
				}
				req, pkgs, err := resolve(base, args)
				if err != nil {
					return moduleError(e, err)
				}
				plan, err := base.Resolve(req)
				if err != nil {
					return dnfError(err)
				}
				plan.MarkModulePackages(pkgs)
				if err := runPlan(cmd, e, &e.pm, base, plan); err != nil {
					return dnfError(err)
				}
				return dnfError(base.CommitModules())
			},
		}
	}
	install := transact("install NAME[:STREAM][/PROFILE]...", "Enable module streams and install their profiles",
		func(b *pm.Base, args []string) (pm.Request, []string, error) {
			_, pkgs, err := b.ModuleInstall(args)
			return pm.Request{Install: pkgs}, pkgs, err
		})
	var all bool
	remove := transact("remove NAME[:STREAM][/PROFILE]...", "Remove installed module profiles and their packages",
		func(b *pm.Base, args []string) (pm.Request, []string, error) {
			req, err := b.ModuleRemove(args, all)
			return req, nil, err
		})
	remove.Aliases = []string{"erase"}
	remove.Flags().BoolVar(&all, "all", false, "remove every installed package of the module's streams")
	update := transact("update NAME[:STREAM]...", "Update the packages of enabled module streams",
		func(b *pm.Base, args []string) (pm.Request, []string, error) {
			req, err := b.ModuleUpdate(args)
			return req, nil, err
		})
	update.Aliases = []string{"upgrade"}
	switchTo := transact("switch-to NAME:STREAM[/PROFILE]...", "Switch a module to another stream and move its packages",
		(*pm.Base).ModuleSwitchTo)
	provides := &cobra.Command{
		Use: "provides PACKAGE...", Short: "Show the module builds that ship packages", Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := openModuleBase(e)
			if err != nil {
				return err
			}
			if out := base.ModuleProvides(args); len(out) > 0 {
				fmt.Fprintln(e.stdout, strings.Join(out, "\n\n"))
			}
			return nil
		},
	}
	c.AddCommand(remove, update, switchTo, provides)
	c.AddCommand(list, info, install,
		state("enable NAME[:STREAM]...", "Enable module streams", (*pm.Base).ModuleEnable),
		state("disable NAME...", "Disable modules", (*pm.Base).ModuleDisable),
		state("reset NAME...", "Reset modules to their initial state", (*pm.Base).ModuleReset))
	return c
}

func openModuleBase(e *env) (*pm.Base, error) {
	cfg, err := e.pm.pmConfig(e, e.cmdline)
	if err != nil {
		return nil, err
	}
	base, err := pm.Open(e.ctx, cfg, true)
	if err != nil {
		return nil, dnfError(err)
	}
	return base, nil
}

// moduleError prints dnf's notes before its "Problems in request" error.
func moduleError(e *env, err error) error {
	var me *pm.ModuleError
	if errors.As(err, &me) {
		for _, n := range me.Notes {
			fmt.Fprintln(e.stderr, n)
		}
	}
	if errors.Is(err, pm.ErrStreamSwitch) && !e.pm.quiet {
		fmt.Fprintln(e.stdout, "Dependencies resolved.")
	}
	return dnfError(err)
}

func printModuleChanges(w io.Writer, ch []pm.ModuleChange) {
	line := strings.Repeat("=", 80)
	fmt.Fprintln(w, line)
	fmt.Fprintf(w, " %-17s %-16s %-19s %-18s %s\n", "Package", "Architecture", "Version", "Repository", "Size")
	fmt.Fprintln(w, line)
	printModuleRows(w, ch, 34)
	fmt.Fprintln(w, "\nTransaction Summary")
	fmt.Fprintln(w, line)
	fmt.Fprintln(w)
}

// printModuleRows prints the module sections of a transaction table as dnf does, the
// stream in the Version column (after nameWidth).
func printModuleRows(w io.Writer, ch []pm.ModuleChange, nameWidth int) {
	// sections in the order they first come, names sorted within each (dnf's order)
	order := map[string]int{}
	for _, c := range ch {
		if _, ok := order[c.Section]; !ok {
			order[c.Section] = len(order)
		}
	}
	ch = append([]pm.ModuleChange(nil), ch...)
	sort.SliceStable(ch, func(i, j int) bool {
		if order[ch[i].Section] != order[ch[j].Section] {
			return order[ch[i].Section] < order[ch[j].Section]
		}
		return ch[i].Name < ch[j].Name
	})
	sec := ""
	for _, c := range ch {
		if c.Section != sec {
			sec = c.Section
			fmt.Fprintf(w, "%s:\n", sec)
		}
		if strings.HasSuffix(c.Section, "module profiles") {
			fmt.Fprintf(w, " %s\n", c.Stream)
		} else if c.Stream != "" {
			fmt.Fprintf(w, " %-*s %s\n", nameWidth, c.Name, c.Stream)
		} else {
			fmt.Fprintf(w, " %s\n", c.Name)
		}
	}
}

func printModuleList(w io.Writer, rows []pm.ModuleRow) {
	if len(rows) == 0 {
		return
	}
	type cell struct{ name, stream, profiles, summary string }
	var cells []cell
	wn, ws, wp := len("Name"), len("Stream"), len("Profiles")
	for _, r := range rows {
		st := r.Stream
		if r.Default {
			st += " [d]"
		}
		if r.Enabled {
			if r.Default {
				st = r.Stream + " [d][e]"
			} else {
				st += " [e]"
			}
		}
		if r.Disabled {
			if r.Default {
				st = r.Stream + " [d][x]"
			} else {
				st += " [x]"
			}
		}
		var ps []string
		for _, p := range r.Profiles {
			s := p
			if modHas(r.DefaultProfiles, p) {
				s += " [d]"
			}
			if modHas(r.InstalledProfiles, p) {
				s += " [i]"
			}
			ps = append(ps, s)
		}
		c := cell{r.Name, st, strings.Join(ps, ", "), r.Summary}
		wn, ws, wp = max(wn, len(c.name)), max(ws, len(c.stream)), max(wp, len(c.profiles))
		cells = append(cells, c)
	}
	repo := ""
	for i, c := range cells {
		if rows[i].Repo != repo {
			if repo != "" {
				fmt.Fprintln(w)
			}
			repo = rows[i].Repo
			fmt.Fprintln(w, repo)
			fmt.Fprintf(w, "%-*s %-*s %-*s %s\n", wn, "Name", ws, "Stream", wp, "Profiles", "Summary")
		}
		fmt.Fprintf(w, "%-*s %-*s %-*s %s\n", wn, c.name, ws, c.stream, wp, c.profiles, c.summary)
	}
	fmt.Fprintln(w, "\nHint: [d]efault, [e]nabled, [x]disabled, [i]nstalled")
}

func modHas(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func printModuleInfo(w io.Writer, base *pm.Base, mods []*modulemd.Module, profile bool) {
	width := len("Name")
	for _, m := range mods {
		for p := range m.Profiles {
			width = max(width, len(p))
		}
	}
	for i, m := range mods {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if profile {
			fmt.Fprintf(w, "%-*s : %s\n", width, "Name", m.NSVCA())
			for _, p := range m.ProfileNames() {
				for j, r := range m.Profiles[p] {
					label := p
					if j > 0 {
						label = ""
					}
					fmt.Fprintf(w, "%-*s : %s\n", width, label, r)
				}
			}
			continue
		}
		marks, installed := base.ModuleMarks(m.Name, m.Stream)
		defaults := base.ModuleDefaultProfiles(m.Name, m.Stream)
		var profiles []string
		for _, p := range m.ProfileNames() {
			label := p
			if modHas(defaults, p) {
				label += " [d]"
			}
			if modHas(installed, p) {
				label += " [i]"
			}
			profiles = append(profiles, label)
		}
		fmt.Fprintf(w, "Name             : %s\nStream           : %s\nVersion          : %d\nContext          : %s\nArchitecture     : %s\n",
			m.Name, m.Stream+marks, m.Version, m.Context, m.Arch)
		fmt.Fprintf(w, "Profiles         : %s\nDefault profiles : %s\nRepo             : %s\nSummary          : %s\nDescription      : %s\n",
			strings.Join(profiles, ", "), strings.Join(defaults, " "), m.Repo, m.Summary, m.Description)
		reqs := []string{""}
		if len(m.Requires) > 0 {
			reqs = nil
			for _, n := range sortedNames(m.Requires) {
				reqs = append(reqs, n+":["+strings.Join(m.Requires[n], ",")+"]")
			}
		}
		for j, r := range reqs {
			label := "Requires"
			if j > 0 {
				label = ""
			}
			fmt.Fprintf(w, "%-16s : %s\n", label, r)
		}
		for j, a := range m.Artifacts {
			label := "Artifacts"
			if j > 0 {
				label = ""
			}
			fmt.Fprintf(w, "%-16s : %s\n", label, a)
		}
	}
	if !profile {
		fmt.Fprintln(w, "\nHint: [d]efault, [e]nabled, [x]disabled, [i]nstalled, [a]ctive")
	}
}

// moduleArgs takes the @-arguments of install and remove that name modules (dnf tries a
// module before a group): install enables their streams and adds their profiles' packages
// to req (returned, to be marked as module packages), remove drops their profiles and adds
// the removals. The @-arguments left are groups.
func moduleArgs(e *env, base *pm.Base, cmd string, grps []string, req *pm.Request) (groups, pkgs []string, err error) {
	var mods []string
	for _, g := range grps {
		if base.IsModule(g) {
			mods = append(mods, g)
		} else {
			groups = append(groups, g)
		}
	}
	if len(mods) == 0 {
		return groups, nil, nil
	}
	if cmd == "remove" {
		mreq, err := base.ModuleRemove(mods, false)
		if err != nil {
			return nil, nil, dnfError(err)
		}
		req.Remove = append(req.Remove, mreq.Remove...)
		req.Group = mreq.Group
		return groups, nil, nil
	}
	_, pkgs, err = base.ModuleInstall(mods)
	var me *pm.ModuleError
	if errors.As(err, &me) && len(me.Modular) == 0 {
		for _, n := range me.Notes {
			fmt.Fprintln(e.stderr, n)
		}
		return nil, nil, &ExitError{Code: 1, Err: errors.New("Error: Unable to find a match")}
	}
	if err != nil {
		return nil, nil, moduleError(e, err)
	}
	req.Install = append(req.Install, pkgs...)
	return groups, pkgs, nil
}

func sortedNames(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
