package history

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// dnf numbers transactions in its swdb, and nimbus writes every transaction there too; so
// on a root where both tools take turns the swdb is the one history that has them all.
// Log reads it as dnf's `history list` does (ids, order, rpmdb version marks); a root
// without a swdb falls back to nimbus's own history.

// actionOfCode names a libdnf TransactionItemAction code.
func actionOfCode(c int) Action {
	for a, n := range swdbActions.Get() {
		if n == c {
			return a
		}
	}
	return Action("Unknown")
}

// Log returns the transactions of root, newest first: those of dnf's swdb when it has any
// (dnf's ids, with the transactions dnf made), else nimbus's own history's.
func Log(ctx context.Context, root string) ([]*Transaction, error) {
	ts, err := SwdbTransactions(ctx, root)
	if err != nil {
		return nil, err
	}
	if len(ts) > 0 {
		return ts, nil
	}
	h, err := Open(root, false)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	return h.List(ctx)
}

// Find returns the transaction id of ts (Log's list).
func Find(ts []*Transaction, id int64) (*Transaction, error) {
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, fmt.Errorf("no transaction %d in the history", id)
}

// SwdbTransactions reads every transaction of dnf's swdb in root, newest first, with its
// packages and group records. None when there is no swdb.
func SwdbTransactions(ctx context.Context, root string) ([]*Transaction, error) {
	db, err := openSwdb(root, false)
	if err != nil || db == nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT id, dt_begin, coalesce(dt_end, 0), coalesce(rpmdb_version_begin, ''),
		coalesce(rpmdb_version_end, ''), releasever, user_id, coalesce(cmdline, ''), state,
		(SELECT count(*) FROM console_output o WHERE o.trans_id = trans.id), coalesce(comment, '')
		FROM trans ORDER BY id DESC`)
	if err != nil {
		return nil, swdbErr(root, err)
	}
	var ts []*Transaction
	byID := map[int64]*Transaction{}
	for rows.Next() {
		t := &Transaction{}
		var b, e int64
		var st, out int
		if err := rows.Scan(&t.ID, &b, &e, &t.RPMDBBegin, &t.RPMDBEnd, &t.Releasever, &t.UID, &t.Cmdline, &st, &out, &t.Comment); err != nil {
			rows.Close()
			return nil, swdbErr(root, err)
		}
		t.Begin, t.End = time.Unix(b, 0), time.Unix(e, 0)
		if st != 1 { // not DONE: failed or unfinished, dnf 4.14's return_code 1
			t.RC = 1
		}
		t.Output = out > 0
		ts = append(ts, t)
		byID[t.ID] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, swdbErr(root, err)
	}
	items, err := db.QueryContext(ctx, `SELECT ti.trans_id, ti.action, ti.reason, coalesce(r.repoid, ''),
		i.name, i.epoch, i.version, i.release, i.arch
		FROM trans_item ti JOIN rpm i USING (item_id) LEFT JOIN repo r ON r.id = ti.repo_id ORDER BY ti.id`)
	if err != nil {
		return nil, swdbErr(root, err)
	}
	for items.Next() {
		var id, epoch int64
		var action, reason int
		var repo, name, version, release, arch string
		if err := items.Scan(&id, &action, &reason, &repo, &name, &epoch, &version, &release, &arch); err != nil {
			items.Close()
			return nil, swdbErr(root, err)
		}
		t := byID[id]
		if t == nil {
			continue
		}
		ev := version
		if epoch != 0 {
			ev = strconv.FormatInt(epoch, 10) + ":" + version
		}
		t.Items = append(t.Items, Item{Action: actionOfCode(action), NEVRA: name + "-" + ev + "-" + release + "." + arch,
			Repo: repo, Reason: reasonOfCode(reason)})
	}
	items.Close()
	if err := items.Err(); err != nil {
		return nil, swdbErr(root, err)
	}
	comps, err := db.QueryContext(ctx, `SELECT ti.trans_id, ti.action, coalesce(g.groupid, ''), coalesce(g.name, ''),
		coalesce(e.environmentid, ''), coalesce(e.name, ''), g.item_id IS NOT NULL
		FROM trans_item ti LEFT JOIN comps_group g ON g.item_id = ti.item_id
		LEFT JOIN comps_environment e ON e.item_id = ti.item_id
		WHERE g.item_id IS NOT NULL OR e.item_id IS NOT NULL ORDER BY ti.id`)
	if err != nil {
		return nil, swdbErr(root, err)
	}
	defer comps.Close()
	for comps.Next() {
		var id int64
		var action int
		var gid, gname, eid, ename string
		var isGroup bool
		if err := comps.Scan(&id, &action, &gid, &gname, &eid, &ename, &isGroup); err != nil {
			return nil, swdbErr(root, err)
		}
		t := byID[id]
		if t == nil {
			continue
		}
		c := CompsItem{Action: actionOfCode(action)}
		if isGroup {
			c.Group = &CompsGroup{ID: gid, Name: gname}
		} else {
			c.Env = &CompsEnv{ID: eid, Name: ename}
		}
		t.Comps = append(t.Comps, c)
	}
	if err := comps.Err(); err != nil {
		return nil, swdbErr(root, err)
	}
	return ts, nil
}

// MarkAltered sets AlteredBefore and AlteredAfter of ts (newest first, the transactions a
// list shows) as dnf's history.old does: the rpmdb a transaction began with is not the one
// the transaction listed before it ended with.
func MarkAltered(ts []*Transaction) {
	for _, t := range ts {
		t.AlteredBefore, t.AlteredAfter = false, false
	}
	for i := 0; i+1 < len(ts); i++ {
		newer, older := ts[i], ts[i+1]
		if newer.RPMDBBegin != older.RPMDBEnd {
			newer.AlteredBefore, older.AlteredAfter = true, true
		}
	}
}

// swdbErr names dnf's history database of root in a read error.
func swdbErr(root string, err error) error {
	return fmt.Errorf("dnf history %s is unreadable (%w); dnf and nimbus list their transactions from it: move it away to start a new history (the installed packages are in the rpmdb)",
		filepath.Join(root, SwdbPath), err)
}

// actionShort are libdnf's one-letter action names (REMOVE is "E", for erase).
var actionShort = lazy.Value[map[Action]string]{New: func() map[Action]string {
	return map[Action]string{
		Install: "I", Downgrade: "D", Downgraded: "D", Obsoleting: "O", Obsoleted: "O",
		Upgrade: "U", Upgraded: "U", Removed: "E", Reinstall: "R", Reinstalled: "R", ReasonChange: "C",
	}
}}

// Actions is dnf's "Action(s)" column and "Altered" count of a transaction (dnf's
// _history_uiactions): every item but the upgraded and downgraded old versions counts;
// one kind of action is named in full, several by their letters, sorted.
func Actions(t *Transaction) (count int, actions string) {
	names := map[string]bool{}
	shorts := map[string]bool{}
	add := func(a Action) {
		if a == Upgraded || a == Downgraded {
			return
		}
		names[string(a)] = true
		shorts[actionShort.Get()[a]] = true
		count++
	}
	for _, it := range t.Items {
		add(it.Action)
	}
	for _, c := range t.Comps {
		add(c.Action)
	}
	if len(names) > 1 {
		l := make([]string, 0, len(shorts))
		for s := range shorts {
			l = append(l, s)
		}
		sort.Strings(l)
		return count, strings.Join(l, ", ")
	}
	for n := range names {
		actions = n
	}
	return count, actions
}

// Marks are the two characters dnf's history list prints after a row: '#' for a failed
// or unfinished transaction, 'E' when it has console output; the left one '>' when the
// rpmdb changed after it outside the package manager, the right one '<' when it changed
// before it (MarkAltered).
func Marks(t *Transaction) string {
	l, r := byte(' '), byte(' ')
	switch {
	case t.RC != 0:
		l, r = '#', '#'
	case t.Output:
		l, r = 'E', 'E'
	}
	if t.AlteredBefore {
		r = '<'
	}
	if t.AlteredAfter {
		l = '>'
	}
	return string([]byte{l, r})
}
