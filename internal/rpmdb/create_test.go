package rpmdb

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCreateWhole: a writer opening a root without a database creates it whole (every
// table of rpm's schema, WAL recorded in the header, readable by others) and leaves no
// temporary file beside it.
func TestCreateWhole(t *testing.T) {
	root := t.TempDir()
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, DefaultPath)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if want := []string{".rpm.lock", FileName, FileName + "-shm", FileName + "-wal"}; !slices.Equal(names, want) {
		t.Errorf("files in %s: %q, want %q", dir, names, want)
	}
	file := filepath.Join(dir, FileName)
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644 (non-root readers)", fi.Mode().Perm())
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 100 || b[18] != 2 || b[19] != 2 {
		t.Errorf("header read/write versions %v, want 2 2 (WAL)", b[18:20])
	}
	s, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, table := range tables() {
		var n int
		if err := s.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
	var mode string
	if err := s.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q, %v; want wal", mode, err)
	}
}
