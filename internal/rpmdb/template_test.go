package rpmdb

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var updateTemplate = flag.Bool("update", false, "rewrite empty.sqlite.gz from the schema")

// TestEmptyTemplate: the embedded empty database is, byte for byte, what sqlite writes for
// rpm's schema (createSchema) with this sqlite version. After a schema or sqlite change,
// `go test ./internal/rpmdb -run TestEmptyTemplate -update` rewrites it.
func TestEmptyTemplate(t *testing.T) {
	p := filepath.Join(t.TempDir(), FileName)
	if err := createSchema(p); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if *updateTemplate {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(want)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("empty.sqlite.gz", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(emptyDB))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("empty.sqlite.gz (%d bytes) differs from the schema's database (%d bytes): run go test -run TestEmptyTemplate -update", len(got), len(want))
	}
	// created through create (the template), the database opens with every table
	root := t.TempDir()
	db, err := Open(root, "", Options{Write: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range tables() {
		var n int
		if err := db.sql.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: %d, %v", table, n, err)
		}
	}
}
