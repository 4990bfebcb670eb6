package testcase

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

const (
	sniffTestTags = "=Pkg: a 1 1 noarch\n=Prv: a = 1-1\n=Pkg: b 2 1 noarch\n"
	sniffDebian   = "Package: a\nVersion: 1.0\nArchitecture: amd64\n\nPackage: b\nVersion: 2.0\nArchitecture: all\nDepends: a\n"
	sniffPrimary  = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="1">
<package type="rpm"><name>a</name><arch>noarch</arch><version epoch="0" ver="1" rel="1"/><format></format></package>
</metadata>
`
)

func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// TestLoadRepo: each format is recognised from its first bytes, compressed or not.
func TestLoadRepo(t *testing.T) {
	cases := []struct {
		name, data string
		n          int
		debian     bool
	}{
		{"testtags", sniffTestTags, 2, false},
		{"Debian Packages", sniffDebian, 2, true},
		{"primary.xml", sniffPrimary, 1, false},
		{"primary.xml.gz", gz(sniffPrimary), 1, false},
		{"Packages.gz", gz(sniffDebian), 2, true},
		{"empty", "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := solver.NewPool()
			r := p.NewRepo("r", 0)
			if err := LoadRepo(p, r, strings.NewReader(c.data)); err != nil {
				t.Fatal(err)
			}
			if p.Len() != c.n || p.Debian != c.debian {
				t.Errorf("%d packages (want %d), Debian %v", p.Len(), c.n, p.Debian)
			}
		})
	}
}

// TestBuildPool: NAME=FILE specs, the installed system, x86_64 read as amd64 for Debian
// indexes, and errors naming the spec or the file.
func TestBuildPool(t *testing.T) {
	dir := t.TempDir()
	deb := filepath.Join(dir, "Packages")
	tags := filepath.Join(dir, "sys.tags")
	os.WriteFile(deb, []byte(sniffDebian), 0o644)
	os.WriteFile(tags, []byte(sniffTestTags), 0o644)
	p, arch, err := BuildPool(PoolFiles{Arch: "x86_64", Repos: []string{"main=" + deb}, Installed: "sys=" + tags})
	if err != nil {
		t.Fatal(err)
	}
	if arch != "amd64" || p.Installed == nil || p.Installed.Name != "sys" || p.Len() != 4 {
		t.Errorf("arch %q, installed %v, %d packages", arch, p.Installed, p.Len())
	}
	for _, c := range []struct{ spec, want string }{
		{"noequals", `repository "noequals": want NAME=FILE`},
		{"r=" + filepath.Join(dir, "missing"), "repo r: open " + filepath.Join(dir, "missing")},
	} {
		if _, _, err := BuildPool(PoolFiles{Repos: []string{c.spec}}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.spec, err, c.want)
		}
	}
}

// FuzzLoadRepo: no input makes the format sniffing or a parser behind it panic.
func FuzzLoadRepo(f *testing.F) {
	for _, s := range []string{sniffTestTags, sniffDebian, sniffPrimary, gz(sniffPrimary), "NMBSIDX\x00", "\x1f\x8b", ""} {
		f.Add([]byte(s))
	}
	f.Add(indexOf(f, sniffTestTags))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := solver.NewPool()
		LoadRepo(p, p.NewRepo("r", 0), bytes.NewReader(data))
	})
}
