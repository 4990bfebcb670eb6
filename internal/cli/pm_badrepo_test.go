package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A .repo file in the root (any package can ship one) whose id climbs out of the cache
// with "../" is skipped with dnf's "Bad id for repo" warning, and nothing is written
// outside the root: neither metadata nor packages. The good section of the same file is
// still used, as dnf uses it.
func TestPMBadRepoIDStaysInRoot(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1[1:2]) // lib
	outside := t.TempDir()
	root := filepath.Join(outside, "a", "b", "root")
	if err := os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf := "[../../../../../../evil]\nname=evil\nbaseurl=file://" + repoDir + "\ngpgcheck=0\n" +
		"[good]\nname=good\nbaseurl=file://" + repoDir + "\ngpgcheck=0\n"
	if err := os.WriteFile(filepath.Join(root, "etc/yum.repos.d/evil.repo"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"makecache"}, {"install", "lib"}} {
		out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root, "--releasever=1"}, args...)...)
		if err != nil {
			t.Fatalf("nimbus %v: %v\n%s\n%s", args, err, out, errs)
		}
		if !strings.Contains(errs, "Bad id for repo: ../../../../../../evil, byte = / 2") {
			t.Errorf("nimbus %v: no dnf-like warning:\n%s", args, errs)
		}
	}
	if got := installedByRPM(t, root); got != "lib-1.0-1.noarch" {
		t.Errorf("installed %q, want lib from the good repository", got)
	}
	// Nothing but the root under outside/, and nothing named evil anywhere near it.
	filepath.Walk(outside, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		if strings.HasPrefix(p, root+"/") || p == root || strings.HasPrefix(root, p) {
			return nil
		}
		t.Errorf("written outside the root: %s", p)
		return nil
	})
}
