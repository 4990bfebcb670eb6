// Package rpmdb is the installed-package database in rpm's own sqlite format
// (rpm 4.16+: <root>/var/lib/rpm/rpmdb.sqlite), so that `rpm --root R -qa/-qi/-ql/-qf/-V`
// works on a root Nimbus manages and Nimbus manages a root rpm or dnf populated.
//
// Writers take rpm's transaction lock (an fcntl write lock on <dbpath>/.rpm.lock), so Nimbus,
// rpm and dnf never write at once; changes go through Txn, one sqlite transaction in WAL
// mode, which may hold the changes of many packages (the transaction layer batches them).
// As rpm, writers keep the WAL and shared-memory files on close, so users who may not write
// the database directory can still read it.
package rpmdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
	"modernc.org/sqlite" // the pure-Go sqlite driver keeps nimbus a static binary

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// DefaultPath is rpm's %_dbpath on Fedora, Amazon Linux and Nimbus.
const DefaultPath = "/var/lib/rpm"

// FileName is the sqlite database file inside the dbpath.
const FileName = "rpmdb.sqlite"

// ErrLocked is returned when another package manager holds the transaction lock.
var ErrLocked = errors.New("the rpm database is locked by another package manager")

// DB is an open database.
type DB struct {
	sql      *sql.DB
	path     string
	lock     *os.File
	writable bool
}

// Options control Open.
type Options struct {
	Write bool // take the transaction lock and allow changes; create the database if missing
	// LockWait bounds how long to wait for another package manager's lock (0: do not wait).
	LockWait time.Duration
}

// Open opens the database of the install root root (use "/" for the running system) at
// dbpath inside it (DefaultPath when empty).
func Open(root, dbpath string, opts Options) (*DB, error) {
	if dbpath == "" {
		dbpath = DefaultPath
	}
	// the database directory as a chrooted rpm finds it (Fedora's /var/lib/rpm is a
	// symlink to /usr/lib/sysimage/rpm); a symlink out of the root is taken inside it
	dir, err := fsutil.InRoot(root, dbpath)
	if err != nil {
		return nil, fmt.Errorf("rpmdb: %w", err)
	}
	file := filepath.Join(dir, FileName)
	db := &DB{path: file, writable: opts.Write}
	if opts.Write {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("rpmdb %s: %w", dir, err)
		}
		lock, err := takeLock(filepath.Join(dir, ".rpm.lock"), opts.LockWait)
		if err != nil {
			return nil, fmt.Errorf("rpmdb %s: %w", dir, err)
		}
		db.lock = lock
		if _, err := os.Lstat(file); errors.Is(err, os.ErrNotExist) {
			if err := create(file); err != nil {
				db.Close()
				return nil, fmt.Errorf("rpmdb %s: creating: %w", file, err)
			}
		}
	} else if _, err := os.Stat(file); err != nil {
		// rpm reports an empty database for a root without one; so do we, without creating it.
		if errors.Is(err, os.ErrNotExist) {
			return &DB{path: file}, nil
		}
		return nil, fmt.Errorf("rpmdb %s: %w", file, err)
	}
	dsn := "file:" + file + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	if !opts.Write {
		dsn += "&mode=ro"
	}
	var s *sql.DB
	if opts.Write {
		c, err := sqlite.NewConnector(dsn)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("rpmdb %s: %w", file, err)
		}
		s = sql.OpenDB(persistWAL{c})
	} else if s, err = sql.Open("sqlite", dsn); err != nil {
		db.Close()
		return nil, fmt.Errorf("rpmdb %s: %w", file, err)
	}
	s.SetMaxOpenConns(1)
	db.sql = s
	if !opts.Write {
		// A database without the Packages table (a 0-byte file a full disk left while it
		// was being created) holds no packages; the next writer creates the tables.
		var n int
		if err := s.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'Packages'").Scan(&n); err != nil {
			s.Close()
			return nil, fmt.Errorf("rpmdb %s: %w", file, err)
		}
		if n == 0 {
			s.Close()
			return &DB{path: file}, nil
		}
	}
	if opts.Write {
		if err := db.init(); err != nil {
			db.Close()
			return nil, fmt.Errorf("rpmdb %s: %w", file, err)
		}
	}
	return db, nil
}

// persistWAL opens writer connections the way rpm 4.18 does (sqlite.c, "Annoying but
// necessary to support non-privileged readers"): with SQLITE_FCNTL_PERSIST_WAL, so closing
// the database keeps the (then empty) -wal and the -shm files. A reader that may not write
// the directory (any user but root on /var/lib/rpm) can open a WAL database only when both
// exist; without them rpm -q as ec2-user fails with "cannot open Packages database" and
// sqlite's "attempt to write a readonly database".
type persistWAL struct{ driver.Connector }

