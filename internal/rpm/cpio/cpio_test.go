package cpio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// entry is a header with its data, for building and checking archives.
type entry struct {
	hdr  Header
	data string
}

// sample is a payload the way rpm lays one out: directories, a file, a
// symlink, a hard link set (only the last member carries data), a device
// node, and names of every length modulo 4.
func sample() []entry {
	return []entry{
		{Header{Name: "./usr", Ino: 1, Mode: TypeDir | 0o755, Nlink: 2, Mtime: 1700000000}, ""},
		{Header{Name: "./usr/bin", Ino: 2, Mode: TypeDir | 0o755, Nlink: 2, Mtime: 1700000000}, ""},
		{Header{Name: "./usr/bin/hello", Ino: 3, Mode: TypeReg | 0o755, Nlink: 1, Mtime: 1700000000, Size: 6}, "hello\n"},
		{Header{Name: "./usr/bin/hi", Ino: 4, Mode: TypeLink | 0o777, Nlink: 1, Mtime: 1700000000, Size: 5}, "hello"},
		{Header{Name: "./usr/bin/a", Ino: 5, Mode: TypeReg | 0o644, Nlink: 3, Size: 0}, ""},
		{Header{Name: "./usr/bin/ab", Ino: 5, Mode: TypeReg | 0o644, Nlink: 3, Size: 0}, ""},
		{Header{Name: "./usr/bin/abc", Ino: 5, Mode: TypeReg | 0o644, Nlink: 3, Size: 7}, "linked\n"},
		{Header{Name: "./dev/null", Ino: 6, Mode: TypeChar | 0o666, UID: 0, GID: 0, Nlink: 1, RdevMajor: 1, RdevMinor: 3, DevMajor: 8, DevMinor: 1}, ""},
		{Header{Name: "./etc/empty.conf", Ino: 7, Mode: TypeReg | 0o600, UID: 1000, GID: 1000, Nlink: 1}, ""},
		{Header{Name: "./srv/" + strings.Repeat("n", 200), Ino: 8, Mode: TypeReg | ModeSetuid | 0o755, Nlink: 1, Size: 1001}, strings.Repeat("x", 1001)},
	}
}

