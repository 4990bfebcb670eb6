package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

// pmCommands are dnf's commands; they are top-level under every personality.
func pmCommands(e *env) []*cobra.Command {
	var upAF, minAF advisoryFlags
	changes := []*cobra.Command{
		changeCmd(e, "install SPEC...", []string{"in", "localinstall"}, "Install packages and their dependencies", 1, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{Install: a} })),
		removeCmd(e),
		swapCmd(e),
		upAF.on(changeCmd(e, "upgrade [SPEC...]", []string{"update", "up", "upgrade-to", "update-to", "localupdate"}, "Upgrade packages (all when none is named)", 0, true,
			upgradeRequest(&upAF, false))),
		minAF.on(changeCmd(e, "upgrade-minimal [SPEC...]", []string{"update-minimal", "up-min"}, "Upgrade, but only to the versions advisories name (all packages when none is named)", 0, true,
			upgradeRequest(&minAF, true))),
		changeCmd(e, "downgrade SPEC...", []string{"dg"}, "Downgrade packages to the next lower available version", 1, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{Downgrade: a} })),
		changeCmd(e, "reinstall SPEC...", []string{"rei"}, "Reinstall installed packages from the repositories", 1, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{Reinstall: a} })),
		changeCmd(e, "autoremove", nil, "Remove packages installed as dependencies that nothing needs any more", 0, false,
			plainRequest(func(a []string) pm.Request { return pm.Request{Autoremove: true, Remove: a} })),
		changeCmd(e, "distro-sync [SPEC...]", []string{"dsync", "distrosync"}, "Synchronize installed packages to the versions in the repositories", 0, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{DistroSync: true, DistroSyncSpecs: a} })),
	}
	for _, f := range []struct {
		cmd  string
		form pm.NEVRAForm
	}{{"install-n", pm.FormName}, {"install-na", pm.FormNA}, {"install-nevra", pm.FormNEVRA}} {
		forms := []pm.NEVRAForm{f.form}
		changes = append(changes, changeCmd(e, f.cmd+" SPEC...", nil, "Install packages named in this form only ("+strings.TrimPrefix(f.cmd, "install-")+")", 1, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{Install: a, Forms: forms} })))
	}
	for _, f := range []struct {
		cmd  string
		form pm.NEVRAForm
	}{{"remove-n", pm.FormName}, {"remove-na", pm.FormNA}, {"remove-nevra", pm.FormNEVRA}} {
		forms := []pm.NEVRAForm{f.form}
		changes = append(changes, changeCmd(e, f.cmd+" SPEC...", nil, "Remove packages named in this form only ("+strings.TrimPrefix(f.cmd, "remove-")+")", 1, false,
			plainRequest(func(a []string) pm.Request { return pm.Request{Remove: a, Forms: forms} })))
	}
	for _, c := range changes {
		c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print the plan as JSON instead of the table; run it only with -y (beyond dnf)")
	}
	return append(append(changes, pmQueryCommands(e)...), append(groupCommands(e), newModuleCmd(e), newConfigManagerCmd(e), newDownloadCmd(e), newVersionlockCmd(e), newReposyncCmd(e), newRepoclosureCmd(e), newLeavesCmd(e), newRepomanageCmd(e), newChangelogCmd(e), newRepoPkgsCmd(e))...)
}

// dnfProblem is a depsolve error as dnf prints it ("Error: " and the problems, on
// stderr); RunEnv prints its hint on stdout after it, as dnf's cli_run logs it.
type dnfProblem struct{ pe *pm.ProblemError }

func (d *dnfProblem) Error() string { return "Error: " + d.pe.DNFText() }

// swapCmd is dnf's swap REMOVE_SPEC INSTALL_SPEC: one transaction that installs the one
// (a package, provide or RPM file) and removes the other, as install and remove would
// (swap.py runs both commands into one goal), e.g. AL2023's `dnf swap curl-minimal curl`.
func swapCmd(e *env) *cobra.Command {
	c := changeCmd(e, "swap REMOVE_SPEC INSTALL_SPEC", nil, "Remove one package and install another in one transaction", 2, true,
		plainRequest(func(a []string) pm.Request {
			r := pm.Request{Remove: a[:1], Swap: true}
			if len(a) > 1 { // else the install spec is an RPM file (InstallPkgs)
				r.Install = a[1:]
			}
			return r
		}))
	c.Args = func(cmd *cobra.Command, args []string) error {
		switch len(args) { // dnf's argparse, exit code 2
		case 0, 1:
			missing := "remove_spec, install_spec"
			if len(args) == 1 {
				missing = "install_spec"
			}
			return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s swap [-c [config file]] [-q] [-v] [--version] ... remove_spec install_spec\n%s swap: error: the following arguments are required: %s",
				cmd.Root().Name(), cmd.Root().Name(), missing)}
		case 2:
			return nil
		}
		return &ExitError{Code: 2, Err: fmt.Errorf("%s swap: error: unrecognized arguments: %s", cmd.Root().Name(), strings.Join(args[2:], " "))}
	}
	return c
}

