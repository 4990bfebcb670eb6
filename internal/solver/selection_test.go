package solver

import (
	"strings"
	"testing"
)

func TestGlobMatch(t *testing.T) {
	for _, c := range []struct {
		pat, s string
		nocase bool
		want   bool
	}{
		{"ba*", "bash", false, true},
		{"/usr/*sh", "/usr/bin/bash", false, true}, // '*' crosses '/', as fnmatch without flags
		{"b?sh", "bash", false, true},
		{"b[a-c]sh", "bbsh", false, true},
		{"b[!a]sh", "bash", false, false},
		{"B*", "bash", true, true},
		{"B*", "bash", false, false},
		{"*a*a*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 200), false, false},
		{"a[", "a[", false, true},
		{"", "", false, true},
		{"*", "", false, true},
	} {
		if got := globMatch(c.pat, c.s, c.nocase); got != c.want {
			t.Errorf("globMatch(%q, %q, %v) = %v, want %v", c.pat, c.s, c.nocase, got, c.want)
		}
	}
}

func selPool(t testing.TB) *Pool {
	p := NewPool()
	if err := p.SetArch("x86_64"); err != nil {
		t.Fatal(err)
	}
	r := p.NewRepo("repo", 0)
	r.Add(&Solvable{Name: "bash", EVR: "5.1-2", Arch: "x86_64", Files: []string{"/usr/bin/bash"}})
	r.Add(&Solvable{Name: "bash", EVR: "1:5.2-1", Arch: "i686"})
	r.Add(&Solvable{Name: "bash-doc", EVR: "5.1-2", Arch: "noarch", Requires: []Dep{{Name: "bash"}}})
	r.Add(&Solvable{Name: "bash", EVR: "5.1-2", Arch: "src"})
	return p
}

func TestSelect(t *testing.T) {
	p := selPool(t)
	str := func(sel []Job) string {
		var out []string
		for _, e := range sel {
			var pk []string
			for _, id := range p.selPkgs(&e) {
				pk = append(pk, p.Solvable(id).String())
			}
			out = append(out, strings.Join(pk, ","))
		}
		return strings.Join(out, " + ")
	}
	for _, c := range []struct {
		s    string
		f    SelectFlags
		want string
	}{
		{"bash", SelectName, "bash-5.1-2.x86_64,bash-1:5.2-1.i686"},
		{"bash.i686", SelectName | SelectDotArch, "bash-1:5.2-1.i686"},
		{"bash>=1:5", SelectName | SelectRel, "bash-1:5.2-1.i686"},
		{"bash-5.2", SelectCanon, "bash-1:5.2-1.i686"},
		{"bash-5.1-2.src", SelectCanon, "bash-5.1-2.src"},
		{"/usr/bin/bash", SelectFilelist, "bash-5.1-2.x86_64"},
		{"BASH-D*", SelectName | SelectGlob | SelectNoCase, "bash-doc-5.1-2.noarch"},
		{"nothing", SelectName | SelectProvides | SelectCanon, ""},
	} {
		if got := str(p.Select(nil, c.s, c.f)); got != c.want {
			t.Errorf("Select(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if got := str(p.SelectMatchDeps(nil, "bash", SelectFlat, KeyRequires)); got != "bash-doc-5.1-2.noarch" {
		t.Errorf("SelectMatchDeps(requires bash) = %q", got)
	}
}

// FuzzSelect feeds arbitrary user strings and flags to the selection
// functions: they must not panic and must only return packages of the pool.
func FuzzSelect(f *testing.F) {
	f.Add("bash", uint32(SelectName))
	f.Add("b*[a-", uint32(SelectName|SelectGlob|SelectProvides|SelectFilelist))
	f.Add("bash.i686>=1:5", uint32(SelectName|SelectDotArch|SelectRel|SelectWithBadArch))
	f.Add("bash-5.1-2.src", uint32(SelectCanon|SelectWithSource))
	f.Add("!=", uint32(SelectRel|SelectProvides))
	f.Fuzz(func(t *testing.T, s string, flags uint32) {
		p := selPool(t)
		f := SelectFlags(flags) &^ selectModeBits
		check := func(sel []Job) {
			for i := range sel {
				for _, id := range p.selPkgs(&sel[i]) {
					if p.Solvable(id) == nil {
						t.Fatalf("selection of %q returned id %d", s, id)
					}
				}
			}
		}
		sel := p.Select(nil, s, f)
		check(sel)
		check(p.Select(sel, s, f|SelectFilter))
		check(p.SelectMatchDeps(nil, s, f, KeyRequires))
		check(p.SelectMatchDeps(sel, s, f|SelectSubtract, KeyName))
	})
}
