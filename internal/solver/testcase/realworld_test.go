package testcase

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// realWorldFiles lists the testcases of testdata/solver-testcases: CentOS Stream 9
// AppStream and Debian 12 over an installed system, repositories in compressed files,
// results inline and in .r files, expected results recorded from testsolv
// (testdata/solver-testcases/generate.sh).
func realWorldFiles(t *testing.T) (string, []string) {
	t.Helper()
	dir := testfiles.Path(t, "solver-testcases")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.t"))
	if err != nil || len(files) < 10 {
		t.Fatalf("real-world testcases under %s: %d files (%v), want at least 10", dir, len(files), err)
	}
	sort.Strings(files)
	for i, f := range files {
		files[i], _ = filepath.Rel(dir, f)
	}
	return dir, files
}

// TestRealWorldTestcases runs the real-world-style testcases against testsolv's recorded
// answers, section by section. A section may fail only when it is listed in
// testdata/realworld-known-failures.txt ("dir/file.t#N reason"), and a listed section
// that passes fails the test, so the list only shrinks. The scoreboard is printed.
func TestRealWorldTestcases(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real-world testcases load AppStream and Debian 12 (a minute); they run in CI and full local runs")
	}
	dir, files := realWorldFiles(t)
	known := readKnownFailures(t, "testdata/realworld-known-failures.txt")
	seen := map[string]bool{}
	pass, fail, total, info, infoOK := 0, 0, 0, 0, 0
	for _, name := range files {
		res, err := RunFile(os.DirFS(dir), filepath.ToSlash(name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, s := range res.Sections {
			key := fmt.Sprintf("%s#%d", filepath.ToSlash(name), s.Index)
			seen[key] = true
			total++
			info += s.InfoExpected
			infoOK += s.InfoMatched
			reason, listed := known[key]
			switch {
			case s.Outcome == Pass:
				pass++
				if listed {
					t.Errorf("%s passes but is listed in testdata/realworld-known-failures.txt (%s): remove it", key, reason)
				}
			case s.Outcome == Skip:
				t.Errorf("%s skipped: %s", key, s.Reason)
			case listed:
				fail++
				t.Logf("KNOWN-FAIL %s: %s", key, reason)
			default:
				fail++
				t.Errorf("FAIL %s: %s\n  %s", key, s.Reason, strings.Join(s.Diff[:min(len(s.Diff), 12)], "\n  "))
			}
		}
	}
	for key := range known {
		if !seen[key] {
			t.Errorf("realworld-known-failures.txt lists %s, which does not exist", key)
		}
	}
	fmt.Printf("real-world testcases: %d files, %d sections: %d pass, %d fail (as testsolv answered); problem descriptions worded as libsolv's: %d of %d\n",
		len(files), total, pass, fail, infoOK, info)
	// a ratchet on the wording, as measured when the suite was written
	if infoOK < 20 {
		t.Errorf("problem wording regressed: %d of %d descriptions match testsolv's, want at least 20", infoOK, info)
	}
}

// TestRealWorldResultsAreTestsolvs runs testsolv itself on the real-world testcases: it
// exits 0 only when every recorded result is still what it answers, so the suite stays
// a comparison with libsolv, not with a snapshot. Without testsolv it skips, except in
// CI (CI=true), where a missing referee fails.
func TestRealWorldResultsAreTestsolvs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: testsolv over the real-world testcases takes a minute")
	}
	ts, err := exec.LookPath("testsolv")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("testsolv not installed (apt-get install libsolv-tools; scripts/setup.sh): the differential check cannot run")
		}
		t.Skip("testsolv not installed (apt-get install libsolv-tools): differential check not done")
	}
	dir, files := realWorldFiles(t)
	for _, name := range files {
		cmd := exec.Command(ts, filepath.Base(name))
		cmd.Dir = filepath.Join(dir, filepath.Dir(name))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("testsolv %s: %v\n%s", name, err, out)
		}
	}
}
