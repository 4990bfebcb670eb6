package rpm

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// HeaderBuilder collects typed entries and marshals them as one immutable region, the way
// rpmbuild writes headers (see the format notes in header.go).
type HeaderBuilder struct {
	entries map[tag.Tag]wentry
	err     error
}

type wentry struct {
	typ   tag.Type
	count uint32
	data  []byte
}

// NewHeaderBuilder returns an empty builder.
func NewHeaderBuilder() *HeaderBuilder { return &HeaderBuilder{entries: map[tag.Tag]wentry{}} }

func (b *HeaderBuilder) put(t tag.Tag, typ tag.Type, count int, data []byte) {
	if count == 0 {
		return // rpm never stores empty entries
	}
	b.entries[t] = wentry{typ, uint32(count), data}
}

// String adds a STRING entry (empty strings are stored; rpm stores them too).
func (b *HeaderBuilder) String(t tag.Tag, s string) { b.str(t, tag.TypeString, s) }

// I18NString adds an I18NSTRING entry holding the "C" locale value.
func (b *HeaderBuilder) I18NString(t tag.Tag, s string) { b.str(t, tag.TypeI18NString, s) }

func (b *HeaderBuilder) str(t tag.Tag, typ tag.Type, s string) {
	if strings.IndexByte(s, 0) >= 0 {
		b.fail(fmt.Errorf("tag %v: string contains a NUL byte", t))
		return
	}
	b.put(t, typ, 1, append([]byte(s), 0))
}

// Strings adds a STRING_ARRAY entry; nothing when ss is empty.
func (b *HeaderBuilder) Strings(t tag.Tag, ss []string) {
	n := 0
	for _, s := range ss {
		n += len(s) + 1
	}
	d := make([]byte, 0, n)
	for _, s := range ss {
		if strings.IndexByte(s, 0) >= 0 {
			b.fail(fmt.Errorf("tag %v: string contains a NUL byte", t))
			return
		}
		d = append(append(d, s...), 0)
	}
	b.put(t, tag.TypeStringArray, len(ss), d)
}

// Int32 adds an INT32 entry.
func (b *HeaderBuilder) Int32(t tag.Tag, vs ...uint32) {
	d := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.BigEndian.PutUint32(d[4*i:], v)
	}
	b.put(t, tag.TypeInt32, len(vs), d)
}

// Int16 adds an INT16 entry.
func (b *HeaderBuilder) Int16(t tag.Tag, vs ...uint16) {
	d := make([]byte, 2*len(vs))
	for i, v := range vs {
		binary.BigEndian.PutUint16(d[2*i:], v)
	}
	b.put(t, tag.TypeInt16, len(vs), d)
}

// Int64 adds an INT64 entry.
func (b *HeaderBuilder) Int64(t tag.Tag, vs ...uint64) {
	d := make([]byte, 8*len(vs))
	for i, v := range vs {
		binary.BigEndian.PutUint64(d[8*i:], v)
	}
	b.put(t, tag.TypeInt64, len(vs), d)
}

// Bin adds a BIN entry.
func (b *HeaderBuilder) Bin(t tag.Tag, d []byte) {
	b.put(t, tag.TypeBin, len(d), append([]byte(nil), d...))
}

func (b *HeaderBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// Marshal lays the entries out as one immutable region tagged region (63 for a main header,
// 62 for a signature header) and returns the header with its 8-byte magic.
func (b *HeaderBuilder) Marshal(region tag.Tag) ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	tags := make([]tag.Tag, 0, len(b.entries))
	for t := range b.entries {
		if isRegionTag(t) {
			return nil, fmt.Errorf("tag %v is reserved for the region", t)
		}
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	il := len(tags) + 1
	var data []byte
	type ix struct {
		t     tag.Tag
		typ   tag.Type
		off   int
		count uint32
	}
	index := make([]ix, 0, il)
	for _, t := range tags {
		e := b.entries[t]
		if a := e.typ.Align(); len(data)%a != 0 {
			data = append(data, make([]byte, a-len(data)%a)...)
		}
		index = append(index, ix{t, e.typ, len(data), e.count})
		data = append(data, e.data...)
	}
	trailerOff := len(data)
	var trailer [16]byte
	binary.BigEndian.PutUint32(trailer[0:], uint32(region))
	binary.BigEndian.PutUint32(trailer[4:], uint32(tag.TypeBin))
	binary.BigEndian.PutUint32(trailer[8:], uint32(int32(-16*il)))
	binary.BigEndian.PutUint32(trailer[12:], regionTrailer)
	data = append(data, trailer[:]...)
	if len(data) > maxDataSize || il > maxIndexEntries {
		return nil, fmt.Errorf("header too large: %d entries, %d data bytes", il, len(data))
	}

	out := make([]byte, 0, 16+16*il+len(data))
	out = append(out, headerMagic[:]...)
	out = binary.BigEndian.AppendUint32(out, uint32(il))
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	putIndex := func(t tag.Tag, typ tag.Type, off int, count uint32) {
		out = binary.BigEndian.AppendUint32(out, uint32(t))
		out = binary.BigEndian.AppendUint32(out, uint32(typ))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, count)
	}
	putIndex(region, tag.TypeBin, trailerOff, regionTrailer)
	for _, e := range index {
		putIndex(e.t, e.typ, e.off, e.count)
	}
	return append(out, data...), nil
}

// AppendEntries adds the builder's entries to an existing header blob (il, dl, index, data;
// no magic) outside its immutable region, the way rpm adds installation data ("dribble"
// entries: INSTALLTIME, FILESTATES, the signature digests) before storing a header in its
// database. The region's index entries and data stay byte for byte as they were, so the
// signature and digests over the region still verify; the new entries follow, sorted by tag,
// their data appended to the data store with rpm's alignment. A tag the header already has
// is an error.
func (b *HeaderBuilder) AppendEntries(blob []byte) ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	h, err := ParseHeaderBlob(blob)
	if err != nil {
		return nil, err
	}
	tags := make([]tag.Tag, 0, len(b.entries))
	for t := range b.entries {
		if h.Has(t) {
			return nil, fmt.Errorf("header already has tag %v", t)
		}
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i] < tags[j] })
	il := int(binary.BigEndian.Uint32(blob))
	index := append([]byte(nil), blob[8:8+16*il]...)
	data := append([]byte(nil), blob[8+16*il:]...)
	for _, t := range tags {
		e := b.entries[t]
		if a := e.typ.Align(); len(data)%a != 0 {
			data = append(data, make([]byte, a-len(data)%a)...)
		}
		index = binary.BigEndian.AppendUint32(index, uint32(t))
		index = binary.BigEndian.AppendUint32(index, uint32(e.typ))
		index = binary.BigEndian.AppendUint32(index, uint32(len(data)))
		index = binary.BigEndian.AppendUint32(index, e.count)
		data = append(data, e.data...)
	}
	il += len(tags)
	if il > maxIndexEntries || len(data) > maxDataSize {
		return nil, fmt.Errorf("header too large: %d entries, %d data bytes", il, len(data))
	}
	out := make([]byte, 0, 8+len(index)+len(data))
	out = binary.BigEndian.AppendUint32(out, uint32(il))
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	out = append(out, index...)
	return append(out, data...), nil
}

// Char adds a CHAR array entry (rpm's FILESTATES).
func (b *HeaderBuilder) Char(t tag.Tag, vs []byte) {
	b.put(t, tag.TypeChar, len(vs), append([]byte(nil), vs...))
}
