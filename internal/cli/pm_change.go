package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// pmCommands are dnf's commands; they are top-level under every personality.
func pmCommands(e *env) []*cobra.Command {
	var upAF, minAF advisoryFlags
	changes := []*cobra.Command{
		changeCmd(e, "install SPEC...", []string{"in"}, "Install packages and their dependencies", 1, true,
			plainRequest(func(a []string) pm.Request { return pm.Request{Install: a} })),
		changeCmd(e, "remove SPEC...", []string{"erase", "rm"}, "Remove packages (and dependencies nothing else needs)", 1, false,
			plainRequest(func(a []string) pm.Request { return pm.Request{Remove: a} })),
		upAF.on(changeCmd(e, "upgrade [SPEC...]", []string{"update", "up"}, "Upgrade packages (all when none is named)", 0, true,
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
			plainRequest(func(a []string) pm.Request { return pm.Request{DistroSync: true} })),
	}
	for _, c := range changes {
		c.Flags().BoolVar(&e.pm.asJSON, "json", false, "print the plan as JSON instead of the table; run it only with -y (beyond dnf)")
	}
	return append(changes, pmQueryCommands(e)...)
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
	return &cobra.Command{
		Use:     use,
		Aliases: aliases,
		Short:   short,
		Args:    cobra.MinimumNArgs(minArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			if moving := strings.HasPrefix(use, "upgrade") || strings.HasPrefix(use, "distro-sync"); moving {
				if err := checkReleaseMove(e, strings.HasPrefix(use, "distro-sync")); err != nil {
					return dnfError(err)
				}
			}
			if _, err := pm.Recover(e.ctx, cfg); err != nil {
				return dnfError(err)
			}
			base, err := pm.Open(e.ctx, cfg, withRepos)
			if err != nil {
				return dnfError(err)
			}
			req, err := build(base, args)
			if err != nil {
				return dnfError(err)
			}
			plan, err := base.Resolve(req)
			if err != nil {
				return dnfError(err)
			}
			return dnfError(runPlan(cmd, e, &e.pm, base, plan))
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
	var nm *pm.NoMatchError
	if errors.As(err, &nm) {
		msg := ""
		for _, s := range nm.Specs {
			msg += fmt.Sprintf("No match for argument: %s\n", s)
		}
		return &ExitError{Code: 1, Err: fmt.Errorf("%sError: %s", msg, nm.Error())}
	}
	return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
}
