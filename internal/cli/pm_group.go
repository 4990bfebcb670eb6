package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/comps"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

// groupSubcommands are dnf 4.14's group subcommands (summary is the default).
var groupSubcommands = []string{"summary", "list", "info", "remove", "install", "upgrade", "mark"}

// groupFlags are the group command's options.
type groupFlags struct {
	withOptional, hidden, installed, available, ids bool
}

// groupCommands are dnf's group command (group, groups, grp) and its direct forms
// (grouplist, groupinstall, groupupdate, groupremove, grouperase, groupinfo).
func groupCommands(e *env) []*cobra.Command {
	out := []*cobra.Command{newGroupCmd(e, "group", []string{"groups", "grp"}, "")}
	for _, d := range []struct{ name, sub string }{{"grouplist", "list"}, {"groupinstall", "install"}, {"groupupdate", "install"},
		{"groupremove", "remove"}, {"grouperase", "remove"}, {"groupinfo", "info"}} {
		c := newGroupCmd(e, d.name, nil, d.sub)
		c.Hidden = true
		out = append(out, c)
	}
	return out
}

func newGroupCmd(e *env, name string, aliases []string, direct string) *cobra.Command {
	var gf groupFlags
	c := &cobra.Command{
		Use:     name + " [summary|list|info|install|remove|upgrade|mark] [GROUP...]",
		Aliases: aliases,
		Short:   "Display or use the comps groups of the repositories",
		RunE: func(cmd *cobra.Command, args []string) error {
			sub := "summary"
			if direct != "" {
				sub = direct
			} else if len(args) > 0 {
				sub, args = args[0], args[1:]
			}
			if a, ok := map[string]string{"update": "upgrade", "erase": "remove"}[sub]; ok {
				sub = a
			}
			return dnfError(runGroup(e, &gf, sub, args))
		},
	}
	fl := c.Flags()
	fl.BoolVar(&gf.withOptional, "with-optional", false, "include optional packages from group")
	fl.BoolVar(&gf.hidden, "hidden", false, "show also hidden groups")
	fl.BoolVar(&gf.installed, "installed", false, "show only installed groups")
	fl.BoolVar(&gf.available, "available", false, "show only available groups")
	fl.BoolVar(&gf.ids, "ids", false, "show also ID of groups")
	return c
}

func runGroup(e *env, gf *groupFlags, sub string, args []string) error {
	known := false
	for _, s := range groupSubcommands {
		known = known || s == sub
	}
	if !known {
		return &ExitError{Code: 1, Err: fmt.Errorf("Invalid groups sub-command, use: %s.", strings.Join(groupSubcommands, ", "))}
	}
	if len(args) == 0 && (sub == "install" || sub == "remove" || sub == "mark" || sub == "info") {
		return &ExitError{Code: 1, Err: fmt.Errorf("usage: dnf group %s [options] GROUP...\nError: dnf group %s needs at least one group", sub, sub)}
	}
	f := &e.pm
	cfg, err := f.pmConfig(e, e.cmdline)
	if err != nil {
		return err
	}
	switch sub {
	case "summary", "list", "info":
		base, err := pm.Open(e.ctx, cfg, true)
		if err != nil {
			return err
		}
		g, err := base.Groups(e.ctx)
		if err != nil {
			return err
		}
		switch sub {
		case "summary":
			return groupSummary(e.stdout, g, gf, args)
		case "list":
			return groupList(e, g, gf, args)
		default:
			for _, pat := range args {
				groupInfo(e, g, pat)
			}
			return nil
		}
	}
	var greq pm.GroupRequest
	switch sub {
	case "install":
		greq.Install, greq.WithOptional = args, gf.withOptional
	case "remove":
		greq.Remove = args
	case "upgrade":
		greq.Upgrade = args
	case "mark":
		switch {
		case args[0] == "remove":
			greq.MarkRemove = args[1:]
		case args[0] == "install":
			greq.MarkInstall, greq.WithOptional = args[1:], gf.withOptional
		default:
			greq.MarkInstall, greq.WithOptional = args, gf.withOptional
		}
	}
	if _, err := pm.Recover(e.ctx, cfg); err != nil {
		return err
	}
	base, err := pm.Open(e.ctx, cfg, sub != "remove")
	if err != nil {
		return err
	}
	plan, err := base.ResolveGroups(e.ctx, greq, pm.Request{})
	if err != nil {
		return groupErr(err)
	}
	return runPlan(nil, e, f, base, plan)
}

