package cache

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func appstreamPrimary(t testing.TB) string {
	t.Helper()
	// the real CentOS Stream 9 AppStream metadata (testdata/centos-stream9-appstream); its
	// absence is a broken checkout, never a skip
	appstreamDir := testfiles.Path(t, testfiles.AppStream)
	f, err := os.Open(filepath.Join(appstreamDir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatalf("the AppStream test data: %v", err)
	}
	defer f.Close()
	rm, err := repomd.ParseRepomd(f)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(appstreamDir, rm.Find("primary").Location)
}

func buildAppStream(t testing.TB) *Index {
	t.Helper()
	f, err := os.Open(appstreamPrimary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x, err := FromPrimary(f, "key-1")
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestAppStreamRoundTrip(t *testing.T) {
	x := buildAppStream(t)
	if x.Len() != 17649 {
		t.Fatalf("%d packages, want 17649", x.Len())
	}
	path := filepath.Join(t.TempDir(), "appstream.nidx")
	if err := x.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	y, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if y.Key() != "key-1" || y.Len() != x.Len() {
		t.Fatalf("loaded key %q len %d", y.Key(), y.Len())
	}
	for i := 0; i < x.Len(); i += 97 {
		if x.Package(i) != y.Package(i) {
			t.Fatalf("package %d differs: %+v vs %+v", i, x.Package(i), y.Package(i))
		}
		for k := dep.Requires; k <= dep.Enhances; k++ {
			a, b := x.Deps(i, k), y.Deps(i, k)
			if len(a) != len(b) {
				t.Fatalf("package %d %s: %d vs %d deps", i, k, len(a), len(b))
			}
		}
	}
	p := y.Package(0)
	if p.NEVRA() != "389-ds-base-2.5.1-1.el9.x86_64" || p.Location != "Packages/389-ds-base-2.5.1-1.el9.x86_64.rpm" || len(p.Checksum) != 64 {
		t.Errorf("package 0: %+v", p)
	}
	if got := y.Deps(0, dep.Provides)[0]; got.Name != "389-ds-base" || got.Version != "0:2.5.1-1.el9" || got.Flags != dep.Equal {
		t.Errorf("first provide: %+v", got)
	}
	fi, _ := os.Stat(path)
	t.Logf("cache file: %d bytes, %d strings", fi.Size(), y.NumStrings())
}

func TestCorruptCacheDetected(t *testing.T) {
	b := NewBuilder()
	b.Add(&repomd.Package{Name: "a", Epoch: "0", Version: "1", Release: "1", Arch: "noarch", PkgID: "abc", Location: "a.rpm",
		Deps:  [dep.Enhances + 1][]repomd.Dep{dep.Requires: {{Name: "b", Flags: "GE", Epoch: "0", Version: "2"}}},
		Files: []repomd.File{{Path: "/usr/bin/a"}, {Path: "/etc/a", Type: "dir"}}})
	x, err := b.Index("k")
	if err != nil {
		t.Fatal(err)
	}
	good := x.Encode()
	if _, err := Decode(good); err != nil {
		t.Fatalf("good file rejected: %v", err)
	}
	cases := []struct {
		name string
		mod  func([]byte) []byte
		want error
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)-7] }, ErrCorrupt},
		{"flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }, ErrCorrupt},
		{"bad magic", func(b []byte) []byte { b[0] = 'X'; return b }, ErrCorrupt},
		{"other version", func(b []byte) []byte { b[8] = 99; return b }, ErrVersion},
		{"empty", func(b []byte) []byte { return nil }, ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.mod(append([]byte(nil), good...)))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func BenchmarkColdLoadAppStream(b *testing.B) {
	for b.Loop() {
		buildAppStream(b)
	}
}

func BenchmarkWarmLoadAppStream(b *testing.B) {
	path := filepath.Join(b.TempDir(), "a.nidx")
	if err := buildAppStream(b).WriteFile(path); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFromPrimaryNotSplittable: a document whose package boundary hides in a comment
// cannot be cut into chunks; FromPrimary reads it again sequentially.
func TestFromPrimaryNotSplittable(t *testing.T) {
	var doc strings.Builder
	doc.WriteString(`<metadata packages="3">` + "\n")
	for i := range 3 {
		fmt.Fprintf(&doc, "<package type=\"rpm\"><name>p%d</name><checksum type=\"sha256\">%d</checksum></package>\n", i, i)
		if i == 1 {
			doc.WriteString("<!-- a comment with\n<package inside it -->\n")
			doc.WriteString(strings.Repeat("<!-- padding -->\n", 20000)) // past one chunk
		}
	}
	doc.WriteString("</metadata>\n")
	if _, err := repomd.ReadPrimaryParallel(strings.NewReader(doc.String()), repomd.PrimaryOptions{}, func(*repomd.Package) error { return nil }); !errors.Is(err, repomd.ErrNotSplittable) {
		t.Fatalf("parallel read: %v, want ErrNotSplittable", err)
	}
	x, err := FromPrimary(strings.NewReader(doc.String()), "k")
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 3 || x.Name(2) != "p2" {
		t.Fatalf("%d packages", x.Len())
	}
}

// TestLoadKeepsNoMapping: a loaded cache holds nothing of its file open or mapped, so the
// file system it lives on (an install root's own mount) can be unmounted after an
// in-process install; a mapping kept for the life of the process made umount fail with
// "target is busy" in TestFaultDiskFull.
func TestLoadKeepsNoMapping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "appstream.nidx")
	if err := buildAppStream(t).WriteFile(path); err != nil {
		t.Fatal(err)
	}
	x, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skipf("no /proc/self/maps: %v", err)
	}
	if bytes.Contains(maps, []byte(path)) {
		t.Errorf("%s is still mapped after Load", path)
	}
	if x.Len() != 17649 {
		t.Errorf("%d packages", x.Len())
	}
}

