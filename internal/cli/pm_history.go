package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/comps"
	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/pm"
)

// historyCmds are dnf 4.14's history commands (HistoryCommand._CMDS); any other first
// word is a transaction of `list`.
var historyCmds = []string{"list", "info", "redo", "replay", "rollback", "store", "undo", "userinstalled"}

// silentErr is dnf's CliError without a message: what was wrong is already printed.
func silentErr() error { return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("history")} }

func newHistoryCmd(e *env) *cobra.Command {
	var reverse bool
	var output string
	var rf replayFlags
	c := &cobra.Command{
		Use:   "history [list|info|undo|redo|replay|rollback|store|userinstalled] [TRANSACTION...|FILE]",
		Short: "Show, undo, redo and roll back past transactions",
		Long: `Show, undo, redo and roll back past transactions.

A TRANSACTION is an id, "last", "last-N", a range ID..ID, or a package name (the
transactions that changed it), as dnf reads them.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			sub, trans := "list", args
			if len(args) > 0 && slices.Contains(historyCmds, args[0]) {
				sub, trans = args[0], args[1:]
			}
			one := fmt.Sprintf("Found more than one transaction ID.\n'%s' requires one transaction ID or package name.", sub)
			switch sub {
			case "replay":
				return historyReplay(cmd, e, trans, rf)
			case "store":
				if len(trans) == 0 {
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: No transaction ID or package name given.")}
				}
			case "undo", "redo", "rollback":
				if len(trans) == 0 {
					fmt.Fprintln(e.stderr, "No transaction ID or package name given.")
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: No transaction ID or package name given.")}
				}
				if len(trans) > 1 {
					fmt.Fprintln(e.stderr, one)
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: %s", one)}
				}
			}
			ts, err := history.Log(e.ctx, e.pm.installRoot)
			if err != nil {
				return err
			}
			requireOne := slices.Contains([]string{"store", "undo", "redo", "rollback"}, sub)
			tids, ranged, err := historyIDs(e, ts, trans, requireOne, one)
			if err != nil {
				return err
			}
			pick := func() (*history.Transaction, error) {
				// dnf's _history_get_transaction
				if len(tids) == 0 {
					return nil, &ExitError{Code: 1, Err: fmt.Errorf("Error: No transaction ID given")}
				}
				old := historyOld(ts, tids)
				if len(old) == 0 {
					return nil, &ExitError{Code: 1, Err: fmt.Errorf("Error: Transaction ID \"%d\" not found.", tids[0])}
				}
				if len(old) > 1 {
					return nil, &ExitError{Code: 1, Err: fmt.Errorf("Error: Found more than one transaction ID!")}
				}
				return old[0], nil
			}
			switch sub {
			case "list":
				if len(tids) == 0 && len(trans) > 0 {
					return nil
				}
				if len(tids) > 0 {
					ts = historyOld(ts, tids)
				}
				history.MarkAltered(ts)
				if reverse {
					slices.Reverse(ts)
				}
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
				if len(tids) == 0 && len(trans) > 0 {
					return nil
				}
				if len(ts) == 0 {
					fmt.Fprintln(e.stderr, "No transactions")
					return &ExitError{Code: 1, Err: fmt.Errorf("Error: Failed history info")}
				}
				show := ts[:1] // the last transaction
				if len(tids) > 0 {
					show = historyOld(ts, tids)
				}
				if ranged {
					fmt.Fprintln(e.stderr, "Note: nimbus shows the transactions of a range one by one, where dnf merges them into one report")
				}
				for i, t := range show {
					if i > 0 {
						fmt.Fprintln(e.stdout, strings.Repeat("-", 79))
					}
					printHistoryInfo(e.stdout, t)
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
				fmt.Fprintln(e.stdout, "Packages installed by user") // dnf's listPkgs header
				for _, n := range l {
					fmt.Fprintln(e.stdout, n)
				}
				return nil
			case "store":
				t, err := pick()
				if err != nil {
					return err
				}
				return storeTransaction(e, t, output)
			}
			// undo, redo, rollback
			t, err := pick()
			if err != nil {
				return err
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
		},
	}
	c.Flags().BoolVar(&reverse, "reverse", false, "display history list output reversed")
	c.Flags().StringVarP(&output, "output", "o", "", "for the store command, file path to store the transaction to")
	c.Flags().BoolVar(&rf.ignoreInstalled, "ignore-installed", false, "for the replay command, don't check for installed packages matching those in transaction")
	c.Flags().BoolVar(&rf.ignoreExtras, "ignore-extras", false, "for the replay command, don't check for extra packages pulled into the transaction")
	c.Flags().BoolVar(&rf.skipUnavailable, "skip-unavailable", false, "for the replay command, skip packages that are not available or have missing dependencies")
	return c
}

// historyIDs is dnf's _args2transaction_ids: ids, "last", "last-N", ranges A..B and
// package names (the transactions that changed one) to transaction ids, newest first.
// ranged says a range was given.
func historyIDs(e *env, ts []*history.Transaction, trans []string, requireOne bool, one string) ([]int64, bool, error) {
	last := int64(0)
	if len(ts) > 0 {
		last = ts[0].ID
	}
	conv := func(s string) (int64, error) {
		switch {
		case s == "last":
			s = "0"
		case strings.HasPrefix(s, "last-"):
			s = s[4:]
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, err
		}
		if id <= 0 {
			id += last
		}
		return id, nil
	}
	set := map[int64]bool{}
	ranged := false
	for _, t := range trans {
		if strings.Contains(t, "..") {
			parts := strings.SplitN(t, "..", 3)
			if len(parts) != 2 {
				fmt.Fprintf(e.stderr, "Invalid transaction ID range definition '%s'.\nUse '<transaction-id>..<transaction-id>'.\n", t)
				return nil, false, silentErr()
			}
			var ends [2]int64
			for i, p := range parts {
				id, err := conv(p)
				if err != nil {
					fmt.Fprintf(e.stderr, "Can't convert '%s' to transaction ID.\nUse '<number>', 'last', 'last-<number>'.\n", p)
					return nil, false, silentErr()
				}
				ends[i] = id
			}
			if requireOne && ends[0] != ends[1] {
				fmt.Fprintln(e.stderr, one)
				return nil, false, silentErr()
			}
			lo, hi := min(ends[0], ends[1]), max(ends[0], ends[1])
			for id := lo; id <= hi; id++ {
				set[id] = true
			}
			ranged = true
			continue
		}
		if id, err := conv(t); err == nil {
			set[id] = true
			continue
		}
		// not an id: a package name
		n := 0
		for _, x := range ts {
			if history.Touches(x, t) {
				set[x.ID] = true
				n++
			}
		}
		if n == 0 {
			msg := fmt.Sprintf("No transaction which manipulates package '%s' was found.", t)
			if requireOne {
				fmt.Fprintln(e.stderr, msg)
				return nil, false, silentErr()
			}
			fmt.Fprintln(e.stdout, msg)
		}
	}
	var ids []int64
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	return ids, ranged, nil
}

// historyOld is dnf's history.old(tids): the transactions with those ids, newest first.
func historyOld(ts []*history.Transaction, tids []int64) []*history.Transaction {
	var out []*history.Transaction
	for _, t := range ts {
		if slices.Contains(tids, t.ID) {
			out = append(out, t)
		}
	}
	return out
}

func rcWord(rc int) string {
	if rc == 0 {
		return "Success"
	}
	return "Failure: " + strconv.Itoa(rc)
}

// fillWidth cuts or pads s to exactly n characters (dnf's fill_exact_width).
func fillWidth(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s + strings.Repeat(" ", n-len(r))
}

// storeTransaction is dnf's `history store`: the transaction's packages, groups and
// environments as the JSON of dnf's transaction_sr.serialize_transaction (version 0.0;
// keys sorted, four-space indent), into --output or ./transaction.json, asking before it
// overwrites a file.
func storeTransaction(e *env, t *history.Transaction, output string) error {
	type rpm struct {
		Action string `json:"action"`
		NEVRA  string `json:"nevra"`
		Reason string `json:"reason"`
		RepoID string `json:"repo_id"`
	}
	type pkg struct {
		Installed bool   `json:"installed"`
		Name      string `json:"name"`
		Type      string `json:"package_type"`
	}
	type group struct {
		Action   string `json:"action"`
		ID       string `json:"id"`
		PkgTypes string `json:"package_types"`
		Packages []pkg  `json:"packages"`
	}
	type envGroup struct {
		Type      string `json:"group_type"`
		ID        string `json:"id"`
		Installed bool   `json:"installed"`
	}
	type environment struct {
		Action   string     `json:"action"`
		Groups   []envGroup `json:"groups"`
		ID       string     `json:"id"`
		PkgTypes string     `json:"package_types"`
	}
	data := struct {
		Envs    []environment `json:"environments,omitempty"`
		Groups  []group       `json:"groups,omitempty"`
		RPMs    []rpm         `json:"rpms,omitempty"`
		Version string        `json:"version"`
	}{Version: "0.0"}
	for _, it := range t.Items {
		data.RPMs = append(data.RPMs, rpm{Action: string(it.Action), NEVRA: it.NEVRA, Reason: string(it.Reason), RepoID: it.Repo})
	}
	if len(t.Comps) > 0 {
		items, err := history.SwdbTransComps(e.ctx, e.pm.installRoot, t.ID)
		if err != nil {
			return err
		}
		for _, c := range items {
			switch {
			case c.Group != nil:
				g := group{Action: string(c.Action), ID: c.Group.ID, PkgTypes: compsTypes(c.Group.PkgTypes), Packages: []pkg{}}
				// libdnf hands a group's packages (an environment's groups) out by name
				slices.SortStableFunc(c.Group.Packages, func(a, b history.CompsPackage) int { return strings.Compare(a.Name, b.Name) })
				for _, p := range c.Group.Packages {
					g.Packages = append(g.Packages, pkg{Installed: p.Installed, Name: p.Name, Type: compsTypes(p.Type)})
				}
				data.Groups = append(data.Groups, g)
			case c.Env != nil:
				en := environment{Action: string(c.Action), ID: c.Env.ID, PkgTypes: compsTypes(c.Env.PkgTypes), Groups: []envGroup{}}
				slices.SortStableFunc(c.Env.Groups, func(a, b history.CompsEnvGroup) int { return strings.Compare(a.ID, b.ID) })
				for _, g := range c.Env.Groups {
					en.Groups = append(en.Groups, envGroup{Type: compsTypes(g.Type), ID: g.ID, Installed: g.Installed})
				}
				data.Envs = append(data.Envs, en)
			}
		}
	}
	file := output
	if file == "" {
		file = "transaction.json"
	}
	if fi, err := os.Stat(file); err == nil && fi.Mode().IsRegular() {
		if !ask(e, &e.pm, fmt.Sprintf("\n%s exists, overwrite? [y/N]: ", file)) {
			fmt.Fprintf(e.stdout, "Not overwriting %s, exiting.\n", file)
			return nil
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(data); err != nil {
		return err
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		return &ExitError{Code: 1, Err: fmt.Errorf("Error: Error storing transaction: %v", err)}
	}
	fmt.Fprintf(e.stdout, "Transaction saved to %s.\n", file)
	return nil
}

// compsTypes is libdnf's compsPackageTypeToString: the type names of the bits set, in
// bit order, joined by ", ".
func compsTypes(t int) string {
	var names []string
	for _, n := range []struct {
		bit  comps.PkgType
		name string
	}{{comps.Conditional, "conditional"}, {comps.Default, "default"}, {comps.Mandatory, "mandatory"}, {comps.Optional, "optional"}} {
		if comps.PkgType(t)&n.bit != 0 {
			names = append(names, n.name)
		}
	}
	return strings.Join(names, ", ")
}