// groupErr words the errors of group requests as dnf does.
func groupErr(err error) error {
	var nd pm.NoGroupDataError
	if errors.Is(err, pm.ErrNothingToDo) || errors.As(err, &nd) || errors.Is(err, pm.ErrNoGroupUpgrade) {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
	}
	return err
}

// groupSummary is `group summary`: the number of installed and available groups.
func groupSummary(w io.Writer, g *pm.Groups, gf *groupFlags, args []string) error {
	hidden := gf.hidden
	if len(args) > 0 && args[0] == "hidden" {
		hidden, args = true, args[1:]
	}
	_, _, inst, avail := g.Lists(args, hidden)
	if n := countLang(inst, false); n > 0 {
		fmt.Fprintf(w, "Installed Groups: %d\n", n)
	}
	if n := countLang(inst, true); n > 0 {
		fmt.Fprintf(w, "Installed Language Groups: %d\n", n)
	}
	if n := countLang(avail, false); n > 0 {
		fmt.Fprintf(w, "Available Groups: %d\n", n)
	}
	if n := countLang(avail, true); n > 0 {
		fmt.Fprintf(w, "Available Language Groups: %d\n", n)
	}
	return nil
}

func countLang(gs []*comps.Group, lang bool) int {
	n := 0
	for _, g := range gs {
		if (g.LangOnly != "") == lang {
			n++
		}
	}
	return n
}

// groupList is `group list` as dnf 4.14's GroupCommand._list prints it.
func groupList(e *env, g *pm.Groups, gf *groupFlags, args []string) error {
	hidden, showInst, showAvail, ids := gf.hidden, gf.installed, gf.available, gf.ids || e.pm.verbose
	for len(args) > 0 {
		switch args[0] {
		case "hidden":
			hidden = true
		case "installed":
			showInst = true
		case "available":
			showAvail = true
		case "ids":
			ids = true
		default:
			goto done
		}
		args = args[1:]
	}
done:
	if g.Comps.Empty() {
		return &ExitError{Code: 1, Err: errors.New("Error: " + pm.NoGroupDataError{}.Error())}
	}
	missing := false
	for _, p := range args {
		if len(g.Comps.GroupsByPattern(p))+len(g.Comps.EnvironmentsByPattern(p)) == 0 {
			fmt.Fprintf(e.stderr, "Warning: No groups match:\n   %s\n", p)
			missing = true
		}
	}
	if missing {
		return nil
	}
	envInst, envAvail, inst, avail := g.Lists(args, hidden)
	w := e.stdout
	name := func(s, id string) string {
		if s == "" {
			s = "<name-unset>"
		}
		if ids {
			s += " (" + id + ")"
		}
		return "   " + s
	}
	envs := func(head string, es []*comps.Environment) {
		if len(es) > 0 {
			fmt.Fprintln(w, head)
		}
		for _, x := range es {
			fmt.Fprintln(w, name(x.Name, x.ID))
		}
	}
	grps := func(head string, gs []*comps.Group, lang bool) {
		first := true
		for _, x := range gs {
			if (x.LangOnly != "") != lang {
				continue
			}
			if first {
				fmt.Fprintln(w, head)
				first = false
			}
			l := name(x.Name, x.ID)
			if x.LangOnly != "" {
				l += " [" + x.LangOnly + "]"
			}
			fmt.Fprintln(w, l)
		}
	}
	if !showInst {
		envs("Available Environment Groups:", envAvail)
	}
	if !showAvail {
		envs("Installed Environment Groups:", envInst)
		grps("Installed Groups:", inst, false)
		grps("Installed Language Groups:", inst, true)
	}
	if showInst {
		return nil
	}
	grps("Available Groups:", avail, false)
	grps("Available Language Groups:", avail, true)
	return nil
}

