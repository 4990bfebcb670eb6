package pm

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMakecache(t *testing.T) {
	ctx := context.Background()
	repoDir := fixtureRepo(t, pkgYAML("a", "1.0"), pkgYAML("b", "1.0", "a"))
	root := t.TempDir()
	var log bytes.Buffer
	cfg := testConfig(root, repoDir, &log)
	cfg.Setopt = nil // metadata_expire's default: a second makecache keeps the cache
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
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
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
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
	_, err := Makecache(ctx, cfg, MakecacheOptions{})
	if err == nil || !strings.Contains(err.Error(), "fixture") {
		t.Fatalf("want an error naming the repository, got %v", err)
	}
	cfg.Setopt = map[string]string{"fixture.skip_if_unavailable": "1"}
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
		t.Fatalf("skip_if_unavailable: %v", err)
	}
	if !strings.Contains(log.String(), "Ignoring repositories: fixture") {
		t.Errorf("log does not say the repository was ignored: %q", log.String())
	}
}

// TestMakecacheTimer: dnf-makecache.timer's run (dnf's update_cache(timer=True)).
func TestMakecacheTimer(t *testing.T) {
	ctx := context.Background()
	repoDir := fixtureRepo(t, pkgYAML("a", "1.0"))
	root := t.TempDir()
	var log bytes.Buffer
	cfg := testConfig(root, repoDir, &log)
	cfg.Setopt = nil
	now := time.Now()
	cfg.Now = func() time.Time { return now }
	ps := t.TempDir() // no power supply: a cloud instance runs
	mo := MakecacheOptions{Timer: true, PowerSupplyDir: ps}
	res, err := Makecache(ctx, cfg, mo)
	if err != nil || !res.Created || !strings.Contains(log.String(), "Failed determining last makecache time.") {
		t.Fatalf("first run: %+v %v %q", res, err, log.String())
	}
	last := filepath.Join(root, "var/cache/dnf", LastMakecache)
	if _, err := os.Stat(last); err != nil {
		t.Fatalf("the run was not recorded: %v", err)
	}
	if res, _ := Makecache(ctx, cfg, mo); res.Skipped != "Metadata cache refreshed recently." {
		t.Errorf("second run: %+v", res)
	}
	// Past the period: metadata expiring within the next period is fetched now.
	dirs, _ := filepath.Glob(filepath.Join(root, "var/cache/dnf/fixture-*"))
	gen, _ := filepath.EvalSymlinks(filepath.Join(dirs[0], "current"))
	now = now.Add(47 * time.Hour) // metadata_expire 48h: expires in 1h < 3h
	if res, err := Makecache(ctx, cfg, mo); err != nil || !res.Created {
		t.Fatalf("run after the period: %+v %v", res, err)
	}
	// the mirror's repomd.xml is the same: the generation stays and its age starts again
	if fi, err := os.Stat(filepath.Join(gen, "repomd.xml")); err != nil || !fi.ModTime().Equal(now.Truncate(time.Second)) && !fi.ModTime().Equal(now) {
		t.Errorf("metadata expiring within metadata_timer_sync was not refreshed: %v %v", fi.ModTime(), err)
	}
	// On battery, or disabled: nothing.
	os.MkdirAll(filepath.Join(ps, "AC0"), 0o755)
	os.WriteFile(filepath.Join(ps, "AC0/online"), []byte("0\n"), 0o644)
	if res, _ := Makecache(ctx, cfg, mo); res.Skipped != "Metadata timer caching disabled when running on a battery." {
		t.Errorf("on battery: %+v", res)
	}
	os.WriteFile(filepath.Join(ps, "AC0/online"), []byte("1\n"), 0o644)
	cfg.Setopt = map[string]string{"metadata_timer_sync": "0"}
	if res, _ := Makecache(ctx, cfg, mo); res.Skipped != "Metadata timer caching disabled." {
		t.Errorf("metadata_timer_sync=0: %+v", res)
	}
}

// TestCleanStaysInCache: dnf clean goes through os.Root on the cache directory. Links in
// the cache to a host directory (a repository's packages, a whole repository directory)
// are removed or skipped, never followed; a root whose /var/cache is a symlink to the
// host has its cache inside the root.
func TestCleanStaysInCache(t *testing.T) {
	ctx := context.Background()
	repoDir := fixtureRepo(t, pkgYAML("a", "1.0"))
	root, host := t.TempDir(), t.TempDir()
	for _, f := range []string{"x.rpm", "gen-1/index.nidx", "packages/y.rpm"} {
		os.MkdirAll(filepath.Dir(filepath.Join(host, f)), 0o755)
		os.WriteFile(filepath.Join(host, f), []byte("host\n"), 0o644)
	}
	os.MkdirAll(filepath.Join(root, "var"), 0o755)
	os.Symlink(host, filepath.Join(root, "var/cache")) // out of the root
	var log bytes.Buffer
	cfg := testConfig(root, repoDir, &log)
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join(root, host, "dnf/fixture-*"))
	if len(dirs) != 1 {
		t.Fatalf("the cache is not inside the root: %q", dirs)
	}
	os.Symlink(filepath.Join(host, "packages"), filepath.Join(dirs[0], "packages"))
	os.Symlink(host, filepath.Join(root, host, "dnf/linked-0123"))
	before := treeOf(t, host)
	b, err := Open(ctx, cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Clean([]string{"all"})
	if err != nil || res.Removed == 0 {
		t.Fatalf("clean all: %+v %v", res, err)
	}
	if after := treeOf(t, host); after != before {
		t.Errorf("the host directory changed:\n%s\n%s", before, after)
	}
	if left, _ := filepath.Glob(filepath.Join(dirs[0], "gen-*")); len(left) != 0 {
		t.Errorf("metadata left: %q", left)
	}
}

func treeOf(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			fmt.Fprintf(&b, "%s %v\n", p, d.Type())
		}
		return nil
	})
	return b.String()
}

// TestCacheDirInRoot: with an install root, cachedir is the root's wherever it was set
// (dnf prepends the root to it), so the cache never lands outside the root; a cachedir
// already inside the root is that directory.
func TestCacheDirInRoot(t *testing.T) {
	ctx := context.Background()
	repoDir := fixtureRepo(t, pkgYAML("a", "1.0"))
	root, host := t.TempDir(), t.TempDir()
	var log bytes.Buffer
	cfg := testConfig(root, repoDir, &log)
	cfg.Setopt = map[string]string{"cachedir": filepath.Join(host, "cache")}
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(host); len(ents) != 0 {
		t.Errorf("the cache was written outside the root: %v", ents)
	}
	if m, _ := filepath.Glob(filepath.Join(root, host, "cache", "fixture-*")); len(m) != 1 {
		t.Errorf("no cache at the root's %s/cache: %v", host, m)
	}
	cfg.Setopt = map[string]string{"cachedir": filepath.Join(root, "var/cache/other")}
	if _, err := Makecache(ctx, cfg, MakecacheOptions{}); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(root, "var/cache/other", "fixture-*")); len(m) != 1 {
		t.Errorf("a cachedir inside the root was not used as it is: %v", m)
	}
}
