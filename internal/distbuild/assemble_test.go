package distbuild

import (
	"os"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// TestNoarchELFGivesNoDeps: an arch package's ELF executable requires its libc
// sonames; the same file in a noarch package (golang-1.19-src's test binaries) gives
// none, so a noarch package does not tie every arch's repository to the libc of the
// machine its files were built for.
func TestNoarchELFGivesNoDeps(t *testing.T) {
	elf, err := os.ReadFile("/usr/bin/true") // a dynamically linked ELF on every Debian host
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		arch     string
		wantLibc bool
	}{
		{"x86_64", true},
		{"noarch", false},
	} {
		t.Run(tc.arch, func(t *testing.T) {
			r := &recipe.Recipe{Name: "p"}
			m := meta{Name: "p", License: "MIT", EVR: recipe.EVR{Version: "1", Release: "1"}, Arch: tc.arch}
			nodes := []*node{
				{Path: "/usr", Mode: modeDir | 0o755, User: "root", Group: "root"},
				{Path: "/usr/share", Mode: modeDir | 0o755, User: "root", Group: "root"},
				{Path: "/usr/share/p", Mode: modeDir | 0o755, User: "root", Group: "root"},
				{Path: "/usr/share/p/testdata-prog", Mode: modeRegular | 0o755, User: "root", Group: "root", Data: elf},
			}
			outs, err := assemble(r, m, nodes, newDeps(), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			libc := false
			for _, s := range outs[0].Desc.Requires {
				libc = libc || strings.HasPrefix(s, "libc.so.6")
			}
			if libc != tc.wantLibc {
				t.Errorf("%s: requires %q: libc.so.6 required = %v, want %v", tc.arch, outs[0].Desc.Requires, libc, tc.wantLibc)
			}
			if tc.arch == "noarch" && len(outs[0].Desc.Provides) > 1 {
				t.Errorf("noarch: provides %q: want only the package itself", outs[0].Desc.Provides)
			}
		})
	}
}
