package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// FuzzDecode: arbitrary bytes (with a valid checksum, so the structure checks are
// reached) never panic, a decoded index answers every accessor in range, and it loads into
// a solver pool (rich expressions parsed, as for a `nimbus` repo of a testcase).
func FuzzDecode(f *testing.F) {
	b := NewBuilder()
	b.Add(&repomd.Package{Name: "a", Epoch: "0", Version: "1", Release: "2", Arch: "x86_64", PkgID: "ff",
		Deps:  [dep.Enhances + 1][]repomd.Dep{dep.Provides: {{Name: "a", Flags: "EQ", Epoch: "0", Version: "1"}}, dep.Requires: {{Name: "b"}}},
		Files: []repomd.File{{Path: "/usr/bin/a"}}})
	b.Add(&repomd.Package{Name: "b", PkgID: "ee"})
	x, _ := b.Index("key")
	good := x.Encode()
	f.Add(good)
	f.Add(good[:len(good)/2])
	if px, err := FromRepo(samplePool(f)); err == nil && px != nil {
		f.Add(px.Encode())
	}
	dir := f.TempDir()
	// Load leaves everything it can on disk (cold strings and their offsets, package and
	// dependency records): what it reads back later must agree with Decode too
	defer func(k uint64) { keepCold = k }(keepCold)
	keepCold = 0
	f.Fuzz(func(t *testing.T, data []byte) {
		try := func(d []byte) {
			x, err := Decode(d)
			// Load reads the same bytes from a file (keeping less of them) and must agree
			path := filepath.Join(dir, "x.nidx")
			if werr := os.WriteFile(path, d, 0o644); werr != nil {
				t.Fatal(werr)
			}
			y, lerr := Load(path)
			if (err == nil) != (lerr == nil) {
				t.Fatalf("Decode: %v, Load: %v", err, lerr)
			}
			if err != nil {
				return
			}
			for id := 0; id <= y.NumStrings(); id++ {
				if x.Str(StrID(id)) != y.Str(StrID(id)) {
					t.Fatalf("string %d: Load %q, Decode %q", id, y.Str(StrID(id)), x.Str(StrID(id)))
				}
			}
			for i := 0; i < y.Len(); i++ {
				if x.Package(i) != y.Package(i) {
					t.Fatalf("package %d: Load %+v, Decode %+v", i, y.Package(i), x.Package(i))
				}
				for k := dep.Requires; k <= dep.Enhances; k++ {
					if a, b := fmt.Sprint(x.Deps(i, k)), fmt.Sprint(y.Deps(i, k)); a != b {
						t.Fatalf("package %d: Load %s, Decode %s", i, b, a)
					}
				}
			}
			for i := 0; i < x.Len(); i++ {
				x.Package(i)
				for k := dep.Requires; k <= dep.Enhances; k++ {
					x.Deps(i, k)
				}
				x.Files(i)
			}
			p := solver.NewPool()
			x.AddTo(p.NewRepo("r", 0), nil)
			p.CreateWhatProvides()
			q := solver.NewPool()
			y.AddWith(q.NewRepo("r", 0), SolvableOptions{}, nil)
			q.CreateWhatProvides()
			if y.Err() != nil {
				t.Fatalf("reading back what Load left on disk: %v", y.Err())
			}
		}
		try(data)
		// The same bytes with a correct checksum trailer.
		if len(data) >= 4 {
			d := append([]byte(nil), data...)
			body := d[:len(d)-4]
			c := crcOf(body)
			d[len(d)-4], d[len(d)-3], d[len(d)-2], d[len(d)-1] = byte(c), byte(c>>8), byte(c>>16), byte(c>>24)
			try(d)
		}
	})
}

// TestLoadCorruptOnDisk flips each byte of a small index in turn (the checksum made right
// again) and loads it with everything left on disk that Load can leave: every accessor and
// a pool built from it must work or fail cleanly, never panic.
func TestLoadCorruptOnDisk(t *testing.T) {
	defer func(k uint64) { keepCold = k }(keepCold)
	keepCold = 0
	b := NewBuilder()
	b.Add(&repomd.Package{Name: "a", Epoch: "0", Version: "1", Release: "2", Arch: "x86_64", PkgID: "ff", Location: "a.rpm", Summary: "A",
		Deps:  [dep.Enhances + 1][]repomd.Dep{dep.Provides: {{Name: "a", Flags: "EQ", Epoch: "0", Version: "1"}}, dep.Requires: {{Name: "b"}, {Name: "(b if c)"}}},
		Files: []repomd.File{{Path: "/usr/bin/a"}}})
	b.Add(&repomd.Package{Name: "b", PkgID: "ee", Location: "b.rpm", Deps: [dep.Enhances + 1][]repomd.Dep{dep.Obsoletes: {{Name: "c"}}}})
	x, err := b.Index("key")
	if err != nil {
		t.Fatal(err)
	}
	good := x.Encode()
	path := filepath.Join(t.TempDir(), "x.nidx")
	loaded := 0
	for i := 0; i < len(good)-4; i++ {
		d := append([]byte(nil), good...)
		d[i] ^= 0xff
		c := crcOf(d[:len(d)-4])
		d[len(d)-4], d[len(d)-3], d[len(d)-2], d[len(d)-1] = byte(c), byte(c>>8), byte(c>>16), byte(c>>24)
		if err := os.WriteFile(path, d, 0o644); err != nil {
			t.Fatal(err)
		}
		y, err := Load(path)
		if err != nil {
			continue
		}
		loaded++
		for id := 0; id <= y.NumStrings()+1; id++ {
			y.Str(StrID(id))
		}
		for j := y.Len() - 1; j >= 0; j-- {
			y.Package(j)
			for k := dep.Requires; k <= dep.Enhances; k++ {
				y.Deps(j, k)
			}
			y.Files(j)
		}
		p := solver.NewPool()
		y.AddWith(p.NewRepo("r", 0), SolvableOptions{}, nil)
		p.CreateWhatProvides()
		if y.Err() != nil {
			t.Errorf("byte %d: %v", i, y.Err())
		}
	}
	if loaded == 0 {
		t.Error("no corrupted file loaded: the accessors were not reached")
	}
	t.Logf("%d of %d corrupted files loaded", loaded, len(good)-4)
}
