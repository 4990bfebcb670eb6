package deb

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// makeDeb builds a small .deb in memory: control.tar.gz and data.tar.gz.
func makeDeb(t testing.TB, control string, files map[string]string) []byte {
	tgz := func(entries map[string]string, dirs ...string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		tw := tar.NewWriter(zw)
		for _, d := range dirs {
			tw.WriteHeader(&tar.Header{Name: d, Typeflag: tar.TypeDir, Mode: 0o755})
		}
		for name, data := range entries {
			if target, ok := strings.CutPrefix(data, "->"); ok {
				tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeSymlink, Linkname: target, Mode: 0o777})
				continue
			}
			tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o755, Size: int64(len(data)), Uname: "root", Gname: "root"})
			tw.Write([]byte(data))
		}
		tw.Close()
		zw.Close()
		return b.Bytes()
	}
	var ar bytes.Buffer
	ar.WriteString("!<arch>\n")
	member := func(name string, data []byte) {
		fmt.Fprintf(&ar, "%-16s%-12d%-6d%-6d%-8s%-10d`\n", name, 0, 0, 0, "100644", len(data))
		ar.Write(data)
		if len(data)%2 == 1 {
			ar.WriteByte('\n')
		}
	}
	member("debian-binary", []byte("2.0\n"))
	member("control.tar.gz", tgz(map[string]string{"./control": control, "./conffiles": "/etc/x.conf\n"}))
	member("data.tar.gz", tgz(files, "./", "./usr/", "./usr/bin/"))
	return ar.Bytes()
}

const testControl = "Package: hello\nVersion: 1.0-1\nArchitecture: amd64\nDepends: libc6 (>= 2.36), a | b\nDescription: hi\n longer\n .\n text\n"

func TestRead(t *testing.T) {
	data := makeDeb(t, testControl, map[string]string{"./usr/bin/hello": "#!/bin/sh\n", "./etc/x.conf": "x=1\n", "./usr/bin/hi": "->hello"})
	p, err := Read(bytes.NewReader(data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Control.Get("package") != "hello" || p.Control.Get("Description") != "hi\nlonger\n.\ntext" {
		t.Errorf("control: %+v", p.Control)
	}
	if string(p.ControlFiles["conffiles"]) != "/etc/x.conf\n" {
		t.Errorf("conffiles: %q", p.ControlFiles["conffiles"])
	}
	got := map[string]Entry{}
	for _, e := range p.Files {
		got[e.Path] = e
	}
	if e := got["/usr/bin/hello"]; !e.IsRegular() || e.Mode&0o777 != 0o755 || string(e.Data) != "#!/bin/sh\n" {
		t.Errorf("hello: %+v", e)
	}
	if e := got["/usr/bin/hi"]; !e.IsSymlink() || e.Link != "hello" {
		t.Errorf("hi: %+v", e)
	}
	if e := got["/usr"]; !e.IsDir() {
		t.Errorf("/usr: %+v", e)
	}
}

func TestReadBad(t *testing.T) {
	good := makeDeb(t, testControl, map[string]string{"./usr/bin/hello": "x"})
	tests := map[string][]byte{
		"not ar":          []byte("hello"),
		"truncated":       good[:len(good)/2],
		"bad header":      append([]byte("!<arch>\n"), bytes.Repeat([]byte("x"), 60)...),
		"unsafe path":     makeDeb(t, testControl, map[string]string{"../etc/passwd": "x"}),
		"no control file": makeDeb(t, "", map[string]string{"./a": "x"}),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Read(bytes.NewReader(data), Limits{}); err == nil {
				t.Fatal("accepted")
			} else if !errors.Is(err, ErrFormat) && name != "no control file" {
				t.Logf("error does not wrap ErrFormat: %v", err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	data := makeDeb(t, testControl, map[string]string{"./big": strings.Repeat("x", 1<<16)})
	if _, err := Read(bytes.NewReader(data), Limits{MaxUnpacked: 1 << 10}); err == nil {
		t.Fatal("a data.tar larger than the limit was read")
	}
}

// TestRealDebs reads the .debs in the build cache (xz- and zstd-compressed members
// both occur in Debian 12) and checks them against dpkg-deb.
func TestRealDebs(t *testing.T) {
	debs, _ := filepath.Glob("/var/cache/nimbus-debs/*.deb")
	if len(debs) == 0 {
		t.Skip("no cached .debs (run nimbus build first)")
	}
	if len(debs) > 20 {
		debs = debs[:20]
	}
	for _, p := range debs {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		pkg, err := Read(f, Limits{})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if pkg.Control.Get("Package") == "" || len(pkg.Files) == 0 {
			t.Errorf("%s: empty", p)
		}
	}
}

func TestParseStanzas(t *testing.T) {
	tests := []struct {
		in      string
		n       int
		wantErr bool
	}{
		{"A: 1\nB: 2\n\nA: 3\n", 2, false},
		{"A: 1\n  cont\n\n\n\nB: x", 2, false},
		{"# comment\nA: 1\n", 1, false},
		{" cont first\n", 0, true},
		{"no colon\n", 0, true},
	}
	for _, tt := range tests {
		n := 0
		err := ParseStanzas([]byte(tt.in), func(Stanza) error { n++; return nil })
		if (err != nil) != tt.wantErr || (!tt.wantErr && n != tt.n) {
			t.Errorf("%q: %d stanzas, err %v", tt.in, n, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add(makeDeb(f, testControl, map[string]string{"./usr/bin/hello": "x", "./a": "->b"}))
	f.Add([]byte("!<arch>\n"))
	f.Add([]byte("!<arch>\ndebian-binary   0           0     0     100644  4         `\n2.0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Read(bytes.NewReader(data), Limits{MaxUnpacked: 1 << 20, MaxControl: 1 << 20})
	})
}

func FuzzArReader(f *testing.F) {
	f.Add(makeDeb(f, testControl, map[string]string{"./x": "y"}))
	f.Add([]byte("!<arch>\n#1/20           0           0     0     100644  4         `\nabcd"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := newArReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := 0; i < 100; i++ {
			m, err := a.Next()
			if err != nil {
				return
			}
			buf := make([]byte, 512)
			_, _ = a.member(m).Read(buf)
		}
	})
}

func FuzzParseStanzas(f *testing.F) {
	f.Add([]byte(testControl))
	f.Add([]byte("A: 1\n\nB:\n x\n .\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = ParseStanzas(data, func(s Stanza) error { _ = s.Get("Package"); return nil })
		_, _ = ParseControl(data)
	})
}
