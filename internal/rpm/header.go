package rpm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// The on-disk header structure (the same in the signature header, the main header and the
// blobs rpm keeps in its database):
//
//	magic    8e ad e8 01 00 00 00 00      (omitted in rpmdb blobs)
//	il       int32 BE: number of index entries
//	dl       int32 BE: size of the data store
//	index    il × {tag int32, type uint32, offset int32, count uint32}, all big-endian
//	data     dl bytes
//
// Quirks rpm enforces and this file obeys:
//   - Data of INT16/INT32/INT64 entries is aligned to 2/4/8 bytes inside the data store;
//     the padding is zero bytes. Strings are NUL-terminated; STRING has count 1.
//   - A header written by rpmbuild is one "immutable region": the first index entry has tag
//     63 (HEADERIMMUTABLE; 62 for the signature header), type BIN, count 16, and its offset
//     points at a 16-byte trailer at the end of the region's data. The trailer is itself an
//     index entry {regiontag, BIN, -(16 × il), 16}, so rpm can tell later-added ("dribble")
//     entries from the signed original. Signatures and digests cover exactly these bytes.
//   - Index entries after the region entry are sorted by tag, and their data appears in the
//     data store in the same order, without overlap (rpm's hdrblobVerifyInfo checks both).

// headerMagic starts every header in a package file.
var headerMagic = [8]byte{0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0}

// Limits rpm itself applies (lib/header_internal.h), so hostile input cannot make us allocate more.
const (
	maxIndexEntries = 0xffff
	maxDataSize     = 0x0fffffff // HEADER_DATA_MAX: rpm refuses 256 MiB itself ("out of range")
	regionTrailer   = 16
)

// entry is one parsed index entry; data is a slice of the header's own data store.
type entry struct {
	tag   tag.Tag
	typ   tag.Type
	count uint32
	off   int32
	data  []byte
}

// Header is a parsed RPM header: its index entries, with data still in the original bytes.
// Reading a value is a binary search and a decode; nothing is copied at parse time.
type Header struct {
	entries []entry // sorted by tag
	blob    []byte  // il, dl, index, data (no magic)
	region  tag.Tag // 62 or 63 when the header carries an immutable region, else 0
}

// FormatError reports malformed header bytes: what was wrong and where.
type FormatError struct {
	What   string // "signature header", "header", ...
	Offset int64  // byte offset in the file, or -1
	Msg    string
}

func (e *FormatError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s at offset %d: %s", e.What, e.Offset, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.What, e.Msg)
}

// readHeader reads a header with its 8-byte magic from r. what names it in errors; off is
// the header's position in the file for error messages.
func readHeader(r io.Reader, what string, off int64) (*Header, int64, error) {
	var intro [16]byte
	if _, err := io.ReadFull(r, intro[:]); err != nil {
		return nil, 0, &FormatError{what, off, "truncated intro: " + eofMsg(err)}
	}
	if !bytes.Equal(intro[:8], headerMagic[:]) {
		return nil, 0, &FormatError{what, off, fmt.Sprintf("bad magic % x", intro[:4])}
	}
	il := binary.BigEndian.Uint32(intro[8:])
	dl := binary.BigEndian.Uint32(intro[12:])
	if il == 0 || il > maxIndexEntries {
		return nil, 0, &FormatError{what, off, fmt.Sprintf("absurd index entry count %d", il)}
	}
	if dl > maxDataSize {
		return nil, 0, &FormatError{what, off, fmt.Sprintf("absurd data size %d", dl)}
	}
	n := 8 + 16*int(il) + int(dl)
	blob, err := readGrowing(r, intro[8:], n)
	if err != nil {
		return nil, 0, &FormatError{what, off, fmt.Sprintf("truncated (want %d bytes of index and data): %s", n-8, eofMsg(err))}
	}
	h, err := ParseHeaderBlob(blob)
	if err != nil {
		var fe *FormatError
		if errors.As(err, &fe) {
			fe.What, fe.Offset = what, off
		}
		return nil, 0, err
	}
	return h, int64(8 + n), nil
}

// readGrowing returns prefix followed by bytes of r up to n bytes in all. The buffer grows
// (doubling from 64 KiB) only as data actually arrives, so a header claiming rpm's maximum
// of 256 MiB in a 176-byte file costs 64 KiB, not 256 MiB: memory is bounded by about twice
// the bytes really read.
func readGrowing(r io.Reader, prefix []byte, n int) ([]byte, error) {
	buf := make([]byte, len(prefix), min(n, 64<<10))
	copy(buf, prefix)
	for len(buf) < n {
		if len(buf) == cap(buf) {
			next := make([]byte, len(buf), min(n, 2*cap(buf)))
			copy(next, buf)
			buf = next
		}
		m, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

func eofMsg(err error) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of file"
	}
	return err.Error()
}

