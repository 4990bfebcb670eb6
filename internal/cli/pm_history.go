package cli

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

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
			h, err := history.Open(e.pm.installRoot, false)
			if err != nil {
				return err
			}
			defer h.Close()
			ts, err := h.List(e.ctx)
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
				return h.Get(e.ctx, id)
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
				tw := tabwriter.NewWriter(e.stdout, 0, 0, 1, ' ', 0)
				fmt.Fprintln(tw, "ID\t| Command line\t| Date and time\t| Action(s)\t| Altered")
				for _, t := range ts {
					fmt.Fprintf(tw, "%d\t| %s\t| %s\t| %s\t| %d\n", t.ID, t.Cmdline, t.Begin.Format("2006-01-02 15:04"), actions(t), len(t.Items))
				}
				return tw.Flush()
			case "info":
				t, err := pick()
				if err != nil {
					return &ExitError{Code: 1, Err: err}
				}
				fmt.Fprintf(e.stdout, "Transaction ID : %d\nBegin time     : %s\nEnd time       : %s\nReturn-Code    : %s\nReleasever     : %s\nCommand Line   : %s\nPackages Altered:\n",
					t.ID, t.Begin.Format(time.RFC1123), t.End.Format(time.RFC1123), rcWord(t.RC), t.Releasever, t.Cmdline)
				for _, it := range t.Items {
					fmt.Fprintf(e.stdout, "    %-11s %s @%s\n", it.Action, it.NEVRA, strings.TrimPrefix(it.Repo, "@"))
				}
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
				req := pm.Request{ExactRemove: true}
				switch sub {
				case "undo":
					req.Install, req.Remove = history.Inverse(t)
					req.Recorded = history.Recorded(t)
				case "redo":
					req.Install, req.Reinstall, req.Remove = history.Redo(t)
					req.AllowDowngrade = true
					req.Recorded = history.Recorded(t)
				case "rollback":
					req.Install, req.Remove = history.Rollback(ts, t.ID)
					req.Recorded = history.Recorded(later(ts, t.ID)...)
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
					return dnfError(err)
				}
				return dnfError(runPlan(cmd, e, &e.pm, b, plan))
			}
			return &ExitError{Code: 1, Err: fmt.Errorf("Error: unknown history command %q (list, info, undo, redo, rollback)", sub)}
		},
	}
	return c
}

func actions(t *history.Transaction) string {
	seen := map[history.Action]bool{}
	var out []string
	for _, it := range t.Items {
		a := it.Action
		switch a {
		case history.Upgraded, history.Downgraded, history.Reinstalled, history.Obsoleted:
			continue
		}
		if !seen[a] {
			seen[a] = true
			out = append(out, string(a))
		}
	}
	return strings.Join(out, ", ")
}

func rcWord(rc int) string {
	if rc == 0 {
		return "Success"
	}
	return "Failure: " + strconv.Itoa(rc)
}

// later are the transactions after id (those a rollback to id reverts).
func later(ts []*history.Transaction, id int64) []*history.Transaction {
	var out []*history.Transaction
	for _, t := range ts {
		if t.ID > id {
			out = append(out, t)
		}
	}
	return out
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
