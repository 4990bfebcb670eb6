package testcase

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// indexOf is the binary index (the package manager's cache format) of a testtags repo.
func indexOf(t testing.TB, tags string) []byte {
	t.Helper()
	p := solver.NewPool()
	r := p.NewRepo("r", 0)
	if err := ReadTestTags(strings.NewReader(tags), r); err != nil {
		t.Fatal(err)
	}
	x, err := cache.FromRepo(p, r)
	if err != nil {
		t.Fatal(err)
	}
	return x.Encode()
}

// TestNimbusIndexRepos: "repo NAME PRIO nimbus FILE" loads a binary index written from
// testtags (`nimbus solver cache`), and the testcase gives the answers it gives on the
// testtags themselves (TestRepoFilesAndResultFiles); a damaged index is an error naming it.
func TestNimbusIndexRepos(t *testing.T) {
	sys, avail := indexOf(t, systemTags), indexOf(t, availTags)
	broken := append([]byte(nil), avail...)
	broken[len(broken)/2] ^= 0xff
	fsys := fstest.MapFS{
		"case/system.idx":    {Data: sys},
		"case/available.idx": {Data: avail},
		"case/broken.idx":    {Data: broken},
		"case/testcase.t": {Data: []byte("repo system 0 nimbus system.idx\nrepo available 0 nimbus available.idx\n" +
			"system x86_64 rpm system\njob update all packages\nresult transaction,problems <inline>\n" +
			"#>upgrade A-1-1.noarch@system A-2-1.noarch@available\n#>install B-1-1.noarch@available\n" +
			"nextjob\njob install name C\nresult transaction,problems <inline>\n" +
			"#>problem 4d4de423 info nothing provides D needed by C-1-1.noarch\n#>problem 4d4de423 solution 2cf4745c deljob install name C\n" +
			"nextjob\njob install name E\nresult transaction,problems <inline>\n" +
			"#>problem c43b1300 info package E does not exist\n#>problem c43b1300 solution 23f73f5b deljob install name E\n")},
		"case/broken.t": {Data: []byte("repo available 0 nimbus broken.idx\nsystem x86_64 rpm\njob install name B\n")},
	}
	res, err := RunFile(fsys, "case/testcase.t")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sections) != 3 || res.Outcome() != Pass {
		for _, s := range res.Sections {
			t.Logf("section %d %s %s %v", s.Index, s.Outcome, s.Reason, s.Diff)
		}
		t.Fatalf("%d sections, outcome %s, want 3 passing", len(res.Sections), res.Outcome())
	}
	if _, err := RunFile(fsys, "case/broken.t"); err == nil || !strings.Contains(err.Error(), "broken.idx") || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("a damaged index: %v, want an error naming broken.idx and the damage", err)
	}
}
