package cache

import (
	"os"
	"testing"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// TestDecodeMappedGivesPagesBack: loading the AppStream index with a drop function (as for
// a file mapping) hands it whole pages inside the file, most of the file after the checksum
// and the validation, each page of the records at most once during the load, and loads the
// same pool as Decode.
func TestDecodeMappedGivesPagesBack(t *testing.T) {
	data := buildAppStream(t).Encode()
	page := uintptr(os.Getpagesize())
	base := uintptr(unsafe.Pointer(&data[0]))
	seen := map[uintptr]bool{}
	dropped, loading := 0, false
	drop := func(b []byte) {
		lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		hi := lo + uintptr(len(b))
		if lo < base || hi > base+uintptr(len(data)) || lo%page != 0 || hi%page != 0 || len(b) == 0 {
			t.Fatalf("dropped [%d, %d) of a %d-byte file: not whole pages inside it", lo-base, hi-base, len(data))
		}
		for a := lo; a < hi; a += page {
			if loading && seen[a] {
				t.Fatalf("page at %d dropped twice", a-base)
			}
			seen[a] = true
		}
		dropped += len(b)
	}
	x, err := DecodeMapped(data, drop)
	if err != nil {
		t.Fatal(err)
	}
	afterDecode := dropped
	clear(seen)
	loading = true // the checksum and the validation each read the records; the load once more
	p := solver.NewPool()
	x.AddTo(p.NewRepo("r", 0), nil)
	if afterDecode < len(data)*8/10 || dropped == afterDecode {
		t.Errorf("dropped %d bytes after the checksum and validation, %d after the load, of %d", afterDecode, dropped, len(data))
	}
	y, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	q := solver.NewPool()
	y.AddTo(q.NewRepo("r", 0), nil)
	a, b := p.Repos[0].Solvables, q.Repos[0].Solvables
	if len(a) != len(b) || len(a) != x.Len() {
		t.Fatalf("%d and %d packages of %d", len(a), len(b), x.Len())
	}
	for i := range a {
		if got, want := dump(p.Solvable(a[i])), dump(q.Solvable(b[i])); got != want {
			t.Fatalf("package %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
