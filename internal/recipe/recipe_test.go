package recipe

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

const goodDebian = `
name: bash
source:
  debian: {package: bash, suites: [bookworm, bookworm-security], hold: {version: 5.2.15-2+b13, reason: test}}
overrides:
  requires: {drop: [base-files], add: ["filesystem"], rename: {debianutils: which}}
  drop: ["/usr/share/doc/**"]
  users: [{name: sshd, home: /run/sshd, system: true}]
  units: [sshd.service]
  config: [/etc/bash.bashrc]
  scripts: {post: "echo hi"}
`

func TestParseGood(t *testing.T) {
	r, err := Parse("bash.yaml", []byte(goodDebian))
	if err != nil {
		t.Fatal(err)
	}
	if r.Source.Kind() != "debian" || r.Source.Debian.Hold.Version != "5.2.15-2+b13" || r.Source.Debian.TrackedSuites()[1] != "bookworm-security" {
		t.Errorf("got %+v", r.Source)
	}
	if r.Overrides.Scripts["post"].Body != "echo hi" {
		t.Errorf("scriptlet: %+v", r.Overrides.Scripts)
	}
}

// TestProblems: every problem is reported at once, each with its field path.
func TestProblems(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"unknown keys everywhere", `
name: x
verison: 1
source:
  debian: {package: x, version: "1.0-1", pin: yes}
overrides:
  requires: {ad: [y]}
`, []string{"verison: unknown key (line 3)", "source.debian.pin: unknown key", "overrides.requires.ad: unknown key"}},
		{"missing fields of a go recipe", `
name: nimbus
source: {go: {package: cmd/nimbus}}
`, []string{"version: required", "release: required", "summary: required", "license: required", `source.go.package: "cmd/nimbus" must be a ./relative`}},
		{"two sources and bad values", `
name: "bad name"
arches: [x86_64, ppc64le]
source:
  files: {root: ../etc}
  debian: {package: x, version: "a:1"}
overrides:
  requires: {add: ["foo >="]}
  users: [{name: Root!}]
  units: [sshd]
  drop: [relative/**]
  files: [{path: etc/x, content: y}]
subpackages: [{name: x-doc}]
`, []string{"name:", "arches[1]", "source: only one of", "source.files.root", "source.debian.version", "overrides.requires.add[0]",
			"overrides.users[0].name", "overrides.units[0]", "overrides.drop[0]", "overrides.files[0].path", "subpackages[0].summary", "subpackages[0].paths"}},
		{"no source", "name: x\n", []string{"source: required"}},
		{"an exact pin of before the lock", "name: x\nsource: {debian: {package: x, version: '1.0-1'}}\n",
			[]string{"source.debian.version: exact versions live in dist/debian.lock", "hold: {version: ..., reason: ...}"}},
		{"a hold without a reason, bad suites", "name: x\nsource: {debian: {package: x, suites: [bookworm, bookworm, 'Bad Suite'], hold: {version: '1.0-1'}}}\n",
			[]string{"source.debian.hold.reason: required", "source.debian.suites[1]", "source.debian.suites[2]"}},
		{"a hold on no version", "name: x\nsource: {debian: {package: x, hold: {reason: why}}}\n",
			[]string{"source.debian.hold.version: required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.yaml", []byte(tt.doc))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("missing %q in:\n%v", w, err)
				}
			}
		})
	}
}

