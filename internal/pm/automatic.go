package pm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// AutomaticConf is the policy file of automatic updates, inside the root.
const AutomaticConf = "/etc/nimbus/automatic.conf"

// AutomaticStatusFile is the record of the last automatic run, inside the root.
const AutomaticStatusFile = "/var/lib/nimbus/automatic.json"

// AutomaticStatus is the record of the last run (AutomaticStatusFile).
type AutomaticStatus struct {
	Time          time.Time `json:"time"`
	Release       string    `json:"release"`         // the installed release
	FromRelease   string    `json:"from_release"`    // where fixes were taken from, when newer
	Command       []string  `json:"command"`         // what was run, as dnf options
	OK            bool      `json:"ok"`              //
	Error         string    `json:"error,omitempty"` //
	RebootNeeded  *bool     `json:"reboot_needed"`   // nil: needs-restarting unavailable
	RebootStarted bool      `json:"reboot_started"`
	// Fleet rollout and health.
	Seed        int        `json:"seed"`
	NextRelease string     `json:"next_release,omitempty"` // a release whose wave has not started here yet
	NextWave    *time.Time `json:"next_wave,omitempty"`
	Transaction int64      `json:"transaction,omitempty"` // the history id of what was applied
	Health      string     `json:"health,omitempty"`      // "ok" or why the check failed
	RolledBack  bool       `json:"rolled_back,omitempty"`
}

// AutomaticOptions is one automatic run: the package manager's configuration (root,
// dnf.conf, --setopt, --repofrompath) and the policy.
type AutomaticOptions struct {
	Config Config
	Policy release.Automatic
	// Args are the global options as given (--installroot, --config, --setopt,
	// --repofrompath), recorded in the status and the history's command line.
	Args []string
	// Now is the clock the rollout waves are decided at (default time.Now).
	Now func() time.Time
	// Getenv reads NIMBUS_BOOT_TIME and NIMBUS_IMDS_ENDPOINT (default os.Getenv).
	Getenv func(string) string
	// Logf receives the run's own lines; Out what the package manager says while it
	// upgrades (warnings, scriptlet output).
	Logf func(format string, a ...any)
	Out  io.Writer
}

// AutomaticResult is what one automatic run did.
type AutomaticResult struct {
	Status AutomaticStatus
	// Available are the upgrades found when the policy does not apply them.
	Available []PkgLine
	// Installed and Removed are the NEVRAs the upgrade changed (before any rollback).
	Installed, Removed []string
	// Advisories are the ids of the advisories whose packages the upgrade installed.
	Advisories []string
	// CoreUpdated are the core packages updated since boot (the reason for a reboot).
	CoreUpdated []string
	// Err is why the run failed (nil when Status.OK).
	Err error
}

// ReadAutomaticPolicy reads the root's automatic.conf, or confPath when set (the
// defaults when it is absent).
func ReadAutomaticPolicy(root, confPath string) (release.Automatic, error) {
	if confPath == "" {
		var err error
		if confPath, err = fsutil.InRoot(root, AutomaticConf); err != nil {
			return release.Automatic{}, err
		}
	}
	f, err := os.Open(confPath)
	if errors.Is(err, os.ErrNotExist) {
		return release.DefaultAutomatic(), nil
	}
	if err != nil {
		return release.Automatic{}, err
	}
	defer f.Close()
	return release.ParseAutomatic(f, confPath)
}

