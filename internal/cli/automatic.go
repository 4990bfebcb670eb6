package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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
}

// newAutomaticCmd is what nimbus-automatic-updates.service runs: apply (security)
// updates by the policy of /etc/nimbus/automatic.conf, log what was done and whether a
// reboot is needed.
func newAutomaticCmd(e *env) *cobra.Command {
	var confPath string
	c := &cobra.Command{
		Use:   "automatic [--config-file FILE]",
		Short: "Apply security updates by the policy of /etc/nimbus/automatic.conf (run by nimbus-automatic-updates.timer)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := e.pm.installRoot
			if root == "" {
				root = "/"
			}
			if confPath == "" {
				confPath = filepath.Join(root, AutomaticConf)
			}
			pol := release.DefaultAutomatic()
			if f, err := os.Open(confPath); err == nil {
				pol, err = release.ParseAutomatic(f, confPath)
				f.Close()
				if err != nil {
					return err
				}
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			logf := func(format string, a ...any) { fmt.Fprintf(e.stdout, "nimbus-automatic: "+format+"\n", a...) }
			st := automaticStatus{Time: time.Now().UTC()}
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
			if newer, cur, err := newerReleases(e, cfg); err != nil {
				logf("release index: %v (staying with the configured repositories)", err)
			} else {
				st.Release = cur
				if len(newer) > 0 {
					latest := newer[len(newer)-1].Version
					if pol.FromNewerReleases && pol.UpgradeType == "security" {
						releasever = latest
						st.FromRelease = latest
						logf("release %s is installed; taking security fixes from release %s (the system stays on %s; move with `dnf upgrade --releasever=%s`)", cur, latest, cur, latest)
					} else {
						logf("release %s is installed; newer release %s is available (not applied: move with `dnf upgrade --releasever=%s`)", cur, latest, latest)
					}
				}
			}
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
	return c
}

// relay copies captured output to stdout, each line prefixed.
func relay(e *env, b *bytes.Buffer) {
	sc := bufio.NewScanner(bytes.NewReader(b.Bytes()))
	for sc.Scan() {
		fmt.Fprintf(e.stdout, "nimbus-automatic:   %s\n", sc.Text())
	}
}
