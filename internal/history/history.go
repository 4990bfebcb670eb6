// Package history records package transactions (what `dnf history` shows): when, which
// command line, which packages came in and went out and why, the return code; and the reason
// each installed package is there (user or dependency), which autoremove and `mark` use.
// It is a small sqlite database at <root>/var/lib/nimbus/history.sqlite.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	_ "modernc.org/sqlite"
)

// Path is the database file inside an install root.
const Path = "var/lib/nimbus/history.sqlite"

// Action is what happened to one package in a transaction, in dnf's words.
type Action string

// Actions.
const (
	Install     Action = "Install"
	Upgrade     Action = "Upgrade"
	Upgraded    Action = "Upgraded"
	Downgrade   Action = "Downgrade"
	Downgraded  Action = "Downgraded"
	Reinstall   Action = "Reinstall"
	Reinstalled Action = "Reinstalled"
	Obsoleting  Action = "Obsoleting"
	Obsoleted   Action = "Obsoleted"
	Removed     Action = "Removed"
)

// Reason is why a package is installed.
type Reason string

// Reasons.
const (
	User       Reason = "user"
	Dependency Reason = "dependency"
	Weak       Reason = "weak-dependency"
	Clean      Reason = "clean"
	Group      Reason = "group"
	Unknown    Reason = "unknown"
)

// Item is one package of a transaction.
type Item struct {
	Action Action
	NEVRA  string
	Repo   string
	Reason Reason
}

// Transaction is one recorded transaction.
type Transaction struct {
	ID         int64
	Begin, End time.Time
	Cmdline    string
	UID        int
	RC         int // 0 success; non-zero when something failed
	Releasever string
	// Comment is --comment's text (dnf's trans.comment), recorded in dnf's swdb only.
	Comment string
	Items   []Item
	// RPMDBBegin and RPMDBEnd are the rpmdb's versions before and after (rpm's dbCookie,
	// rpmdb.DB.Cookie), written to dnf's swdb only.
	RPMDBBegin, RPMDBEnd string
	// Comps are the group and environment changes, recorded only in dnf's swdb.
	Comps []CompsItem
	// Output: dnf's swdb has console output of it (SwdbTransactions). AlteredBefore and
	// AlteredAfter: the rpmdb changed outside a package manager before it began, after it
	// ended (MarkAltered).
	Output                      bool
	AlteredBefore, AlteredAfter bool
}

// DB is an open history database.
type DB struct {
	sql *sql.DB
	// pending is the path of a history a writer opened that does not exist yet: it is
	// created by the first write, with that write in it (ensure, RecordWithReasons).
	pending string
	// Notice says what Open had to do to an unreadable history file (empty when nothing).
	Notice string
}

const schema = `
CREATE TABLE IF NOT EXISTS trans (
  id INTEGER PRIMARY KEY AUTOINCREMENT, begin INTEGER NOT NULL, end INTEGER NOT NULL,
  cmdline TEXT NOT NULL, uid INTEGER NOT NULL, rc INTEGER NOT NULL, releasever TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS item (
  trans INTEGER NOT NULL REFERENCES trans(id), seq INTEGER NOT NULL, action TEXT NOT NULL,
  nevra TEXT NOT NULL, repo TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS item_trans ON item(trans);
CREATE TABLE IF NOT EXISTS reason (name_arch TEXT PRIMARY KEY, reason TEXT NOT NULL);
`

// Open opens (creating when write is set) the history of an install root.
//
// The database is created whole or not at all: its schema is written to a temporary file
// that is renamed into place, so a full disk cannot leave an empty history.sqlite behind. A
// history file without the tables (0 bytes, as older versions could leave one) reads as an
// empty history and is created anew by a writer. One that is not a database at all is an
// error for a reader, naming the file; a writer moves it aside (history.sqlite.broken-*),
// says so in Notice, and starts a new history: the rpmdb, not the history, is the truth.
func Open(root string, write bool) (*DB, error) {
	p, err := fsutil.InRoot(root, Path)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	st, err := probe(p)
	if err != nil && !write {
		return nil, fmt.Errorf("history %s is unreadable (%w); move it away to start a new history (the installed packages are in the rpmdb, not here)", p, err)
	}
	if !write && st != stateOK {
		return &DB{}, nil // no history yet
	}
	db := &DB{}
	if write {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("history %s: %w", p, err)
		}
		if err != nil {
			aside := fmt.Sprintf("%s.broken-%d", p, time.Now().Unix())
			if rerr := os.Rename(p, aside); rerr != nil {
				return nil, fmt.Errorf("history %s is unreadable (%w), and moving it aside failed: %w", p, err, rerr)
			}
			db.Notice = fmt.Sprintf("history %s was unreadable (%v); moved to %s, a new history starts", p, err, aside)
			st = stateMissing
		}
		if st != stateOK {
			// Created by the first write, with that write in it: a new history then costs
			// one fsync (the file, before its rename) instead of six (creation, the WAL's
			// first header and directory, the closing checkpoint).
			db.pending = p
			return db, nil
		}
	}
	if err := db.open(p, write); err != nil {
		return nil, err
	}
	return db, nil
}

