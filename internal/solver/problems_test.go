package solver

import (
	"strings"
	"testing"
)

func pkg(name, evr string, mod func(*Solvable)) *Solvable {
	s := &Solvable{Name: name, EVR: evr, Arch: "noarch"}
	if mod != nil {
		mod(s)
	}
	return s
}

// TestProblemWording checks that problems name the rule a user can act on,
// in dnf's words.
func TestProblemWording(t *testing.T) {
	tests := []struct {
		name      string
		installed []*Solvable
		avail     []*Solvable
		jobs      func(p *Pool) []Job
		want      string
	}{
		{
			name: "nothing provides",
			avail: []*Solvable{pkg("foo", "2-1", func(s *Solvable) {
				s.Requires = []Dep{{Name: "bar", Op: OpGreater | OpEqual, EVR: "3"}}
			})},
			jobs: func(*Pool) []Job { return []Job{{Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "foo"}}} },
			want: "nothing provides bar >= 3 needed by foo-2-1.noarch",
		},
		{
			name: "providers cannot be installed",
			avail: []*Solvable{
				pkg("foo", "2-1", func(s *Solvable) { s.Requires = []Dep{{Name: "bar"}} }),
				pkg("bar", "1-1", func(s *Solvable) { s.Requires = []Dep{{Name: "missing"}} }),
			},
			jobs: func(*Pool) []Job { return []Job{{Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "foo"}}} },
			want: "nothing provides missing needed by bar-1-1.noarch\npackage foo-2-1.noarch requires bar, but none of the providers can be installed",
		},
		{
			name:      "conflict with installed",
			installed: []*Solvable{pkg("old", "1-1", func(s *Solvable) { s.Conflicts = []Dep{{Name: "new"}} })},
			avail:     []*Solvable{pkg("new", "1-1", nil)},
			jobs:      func(*Pool) []Job { return []Job{{Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "new"}}} },
			want:      "package old-1-1.noarch conflicts with new provided by new-1-1.noarch",
		},
		{
			name:  "no such package",
			avail: []*Solvable{pkg("foo", "1-1", nil)},
			jobs:  func(*Pool) []Job { return []Job{{Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "nope"}}} },
			want:  "package nope does not exist", // libsolv's wording
		},
		{
			name:  "nothing provides",
			avail: []*Solvable{pkg("foo", "1-1", nil)},
			jobs:  func(*Pool) []Job { return []Job{{Kind: JobInstall, Sel: SelProvides, Dep: Dep{Name: "nope"}}} },
			want:  "nothing provides requested nope",
		},
		{
			name:  "locked",
			avail: []*Solvable{pkg("foo", "1-1", nil)},
			jobs: func(*Pool) []Job {
				return []Job{{Kind: JobLock, Sel: SelName, Dep: Dep{Name: "foo"}}, {Kind: JobInstall, Sel: SelName, Dep: Dep{Name: "foo"}}}
			},
			want: "package foo-1-1.noarch is locked",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPool()
			p.Installed = p.NewRepo("@System", 0)
			for _, s := range tc.installed {
				p.Installed.Add(s)
			}
			r := p.NewRepo("repo", 0)
			for _, s := range tc.avail {
				r.Add(s)
			}
			res, err := New(p).Solve(tc.jobs(p))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Problems) != 1 {
				t.Fatalf("got %d problems (%v), want 1", len(res.Problems), res.Problems)
			}
			all := strings.Join(res.Problems[0].Rules, "\n")
			for _, w := range strings.Split(tc.want, "\n") {
				if !strings.Contains(all, w) {
					t.Errorf("problem %q does not say %q (rules: %s)", res.Problems[0], w, all)
				}
			}
		})
	}
}
