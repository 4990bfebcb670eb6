package fsutil

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFileMapped(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), int(MapMin/16+1))
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

// Mapped maps a file at offset 0 (Contents and Read give the file) and leaves a file
// elsewhere, or a small one, as it is.
func TestMapped(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f")
	want := bytes.Repeat([]byte("x"), 4096)
	if err := os.WriteFile(name, want, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer func(m int64) { MapMin = m }(MapMin)
	MapMin = 0
	m, ok := Mapped(f).(MappedReader)
	if !ok {
		t.Fatal("a regular file at offset 0 was not mapped")
	}
	if !bytes.Equal(m.Contents(), want) {
		t.Error("Contents differ from the file")
	}
	if b, _ := io.ReadAll(m); !bytes.Equal(b, want) {
		t.Error("Read differs from the file")
	}
	if _, err := f.Seek(3, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok := Mapped(f).(MappedReader); ok {
		t.Error("a file at offset 3 was mapped from its start")
	}
	MapMin = 1 << 20
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	if _, ok := Mapped(f).(MappedReader); ok {
		t.Error("a file below MapMin was mapped")
	}
}