// removeCmd is remove, with dnf's --duplicates and --oldinstallonly.
func removeCmd(e *env) *cobra.Command {
	var dups, oldIO bool
	c := changeCmdRepos(e, "remove [SPEC...]", []string{"erase", "rm"}, "Remove packages (and dependencies nothing else needs)", 0, func() bool { return dups },
		func(_ *pm.Base, a []string) (pm.Request, error) {
			if len(a) == 0 && !dups && !oldIO {
				return pm.Request{}, errors.New("remove needs at least one package to remove (or --duplicates, --oldinstallonly)")
			}
			return pm.Request{Remove: a, Duplicates: dups, OldInstallOnly: oldIO}, nil
		})
	c.Flags().BoolVar(&dups, "duplicates", false, "remove older versions of packages installed twice")
	c.Flags().BoolVar(&dups, "duplicated", false, "alias of --duplicates")
	c.Flags().BoolVar(&oldIO, "oldinstallonly", false, "remove all but the newest version of install-only packages")
	return c
}

// requestFunc turns a change command's arguments into the package manager's request; it
// sees the opened Base for what needs the repositories (advisory filters).
type requestFunc func(b *pm.Base, args []string) (pm.Request, error)

// plainRequest is a requestFunc that needs only the arguments.
func plainRequest(f func([]string) pm.Request) requestFunc {
	return func(_ *pm.Base, a []string) (pm.Request, error) { return f(a), nil }
}

// upgradeRequest is upgrade's (and upgrade-minimal's) request, limited by the advisory
// flags (--security, --advisory, --cve, --sec-severity, ...) when any is given.
func upgradeRequest(af *advisoryFlags, minimal bool) requestFunc {
	return func(b *pm.Base, a []string) (pm.Request, error) {
		r := pm.Request{Upgrade: a, UpgradeAll: len(a) == 0, Minimal: minimal}
		f, err := af.filter()
		if err != nil || f.Empty() {
			return r, err
		}
		r.Filter, err = b.AdvisoryFilter(f, minimal)
		return r, err
	}
}

// changeCmd builds a command that changes the system: resolve, show, confirm, run.
func changeCmd(e *env, use string, aliases []string, short string, minArgs int, withRepos bool, build requestFunc) *cobra.Command {
	return changeCmdRepos(e, use, aliases, short, minArgs, func() bool { return withRepos }, build)
}

