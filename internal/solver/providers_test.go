package solver_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestProvidersRich: whatprovides of a rich dependency, as dnf's provides query of a spec
// such as "(lib or extra)" gives it: or/and unite, if/unless give their then and else
// parts (libsolv's pool_addrelproviders), with intersects, without subtracts.
func TestProvidersRich(t *testing.T) {
	p := solver.NewPool()
	p.SetArch("x86_64")
	r := p.NewRepo("r", 0)
	ids := map[solver.ID]string{}
	for _, s := range []*solver.Solvable{
		{Name: "lib", EVR: "1.0-1", Arch: "noarch", Provides: []solver.Dep{{Name: "libapi"}}},
		{Name: "extra", EVR: "1.0-1", Arch: "noarch", Provides: []solver.Dep{{Name: "libapi"}}},
		{Name: "tool", EVR: "2.0-1", Arch: "noarch"},
	} {
		s.Provides = append(s.Provides, solver.Dep{Name: s.Name, Op: solver.OpEqual, EVR: s.EVR})
		ids[r.Add(s)] = s.Name
	}
	for _, tc := range []struct{ spec, want string }{
		{"(lib or extra)", "[extra lib]"},
		{"(lib or tool >= 2)", "[lib tool]"},
		{"(lib or tool > 2.0)", "[lib]"},
		{"(libapi with extra)", "[extra]"},
		{"(libapi without extra)", "[lib]"},
		{"(tool if lib)", "[tool]"},
		{"(tool if lib else extra)", "[extra tool]"},
		{"(nothing or none)", "[]"},
	} {
		d, err := solver.FromRPM(dep.Dep{Name: tc.spec})
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		var got []string
		seen := map[string]bool{}
		for _, id := range p.Providers(d) {
			if !seen[ids[id]] {
				seen[ids[id]] = true
				got = append(got, ids[id])
			}
		}
		sort.Strings(got)
		if s := fmt.Sprint(got); s != tc.want {
			t.Errorf("Providers(%s) = %s, want %s", tc.spec, s, tc.want)
		}
	}
}