// Automatic is what nimbus-automatic-updates.service runs: apply (security) updates by the
// policy, from a newer release when the policy says so and this instance's rollout wave
// has started, check the system's health afterwards and roll the transaction back when it
// fails, tell whether a reboot is needed (and start it when the policy says so), and
// record the run in the root's AutomaticStatusFile. A failed run is a result with Err set;
// the error returned is for runs that could not start.
func Automatic(ctx context.Context, o AutomaticOptions) (*AutomaticResult, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Getenv == nil {
		o.Getenv = os.Getenv
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	root := rootOf(o.Config)
	pol, logf := o.Policy, o.Logf
	res := &AutomaticResult{}
	st := &res.Status
	st.Time = o.Now().UTC()
	releasever := ""
	if newer, cur, err := NewerReleases(ctx, o.Config); err != nil {
		logf("release index: %v (staying with the configured repositories)", err)
	} else {
		st.Release = cur
		for _, r := range newer {
			if r.IsRecalled() {
				logf("release %s was recalled (%s): not taking anything from it", r.Version, r.Recalled.Reason)
			}
		}
		seed := automaticSeed(ctx, o, root)
		st.Seed = seed
		chosen, next := release.Choose(newer, seed, o.Now())
		if next != nil {
			at := next.WaveStart(seed)
			st.NextRelease, st.NextWave = next.Version, &at
			logf("release %s: the rollout wave of this instance (seed %d) starts at %s: not taking it yet", next.Version, seed, at.UTC().Format(time.RFC3339))
		}
		if chosen != nil {
			latest := chosen.Version
			if pol.FromNewerReleases && pol.UpgradeType == "security" {
				releasever = latest
				st.FromRelease = latest
				logf("release %s is installed; taking security fixes from release %s (the system stays on %s; move with `dnf upgrade --releasever=%s`)", cur, latest, cur, latest)
			} else {
				logf("release %s is installed; newer release %s is available (not applied: move with `dnf upgrade --releasever=%s`)", cur, latest, latest)
			}
		}
	}
	before := lastTransaction(ctx, root)
	unitsBefore := activeUnits(ctx, root)
	st.Command = automaticCommand(pol, releasever, o.Args)
	logf("running: dnf %s", strings.Join(st.Command, " "))
	cfg := automaticConfig(o, releasever, strings.Join(st.Command, " "))
	runErr := automaticUpgrade(ctx, cfg, pol, res)
	if runErr != nil {
		runErr = fmt.Errorf("Error: %w", runErr) // as dnf words it: the status file keeps dnf's message
	}
	st.OK = runErr == nil
	switch {
	case !st.OK:
		st.Error = runErr.Error()
		logf("updates failed: %v", runErr)
	case !pol.ApplyUpdates && len(res.Available) > 0:
		logf("updates are available (apply_updates = no: nothing applied)")
	default:
		logf("upgrade finished")
	}
	if after := lastTransaction(ctx, root); st.OK && pol.ApplyUpdates && after > before {
		st.Transaction = after
		if herr := automaticHealth(ctx, pol, root, unitsBefore, logf); herr != nil {
			st.Health = herr.Error()
			logf("health check failed after transaction %d: %v: rolling it back", after, herr)
			undo := globalConfig(o, strings.Join(append([]string{"history", "undo", fmt.Sprint(after), "-y"}, o.Args...), " "))
			_, uerr := Undo(ctx, undo, after) // on the installed release's repositories
			st.OK = false
			if uerr != nil {
				st.Error = fmt.Sprintf("health check failed (%v) and rolling back transaction %d failed: %v", herr, after, uerr)
			} else {
				st.RolledBack = true
				st.Error = fmt.Sprintf("health check failed (%v): transaction %d rolled back", herr, after)
			}
			runErr = errors.New(st.Error)
			logf("%s", st.Error)
		} else {
			st.Health = "ok"
			logf("health check passed")
		}
	}
	rebootCheck(ctx, o, res, logf)
	if st.RebootNeeded != nil && *st.RebootNeeded && pol.Reboot == "when-needed" && root == "/" {
		logf("rebooting: %s", pol.RebootCommand)
		f := strings.Fields(pol.RebootCommand)
		if err := exec.CommandContext(ctx, f[0], f[1:]...).Run(); err != nil {
			logf("reboot command failed: %v", err)
		} else {
			st.RebootStarted = true
		}
	}
	if err := writeAutomaticStatus(root, st); err != nil {
		logf("%v", err)
	}
	res.Err = runErr
	return res, nil
}

// automaticCommand is the run as dnf's options, for the record.
func automaticCommand(pol release.Automatic, releasever string, global []string) []string {
	cmd := []string{"upgrade", "-y"}
	if !pol.ApplyUpdates {
		cmd = []string{"check-update"}
	}
	// A repository that cannot be loaded (a refused repomd.xml signature, a rollback)
	// means this run could not see the fixes it is for: the run fails even where dnf.conf
	// says skip_if_unavailable=True.
	cmd = append(cmd, "--setopt=*.skip_if_unavailable=False")
	if pol.UpgradeType == "security" {
		cmd = append(cmd, "--security")
	}
	if releasever != "" {
		cmd = append(cmd, "--releasever="+releasever)
	}
	return append(cmd, global...)
}

// automaticConfig is the configuration the upgrade runs with: globalConfig with
// skip_if_unavailable off and the release the fixes come from.
func automaticConfig(o AutomaticOptions, releasever, cmdline string) Config {
	c := globalConfig(o, cmdline)
	setopt := map[string]string{}
	for k, v := range c.Setopt {
		setopt[k] = v
	}
	setopt["*.skip_if_unavailable"] = "False"
	c.Setopt, c.Releasever = setopt, releasever
	return c
}

// globalConfig is the configuration of the run's steps (upgrade, rollback, reboot check):
// the root, dnf.conf, --setopt and --repofrompath of the run, no other option; the
// installed release's repositories.
func globalConfig(o AutomaticOptions, cmdline string) Config {
	c := o.Config
	return Config{
		Root: rootOf(c), ConfigFile: c.ConfigFile, Setopt: c.Setopt, RepoFromPath: c.RepoFromPath,
		Arch: c.Arch, Now: c.Now, Cmdline: cmdline,
		Log: o.Out, ScriptOutput: o.Out,
		ConfirmKey: func(k KeyImport) bool {
			fmt.Fprintf(o.Out, "Importing GPG key %s: %q %s\n", k.ShortID(), k.Key.UserID, k.Fingerprint)
			return true
		},
	}
}

// automaticUpgrade lists (apply_updates = no) or applies the upgrades the policy asks for.
func automaticUpgrade(ctx context.Context, cfg Config, pol release.Automatic, res *AutomaticResult) error {
	var f advisory.Filter
	if pol.UpgradeType == "security" {
		f.Types = []string{advisory.Security}
	}
	if err := CheckReleaseMove(ctx, cfg, false, false); err != nil {
		return err
	}
	if !pol.ApplyUpdates {
		cfg.NamesOnly = true
		b, err := Open(ctx, cfg, true)
		if err != nil {
			return err
		}
		res.Available, err = b.FilterUpgrades(b.Upgrades(nil), f)
		return err
	}
	if _, err := Recover(ctx, cfg); err != nil {
		return err
	}
	b, err := Open(ctx, cfg, true)
	if err != nil {
		return err
	}
	req := Request{UpgradeAll: true}
	if !f.Empty() {
		if req.Filter, err = b.AdvisoryFilter(f, false); err != nil {
			return err
		}
	}
	plan, err := b.Resolve(req)
	if err != nil {
		return err
	}
	if plan.Empty() {
		return nil
	}
	tr, err := plan.Run(ctx, nil)
	if err != nil {
		return err
	}
	res.Installed, res.Removed = tr.Installed, tr.Erased
	res.Advisories = b.advisoriesOf(tr.Installed)
	return nil
}

// advisoriesOf lists the advisories that name one of the NEVRAs.
func (b *Base) advisoriesOf(nevras []string) []string {
	us, err := b.Advisories()
	if err != nil {
		return nil
	}
	in := map[string]bool{}
	for _, n := range nevras {
		in[n] = true
	}
	var out []string
	for _, u := range us {
	pkgs:
		for _, c := range u.Collections {
			for _, p := range c.Packages {
				n := p.Name + "-" + p.Version + "-" + p.Release + "." + p.Arch
				if in[n] || (p.Epoch != "" && p.Epoch != "0" && in[p.Name+"-"+p.Epoch+":"+p.Version+"-"+p.Release+"."+p.Arch]) {
					out = append(out, u.ID)
					break pkgs
				}
			}
		}
	}
	return out
}

// rebootCheck asks needs-restarting -r's question after the run.
func rebootCheck(ctx context.Context, o AutomaticOptions, res *AutomaticResult, logf func(string, ...any)) {
	boot, err := BootTime(o.Getenv)
	if err != nil {
		logf("cannot tell whether a reboot is needed: needs-restarting: boot time: %v", err)
		return
	}
	names, err := NeedsReboot(ctx, globalConfig(o, ""), boot)
	if err != nil {
		logf("cannot tell whether a reboot is needed: needs-restarting: %v", err)
		return
	}
	need := len(names) > 0
	res.Status.RebootNeeded = &need
	res.CoreUpdated = names
	if need {
		logf("a reboot is needed to use the updates")
	} else {
		logf("no reboot needed")
	}
}

// ReadAutomaticStatus reads the record of the root's last automatic run.
func ReadAutomaticStatus(root string) (*AutomaticStatus, error) {
	p, err := fsutil.InRoot(root, AutomaticStatusFile)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var st AutomaticStatus
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return &st, nil
}

// writeAutomaticStatus records the run in the root.
func writeAutomaticStatus(root string, st *AutomaticStatus) error {
	data, _ := json.MarshalIndent(st, "", "  ")
	p, err := fsutil.InRoot(root, AutomaticStatusFile)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil
	}
	if err := fsutil.WriteFileAtomic(p, 0o644, func(f *os.File) error { _, err := f.Write(append(data, '\n')); return err }); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// lastTransaction is the id of the newest transaction in the root's history (0: none).
func lastTransaction(ctx context.Context, root string) int64 {
	ts, err := history.Log(ctx, root)
	if err != nil || len(ts) == 0 {
		return 0
	}
	return ts[0].ID
}

// Undo is `history undo ID -y`: the packages transaction id changed go back, exactly.
func Undo(ctx context.Context, cfg Config, id int64) (*txn.Result, error) {
	ts, err := history.Log(ctx, rootOf(cfg))
	if err != nil {
		return nil, err
	}
	t, err := history.Find(ts, id)
	if err != nil {
		return nil, err
	}
	req, err := HistoryRequest("undo", ts, t)
	if err != nil {
		return nil, err
	}
	if _, err := Recover(ctx, cfg); err != nil {
		return nil, err
	}
	b, err := Open(ctx, cfg, len(req.Install) > 0)
	if err != nil {
		return nil, err
	}
	plan, err := b.Resolve(req)
	if err != nil {
		return nil, ReplayFailed("undo", id, err)
	}
	if plan.Empty() {
		return &txn.Result{}, nil
	}
	return plan.Run(ctx, nil)
}