// changeCmdRepos is changeCmd where the options decide whether the repositories are read.
func changeCmdRepos(e *env, use string, aliases []string, short string, minArgs int, withRepos func() bool, build requestFunc) *cobra.Command {
	return &cobra.Command{
		Use:     use,
		Aliases: aliases,
		Short:   short,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < minArgs { // dnf's argparse: exit code 2
				return &ExitError{Code: 2, Err: fmt.Errorf("usage: %s %s [options] PACKAGE...\n%s %s: error: the following arguments are required: PACKAGE",
					cmd.Root().Name(), cmd.Name(), cmd.Root().Name(), cmd.Name())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			defer pm.TuneHeap(pm.HeapMetadata)()
			defer phases.Report(e.stderr) // NIMBUS_PHASES=1: wall time per phase (docs/pm.md)
			doneCfg := phases.Start("start: configuration")
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			doneCfg()
			if err != nil {
				return err
			}
			cfg.VersionLock = true // the versionlock plugin's excludes: commands that resolve
			if moving := strings.HasPrefix(use, "upgrade") || strings.HasPrefix(use, "distro-sync"); moving {
				if err := pm.CheckReleaseMove(e.ctx, cfg, strings.HasPrefix(use, "distro-sync"), e.pm.allowRecalled); err != nil {
					return dnfError(err)
				}
			}
			doneRecover := phases.Start("start: recover check")
			_, err = pm.Recover(e.ctx, cfg)
			doneRecover()
			if err != nil {
				return dnfError(err)
			}
			// dnf's remove reads the repositories for @-arguments (modules are in their metadata)
			grpArg := false
			for _, a := range args {
				grpArg = grpArg || strings.HasPrefix(a, "@") && cmd.Name() == "remove"
			}
			base, err := pm.Open(e.ctx, cfg, withRepos() || grpArg)
			if err != nil {
				return dnfError(err)
			}
			// RPM files and URLs (install ./x.rpm, upgrade http://...): the @commandline
			// packages, as dnf's option parser separates them from the specs.
			var files, specs []string
			takesFiles := map[string]bool{"install": true, "upgrade": true, "downgrade": true, "reinstall": true, "swap": true}[cmd.Name()]
			for i, a := range args {
				if takesFiles && pm.IsRPMArg(a) && (cmd.Name() != "swap" || i == 1) { // swap: its install spec
					files = append(files, a)
				} else {
					specs = append(specs, a)
				}
			}
			if needsRepo := takesFiles || cmd.Name() == "distro-sync" || strings.HasPrefix(cmd.Name(), "install-"); needsRepo && len(files) == 0 && withRepos() {
				if err := base.NoEnabledRepos(); err != nil {
					return dnfError(err)
				}
			}
			local, err := base.AddRPMFiles(e.ctx, files)
			if err != nil {
				return dnfError(err)
			}
			var grps []string // @group and @environment arguments (pm_group.go)
			if cmd.Name() == "install" || cmd.Name() == "remove" {
				grps, specs = groupSpecs(specs)
			}
			req := pm.Request{}
			if len(grps) == 0 || len(specs) > 0 {
				if req, err = build(base, specs); err != nil {
					return dnfError(err)
				}
			}
			if len(files) > 0 {
				req.InstallPkgs = local
				req.AllowDowngrade = req.AllowDowngrade || cmd.Name() == "downgrade"
				req.ReinstallFiles = cmd.Name() == "reinstall"
				if len(specs) == 0 {
					req.UpgradeAll = false
				}
			}
			// @module:stream/profile: dnf tries a module before a group (pm_module.go)
			var modPkgs []string
			if grps, modPkgs, err = moduleArgs(e, base, cmd.Name(), grps, &req); err != nil {
				return err
			}
			var plan *pm.Plan
			switch {
			case len(grps) > 0 && cmd.Name() == "install":
				plan, err = base.ResolveGroups(e.ctx, pm.GroupRequest{Install: grps}, req)
				err = groupErr(err)
			case len(grps) > 0:
				plan, err = base.ResolveGroups(e.ctx, pm.GroupRequest{Remove: grps}, req)
				err = groupErr(err)
			default:
				plan, err = base.Resolve(req)
			}
			var nm *pm.NoMatchError
			if errors.As(err, &nm) && !e.pm.asJSON {
				for _, s := range nm.Specs {
					fmt.Fprintln(e.stdout, pm.NoMatchWords(s, nm.Filtered)) // dnf's logger.info: stdout
				}
				return &ExitError{Code: 1, Err: fmt.Errorf("Error: %s", nm.Error())}
			}
			if err != nil {
				return dnfError(err)
			}
			plan.MarkModulePackages(modPkgs)
			if err := runPlan(cmd, e, &e.pm, base, plan); err != nil {
				return dnfError(err)
			}
			return dnfError(base.CommitModules()) // module states of a transaction with nothing to do
		},
	}
}

// dnfError words an error the way dnf does ("Error: ...") and keeps exit code 1.
func dnfError(err error) error {
	if err == nil {
		return nil
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return err
	}
	var ce *pm.ConfigError
	if errors.As(err, &ce) {
		return &ExitError{Code: 1, Err: ce}
	}
	var pe *pm.ProblemError
	if errors.As(err, &pe) {
		return &ExitError{Code: 1, Err: &dnfProblem{pe}}
	}
	var nm *pm.NoMatchError
	if errors.As(err, &nm) {
		msg := ""
		for _, s := range nm.Specs {
			msg += pm.NoMatchWords(s, nm.Filtered) + "\n"
		}
		return &ExitError{Code: 1, Err: fmt.Errorf("%sError: %s", msg, nm.Error())}
	}
	return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
}
