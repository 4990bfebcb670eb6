package cache

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
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

// TestAddWithMatchesSolvable: the package manager's bulk pool build (AddWith without
// Exact) gives every package exactly the solvable that Repo.Add(Solvable(i)) gives — the
// real AppStream metadata and a repository of the odd cases: rpmlib() requirements, a
// malformed and a repeated rich dependency, self-provides with an explicit zero epoch, with
// an epoch and a release, missing, or only as ">=", source packages, Requires(pre).
func TestAddWithMatchesSolvable(t *testing.T) {
	b := NewBuilder()
	d := func(name, flags, e, v, r string) repomd.Dep {
		return repomd.Dep{Name: name, Flags: flags, Epoch: e, Version: v, Release: r}
	}
	pkg := func(name, e, v, r, arch string, prv, req []repomd.Dep) *repomd.Package {
		return &repomd.Package{Name: name, Epoch: e, Version: v, Release: r, Arch: arch, PkgID: name, Location: name + ".rpm",
			Deps: [dep.Enhances + 1][]repomd.Dep{dep.Provides: prv, dep.Requires: req}}
	}
	rich := d("(a or b)", "", "", "", "")
	b.Add(pkg("zero", "0", "1", "1", "noarch", []repomd.Dep{d("zero", "EQ", "0", "1", "1")},
		[]repomd.Dep{d("rpmlib(PayloadIsZstd)", "LE", "", "5.4.18", "1"), rich, d("(broken", "", "", "", ""), rich}))
	b.Add(pkg("epoch", "2", "1.0", "3", "x86_64", []repomd.Dep{d("epoch", "EQ", "2", "1.0", "3"), d("epoch(x86-64)", "EQ", "2", "1.0", "3")},
		[]repomd.Dep{{Name: "/bin/sh", Pre: true}, d("zero", "GE", "", "1", "")}))
	b.Add(pkg("noself", "3", "4", "5", "x86_64", []repomd.Dep{d("noself", "GE", "3", "4", "5"), d("other", "", "", "", "")}, nil))
	b.Add(pkg("plain", "", "7", "", "noarch", nil, nil))
	b.Add(pkg("plainzero", "0", "7", "", "noarch", nil, nil))
	b.Add(pkg("src", "", "1", "1", "src", nil, []repomd.Dep{d("gcc", "", "", "", "")}))
	odd, err := b.Index("k")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Index{odd, buildAppStream(t)} {
		p, q := solver.NewPool(), solver.NewPool()
		r, s := p.NewRepo("r", 0), q.NewRepo("r", 0)
		var want []solver.ID
		for i := 0; i < x.Len(); i++ {
			want = append(want, r.Add(x.Solvable(i, SolvableOptions{})))
		}
		var got []solver.ID
		x.AddWith(s, SolvableOptions{}, func(i int, id solver.ID) {
			if i != len(got) {
				t.Fatalf("package %d reported as %d", len(got), i)
			}
			got = append(got, id)
		})
		if len(got) != len(want) {
			t.Fatalf("%d packages, want %d", len(got), len(want))
		}
		for i := range want {
			if g, w := dump(q.Solvable(got[i])), dump(p.Solvable(want[i])); g != w {
				t.Errorf("package %d:\n got %s\nwant %s", i, g, w)
			}
		}
	}
}

func TestIsEVR(t *testing.T) {
	for _, e := range []string{"", "0", "2"} {
		for _, v := range []string{"1", "1.0", ""} {
			for _, r := range []string{"", "1", "1.el9"} {
				want := joinEVR(e, v, r)
				for _, s := range []string{want, "0:" + want, want + "-", want + "x", "2:" + v, v, v + "-" + r, e + ":" + v + "-" + r} {
					if got := isEVR(s, e, v, r); got != (s == want) {
						t.Errorf("isEVR(%q, %q, %q, %q) = %v", s, e, v, r, got)
					}
				}
			}
		}
	}
}
