package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSymlinkMtimeLikeRPM: a package's symlink gets the mtime the package records, as the
// real rpm 4.18 gives it (not the install time), and its target keeps its own. The same
// rpmbuild package is installed with rpm -i and with nimbus install, and both roots are
// compared with lstat.
func TestSymlinkMtimeLikeRPM(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []fixture{{name: "lnk", version: "1.0", release: "1", files: []string{"/usr/bin/pm"},
		install:  "touch -d @1500000000 %{buildroot}/usr/bin/pm\nln -s pm %{buildroot}/usr/bin/yum\ntouch -h -d @1600000000 %{buildroot}/usr/bin/yum\n",
		rawFiles: []string{"/usr/bin/yum"}}})
	pkg := filepath.Join(repo, "lnk-1.0-1.noarch.rpm")
	recorded := run(t, needTool(t, "rpm"), "-qp", "--qf", "[%{FILENAMES}=%{FILEMTIMES}\n]", pkg)
	if !strings.Contains(recorded, "/usr/bin/yum=1600000000") {
		t.Fatalf("rpmbuild did not keep the link's mtime: %s", recorded)
	}
	rpmRoot, nimRoot := t.TempDir(), t.TempDir()
	run(t, needTool(t, "rpm"), "--root", rpmRoot, "--dbpath", "/var/lib/rpm", "-i", "--nodeps", pkg)
	nimbusRun(t, nimRoot, append(repoArgs(repo), "install", "lnk")...)
	for _, p := range []string{"usr/bin/yum", "usr/bin/pm"} {
		var got [2]int64
		for i, root := range []string{rpmRoot, nimRoot} {
			fi, err := os.Lstat(filepath.Join(root, p))
			if err != nil {
				t.Fatal(err)
			}
			got[i] = fi.ModTime().Unix()
		}
		if got[0] != got[1] || !strings.Contains(recorded, "/"+p+"="+strconv.FormatInt(got[0], 10)) {
			t.Errorf("%s: mtime under rpm %d, under nimbus %d; the package records\n%s", p, got[0], got[1], recorded)
		}
	}
}
