package zchunk

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
)

// Chunk is one index entry. Index 0 of Header.Chunks is the dictionary (empty
// when the file has none), as in the format.
type Chunk struct {
	Stream       uint64 // only with FlagStreams
	Checksum     []byte // of the compressed bytes, chunk checksum type
	Uncompressed []byte // checksum of the uncompressed bytes, only with FlagUncompressed
	Offset       int64  // of the compressed bytes in the file
	Length       int64  // compressed
	Size         int64  // uncompressed
}

// Element is an optional preface element.
type Element struct {
	Type uint64
	Data []byte
}

// Signature is one signature entry (the format defines no type yet).
type Signature struct {
	Type uint64
	Data []byte
}

// Header is a parsed zchunk header.
type Header struct {
	HashType       int // of the header and data checksums
	HeaderChecksum []byte
	DataChecksum   []byte
	Flags          uint64
	Compression    int
	Optional       []Element
	ChunkHashType  int
	Chunks         []Chunk // Chunks[0] is the dictionary
	Signatures     []Signature
	Size           int64 // lead + header: where the data starts
	Raw            []byte
}

// DataSize is the length of the data after the header.
func (h *Header) DataSize() int64 {
	var n int64
	for _, c := range h.Chunks {
		n += c.Length
	}
	return n
}

// HeaderChecksumHex is the header checksum as repomd.xml writes it.
func (h *Header) HeaderChecksumHex() string { return hex.EncodeToString(h.HeaderChecksum) }

// leadMax is the longest possible lead: magic, two compressed integers, a SHA-512.
const leadMax = 5 + 10 + 10 + 64

// ReadHeader reads and verifies the header at the start of r.
func ReadHeader(r io.Reader) (*Header, error) {
	lead := make([]byte, 5, leadMax)
	if _, err := io.ReadFull(r, lead); err != nil {
		return nil, formatErr("reading the lead: %v", err)
	}
	if string(lead) != Magic {
		return nil, formatErr("no zchunk magic")
	}
	// Read the two compressed integers byte by byte.
	for n := 0; n < 2; {
		var b [1]byte
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return nil, formatErr("reading the lead: %v", err)
		}
		lead = append(lead, b[0])
		if b[0]&0x80 != 0 {
			n++
		}
		if len(lead) > 5+20 {
			return nil, formatErr("lead integer too long")
		}
	}
	off := 5
	ht, _ := readCI(lead, &off)
	hl, err := readCI(lead, &off)
	if err != nil {
		return nil, err
	}
	ds := digestSize(int(min(ht, 255)))
	if ht > 255 || ds == 0 {
		return nil, formatErr("unknown checksum type %d", ht)
	}
	if hl > MaxHeader {
		return nil, formatErr("header of %d bytes is larger than the limit of %d", hl, MaxHeader)
	}
	// Read the digest and the header incrementally so a short file costs
	// only what it holds.
	var buf bytes.Buffer
	buf.Write(lead)
	if _, err := io.CopyN(&buf, r, int64(ds)+int64(hl)); err != nil {
		return nil, formatErr("header truncated: %v", err)
	}
	return ParseHeader(buf.Bytes())
}

// LeadSize returns the length of the lead at the start of b and the header
// length it announces, so a caller can tell how many bytes make the header.
func LeadSize(b []byte) (lead int, header int64, err error) {
	if len(b) < 5 || string(b[:5]) != Magic {
		return 0, 0, formatErr("no zchunk magic")
	}
	off := 5
	ht, err := readCI(b, &off)
	if err != nil {
		return 0, 0, err
	}
	hl, err := readCI(b, &off)
	if err != nil {
		return 0, 0, err
	}
	ds := digestSize(int(min(ht, 255)))
	if ht > 255 || ds == 0 {
		return 0, 0, formatErr("unknown checksum type %d", ht)
	}
	if hl > MaxHeader {
		return 0, 0, formatErr("header of %d bytes is larger than the limit of %d", hl, MaxHeader)
	}
	return off + ds, int64(hl), nil
}

