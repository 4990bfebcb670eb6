package cache

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// TestTextAppStream: WritePrimary writes every package's license, URL and description
// beside the index, as primary.xml has them (the full reader, not Lean), and ReadText
// gives them back in the order asked.
func TestTextAppStream(t *testing.T) {
	f, err := os.Open(appstreamPrimary(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []Text
	rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := repomd.NewPrimaryReader(rc, nil)
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := pr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, Text{License: p.License, URL: p.URL, Description: p.Description, Packager: p.Packager})
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "index.nidx")
	if err := WritePrimary(f, "key-1", path); err != nil {
		t.Fatal(err)
	}
	if TextPath(path) != strings.TrimSuffix(path, "nidx")+"ntxt" {
		t.Fatalf("TextPath: %s", TextPath(path))
	}
	all := make([]int, len(want))
	for i := range all {
		all[i] = len(all) - 1 - i // backwards: the order asked is the order given
	}
	n, long := 0, 0
	err = ReadText(path, "key-1", all, func(i int, got Text) {
		if i != all[n] {
			t.Fatalf("package %d handed out as %d", all[n], i)
		}
		if got != want[i] {
			t.Fatalf("package %d: %+v, primary has %+v", i, got, want[i])
		}
		if len(got.Description) > 500 {
			long++
		}
		n++
	})
	if err != nil || n != len(want) || long == 0 {
		t.Fatalf("%d of %d packages read (%d long descriptions): %v", n, len(want), long, err)
	}
	if err := ReadText(path, "key-2", []int{0}, func(int, Text) {}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("text of another key: %v", err)
	}
	if err := ReadText(path, "key-1", []int{len(want)}, func(int, Text) {}); err == nil {
		t.Errorf("package %d of %d read", len(want), len(want))
	}
}

// smallText writes the index and text of a small document (read sequentially: a comment
// stops the parallel reader) and returns the index's path.
func smallText(t testing.TB) string {
	doc := `<metadata packages="3">` + "\n<!-- x\n<package y -->\n" +
		`<package type="rpm"><name>a</name><checksum type="sha256">1</checksum><url>https://a.example</url><packager>Team &lt;t@a.example&gt;</packager><format><rpm:license>MIT &amp; BSD</rpm:license></format><description>one
two &lt;three&gt;</description></package>` + "\n" +
		`<package type="rpm"><name>b</name><checksum type="sha256">2</checksum></package>` + "\n" +
		`<package type="rpm"><name>c</name><checksum type="sha256">3</checksum><description>日本語</description></package>` + "\n</metadata>\n"
	path := filepath.Join(t.TempDir(), "index.nidx")
	if err := WritePrimary(strings.NewReader(doc), "k", path); err != nil {
		t.Fatal(err)
	}
	return path
}

var smallWant = []Text{{License: "MIT & BSD", URL: "https://a.example", Description: "one\ntwo <three>", Packager: "Team <t@a.example>"}, {}, {Description: "日本語"}}

func readAll(path string, n int) ([]Text, error) {
	var got []Text
	pkgs := make([]int, n)
	for i := range pkgs {
		pkgs[i] = i
	}
	err := ReadText(path, "k", pkgs, func(_ int, t Text) { got = append(got, t) })
	return got, err
}

// TestTextCorrupt: a damaged text file is an error, never other text: every byte flipped
// and every truncation of a small file; another version is ErrVersion, a missing file
// fs.ErrNotExist.
func TestTextCorrupt(t *testing.T) {
	path := smallText(t)
	got, err := readAll(path, 3)
	if err != nil || len(got) != 3 || got[0] != smallWant[0] || got[1] != smallWant[1] || got[2] != smallWant[2] {
		t.Fatalf("%+v, %v", got, err)
	}
	good, err := os.ReadFile(TextPath(path))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.nidx")
	for i := range good {
		data := append([]byte(nil), good...)
		data[i] ^= 0x41
		os.WriteFile(TextPath(bad), data, 0o644)
		got, err := readAll(bad, 3)
		if err == nil {
			t.Errorf("byte %d flipped: read %+v", i, got)
		} else if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrVersion) {
			t.Errorf("byte %d flipped: %v", i, err)
		}
	}
	for n := range len(good) {
		os.WriteFile(TextPath(bad), good[:n], 0o644)
		if _, err := readAll(bad, 3); !errors.Is(err, ErrCorrupt) {
			t.Errorf("cut to %d bytes: %v", n, err)
		}
	}
	data := append([]byte(nil), good...)
	data[8] = 99
	os.WriteFile(TextPath(bad), data, 0o644)
	if _, err := readAll(bad, 1); !errors.Is(err, ErrVersion) {
		t.Errorf("version 99: %v", err)
	}
	if _, err := readAll(filepath.Join(t.TempDir(), "none.nidx"), 1); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no file: %v", err)
	}
}

// TestTextNotLeftBehind: a build that fails leaves no text file, nor its temporary file.
func TestTextNotLeftBehind(t *testing.T) {
	dir := t.TempDir()
	if err := WritePrimary(strings.NewReader(`<metadata packages="3">`+"\n</metadata>\n"), "k", filepath.Join(dir, "bad.nidx")); err == nil {
		t.Fatal("a primary with a wrong package count was written")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("%d entries left, the first %s", len(ents), ents[0].Name())
	}
}

func FuzzReadText(f *testing.F) {
	good, err := os.ReadFile(TextPath(smallText(f)))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-5])
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "x.nidx")
		os.WriteFile(TextPath(path), data, 0o644)
		readAll(path, 4) // no panic, no hang; errors are expected
	})
}
