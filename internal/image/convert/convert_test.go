package convert

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

func rawDisk(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "disk.raw")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Truncate(8 << 20)
	f.WriteAt(bytes.Repeat([]byte("nimbus"), 1000), 512)
	f.WriteAt([]byte("end"), 8<<20-512)
	f.WriteAt([]byte("odd"), 3<<20+7) // a cluster in the middle of a hole
	return p
}

func TestFormats(t *testing.T) {
	q, err := FindQemuImg()
	testfiles.Need(t, err)
	ctx := context.Background()
	raw := rawDisk(t)
	dir := t.TempDir()
	sum := func(p string) []byte { b, _ := os.ReadFile(p); return b }
	for i := 0; i < 2; i++ {
		// The VMDK descriptor names its own file: same name, other folders.
		pfx := filepath.Join(dir, string(rune('a'+i)), "disk")
		os.MkdirAll(filepath.Dir(pfx), 0o755)
		if err := q.Qcow2(ctx, raw, pfx+".qcow2"); err != nil {
			t.Fatal(err)
		}
		if err := Qcow2(raw, pfx+".go.qcow2"); err != nil {
			t.Fatal(err)
		}
		if err := VMDK(raw, pfx+".go.vmdk", 0x1234abcd); err != nil {
			t.Fatal(err)
		}
		if err := q.VMDK(ctx, raw, pfx+".vmdk", 0x1234abcd); err != nil {
			t.Fatal(err)
		}
		if err := VHD(raw, pfx+".vhd", [16]byte{1, 2, 3}, time.Unix(1700000000, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct{ ext, format string }{{"qcow2", "qcow2"}, {"go.qcow2", "qcow2"}, {"vmdk", "vmdk"}, {"go.vmdk", "vmdk"}, {"vhd", "vpc"}} {
		a, b := filepath.Join(dir, "a/disk."+f.ext), filepath.Join(dir, "b/disk."+f.ext)
		if !bytes.Equal(sum(a), sum(b)) {
			t.Errorf("%s: two conversions differ", f.ext)
		}
		if f.format != "vpc" { // qemu-img check does not support vpc
			if err := q.Check(ctx, f.format, a); err != nil {
				t.Errorf("check %s: %v", f.ext, err)
			}
		}
		if err := q.Compare(ctx, raw, f.format, a); err != nil {
			t.Errorf("compare %s: %v", f.ext, err)
		}
	}
}

func TestVHDFooter(t *testing.T) {
	f, err := VHDFooter(1<<20, [16]byte{9}, time.Date(2000, 1, 1, 0, 0, 10, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if string(f[:8]) != "conectix" || f[27] != 10 || f[60+3] != 2 {
		t.Errorf("footer % x", f[:96])
	}
	var sum uint32
	for i, b := range f {
		if i < 64 || i >= 68 {
			sum += uint32(b)
		}
	}
	if got := uint32(f[64])<<24 | uint32(f[65])<<16 | uint32(f[66])<<8 | uint32(f[67]); got != ^sum {
		t.Errorf("checksum %#x want %#x", got, ^sum)
	}
	if _, err := VHDFooter(1000, [16]byte{}, time.Time{}); err == nil {
		t.Error("size 1000 accepted")
	}
}

// TestQcow2Layout: a sparse disk spanning several L2 tables and ending in a partial
// cluster, checked and compared by qemu-img.
func TestQcow2Layout(t *testing.T) {
	q, err := FindQemuImg()
	testfiles.Need(t, err)
	dir := t.TempDir()
	raw := filepath.Join(dir, "big.raw")
	f, _ := os.Create(raw)
	size := int64(1<<30 + 512)
	f.Truncate(size)
	for _, off := range []int64{0, 600 << 20, 512<<20 - 3, size - 100} {
		f.WriteAt([]byte("nimbus-qcow2"), off)
	}
	f.Close()
	out := filepath.Join(dir, "big.qcow2")
	if err := Qcow2(raw, out); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := q.Check(ctx, "qcow2", out); err != nil {
		t.Error(err)
	}
	if err := q.Compare(ctx, raw, "qcow2", out); err != nil {
		t.Error(err)
	}
	vm := filepath.Join(dir, "big.vmdk")
	if err := VMDK(raw, vm, 1); err != nil {
		t.Fatal(err)
	}
	if err := q.Check(ctx, "vmdk", vm); err != nil {
		t.Error(err)
	}
	if err := q.Compare(ctx, raw, "vmdk", vm); err != nil {
		t.Error(err)
	}
	if st, _ := os.Stat(out); st.Size() > 20*qcowCluster {
		t.Errorf("qcow2 of 5 data clusters is %d bytes", st.Size())
	}
	// The same qcow2 written as a stream (a writer that cannot seek): byte for byte.
	var stream bytes.Buffer
	if err := Qcow2To(raw, struct{ io.Writer }{&stream}); err != nil {
		t.Fatal(err)
	}
	if file, _ := os.ReadFile(out); !bytes.Equal(stream.Bytes(), file) {
		t.Errorf("streamed qcow2 (%d bytes) differs from the file (%d bytes)", stream.Len(), len(file))
	}
}

// TestQcow2Tee: the raw disk handed to the tee while the qcow2 is written is the raw
// file byte for byte (its SHA-256 is sha256sum's), and the qcow2 is unchanged; for
// disks ending in a hole, in data, in a partial cluster, and with zero-filled data.
func TestQcow2Tee(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		size   int64
		writes []int64
	}{
		{1<<30 + 512, []int64{0, 600 << 20, 512<<20 - 3, 1<<30 + 500}},
		{64 << 20, []int64{70000}},
		{3<<16 + 7, []int64{1 << 16, 3<<16 + 1}},
		{1 << 20, nil},
	} {
		raw := filepath.Join(dir, fmt.Sprintf("t%d.raw", i))
		f, _ := os.Create(raw)
		f.Truncate(tc.size)
		for _, off := range tc.writes {
			f.WriteAt([]byte("nimbus-tee"), off)
		}
		f.WriteAt(make([]byte, 3<<16), 1<<17) // data that is all zeros
		f.Truncate(tc.size)
		f.Close()
		var plain, teed bytes.Buffer
		if err := Qcow2To(raw, &plain); err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		if err := Qcow2Tee(raw, &teed, h); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(raw)
		if want := sha256.Sum256(data); !bytes.Equal(h.Sum(nil), want[:]) {
			t.Errorf("disk %d: tee hash %x, file %x", i, h.Sum(nil), want)
		}
		if !bytes.Equal(plain.Bytes(), teed.Bytes()) {
			t.Errorf("disk %d: qcow2 differs with a tee", i)
		}
	}
}

// TestCopySparse: the copy has the bytes of the file (data, holes, zero-filled data,
// data in the last partial piece, a trailing hole) and no more allocated than its data.
func TestCopySparse(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		size   int64
		writes []int64
	}{
		{64<<20 + 512, []int64{0, 3<<20 - 5, 40 << 20, 64<<20 + 500}},
		{8 << 20, []int64{70000}},
		{1<<20 + 7, []int64{1<<20 + 1}},
		{1 << 20, nil},
	} {
		src := filepath.Join(dir, fmt.Sprintf("s%d.raw", i))
		f, _ := os.Create(src)
		f.Truncate(tc.size)
		f.WriteAt(make([]byte, 3<<20), 4<<20) // data that is all zeros
		for _, off := range tc.writes {
			f.WriteAt([]byte("nimbus-copy"), off)
		}
		f.Truncate(tc.size)
		f.Close()
		dst := filepath.Join(dir, fmt.Sprintf("d%d.raw", i))
		if err := CopySparse(src, dst); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(src)
		b, _ := os.ReadFile(dst)
		if !bytes.Equal(a, b) {
			t.Errorf("copy %d: the bytes differ (%d vs %d bytes)", i, len(a), len(b))
		}
		var st unix.Stat_t
		if err := unix.Stat(dst, &st); err != nil {
			t.Fatal(err)
		}
		// Each write touches at most two 1 MiB pieces; the zero-filled 3 MiB is no data.
		if max := int64(len(tc.writes)) * 2 << 20; st.Blocks*512 > max {
			t.Errorf("copy %d: %d bytes allocated, want at most %d", i, st.Blocks*512, max)
		}
	}
}
