package repomd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// The fuzz targets feed arbitrary bytes to every reader: none may panic, hang or allocate
// without bound, and whatever primary reads must survive a write and a second read.

func seedDocs(f *testing.F) {
	prim, fl, oth := writeDocs(samplePackages())
	f.Add(prim)
	f.Add(fl)
	f.Add(oth)
	f.Add([]byte(`<metadata packages="1"><package><name>a</name><checksum>b</checksum><format><rpm:requires><rpm:entry name="c"/></rpm:requires></format></package></metadata>`))
	f.Add([]byte(`<metadata><package><name><![CDATA[x]]></name><!-- c --><checksum t='1'>&#x41;&amp;</checksum></package></metadata>`))
	f.Add([]byte(`<a b="c>d"/>`))
	f.Add([]byte(``))
}

func FuzzReadPrimary(f *testing.F) {
	seedDocs(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var pkgs []*Package
		err := ReadPrimary(bytes.NewReader(data), func(p *Package) error {
			pkgs = append(pkgs, p)
			return nil
		})
		// The parallel reader, with tiny chunks, agrees with the sequential one.
		var names []string
		_, perr := ReadPrimaryParallel(bytes.NewReader(data), PrimaryOptions{Workers: 2, chunkSize: 64, maxChunk: 512}, func(p *Package) error {
			names = append(names, p.Name)
			return nil
		})
		if errors.Is(perr, ErrNotSplittable) {
			names = nil
			for _, p := range pkgs {
				names = append(names, p.Name)
			}
		} else if (err == nil) != (perr == nil) {
			t.Fatalf("sequential error %v, parallel error %v", err, perr)
		} else if err != nil {
			var pe, se *ParseError
			if !errors.As(perr, &pe) || !errors.As(err, &se) || pe.Offset != se.Offset || pe.Line != se.Line {
				t.Fatalf("sequential error %v, parallel error %v", err, perr)
			}
		}
		if err != nil {
			return
		}
		if len(names) != len(pkgs) {
			t.Fatalf("parallel read %d packages, sequential %d", len(names), len(pkgs))
		}
		for i := range names {
			if names[i] != pkgs[i].Name {
				t.Fatalf("package %d: parallel %q, sequential %q", i, names[i], pkgs[i].Name)
			}
		}
		// Raw control characters (which XML 1.0 forbids but the reader tolerates) cannot
		// be written back; the round trip is checked for everything else.
		for _, p := range pkgs {
			if strings.IndexFunc(fmt.Sprint(*p), func(r rune) bool {
				return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
			}) >= 0 {
				return
			}
		}
		b := PrimaryHeader(len(pkgs))
		for _, p := range pkgs {
			b = AppendPrimary(b, p)
		}
		b = append(b, PrimaryFooter...)
		n := 0
		if err := ReadPrimary(bytes.NewReader(b), func(p *Package) error {
			if p.Name != pkgs[n].Name && len(p.Name) == len(pkgs[n].Name) {
				t.Errorf("name %q became %q", pkgs[n].Name, p.Name)
			}
			n++
			return nil
		}); err != nil {
			t.Fatalf("rewritten primary does not parse: %v\n%s", err, b)
		}
		if n != len(pkgs) {
			t.Fatalf("rewritten primary has %d packages, want %d", n, len(pkgs))
		}
	})
}

func FuzzReadFilelists(f *testing.F) {
	seedDocs(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadFilelists(bytes.NewReader(data), func(*Package) error { return nil })
	})
}

func FuzzReadOther(f *testing.F) {
	seedDocs(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadOther(bytes.NewReader(data), func(*Package) error { return nil })
	})
}

func FuzzParseRepomd(f *testing.F) {
	var b bytes.Buffer
	(&Repomd{Revision: "1", Data: []Data{{Type: "primary", Checksum: Checksum{"sha256", "a"}, Location: "repodata/a.xml.gz", Size: 1, OpenSize: -1}}}).Write(&b)
	f.Add(b.Bytes())
	f.Add([]byte(`<repomd><data type="x"><checksum type="sha256">a</checksum><location href="../x"/></data></repomd>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rm, err := ParseRepomd(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, d := range rm.Data {
			if CheckLocation(d.Location) != nil {
				t.Fatalf("accepted location %q", d.Location)
			}
		}
		var out bytes.Buffer
		if err := rm.Write(&out); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseRepomd(&out); err != nil {
			t.Fatalf("rewritten repomd.xml does not parse: %v", err)
		}
	})
}

func FuzzReadUpdateinfo(f *testing.F) {
	var b bytes.Buffer
	WriteUpdateinfo(&b, []Update{{ID: "A-1", Type: "security", Collections: []Collection{{Packages: []UpdatePackage{{Name: "a", Version: "1"}}}}}})
	f.Add(b.Bytes())
	f.Add([]byte(`<updates><update><id>x</id><pkglist><collection><package name="n"><reboot_suggested/></package></collection></pkglist></update></updates>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadUpdateinfo(io.LimitReader(bytes.NewReader(data), maxUpdate), func(*Update) error { return nil })
	})
}
