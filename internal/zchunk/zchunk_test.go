package zchunk

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// syntheticPrimary is a primary.xml of n packages; changed packages get a new release.
func syntheticPrimary(n int, changed func(i int) bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"%d\">\n", n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		rel := "1.el9"
		if changed != nil && changed(i) {
			rel = "2.el9"
		}
		fmt.Fprintf(&b, "<package type=\"rpm\">\n  <name>pkg%05d</name>\n  <arch>x86_64</arch>\n  <version epoch=\"0\" ver=\"%d.%d\" rel=\"%s\"/>\n  <checksum type=\"sha256\" pkgid=\"YES\">%016x%016x</checksum>\n  <summary>Package number %d</summary>\n  <format>\n", i, i%7, i%13, rel, r.Uint64(), r.Uint64(), i)
		for k := range 1 + i%9 {
			fmt.Fprintf(&b, "    <rpm:entry name=\"libdep%d.so.%d()(64bit)\"/>\n", (i*k)%997, k)
		}
		b.WriteString("  </format>\n</package>\n")
	}
	b.WriteString("</metadata>\n")
	return []byte(b.String())
}

func TestCompressedInteger(t *testing.T) {
	for _, v := range []uint64{0, 1, 127, 128, 157, 16383, 16384, 1 << 40, 1<<64 - 1} {
		b := appendCI(nil, v)
		off := 0
		got, err := readCI(b, &off)
		if err != nil || got != v || off != len(b) {
			t.Errorf("%d: got %d, %v, off %d of %d", v, got, err, off, len(b))
		}
	}
	// 157 as zck writes it in a lead: 0x1d 0x81.
	if b := appendCI(nil, 157); !bytes.Equal(b, []byte{0x1d, 0x81}) {
		t.Errorf("157 = %x", b)
	}
	off := 0
	if _, err := readCI([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f}, &off); err == nil {
		t.Error("overflowing integer accepted")
	}
}

func TestRoundTrip(t *testing.T) {
	doc := syntheticPrimary(500, nil)
	for _, o := range []WriteOptions{{}, {ChunkHash: SHA256}, {NoCompress: true}, {Uncompressed: true}, {Dict: doc[:4096]}} {
		t.Run(fmt.Sprintf("%+v", o.ChunkHash)+fmt.Sprint(o.NoCompress, o.Uncompressed, len(o.Dict)), func(t *testing.T) {
			var f bytes.Buffer
			h, err := Write(&f, Split(doc, SplitOptions{}), o)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			h2, err := Decompress(bytes.NewReader(f.Bytes()), &out, 1<<30)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), doc) {
				t.Fatal("content differs")
			}
			if !bytes.Equal(h.HeaderChecksum, h2.HeaderChecksum) || h.Size != h2.Size || len(h.Chunks) != len(h2.Chunks) {
				t.Fatal("headers differ")
			}
			if int64(f.Len()) != h.Size+h.DataSize() {
				t.Fatalf("file %d bytes, header says %d", f.Len(), h.Size+h.DataSize())
			}
		})
	}
}

func TestCorruptionDetected(t *testing.T) {
	doc := syntheticPrimary(50, nil)
	var f bytes.Buffer
	h, err := Write(&f, Split(doc, SplitOptions{}), WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int64{10, h.Size - 3, h.Size + 5, int64(f.Len()) - 2} {
		b := bytes.Clone(f.Bytes())
		b[at] ^= 0x40
		if _, err := Decompress(bytes.NewReader(b), &bytes.Buffer{}, 1<<30); err == nil {
			t.Errorf("flip at %d not detected", at)
		}
	}
	if _, err := Decompress(bytes.NewReader(f.Bytes()[:f.Len()-1]), &bytes.Buffer{}, 1<<30); err == nil {
		t.Error("truncation not detected")
	}
	if _, err := Decompress(bytes.NewReader(f.Bytes()), &bytes.Buffer{}, int64(len(doc)-1)); err == nil {
		t.Error("limit not enforced")
	}
}

// TestDeltaOnePercent: after 1% of the packages change, the chunks to fetch
// are a small part of the file and the assembled file is the new one.
func TestDeltaOnePercent(t *testing.T) {
	const n = 17000
	oldDoc := syntheticPrimary(n, nil)
	newDoc := syntheticPrimary(n, func(i int) bool { return i%100 == 37 })
	var oldF, newF bytes.Buffer
	oldH, err := Write(&oldF, Split(oldDoc, SplitOptions{}), WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	newH, err := Write(&newF, Split(newDoc, SplitOptions{}), WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := NewPlan(oldH, newH, 0)
	fetched := newH.Size + p.Bytes()
	t.Logf("%d chunks, file %d bytes, header %d, to fetch %d bytes in %d ranges (%.1f%%)",
		len(newH.Chunks)-1, newF.Len(), newH.Size, fetched, len(p.Need), 100*float64(fetched)/float64(newF.Len()))
	if fetched*10 > int64(newF.Len()) {
		t.Errorf("fetching %d of %d bytes, more than 10%%", fetched, newF.Len())
	}
	var got bytes.Buffer
	served := int64(0)
	err = p.Assemble(&got, bytes.NewReader(oldF.Bytes()), func(off, n int64) ([]byte, error) {
		served += n
		return newF.Bytes()[off : off+n], nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), newF.Bytes()) {
		t.Fatal("assembled file differs")
	}
	if served != p.Bytes() {
		t.Errorf("served %d, planned %d", served, p.Bytes())
	}
	// A wrong chunk from the server is caught.
	err = p.Assemble(&bytes.Buffer{}, bytes.NewReader(oldF.Bytes()), func(off, n int64) ([]byte, error) {
		b := bytes.Clone(newF.Bytes()[off : off+n])
		b[0] ^= 1
		return b, nil
	})
	if err == nil {
		t.Fatal("corrupt chunk accepted")
	}
}
