package publish

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRecallLocal: recalling the newest release moves latest back, removes it when every
// release is recalled, and a recalled version still blocks publishing an older one.
func TestRecallLocal(t *testing.T) {
	s := signer(t)
	to := t.TempDir()
	ctx := context.Background()
	for i, v := range []string{vA, vB} {
		if _, err := Publish(ctx, Options{Version: v, From: source(t, v, "1."+string(rune('0'+i))), To: to, Signer: s, Time: at.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	x, err := Recall(RecallOptions{Dir: to, Version: vB, Reason: "bad", Signer: s, Time: at.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := os.Readlink(filepath.Join(to, "latest")); l != vA || x.Serial != 3 {
		t.Errorf("latest -> %q, serial %d after recalling %s", l, x.Serial, vB)
	}
	if _, err := Recall(RecallOptions{Dir: to, Version: vA, Reason: "bad too", Signer: s, Time: at.Add(3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(to, "latest")); !os.IsNotExist(err) {
		t.Errorf("latest still exists with every release recalled: %v", err)
	}
	const vOld = "2026.9.20260902" // older than the recalled B
	if _, err := Publish(ctx, Options{Version: vOld, From: source(t, vOld, "9"), To: to, Signer: s, Time: at.Add(4 * time.Hour)}); err == nil || !strings.Contains(err.Error(), "not newer") {
		t.Errorf("publishing below a recalled release: %v", err)
	}
	x, err = LoadIndex(to, nil)
	if err != nil || !x.Find(vA).IsRecalled() || !x.Find(vB).IsRecalled() {
		t.Fatalf("index after recalls: %+v %v", x, err)
	}
}
