// Package gpt writes and reads GUID partition tables (UEFI spec, chapter 5) as bytes:
// the protective MBR, the primary and backup headers with their CRC32s and the partition
// entry arrays. Disk and partition GUIDs are derived from a seed so that the same inputs
// give the same disk.
package gpt

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"unicode/utf16"
)

// GUID is a UUID in its textual byte order; Bytes gives GPT's mixed-endian encoding.
type GUID [16]byte

// Partition type GUIDs (Discoverable Partitions Specification), as byte literals: a
// MustParseGUID call here would be code in every nimbus process's start (TestTypeGUIDs
// checks them against their text form).
var (
	TypeESP         = GUID{0xc1, 0x2a, 0x73, 0x28, 0xf8, 0x1f, 0x11, 0xd2, 0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b} // c12a7328-f81f-11d2-ba4b-00a0c93ec93b
	TypeRootX86_64  = GUID{0x4f, 0x68, 0xbc, 0xe3, 0xe8, 0xcd, 0x4d, 0xb1, 0x96, 0xe7, 0xfb, 0xca, 0xf9, 0x84, 0xb7, 0x09} // 4f68bce3-e8cd-4db1-96e7-fbcaf984b709
	TypeRootAArch64 = GUID{0xb9, 0x21, 0xb0, 0x45, 0x1d, 0xf0, 0x41, 0xc3, 0xaf, 0x44, 0x4c, 0x6f, 0x28, 0x0d, 0x3f, 0xae} // b921b045-1df0-41c3-af44-4c6f280d3fae
	TypeLinuxData   = GUID{0x0f, 0xc6, 0x3d, 0xaf, 0x84, 0x83, 0x47, 0x72, 0x8e, 0x79, 0x3d, 0x69, 0xd8, 0x47, 0x7d, 0xe4} // 0fc63daf-8483-4772-8e79-3d69d8477de4
)

// RootType returns the root partition type GUID of a Linux architecture name.
func RootType(arch string) (GUID, error) {
	switch arch {
	case "x86_64", "amd64":
		return TypeRootX86_64, nil
	case "aarch64", "arm64":
		return TypeRootAArch64, nil
	}
	return GUID{}, fmt.Errorf("gpt: no root partition type for architecture %q", arch)
}

// ParseGUID parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
func ParseGUID(s string) (GUID, error) {
	var g GUID
	h := strings.ReplaceAll(s, "-", "")
	if len(s) != 36 || len(h) != 32 {
		return g, fmt.Errorf("gpt: malformed GUID %q", s)
	}
	if _, err := hex.Decode(g[:], []byte(h)); err != nil {
		return g, fmt.Errorf("gpt: malformed GUID %q: %w", s, err)
	}
	return g, nil
}

// MustParseGUID is ParseGUID for constants.
func MustParseGUID(s string) GUID {
	g, err := ParseGUID(s)
	if err != nil {
		panic(err)
	}
	return g
}

