package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestStateStaysInRoot: the state nimbus keeps in an install root by name — the rpmdb,
// dnf's history, the metadata cache, the transaction journal — is found as a chrooted
// rpm would find it. A root whose /var/lib/rpm is an absolute symlink to
// /usr/lib/sysimage/rpm (Fedora's layout) keeps its rpmdb there, inside the root; a root
// whose /var/cache and /var/lib/dnf are symlinks to host directories (absolute, or
// climbing out with ..) writes its cache and history inside the root at those names. The
// host directories do not change, and the real rpm reads the database where it landed.
func TestStateStaysInRoot(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	for _, relative := range []bool{false, true} {
		t.Run(map[bool]string{false: "absolute", true: "relative"}[relative], func(t *testing.T) {
			root, host := t.TempDir(), t.TempDir()
			for _, d := range []string{"cache", "dnf", "rpm"} {
				os.MkdirAll(filepath.Join(host, d), 0o755)
				os.WriteFile(filepath.Join(host, d, "keep"), []byte("host file\n"), 0o644)
			}
			os.MkdirAll(filepath.Join(root, "var/lib"), 0o755)
			os.MkdirAll(filepath.Join(root, "usr/lib/sysimage/rpm"), 0o755)
			link := func(target, name string) {
				if relative && strings.HasPrefix(target, host) {
					target = strings.Repeat("../", 12) + target // past the root
				}
				if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
					t.Fatal(err)
				}
			}
			link("/usr/lib/sysimage/rpm", "var/lib/rpm")
			link(filepath.Join(host, "cache"), "var/cache")
			link(filepath.Join(host, "dnf"), "var/lib/dnf")
			before := treeHash(t, host)

			nimbusRun(t, root, append(repoArgs(repoDir), "install", "app")...)
			nimbusRun(t, root, append(repoArgs(repoDir), "remove", "extra")...)
			nimbusRun(t, root, append(repoArgs(repoDir), "clean", "all")...)

			if after := treeHash(t, host); after != before {
				t.Errorf("the host directories changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			got := run(t, needTool(t, "rpm"), "--root", root, "--dbpath", "/usr/lib/sysimage/rpm", "-qa", "--qf", "%{NAME}\n")
			f := strings.Fields(got)
			slices.Sort(f)
			if strings.Join(f, " ") != "app lib shell" {
				t.Errorf("rpm -qa of the root's /usr/lib/sysimage/rpm: %q", got)
			}
			// the history is the root's: `history list` shows both transactions
			out, _, err := runCLI(t, nil, "--installroot", root, "history", "list")
			if err != nil || strings.Count(out, "| install")+strings.Count(out, "| Install") < 1 {
				t.Errorf("history list: %v\n%s", err, out)
			}
			if _, err := os.Stat(filepath.Join(root, host, "dnf")); err != nil {
				t.Errorf("the history is not inside the root at the link's name: %v", err)
			}
		})
	}
}

// treeHash lists a directory tree's paths, types and contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		data := ""
		if fi.Mode().IsRegular() {
			d, _ := os.ReadFile(p)
			data = string(d)
		}
		b.WriteString(strings.TrimPrefix(p, dir) + " " + fi.Mode().String() + " " + data + "\n")
		return nil
	})
	return b.String()
}

// TestCacheLinksStayInCache: symlinks planted inside an install root's metadata and package
// cache — its ID-HASH directory's packages/, a partial download in a generation's
// repodata/, a generation's repomd.xml — are resolved inside the cache, never followed to
// the host. Downloads of packages (install), of other.xml (changelog) and the refresh of an
// unchanged repomd.xml (makecache --refresh, which touches it and rewrites the mirrors)
// leave the host's files as they were, and every command still works.
func TestCacheLinksStayInCache(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	srv := httptest.NewServer(http.FileServer(http.Dir(repoDir)))
	t.Cleanup(srv.Close)
	args := []string{"--setopt=reposdir=/dev/null", "--releasever=1", "--nogpgcheck", "--repofrompath=r1," + srv.URL, "--repo=r1"}
	root, host := t.TempDir(), t.TempDir()
	nimbusRun(t, root, append(args, "makecache")...)
	ids, _ := filepath.Glob(filepath.Join(root, "var/cache/dnf/r1-*"))
	if len(ids) != 1 {
		t.Fatalf("cache directories of r1: %v", ids)
	}
	gen, err := filepath.EvalSymlinks(filepath.Join(ids[0], "current"))
	if err != nil {
		t.Fatal(err)
	}
	others, _ := filepath.Glob(filepath.Join(repoDir, "repodata", "*-other.xml*"))
	if len(others) != 1 {
		t.Fatalf("other.xml in the repository: %v", others)
	}
	// the host's files the links point at
	os.MkdirAll(filepath.Join(host, "pk"), 0o755)
	os.WriteFile(filepath.Join(host, "pk", "keep"), []byte("host file\n"), 0o644)
	os.WriteFile(filepath.Join(host, "part"), []byte("host file\n"), 0o644)
	repomd, _ := os.ReadFile(filepath.Join(gen, "repomd.xml"))
	os.WriteFile(filepath.Join(host, "repomd.xml"), repomd, 0o644)
	old := time.Unix(1700000000, 0)
	os.Chtimes(filepath.Join(host, "repomd.xml"), old, old)
	plant := func(target, name string) {
		os.Remove(name)
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	plant(filepath.Join(host, "pk"), filepath.Join(ids[0], "packages"))
	plant(filepath.Join(host, "part"), filepath.Join(gen, "repodata", filepath.Base(others[0])+".part"))
	plant(filepath.Join(host, "repomd.xml"), filepath.Join(gen, "repomd.xml"))
	before := treeHash(t, host)

	nimbusRun(t, root, append(args, "install", "app")...)
	out, errs, err := runCLI(t, nil, append([]string{"--installroot", root}, append(args, "changelog", "app")...)...)
	if err != nil || !strings.Contains(out, "Changelogs for app-") {
		t.Errorf("changelog app: %v\n%s%s", err, out, errs)
	}
	nimbusRun(t, root, append(args, "makecache", "--refresh")...)

	if after := treeHash(t, host); after != before {
		t.Errorf("the host's files changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if fi, err := os.Stat(filepath.Join(host, "repomd.xml")); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("the host's repomd.xml was touched: %v", fi.ModTime())
	}
	if got := installedByRPM(t, root); !strings.Contains(got, "app-") {
		t.Errorf("installed: %s", got)
	}
}
