// Package pe appends sections to PE/COFF images: how a unified kernel image (UKI) is made
// from systemd's EFI stub, with .osrel, .cmdline, .initrd and .linux sections, without the
// host's architecture-specific objcopy.
package pe

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Section is a section to append.
type Section struct {
	Name string // at most 8 bytes, e.g. ".linux"
	Data []byte
}

// Layout of a PE image (PE Format, Microsoft): the DOS header's e_lfanew at 0x3C points
// at "PE\0\0", followed by the 20-byte COFF header (NumberOfSections at +2,
// SizeOfOptionalHeader at +16), the optional header (PE32 magic 0x10b or PE32+ 0x20b;
// SizeOfInitializedData at +8, SectionAlignment +32, FileAlignment +36, SizeOfImage +56,
// SizeOfHeaders +60, CheckSum +64) and the section table of 40-byte headers (VirtualSize
// +8, VirtualAddress +12, SizeOfRawData +16, PointerToRawData +20, Characteristics +36).
// New section headers must fit in the header area before the first section's data.
const (
	sectionHeaderSize = 40
	// scnData is IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ.
	scnData = 0x40000040
	// pageAlign is where the new sections start in memory: page-aligned, as ukify places
	// them, whatever smaller SectionAlignment the stub was linked with.
	pageAlign = 4096
)

type image struct {
	b                []byte
	coff, opt, table int
	nsec             int
	salign, falign   uint32
}

func parse(b []byte) (*image, error) {
	if len(b) < 0x40 || string(b[:2]) != "MZ" {
		return nil, errors.New("pe: no MZ header")
	}
	pe := int(binary.LittleEndian.Uint32(b[0x3C:]))
	if pe < 0x40 || pe+24 > len(b) || string(b[pe:pe+4]) != "PE\x00\x00" {
		return nil, errors.New("pe: no PE signature")
	}
	im := &image{b: b, coff: pe + 4}
	im.opt = im.coff + 20
	optSize := int(binary.LittleEndian.Uint16(b[im.coff+16:]))
	im.nsec = int(binary.LittleEndian.Uint16(b[im.coff+2:]))
	im.table = im.opt + optSize
	if optSize < 68 || im.table+im.nsec*sectionHeaderSize > len(b) {
		return nil, errors.New("pe: truncated headers")
	}
	if m := binary.LittleEndian.Uint16(b[im.opt:]); m != 0x20b && m != 0x10b {
		return nil, fmt.Errorf("pe: optional header magic %#x", m)
	}
	im.salign, im.falign = binary.LittleEndian.Uint32(b[im.opt+32:]), binary.LittleEndian.Uint32(b[im.opt+36:])
	if im.salign == 0 || im.falign == 0 || im.salign&(im.salign-1) != 0 || im.falign&(im.falign-1) != 0 || im.falign > 1<<16 || im.salign > 1<<20 {
		return nil, fmt.Errorf("pe: alignments %d/%d", im.salign, im.falign)
	}
	return im, nil
}

func (im *image) sec(i int) []byte {
	o := im.table + i*sectionHeaderSize
	return im.b[o : o+sectionHeaderSize]
}

func align(v, a uint64) uint64 { return (v + a - 1) / a * a }