func (g GUID) String() string {
	h := hex.EncodeToString(g[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// IsZero reports whether g is all zeros (an unused entry).
func (g GUID) IsZero() bool { return g == GUID{} }

// Bytes is the on-disk encoding: the first three fields little-endian, the rest as is.
func (g GUID) Bytes() [16]byte {
	var b [16]byte
	b[0], b[1], b[2], b[3] = g[3], g[2], g[1], g[0]
	b[4], b[5] = g[5], g[4]
	b[6], b[7] = g[7], g[6]
	copy(b[8:], g[8:])
	return b
}

func guidFromBytes(b []byte) GUID {
	var g GUID
	g[0], g[1], g[2], g[3] = b[3], b[2], b[1], b[0]
	g[4], g[5] = b[5], b[4]
	g[6], g[7] = b[7], b[6]
	copy(g[8:], b[8:16])
	return g
}

// DeriveGUID returns a version-4-shaped GUID that is a pure function of seed and purpose
// (SHA-256 of both), for reproducible disk, partition and file system identities.
func DeriveGUID(seed, purpose string) GUID {
	sum := sha256.Sum256([]byte("nimbus-gpt\x00" + seed + "\x00" + purpose))
	var g GUID
	copy(g[:], sum[:16])
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// Partition is one entry. FirstLBA and LastLBA are inclusive, in sectors.
type Partition struct {
	Type       GUID
	GUID       GUID
	Name       string // at most 36 UTF-16 code units
	FirstLBA   int64
	LastLBA    int64
	Attributes uint64
}

// Size is the partition's size in bytes for sectors of ss bytes.
func (p Partition) Size(ss int) int64 { return (p.LastLBA - p.FirstLBA + 1) * int64(ss) }

// Table is a partition table for a disk of Sectors sectors.
type Table struct {
	SectorSize int // 512 by default
	Sectors    int64
	DiskGUID   GUID
	Partitions []Partition
}

// Geometry of the table this package writes: 128 entries of 128 bytes (16 KiB).
const (
	NumEntries = 128
	EntrySize  = 128
)

func (t *Table) ss() int64 {
	if t.SectorSize == 0 {
		return 512
	}
	return int64(t.SectorSize)
}

// entrySectors is the number of sectors of one entry array.
func (t *Table) entrySectors() int64 { return (NumEntries*EntrySize + t.ss() - 1) / t.ss() }

// FirstUsable and LastUsable bound where partitions may lie.
func (t *Table) FirstUsable() int64 { return 2 + t.entrySectors() }

// LastUsable is the last sector before the backup entry array.
func (t *Table) LastUsable() int64 { return t.Sectors - 2 - t.entrySectors() }

// Validate checks that partitions are inside the usable area, ordered and disjoint.
func (t *Table) Validate() error {
	if len(t.Partitions) > NumEntries {
		return fmt.Errorf("gpt: %d partitions, at most %d", len(t.Partitions), NumEntries)
	}
	if t.Sectors < t.FirstUsable()+t.entrySectors()+2 {
		return fmt.Errorf("gpt: disk of %d sectors is too small for a GPT", t.Sectors)
	}
	prev := t.FirstUsable() - 1
	for i, p := range t.Partitions {
		if p.Type.IsZero() {
			return fmt.Errorf("gpt: partition %d has no type", i+1)
		}
		if p.FirstLBA <= prev || p.LastLBA < p.FirstLBA || p.LastLBA > t.LastUsable() {
			return fmt.Errorf("gpt: partition %d (LBA %d-%d) lies outside the usable area %d-%d or overlaps the previous one",
				i+1, p.FirstLBA, p.LastLBA, t.FirstUsable(), t.LastUsable())
		}
		if len(utf16.Encode([]rune(p.Name))) > 36 {
			return fmt.Errorf("gpt: partition %d name %q is longer than 36 UTF-16 units", i+1, p.Name)
		}
		prev = p.LastLBA
	}
	return nil
}

// entries encodes the partition entry array.
func (t *Table) entries() []byte {
	arr := make([]byte, NumEntries*EntrySize)
	le := binary.LittleEndian
	for i, p := range t.Partitions {
		e := arr[i*EntrySize : (i+1)*EntrySize]
		tb, gb := p.Type.Bytes(), p.GUID.Bytes()
		copy(e[0:], tb[:])
		copy(e[16:], gb[:])
		le.PutUint64(e[32:], uint64(p.FirstLBA))
		le.PutUint64(e[40:], uint64(p.LastLBA))
		le.PutUint64(e[48:], p.Attributes)
		for j, u := range utf16.Encode([]rune(p.Name)) {
			le.PutUint16(e[56+2*j:], u)
		}
	}
	return arr
}

// header encodes a header at myLBA whose copy is at altLBA and whose entries start at entLBA.
func (t *Table) header(myLBA, altLBA, entLBA int64, entCRC uint32) []byte {
	h := make([]byte, t.ss())
	le := binary.LittleEndian
	copy(h, "EFI PART")
	le.PutUint32(h[8:], 0x00010000)
	le.PutUint32(h[12:], 92)
	le.PutUint64(h[24:], uint64(myLBA))
	le.PutUint64(h[32:], uint64(altLBA))
	le.PutUint64(h[40:], uint64(t.FirstUsable()))
	le.PutUint64(h[48:], uint64(t.LastUsable()))
	db := t.DiskGUID.Bytes()
	copy(h[56:], db[:])
	le.PutUint64(h[72:], uint64(entLBA))
	le.PutUint32(h[80:], NumEntries)
	le.PutUint32(h[84:], EntrySize)
	le.PutUint32(h[88:], entCRC)
	le.PutUint32(h[16:], crc32.ChecksumIEEE(h[:92]))
	return h
}

// protectiveMBR is LBA 0: one partition of type 0xEE covering the disk (capped at 2^32-1).
func (t *Table) protectiveMBR() []byte {
	m := make([]byte, t.ss())
	e := m[446:462]
	e[1], e[2], e[3] = 0x00, 0x02, 0x00 // CHS of LBA 1
	e[4] = 0xEE
	e[5], e[6], e[7] = 0xFF, 0xFF, 0xFF
	binary.LittleEndian.PutUint32(e[8:], 1)
	size := t.Sectors - 1
	if size > 0xFFFFFFFF {
		size = 0xFFFFFFFF
	}
	binary.LittleEndian.PutUint32(e[12:], uint32(size))
	m[510], m[511] = 0x55, 0xAA
	return m
}

// WriteTo writes the protective MBR, the primary header and entries at the start of the
// disk, and the backup entries and header at its end. Partition contents are the caller's.
func (t *Table) WriteTo(w io.WriterAt) error {
	if err := t.Validate(); err != nil {
		return err
	}
	ss := t.ss()
	arr := t.entries()
	crc := crc32.ChecksumIEEE(arr)
	last := t.Sectors - 1
	backupEnt := last - t.entrySectors()
	writes := []struct {
		lba  int64
		data []byte
	}{
		{0, t.protectiveMBR()},
		{1, t.header(1, last, 2, crc)},
		{2, arr},
		{backupEnt, arr},
		{last, t.header(last, 1, backupEnt, crc)},
	}
	for _, x := range writes {
		if _, err := w.WriteAt(x.data, x.lba*ss); err != nil {
			return fmt.Errorf("gpt: writing LBA %d: %w", x.lba, err)
		}
	}
	return nil
}

// ErrNoGPT means LBA 1 does not hold a GPT header.
var ErrNoGPT = errors.New("gpt: no GPT header at LBA 1")

// Read parses and checks the primary table of a disk of size bytes: signature, header
// and entry CRCs, and bounds. Unused entries are dropped.
func Read(r io.ReaderAt, size int64, sectorSize int) (*Table, error) {
	ss := int64(sectorSize)
	if ss < 512 || ss > 4096 {
		return nil, fmt.Errorf("gpt: sector size %d", sectorSize)
	}
	h := make([]byte, ss)
	if _, err := r.ReadAt(h, ss); err != nil {
		return nil, fmt.Errorf("gpt: reading header: %w", err)
	}
	if string(h[:8]) != "EFI PART" {
		return nil, ErrNoGPT
	}
	le := binary.LittleEndian
	hs := le.Uint32(h[12:])
	if hs < 92 || int64(hs) > ss {
		return nil, fmt.Errorf("gpt: header size %d", hs)
	}
	c := append([]byte{}, h[:hs]...)
	le.PutUint32(c[16:], 0)
	if crc32.ChecksumIEEE(c) != le.Uint32(h[16:]) {
		return nil, errors.New("gpt: header CRC mismatch")
	}
	n, esz := int64(le.Uint32(h[80:])), int64(le.Uint32(h[84:]))
	if n < 1 || n > 1024 || esz < 128 || esz > 1024 || esz%8 != 0 {
		return nil, fmt.Errorf("gpt: %d entries of %d bytes", n, esz)
	}
	entLBA := int64(le.Uint64(h[72:]))
	if entLBA < 2 || entLBA > size/ss {
		return nil, fmt.Errorf("gpt: entries at LBA %d", entLBA)
	}
	arr := make([]byte, n*esz)
	if _, err := r.ReadAt(arr, entLBA*ss); err != nil {
		return nil, fmt.Errorf("gpt: reading entries: %w", err)
	}
	if crc32.ChecksumIEEE(arr) != le.Uint32(h[88:]) {
		return nil, errors.New("gpt: entries CRC mismatch")
	}
	t := &Table{SectorSize: sectorSize, Sectors: size / ss, DiskGUID: guidFromBytes(h[56:72])}
	for i := int64(0); i < n; i++ {
		e := arr[i*esz : (i+1)*esz]
		typ := guidFromBytes(e[0:16])
		if typ.IsZero() {
			continue
		}
		var name []uint16
		for j := 56; j+1 < 128; j += 2 {
			u := le.Uint16(e[j:])
			if u == 0 {
				break
			}
			name = append(name, u)
		}
		t.Partitions = append(t.Partitions, Partition{
			Type: typ, GUID: guidFromBytes(e[16:32]),
			FirstLBA: int64(le.Uint64(e[32:])), LastLBA: int64(le.Uint64(e[40:])),
			Attributes: le.Uint64(e[48:]), Name: string(utf16.Decode(name)),
		})
	}
	return t, nil
}
