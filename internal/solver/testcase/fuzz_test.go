package testcase

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

var depSeeds = []string{
	"a", "a = 1-1", "A & B", "(A & B) | (C & D)", "A <IF> (B <ELSE> C)", "A <UNLESS> B",
	"B > 1 + B < 3", "foo(bar) >= 1:2.0-3", "perl(Foo::Bar)", "((a))", "a |", "(a", "a <ELSE> b",
}

// FuzzParseDep checks that the dependency parser never panics and that
// what it accepts prints to text it parses back to the same thing.
func FuzzParseDep(f *testing.F) {
	for _, s := range depSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDep(s)
		if fast, ok := parsePlain(s); ok {
			full, ferr := parseDepFull(s)
			if ferr != nil || full.String() != fast.String() || full.Rich != nil {
				t.Fatalf("fast path parsed %q as %q, the full parser as %q (%v)", s, fast, full, ferr)
			}
		}
		if err != nil {
			return
		}
		out := d.String()
		d2, err := ParseDep(out)
		if err != nil {
			t.Fatalf("ParseDep(%q) printed %q which does not parse: %v", s, out, err)
		}
		if d2.String() != out {
			t.Fatalf("round trip of %q: %q then %q", s, out, d2.String())
		}
	})
}

// FuzzRunFile runs arbitrary testcase text: it must never panic.
func FuzzRunFile(f *testing.F) {
	f.Add("repo system 0 testtags <inline>\n#>=Pkg: a 1 1 noarch\n#>=Req: b\nsystem i686 rpm system\njob install name a\nresult transaction,problems <inline>\n")
	f.Add("repo r 0 testtags <inline>\n#>=Pkg: A 1 1 x86_64\n#>=Con: A & B\njob install name A\nnextjob\njob update all packages\n")
	f.Add("genid dep (foo & bar > 2) | baz\nresult genid <inline>\n#>genid dep (foo & bar > 2) | baz\nnextjob\ngenid lit namespace:foo(bar)\n")
	f.Add("feature complex_deps\nrepo s 0 testtags s.repo.gz\nrepo r 0 testtags <inline>\n#>=Pkg: a 0:1 1 -\n#>+Prv:\n#>locale(x:ja\n#>-Prv:\n#>=Tim: 9z\nsystem x86_64 rpm s\nvendorclass a* b*\nautoinst name a\ndisable repo r\ndisable name a\njob erase name a [cleandeps]\nresult transaction,problems r.r\n")
	f.Fuzz(func(t *testing.T, text string) {
		// beside the testcase: a gzip'd repo file and a result file it may name
		fsys := fstest.MapFS{"x.t": {Data: []byte(text)}, "r.r": {Data: []byte("install a-1-1.noarch@r\n")},
			"s.repo.gz": {Data: []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}}}
		_, _ = RunFile(fsys, "x.t")
	})
}

// TestWriteRoundTrip writes a pool, jobs and result as a testcase and
// checks that running the written file reproduces the result.
func TestWriteRoundTrip(t *testing.T) {
	text := `repo system 0 testtags <inline>
#>=Pkg: A 1 1 noarch
#>=Req: B
#>=Pkg: B 1 1 noarch
repo available 0 testtags <inline>
#>=Pkg: A 2 1 noarch
#>=Req: (B >= 2 | C)
#>=Pkg: B 2 1 noarch
#>=Obs: Z
#>=Pkg: C 1 1 noarch
#>=Con: B < 2
system x86_64 rpm system
job update all packages
`
	r := &runner{fsys: fstest.MapFS{}, dir: ".", pool: solver.NewPool(), repos: map[string]*solver.Repo{}, flags: solver.DefaultFlags(), out: &FileResult{}}
	if err := r.run(text); err != nil {
		t.Fatal(err)
	}
	res, err := solver.New(r.pool).Solve(r.jobsSeen)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Write(&b, Spec{Pool: r.pool, Arch: "x86_64", Flags: solver.DefaultFlags(), Jobs: r.jobsSeen, Result: res}); err != nil {
		t.Fatal(err)
	}
	out, err := RunFile(fstest.MapFS{"w.t": {Data: []byte(b.String())}}, "w.t")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if out.Outcome() != Pass {
		t.Fatalf("written testcase does not reproduce its result: %+v\n%s", out.Sections, b.String())
	}
	if !strings.Contains(b.String(), "#>upgrade A-1-1.noarch@system A-2-1.noarch@available") {
		t.Errorf("written result lacks the upgrade:\n%s", b.String())
	}
}