// ParseHeaderBlob parses a header without its magic (il, dl, index, data), as rpm stores it
// in the Packages table of its database. The blob is retained, not copied.
func ParseHeaderBlob(blob []byte) (*Header, error) {
	bad := func(format string, a ...any) error {
		return &FormatError{"header", -1, fmt.Sprintf(format, a...)}
	}
	if len(blob) < 8 {
		return nil, bad("blob of %d bytes is shorter than its counts", len(blob))
	}
	il := binary.BigEndian.Uint32(blob)
	dl := binary.BigEndian.Uint32(blob[4:])
	if il == 0 || il > maxIndexEntries || dl > maxDataSize {
		return nil, bad("absurd counts: %d entries, %d data bytes", il, dl)
	}
	if want := 8 + 16*int(il) + int(dl); len(blob) != want {
		return nil, bad("blob has %d bytes, counts say %d", len(blob), want)
	}
	index := blob[8 : 8+16*il]
	data := blob[8+16*il:]
	h := &Header{entries: make([]entry, 0, il), blob: blob}
	sorted := true
	for i := 0; i < int(il); i++ {
		e := index[16*i:]
		en := entry{
			tag:   tag.Tag(binary.BigEndian.Uint32(e)),
			typ:   tag.Type(binary.BigEndian.Uint32(e[4:])),
			off:   int32(binary.BigEndian.Uint32(e[8:])),
			count: binary.BigEndian.Uint32(e[12:]),
		}
		if en.typ > tag.TypeI18NString || en.typ == tag.TypeNull {
			return nil, bad("entry %d (tag %v): unknown type %d", i, en.tag, en.typ)
		}
		if en.off < 0 || int(en.off) > len(data) {
			return nil, bad("entry %d (tag %v): offset %d outside data of %d bytes", i, en.tag, en.off, len(data))
		}
		if en.count == 0 || en.count > uint32(len(data)) {
			return nil, bad("entry %d (tag %v): absurd count %d", i, en.tag, en.count)
		}
		if a := en.typ.Align(); int(en.off)%a != 0 {
			return nil, bad("entry %d (tag %v): %s data at offset %d is not aligned to %d", i, en.tag, en.typ, en.off, a)
		}
		size, err := dataSize(en.typ, en.count, data[en.off:])
		if err != nil {
			return nil, bad("entry %d (tag %v): %v", i, en.tag, err)
		}
		en.data = data[en.off : int(en.off)+size]
		if i == 0 && isRegionTag(en.tag) {
			if err := checkRegion(en, il, data); err != nil {
				return nil, bad("%v", err)
			}
			h.region = en.tag
		}
		if len(h.entries) > 0 && h.entries[len(h.entries)-1].tag > en.tag {
			sorted = false
		}
		h.entries = append(h.entries, en)
	}
	if !sorted {
		sort.SliceStable(h.entries, func(i, j int) bool { return h.entries[i].tag < h.entries[j].tag })
	}
	return h, nil
}

func isRegionTag(t tag.Tag) bool {
	return t == tag.Headerimage || t == tag.Headersignatures || t == tag.Headerimmutable
}

// checkRegion validates an immutable region's entry and trailer the way rpm does.
func checkRegion(en entry, il uint32, data []byte) error {
	if en.typ != tag.TypeBin || en.count != regionTrailer {
		return fmt.Errorf("region tag %v has type %s count %d, want BIN count 16", en.tag, en.typ, en.count)
	}
	t := data[en.off : en.off+regionTrailer]
	ttag := tag.Tag(binary.BigEndian.Uint32(t))
	toff := int32(binary.BigEndian.Uint32(t[8:]))
	if ttag != en.tag && !(en.tag == tag.Headerimmutable && ttag == tag.Headerimage) {
		return fmt.Errorf("region trailer names tag %v, entry says %d", ttag, en.tag)
	}
	if toff > 0 || -toff%16 != 0 || uint32(-toff/16) > il || toff == 0 {
		return fmt.Errorf("region trailer offset %d is not -(16 × entries ≤ %d)", toff, il)
	}
	return nil
}

// dataSize returns how many bytes of d an entry of type t with count n occupies.
func dataSize(t tag.Type, n uint32, d []byte) (int, error) {
	if s := t.Size(); s > 0 {
		size := uint64(s) * uint64(n)
		if size > uint64(len(d)) {
			return 0, fmt.Errorf("%d %s values need %d bytes, %d remain", n, t, size, len(d))
		}
		return int(size), nil
	}
	if t == tag.TypeString && n != 1 {
		return 0, fmt.Errorf("STRING with count %d", n)
	}
	pos := 0
	for i := uint32(0); i < n; i++ {
		j := bytes.IndexByte(d[pos:], 0)
		if j < 0 {
			return 0, fmt.Errorf("string %d of %d is not terminated", i+1, n)
		}
		pos += j + 1
	}
	return pos, nil
}

