package pm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// TestSyncPackagesStaysInDir: reposync writes and deletes only inside its download
// directory: a location_href that climbs out is refused before anything is fetched, a
// directory of the tree that is a symbolic link out of it is not followed (the package is
// reported failed, nothing is written outside), and --delete leaves what such a link
// points to alone.
func TestSyncPackagesStaysInDir(t *testing.T) {
	src, dest, outside := t.TempDir(), t.TempDir(), t.TempDir()
	body := []byte("package bytes")
	os.MkdirAll(filepath.Join(src, "Packages"), 0o755)
	os.WriteFile(filepath.Join(src, "Packages", "x.rpm"), body, 0o644)
	os.WriteFile(filepath.Join(src, "y.rpm"), body, 0o644)
	sum := sha256.Sum256(body)
	r := &LoadedRepo{Repo: &repo.Repo{ID: "r", BaseURLs: []string{"file://" + src}}}
	pkg := func(loc string) SyncPkg {
		return SyncPkg{Repo: r, Location: loc, File: filepath.Base(loc), Size: int64(len(body)),
			Checksum: repomd.Checksum{Type: "sha256", Value: hex.EncodeToString(sum[:])}}
	}
	b := &Base{}
	ctx := context.Background()
	// an interrupted run's staging directory: removed once stale, a recent one kept
	for _, d := range []string{".reposync-old", ".reposync-live"} {
		os.MkdirAll(filepath.Join(dest, d), 0o755)
		os.WriteFile(filepath.Join(dest, d, "0.part"), []byte("partial"), 0o644)
	}
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(filepath.Join(dest, ".reposync-old"), old, old)

	_, err := b.SyncPackages(ctx, []SyncPkg{pkg("y.rpm"), pkg("../../etc/x.rpm")}, dest, false)
	var oe *OutsideError
	if !errors.As(err, &oe) {
		t.Fatalf("a location climbing out: %v, want an OutsideError", err)
	}
	if _, err := os.Stat(filepath.Join(dest, "y.rpm")); err == nil {
		t.Error("a package was fetched although the list had a location out of the directory")
	}

	if err := os.Symlink(outside, filepath.Join(dest, "Packages")); err != nil {
		t.Fatal(err)
	}
	res, err := b.SyncPackages(ctx, []SyncPkg{pkg("Packages/x.rpm"), pkg("y.rpm")}, dest, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 1 || len(res.Fetched) != 1 || res.Fetched[0] != "y.rpm" {
		t.Errorf("fetched %v, failed %v: want y.rpm fetched and Packages/x.rpm failed", res.Fetched, res.Failed)
	}
	if m, _ := filepath.Glob(filepath.Join(outside, "*")); len(m) > 0 {
		t.Errorf("written through the link out of the directory: %v", m)
	}
	if data, err := os.ReadFile(filepath.Join(dest, "y.rpm")); err != nil || string(data) != string(body) {
		t.Errorf("y.rpm: %q %v", data, err)
	}
	if m, _ := filepath.Glob(filepath.Join(dest, ".reposync-*")); len(m) != 1 || filepath.Base(m[0]) != ".reposync-live" {
		t.Errorf("staging directories after two runs: %v, want only the recent one of another run", m)
	}

	os.WriteFile(filepath.Join(outside, "victim.rpm"), body, 0o644)
	removed, errs := SyncDelete(dest, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(removed) != 1 || removed[0] != filepath.Join(dest, "y.rpm") {
		t.Errorf("removed %v, want only %s", removed, filepath.Join(dest, "y.rpm"))
	}
	if _, err := os.Stat(filepath.Join(outside, "victim.rpm")); err != nil {
		t.Errorf("--delete reached through the link: %v", err)
	}
}

// TestSyncPackagesInterrupted: a sync stopped in the middle of a download (the server
// stalls after half the package, the command is cancelled) leaves nothing at the
// package's name; the next run fetches it whole.
func TestSyncPackagesInterrupted(t *testing.T) {
	body := bytes.Repeat([]byte("rpm payload "), 4096)
	sum := sha256.Sum256(body)
	var stall atomic.Bool
	stall.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !stall.Load() {
			http.ServeContent(w, r, "p.rpm", time.Time{}, bytes.NewReader(body))
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	dest := t.TempDir()
	r := &LoadedRepo{Repo: &repo.Repo{ID: "r", BaseURLs: []string{srv.URL + "/"}}}
	pkg := SyncPkg{Repo: r, Location: "Packages/p.rpm", File: "p.rpm", Size: int64(len(body)),
		Checksum: repomd.Checksum{Type: "sha256", Value: hex.EncodeToString(sum[:])}}
	b := &Base{}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := b.SyncPackages(ctx, []SyncPkg{pkg}, dest, false); err == nil {
		t.Fatal("the interrupted sync reported success")
	}
	if _, err := os.Lstat(filepath.Join(dest, "Packages", "p.rpm")); err == nil {
		t.Fatal("a partial package is at its final name")
	}
	stall.Store(false)
	res, err := b.SyncPackages(context.Background(), []SyncPkg{pkg}, dest, false)
	if err != nil || len(res.Failed) > 0 || len(res.Fetched) != 1 {
		t.Fatalf("second run: %v, failed %v, fetched %v", err, res.Failed, res.Fetched)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "Packages", "p.rpm")); !bytes.Equal(data, body) {
		t.Errorf("the package is not whole after the second run (%d bytes)", len(data))
	}
}
