package rpm

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"strings"
	"testing"
)

// hugeClaim is a 176-byte file: a valid lead and a signature header that claims rpm's
// maximum data size (256 MiB) and then ends.
func hugeClaim(t testing.TB) []byte {
	good := writeSample(t, WriteOptions{})
	b := append([]byte(nil), good[:leadSize+16]...)
	binary.BigEndian.PutUint32(b[leadSize+8:], 1)
	binary.BigEndian.PutUint32(b[leadSize+12:], maxDataSize)
	return append(b, make([]byte, 176-len(b))...)
}

// TestHugeHeaderClaimNotAllocated: memory follows the bytes that are really there, not
// the header's claim (120 such files took `repo create` to 4.2 GB).
func TestHugeHeaderClaimNotAllocated(t *testing.T) {
	data := hugeClaim(t)
	if len(data) != 176 {
		t.Fatalf("%d bytes", len(data))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 4 {
		_, err := Read(bytes.NewReader(data))
		if err == nil || !strings.Contains(err.Error(), "signature header") || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("err = %v, want a truncated signature header", err)
		}
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("reading 4 × 176 bytes allocated %d MiB", got>>20)
	}
}

// A large header that is really there still reads whole (the buffer grows).
func TestReadGrowing(t *testing.T) {
	src := bytes.Repeat([]byte("0123456789"), 100_000)
	got, err := readGrowing(bytes.NewReader(src[8:]), src[:8], len(src))
	if err != nil || !bytes.Equal(got, src) {
		t.Fatalf("readGrowing: %v, %d bytes", err, len(got))
	}
	if _, err := readGrowing(bytes.NewReader(src[8:100]), src[:8], len(src)); err == nil {
		t.Fatal("short input accepted")
	}
}
