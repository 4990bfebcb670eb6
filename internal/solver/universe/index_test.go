package universe

import (
	"fmt"
	"slices"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestDebianIndexRoundTrip: the Debian universe written as the package manager's binary
// index (what `nimbus solver cache` writes and testcases load as a "nimbus" repo) loads
// back to the same packages, dependency lists and files, and solves the same way.
func TestDebianIndexRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("the Debian universe is a long test")
	}
	p := debianPool(t)
	x, err := cache.FromRepo(p, p.Repos[1])
	if err != nil {
		t.Fatal(err)
	}
	if x.Key() != cache.DebianKey {
		t.Errorf("key %q, want %q", x.Key(), cache.DebianKey)
	}
	y, err := cache.Decode(x.Encode())
	if err != nil {
		t.Fatal(err)
	}
	q := solver.NewPool()
	q.Debian = true
	if err := q.SetArch("amd64"); err != nil {
		t.Fatal(err)
	}
	q.Installed = q.NewRepo("@System", 0)
	y.AddTo(q.NewRepo("bookworm", 0), nil)
	q.CreateWhatProvides()
	a, b := p.Repos[1].Solvables, q.Repos[1].Solvables
	if len(a) != len(b) || len(a) < 60000 {
		t.Fatalf("%d packages back of %d", len(b), len(a))
	}
	for i := range a {
		if d := diffSolvable(p.Solvable(a[i]), q.Solvable(b[i])); d != "" {
			t.Fatalf("package %d: %s", i, d)
		}
	}
	for _, j := range debJobs {
		r1, err1 := solver.New(p).Solve([]solver.Job{j})
		r2, err2 := solver.New(q).Solve([]solver.Job{j})
		if err1 != nil || err2 != nil {
			t.Fatalf("%v: %v %v", j, err1, err2)
		}
		if s1, s2 := steps(p, r1), steps(q, r2); !slices.Equal(s1, s2) || len(s1) == 0 {
			t.Errorf("install %s: %d steps from the text, %d from the index", j.Dep.Name, len(s1), len(s2))
		}
	}
}

func diffSolvable(s, u *solver.Solvable) string {
	if s.Name != u.Name || s.EVR != u.EVR || s.Arch != u.Arch || s.Vendor != u.Vendor || s.BuildTime != u.BuildTime {
		return fmt.Sprintf("%s-%s.%s (%s) became %s-%s.%s (%s)", s.Name, s.EVR, s.Arch, s.Vendor, u.Name, u.EVR, u.Arch, u.Vendor)
	}
	for _, tag := range []string{"Prv", "Req", "Prq", "Con", "Obs", "Rec", "Sug", "Sup", "Enh"} {
		if a, b := fmt.Sprint(s.Deps(tag)), fmt.Sprint(u.Deps(tag)); a != b {
			return fmt.Sprintf("%s %s: %s became %s", s.Name, tag, a, b)
		}
	}
	if !slices.Equal(s.FileList(), u.FileList()) {
		return s.Name + ": files differ"
	}
	return ""
}

func steps(p *solver.Pool, r *solver.Result) []string {
	var out []string
	name := func(id solver.ID) string {
		if id == 0 {
			return "-"
		}
		return p.Solvable(id).String()
	}
	for _, st := range r.Steps {
		out = append(out, fmt.Sprint(st.Kind, " ", name(st.Old), " ", name(st.New)))
	}
	slices.Sort(out)
	return out
}
