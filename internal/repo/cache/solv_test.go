package cache

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// samplePool is a pool whose repository uses what the index must carry for a solver
// pool: vendors, build times, pre-requires, rich dependencies of every operator, Debian
// and odd versions (no release, an explicit zero epoch), files, and no self-provide.
func samplePool(t testing.TB) (*solver.Pool, *solver.Repo) {
	t.Helper()
	atom := func(n string) *solver.Rich { return &solver.Rich{Atom: solver.Dep{Name: n}} }
	p := solver.NewPool()
	p.Installed = p.NewRepo("@System", 0)
	r := p.NewRepo("sample", 3)
	r.Add(&solver.Solvable{Name: "a", EVR: "1:2.0-3", Arch: "x86_64", Vendor: "Nimbus", BuildTime: 1764000000,
		Provides:    []solver.Dep{{Name: "a", Op: solver.OpEqual, EVR: "1:2.0-3"}, {Name: "libA.so.1()(64bit)"}},
		Requires:    []solver.Dep{{Name: "b", Op: solver.OpGreater | solver.OpEqual, EVR: "1.0"}, {Name: "rpmlib(CompressedFileNames)", Op: solver.OpLess | solver.OpEqual, EVR: "3.0.4-1"}},
		PreRequires: []solver.Dep{{Name: "/bin/sh"}},
		Conflicts:   []solver.Dep{{Name: "c", Op: solver.OpLess, EVR: "2"}},
		Obsoletes:   []solver.Dep{{Name: "old-a"}},
		Recommends: []solver.Dep{{Rich: &solver.Rich{Op: solver.RichOr, Args: []*solver.Rich{atom("lpr"), atom("cups"), {Op: solver.RichAtom, Atom: solver.Dep{Name: "rlpr", Op: solver.OpGreater, EVR: "1:0.5~rc1"}}}}},
			{Rich: &solver.Rich{Op: solver.RichIf, Args: []*solver.Rich{atom("x"), atom("y"), atom("z")}}}},
		Suggests:    []solver.Dep{{Rich: &solver.Rich{Op: solver.RichUnless, Args: []*solver.Rich{atom("x"), {Op: solver.RichAnd, Args: []*solver.Rich{atom("y"), atom("z")}}}}}},
		Supplements: []solver.Dep{{Rich: &solver.Rich{Op: solver.RichWith, Args: []*solver.Rich{atom("x"), atom("y")}}}},
		Enhances:    []solver.Dep{{Rich: &solver.Rich{Op: solver.RichWithout, Args: []*solver.Rich{atom("x"), atom("y")}}}},
		Files:       []string{"/usr/bin/a", "/etc/a.conf"},
	})
	r.Add(&solver.Solvable{Name: "b", EVR: "1.0", Arch: "amd64", NoSelfProvide: true})
	r.Add(&solver.Solvable{Name: "c", EVR: "0:1-1", Arch: "noarch"})
	r.Add(&solver.Solvable{Name: "d", EVR: "2.3+dfsg-1-2", Arch: "all", Provides: []solver.Dep{{Name: "mail-transport-agent"}}})
	p.CreateWhatProvides()
	return p, r
}

// TestPoolRoundTrip: a pool's repository written as an index and loaded back with AddTo
// has the same packages, lists and files.
func TestPoolRoundTrip(t *testing.T) {
	p, r := samplePool(t)
	x, err := FromRepo(p, r)
	if err != nil {
		t.Fatal(err)
	}
	y, err := Decode(x.Encode())
	if err != nil {
		t.Fatal(err)
	}
	q := solver.NewPool()
	back := q.NewRepo("sample", 3)
	var ids []solver.ID
	y.AddTo(back, func(i int, id solver.ID) { ids = append(ids, id) })
	q.CreateWhatProvides()
	if len(ids) != len(r.Solvables) {
		t.Fatalf("%d packages back of %d", len(ids), len(r.Solvables))
	}
	for i, id := range r.Solvables {
		s, u := p.Solvable(id), q.Solvable(ids[i])
		if got, want := dump(u), dump(s); got != want {
			t.Errorf("package %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func dump(s *solver.Solvable) string {
	out := fmt.Sprintf("%s-%s.%s vendor=%q time=%d", s.Name, s.EVR, s.Arch, s.Vendor, s.BuildTime)
	for _, tag := range []string{"Prv", "Req", "Prq", "Con", "Obs", "Rec", "Sug", "Sup", "Enh"} {
		out += fmt.Sprintf(" %s=%v", tag, s.Deps(tag))
	}
	files := s.FileList()
	slices.Sort(files)
	return out + fmt.Sprint(" files=", files)
}

// TestSplitEVR: the parts join back to the same EVR, or the EVR is kept whole.
func TestSplitEVR(t *testing.T) {
	for _, tc := range []struct{ in, e, v, r string }{
		{"1:2.0-3", "1", "2.0", "3"},
		{"2.0-3", "", "2.0", "3"},
		{"2.0", "", "2.0", ""},
		{"0:1-1", "", "0:1-1", ""},
		{"2.3+dfsg-1-2", "", "2.3+dfsg-1", "2"},
		{"a:1-1", "", "a:1", "1"},
		{"1.0-", "", "1.0-", ""},
		{"", "", "", ""},
	} {
		e, v, r := splitEVR(tc.in)
		if e != tc.e || v != tc.v || r != tc.r {
			t.Errorf("splitEVR(%q) = %q %q %q, want %q %q %q", tc.in, e, v, r, tc.e, tc.v, tc.r)
		}
	}
}
