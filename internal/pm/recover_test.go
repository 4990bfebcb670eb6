package pm

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

func buildPkg(t *testing.T, dir, yaml string) string {
	t.Helper()
	desc, err := pkgdesc.Parse("test.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	info, src, err := desc.Build(fstest.MapFS{}, pkgdesc.Options{BuildTime: time.Unix(1764000000, 0), Clamp: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rpm.Write(&buf, info, src, rpm.WriteOptions{Level: 3}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, info.NEVRA()+".rpm")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRecover: with no journal, Recover does nothing and creates nothing (it takes no
// lock, so it may run before every command); after a transaction stopped half-way it
// finishes it and says so on the log, and an Open after it sees the finished state.
func TestRecover(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	var log bytes.Buffer
	cfg := Config{Root: root, Log: &log, NoScripts: true}
	if res, err := Recover(context.Background(), cfg); err != nil || res.Recovered {
		t.Fatalf("no journal: %+v %v", res, err)
	}
	if ents, _ := os.ReadDir(root); len(ents) != 0 || log.Len() != 0 {
		t.Fatalf("Recover without a journal created %v, logged %q", ents, log.String())
	}
	a := buildPkg(t, dir, "name: a\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/a/f, content: a}]\n")
	b := buildPkg(t, dir, "name: b\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/b/f, content: b}]\n")
	// Stop the transaction in its middle (a panic at a journal point stands for the kill).
	func() {
		defer func() { recover() }()
		opts := txn.Options{Root: root, NoScripts: true, Hook: func(p string) {
			if p == "install:b-1-1.noarch:files" {
				panic("stop")
			}
		}}
		txn.Run(context.Background(), opts, txn.Request{Install: []txn.InstallItem{{File: a}, {File: b}}})
	}()
	if !txn.Pending(root) {
		t.Fatal("no journal after the interrupted transaction")
	}
	res, err := Recover(context.Background(), cfg)
	if err != nil || !res.Recovered {
		t.Fatalf("recover: %+v %v", res, err)
	}
	if !strings.Contains(log.String(), "Finishing the transaction interrupted on "+root) {
		t.Errorf("log: %q", log.String())
	}
	if txn.Pending(root) {
		t.Error("journal still there")
	}
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := db.All(context.Background())
	if err != nil || len(all) != 2 {
		t.Fatalf("installed after recovery: %d %v", len(all), err)
	}
}
