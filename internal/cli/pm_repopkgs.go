package cli

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// repoPkgsSubcommands are dnf 4.14's repository-packages subcommands and aliases, in the
// order its argparse error lists them.
var repoPkgsSubcommands = []string{"move-to", "install", "check-update", "remove-or-distro-sync", "remove", "reinstall-old", "upgrade", "upgrade-to", "list", "info", "remove-or-reinstall", "reinstall"}

// repoPkgsNarrows are the list/info narrows a first PACKAGE word may name (dnf's
// PkgNarrowCallback), and the options that name them.
var repoPkgsNarrows = []string{"all", "installed", "available", "autoremove", "extras", "obsoletes", "recent", "upgrades"}

// newRepoPkgsCmd is dnf's `repository-packages REPOID SUBCOMMAND [PACKAGE...]`
// (RepoPkgsCommand): the commands on the packages of one repository, those it offers or
// those installed from it (pm/repopkgs.go).
func newRepoPkgsCmd(e *env) *cobra.Command {
	narrow := map[string]*bool{}
	c := &cobra.Command{
		Use:     "repository-packages REPOID SUBCOMMAND [PACKAGE...]",
		Aliases: []string{"repo-pkgs", "repo-packages", "repository-pkgs"},
		Short:   "Run commands on top of all packages in given repository",
		Long: `Run commands on top of all packages in given repository: list, info, check-update,
install, upgrade (upgrade-to), remove, reinstall, reinstall-old, move-to,
remove-or-reinstall, remove-or-distro-sync, as dnf's repository-packages.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			prog := cmd.Root().Name()
			usage := fmt.Sprintf("usage: %s repository-packages [options] REPOID SUBCOMMAND [PACKAGE ...]\n%s repository-packages: error: ", prog, prog)
			switch {
			case len(args) == 0:
				return &ExitError{Code: 2, Err: fmt.Errorf("%sthe following arguments are required: REPOID, SUBCOMMAND", usage)}
			case len(args) == 1:
				return &ExitError{Code: 2, Err: fmt.Errorf("%sthe following arguments are required: SUBCOMMAND", usage)}
			case !slices.Contains(repoPkgsSubcommands, args[1]):
				quoted := ""
				for i, s := range repoPkgsSubcommands {
					if i > 0 {
						quoted += ", "
					}
					quoted += "'" + s + "'"
				}
				return &ExitError{Code: 2, Err: fmt.Errorf("%sargument SUBCOMMAND: invalid choice: '%s' (choose from %s)", usage, args[1], quoted)}
			}
			repo, sub, specs := args[0], args[1], args[2:]
			// the REPOID argument enables the repository (dnf's _RepoCallbackEnable)
			e.pm.repoOps = append(e.pm.repoOps, pm.RepoOp{Pattern: repo, Enable: true})
			switch sub {
			case "list", "info", "check-update":
				e.pm.repoScope = repo
				var inner *cobra.Command
				switch sub {
				case "list":
					inner = newListCmd(e)
				case "info":
					inner = newInfoCmd(e)
				default:
					inner = newCheckUpdateCmd(e)
				}
				for n, on := range narrow {
					if *on && inner.Flags().Lookup(n) != nil {
						inner.Flags().Set(n, "true")
					}
				}
				if sub == "info" && len(specs) > 0 && (specs[0] == "installed" || specs[0] == "available") {
					inner.Flags().Set(specs[0], "true")
					specs = specs[1:]
				}
				inner.SetContext(cmd.Context())
				return inner.RunE(inner, specs)
			}
			return repoPkgsChange(cmd, e, repo, sub, specs)
		},
	}
	for _, n := range []string{"all", "available", "installed", "extras", "updates", "upgrades", "autoremove", "recent"} {
		narrow[n] = new(bool)
		c.Flags().BoolVar(narrow[n], n, false, "for list and info: show only "+n+" packages")
	}
	return c
}

// repoPkgsChange runs the subcommands that change the system: the subcommand's request
// (pm.Base.RepoPkgs*), dnf's messages, its error when nothing was marked, then the
// transaction as every change command runs it.
func repoPkgsChange(cmd *cobra.Command, e *env, repo, sub string, specs []string) error {
	cfg, err := e.pm.pmConfig(e, e.cmdline)
	if err != nil {
		return err
	}
	if _, err := pm.Recover(e.ctx, cfg); err != nil {
		return dnfError(err)
	}
	cfg.VersionLock = true
	cfg.AllowErasing = cfg.AllowErasing || sub == "remove" // dnf's demands.allow_erasing of remove
	b, err := pm.Open(e.ctx, cfg, sub != "remove")
	if err != nil {
		return dnfError(err)
	}
	var r *pm.RepoPkgs
	notDone := "Nothing to do."
	switch sub {
	case "install":
		r, notDone = b.RepoPkgsInstall(repo, specs), "No packages marked for install."
	case "upgrade", "upgrade-to":
		r, notDone = b.RepoPkgsUpgrade(repo, specs), "No packages marked for upgrade."
	case "remove":
		r = b.RepoPkgsRemove(repo, specs)
	case "reinstall-old":
		r = b.RepoPkgsReinstall(repo, specs, true)
	case "move-to":
		r = b.RepoPkgsReinstall(repo, specs, false)
	case "reinstall": // reinstall-old, and move-to when that marked nothing
		r = b.RepoPkgsReinstall(repo, specs, true)
		if !r.Done {
			m := b.RepoPkgsReinstall(repo, specs, false)
			m.Msgs = append(r.Msgs, m.Msgs...)
			r = m
		}
		notDone = "No packages marked for reinstall."
	case "remove-or-reinstall":
		r = b.RepoPkgsRemoveOrReinstall(repo, specs)
	case "remove-or-distro-sync":
		r = b.RepoPkgsRemoveOrDistroSync(repo, specs)
	}
	for _, m := range r.Msgs {
		fmt.Fprintln(e.stdout, m) // dnf's logger.info
	}
	if !r.Done {
		if sub != "remove" {
			return &ExitError{Code: 1, Err: fmt.Errorf("Error: %s", notDone)}
		}
		fmt.Fprintln(e.stderr, "No packages marked for removal.") // a warning, and dnf goes on
	}
	plan, err := b.Resolve(r.Req)
	if err != nil {
		return dnfError(err)
	}
	return dnfError(runPlan(cmd, e, &e.pm, b, plan))
}
