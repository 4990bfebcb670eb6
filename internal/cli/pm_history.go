package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

func newHistoryCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "history [list|info ID|undo ID|redo ID|rollback ID|userinstalled]",
		Short: "Show, undo, redo and roll back past transactions",
		RunE: func(cmd *cobra.Command, args []string) error {
			sub := "list"
			if len(args) > 0 {
				sub = args[0]
			}
			ts, err := history.Log(e.ctx, e.pm.installRoot)
			if err != nil {
				return err
			}
			pick := func() (*history.Transaction, error) {
				if len(args) < 2 || args[1] == "last" {
					if len(ts) == 0 {
						return nil, fmt.Errorf("Error: the history is empty")
					}
					return ts[0], nil
				}
				id, err := strconv.ParseInt(args[1], 10, 64)
				if err != nil {
					return nil, fmt.Errorf("Error: transaction id %q is not a number", args[1])
				}
				return history.Find(ts, id)
			}
			var pkgs []string // history [list] PACKAGE...: dnf reads an unknown word as a package
			switch sub {
			case "list", "info", "userinstalled", "undo", "redo", "rollback":
				if sub == "list" && len(args) > 1 {
					pkgs = args[1:]
				}
			default:
				sub, pkgs = "list", args
			}
			switch sub {
			case "list":
				if len(pkgs) > 0 {
					var keep []*history.Transaction
					for _, p := range pkgs {
						n := 0
						for _, t := range ts {
							if history.Touches(t, p) {
								n++
								keep = appendTxn(keep, t)
							}
						}
						if n == 0 {
							fmt.Fprintf(e.stdout, "No transaction which manipulates package '%s' was found.\n", p)
						}
					}
					if len(keep) == 0 {
						return nil
					}
					ts = keep
				}
				history.MarkAltered(ts)
				// dnf 4.14's historyListCmd, its command line column 24 wide as when its
				// output is not a terminal.
				fmt.Fprintf(e.stdout, "%s | %s | %s | %s | %s\n", fillWidth("ID", 6), fillWidth("Command line", 24),
					fillWidth("Date and time", 16), fillWidth("Action(s)", 14), fillWidth("Altered", 7))
				fmt.Fprintln(e.stdout, strings.Repeat("-", 6+3+24+3+16+3+14+3+7))
				for _, t := range ts {
					n, acts := history.Actions(t)
					fmt.Fprintf(e.stdout, "%6d | %s | %-16.16s | %s | %4d %s\n", t.ID, fillWidth(t.Cmdline, 24),
						t.Begin.Format("2006-01-02 15:04"), fillWidth(acts, 14), n, history.Marks(t))
				}
				return nil
			case "info":
				t, err := pick()
				if err != nil {
					return &ExitError{Code: 1, Err: err}
				}
				printHistoryInfo(e.stdout, t)
				return nil
			case "userinstalled":
				b, err := openBase(e, false)
				if err != nil {
					return err
				}
				l := b.UserInstalled()
				if len(l) == 0 {
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: No packages to list")}
				}
				for _, n := range l {
					fmt.Fprintln(e.stdout, n)
				}
				return nil
			case "undo", "redo", "rollback":
				t, err := pick()
				if err != nil {
					return &ExitError{Code: 1, Err: err}
				}
				req, err := pm.HistoryRequest(sub, ts, t)
				if err != nil {
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: %w", err)}
				}
				cfg, err := e.pm.pmConfig(e, e.cmdline)
				if err != nil {
					return err
				}
				if _, err := pm.Recover(e.ctx, cfg); err != nil {
					return dnfError(err)
				}
				b, err := openBase(e, len(req.Install)+len(req.Reinstall) > 0)
				if err != nil {
					return err
				}
				plan, err := b.Resolve(req)
				if err != nil {
					return dnfError(pm.ReplayFailed(sub, t.ID, err))
				}
				return dnfError(runPlan(cmd, e, &e.pm, b, plan))
			}
			return &ExitError{Code: 1, Err: fmt.Errorf("Error: unknown history command %q (list, info, undo, redo, rollback)", sub)}
		},
	}
	return c
}

func rcWord(rc int) string {
	if rc == 0 {
		return "Success"
	}
	return "Failure: " + strconv.Itoa(rc)
}

// appendTxn adds t to ts unless it is there, keeping the list newest first.
func appendTxn(ts []*history.Transaction, t *history.Transaction) []*history.Transaction {
	for _, x := range ts {
		if x.ID == t.ID {
			return ts
		}
	}
	ts = append(ts, t)
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID > ts[j].ID })
	return ts
}

// fillWidth cuts or pads s to exactly n characters (dnf's fill_exact_width).
func fillWidth(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s + strings.Repeat(" ", n-len(r))
}
