package cli

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/pm"
)

// newAutomaticCmd is what nimbus-automatic-updates.service runs: apply (security)
// updates by the policy of /etc/nimbus/automatic.conf (pm.Automatic), log what was done
// and whether a reboot is needed.
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
			pol, err := pm.ReadAutomaticPolicy(root, confPath)
			if err != nil {
				return err
			}
			cfg, err := e.pm.pmConfig(e, e.cmdline)
			if err != nil {
				return err
			}
			o := pm.AutomaticOptions{Config: cfg, Policy: pol, Getenv: e.getenv,
				Logf: func(format string, a ...any) { fmt.Fprintf(e.stdout, "nimbus-automatic: "+format+"\n", a...) },
				Out:  &prefixWriter{w: e.stdout, prefix: "nimbus-automatic:   "}}
			o.Config.Root = root
			o.Args = []string{"--installroot", root}
			if e.pm.config != "" {
				o.Args = append(o.Args, "--config", e.pm.config)
			}
			for _, s := range e.pm.setopt {
				o.Args = append(o.Args, "--setopt", s)
			}
			for _, s := range e.pm.repoFromPath {
				o.Args = append(o.Args, "--repofrompath", s)
			}
			if automaticNow != "" {
				t, err := time.Parse(time.RFC3339, automaticNow)
				if err != nil {
					return fmt.Errorf("--now %q: want an RFC 3339 time: %w", automaticNow, err)
				}
				o.Now = func() time.Time { return t }
			}
			res, err := pm.Automatic(e.ctx, o)
			if err != nil {
				return err
			}
			printAutomatic(o.Out, res)
			if res.Err != nil {
				return &ExitError{Code: 1, Err: res.Err}
			}
			return nil
		},
	}
	c.Flags().StringVar(&confPath, "config-file", "", "policy file (default "+pm.AutomaticConf+" in the root)")
	c.Flags().StringVar(&automaticNow, "now", "", "the time to decide rollout waves at (RFC 3339; for fleet simulations)")
	c.Flags().MarkHidden("now")
	return c
}

// printAutomatic shows what an automatic run changed or found, in dnf's words.
func printAutomatic(w io.Writer, res *pm.AutomaticResult) {
	if len(res.Available) > 0 {
		printPkgLines(w, res.Available, listColumns(w, res.Available))
	}
	if len(res.Installed)+len(res.Removed) > 0 {
		printChanged(w, res.Installed, res.Removed)
	}
	for _, a := range res.Advisories {
		fmt.Fprintf(w, "Advisory applied: %s\n", a)
	}
	if len(res.CoreUpdated) > 0 {
		fmt.Fprintln(w, "Core libraries or services have been updated since boot-up:")
		for _, n := range res.CoreUpdated {
			fmt.Fprintf(w, "  * %s\n", n)
		}
		fmt.Fprintln(w, "Reboot is required to fully utilize these updates.")
	}
}

// prefixWriter writes each line with a prefix (the package manager's output inside
// automatic's log).
type prefixWriter struct {
	w      io.Writer
	prefix string
	buf    bytes.Buffer
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.buf.Write(b)
	for {
		line, err := p.buf.ReadBytes('\n')
		if err != nil {
			p.buf.Write(line) // an unfinished line waits for its end
			return len(b), nil
		}
		if _, err := fmt.Fprintf(p.w, "%s%s", p.prefix, line); err != nil {
			return len(b), err
		}
	}
}

// printChanged lists the NEVRAs an automatic run installed and removed.
func printChanged(w io.Writer, installed, removed []string) {
	for _, s := range []struct {
		title  string
		nevras []string
	}{{"Installed", installed}, {"Removed", removed}} {
		if len(s.nevras) > 0 {
			fmt.Fprintf(w, "\n%s:\n", s.title)
			for _, n := range s.nevras {
				fmt.Fprintf(w, "  %s\n", n)
			}
		}
	}
	fmt.Fprintln(w)
}
