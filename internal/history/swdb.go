package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// dnf keeps its history and the install reasons in its "swdb", an sqlite database at
// <root>/var/lib/dnf/history.sqlite (libdnf's Swdb, schema 1.2). Nimbus writes every
// transaction there too, in dnf's tables and codes, so dnf run on a root Nimbus manages
// sees the same reasons (autoremove, history userinstalled, repoquery %{reason}); and it
// reads the reasons dnf recorded for packages its own history does not know.

// SwdbPath is dnf's history database inside an install root.
const SwdbPath = "var/lib/dnf/history.sqlite"

// swdbSchema is libdnf 0.69's schema (read from a database dnf 4.14 created).
const swdbSchema = `
CREATE TABLE IF NOT EXISTS trans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        dt_begin INTEGER NOT NULL,
        dt_end INTEGER,
        rpmdb_version_begin TEXT,
        rpmdb_version_end TEXT,
        releasever TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        cmdline TEXT,
        state INTEGER NOT NULL
    , comment TEXT DEFAULT '');
CREATE TABLE IF NOT EXISTS repo (id INTEGER PRIMARY KEY, repoid TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS console_output (
        id INTEGER PRIMARY KEY, trans_id INTEGER REFERENCES trans(id),
        file_descriptor INTEGER NOT NULL, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, item_type INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS trans_item (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trans_id INTEGER REFERENCES trans(id),
        item_id INTEGER REFERENCES item(id),
        repo_id INTEGER REFERENCES repo(id),
        action INTEGER NOT NULL,
        reason INTEGER NOT NULL,
        state INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS item_replaced_by (
        trans_item_id INTEGER REFERENCES trans_item(id),
        by_trans_item_id INTEGER REFERENCES trans_item(id),
        PRIMARY KEY (trans_item_id, by_trans_item_id));
CREATE TABLE IF NOT EXISTS trans_with (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        trans_id INTEGER REFERENCES trans(id),
        item_id INTEGER REFERENCES item(id),
        CONSTRAINT trans_with_unique_trans_item UNIQUE (trans_id, item_id));
CREATE TABLE IF NOT EXISTS rpm (
        item_id INTEGER UNIQUE NOT NULL,
        name TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        version TEXT NOT NULL,
        release TEXT NOT NULL,
        arch TEXT NOT NULL,
        FOREIGN KEY(item_id) REFERENCES item(id),
        CONSTRAINT rpm_unique_nevra UNIQUE (name, epoch, version, release, arch));
CREATE TABLE IF NOT EXISTS comps_group (
        item_id INTEGER UNIQUE NOT NULL, groupid TEXT NOT NULL, name TEXT NOT NULL,
        translated_name TEXT NOT NULL, pkg_types INTEGER NOT NULL,
        FOREIGN KEY(item_id) REFERENCES item(id));
CREATE TABLE IF NOT EXISTS comps_group_package (
        id INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL, name TEXT NOT NULL,
        installed INTEGER NOT NULL, pkg_type INTEGER NOT NULL,
        FOREIGN KEY(group_id) REFERENCES comps_group(item_id),
        CONSTRAINT comps_group_package_unique_name UNIQUE (group_id, name));
CREATE TABLE IF NOT EXISTS comps_environment (
        item_id INTEGER UNIQUE NOT NULL, environmentid TEXT NOT NULL, name TEXT NOT NULL,
        translated_name TEXT NOT NULL, pkg_types INTEGER NOT NULL,
        FOREIGN KEY(item_id) REFERENCES item(id));
CREATE TABLE IF NOT EXISTS comps_environment_group (
        id INTEGER PRIMARY KEY AUTOINCREMENT, environment_id INTEGER NOT NULL, groupid TEXT NOT NULL,
        installed INTEGER NOT NULL, group_type INTEGER NOT NULL,
        FOREIGN KEY(environment_id) REFERENCES comps_environment(item_id),
        CONSTRAINT comps_environment_group_unique_groupid UNIQUE (environment_id, groupid));
CREATE INDEX IF NOT EXISTS rpm_name ON rpm(name);
CREATE INDEX IF NOT EXISTS trans_item_trans_id ON trans_item(trans_id);
CREATE INDEX IF NOT EXISTS trans_item_item_id ON trans_item(item_id);
CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO config (key, value) VALUES ('version', '1.2');
`

// libdnf's TransactionItemAction codes.
var swdbActions = lazy.Value[map[Action]int]{New: func() map[Action]int {
	return map[Action]int{
		Install: 1, Downgrade: 2, Downgraded: 3, Obsoleting: 4, Obsoleted: 5, Upgrade: 6, Upgraded: 7,
		Removed: 8, Reinstall: 9, Reinstalled: 10, ReasonChange: 11,
	}
}}