// AddSections returns a copy of the PE image stub with secs appended, in order, each at a
// page-aligned virtual address after the stub's last section and a file-aligned offset;
// the image size, initialized-data size and checksum are updated.
func AddSections(stub []byte, secs []Section) ([]byte, error) {
	im, err := parse(append([]byte{}, stub...))
	if err != nil {
		return nil, err
	}
	var vend, fend, firstRaw uint64
	firstRaw = uint64(binary.LittleEndian.Uint32(im.b[im.opt+60:])) // SizeOfHeaders
	if firstRaw > uint64(len(stub)) {
		return nil, fmt.Errorf("pe: SizeOfHeaders %d is larger than the file (%d bytes)", firstRaw, len(stub))
	}
	// The output keeps at least the headers, even when no section has file data.
	fend = firstRaw
	for i := 0; i < im.nsec; i++ {
		s := im.sec(i)
		vs, va := uint64(binary.LittleEndian.Uint32(s[8:])), uint64(binary.LittleEndian.Uint32(s[12:]))
		rs, rp := uint64(binary.LittleEndian.Uint32(s[16:])), uint64(binary.LittleEndian.Uint32(s[20:]))
		if rs > 0 && rp+rs > uint64(len(stub)) {
			return nil, fmt.Errorf("pe: section %d data outside the file", i)
		}
		vend = max(vend, va+max(vs, rs))
		if rs > 0 { // a section without file data has no meaningful file offset
			fend = max(fend, rp+rs)
			if rp < firstRaw {
				firstRaw = rp
			}
		}
	}
	for _, s := range secs {
		if len(s.Name) == 0 || len(s.Name) > 8 {
			return nil, fmt.Errorf("pe: section name %q must have 1 to 8 bytes", s.Name)
		}
	}
	if end := uint64(im.table + (im.nsec+len(secs))*sectionHeaderSize); end > firstRaw {
		return nil, fmt.Errorf("pe: no room for %d more section headers (%d bytes of headers, %d needed)", len(secs), firstRaw, end)
	}
	out := im.b[:fend]
	va := align(vend, pageAlign)
	var initData uint64
	for i, s := range secs {
		raw := align(uint64(len(s.Data)), uint64(im.falign))
		off := align(uint64(len(out)), uint64(im.falign))
		if off+raw > 1<<32-1 || va+uint64(len(s.Data)) > 1<<32-1 {
			return nil, errors.New("pe: image larger than 4 GiB")
		}
		out = append(out, make([]byte, off-uint64(len(out)))...)
		out = append(out, s.Data...)
		out = append(out, make([]byte, raw-uint64(len(s.Data)))...)
		h := out[im.table+(im.nsec+i)*sectionHeaderSize:][:sectionHeaderSize]
		clear(h)
		copy(h, s.Name)
		binary.LittleEndian.PutUint32(h[8:], uint32(len(s.Data)))
		binary.LittleEndian.PutUint32(h[12:], uint32(va))
		binary.LittleEndian.PutUint32(h[16:], uint32(raw))
		binary.LittleEndian.PutUint32(h[20:], uint32(off))
		binary.LittleEndian.PutUint32(h[36:], scnData)
		initData += raw
		va = align(va+uint64(len(s.Data)), pageAlign)
	}
	im.b = out
	// The COFF symbol table (the x86_64 stub keeps one after its sections) is dropped:
	// the new sections take its place, and section names of 8 bytes or fewer need no
	// string table.
	binary.LittleEndian.PutUint32(out[im.coff+8:], 0)
	binary.LittleEndian.PutUint32(out[im.coff+12:], 0)
	binary.LittleEndian.PutUint16(out[im.coff+2:], uint16(im.nsec+len(secs)))
	binary.LittleEndian.PutUint32(out[im.opt+8:], binary.LittleEndian.Uint32(out[im.opt+8:])+uint32(initData))
	binary.LittleEndian.PutUint32(out[im.opt+56:], uint32(align(va, uint64(im.salign))))
	binary.LittleEndian.PutUint32(out[im.opt+64:], 0)
	binary.LittleEndian.PutUint32(out[im.opt+64:], checksum(out, im.opt+64))
	return out, nil
}

// checksum is the PE image checksum (imagehlp's CheckSumMappedFile): the one's-complement
// style sum of the file's 16-bit words, the checksum field itself excluded, folded to 16
// bits, plus the file length.
func checksum(b []byte, field int) uint32 {
	var sum uint64
	for i := 0; i+1 < len(b); i += 2 {
		if i == field || i == field+2 {
			continue
		}
		sum += uint64(binary.LittleEndian.Uint16(b[i:]))
		sum = (sum & 0xffff) + (sum >> 16)
	}
	if len(b)%2 == 1 {
		sum += uint64(b[len(b)-1])
		sum = (sum & 0xffff) + (sum >> 16)
	}
	sum = (sum & 0xffff) + (sum >> 16)
	return uint32(sum) + uint32(len(b))
}

// Sections lists the section names and virtual addresses of a PE image.
func Sections(b []byte) ([]string, []uint32, error) {
	im, err := parse(b)
	if err != nil {
		return nil, nil, err
	}
	var names []string
	var vas []uint32
	for i := 0; i < im.nsec; i++ {
		s := im.sec(i)
		n := s[:8]
		for j, c := range n {
			if c == 0 {
				n = n[:j]
				break
			}
		}
		names = append(names, string(n))
		vas = append(vas, binary.LittleEndian.Uint32(s[12:]))
	}
	return names, vas, nil
}
