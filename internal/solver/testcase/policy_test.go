package testcase

import (
	"os"
	"testing"
)

// TestPolicyFromTestsolv runs small testcases whose expected results are testsolv's:
// multiversion/kernel.t (on an update, multiversion candidates are installed beside the
// installed package, never through its update rule, so an installed multiversion
// package whose update cannot go beside it stays as it is), arch/setarch.t (an
// install job pinned to an arch disables the inferior-arch rules of its names) and
// jobs/autoset.t (an install job setting a version or an arch disables the update
// rules of what it replaces: downgrades, arch changes), jobs/replace.t (obsoletes
// chains; two installed arches of a name replaced by one package are both upgrades),
// arch/lockstep.t and arch/nocolors.t (libsolv's infarch rules with and without
// implicitobsoleteusescolors: an installed inferior arch whose best-arch twin is
// installed moves in lockstep with it, so update all takes both arches to the newest
// version both have), jobs/archdep.t (a job's "A > 1 . i686": version and arch),
// choice/postpone.t (a requirement that leaves a real choice is put off while the
// requirements the policy settles alone are decided), choice/obscycle.t (candidates
// that obsolete each other stay together; one obsoleted from outside its cycle goes),
// choice/minimize.t (auto-minimization: a choice whose alternative came in later
// anyway is taken back; the Recommends of a package are taken one after the other),
// choice/selfconflict.t (a package requiring only what it conflicts with cannot be
// installed: the problem is the job asking for it).
func TestPolicyFromTestsolv(t *testing.T) {
	for _, c := range []struct {
		dir, file string
		sections  int
	}{
		{"testdata/multiversion", "kernel.t", 9},
		{"testdata/arch", "setarch.t", 3},
		{"testdata/arch", "lockstep.t", 9},
		{"testdata/arch", "nocolors.t", 7},
		{"testdata/jobs", "autoset.t", 10},
		{"testdata/jobs", "replace.t", 8},
		{"testdata/jobs", "archdep.t", 8},
		{"testdata/choice", "postpone.t", 2},
		{"testdata/choice", "obscycle.t", 2},
		{"testdata/choice", "minimize.t", 3},
		{"testdata/choice", "selfconflict.t", 1},
	} {
		res, err := RunFile(os.DirFS(c.dir), c.file)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Sections) != c.sections {
			t.Fatalf("%s: %d sections, want %d", c.file, len(res.Sections), c.sections)
		}
		for _, s := range res.Sections {
			if s.Outcome != Pass {
				t.Errorf("%s section %d: %s %v", c.file, s.Index, s.Outcome, s.Diff)
			}
		}
	}
}
