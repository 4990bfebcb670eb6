package history

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestCreatedWhole: a new history and a new swdb are written whole (temporary file, then
// rename): WAL recorded in the file, the mode each had before (the swdb readable by others,
// as libdnf creates it), and no temporary file left beside them.
func TestCreatedWhole(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	tr := &Transaction{Begin: now, End: now, Cmdline: "install app", Releasever: "1", Items: []Item{
		{Action: Install, NEVRA: "app-1.0-1.noarch", Repo: "r1", Reason: User}}}
	if err := WriteSwdb(ctx, root, tr); err != nil {
		t.Fatal(err)
	}
	h, err := Open(root, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.Record(ctx, tr); err != nil {
		t.Fatal(err)
	}
	h.Close()
	for _, c := range []struct {
		rel  string
		mode os.FileMode
	}{{SwdbPath, 0o644}, {Path, 0o600}} {
		p := filepath.Join(root, c.rel)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != c.mode {
			t.Errorf("%s: mode %v, want %v", c.rel, fi.Mode().Perm(), c.mode)
		}
		ents, _ := os.ReadDir(filepath.Dir(p))
		for _, e := range ents {
			if n := e.Name(); n != filepath.Base(p) && !slices.Contains([]string{"-wal", "-shm"}, n[min(len(n), len(filepath.Base(p))):]) {
				t.Errorf("%s: left beside it: %s", c.rel, n)
			}
		}
		s, err := sql.Open("sqlite", "file:"+p+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		if err := s.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("%s: journal_mode %q, %v; want wal", c.rel, mode, err)
		}
		s.Close()
	}
}
