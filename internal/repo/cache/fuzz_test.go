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
