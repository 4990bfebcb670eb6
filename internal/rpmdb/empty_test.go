package rpmdb

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenTablelessDatabase: a full disk can leave rpmdb.sqlite without tables (0 bytes);
// a reader sees no packages instead of failing with "no such table", and a writer creates
// the tables.
func TestOpenTablelessDatabase(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, DefaultPath, FileName)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(root, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.All(context.Background())
	db.Close()
	if err != nil || len(all) != 0 {
		t.Fatalf("reader: %d packages, %v; want none", len(all), err)
	}
	w, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	db, err = Open(root, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if all, err := db.All(context.Background()); err != nil || len(all) != 0 {
		t.Fatalf("after a writer: %d packages, %v", len(all), err)
	}
}