// TestWritePrimary: the streaming builder writes the same bytes as FromPrimary followed by
// WriteFile, for the real AppStream primary and for a document read sequentially, and
// leaves no temporary file beside the index and its text file.
func TestWritePrimary(t *testing.T) {
	dir := t.TempDir()
	want := buildAppStream(t).Encode()
	f, err := os.Open(appstreamPrimary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	path := filepath.Join(dir, "index.nidx")
	if err := WritePrimary(f, "key-1", path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("WritePrimary wrote %d bytes, FromPrimary+WriteFile %d, and they differ", len(got), len(want))
	}
	x, err := Load(path)
	if err != nil || x.Len() != 17649 {
		t.Fatalf("loading what WritePrimary wrote: %v", err)
	}
	doc := `<metadata packages="2">` + "\n<!-- x\n<package y -->\n" +
		`<package type="rpm"><name>a</name><checksum type="sha256">1</checksum><format><rpm:requires><rpm:entry name="b" flags="GE" ver="2"/></rpm:requires></format></package>` + "\n" +
		`<package type="rpm"><name>b</name><checksum type="sha256">2</checksum></package>` + "\n</metadata>\n"
	seq := filepath.Join(dir, "seq.nidx")
	if err := WritePrimary(strings.NewReader(doc), "k", seq); err != nil {
		t.Fatal(err)
	}
	y, err := Load(seq)
	if err != nil {
		t.Fatal(err)
	}
	if y.Len() != 2 || y.Name(1) != "b" || len(y.Deps(0, dep.Requires)) != 1 {
		t.Fatalf("sequential document: %d packages", y.Len())
	}
	if err := WritePrimary(strings.NewReader(`<metadata packages="3">`+"\n</metadata>\n"), "k", filepath.Join(dir, "bad.nidx")); err == nil {
		t.Error("a primary with a wrong package count was written")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		for _, e := range ents {
			t.Log(e.Name())
		}
		t.Errorf("%d entries in the directory, want the 2 index files and their 2 text files", len(ents))
	}
}

// TestLoadLeavesColdOnDisk: Load keeps the hot strings only; the cold ones (location,
// checksum, ...) are read back from the file, one by one and then all at once, as are the
// package records (a window at a time in order, a few out of order, then all), and a file
// replaced since the load is noticed instead of read.
func TestLoadLeavesColdOnDisk(t *testing.T) {
	x := buildAppStream(t)
	path := filepath.Join(t.TempDir(), "a.nidx")
	if err := x.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	y, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if y.cold == nil || y.coldPool != "" || len(y.pool) >= len(x.pool)/2 || len(y.offs) != 4*(y.hot+1) {
		t.Fatalf("loaded pool %d bytes of %d, %d string offsets of %d, cold source %v", len(y.pool), len(x.pool), len(y.offs)/4, y.NumStrings()+1, y.cold != nil)
	}
	if y2, err := Load(path); err != nil || y2.NumStrings() != x.NumStrings() {
		t.Fatalf("%v, %d strings", err, y2.NumStrings())
	} else {
		for id := x.NumStrings() + 1; id >= 0; id -= 97 { // cold ones, their offsets a block at a time
			if a, b := x.Str(StrID(id)), y2.Str(StrID(id)); a != b {
				t.Fatalf("string %d: %q, want %q", id, b, a)
			}
		}
		if y2.coldPool != "" || len(y2.cold.blocks) == 0 {
			t.Errorf("cold strings read in after %d reads", y2.cold.reads)
		}
	}
	for i := 0; i < x.Len(); i++ { // past coldReadsAll: the rest comes from memory
		if x.Package(i) != y.Package(i) {
			t.Fatalf("package %d: %+v, want %+v", i, y.Package(i), x.Package(i))
		}
		for k := dep.Requires; k <= dep.Enhances; k++ {
			if a, b := fmt.Sprint(x.Deps(i, k)), fmt.Sprint(y.Deps(i, k)); a != b {
				t.Fatalf("package %d %s: %s, want %s", i, k, b, a)
			}
		}
	}
	if y.deps != nil || y.depSrc == nil || y.NumDeps() != x.NumDeps() {
		t.Errorf("dependencies kept in memory (%d bytes) or miscounted (%d of %d)", len(y.deps), y.NumDeps(), x.NumDeps())
	}
	if y.pkgs != nil || y.pkgSrc == nil || y.pkgSrc.all != nil {
		t.Errorf("package records kept in memory (%d bytes) after a walk in order", len(y.pkgs))
	}
	// out of order: a few records a read, then (past allAfter reads) all of them at once
	for i := x.Len() - 1; i >= 0; i -= 7 {
		if x.Name(i) != y.Name(i) || x.EVR(i) != y.EVR(i) || fmt.Sprint(x.Deps(i, dep.Provides)) != fmt.Sprint(y.Deps(i, dep.Provides)) {
			t.Fatalf("package %d read out of order: %s-%s, want %s-%s", i, y.Name(i), y.EVR(i), x.Name(i), x.EVR(i))
		}
	}
	if y.pkgSrc.all == nil {
		t.Errorf("package records not read in after %d reads out of order", y.pkgSrc.reads)
	}
	if y.coldPool == "" || y.cold.coldOffs == nil || y.Err() != nil {
		t.Errorf("cold strings not read in after %d packages (err %v)", x.Len(), y.Err())
	}
	var buf bytes.Buffer
	if _, err := y.WriteTo(&buf); err != nil || !bytes.Equal(buf.Bytes(), x.Encode()) {
		t.Errorf("a loaded index writes other bytes (%v)", err)
	}
	z, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder()
	b.Add(&repomd.Package{Name: "other", PkgID: "00"})
	if err := b.WriteFile(path, "key-2"); err != nil {
		t.Fatal(err)
	}
	if got := z.Package(5).Location; got != "" || !errors.Is(z.Err(), ErrCorrupt) {
		t.Errorf("after the file was replaced: location %q, err %v", got, z.Err())
	}
	if d := z.Deps(x.Len()-1, dep.Provides); len(d) != 0 {
		t.Errorf("dependencies read from a replaced file: %v", d)
	}
	if z.Name(5) != "" {
		t.Errorf("a package record read from a replaced file: %q", z.Name(5))
	}
}