// ReasonChange is a `mark` of a package (no package changes; dnf's REASON_CHANGE).
const ReasonChange Action = "Reason Change"

// libdnf's TransactionItemReason codes.
var swdbReasons = lazy.Value[map[Reason]int]{New: func() map[Reason]int {
	return map[Reason]int{Unknown: 0, Dependency: 1, User: 2, Clean: 3, Weak: 4, Group: 5}
}}

func reasonOfCode(c int) Reason {
	for r, n := range swdbReasons.Get() {
		if n == c {
			return r
		}
	}
	return Unknown
}

func openSwdb(root string, write bool) (*sql.DB, error) {
	p, err := fsutil.InRoot(root, SwdbPath)
	if err != nil {
		return nil, fmt.Errorf("dnf history: %w", err)
	}
	if write {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("dnf history %s: %w", p, err)
		}
	} else if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	dsn := "file:" + p + "?_pragma=busy_timeout(10000)"
	created := false
	if write {
		// A new swdb is created whole (history.go create) in WAL mode, as libdnf keeps it;
		// synchronous=NORMAL as for the history: a commit is atomic and ordered, the
		// last one may be lost to a power failure (it records reasons, the rpmdb is the
		// truth). Before: a rollback journal synced twice per commit, and twice more to
		// create the tables, eight fsyncs per transaction into an empty root.
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			if err := create(context.Background(), p, swdbSchema, 0o644, nil); err != nil {
				return nil, fmt.Errorf("dnf history %s: creating: %w", p, err)
			}
			created = true
		}
		dsn += "&_pragma=synchronous(NORMAL)"
	} else {
		dsn += "&mode=ro"
	}
	s, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("dnf history %s: %w", p, err)
	}
	s.SetMaxOpenConns(1)
	if write && !created { // one dnf made: the tables it may lack (a new one has them all)
		if _, err := s.Exec("BEGIN;" + swdbSchema + "COMMIT;"); err != nil {
			s.Close()
			return nil, fmt.Errorf("dnf history %s: %w", p, err)
		}
	}
	return s, nil
}

// splitNEVRA cuts name-[epoch:]version-release.arch.
func splitNEVRA(s string) (name string, epoch int, version, release, arch string, err error) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", 0, "", "", "", fmt.Errorf("%q is not a NEVRA", s)
	}
	arch, s = s[i+1:], s[:i]
	j := strings.LastIndexByte(s, '-')
	if j < 0 {
		return "", 0, "", "", "", fmt.Errorf("%q is not a NEVRA", s)
	}
	release, s = s[j+1:], s[:j]
	k := strings.LastIndexByte(s, '-')
	if k < 0 {
		return "", 0, "", "", "", fmt.Errorf("%q is not a NEVRA", s)
	}
	name, version = s[:k], s[k+1:]
	if e, v, ok := strings.Cut(version, ":"); ok {
		if epoch, err = strconv.Atoi(e); err != nil {
			return "", 0, "", "", "", fmt.Errorf("%q: bad epoch", s)
		}
		version = v
	}
	return name, epoch, version, release, arch, nil
}

// WriteSwdb appends a transaction to dnf's history database of root (creating it with
// dnf's schema), with dnf's action and reason codes.
func WriteSwdb(ctx context.Context, root string, t *Transaction) error {
	p, err := fsutil.InRoot(root, SwdbPath)
	if err != nil {
		return fmt.Errorf("dnf history: %w", err)
	}
	if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
		// A new swdb is created with this transaction in it (history.go create): one
		// fsync, the file before its rename, instead of six.
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("dnf history %s: %w", p, err)
		}
		if err := create(ctx, p, swdbSchema, 0o644, func(ctx context.Context, tx *sql.Tx) error {
			return writeSwdbTx(ctx, tx, t)
		}); err != nil {
			return fmt.Errorf("dnf history %s: creating: %w", p, err)
		}
		return nil
	}
	db, err := openSwdb(root, true)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := writeSwdbTx(ctx, tx, t); err != nil {
		return err
	}
	return tx.Commit()
}

