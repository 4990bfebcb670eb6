package distbuild

import (
	"reflect"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
)

func TestDebianIndexDeps(t *testing.T) {
	tests := []struct {
		name, stanza string
		want         map[dep.Kind][]string
		pre          []string
		err          bool
	}{
		{
			name: "depends, alternatives, pre-depends, dropped",
			stanza: "Package: exim4-daemon-light\nVersion: 4.96-15+deb12u7\nArchitecture: amd64\n" +
				"Pre-Depends: libc6 (>= 2.34)\nDepends: debconf (>= 0.5) | debconf-2.0, exim4-base (>= 4.96), libgnutls30 | libssl3\n" +
				"Provides: mail-transport-agent\nConflicts: mail-transport-agent\nRecommends: exim4-config\n",
			want: map[dep.Kind][]string{
				dep.Requires:   {"exim4-base >= 4.96", "(libgnutls30 or libssl3)", "libc6 >= 2.34"},
				dep.Provides:   {"mail-transport-agent = 4.96-15+deb12u7"},
				dep.Recommends: {"exim4-config"},
			},
			pre: []string{"libc6 >= 2.34"},
		},
		{
			name: "breaks and replaces become obsoletes; epoch; strict less",
			stanza: "Package: libfoo2\nVersion: 1:2.0-1\nArchitecture: amd64\n" +
				"Breaks: libfoo1 (<< 1:2.0)\nReplaces: libfoo1 (<< 1:2.0)\n",
			want: map[dep.Kind][]string{
				dep.Conflicts: {"libfoo1 < 1:2.0"},
				dep.Obsoletes: {"libfoo1 < 1:2.0"},
			},
		},
		{
			name:   "bad version",
			stanza: "Package: x\nVersion: \nArchitecture: all\n",
			err:    true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := deb.ParseControl([]byte(tc.stanza))
			if err != nil {
				t.Fatal(err)
			}
			got, err := DebianIndexDeps(st)
			if tc.err {
				if err == nil {
					t.Fatalf("want an error, got %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Lists, tc.want) {
				t.Errorf("lists:\n got %q\nwant %q", got.Lists, tc.want)
			}
			if !reflect.DeepEqual(got.Pre, tc.pre) {
				t.Errorf("pre: got %q, want %q", got.Pre, tc.pre)
			}
		})
	}
}
