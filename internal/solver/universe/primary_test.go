package universe

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func loadAppStream(t testing.TB) *solver.Pool {
	t.Helper()
	appstreamRepodata := filepath.Join(testfiles.Path(t, testfiles.AppStream), "repodata")
	m, err := filepath.Glob(filepath.Join(appstreamRepodata, "*-primary.xml.gz"))
	if err != nil || len(m) != 1 {
		t.Fatalf("AppStream primary.xml.gz not found under %s (%v)", appstreamRepodata, err)
	}
	f, err := os.Open(m[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	p := solver.NewPool()
	p.SetArch("x86_64")
	p.Installed = p.NewRepo("@System", 0)
	n, err := LoadPrimary(zr, p.NewRepo("appstream", 0))
	if err != nil {
		t.Fatal(err)
	}
	if n < 17000 {
		t.Fatalf("read %d packages from AppStream, want about 17,649", n)
	}
	StubMissing(p, p.NewRepo("baseos-stub", 0))
	return p
}

// TestAppStreamInstall solves install jobs on CentOS Stream 9 AppStream
// (with a stub for the BaseOS names it needs) and checks every answer.
func TestAppStreamInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the AppStream jobs run in CI and in full local runs")
	}
	p := loadAppStream(t)
	for _, target := range []string{"nginx", "postgresql-server", "python3.11", "firefox"} {
		res, err := solver.New(p).Solve([]solver.Job{{Kind: solver.JobInstall, Sel: solver.SelName, Dep: solver.Dep{Name: target}}})
		if err != nil {
			t.Fatalf("install %s: %v", target, err)
		}
		if len(res.Problems) > 0 {
			t.Errorf("install %s: problems %v", target, res.Problems)
			continue
		}
		if bad := verify(p, res.NewSet()); len(bad) > 0 {
			t.Errorf("install %s: %v", target, bad[:min(3, len(bad))])
		}
		t.Logf("install %s: %d steps, %d problems (first: %v)", target, len(res.Steps), len(res.Problems), first(res.Problems))
	}
}

func first(p []solver.Problem) any {
	if len(p) == 0 {
		return nil
	}
	return p[0].String()
}

// TestLoadPrimaryKeepsRichDeps checks that rich dependencies (an entry whose
// name is a boolean expression, as CentOS's SDL2 recommends "(libdecor-0.so.0
// if libwayland-client)") are read, and rpmlib() requirements are not. Dep.String
// prints them in libsolv's testcase syntax.
func TestLoadPrimaryKeepsRichDeps(t *testing.T) {
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="1">
<package type="rpm"><name>SDL2</name><arch>x86_64</arch><version epoch="0" ver="2.0.18" rel="1.el9"/>
<format>
<rpm:requires><rpm:entry name="rpmlib(CompressedFileNames)" flags="LE" epoch="0" ver="3.0.4" rel="1"/><rpm:entry name="libc.so.6()(64bit)"/><rpm:entry name="(a &gt;= 2 with a &lt; 3)"/></rpm:requires>
<rpm:recommends><rpm:entry name="(libdecor-0.so.0()(64bit) if libwayland-client)"/></rpm:recommends>
<rpm:supplements><rpm:entry name="(SDL2-x11 unless wayland)"/></rpm:supplements>
</format></package>
</metadata>`
	p := solver.NewPool()
	p.SetArch("x86_64")
	if _, err := LoadPrimary(strings.NewReader(xml), p.NewRepo("r", 0)); err != nil {
		t.Fatal(err)
	}
	s := p.Solvable(1)
	for _, c := range []struct {
		tag  string
		want []string
	}{
		{"Req", []string{"libc.so.6()(64bit)", "a >= 2 + a < 3"}},
		{"Rec", []string{"libdecor-0.so.0()(64bit) <IF> libwayland-client"}},
		{"Sup", []string{"SDL2-x11 <UNLESS> wayland"}},
	} {
		var got []string
		for _, d := range s.Deps(c.tag) {
			got = append(got, d.String())
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.tag, got, c.want)
		}
	}
}