// writeSwdbTx writes t to dnf's swdb in tx.
func writeSwdbTx(ctx context.Context, tx *sql.Tx, t *Transaction) error {
	st := newStmts(tx)
	defer st.close()
	state := 1 // DONE
	if t.RC != 0 {
		state = 2 // ERROR
	}
	tid, err := insertID(ctx, st, `INSERT INTO trans (dt_begin, dt_end, rpmdb_version_begin, rpmdb_version_end, releasever, user_id, cmdline, state, comment)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, t.Begin.Unix(), t.End.Unix(), t.RPMDBBegin, t.RPMDBEnd, t.Releasever, t.UID, t.Cmdline, state, t.Comment)
	if err != nil {
		return err
	}
	for _, it := range t.Items {
		name, epoch, version, release, arch, err := splitNEVRA(it.NEVRA)
		if err != nil {
			return err
		}
		item, err := idOrInsert(ctx, st, func() (int64, error) {
			item, err := insertID(ctx, st, "INSERT INTO item (item_type) VALUES (0)") // dnf 4.14 writes 0 for rpms
			if err != nil {
				return 0, err
			}
			_, err = st.ExecContext(ctx, "INSERT INTO rpm (item_id, name, epoch, version, release, arch) VALUES (?, ?, ?, ?, ?, ?)",
				item, name, epoch, version, release, arch)
			return item, err
		}, "SELECT item_id FROM rpm WHERE name = ? AND epoch = ? AND version = ? AND release = ? AND arch = ?", name, epoch, version, release, arch)
		if err != nil {
			return err
		}
		repo, err := idOrInsert(ctx, st, func() (int64, error) {
			return insertID(ctx, st, "INSERT INTO repo (repoid) VALUES (?)", it.Repo)
		}, "SELECT id FROM repo WHERE repoid = ?", it.Repo)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, "INSERT INTO trans_item (trans_id, item_id, repo_id, action, reason, state) VALUES (?, ?, ?, ?, ?, ?)",
			tid, item, repo, swdbActions.Get()[it.Action], swdbReasons.Get()[it.Reason], state); err != nil {
			return err
		}
	}
	return writeComps(ctx, tx, tid, state, t.Comps)
}

// insertID runs an INSERT and returns the id of the new row.
func insertID(ctx context.Context, tx *stmts, query string, args ...any) (int64, error) {
	r, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// idOrInsert returns the id the query selects, or the one insert gives a new row when
// the query finds none.
func idOrInsert(ctx context.Context, tx *stmts, insert func() (int64, error), query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowScan(ctx, query, args, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return insert()
	}
	return id, err
}

// SwdbReasons reads the install reason dnf would give each package ("name.arch" keys):
// the reason of the latest successful transaction item that is not a replaced package, as
// libdnf's resolveRPMTransactionItemReason does.
func SwdbReasons(ctx context.Context, root string) (map[string]Reason, error) {
	out := map[string]Reason{}
	db, err := openSwdb(root, false)
	if err != nil || db == nil {
		return out, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT i.name, i.arch, ti.action, ti.reason FROM trans_item ti
		JOIN rpm i USING (item_id) JOIN trans t ON ti.trans_id = t.id
		WHERE t.state = 1 AND ti.action NOT IN (3, 5, 7, 10) ORDER BY ti.trans_id, ti.id`)
	if err != nil {
		return nil, fmt.Errorf("dnf history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, arch string
		var action, reason int
		if err := rows.Scan(&name, &arch, &action, &reason); err != nil {
			return nil, err
		}
		if action == 8 { // removed
			delete(out, name+"."+arch)
			continue
		}
		out[name+"."+arch] = reasonOfCode(reason)
	}
	return out, rows.Err()
}

// SwdbRepos reads the repository each package was installed from, as dnf finds it
// (libdnf's Swdb::getRPMRepo: the repository of the latest transaction item of that NEVRA
// that is not a replaced package), keyed by NEVRAKey.
func SwdbRepos(ctx context.Context, root string) (map[string]string, error) {
	out := map[string]string{}
	db, err := openSwdb(root, false)
	if err != nil || db == nil {
		return out, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT i.name, i.epoch, i.version, i.release, i.arch, repo.repoid FROM trans_item ti
		JOIN rpm i USING (item_id) JOIN repo ON ti.repo_id = repo.id
		WHERE ti.action NOT IN (3, 5, 7, 10) ORDER BY ti.id`)
	if err != nil {
		return nil, fmt.Errorf("dnf history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, version, release, arch, repo string
		var epoch int64
		if err := rows.Scan(&name, &epoch, &version, &release, &arch, &repo); err != nil {
			return nil, err
		}
		out[NEVRAKey(name, epoch, version, release, arch)] = repo
	}
	return out, rows.Err()
}

// NEVRAKey is the key of SwdbRepos: name-epoch:version-release.arch, epoch 0 when none.
func NEVRAKey(name string, epoch int64, version, release, arch string) string {
	return fmt.Sprintf("%s-%d:%s-%s.%s", name, epoch, version, release, arch)
}