func writeArchive(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := range entries {
		if err := w.WriteHeader(&entries[i].hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, entries[i].data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readArchive(t testing.TB, archive []byte) []entry {
	t.Helper()
	var got []entry
	r := NewReader(bytes.NewReader(archive))
	for {
		h, err := r.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, entry{*h, string(data)})
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		entries []entry
	}{
		{"empty archive", nil},
		{"rpm-like payload", sample()},
		{"one byte", []entry{{Header{Name: "x", Mode: TypeReg, Nlink: 1, Size: 1}, "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := writeArchive(t, tt.entries)
			if len(archive)%4 != 0 {
				t.Errorf("archive length %d is not a multiple of 4", len(archive))
			}
			got := readArchive(t, archive)
			if len(got) != len(tt.entries) {
				t.Fatalf("read %d entries, wrote %d", len(got), len(tt.entries))
			}
			for i := range got {
				if got[i] != tt.entries[i] {
					t.Errorf("entry %d: got %+v, want %+v", i, got[i], tt.entries[i])
				}
			}
			if again := writeArchive(t, got); !bytes.Equal(again, archive) {
				t.Error("writing the read entries again gives different bytes")
			}
		})
	}
}

func TestLayout(t *testing.T) {
	archive := writeArchive(t, []entry{{Header{Name: "./a", Ino: 0x1234, Mode: TypeReg | 0o644, Nlink: 1, Mtime: 0x5f5e100, Size: 3}, "abc"}})
	want := "070701" + "00001234" + "000081a4" + "00000000" + "00000000" + "00000001" + "05f5e100" +
		"00000003" + "00000000" + "00000000" + "00000000" + "00000000" + "00000004" + "00000000" +
		"./a\x00\x00\x00" + "abc\x00" +
		"070701" + "00000000" + "00000000" + "00000000" + "00000000" + "00000001" + "00000000" +
		"00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "0000000b" + "00000000" +
		"TRAILER!!!\x00" + "\x00\x00\x00"
	if string(archive) != want {
		t.Errorf("archive:\n%q\nwant:\n%q", archive, want)
	}
}

// TestNextSkipsUnreadData reads only headers; Next must skip data and padding.
func TestNextSkipsUnreadData(t *testing.T) {
	archive := writeArchive(t, sample())
	r := NewReader(bytes.NewReader(archive))
	var names []string
	for {
		h, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if h.Name == "./usr/bin/hello" {
			b := make([]byte, 2) // partial read
			if _, err := io.ReadFull(r, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(names) != len(sample()) {
		t.Errorf("got %d entries: %q", len(names), names)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after trailer: %v, want io.EOF", err)
	}
}

func TestWriterErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func(w *Writer) error
		want string
	}{
		{"short data", func(w *Writer) error {
			w.WriteHeader(&Header{Name: "f", Size: 4})
			w.Write([]byte("ab"))
			return w.Close()
		}, `entry "f": 2 bytes of data missing`},
		{"short data then header", func(w *Writer) error {
			w.WriteHeader(&Header{Name: "f", Size: 4})
			return w.WriteHeader(&Header{Name: "g"})
		}, `entry "f": 4 bytes of data missing`},
		{"long data", func(w *Writer) error {
			w.WriteHeader(&Header{Name: "f", Size: 1})
			_, err := w.Write([]byte("ab"))
			return err
		}, `1 bytes more than the header's size`},
		{"4 GiB", func(w *Writer) error { return w.WriteHeader(&Header{Name: "big", Size: 1 << 32}) }, "07070X large-file format is not supported"},
		{"negative size", func(w *Writer) error { return w.WriteHeader(&Header{Name: "neg", Size: -1}) }, "negative size"},
		{"empty name", func(w *Writer) error { return w.WriteHeader(&Header{}) }, "empty name"},
		{"long name", func(w *Writer) error { return w.WriteHeader(&Header{Name: strings.Repeat("a", MaxNameLen+1)}) }, "limit 4096"},
		{"NUL in name", func(w *Writer) error { return w.WriteHeader(&Header{Name: "a\x00b"}) }, "contains NUL"},
		{"trailer name", func(w *Writer) error { return w.WriteHeader(&Header{Name: TrailerName}) }, "reserved"},
		{"after close", func(w *Writer) error {
			w.Close()
			return w.WriteHeader(&Header{Name: "late"})
		}, "write after close"},
		{"sink fails", func(w *Writer) error {
			w.w = failWriter{}
			return w.WriteHeader(&Header{Name: "f"})
		}, `writing header of "f": sink full`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run(NewWriter(io.Discard))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("sink full") }

// hdr builds a raw newc header with the given fields, name and data.
func hdr(magic string, fields [13]uint32, name string) string {
	s := magic
	for _, f := range fields {
		s += fmt.Sprintf("%08x", f)
	}
	s += name + "\x00"
	for len(s)%4 != 0 {
		s += "\x00"
	}
	return s
}

func TestReaderErrors(t *testing.T) {
	good := string(writeArchive(t, sample()))
	file := hdr(magicNewc, [13]uint32{1, TypeReg | 0o644, 0, 0, 1, 0, 4, 0, 0, 0, 0, 2, 0}, "f")
	tests := []struct {
		name    string
		archive string
		max     int64
		want    string
		unexEOF bool
	}{
		{"empty input", "", 0, "cpio entry 0: truncated header", true},
		{"bad magic", "070707" + good[6:], 0, `cpio entry 0: bad magic "070707"`, false},
		{"bad magic later", good[:116] + "X" + good[117:], 0, `cpio entry 1: bad magic "X70701"`, false},
		{"large-file format", "07070X" + good[6:], 0, "07070X) is not supported", false},
		{"truncated header", good[:50], 0, "cpio entry 0: truncated header", true},
		{"truncated name", good[:headerLen+2], 0, "cpio entry 0: truncated name", true},
		{"truncated data", file + "ab", 0, `cpio entry 0 "f": truncated data, 2 bytes missing`, true},
		{"truncated padding", good[:len(good)-1], 0, "truncated", true},
		{"no trailer", file + "abcd", 0, "cpio entry 1: truncated header", true},
		{"non-hex field", "070701" + "0000000g" + good[14:], 0, `cpio entry 0: field ino: non-hex value "0000000g"`, false},
		{"sign in field", "070701" + "+0000001" + good[14:], 0, "field ino: non-hex", false},
		{"name size 0", hdr(magicNewc, [13]uint32{}, ""), 0, "name size 0 outside", false},
		{"huge name size", hdr(magicNewc, [13]uint32{11: 0xffffffff}, ""), 0, "name size 4294967295 outside 1..4097", false},
		{"name without NUL", hdr(magicNewc, [13]uint32{11: 1}, "a")[:headerLen] + "ab\x00\x00", 0, "not NUL-terminated", false},
		{"huge size", hdr(magicNewc, [13]uint32{6: 0xffffffff, 11: 2}, "f"), 1 << 20, `cpio entry 0 "f": size 4294967295 exceeds the limit of 1048576 bytes`, false},
		{"bad checksum", hdr(magicCRC, [13]uint32{6: 4, 11: 2, 12: 7}, "f") + "abcd", 0, "checksum 0000018a, header says 00000007", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.archive))
			if tt.max != 0 {
				r.SetMaxEntrySize(tt.max)
			}
			var err error
			for err == nil {
				_, err = r.Next()
				if err == nil {
					_, err = io.Copy(io.Discard, r)
				}
			}
			if err == io.EOF || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if got := errors.Is(err, io.ErrUnexpectedEOF); got != tt.unexEOF {
				t.Errorf("errors.Is(err, io.ErrUnexpectedEOF) = %v, want %v", got, tt.unexEOF)
			}
			if _, again := r.Next(); again != err {
				t.Errorf("error is not sticky: second Next gave %v", again)
			}
		})
	}
}

func TestReaderAcceptsCRCFormat(t *testing.T) {
	archive := hdr(magicCRC, [13]uint32{1: TypeReg, 4: 1, 6: 4, 11: 2, 12: 'a' + 'b' + 'c' + 'd'}, "f") + "abcd" +
		hdr(magicCRC, [13]uint32{4: 1, 11: 11}, TrailerName)
	got := readArchive(t, []byte(archive))
	if len(got) != 1 || got[0].data != "abcd" {
		t.Errorf("got %+v", got)
	}
}

// TestReaderIgnoresBlockPadding reads an archive padded to 512 bytes as GNU
// cpio writes them, with garbage after the trailer.
func TestReaderIgnoresBlockPadding(t *testing.T) {
	archive := writeArchive(t, sample())
	archive = append(archive, make([]byte, 512-len(archive)%512)...)
	archive = append(archive, "garbage"...)
	if got := readArchive(t, archive); len(got) != len(sample()) {
		t.Errorf("read %d entries, want %d", len(got), len(sample()))
	}
}
