package history

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenDamagedHistory: a 0-byte history.sqlite (what a full disk left before the schema
// was created atomically) and a file that is no database must not stop the package manager:
// readers see an empty history (or a clear error naming the file), writers start anew.
func TestOpenDamagedHistory(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		content    []byte
		readErr    bool // a reader gets an error naming the file
		movedAside bool // a writer moves the file aside
	}{
		{"zero bytes", []byte{}, false, false},
		{"not a database", []byte(strings.Repeat("garbage ", 512)), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, Path)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(root, false)
			if tc.readErr {
				if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "move it away") {
					t.Fatalf("reader: want an error naming %s and what to do, got %v", p, err)
				}
			} else {
				if err != nil {
					t.Fatalf("reader: %v", err)
				}
				ts, err := r.List(ctx)
				if err != nil || len(ts) != 0 {
					t.Fatalf("reader: List = %v, %v; want an empty history", ts, err)
				}
				if _, err := r.Reasons(ctx); err != nil {
					t.Fatalf("reader: Reasons: %v", err)
				}
				r.Close()
			}
			w, err := Open(root, true)
			if err != nil {
				t.Fatalf("writer: %v", err)
			}
			if got := w.Notice != ""; got != tc.movedAside {
				t.Errorf("writer notice %q, want one: %v", w.Notice, tc.movedAside)
			}
			if _, err := w.Record(ctx, &Transaction{Begin: time.Unix(1, 0), End: time.Unix(2, 0), Cmdline: "install x", Items: []Item{{Install, "x-1-1.noarch", "r", User}}}); err != nil {
				t.Fatalf("writer: Record: %v", err)
			}
			w.Close()
			r, err = Open(root, false)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if ts, err := r.List(ctx); err != nil || len(ts) != 1 {
				t.Fatalf("after recording: %v, %v", ts, err)
			}
			aside, _ := filepath.Glob(p + ".broken-*")
			if (len(aside) == 1) != tc.movedAside {
				t.Errorf("moved aside: %v", aside)
			}
			tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".history.sqlite.tmp-*"))
			if len(tmps) > 0 {
				t.Errorf("temporary files left: %v", tmps)
			}
		})
	}
}