func TestMapDebianVersion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"5.2.15-2+b13", "5.2.15-2+b13"},
		{"1:9.2p1-2+deb12u3", "1:9.2p1-2+deb12u3"},
		{"2.36-9+deb12u10", "2.36-9+deb12u10"},
		{"3.0.15-1~deb12u1", "3.0.15-1~deb12u1"},
		{"20230311", "20230311-0"},
		{"1.2-3-4", "1.2_3-4"},
		{"2:1.0~rc1", "2:1.0~rc1-0"},
		{"3.0.2+~3.0.1-1", "3.0.2^3.0.1-1"},
		{"8.8.1+ds+~cs25.17.7-2", "8.8.1+ds^cs25.17.7-2"},
		{"1.0.~x-1+~b1", "1.0^x-1^b1"},
	}
	for _, tt := range tests {
		got, err := MapDebianVersion(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("MapDebianVersion(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "x1.0", "a:1", "1.0-", "1 0", "1.0_1"} {
		if _, err := MapDebianVersion(bad); err == nil {
			t.Errorf("MapDebianVersion(%q) accepted", bad)
		}
	}
}

// TestVersionOrderAgainstDpkg checks that the mapping keeps dpkg's order on version
// pairs of the kinds found in Debian 12 relations.
func TestVersionOrderAgainstDpkg(t *testing.T) {
	dpkg := testfiles.Tool(t, "dpkg", "dpkg")
	pairs := [][2]string{
		{"1:9.2p1-2+deb12u3", "1:9.2p1-2+deb12u10"}, {"2.36-9+deb12u10", "2.36"}, {"3.0.15-1~deb12u1", "3.0.15-1"},
		{"1.0~rc1", "1.0"}, {"5.2.15-2+b13", "5.2.15-2"}, {"2:6.2.1+dfsg1", "2:6.2.1+dfsg1-1.1"},
		{"1:2.4.44", "1:2.4.48-6"}, {"3.1~", "3.4-1+b1"}, {"0.99.7.1", "1.5.2-6+deb12u1"}, {"1.43.9", "1.47.0-2"},
		{"1:1.1.4", "1:1.2.13.dfsg-1"}, {"7.6-4~", "7.6.q-32"}, {"1.17", "1.20.1-2+deb12u2"}, {"6", "6.4-4"},
		{"2.14.0~", "2.16"}, {"1.13~alpha1+dfsg", "1.20.1-2"}, {"4.3~", "4.9"}, {"0.120+deb8u2", "0.142+deb12u1"},
		// "+~" (JavaScript packages with bundled modules): after the bare version, before the next.
		{"3.0.2+~3.0.1-1", "3.0.2"}, {"2.0.0+~2.0.1-5", "2.0.0-5~"}, {"4.0.1+~cs7.0.2-1", "4.0.1-2~"},
		{"3.0.2+~3.0.1-1", "3.0.2.1"}, {"3.0.2+~3.0.1-1", "3.0.3"}, {"3.0.2+~3.0.1-1", "3.0.2+~3.0.2-1"},
		{"3.0.2+~3.0.1-1", "3.0.2~rc1"}, {"3.0.2+~cs1-1", "3.0.2+dfsg-1"}, {"8.8.1+ds+~cs25.17.7-2", "8.8.1+ds-1"},
	}
	for _, p := range pairs {
		a, _ := MapDebianVersion(p[0])
		b, _ := MapDebianVersion(p[1])
		got := evr.Compare(evr.ParseLax(a.String()), evr.ParseLax(b.String()))
		want := 0
		for _, op := range []struct {
			op string
			v  int
		}{{"lt", -1}, {"gt", 1}} {
			if exec.Command(dpkg, "--compare-versions", p[0], op.op, p[1]).Run() == nil {
				want = op.v
			}
		}
		if got != want {
			t.Errorf("%s vs %s: rpm order %d, dpkg order %d", p[0], p[1], got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodDebian))
	f.Add([]byte("name: x\nversion: '1'\nrelease: '1'\nsummary: s\nlicense: MIT\nsource: {files: {files: [{path: /a, content: b}]}}\n"))
	f.Add([]byte("source: {go: {package: ./cmd/x}}\nsubpackages: [{name: a, paths: ['/**']}]"))
	f.Add([]byte("[1, 2"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse("fuzz.yaml", data)
		_, _ = ParseSet("fuzz.yaml", data)
	})
}

func FuzzMapDebianVersion(f *testing.F) {
	for _, s := range []string{"1:9.2p1-2+deb12u3", "20230311", "1.2-3-4", ":", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := MapDebianVersion(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(e.Version, "-:") || strings.ContainsAny(e.Release, "-:") || e.Version == "" || e.Release == "" {
			t.Fatalf("%q mapped to invalid EVR %q", s, e)
		}
	})
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"/usr/share/doc/**", "/usr/share/doc/bash/copyright", true},
		{"/usr/share/doc/**", "/usr/share/doc", true},
		{"/usr/share/doc/**", "/usr/share/docs", false},
		{"/usr/share/man/*/*.gz", "/usr/share/man/man1/ls.1.gz", true},
		{"/usr/share/man/*/*.gz", "/usr/share/man/de/man1/ls.1.gz", false},
		{"/usr/share/**/*.mo", "/usr/share/locale/de/LC_MESSAGES/x.mo", true},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.pat, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v", tt.pat, tt.name, got)
		}
	}
}
