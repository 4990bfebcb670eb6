package cli

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMakecacheCleanLikeDNF: dnf-makecache.timer's `makecache --timer` and `dnf clean`
// beside dnf 4.14, each tool in its own root with the same dnf.conf: stdout, stderr and
// the exit code of every step. The counts of files clean removes differ by design (the
// caches' layouts differ), so "N files removed" is compared as words.
func TestMakecacheCleanLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	count := regexp.MustCompile(`^\d+ files? removed$`)
	norm := func(s string) string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			l = strings.TrimRight(l, " ")
			switch {
			case strings.Contains(l, "B/s |"), strings.HasPrefix(l, "Last metadata expiration check"):
				continue
			case count.MatchString(l):
				l = "N files removed"
			case strings.HasPrefix(l, "usage: ") || strings.HasPrefix(l, "  "):
				continue // argparse's usage lists dnf's options; the error line is compared
			}
			out = append(out, l)
		}
		return strings.Join(out, "\n")
	}
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range []struct {
		args []string
		rc   int
	}{
		{[]string{"makecache", "--timer"}, 0},
		{[]string{"makecache", "--timer"}, 0},
		{[]string{"makecache", "timer", "--setopt=metadata_timer_sync=0"}, 0},
		{[]string{"mc"}, 0},
		{[]string{"-q", "makecache"}, 0},
		{[]string{"makecache", "bogus"}, 2},
		{[]string{"makecache", "timer", "x"}, 2},
		{[]string{"clean", "expire-cache"}, 0},
		{[]string{"list", "--available", "lib"}, 0},
		{[]string{"clean", "dbcache"}, 0},
		{[]string{"list", "--available", "lib"}, 0},
		{[]string{"clean", "metadata", "packages"}, 0},
		{[]string{"list", "--available", "lib"}, 0},
		{[]string{"clean", "all"}, 0},
		{[]string{"-q", "clean", "all"}, 0},
		{[]string{"clean"}, 2},
		{[]string{"clean", "nope"}, 2},
		{[]string{"clean", "all", "nope"}, 2},
	} {
		var got [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := roots[tool]
			args := append([]string{"-c", conf, "--installroot", root, "--releasever=1", "--setopt=cachedir=" + filepath.Join(root, "var/cache/dnf")}, st.args...)
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
			if rc != st.rc {
				t.Errorf("%v: %s exited %d, want %d\nstdout: %s\nstderr: %s", st.args, tool, rc, st.rc, out, errs)
			}
			got[i] = fmt.Sprintf("rc %d\nstdout:\n%s\nstderr:\n%s", rc, norm(out), norm(errs))
		}
		if got[0] != got[1] {
			t.Errorf("%v differs:\n--- dnf\n%s\n--- nimbus\n%s", st.args, got[0], got[1])
		}
	}
}

// TestMetadataAgeNoteLikeDNF: "Last metadata expiration check" is noted, as dnf's
// fill_sack notes it, only when the metadata's age in whole seconds is not 0: not by the
// command that fetched it, and by one that found it in the cache. dnf and nimbus run each
// step in their own roots.
func TestMetadataAgeNoteLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	noted := func(tool string) bool {
		args := []string{"-c", conf, "--installroot", roots[tool], "--releasever=1", "list", "--available", "lib"}
		out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, args...)
		if rc != 0 {
			t.Fatalf("%s %v: exit %d\n%s", tool, args, rc, errs)
		}
		return strings.Contains(out, "Last metadata expiration check: ")
	}
	for _, tool := range []string{"dnf", "nimbus"} {
		if noted(tool) {
			t.Errorf("%s noted the age of the metadata it fetched in the same command", tool)
		}
	}
	time.Sleep(2 * time.Second) // the cache ages, as dnf's and nimbus's own clocks see it
	for _, tool := range []string{"dnf", "nimbus"} {
		if !noted(tool) {
			t.Errorf("%s did not note the age of metadata fetched by the command before", tool)
		}
	}
}

