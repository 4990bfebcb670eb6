package testcase

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/compress"
)

func compressed(t *testing.T, k compress.Kind, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := compress.NewWriter(k, &b, 1)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(text))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const (
	systemTags = "=Ver: 3.0\n=Pkg: A 1 1 noarch\n+Prv:\nA = 1-1\n-Prv:\n"
	// =Ver: 3.0: no self-provides are added, so each package lists its own (testsolv
	// answers "package C does not exist" for an install of a C without one)
	availTags = "=Ver: 3.0\n=Pkg: A 2 1 noarch\n+Req:\nB\n-Req:\n+Prv:\nA = 2-1\n-Prv:\n=Pkg: B 1 1 noarch\n=Prv: B = 1-1\n" +
		"=Pkg: C 1 1 noarch\n=Prv: C = 1-1\n=Req: D\n=Pkg: E 1 1 noarch\n"
)

// TestRepoFilesAndResultFiles: repositories in files beside the testcase,
// compressed as testsolv's solv_xfopen reads them (by suffix), and the
// expected result in a file as testcase_write writes "solver.result": plain
// lines with libsolv's hashed problem and solution ids.
func TestRepoFilesAndResultFiles(t *testing.T) {
	for _, tc := range []struct {
		suffix string
		kind   compress.Kind
	}{{"", compress.None}, {".gz", compress.Gzip}, {".xz", compress.Xz}, {".zst", compress.Zstd}} {
		t.Run("repo"+tc.suffix, func(t *testing.T) {
			fsys := fstest.MapFS{
				"case/system.repo" + tc.suffix:    {Data: compressed(t, tc.kind, systemTags)},
				"case/available.repo" + tc.suffix: {Data: compressed(t, tc.kind, availTags)},
				"case/testcase.t": {Data: []byte("repo system 0 testtags system.repo" + tc.suffix + "\n" +
					"repo available 0 testtags available.repo" + tc.suffix + "\n" +
					"system x86_64 rpm system\njob update all packages\nresult transaction,problems solver.result\n" +
					"nextjob\njob install name C\nresult transaction,problems problems.result\n" +
					"nextjob\njob install name E\nresult transaction,problems noself.result\n")},
				"case/solver.result": {Data: []byte("upgrade A-1-1.noarch@system A-2-1.noarch@available\ninstall B-1-1.noarch@available\n")},
				"case/problems.result": {Data: []byte("problem 4d4de423 info nothing provides D needed by C-1-1.noarch\n" +
					"problem 4d4de423 solution 2cf4745c deljob install name C\n")},
				"case/noself.result": {Data: []byte("problem c43b1300 info package E does not exist\n" +
					"problem c43b1300 solution 23f73f5b deljob install name E\n")},
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
			if s := res.Sections[2]; s.InfoExpected != 1 || s.InfoMatched != 1 {
				t.Errorf("problem wording from the result file: %d of %d matched", s.InfoMatched, s.InfoExpected)
			}
		})
	}
	// a result file that disagrees fails; a missing one is an error naming it
	fsys := fstest.MapFS{
		"t.t":    {Data: []byte("repo available 0 testtags <inline>\n#>=Pkg: B 1 1 noarch\nsystem x86_64 rpm\njob install name B\nresult transaction,problems r.r\n")},
		"r.r":    {Data: []byte("install C-1-1.noarch@available\n")},
		"none.t": {Data: []byte("repo available 0 testtags <inline>\n#>=Pkg: B 1 1 noarch\nsystem x86_64 rpm\njob install name B\nresult transaction,problems gone.r\n")},
	}
	if res, err := RunFile(fsys, "t.t"); err != nil || res.Outcome() != Fail {
		t.Errorf("a disagreeing result file: %v, %v", res, err)
	}
	if _, err := RunFile(fsys, "none.t"); err == nil || !strings.Contains(err.Error(), "gone.r") {
		t.Errorf("a missing result file: %v, want an error naming gone.r", err)
	}
}

// TestTestTagsAsTestsolv: the quirks of testsolv's testtags reader.
func TestTestTagsAsTestsolv(t *testing.T) {
	text := "repo available 0 testtags <inline>\n" +
		"#>=Pkg: xorg-x11-ja 7 1 noarch\n" +
		"#>=Prv: locale(xorg-x11:ja\n" + // SUSE's unbalanced locale provide
		"#>=Tim: 12x\n" + // atoi
		"#>=Pkg: app 0:1 1 noarch\n" + // epoch 0 dropped
		"#>=Req: locale(xorg-x11:ja\n" +
		"#>=Req: /usr/share/my file\n" + // a file dependency is the whole line
		"#>=Pkg: broken line\n" + // not four words: ignored
		"#>=Pkg: files 1 1 noarch\n" +
		"#>=Fls: /usr/share/my file\n" +
		"system x86_64 rpm\njob install name app\nresult transaction,problems <inline>\n" +
		"#>install app-1-1.noarch@available\n#>install xorg-x11-ja-7-1.noarch@available\n#>install files-1-1.noarch@available\n"
	res, err := RunFile(fstest.MapFS{"q.t": {Data: []byte(text)}}, "q.t")
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome() != Pass {
		t.Fatalf("outcome %s: %s %v", res.Outcome(), res.Reason(), res.Sections[0].Diff)
	}
}

// TestMissingFeatureSkips: a "feature" testsolv lacks skips the file, as
// testsolv exits 77 for it; complex_deps is known.
func TestMissingFeatureSkips(t *testing.T) {
	body := "repo available 0 testtags <inline>\n#>=Pkg: B 1 1 noarch\nsystem x86_64 rpm\njob install name B\nresult transaction,problems <inline>\n#>install B-1-1.noarch@available\n"
	fsys := fstest.MapFS{
		"known.t":   {Data: []byte("feature complex_deps\n" + body)},
		"missing.t": {Data: []byte("feature linked_packages\n" + body)},
	}
	if res, err := RunFile(fsys, "known.t"); err != nil || res.Outcome() != Pass {
		t.Errorf("feature complex_deps: %v %v", res.Outcome(), err)
	}
	res, err := RunFile(fsys, "missing.t")
	if err != nil || res.Outcome() != Skip || !strings.Contains(res.Reason(), "linked_packages") {
		t.Errorf("feature linked_packages: %v %q %v", res.Outcome(), res.Reason(), err)
	}
}

// TestDisableAutoinstVendorclass: "disable" with name and repo selections, "autoinst"
// (the other installed packages anchor clean-deps), "vendorclass" read, an unknown
// solver flag reported by testsolv and ignored; the expected results are testsolv's.
func TestDisableAutoinstVendorclass(t *testing.T) {
	text := `repo system 0 testtags <inline>
#>=Pkg: A 1 1 noarch
#>=Req: L
#>=Pkg: L 1 1 noarch
#>=Pkg: M 1 1 noarch
#>=Pkg: U 1 1 noarch
#>=Req: M
repo available 0 testtags <inline>
#>=Pkg: B 1 1 noarch
#>=Pkg: B 2 1 noarch
#>=Pkg: C 1 1 noarch
#>=Vnd: SUSE
repo other 0 testtags <inline>
#>=Pkg: C 2 1 noarch
system x86_64 rpm system
vendorclass suse* opensuse*
disable name C
solverflags someunknownflag
autoinst name L
autoinst name M
job install name B
job install name C
job erase name A [cleandeps]
job erase name U [cleandeps]
result transaction,problems <inline>
#>erase A-1-1.noarch@system
#>erase L-1-1.noarch@system
#>erase M-1-1.noarch@system
#>erase U-1-1.noarch@system
#>install B-2-1.noarch@available
#>problem c43b1300 info package C does not exist
#>problem c43b1300 solution 8635dbf5 deljob install name C
nextjob
disable repo available
job install name B
result transaction,problems <inline>
#>problem c43b1300 info package B does not exist
#>problem c43b1300 solution f229cf9d deljob install name B
`
	res, err := RunFile(fstest.MapFS{"d.t": {Data: []byte(text)}}, "d.t")
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome() != Pass || len(res.Sections) != 2 {
		t.Fatalf("outcome %s: %s", res.Outcome(), res.Reason())
	}
	if s := res.Sections[0]; s.InfoMatched != s.InfoExpected {
		t.Errorf("problem wording: %d of %d as libsolv's", s.InfoMatched, s.InfoExpected)
	}
}

// TestBzip2AndLzmaRepoFiles: the two compressions Go writes no encoder for, as files
// made by bzip2(1) and xz --format=lzma, which testsolv reads (testdata/compressed).
func TestBzip2AndLzmaRepoFiles(t *testing.T) {
	for _, name := range []string{"bz2.t", "lzma.t"} {
		res, err := RunFile(os.DirFS("testdata/compressed"), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Outcome() != Pass {
			t.Errorf("%s: %s %v", name, res.Outcome(), res.Sections[0].Diff)
		}
	}
}

// TestTestTagsOperators: testdata/testtags, results from testsolv. libsolv's testcase
// operators (& | + - <IF> <UNLESS> <ELSE>) parse; "<AND>", "<OR>", "<WITH>" do not, and
// a dependency testsolv cannot parse ends its list (requires end the pre-requires too).
func TestTestTagsOperators(t *testing.T) {
	for _, name := range []string{"richops.t", "badlist.t"} {
		res, err := RunFile(os.DirFS("testdata/testtags"), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Sections) < 4 {
			t.Fatalf("%s: %d sections, want at least 4", name, len(res.Sections))
		}
		for _, s := range res.Sections {
			if s.Outcome != Pass {
				t.Errorf("%s section %d: %s %v", name, s.Index, s.Outcome, s.Diff)
			}
		}
	}
}
