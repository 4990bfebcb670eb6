package distbuild

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// RepoDir is where the repository of a release and arch is published.
func RepoDir(out, releasever, arch string) string {
	return filepath.Join(out, "repos", releasever, arch)
}

// publishDir lays out a repository directory: exactly the given package files under
// DIR/Packages (hard links to the build's files where possible), stale ones removed,
// then calls index to write DIR/repodata (createrepo in-process, signing repomd.xml).
func publishDir(ctx context.Context, dir string, files []string, index func(ctx context.Context, dir string) error) error {
	pk := filepath.Join(dir, "Packages")
	if err := os.MkdirAll(pk, 0o755); err != nil {
		return err
	}
	want := map[string]string{}
	for _, f := range files {
		want[filepath.Base(f)] = f
	}
	old, _ := filepath.Glob(filepath.Join(pk, "*.rpm"))
	for _, o := range old {
		if _, ok := want[filepath.Base(o)]; !ok {
			if err := os.Remove(o); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		dst := filepath.Join(pk, n)
		src := want[n]
		if si, err := os.Stat(src); err == nil {
			if di, err := os.Stat(dst); err == nil && os.SameFile(si, di) {
				continue
			}
		}
		_ = os.Remove(dst)
		if err := os.Link(src, dst); err != nil {
			if err := fsutil.CopyFile(dst, src); err != nil {
				return fmt.Errorf("publishing %s: %w", n, err)
			}
		}
	}
	if index == nil {
		return fmt.Errorf("publishing %s: no repository metadata writer", dir)
	}
	return index(ctx, dir)
}
