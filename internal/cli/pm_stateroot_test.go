package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