func (db *DB) open(p string, write bool) error {
	// WAL with synchronous=NORMAL: commits stay atomic and ordered; the last one may be lost to
	// a power failure, never the database (the history is a record, the rpmdb is the truth).
	dsn := "file:" + p + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	if !write {
		dsn = "file:" + p + "?mode=ro&_pragma=busy_timeout(10000)"
	}
	s, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("history %s: %w", p, err)
	}
	s.SetMaxOpenConns(1)
	db.sql = s
	return nil
}

// ensure creates a pending history, with fill's rows in it when fill is not nil, and opens
// it.
func (db *DB) ensure(ctx context.Context, fill func(context.Context, *sql.Tx) error) error {
	if db.pending == "" {
		return nil
	}
	p := db.pending
	if err := create(ctx, p, schema, 0o600, fill); err != nil {
		return fmt.Errorf("history %s: creating: %w", p, err)
	}
	db.pending = ""
	return db.open(p, true)
}

type state int

const (
	stateMissing state = iota // no file
	stateEmpty                // a file without the history's tables
	stateOK
)

// probe tells whether the history file exists and has its tables; an error means it is not
// a readable database.
func probe(p string) (state, error) {
	fi, err := os.Stat(p)
	if errors.Is(err, os.ErrNotExist) {
		return stateMissing, nil
	}
	if err != nil {
		return stateMissing, err
	}
	if fi.Size() == 0 {
		return stateEmpty, nil
	}
	s, err := sql.Open("sqlite", "file:"+p+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return stateMissing, err
	}
	defer s.Close()
	var n int
	if err := s.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('trans', 'item', 'reason')").Scan(&n); err != nil {
		return stateMissing, err
	}
	if n < 3 {
		return stateEmpty, nil
	}
	return stateOK, nil
}

// create writes a new database with its schema (the history's or dnf's swdb's) to a
// temporary file beside p, syncs it and renames it over p with the given mode. The
// directory is not synced: a power failure before the rename reaches the disk leaves no
// database (the next write creates one), never a partial one, so the new database's first
// record is as durable as any later one under synchronous=NORMAL, where the last commits
// may be lost to a power failure (the rpmdb is the truth; txn.md, Durability). A later
// write through WAL makes sqlite sync the directory with the WAL's first sync.
func create(ctx context.Context, p, schema string, mode os.FileMode, fill func(context.Context, *sql.Tx) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			for _, x := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
				os.Remove(x)
			}
		}
	}()
	// No syncs and no rollback journal for a file no one else opens: it is synced once
	// below, before the rename gives it its name (before: eleven fsyncs to create a history,
	// each one slow on a busy disk). WAL is set last, recorded in the file's header.
	s, err := sql.Open("sqlite", "file:"+tmp+"?_pragma=synchronous(OFF)&_pragma=journal_mode(OFF)")
	if err != nil {
		return err
	}
	s.SetMaxOpenConns(1)
	if _, err = s.Exec("BEGIN;" + schema + "COMMIT;"); err != nil {
		s.Close()
		return err
	}
	if fill != nil { // the first write, in the file before it has its name
		tx, terr := s.BeginTx(ctx, nil)
		if terr != nil {
			s.Close()
			return terr
		}
		if err = fill(ctx, tx); err == nil {
			err = tx.Commit()
		}
		if err != nil {
			tx.Rollback()
			s.Close()
			return err
		}
	}
	if _, err = s.Exec("PRAGMA journal_mode = WAL"); err != nil {
		s.Close()
		return err
	}
	if err = s.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, mode); err != nil {
		return err
	}
	if err = syncFile(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.sql == nil {
		return nil
	}
	return db.sql.Close()
}