// ParseHeader parses and verifies the header at the start of b (b may hold
// more: the data is not read).
func ParseHeader(b []byte) (*Header, error) {
	lead, hl, err := LeadSize(b)
	if err != nil {
		return nil, err
	}
	if int64(len(b)-lead) < hl {
		return nil, formatErr("header truncated: %d of %d bytes", len(b)-lead, hl)
	}
	off := 5
	ht, _ := readCI(b, &off)
	h := &Header{HashType: int(ht), Size: int64(lead) + hl}
	ds := digestSize(h.HashType)
	digestAt := lead - ds
	h.HeaderChecksum = b[digestAt:lead]
	hb := b[:h.Size]
	h.Raw = hb

	sum := newHash(h.HashType)
	sum.Write(hb[:digestAt])
	sum.Write(hb[lead:])
	if got := sum.Sum(nil)[:ds]; !bytes.Equal(got, h.HeaderChecksum) {
		return nil, formatErr("header checksum %x does not match the header (%x)", h.HeaderChecksum, got)
	}

	p := lead
	if p+ds > len(hb) {
		return nil, formatErr("preface truncated")
	}
	h.DataChecksum = hb[p : p+ds]
	p += ds
	if h.Flags, err = readCI(hb, &p); err != nil {
		return nil, err
	}
	if h.Flags&^knownFlags != 0 {
		return nil, formatErr("unknown flags %#x", h.Flags&^knownFlags)
	}
	comp, err := readCI(hb, &p)
	if err != nil {
		return nil, err
	}
	if comp != CompNone && comp != CompZstd {
		return nil, formatErr("unknown compression type %d", comp)
	}
	h.Compression = int(comp)
	if h.Flags&FlagOptional != 0 {
		n, err := readCI(hb, &p)
		if err != nil {
			return nil, err
		}
		if n > uint64(len(hb)-p)/2 {
			return nil, formatErr("%d optional elements cannot fit in the header", n)
		}
		for i := uint64(0); i < n; i++ {
			t, err := readCI(hb, &p)
			if err != nil {
				return nil, err
			}
			data, err := readBlob(hb, &p)
			if err != nil {
				return nil, err
			}
			h.Optional = append(h.Optional, Element{Type: t, Data: data})
		}
	}
	isz, err := readCI(hb, &p)
	if err != nil {
		return nil, err
	}
	if isz > uint64(len(hb)-p) {
		return nil, formatErr("index of %d bytes runs past the header", isz)
	}
	index := hb[p : p+int(isz)]
	p += int(isz)
	if err := h.parseIndex(index); err != nil {
		return nil, err
	}
	n, err := readCI(hb, &p)
	if err != nil {
		return nil, err
	}
	if n > uint64(len(hb)-p)/2 {
		return nil, formatErr("%d signatures cannot fit in the header", n)
	}
	for i := uint64(0); i < n; i++ {
		t, err := readCI(hb, &p)
		if err != nil {
			return nil, err
		}
		data, err := readBlob(hb, &p)
		if err != nil {
			return nil, err
		}
		h.Signatures = append(h.Signatures, Signature{Type: t, Data: data})
	}
	if p != len(hb) {
		return nil, formatErr("%d unused bytes at the end of the header", len(hb)-p)
	}
	return h, nil
}

func readBlob(b []byte, p *int) ([]byte, error) {
	n, err := readCI(b, p)
	if err != nil {
		return nil, err
	}
	if n > uint64(len(b)-*p) {
		return nil, formatErr("element of %d bytes runs past the header", n)
	}
	d := b[*p : *p+int(n)]
	*p += int(n)
	return d, nil
}

func (h *Header) parseIndex(ix []byte) error {
	p := 0
	ct, err := readCI(ix, &p)
	if err != nil {
		return err
	}
	ds := digestSize(int(min(ct, 255)))
	if ct > 255 || ds == 0 {
		return formatErr("unknown chunk checksum type %d", ct)
	}
	h.ChunkHashType = int(ct)
	n, err := readCI(ix, &p)
	if err != nil {
		return err
	}
	per := ds + 2
	if h.Flags&FlagUncompressed != 0 {
		per += ds
	}
	if n == 0 || n > uint64(len(ix)-p)/uint64(per) {
		return formatErr("%d chunks cannot fit in an index of %d bytes", n, len(ix))
	}
	h.Chunks = make([]Chunk, n)
	off := h.Size
	for i := range h.Chunks {
		c := &h.Chunks[i]
		if h.Flags&FlagStreams != 0 {
			if c.Stream, err = readCI(ix, &p); err != nil {
				return err
			}
		}
		if p+ds > len(ix) {
			return formatErr("index truncated at chunk %d", i)
		}
		c.Checksum = ix[p : p+ds]
		p += ds
		if h.Flags&FlagUncompressed != 0 {
			if p+ds > len(ix) {
				return formatErr("index truncated at chunk %d", i)
			}
			c.Uncompressed = ix[p : p+ds]
			p += ds
		}
		l, err := readCI(ix, &p)
		if err != nil {
			return err
		}
		s, err := readCI(ix, &p)
		if err != nil {
			return err
		}
		if l > 1<<40 || s > 1<<40 {
			return formatErr("chunk %d of %d bytes (%d uncompressed) is too large", i, l, s)
		}
		c.Offset, c.Length, c.Size = off, int64(l), int64(s)
		off += int64(l)
	}
	if p != len(ix) {
		return formatErr("%d unused bytes at the end of the index", len(ix)-p)
	}
	return nil
}

// String describes the header in a few words (for errors and logs).
func (h *Header) String() string {
	return fmt.Sprintf("zchunk header of %d bytes, %d chunks, %s", h.Size, len(h.Chunks)-1, HashName(h.ChunkHashType))
}
