package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestRepoqueryTreeLikeDNF: `repoquery --tree` (dnf 4.14's tree_seed and grow_tree) with
// --requires, --provides, --whatrequires and --whatrequires --recursive, over the
// repository and over installed packages, and its error without a switch, beside dnf.
func TestRepoqueryTreeLikeDNF(t *testing.T) {
	repo1, repo2 := t.TempDir(), t.TempDir()
	buildRepo(t, repo1, fixturesV1)
	buildRepo(t, repo2, fixturesV2[:2])
	// a chain three deep, for the tree's indentation: top -> mid -> base
	repo3 := t.TempDir()
	buildRepo(t, repo3, []fixture{
		{name: "top", version: "1", release: "1", tags: []string{"Requires: mid"}},
		{name: "mid", version: "1", release: "1", tags: []string{"Requires: base >= 1", "Requires: lib"}},
		{name: "base", version: "1", release: "1"},
	})
	env := dnfEnv(t)
	conf := filepath.Join(t.TempDir(), "dnf.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf("[main]\nreposdir=/dev/null\ngpgcheck=0\n\n[r1]\nname=r1\nbaseurl=file://%s\n\n[r2]\nname=r2\nbaseurl=file://%s\n\n[r3]\nname=r3\nbaseurl=file://%s\n", repo1, repo2, repo3)), 0o644)
	runSteps(t, conf, env, []dnfStep{
		{[]string{"repoquery", "--tree"}, 1, false},
		{[]string{"repoquery", "--tree", "app"}, 1, false},
		{[]string{"repoquery", "--tree", "--requires", "app"}, 0, false},
		{[]string{"repoquery", "--tree", "--requires", "tool"}, 0, false},
		{[]string{"repoquery", "--tree", "--requires", "--resolve", "app-1.0"}, 0, false},
		{[]string{"repoquery", "--tree", "--provides", "lib"}, 0, false},
		{[]string{"repoquery", "--tree", "--whatrequires", "lib"}, 0, false},
		{[]string{"repoquery", "--tree", "--whatrequires", "extra"}, 0, false},
		// --latest-limit 1: dnf orders packages of one name as a Python set of libsolv ids
		// hands them out (here app-1.0 before app-2.0, but 2.0 first without --recursive);
		// nimbus puts the newest first (docs/pm.md)
		{[]string{"repoquery", "--tree", "--whatrequires", "lib", "--recursive", "--latest-limit", "1"}, 0, false},
		{[]string{"repoquery", "--tree", "--requires", "nosuch"}, 0, false},
		{[]string{"repoquery", "--tree", "--requires", "top"}, 0, false},
		{[]string{"repoquery", "--tree", "--requires", "--nvr", "top", "mid"}, 0, false},
		{[]string{"repoquery", "--tree", "--whatrequires", "base"}, 0, false},
		{[]string{"repoquery", "--tree", "--whatrequires", "base", "--recursive"}, 0, false},
		{[]string{"-y", "install", "app-1.0"}, 0, false},
		{[]string{"-y", "install", "tool"}, 0, false},
		{[]string{"repoquery", "--installed", "--tree", "--requires", "app"}, 0, false},
		{[]string{"repoquery", "--installed", "--tree", "--whatrequires", "lib"}, 0, false},
		{[]string{"repoquery", "--tree", "--whatrequires", "/bin/sh"}, 0, false},
	})
}
