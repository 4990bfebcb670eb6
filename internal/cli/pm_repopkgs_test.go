package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRepoPkgsLikeDNF: dnf 4.14's `repository-packages REPO SUBCOMMAND` (RepoPkgsCommand)
// against nimbus, step by step on two roots: the usage errors, the aliases, list/info
// with their narrows, check-update, install (the named packages from REPO only, their
// dependencies from anywhere), upgrade, move-to, reinstall, remove-or-reinstall,
// remove-or-distro-sync and remove, which go by the repository a package was installed
// from. r1 is fixturesV1, r2 lib and app 2.0, r3 a copy of r1's tool (the same package in
// two repositories).
func TestRepoPkgsLikeDNF(t *testing.T) {
	repo1, repo2, repo3 := t.TempDir(), t.TempDir(), t.TempDir()
	buildRepo(t, repo1, fixturesV1)
	buildRepo(t, repo2, fixturesV2[:2])
	tool, err := os.ReadFile(filepath.Join(repo1, "tool-1.0-1.noarch.rpm"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(repo3, "tool-1.0-1.noarch.rpm"), tool, 0o644)
	run(t, needTool(t, "createrepo_c"), "-q", repo3)
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r1]\nname=r1\nbaseurl=file://%s\n\n[r2]\nname=r2\nbaseurl=file://%s\n\n[r3]\nname=r3\nbaseurl=file://%s\n", repo1, repo2, repo3)), 0o644)
	runSteps(t, conf, env, []dnfStep{
		{[]string{"repository-packages", "r1", "list"}, 0, false},
		{[]string{"repo-pkgs", "r2", "list", "available"}, 0, false},
		{[]string{"repo-packages", "r2", "info", "--available", "lib"}, 0, false},
		{[]string{"repository-pkgs", "r1", "list", "--installed"}, 0, false},
		{[]string{"repo-pkgs", "r1", "install", "nosuch"}, 1, false},
		{[]string{"-y", "repo-pkgs", "r1", "install", "app"}, 0, false}, // lib 2.0 from r2: deps come from anywhere
		{[]string{"-y", "repo-pkgs", "r1", "install", "tool", "nosuch"}, 0, false},
		{[]string{"repo-pkgs", "r1", "list", "installed"}, 0, false},
		{[]string{"repo-pkgs", "r2", "list", "--installed"}, 0, false},
		{[]string{"repo-pkgs", "r2", "list"}, 0, false},
		{[]string{"repo-pkgs", "r2", "check-update"}, 100, false},
		{[]string{"repo-pkgs", "r1", "check-update"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r3", "move-to", "tool"}, 0, false},
		{[]string{"repo-pkgs", "r3", "info", "--installed"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r3", "move-to", "lib"}, 1, false},
		{[]string{"-y", "repo-pkgs", "r3", "remove-or-reinstall", "tool"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r1", "reinstall", "tool"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r2", "upgrade"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r2", "remove-or-distro-sync"}, 0, false},
		{[]string{"repo-pkgs", "r2", "remove-or-distro-sync", "nosuch"}, 1, false},
		{[]string{"-y", "repo-pkgs", "r2", "upgrade-to", "lib"}, 0, false},
		{[]string{"--assumeno", "repo-pkgs", "r2", "remove-or-distro-sync", "lib"}, 1, false},
		{[]string{"repo-pkgs", "r2", "reinstall-old"}, 1, false},
		{[]string{"repo-pkgs", "r1", "info", "installed", "lib"}, 1, false}, // lib came from r2
		{[]string{"repo-pkgs", "r2", "info", "installed", "lib"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r2", "downgrade"}, 2, false},
		{[]string{"-y", "repo-pkgs", "r1", "upgrade", "lib"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r1", "remove", "lib"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r2", "remove", "lib"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r1", "remove-or-reinstall"}, 0, false},
		{[]string{"-y", "repo-pkgs", "r3", "remove"}, 0, false},
		{[]string{"repo-pkgs"}, 2, false},
		{[]string{"repo-pkgs", "r1"}, 2, false},
		{[]string{"repo-pkgs", "r1", "frob"}, 2, false},
	})
}
