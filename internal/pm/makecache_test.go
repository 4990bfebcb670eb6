package pm

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMakecache(t *testing.T) {
	ctx := context.Background()
	repoDir := fixtureRepo(t, pkgYAML("a", "1.0"), pkgYAML("b", "1.0", "a"))
	root := t.TempDir()
	var log bytes.Buffer
	cfg := testConfig(root, repoDir, &log)
	cfg.Setopt = nil // metadata_expire's default: a second makecache keeps the cache
	if err := Makecache(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "var/cache/dnf/fixture-*"))
	if len(dirs) != 1 {
		t.Fatalf("cache directories: %q", dirs)
	}
	cur, err := filepath.EvalSymlinks(filepath.Join(dirs[0], "current"))
	if err != nil {
		t.Fatalf("no current cache generation: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cur, "index.nidx")); err != nil {
		t.Fatalf("no index written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "var/lib/rpm")); err == nil {
		t.Errorf("makecache created an rpmdb in the root")
	}
	if err := Makecache(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if again, _ := filepath.EvalSymlinks(filepath.Join(dirs[0], "current")); again != cur {
		t.Errorf("unexpired metadata was downloaded again: %s, then %s", cur, again)
	}
	// The cache is what a cache-only command then uses.
	cfg.CacheOnly = true
	b, err := Open(ctx, cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Repos) != 1 || b.Repos[0].Index.Len() != 2 {
		t.Fatalf("cache-only open after makecache: %d repositories", len(b.Repos))
	}
}

func TestMakecacheUnavailable(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	var log bytes.Buffer
	cfg := testConfig(root, filepath.Join(t.TempDir(), "missing"), &log)
	err := Makecache(ctx, cfg)
	if err == nil || !strings.Contains(err.Error(), "fixture") {
		t.Fatalf("want an error naming the repository, got %v", err)
	}
	cfg.Setopt = map[string]string{"fixture.skip_if_unavailable": "1"}
	if err := Makecache(ctx, cfg); err != nil {
		t.Fatalf("skip_if_unavailable: %v", err)
	}
	if !strings.Contains(log.String(), "Ignoring repositories: fixture") {
		t.Errorf("log does not say the repository was ignored: %q", log.String())
	}
}
