package solver

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A cache read from an *os.File is mapped, not read: it must load the
// same pool as from memory, and stay readable after its pages are dropped.
func TestCacheFromMappedFile(t *testing.T) {
	var buf bytes.Buffer
	if err := samplePool().WriteCache(&buf); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "pool.cache")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer func(m int64) { mapMin = m }(mapMin)
	mapMin = 0 // map even this small file
	if _, ok := mapFile(f, 0); !ok {
		t.Fatal("a regular file at offset 0 was not mapped")
	}
	q, err := ReadCache(f)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := q.WriteCache(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("a pool read from a mapped cache differs from the one written")
	}
	if b := q.Solvable(2); b.String() != "b-1:2-1.noarch" || b.Vendor != "v" || b.Files[0] != "/usr/bin/b" {
		t.Errorf("mapped cache lost data: %+v", b)
	}

	// a file not at offset 0 is read from where it is, not mapped
	if _, err := f.Seek(3, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok := mapFile(f, 0); ok {
		t.Error("a file at offset 3 was mapped from its start")
	}
}

func TestReadFileMapped(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), int(mapMin/16+1))
	small := []byte("small file\n")
	for name, want := range map[string][]byte{"big": big, "small": small} {
		if err := os.WriteFile(filepath.Join(dir, name), want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, drop, err := ReadFileMapped(os.DirFS(dir), name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: contents differ", name)
		}
		drop()
		if !bytes.Equal(got, want) { // dropped pages fault back in
			t.Errorf("%s: contents differ after drop", name)
		}
	}
	if _, _, err := ReadFileMapped(os.DirFS(dir), "missing"); err == nil {
		t.Error("a missing file gave no error")
	}
}
