package cpio

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the Reader. Whatever it reads to the
// trailer must survive a write and a second read unchanged.
func FuzzReader(f *testing.F) {
	valid := writeArchive(f, sample())
	f.Add(valid)
	f.Add(valid[:len(valid)/2])                                                           // truncated
	f.Add(append([]byte("070707"), valid[6:]...))                                         // bad magic
	f.Add([]byte(hdr(magicNewc, [13]uint32{6: 0xffffffff, 11: 2}, "f")))                  // huge size
	f.Add([]byte(hdr(magicNewc, [13]uint32{11: 0xffffffff}, "f")))                        // huge name
	f.Add([]byte(hdr(magicCRC, [13]uint32{6: 1, 11: 2, 12: 'z'}, "f") + "z\x00\x00\x00")) // crc format
	f.Add([]byte(hdr(magicNewc, [13]uint32{4: 1, 11: 11}, TrailerName)))                  // empty archive
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		r.SetMaxEntrySize(1 << 20)
		var entries []entry
		for {
			h, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return
			}
			body, err := io.ReadAll(r)
			if err != nil {
				return
			}
			if int64(len(body)) != h.Size {
				t.Fatalf("entry %q: read %d bytes, header says %d", h.Name, len(body), h.Size)
			}
			entries = append(entries, entry{*h, string(body)})
		}
		again := readArchive(t, writeArchive(t, entries))
		if len(again) != len(entries) {
			t.Fatalf("round trip: %d entries, want %d", len(again), len(entries))
		}
		for i := range again {
			if again[i] != entries[i] {
				t.Fatalf("round trip entry %d: %+v, want %+v", i, again[i], entries[i])
			}
		}
	})
}
