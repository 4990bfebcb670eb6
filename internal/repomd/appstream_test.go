package repomd

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func openAppStreamPrimary(t testing.TB) (io.ReadCloser, *Repomd) {
	t.Helper()
	// the real CentOS Stream 9 AppStream metadata (testdata/centos-stream9-appstream); its
	// absence is a broken checkout, never a skip
	appstreamDir := testfiles.Path(t, testfiles.AppStream)
	f, err := os.Open(filepath.Join(appstreamDir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatalf("the AppStream test data: %v", err)
	}
	defer f.Close()
	rm, err := ParseRepomd(f)
	if err != nil {
		t.Fatal(err)
	}
	d := rm.Find("primary")
	if d == nil {
		t.Fatal("repomd.xml has no primary")
	}
	pf, err := os.Open(filepath.Join(appstreamDir, d.Location))
	if err != nil {
		t.Fatal(err)
	}
	rc, _, err := Decompress(pf, DefaultLimit)
	if err != nil {
		t.Fatal(err)
	}
	return struct {
		io.Reader
		io.Closer
	}{rc, pf}, rm
}

func TestAppStreamPrimary(t *testing.T) {
	rc, _ := openAppStreamPrimary(t)
	defer rc.Close()
	pr, err := NewPrimaryReader(rc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Count != 17649 {
		t.Errorf("packages attribute = %d, want 17649", pr.Count)
	}
	n := 0
	var deps [dep.Enhances + 1]int
	var first, last *Package
	for {
		p, err := pr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = p
		}
		last = p
		n++
		for k := range p.Deps {
			deps[k] += len(p.Deps[k])
		}
		if len(p.PkgID) != 64 || p.Arch == "" || p.Version == "" || p.Location == "" {
			t.Fatalf("package %d %s: incomplete: %+v", n, p.Name, p)
		}
	}
	if n != 17649 {
		t.Fatalf("read %d packages, want 17649", n)
	}
	if first.Name != "389-ds-base" || first.EVR() != "2.5.1-1.el9" || first.HeaderStart != 59776 || first.HeaderEnd != 132493 {
		t.Errorf("first package: %s %s %d-%d", first.Name, first.EVR(), first.HeaderStart, first.HeaderEnd)
	}
	t.Logf("last package %s; deps: %v", last.NEVRA(), deps)
	for _, k := range []dep.Kind{dep.Provides, dep.Requires, dep.Conflicts, dep.Obsoletes, dep.Recommends} {
		if deps[k] == 0 {
			t.Errorf("no %s dependencies in AppStream", k)
		}
	}
}

func BenchmarkAppStreamPrimary(b *testing.B) {
	for b.Loop() {
		rc, _ := openAppStreamPrimary(b)
		pr, err := NewPrimaryReader(rc, nil)
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := pr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		rc.Close()
	}
}