func (h *Header) find(t tag.Tag) *entry {
	i := sort.Search(len(h.entries), func(i int) bool { return h.entries[i].tag >= t })
	if i < len(h.entries) && h.entries[i].tag == t {
		return &h.entries[i]
	}
	return nil
}

// Has reports whether the header has an entry for t.
func (h *Header) Has(t tag.Tag) bool { return h.find(t) != nil }

// Tags lists the header's tags in ascending order.
func (h *Header) Tags() []tag.Tag {
	ts := make([]tag.Tag, len(h.entries))
	for i, e := range h.entries {
		ts[i] = e.tag
	}
	return ts
}

// TypeOf returns the data type of tag t, or TypeNull when absent.
func (h *Header) TypeOf(t tag.Tag) tag.Type {
	if e := h.find(t); e != nil {
		return e.typ
	}
	return tag.TypeNull
}

// Blob returns the header as rpm stores it in its database (il, dl, index, data; no magic).
func (h *Header) Blob() []byte { return h.blob }

// Bytes returns the header as it appears in a package file (with the 8-byte magic).
func (h *Header) Bytes() []byte {
	b := make([]byte, 0, 8+len(h.blob))
	b = append(b, headerMagic[:]...)
	return append(b, h.blob...)
}

// String returns the value of a STRING or I18NSTRING entry (the first, "C" locale, string),
// or the first element of a STRING_ARRAY; "" when absent.
func (h *Header) String(t tag.Tag) string {
	e := h.find(t)
	if e == nil {
		return ""
	}
	switch e.typ {
	case tag.TypeString, tag.TypeI18NString, tag.TypeStringArray:
		i := bytes.IndexByte(e.data, 0)
		return string(e.data[:i])
	}
	return ""
}

// Strings returns the values of a string-typed entry; nil when absent or of another type.
func (h *Header) Strings(t tag.Tag) []string {
	e := h.find(t)
	if e == nil {
		return nil
	}
	switch e.typ {
	case tag.TypeString, tag.TypeI18NString, tag.TypeStringArray:
	default:
		return nil
	}
	// One conversion for the whole entry; the strings are substrings of it. This keeps
	// decoding a file list at one allocation per tag instead of one per file.
	out := make([]string, 0, e.count)
	d := string(e.data)
	for i := uint32(0); i < e.count; i++ {
		j := strings.IndexByte(d, 0)
		out = append(out, d[:j])
		d = d[j+1:]
	}
	return out
}

// Ints returns the values of an integer entry of any width as int64s (unsigned for INT8/16/32,
// as rpm's query formats print them); nil when absent or not an integer type.
func (h *Header) Ints(t tag.Tag) []int64 {
	e := h.find(t)
	if e == nil {
		return nil
	}
	out := make([]int64, e.count)
	switch e.typ {
	case tag.TypeChar, tag.TypeInt8:
		for i := range out {
			out[i] = int64(e.data[i])
		}
	case tag.TypeInt16:
		for i := range out {
			out[i] = int64(binary.BigEndian.Uint16(e.data[2*i:]))
		}
	case tag.TypeInt32:
		for i := range out {
			out[i] = int64(binary.BigEndian.Uint32(e.data[4*i:]))
		}
	case tag.TypeInt64:
		for i := range out {
			out[i] = int64(binary.BigEndian.Uint64(e.data[8*i:]))
		}
	default:
		return nil
	}
	return out
}

// Int returns the first value of an integer entry and whether it was present.
func (h *Header) Int(t tag.Tag) (int64, bool) {
	e := h.find(t)
	if e == nil || e.typ < tag.TypeChar || e.typ > tag.TypeInt64 {
		return 0, false
	}
	switch e.typ {
	case tag.TypeChar, tag.TypeInt8:
		return int64(e.data[0]), true
	case tag.TypeInt16:
		return int64(binary.BigEndian.Uint16(e.data)), true
	case tag.TypeInt32:
		return int64(binary.BigEndian.Uint32(e.data)), true
	}
	return int64(binary.BigEndian.Uint64(e.data)), true
}

// Bin returns the bytes of a BIN entry (a copy-free view); nil when absent.
func (h *Header) Bin(t tag.Tag) []byte {
	e := h.find(t)
	if e == nil || e.typ != tag.TypeBin {
		return nil
	}
	return e.data
}

// Count returns the element count of tag t (0 when absent).
func (h *Header) Count(t tag.Tag) int {
	if e := h.find(t); e != nil {
		return int(e.count)
	}
	return 0
}