// groupInfo is `group info PATTERN`: the environments and groups it matches with their
// groups or packages by type.
func groupInfo(e *env, g *pm.Groups, pat string) {
	w := e.stdout
	found := false
	list := func(head string, names []string) {
		if len(names) == 0 {
			return
		}
		sortStrings(names)
		fmt.Fprintln(w, head)
		for _, n := range names {
			fmt.Fprintf(w, "   %s\n", n)
		}
	}
	for _, env := range g.Comps.EnvironmentsByPattern(pat) {
		found = true
		fmt.Fprintf(w, "Environment Group: %s\n", env.Name)
		if e.pm.verbose {
			fmt.Fprintf(w, " Environment-Id: %s\n", env.ID)
		}
		if env.Description != "" {
			fmt.Fprintf(w, " Description: %s\n", env.Description)
		}
		var mand, opt []string
		for _, x := range g.Comps.EnvGroups(env.Groups) {
			mand = append(mand, x.Name)
		}
		for _, x := range g.Comps.EnvGroups(env.Options) {
			opt = append(opt, x.Name)
		}
		list(" Mandatory Groups:", mand)
		list(" Optional Groups:", opt)
	}
	for _, gr := range g.Comps.GroupsByPattern(pat) {
		found = true
		fmt.Fprintf(w, "Group: %s\n", gr.Name)
		if e.pm.verbose {
			fmt.Fprintf(w, " Group-Id: %s\n", gr.ID)
		}
		if gr.Description != "" {
			fmt.Fprintf(w, " Description: %s\n", gr.Description)
		}
		if gr.LangOnly != "" {
			fmt.Fprintf(w, " Language: %s\n", gr.LangOnly)
		}
		for _, s := range []struct {
			head string
			t    comps.PkgType
		}{{" Mandatory Packages:", comps.Mandatory}, {" Default Packages:", comps.Default}, {" Optional Packages:", comps.Optional}, {" Conditional Packages:", comps.Conditional}} {
			var names []string
			for _, p := range gr.PackagesOf(s.t) {
				names = append(names, p.Name)
			}
			list(s.head, names)
		}
	}
	if !found {
		fmt.Fprintf(e.stderr, "Warning: Group %s does not exist.\n", pat)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// printCompsSections prints the group and environment sections of dnf's table.
func printCompsSections(w io.Writer, plan *pm.Plan, width int) {
	items := plan.Comps()
	for _, s := range []struct {
		head string
		env  bool
		act  history.Action
	}{{"Installing Environment Groups", true, history.Install}, {"Upgrading Environment Groups", true, history.Upgrade},
		{"Removing Environment Groups", true, history.Removed}, {"Installing Groups", false, history.Install},
		{"Upgrading Groups", false, history.Upgrade}, {"Removing Groups", false, history.Removed}} {
		seen := map[string]bool{}
		first := true
		for _, it := range items {
			if it.Action != s.act || (it.Env != nil) != s.env {
				continue
			}
			id, name := "", ""
			if it.Env != nil {
				id, name = it.Env.ID, it.Env.Name
			} else {
				id, name = it.Group.ID, it.Group.Name
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			if first {
				fmt.Fprintf(w, "%s:\n", s.head)
				first = false
			}
			fmt.Fprintf(w, " %-*s\n", width-2, name)
		}
	}
}

// groupSpecs separates install's and remove's @group arguments from the package specs.
func groupSpecs(args []string) (groups, specs []string) {
	for _, a := range args {
		if strings.HasPrefix(a, "@") && len(a) > 1 {
			groups = append(groups, a[1:])
		} else {
			specs = append(specs, a)
		}
	}
	return groups, specs
}
