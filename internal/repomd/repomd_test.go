package repomd

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
)

func samplePackages() []*Package {
	return []*Package{{
		PkgID: "9837c0ee0e5bca9ea51ed022860342b6fbf56f03e2c1e4afe49ecd3120ecd4fc", ChecksumType: "sha256",
		Name: "hello", Arch: "noarch", Epoch: "0", Version: "1.2.0", Release: "1.nm1",
		Summary: "Greets & <welcomes>", Description: "line one\nline \"two\"\r\n\ttabbed ünïcode",
		Packager: "Nimbus <m@nimbus.invalid>", URL: "https://nimbus.invalid/?a=1&b=2",
		TimeFile: 1795641510, TimeBuild: 1764000000, SizePackage: 3462, SizeInstall: 253, SizeArchive: 1164,
		Location: "Packages/h/hello-1.2.0-1.nm1.noarch.rpm", License: "MIT", Vendor: "Nimbus", Group: "Applications/System",
		BuildHost: "nimbus", SourceRPM: "hello-1.2.0-1.nm1.src.rpm", HeaderStart: 360, HeaderEnd: 3121,
		Deps: [dep.Enhances + 1][]Dep{
			dep.Provides:    {{Name: "hello", Flags: "EQ", Epoch: "0", Version: "1.2.0", Release: "1.nm1"}, {Name: "greeter", Flags: "EQ", Epoch: "0", Version: "1.2.0"}},
			dep.Requires:    {{Name: "/bin/sh"}, {Name: "coreutils", Flags: "GE", Epoch: "0", Version: "8.0"}, {Name: "/bin/sh", Pre: true}},
			dep.Conflicts:   {{Name: "old<hello>", Flags: "LT", Epoch: "0", Version: "1.0"}},
			dep.Obsoletes:   {{Name: "hello-legacy", Flags: "LE", Epoch: "1", Version: "2.0", Release: "1"}},
			dep.Recommends:  {{Name: "(bash-completion if bash)"}},
			dep.Suggests:    {{Name: "hello-extras", Flags: "GT", Epoch: "0", Version: "0.1"}},
			dep.Supplements: {{Name: "(hello-core and shell)"}},
			dep.Enhances:    {{Name: "bash"}},
		},
		Files:      []File{{Path: "/etc/hello", Type: "dir"}, {Path: "/etc/hello/hello.conf"}, {Path: "/usr/bin/hello"}, {Path: "/usr/share/doc/hello/README"}, {Path: "/var/lib/hello/last-run", Type: "ghost"}},
		FullFiles:  true,
		Changelogs: []Changelog{{Author: "A <a@b> - 1.0-1", Date: 1795000000, Text: "- first & only"}, {Author: "B", Date: 1795000001, Text: "- second"}},
	}, {
		PkgID: "40ea501bb32b4f3202bc4bd6882a0e1ce758eaf2d1664e18253ab7d3f85d4cf7", ChecksumType: "sha256",
		Name: "tiny-data", Arch: "noarch", Epoch: "0", Version: "0.9~rc1", Release: "1",
		Location: "tiny-data-0.9~rc1-1.noarch.rpm", FullFiles: true,
		Deps: [dep.Enhances + 1][]Dep{dep.Provides: {{Name: "tiny-data", Flags: "EQ", Epoch: "0", Version: "0.9~rc1", Release: "1"}}},
	}}
}

func writeDocs(pkgs []*Package) (prim, fl, oth []byte) {
	prim = PrimaryHeader(len(pkgs))
	fl = FilelistsHeader(len(pkgs))
	oth = OtherHeader(len(pkgs))
	for _, p := range pkgs {
		prim = AppendPrimary(prim, p)
		fl = AppendFilelists(fl, p)
		oth = AppendOther(oth, p)
	}
	return append(prim, PrimaryFooter...), append(fl, FilelistsFooter...), append(oth, OtherFooter...)
}

