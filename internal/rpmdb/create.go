package rpmdb

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// create writes a new database with rpm's pragmas and schema to a temporary file beside
// file and renames it into place, synced: the first install into an empty root then costs
// two fsyncs (the file, its directory) instead of the six sqlite spends creating it in
// place with synchronous=FULL (rollback journal twice, its directory, the database, the
// WAL, the directory again). Each is expensive on a busy disk, where a flush waits behind
// the other writers' I/O. Durability is not weaker: the name appears only when the file
// under it is complete and on disk, so no reader or writer ever sees a half-created
// database, even after a power failure (which in place could leave a table-less file, see
// TestOpenTablelessDatabase). The caller holds rpm's lock.
func create(file string) (err error) {
	dir := filepath.Dir(file)
	f, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		for _, x := range []string{tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
			os.Remove(x)
		}
		if err != nil {
			os.Remove(tmp)
		}
	}()
	// Neither sqlite's syncs nor its rollback journal are needed for a file no one else
	// opens (a crash leaves a stray temporary file, which nothing reads): it is synced
	// below, before it gets its name. WAL, recorded in the file's
	// header as rpm leaves it, is set at the end.
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
		// Switched after the schema is in the database file itself: the rename below
		// leaves nothing in a WAL file of the temporary name.
		_, err = s.Exec("PRAGMA journal_mode = WAL")
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil { // CreateTemp made it 0600; readers need it
		return err
	}
	if err := syncPath(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		return err
	}
	return syncPath(dir)
}

// syncPath fsyncs a file or directory.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	serr := f.Sync()
	return errors.Join(serr, f.Close())
}
