package universe

import (
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

const debSample = `Package: foo
Version: 1:2.0-3
Architecture: amd64
Depends: libc6 (>= 2.34), bar | baz (<< 2), qux:any
Pre-Depends: dpkg (>= 1.15.6~)
Breaks: old (<< 1.0)
Replaces: old (<< 1.0)
Provides: virt (= 2)

Package: bar
Version: 1.0
Architecture: all
`

func TestLoadDebianMapping(t *testing.T) {
	p := solver.NewPool()
	p.Debian = true
	n, err := LoadDebian(strings.NewReader(debSample), p.NewRepo("r", 0))
	if err != nil || n.Packages != 2 {
		t.Fatalf("LoadDebian: %v, %+v", err, n)
	}
	foo := p.Solvable(1)
	tests := []struct {
		name, got, want string
	}{
		{"alternatives become a rich or", foo.Requires[1].String(), "bar | baz < 2"},
		{":any is dropped", foo.Requires[2].String(), "qux"},
		{"pre-depends", foo.PreRequires[0].String(), "dpkg >= 1.15.6~"},
		{"breaks is a conflict", foo.Conflicts[0].String(), "old < 1.0"},
		{"replaces with breaks is an obsolete", foo.Obsoletes[0].String(), "old < 1.0"},
		{"versioned provide", foo.Provides[0].String(), "virt = 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func FuzzLoadDebian(f *testing.F) {
	f.Add(debSample)
	f.Add("Package: x\nVersion: 1\nDepends: (\n")
	f.Fuzz(func(t *testing.T, s string) {
		p := solver.NewPool()
		p.Debian = true
		_, _ = LoadDebian(strings.NewReader(s), p.NewRepo("r", 0))
	})
}

func FuzzLoadPrimary(f *testing.F) {
	f.Add(`<metadata><package type="rpm"><name>a</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><format><rpm:requires><rpm:entry name="(b if c)"/><rpm:entry name="d" flags="GE" ver="2"/></rpm:requires></format></package></metadata>`)
	f.Fuzz(func(t *testing.T, s string) {
		p := solver.NewPool()
		_, _ = LoadPrimary(strings.NewReader(s), p.NewRepo("r", 0))
	})
}
