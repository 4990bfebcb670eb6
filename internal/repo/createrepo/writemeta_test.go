package createrepo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// TestWriteMetadata: the metadata WriteMetadata writes for packages described with
// FromFile is byte for byte what Create writes after reading the same files.
func TestWriteMetadata(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	info := &rpm.Info{Name: "hello", Version: "1.0", Release: "1", Arch: "noarch", OS: "linux", Summary: "s", Desc: "d", License: "MIT",
		BuildTime: 1764000000, Files: []rpm.File{{Path: "/usr/share/hello", Mode: rpm.ModeDir | 0o755, User: "root", Group: "root"}}}
	if err := rpm.Write(&buf, info, nil, rpm.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	href := "hello-1.0-1.noarch.rpm"
	if err := os.WriteFile(filepath.Join(dir, href), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Unix(1764000000, 0)
	if err := os.Chtimes(filepath.Join(dir, href), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	opts := Options{Time: mtime}
	res, err := Create(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := FromFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()), mtime.Unix(), href)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	rm, err := WriteMetadata(other, []*repomd.Package{p}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rm.Data, res.Repomd.Data) {
		t.Fatalf("records differ:\n got %+v\nwant %+v", rm.Data, res.Repomd.Data)
	}
	for _, d := range rm.Data {
		a, err := os.ReadFile(filepath.Join(other, d.Location))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dir, d.Location))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs", d.Location)
		}
	}
}