// TestVerboseHeaderLikeDNF: with -v (with -q too: -v's debug level wins) dnf's stdout
// begins with "DNF version: 4.14.0" and "cachedir: ROOT/var/cache/dnf", also for repolist,
// whose notes go to stderr. dnf's third line, the User-Agent libdnf constructed from the
// host's os-release, is not printed by nimbus (it sends none of libdnf's).
func TestVerboseHeaderLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "r", repoDir)
	for _, args := range [][]string{{"-v", "list", "--available", "lib"}, {"-q", "-v", "list", "--available", "lib"}, {"-v", "repolist"}, {"-q", "list", "--available", "lib"}} {
		var heads [2]string
		for i, tool := range []string{"dnf", "nimbus"} {
			root := t.TempDir()
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, append([]string{"-c", conf, "--installroot", root, "--releasever=1"}, args...)...)
			if rc != 0 {
				t.Fatalf("%s %v: exit %d\n%s", tool, args, rc, errs)
			}
			lines := strings.SplitN(out, "\n", 3)
			if len(lines) < 3 {
				t.Fatalf("%s %v: %q", tool, args, out)
			}
			heads[i] = strings.ReplaceAll(lines[0]+"\n"+lines[1], root, "ROOT")
		}
		if heads[0] != heads[1] {
			t.Errorf("%v: dnf begins\n%s\nnimbus\n%s", args, heads[0], heads[1])
		}
	}
}

// TestMetadataDownloadLineLikeDNF: the line dnf's progress meter leaves for each repository
// whose metadata a command downloads ("r   36 MB/s | 164 kB  00:00"): on stdout, on stderr
// for repoquery (its notes go there), none with -q, and one for a refresh that finds
// repomd.xml unchanged. The rate and size are each tool's own, so the line's shape is
// compared: the name, the columns of its fields, the width.
func TestMetadataDownloadLineLikeDNF(t *testing.T) {
	repoDir := t.TempDir()
	buildRepo(t, repoDir, fixturesV1)
	env := dnfEnv(t)
	conf := fileRepoConf(t, "the r repository", repoDir)
	shape := regexp.MustCompile(`^the r repository +[0-9.]+ [ kMG]B/s \| +[0-9.]+ [ kMG]B +\d\d:\d\d    $`)
	lines := func(s string) (n int, shapes []string) {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, "B/s |") {
				n++
				if !shape.MatchString(l) {
					shapes = append(shapes, l)
				}
				shapes = append(shapes, fmt.Sprintf("%d columns, B/s at %d, | at %d", len(l), strings.Index(l, "B/s"), strings.Index(l, "|")))
			}
		}
		return n, shapes
	}
	roots := map[string]string{"dnf": t.TempDir(), "nimbus": t.TempDir()}
	for _, st := range []struct {
		args           []string
		stdout, stderr int // lines in each
	}{
		{[]string{"list", "--available", "lib"}, 1, 0},
		{[]string{"list", "--available", "lib"}, 0, 0}, // cached
		{[]string{"--refresh", "list", "--available", "lib"}, 1, 0},
		{[]string{"clean", "all"}, 0, 0},
		{[]string{"repoquery", "lib"}, 0, 1},
		{[]string{"clean", "all"}, 0, 0},
		{[]string{"-q", "list", "--available", "lib"}, 0, 0},
	} {
		var shapes [2][]string
		for i, tool := range []string{"dnf", "nimbus"} {
			out, errs, rc := runTool(t, tool, env, []string{"--noplugins"}, append([]string{"-c", conf, "--installroot", roots[tool], "--releasever=1"}, st.args...)...)
			if rc != 0 {
				t.Fatalf("%s %v: exit %d\n%s", tool, st.args, rc, errs)
			}
			no, so := lines(out)
			ne, se := lines(errs)
			if no != st.stdout || ne != st.stderr {
				t.Errorf("%s %v: %d lines on stdout, %d on stderr, want %d and %d\n%s%s", tool, st.args, no, ne, st.stdout, st.stderr, out, errs)
			}
			shapes[i] = append(so, se...)
		}
		if !slices.Equal(shapes[0], shapes[1]) {
			t.Errorf("%v: dnf's line %q, nimbus's %q", st.args, shapes[0], shapes[1])
		}
	}
}