// Record stores a transaction and updates the install reasons of its packages; it returns
// the transaction id.
func (db *DB) Record(ctx context.Context, t *Transaction) (int64, error) {
	return db.RecordWithReasons(ctx, t, nil, nil)
}

// recordWithReasons writes a transaction and its reason changes in tx.
func recordWithReasons(ctx context.Context, tx *sql.Tx, t *Transaction, set map[string]Reason, forget []string) (int64, error) {
	st := newStmts(tx)
	defer st.close()
	id, err := recordTx(ctx, st, t)
	if err != nil {
		return 0, err
	}
	for _, k := range forget {
		if _, err := st.ExecContext(ctx, "DELETE FROM reason WHERE name_arch = ?", k); err != nil {
			return 0, err
		}
	}
	for _, k := range sortedKeys(set) {
		if err := setReason(ctx, st, k, set[k]); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func recordTx(ctx context.Context, tx *stmts, t *Transaction) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO trans (begin, end, cmdline, uid, rc, releasever) VALUES (?, ?, ?, ?, ?, ?)",
		t.Begin.Unix(), t.End.Unix(), t.Cmdline, t.UID, t.RC, t.Releasever)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for i, it := range t.Items {
		if _, err := tx.ExecContext(ctx, "INSERT INTO item (trans, seq, action, nevra, repo, reason) VALUES (?, ?, ?, ?, ?, ?)",
			id, i, string(it.Action), it.NEVRA, it.Repo, string(it.Reason)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// RecordWithReasons is Record plus the install reasons the transaction changes (set) and
// drops (forget, "name.arch" keys), in one database transaction: one commit, one sync.
func (db *DB) RecordWithReasons(ctx context.Context, t *Transaction, set map[string]Reason, forget []string) (int64, error) {
	if db.pending != "" {
		var id int64
		err := db.ensure(ctx, func(ctx context.Context, tx *sql.Tx) (err error) {
			id, err = recordWithReasons(ctx, tx, t, set, forget)
			return err
		})
		return id, err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	id, err := recordWithReasons(ctx, tx, t, set, forget)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

func sortedKeys(m map[string]Reason) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SetReason records why name.arch is installed (an upgrade keeps the reason; `mark` changes it).
func (db *DB) SetReason(ctx context.Context, nameArch string, r Reason) error {
	if err := db.ensure(ctx, nil); err != nil {
		return err
	}
	return setReason(ctx, db.sql, nameArch, r)
}

// setReason is the one writer of a reason row.
func setReason(ctx context.Context, x interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, nameArch string, r Reason) error {
	_, err := x.ExecContext(ctx, "INSERT INTO reason (name_arch, reason) VALUES (?, ?) ON CONFLICT(name_arch) DO UPDATE SET reason = excluded.reason", nameArch, string(r))
	return err
}

// ForgetReason drops the reason of a package that is no longer installed.
func (db *DB) ForgetReason(ctx context.Context, nameArch string) error {
	if err := db.ensure(ctx, nil); err != nil {
		return err
	}
	_, err := db.sql.ExecContext(ctx, "DELETE FROM reason WHERE name_arch = ?", nameArch)
	return err
}

// Reasons returns the install reason of every package that has one ("name.arch" keys).
func (db *DB) Reasons(ctx context.Context) (map[string]Reason, error) {
	out := map[string]Reason{}
	if db.sql == nil {
		return out, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT name_arch, reason FROM reason")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, r string
		if err := rows.Scan(&k, &r); err != nil {
			return nil, err
		}
		out[k] = Reason(r)
	}
	return out, rows.Err()
}

// List returns transactions, newest first, with their items.
func (db *DB) List(ctx context.Context) ([]*Transaction, error) {
	if db.sql == nil {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id, begin, end, cmdline, uid, rc, releasever FROM trans ORDER BY id DESC")
	if err != nil {
		return nil, err
	}
	var ts []*Transaction
	byID := map[int64]*Transaction{}
	for rows.Next() {
		t := &Transaction{}
		var b, e int64
		if err := rows.Scan(&t.ID, &b, &e, &t.Cmdline, &t.UID, &t.RC, &t.Releasever); err != nil {
			rows.Close()
			return nil, err
		}
		t.Begin, t.End = time.Unix(b, 0), time.Unix(e, 0)
		ts = append(ts, t)
		byID[t.ID] = t
	}
	rows.Close()
	items, err := db.sql.QueryContext(ctx, "SELECT trans, action, nevra, repo, reason FROM item ORDER BY trans, seq")
	if err != nil {
		return nil, err
	}
	defer items.Close()
	for items.Next() {
		var id int64
		var it Item
		var a, r string
		if err := items.Scan(&id, &a, &it.NEVRA, &it.Repo, &r); err != nil {
			return nil, err
		}
		it.Action, it.Reason = Action(a), Reason(r)
		if t := byID[id]; t != nil {
			t.Items = append(t.Items, it)
		}
	}
	return ts, items.Err()
}

// Get returns one transaction; id 0 or "last" semantics are the caller's.
func (db *DB) Get(ctx context.Context, id int64) (*Transaction, error) {
	ts, err := db.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, fmt.Errorf("no transaction %d in the history", id)
}

// Inverse lists what undoing a transaction means: packages it brought in are removed,
// packages it removed come back, upgrades go back to the versions they replaced (and the
// other way round for downgrades).
func Inverse(t *Transaction) (install, remove []string) {
	for _, it := range t.Items {
		switch it.Action {
		case Install, Upgrade, Downgrade, Obsoleting:
			remove = append(remove, it.NEVRA)
		case Removed, Upgraded, Downgraded, Obsoleted:
			install = append(install, it.NEVRA)
		}
	}
	return install, remove
}

// Recorded maps the NEVRA of every item of the transactions to the reason recorded with it
// (a later transaction's record wins).
func Recorded(ts ...*Transaction) map[string]Reason {
	sorted := append([]*Transaction(nil), ts...)
	sortByID(sorted)
	out := map[string]Reason{}
	for _, t := range sorted {
		for _, it := range t.Items {
			if it.Reason != "" {
				out[it.NEVRA] = it.Reason
			}
		}
	}
	return out
}

// Redo lists what repeating a transaction means (dnf history redo): the packages it brought
// in are installed again (an upgrade or downgrade to that exact version), reinstalled ones
// reinstalled, and the packages it removed removed again. Replaced versions (Upgraded,
// Downgraded, Obsoleted) go by themselves.
func Redo(t *Transaction) (install, reinstall, remove []string) {
	for _, it := range t.Items {
		switch it.Action {
		case Install, Upgrade, Downgrade, Obsoleting:
			install = append(install, it.NEVRA)
		case Reinstall:
			reinstall = append(reinstall, it.NEVRA)
		case Removed:
			remove = append(remove, it.NEVRA)
		}
	}
	return install, reinstall, remove
}

// Rollback lists what returning to the state right after transaction id means (dnf history
// rollback): the net effect of every later successful transaction, undone. ts may be in any
// order; packages that came in and went out again after id cancel out.
func Rollback(ts []*Transaction, id int64) (install, remove []string) {
	later := make([]*Transaction, 0, len(ts))
	for _, t := range ts {
		if t.ID > id {
			later = append(later, t)
		}
	}
	sortByID(later)
	added, removed := map[string]bool{}, map[string]bool{}
	for _, t := range later {
		// What went out first, so a reinstall (out and in of the same NEVRA) cancels.
		for _, it := range t.Items {
			switch it.Action {
			case Removed, Upgraded, Downgraded, Obsoleted, Reinstalled:
				if added[it.NEVRA] {
					delete(added, it.NEVRA)
				} else {
					removed[it.NEVRA] = true
				}
			}
		}
		for _, it := range t.Items {
			switch it.Action {
			case Install, Upgrade, Downgrade, Obsoleting, Reinstall:
				if removed[it.NEVRA] {
					delete(removed, it.NEVRA)
				} else {
					added[it.NEVRA] = true
				}
			}
		}
	}
	return sortedSet(removed), sortedSet(added)
}

func sortByID(ts []*Transaction) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Touches reports whether a transaction changed a package matching spec: its name (a glob
// allowed) or its whole NEVRA, as dnf's `history list PACKAGE` selects transactions.
func Touches(t *Transaction, spec string) bool {
	for _, it := range t.Items {
		name := it.NEVRA
		if i := strings.LastIndex(name, "-"); i > 0 {
			if j := strings.LastIndex(name[:i], "-"); j > 0 {
				name = name[:j]
			}
		}
		if ok, _ := path.Match(spec, name); ok || spec == it.NEVRA {
			return true
		}
	}
	return false
}
