package cache

import (
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
	f.Fuzz(func(t *testing.T, data []byte) {
		try := func(d []byte) {
			x, err := Decode(d)
			if err != nil {
				return
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
