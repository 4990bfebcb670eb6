package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/release"
)

// AutomaticConf is the policy file of automatic updates, inside the root.
const AutomaticConf = "/etc/nimbus/automatic.conf"

// automaticStatus is the record of the last run (/var/lib/nimbus/automatic.json).
type automaticStatus struct {
	Time          time.Time `json:"time"`
	Release       string    `json:"release"`         // the installed release
	FromRelease   string    `json:"from_release"`    // where fixes were taken from, when newer
	Command       []string  `json:"command"`         // what was run
	OK            bool      `json:"ok"`              //
	Error         string    `json:"error,omitempty"` //
	RebootNeeded  *bool     `json:"reboot_needed"`   // nil: needs-restarting unavailable
	RebootStarted bool      `json:"reboot_started"`
	// Fleet rollout and health (automatic_fleet.go).
	Seed        int        `json:"seed"`
	NextRelease string     `json:"next_release,omitempty"` // a release whose wave has not started here yet
	NextWave    *time.Time `json:"next_wave,omitempty"`
	Transaction int64      `json:"transaction,omitempty"` // the history id of what was applied
	Health      string     `json:"health,omitempty"`      // "ok" or why the check failed
	RolledBack  bool       `json:"rolled_back,omitempty"`
}

// newAutomaticCmd is what nimbus-automatic-updates.service runs: apply (security)
// updates by the policy of /etc/nimbus/automatic.conf, log what was done and whether a
// reboot is needed.
func newAutomaticCmd(e *env) *cobra.Command {
	var confPath, automaticNow string
	c := &cobra.Command{
		Use:   "automatic [--config-file FILE]",
		Short: "Apply security updates by the policy of /etc/nimbus/automatic.conf (run by nimbus-automatic-updates.timer)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := e.pm.installRoot
			if root == "" {
				root = "/"
			}
			pol, err := automaticPolicy(root, confPath)
			if err != nil {
				return err
			}
			logf := func(format string, a ...any) { fmt.Fprintf(e.stdout, "nimbus-automatic: "+format+"\n", a...) }
			st := automaticStatus{}
			global := []string{"--installroot", root}
			if e.pm.config != "" {
				global = append(global, "--config", e.pm.config)
			}
			for _, s := range e.pm.setopt {
				global = append(global, "--setopt", s)
			}
			for _, s := range e.pm.repoFromPath {
				global = append(global, "--repofrompath", s)
			}
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			releasever := ""
			now := time.Now
			if automaticNow != "" {
				t, err := time.Parse(time.RFC3339, automaticNow)
				if err != nil {
					return fmt.Errorf("--now %q: want an RFC 3339 time: %w", automaticNow, err)
				}
				now = func() time.Time { return t }
			}
			st.Time = now().UTC()
			if newer, cur, err := newerReleases(e, cfg); err != nil {
				logf("release index: %v (staying with the configured repositories)", err)
			} else {
				st.Release = cur
				for _, r := range newer {
					if r.IsRecalled() {
						logf("release %s was recalled (%s): not taking anything from it", r.Version, r.Recalled.Reason)
					}
				}
				seed := automaticSeed(e, pol, root, logf)
				st.Seed = seed
				chosen, next := release.Choose(newer, seed, now())
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
			before := lastTransaction(e, root)
			unitsBefore := activeUnits(e.ctx, root)
			argv := []string{"nimbus", "upgrade", "-y"}
			if !pol.ApplyUpdates {
				argv = []string{"nimbus", "check-update"}
			}
			// A repository that cannot be loaded (a refused repomd.xml signature, a
			// rollback) means this run could not see the fixes it is for: the run fails
			// even where dnf.conf says skip_if_unavailable=True.
			argv = append(argv, "--setopt=*.skip_if_unavailable=False")
			if pol.UpgradeType == "security" {
				argv = append(argv, "--security")
			}
			if releasever != "" {
				argv = append(argv, "--releasever="+releasever)
			}
			argv = append(argv, global...)
			st.Command = argv[1:]
			logf("running: dnf %s", strings.Join(argv[1:], " "))
			var out bytes.Buffer
			runErr := RunEnv(e.ctx, argv, strings.NewReader(""), &out, &out, e.getenv)
			relay(e, &out)
			code := ExitCode(runErr)
			st.OK = runErr == nil || (!pol.ApplyUpdates && code == 100)
			if !st.OK {
				st.Error = runErr.Error()
				logf("updates failed: %v", runErr)
			} else if !pol.ApplyUpdates && code == 100 {
				logf("updates are available (apply_updates = no: nothing applied)")
			} else {
				logf("upgrade finished")
			}
			if after := lastTransaction(e, root); st.OK && pol.ApplyUpdates && after > before {
				st.Transaction = after
				if herr := automaticHealth(e, pol, root, unitsBefore, logf); herr != nil {
					st.Health = herr.Error()
					logf("health check failed after transaction %d: %v: rolling it back", after, herr)
					out.Reset()
					uerr := RunEnv(e.ctx, append([]string{"nimbus", "history", "undo", fmt.Sprint(after), "-y"}, global...), strings.NewReader(""), &out, &out, e.getenv)
					relay(e, &out)
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
			out.Reset()
			nr := RunEnv(e.ctx, append([]string{"nimbus", "needs-restarting", "-r"}, global...), strings.NewReader(""), &out, &out, e.getenv)
			switch c := ExitCode(nr); {
			case nr == nil:
				f := false
				st.RebootNeeded = &f
				logf("no reboot needed")
			case c == 1 && strings.Contains(out.String(), "Reboot is required"):
				t := true
				st.RebootNeeded = &t
				relay(e, &out)
				logf("a reboot is needed to use the updates")
			default:
				logf("cannot tell whether a reboot is needed: needs-restarting: %v", nr)
			}
			if st.RebootNeeded != nil && *st.RebootNeeded && pol.Reboot == "when-needed" && root == "/" {
				logf("rebooting: %s", pol.RebootCommand)
				f := strings.Fields(pol.RebootCommand)
				if err := exec.CommandContext(e.ctx, f[0], f[1:]...).Run(); err != nil {
					logf("reboot command failed: %v", err)
				} else {
					st.RebootStarted = true
				}
			}
			data, _ := json.MarshalIndent(st, "", "  ")
			p := filepath.Join(root, "var/lib/nimbus/automatic.json")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				if err := fsutil.WriteFileAtomic(p, 0o644, func(f *os.File) error { _, err := f.Write(append(data, '\n')); return err }); err != nil {
					logf("writing %s: %v", p, err)
				}
			}
			if !st.OK {
				return &ExitError{Code: 1, Err: runErr}
			}
			return nil
		},
	}
	c.Flags().StringVar(&confPath, "config-file", "", "policy file (default "+AutomaticConf+" in the root)")
	c.Flags().StringVar(&automaticNow, "now", "", "the time to decide rollout waves at (RFC 3339; for fleet simulations)")
	c.Flags().MarkHidden("now")
	return c
}

// relay copies captured output to stdout, each line prefixed.
func relay(e *env, b *bytes.Buffer) {
	sc := bufio.NewScanner(bytes.NewReader(b.Bytes()))
	for sc.Scan() {
		fmt.Fprintf(e.stdout, "nimbus-automatic:   %s\n", sc.Text())
	}
}
