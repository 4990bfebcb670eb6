package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

const passingCase = `repo system 0 testtags <inline>
#>=Pkg: A 1 1 noarch
repo available 0 testtags <inline>
#>=Pkg: A 2 1 noarch
#>=Req: B
#>=Pkg: B 1 1 noarch
system x86_64 rpm system
job update all packages
result transaction,problems <inline>
#>upgrade A-1-1.noarch@system A-2-1.noarch@available
#>install B-1-1.noarch@available
`

func runSolver(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), append([]string{"nimbus", "solver"}, args...), strings.NewReader(""), &out, &errb)
	return out.String() + errb.String(), ExitCode(err)
}

func TestSolverTestcaseCommand(t *testing.T) {
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass.t")
	fail := filepath.Join(dir, "fail.t")
	skip := filepath.Join(dir, "skip.t")
	os.WriteFile(pass, []byte(passingCase), 0o644)
	os.WriteFile(fail, []byte(strings.Replace(passingCase, "install B-1-1", "install C-1-1", 1)), 0o644)
	os.WriteFile(skip, []byte("repo r 0 testtags <inline>\n#>=Pkg: a 1 1 noarch\njob blacklist name a\nresult transaction,problems <inline>\n"), 0o644)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"pass", []string{"testcase", pass}, 0, "PASS"},
		{"fail with a diff", []string{"testcase", fail}, 1, "+install B-1-1.noarch@available"},
		{"skip names the feature", []string{"testcase", skip}, 77, "SUSE-specific"},
		{"verbose prints the result", []string{"testcase", "--verbose", pass}, 0, "upgrade A-1-1.noarch@system A-2-1.noarch@available"},
		{"summary over several files", []string{"testcase", pass, fail}, 1, "1 passed, 1 failed, 0 skipped"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runSolver(t, tc.args...)
			if code != tc.wantCode || !strings.Contains(out, tc.wantOut) {
				t.Errorf("exit %d, output:\n%s\nwant exit %d and %q", code, out, tc.wantCode, tc.wantOut)
			}
		})
	}
}

func TestSolverWriteTestcase(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo.tags")
	os.WriteFile(repo, []byte("=Pkg: a 1 1 noarch\n=Req: b\n=Pkg: b 1 1 noarch\n"), 0o644)
	out := filepath.Join(dir, "bug.t")
	if msg, code := runSolver(t, "write-testcase", "--repo", "avail="+repo, "--job", "install name a", "--solve", "-o", out); code != 0 {
		t.Fatalf("write-testcase: exit %d: %s", code, msg)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), "#>install b-1-1.noarch@avail") {
		t.Fatalf("written testcase lacks the result:\n%s", data)
	}
	// the written file replays
	if msg, code := runSolver(t, "testcase", out); code != 0 {
		t.Errorf("replaying the written testcase: exit %d: %s", code, msg)
	}
	cachePath := filepath.Join(dir, "pool.cache")
	if msg, code := runSolver(t, "cache", "--repo", "avail="+repo, "-o", cachePath); code != 0 || !strings.Contains(msg, "2 packages") {
		t.Errorf("cache: exit %d: %s", code, msg)
	}
	// it is the package manager's binary index (repo/cache), which a testcase reads as a
	// "nimbus" repository and write-testcase as a --repo
	if x, err := cache.Load(cachePath); err != nil || x.Len() != 2 {
		t.Errorf("cache.Load of the written index: %v", err)
	}
	viaIndex := filepath.Join(dir, "index.t")
	os.WriteFile(viaIndex, []byte("repo system 0 empty\nrepo avail 0 nimbus pool.cache\nsystem x86_64 rpm system\njob install name a\nresult transaction,problems <inline>\n#>install a-1-1.noarch@avail\n#>install b-1-1.noarch@avail\n"), 0o644)
	if msg, code := runSolver(t, "testcase", viaIndex); code != 0 {
		t.Errorf("a testcase over the index: exit %d: %s", code, msg)
	}
	again := filepath.Join(dir, "again.t")
	if msg, code := runSolver(t, "write-testcase", "--repo", "avail="+cachePath, "--job", "install name a", "--solve", "-o", again); code != 0 {
		t.Errorf("write-testcase from the index: exit %d: %s", code, msg)
	} else if data, _ := os.ReadFile(again); !strings.Contains(string(data), "#>install b-1-1.noarch@avail") {
		t.Errorf("write-testcase from the index:\n%s", data)
	}
	if err := Run(context.Background(), []string{"nimbus", "solver", "cache", "--repo", "a=" + repo, "--repo", "b=" + repo, "-o", cachePath}, strings.NewReader(""), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "exactly one --repo") {
		t.Errorf("cache with two repositories: %v", err)
	}
	// a job in libsolv's selection syntax becomes the jobs it selects
	sel := filepath.Join(dir, "sel.t")
	if msg, code := runSolver(t, "write-testcase", "--repo", "avail="+repo, "--job", "install selection a-1 canon", "--solve", "-o", sel); code != 0 {
		t.Fatalf("write-testcase with a selection: exit %d: %s", code, msg)
	}
	data, _ = os.ReadFile(sel)
	if !strings.Contains(string(data), "job install name a = 1 [setev]") || !strings.Contains(string(data), "#>install a-1-1.noarch@avail") {
		t.Errorf("selection job not written as libsolv would:\n%s", data)
	}
}

// TestSolverTestcaseLeftOutFeatures: testcases that need what Nimbus leaves out on purpose
// (SUSE's blacklists, namespace callbacks) exit 77, the runner's "skipped", not 1 or 3.
func TestSolverTestcaseLeftOutFeatures(t *testing.T) {
	dir := testfiles.Path(t, testfiles.LibsolvTestcases)
	for _, name := range []string{"blacklist/ptf.t", "blacklist/retracted.t", "namespace/namespaceprovides.t"} {
		t.Run(name, func(t *testing.T) {
			out, code := runSolver(t, "testcase", filepath.Join(dir, name))
			if code != 77 || !strings.Contains(out, "SKIP") {
				t.Errorf("exit %d, output:\n%s\nwant exit 77 and SKIP", code, out)
			}
		})
	}
}