// TestRoundTrip writes the three documents and reads them back: primary keeps every field
// (files reduced to the primary ones), filelists and other complete it.
func TestRoundTrip(t *testing.T) {
	pkgs := samplePackages()
	prim, fl, oth := writeDocs(pkgs)
	var got []*Package
	if err := ReadPrimary(bytes.NewReader(prim), func(p *Package) error { got = append(got, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pkgs) {
		t.Fatalf("read %d packages", len(got))
	}
	byID := map[string]*Package{}
	for _, p := range got {
		byID[p.PkgID] = p
	}
	if err := ReadFilelists(bytes.NewReader(fl), func(e *Package) error {
		byID[e.PkgID].Files, byID[e.PkgID].FullFiles = e.Files, true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := ReadOther(bytes.NewReader(oth), func(e *Package) error { byID[e.PkgID].Changelogs = e.Changelogs; return nil }); err != nil {
		t.Fatal(err)
	}
	for i, want := range pkgs {
		w := *want
		// XML normalizes \r\n inside text only when escaped; the writer escapes \r.
		if !reflect.DeepEqual(got[i], &w) {
			t.Errorf("package %d:\n got %+v\nwant %+v", i, got[i], &w)
		}
	}
	// Writing what was read gives the same bytes.
	prim2, fl2, oth2 := writeDocs(got)
	if !bytes.Equal(prim, prim2) || !bytes.Equal(fl, fl2) || !bytes.Equal(oth, oth2) {
		t.Error("rewriting the documents changed them")
	}
}

func TestCompressions(t *testing.T) {
	prim, _, _ := writeDocs(samplePackages())
	for _, k := range []compress.Kind{compress.Gzip, compress.Xz, compress.Zstd, compress.None} {
		t.Run(string(k)+"-", func(t *testing.T) {
			rec, data, err := Record("primary", prim, k, 1764000000)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(rec.Location, "-primary.xml"+Suffix(k)) || rec.Size != int64(len(data)) {
				t.Errorf("record %+v", rec)
			}
			rc, kind, err := Decompress(bytes.NewReader(data), DefaultLimit)
			if err != nil {
				t.Fatal(err)
			}
			if kind != k {
				t.Errorf("detected %q, want %q", kind, k)
			}
			back, err := io.ReadAll(rc)
			if err != nil || !bytes.Equal(back, prim) {
				t.Fatalf("round trip through %s: %v", k, err)
			}
		})
	}
}

func TestBombRejected(t *testing.T) {
	big := bytes.Repeat([]byte{' '}, 4<<20)
	_, data, err := Record("primary", big, compress.Zstd, 0)
	if err != nil {
		t.Fatal(err)
	}
	rc, _, err := Decompress(bytes.NewReader(data), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(rc); !errors.Is(err, compress.ErrLimitExceeded) {
		t.Fatalf("got %v, want ErrLimitExceeded", err)
	}
}

func TestBadPrimary(t *testing.T) {
	const head = `<?xml version="1.0"?>` + "\n" + `<metadata xmlns="http://linux.duke.edu/metadata/common" packages="1">` + "\n"
	cases := []struct {
		name, doc, want string
	}{
		{"no name", head + "<package type=\"rpm\">\n  <checksum type=\"sha256\">ab</checksum>\n</package>\n</metadata>", "primary.xml:3 (offset 92): package 1 () has no name"},
		{"no checksum", head + "<package type=\"rpm\"><name>x</name></package></metadata>", "package 1 (x) has no checksum"},
		{"truncated", head + "<package type=\"rpm\"><name>x</name>", "unexpected end of document"},
		{"mismatched tag", head + "<package><name>x</package>", "unexpected end of document"},
		{"bad entity", head + "<package><name>&bogus;</name></package></metadata>", "bad entity reference"},
		{"not primary", `<filelists/>`, "root element is not <metadata>"},
		{"empty", ``, "empty document"},
		{"garbage", "\x00\x01\x02", "text outside the root element"},
		{"unquoted attr", head + "<package type=rpm></package></metadata>", "unquoted attribute"},
		{"bad count", `<metadata packages="x"/>`, "is not a count"},
		{"bad int", head + `<package><name>x</name><checksum>a</checksum><time file="soon"/></package></metadata>`, "is not an integer"},
		{"dep without name", head + `<package><name>x</name><checksum>a</checksum><format><rpm:requires><rpm:entry flags="EQ"/></rpm:requires></format></package></metadata>`, "dependency entry without a name"},
		{"second root", `<metadata></metadata><metadata></metadata>`, "second root element"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ReadPrimary(strings.NewReader(c.doc), func(*Package) error { return nil })
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// TestTolerant: unknown elements and attributes, comments, CDATA, other namespace
// prefixes and a split buffer are all fine.
func TestTolerant(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE metadata>
<!-- a comment -->
<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:r="http://linux.duke.edu/metadata/rpm" packages="1" extra='yes'>
<package type="rpm" new="1">
  <name>a<!-- inside -->b</name>
  <future><nested deep="1">ignored</nested></future>
  <arch>x86_64</arch>
  <version epoch="2" ver="1.0" rel="3" unknown="z"/>
  <checksum type="sha256" pkgid="YES">cafe</checksum>
  <summary><![CDATA[a <raw> summary]]></summary>
  <format>
    <r:requires><r:entry name="c &gt;= d" pre="1"/></r:requires>
    <file>/usr/bin/ab</file>
  </format>
</package>
</metadata>
`
	var got *Package
	if err := ReadPrimary(strings.NewReader(doc), func(p *Package) error { got = p; return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Name != "ab" || got.NEVRA() != "ab-2:1.0-3.x86_64" || got.Summary != "a <raw> summary" || got.PkgID != "cafe" {
		t.Errorf("got %+v", got)
	}
	if r := got.Requires(); len(r) != 1 || r[0].Name != "c >= d" || !r[0].Pre || len(got.Files) != 1 {
		t.Errorf("requires %+v files %+v", r, got.Files)
	}
}

func TestRepomdRoundTripAndOutside(t *testing.T) {
	rm := &Repomd{Revision: "1764000000", DistroTags: []DistroTag{{"cpe:/o:nimbus:nimbus:1", "Nimbus 1"}}, Data: []Data{
		{Type: "primary", Checksum: Checksum{"sha256", "aa"}, OpenChecksum: Checksum{"sha256", "bb"}, Location: "repodata/aa-primary.xml.gz", Timestamp: 5, Size: 10, OpenSize: 20, HeaderSize: -1},
		{Type: "group", Checksum: Checksum{"sha256", "cc"}, Location: "repodata/comps.xml", Timestamp: 5, Size: 7, OpenSize: -1, HeaderSize: -1},
	}}
	var b bytes.Buffer
	if err := rm.Write(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ParseRepomd(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rm) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, rm)
	}
	for _, href := range []string{"/etc/passwd", "../x.xml.gz", "repodata/../../x", "http://evil/x", `repodata\x`, ""} {
		doc := strings.Replace(b.String(), "repodata/aa-primary.xml.gz", href, 1)
		if _, err := ParseRepomd(strings.NewReader(doc)); err == nil {
			t.Errorf("location %q accepted", href)
		}
	}
	if _, err := ParseRepomd(strings.NewReader("<repomd><data type='primary'><location href='a'/></data></repomd>")); err == nil || !strings.Contains(err.Error(), "no checksum") {
		t.Errorf("record without checksum: %v", err)
	}
}

func TestUpdateinfoRoundTrip(t *testing.T) {
	ups := []Update{{
		From: "security@nimbus.invalid", Status: "final", Type: "security", Version: "2",
		ID: "NIMBUS-2026-001", Title: "Important: hello security update", Issued: Date{"2026-11-01 00:00:00"}, Updated: Date{"2026-11-02 00:00:00"},
		Severity: "Important", Release: "Nimbus 1", Summary: "s", Description: "d & e", Solution: "update",
		References: []Reference{{Href: "https://cve.invalid/CVE-2026-0001", ID: "CVE-2026-0001", Type: "cve", Title: "CVE-2026-0001"}},
		Collections: []Collection{{Short: "nimbus1", Name: "Nimbus 1", Packages: []UpdatePackage{{
			Name: "hello", Version: "1.2.1", Release: "1.nm1", Epoch: "0", Arch: "noarch", Src: "hello-1.2.1-1.nm1.src.rpm",
			Filename: "hello-1.2.1-1.nm1.noarch.rpm", Checksum: Checksum{"sha256", "abcd"}, RebootSuggested: true,
		}}}},
		RebootSuggested: true,
	}}
	var b bytes.Buffer
	if err := WriteUpdateinfo(&b, ups); err != nil {
		t.Fatal(err)
	}
	var got []Update
	if err := ReadUpdateinfo(&b, func(u *Update) error { got = append(got, *u); return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ups) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, ups)
	}
	if err := ReadUpdateinfo(strings.NewReader("<updates><update><title>x</title></update></updates>"), func(*Update) error { return nil }); err == nil || !strings.Contains(err.Error(), "has no id") {
		t.Errorf("update without id: %v", err)
	}
}

func TestSplitEVR(t *testing.T) {
	for _, c := range []struct{ in, e, v, r string }{
		{"1.0", "0", "1.0", ""}, {"1:2.0-3", "1", "2.0", "3"}, {"2.0-3-4", "0", "2.0", "3-4"}, {"x:1", "", "1", ""}, {":1", "0", "1", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			e, v, r := SplitEVR(c.in)
			if e != c.e || v != c.v || r != c.r {
				t.Errorf("SplitEVR(%q) = %q %q %q", c.in, e, v, r)
			}
		})
	}
}

// TestTruncatedCompressed: a cut-off compressed primary is an error, in every format.
func TestTruncatedCompressed(t *testing.T) {
	prim, _, _ := writeDocs(samplePackages())
	for _, k := range []compress.Kind{compress.Gzip, compress.Xz, compress.Zstd} {
		t.Run(string(k), func(t *testing.T) {
			_, data, err := Record("primary", prim, k, 0)
			if err != nil {
				t.Fatal(err)
			}
			rc, _, err := Decompress(bytes.NewReader(data[:len(data)*2/3]), DefaultLimit)
			if err == nil {
				err = ReadPrimary(rc, func(*Package) error { return nil })
			}
			if err == nil {
				t.Fatal("truncated stream accepted")
			}
		})
	}
}
