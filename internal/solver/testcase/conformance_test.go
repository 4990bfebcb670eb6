package testcase

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// readKnownFailures reads testdata/known-failures.txt: "folder/file.t
// reason" (any section of the file may fail) or "folder/file.t#N reason"
// (only section N may fail; several lines for several sections).
func readKnownFailures(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatalf("known failures: %v", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// TestLibsolvConformance runs every libsolv testcase and prints a
// scoreboard per folder. It fails when the testcases are missing, when a
// case fails that is not a listed known failure, and when a listed known
// failure passes (so the list only shrinks).
func TestLibsolvConformance(t *testing.T) {
	// libsolv 0.7.23's testcases (testdata/libsolv-0.7.23-testcases, BSD).
	conformanceDir := testfiles.Path(t, testfiles.LibsolvTestcases)
	fsys := os.DirFS(conformanceDir)
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".t") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("walking %s: %v", conformanceDir, err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no .t files under %s", conformanceDir)
	}
	known := readKnownFailures(t, "testdata/known-failures.txt")
	type score struct{ pass, fail, known, skip, secPass, secTotal int }
	infoTotal, infoMatched := 0, 0
	board := map[string]*score{}
	var folders []string
	var total score
	for _, name := range files {
		folder := path.Dir(name)
		sc := board[folder]
		if sc == nil {
			sc = &score{}
			board[folder] = sc
			folders = append(folders, folder)
		}
		res, err := RunFile(fsys, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			sc.fail++
			continue
		}
		for _, s := range res.Sections {
			if s.Outcome != Skip {
				infoTotal += s.InfoExpected
				infoMatched += s.InfoMatched
				sc.secTotal++
				if s.Outcome == Pass {
					sc.secPass++
				}
			}
		}
		reason, isKnown := known[name]
		// section-level entries: exactly the listed sections may fail
		var listed []int
		for k := range known {
			if f, sec, ok := strings.Cut(k, "#"); ok && f == name {
				n := 0
				fmt.Sscan(sec, &n)
				listed = append(listed, n)
				isKnown, reason = true, known[k]
			}
		}
		if len(listed) > 0 {
			failing := map[int]bool{}
			for _, s := range res.Sections {
				if s.Outcome == Fail {
					failing[s.Index] = true
				}
			}
			for _, n := range listed {
				if !failing[n] {
					t.Errorf("%s section %d passes but is listed in testdata/known-failures.txt: remove it", name, n)
				}
				delete(failing, n)
			}
			for n := range failing {
				t.Errorf("%s section %d fails and is not listed as a known failure", name, n)
			}
		}
		switch res.Outcome() {
		case Pass:
			sc.pass++
			if isKnown && len(listed) == 0 {
				t.Errorf("%s passes but is listed in testdata/known-failures.txt (%s): remove it", name, reason)
			}
		case Skip:
			sc.skip++
			t.Logf("SKIP %s: %s", name, res.Reason())
		case Fail:
			if isKnown {
				sc.known++
				if len(listed) > 0 {
					t.Logf("KNOWN-FAIL %s sections %v: %s", name, listed, reason)
				} else {
					t.Logf("KNOWN-FAIL %s: %s", name, reason)
				}
				continue
			}
			sc.fail++
			var b strings.Builder
			for _, s := range res.Sections {
				if s.Outcome == Fail {
					fmt.Fprintf(&b, "\n  section %d: %s", s.Index, s.Reason)
					for _, d := range s.Diff {
						fmt.Fprintf(&b, "\n    %s", d)
					}
				}
			}
			t.Errorf("FAIL %s:%s", name, b.String())
		}
	}
	for name := range known {
		name, _, _ = strings.Cut(name, "#")
		if _, err := fs.Stat(fsys, name); err != nil {
			t.Errorf("known-failures.txt lists %s, which does not exist", name)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "libsolv 0.7.23 testcases (%d files):\n", len(files))
	fmt.Fprintf(&b, "%-26s %5s %5s %10s %5s %9s\n", "folder", "pass", "fail", "known-fail", "skip", "sections")
	for _, f := range folders {
		sc := board[f]
		fmt.Fprintf(&b, "%-26s %5d %5d %10d %5d %4d/%-4d\n", f, sc.pass, sc.fail, sc.known, sc.skip, sc.secPass, sc.secTotal)
		total.pass += sc.pass
		total.fail += sc.fail
		total.known += sc.known
		total.skip += sc.skip
		total.secPass += sc.secPass
		total.secTotal += sc.secTotal
	}
	fmt.Fprintf(&b, "%-26s %5d %5d %10d %5d %4d/%-4d\n", "TOTAL", total.pass, total.fail, total.known, total.skip, total.secPass, total.secTotal)
	fmt.Fprintf(&b, "problem descriptions worded exactly as libsolv's: %d of %d (in sections not skipped)\n", infoMatched, infoTotal)
	// The scoreboard is printed whatever the verdict; go test shows it with -v.
	fmt.Print(b.String())
	// A ratchet on the wording, measured when this test was written.
	if infoMatched < 27 {
		t.Errorf("problem wording regressed: %d of %d descriptions match libsolv's, want at least 27", infoMatched, infoTotal)
	}
}