func (c persistWAL) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	fc, ok := conn.(sqlite.FileControl)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("the sqlite driver offers no file control (SQLITE_FCNTL_PERSIST_WAL)")
	}
	if _, err := fc.FileControlPersistWAL("main", 1); err != nil {
		conn.Close()
		return nil, fmt.Errorf("SQLITE_FCNTL_PERSIST_WAL: %w", err)
	}
	return conn, nil
}

// init sets rpm's pragmas and creates the schema when the database is new.
func (db *DB) init() error {
	// synchronous=NORMAL in WAL mode: commits are atomic and ordered but not each synced; a
	// power failure can lose the last commits, which the transaction journal redoes.
	// wal_autocheckpoint as rpm 4.18 sets it: no checkpoint (and its syncs) in the middle of
	// a transaction; Close checkpoints.
	for _, p := range []string{"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 10000", "PRAGMA secure_delete = OFF", "PRAGMA case_sensitive_like = ON"} {
		if _, err := db.sql.Exec(p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	tx, err := db.sql.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Like rpm, create each missing table together with its indexes.
	have := map[string]bool{}
	rows, err := tx.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		have[name] = true
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, table := range tables() {
		if have[table] {
			continue
		}
		for _, stmt := range tableSchema(table) {
			if _, err := tx.Exec(stmt); err != nil {
				return fmt.Errorf("creating table %s: %w", table, err)
			}
		}
	}
	return tx.Commit()
}

// takeLock takes rpm's transaction lock: an exclusive fcntl lock on .rpm.lock.
func takeLock(path string, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: 0, Len: 0}
		err := unix.FcntlFlock(f.Fd(), unix.F_SETLK, &lk)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, unix.EAGAIN) && !errors.Is(err, unix.EACCES) {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			holder := ""
			if unix.FcntlFlock(f.Fd(), unix.F_GETLK, &lk) == nil && lk.Type != unix.F_UNLCK {
				holder = fmt.Sprintf(" (held by process %d)", lk.Pid)
			}
			f.Close()
			return nil, fmt.Errorf("%w%s", ErrLocked, holder)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Close releases the database and the lock.
func (db *DB) Close() error {
	var err error
	if db.sql != nil {
		if db.writable {
			// As rpm does when it closes a database it wrote: let sqlite refresh its
			// query-planner statistics (sqlite_stat1).
			_, _ = db.sql.Exec("PRAGMA optimize")
			_, _ = db.sql.Exec("PRAGMA wal_checkpoint = TRUNCATE")
		}
		err = db.sql.Close()
	}
	if db.lock != nil {
		db.lock.Close() // closing the descriptor drops the fcntl lock
	}
	return err
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Installed is one installed package: its database number and header (with the entries
// rpm adds at install time: INSTALLTIME, INSTALLTID, FILESTATES, the signature digests).
type Installed struct {
	Num    int64
	Header *rpm.Header
}

// Info decodes the header.
func (p *Installed) Info() (*rpm.Info, error) { return rpm.FromHeader(p.Header) }

// All returns every installed package in database order. A header that does not parse is
// an error naming its number: a corrupt database is reported, never silently skipped.
func (db *DB) All(ctx context.Context) ([]Installed, error) {
	if db.sql == nil {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT hnum, blob FROM Packages ORDER BY hnum")
	if err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []Installed
	for rows.Next() {
		var n int64
		var blob []byte
		if err := rows.Scan(&n, &blob); err != nil {
			return nil, fmt.Errorf("rpmdb %s: %w", db.path, err)
		}
		h, err := rpm.ParseHeaderBlob(blob)
		if err != nil {
			return nil, fmt.Errorf("rpmdb %s: package %d: %w", db.path, n, err)
		}
		out = append(out, Installed{n, h})
	}
	return out, rows.Err()
}

// Lookup returns the installed packages whose index table (e.g. "Name", "Providename",
// "Basenames") has key.
func (db *DB) Lookup(ctx context.Context, table, key string) ([]Installed, error) {
	if db.sql == nil {
		return nil, nil
	}
	known := false
	for _, ix := range indexes {
		known = known || ix.table == table
	}
	if !known {
		return nil, fmt.Errorf("rpmdb: no index %q", table)
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT DISTINCT p.hnum, p.blob FROM Packages p JOIN '"+table+"' i ON i.hnum = p.hnum WHERE i.key = ? ORDER BY p.hnum", key)
	if err != nil {
		return nil, fmt.Errorf("rpmdb %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []Installed
	for rows.Next() {
		var n int64
		var blob []byte
		if err := rows.Scan(&n, &blob); err != nil {
			return nil, err
		}
		h, err := rpm.ParseHeaderBlob(blob)
		if err != nil {
			return nil, fmt.Errorf("rpmdb %s: package %d: %w", db.path, n, err)
		}
		out = append(out, Installed{n, h})
	}
	return out, rows.Err()
}
