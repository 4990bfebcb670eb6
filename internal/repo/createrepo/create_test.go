package createrepo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// TestZeroTimeIsNow: without a time the repository is stamped now, as createrepo_c does,
// not with year 1 (-62135596800), which readers refuse; what it writes reads back.
func TestZeroTimeIsNow(t *testing.T) {
	dir := t.TempDir()
	before := time.Now().Unix()
	res, err := Create(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := time.Now().Unix()
	if res.Repomd.Revision == "" {
		t.Fatal("no revision")
	}
	for _, d := range res.Repomd.Data {
		if d.Timestamp < before || d.Timestamp > after {
			t.Errorf("%s timestamp %d, want within [%d, %d]", d.Type, d.Timestamp, before, after)
		}
	}
	f, err := os.Open(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := repomd.ParseRepomd(f); err != nil {
		t.Errorf("reading back: %v", err)
	}
}
