// Package testfiles finds the data sets kept in the module's top-level testdata/ folder
// (libsolv's testcases, rpm's vercmp vectors, real repository metadata). Tests and
// bench/ scripts find them one way: testdata/ beside go.mod, so a clone alone runs
// every test. See testdata/README.md for what each data set is, where it came from and
// its licence.
package testfiles

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Names of the data sets under testdata/.
const (
	LibsolvTestcases = "libsolv-0.7.23-testcases"
	RpmVercmp        = "rpmvercmp.tsv"
	AppStream        = "centos-stream9-appstream"
	DebianPackages   = "debian-12.15-bookworm-main-amd64-Packages.xz"
)

// Root returns the module's testdata/ folder, found by walking up from the working
// directory (a test's is its package folder) to the directory holding go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Path returns testdata/NAME of the module and fails the test when it is missing: the
// data ships in the repository, so its absence is a broken checkout, never a skip.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	root, err := Root()
	if err != nil {
		tb.Fatalf("module root (go.mod) not found above the working directory: %v", err)
	}
	p := filepath.Join(root, name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("test data %s is missing (%v); it ships in the repository's testdata/ (see testdata/README.md)", name, err)
	}
	return p
}

// Need stops a test whose prerequisite (a referee tool, root, a kernel in the cache) is
// missing: in CI (CI=true, where scripts/setup.sh installed everything) that is a
// failure; elsewhere the test is skipped with the reason, so a developer's machine without
// QEMU still runs the rest. The reason names what to install.
func Need(tb testing.TB, err error) {
	tb.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("prerequisite missing in CI: %v (scripts/setup.sh installs it)", err)
	}
	tb.Skipf("skipping: %v", err)
}

// Tool returns the path of the program NAME from PATH, or stops the test through Need,
// naming the Debian package PKG that ships it.
func Tool(tb testing.TB, name, pkg string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Need(tb, fmt.Errorf("%s is not installed (apt-get install %s)", name, pkg))
	}
	return p
}
