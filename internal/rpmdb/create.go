package rpmdb

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// emptyDB is the database createSchema writes (rpm's schema, no rows, WAL in the header),
// gzipped: 208 KiB of mostly empty pages in 3 KiB. sqlite writes the same bytes for the same
// schema and library version; TestEmptyTemplate rebuilds it and compares (with -update it
// rewrites empty.sqlite.gz after a schema or sqlite change).
//
//go:embed empty.sqlite.gz
var emptyDB []byte

// create writes a new database to a temporary file beside file and renames it into place,
// the file synced first: no reader or writer ever sees a half-created database under the
// real name, even after a power failure (which in place could leave a table-less file, see
// TestOpenTablelessDatabase). The bytes are the embedded template, not sqlite's schema
// statements: that took ~2 ms of CPU per empty root (a tenth of a 50-package install's
// transaction). The directory is not fsynced after the rename: the database's first commit
// creates its WAL in the same directory and sqlite fsyncs the directory with the WAL's first
// sync, before any commit is durable; a power failure before that can lose the new name,
// and only an empty database with it, which the next writer creates again. The first
// install into an empty root costs one fsync here (before: the file and its directory;
// sqlite in place spends six). The caller holds rpm's lock.
func create(file string) (err error) {
	dir := filepath.Dir(file)
	f, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	zr, err := gzip.NewReader(bytes.NewReader(emptyDB))
	if err != nil {
		return err
	}
	if _, err = io.Copy(f, zr); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil { // CreateTemp made it 0600; readers need it
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

// createSchema writes a new database with rpm's pragmas and schema to file (which must not
// exist) with sqlite: what the embedded template holds (TestEmptyTemplate). Neither
// sqlite's syncs nor its rollback journal are used (no one else opens the file). WAL,
// recorded in the file's header as rpm leaves it, is set at the end.
func createSchema(tmp string) (err error) {
	defer func() {
		for _, x := range []string{tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
			os.Remove(x)
		}
	}()
	s, err := sql.Open("sqlite", "file:"+tmp)
	if err != nil {
		return err
	}
	s.SetMaxOpenConns(1)
	for _, p := range []string{"PRAGMA synchronous = OFF", "PRAGMA journal_mode = OFF"} {
		if _, err = s.Exec(p); err != nil {
			s.Close()
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	tx, err := s.Begin()
	if err == nil {
		for _, table := range tables() {
			for _, stmt := range tableSchema(table) {
				if _, err = tx.Exec(stmt); err != nil {
					err = fmt.Errorf("creating table %s: %w", table, err)
					break
				}
			}
			if err != nil {
				break
			}
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
	}
	if err == nil {
		// Switched after the schema is in the database file itself: nothing is left in
		// a WAL file beside it.
		_, err = s.Exec("PRAGMA journal_mode = WAL")
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}
