package solver

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func samplePool() *Pool {
	p := NewPool()
	p.Installed = p.NewRepo("@System", 0)
	p.Installed.Add(&Solvable{Name: "a", EVR: "1-1", Arch: "x86_64", Requires: []Dep{{Name: "b", Op: OpGreater | OpEqual, EVR: "2"}}})
	r := p.NewRepo("repo", 10)
	r.SubPriority = -3
	r.Add(&Solvable{Name: "b", EVR: "1:2-1", Arch: "noarch", Vendor: "v",
		Requires:  []Dep{{Rich: &Rich{Op: RichIf, Args: []*Rich{{Op: RichAtom, Atom: Dep{Name: "x"}}, {Op: RichAtom, Atom: Dep{Name: "y"}}}}}},
		Conflicts: []Dep{{Name: "c", Op: OpLess, EVR: "3"}}, Files: []string{"/usr/bin/b"}})
	return p
}

func TestCacheRoundTrip(t *testing.T) {
	p := samplePool()
	var buf bytes.Buffer
	if err := p.WriteCache(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := ReadCache(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if q.Len() != p.Len() || q.Installed == nil || q.Installed.Name != "@System" {
		t.Fatalf("round trip: %d packages, installed %v", q.Len(), q.Installed)
	}
	var again bytes.Buffer
	if err := q.WriteCache(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("cache is not stable across a round trip")
	}
	b := q.Solvable(2)
	if b.String() != "b-1:2-1.noarch" || b.Requires[0].Rich == nil || b.Vendor != "v" || q.Repos[1].SubPriority != -3 {
		t.Errorf("round trip lost data: %+v", b)
	}
}

func TestCacheRejectsCorruption(t *testing.T) {
	var buf bytes.Buffer
	if err := samplePool().WriteCache(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     []byte("NOT-A-CACHE"),
		"truncated": data[:len(data)/2],
		"trailing":  append(append([]byte(nil), data...), 1, 2, 3),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadCache(bytes.NewReader(in)); !errors.Is(err, ErrBadCache) {
				t.Errorf("got %v, want ErrBadCache", err)
			}
		})
	}
}

func FuzzReadCache(f *testing.F) {
	var buf bytes.Buffer
	if err := samplePool().WriteCache(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(cacheMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadCache(bytes.NewReader(data))
		if err != nil {
			return
		}
		// whatever decodes must also solve without panicking
		if _, err := New(p).Solve([]Job{{Kind: JobInstall, Sel: SelAll, Flags: JobWeak}}); err != nil {
			t.Logf("solve: %v", err)
		}
	})
}

func TestCacheOldVersion(t *testing.T) {
	_, err := ReadCache(strings.NewReader("NIMBUS-POOL\x02\x00\x01\x00\x00"))
	if !errors.Is(err, ErrBadCache) || !strings.Contains(err.Error(), "format version 2") || !strings.Contains(err.Error(), "rebuild") {
		t.Fatalf("reading a version 2 cache: %v", err)
	}
}

// contentsReader hands its bytes over as fsutil.MappedReader does for a mapped file.
type contentsReader struct {
	*bytes.Reader
	b []byte
}

func (c contentsReader) Contents() []byte { return c.b }

// A reader that hands over its contents (a mapped cache file) loads the same pool.
func TestCacheFromContents(t *testing.T) {
	var buf bytes.Buffer
	if err := samplePool().WriteCache(&buf); err != nil {
		t.Fatal(err)
	}
	b := append([]byte(nil), buf.Bytes()...)
	q, err := ReadCache(contentsReader{bytes.NewReader(nil), b}) // Read gives nothing: Contents must be used
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := q.WriteCache(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("a pool read from Contents differs from the one written")
	}
}
