package pm

import (
	"strings"
	"testing"
)

func TestParseNEVRA(t *testing.T) {
	tests := []struct {
		spec string
		form NEVRAForm
		want nevra
		ok   bool
	}{
		{"glibc-0:2.28-9.fc29.x86_64", FormNEVRA, nevra{name: "glibc", epoch: "0", hasEpoch: true, version: "2.28", release: "9.fc29", arch: "x86_64"}, true},
		{"lib-devel-1.0-1.noarch", FormNEVRA, nevra{name: "lib-devel", version: "1.0", release: "1", arch: "noarch"}, true},
		{"lib-1.0", FormNEVRA, nevra{}, false},
		{"lib-1.0", FormNEV, nevra{name: "lib", version: "1.0"}, true},
		{"lib-1*", FormNEV, nevra{name: "lib", version: "1*"}, true},
		{"lib.noarch", FormNA, nevra{name: "lib", arch: "noarch"}, true},
		{"python3.11", FormNA, nevra{name: "python3", arch: "11"}, true},
		{"py3-alpha", FormName, nevra{name: "py3-alpha"}, true},
		{"py3-alpha", FormNEVR, nevra{}, false},
		{"epochpkg-1:2.0-1", FormNEVR, nevra{name: "epochpkg", epoch: "1", hasEpoch: true, version: "2.0", release: "1"}, true},
		{"x-a:1-1", FormNEVR, nevra{}, false},
		{"lib >= 2", FormName, nevra{}, false},
		{"/usr/bin/app", FormName, nevra{}, false},
		{"", FormName, nevra{}, false},
	}
	for _, tc := range tests {
		got, ok := parseNEVRA(tc.spec, tc.form)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseNEVRA(%q, %d) = %+v, %v; want %+v, %v", tc.spec, tc.form, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNEVRAMatches(t *testing.T) {
	n, _ := parseNEVRA("zeroepoch-0:1.0-1.noarch", FormNEVRA)
	if !n.matches("zeroepoch", "1.0-1", "noarch") || n.matches("zeroepoch", "1:1.0-1", "noarch") {
		t.Error("an explicit zero epoch must match packages without an epoch only")
	}
	g, _ := parseNEVRA("lib-2.0-*", FormNEVR)
	if !g.matches("lib", "2.0-1", "noarch") || g.matches("lib", "1.0-1", "noarch") {
		t.Error("a release glob must match only that version")
	}
}

// FuzzParseNEVRA: no spec a user types makes the parser panic, and what it returns fits
// the form's rules (no '-' in version or release, no '.' in the arch).
func FuzzParseNEVRA(f *testing.F) {
	for _, s := range []string{"glibc-0:2.28-9.fc29.x86_64", "lib.noarch", "a-b-c", "-:-.", "x-1:-1", "::", "a-0:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, form := range mostSpecific {
			n, ok := parseNEVRA(s, form)
			if !ok {
				continue
			}
			if n.name == "" || strings.Contains(n.version, "-") || strings.Contains(n.release, "-") || strings.Contains(n.arch, ".") {
				t.Fatalf("parseNEVRA(%q, %d) = %+v", s, form, n)
			}
			n.matches("name", "1:2-3", "x86_64")
		}
	})
}
