package initd

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// Disk is what GrowGPT needs of a disk: random access reads and writes.
type Disk interface {
	io.ReaderAt
	io.WriterAt
}

// GPTError is a partition table GrowGPT cannot work with.
type GPTError struct{ Msg string }

func (e *GPTError) Error() string { return "gpt: " + e.Msg }

// ErrNoRoom means the partition already ends at the last usable sector.
var ErrNoRoom = errors.New("gpt: partition already fills the disk")

// GrowGPT extends partition number part (1-based) of the GUID partition table on d to the
// last usable sector of a disk of diskSectors sectors of sectorSize bytes, like growpart:
// the backup header and entry array move to the new end of the disk, the protective MBR
// covers the new size, and every CRC is recomputed. The partition must be the last one on
// the disk. It returns the partition's new first and last LBA.
//
// Layout (UEFI spec 5.3): LBA 0 protective MBR; LBA 1 primary header (signature
// "EFI PART", header CRC32 at 16 over HeaderSize bytes with the field zeroed, MyLBA 24,
// AlternateLBA 32, FirstUsable 40, LastUsable 48, EntriesLBA 72, NumEntries 80,
// EntrySize 84, EntriesCRC 88); entries (type GUID, unique GUID, first LBA 32,
// last LBA 40); at the end, the entries again and the backup header in the last LBA.
func GrowGPT(d Disk, diskSectors int64, sectorSize int, part int) (first, last int64, err error) {
	ss := int64(sectorSize)
	hdr := make([]byte, ss)
	if _, err := d.ReadAt(hdr, ss); err != nil {
		return 0, 0, fmt.Errorf("gpt: reading header: %w", err)
	}
	if string(hdr[:8]) != "EFI PART" {
		return 0, 0, &GPTError{"no GPT signature at LBA 1"}
	}
	le := binary.LittleEndian
	hsize := le.Uint32(hdr[12:])
	if hsize < 92 || int64(hsize) > ss {
		return 0, 0, &GPTError{fmt.Sprintf("header size %d", hsize)}
	}
	chk := append([]byte{}, hdr[:hsize]...)
	le.PutUint32(chk[16:], 0)
	if crc32.ChecksumIEEE(chk) != le.Uint32(hdr[16:]) {
		return 0, 0, &GPTError{"primary header CRC mismatch"}
	}
	entLBA := int64(le.Uint64(hdr[72:]))
	n, esz := int64(le.Uint32(hdr[80:])), int64(le.Uint32(hdr[84:]))
	if esz < 128 || esz > 4096 || n < 1 || n > 1024 || part < 1 || int64(part) > n {
		return 0, 0, &GPTError{fmt.Sprintf("%d entries of %d bytes, partition %d", n, esz, part)}
	}
	arr := make([]byte, n*esz)
	if _, err := d.ReadAt(arr, entLBA*ss); err != nil {
		return 0, 0, fmt.Errorf("gpt: reading entries: %w", err)
	}
	if crc32.ChecksumIEEE(arr) != le.Uint32(hdr[88:]) {
		return 0, 0, &GPTError{"partition entries CRC mismatch"}
	}
	entSectors := (n*esz + ss - 1) / ss
	alt := diskSectors - 1
	lastUsable := alt - entSectors - 1
	e := arr[int64(part-1)*esz : int64(part)*esz]
	if bytes.Equal(e[:16], make([]byte, 16)) {
		return 0, 0, &GPTError{fmt.Sprintf("partition %d is unused", part)}
	}
	first, last = int64(le.Uint64(e[32:])), int64(le.Uint64(e[40:]))
	for i := int64(0); i < n; i++ {
		o := arr[i*esz : (i+1)*esz]
		if i != int64(part-1) && !bytes.Equal(o[:16], make([]byte, 16)) && int64(le.Uint64(o[32:])) > last {
			return 0, 0, &GPTError{fmt.Sprintf("partition %d is not the last on the disk", part)}
		}
	}
	if lastUsable <= last {
		return first, last, ErrNoRoom
	}
	last = lastUsable
	le.PutUint64(e[40:], uint64(last))
	ecrc := crc32.ChecksumIEEE(arr)
	backupEnt := alt - entSectors
	put := func(h []byte, my, other, ents int64) []byte {
		h = append([]byte{}, h...)
		le.PutUint64(h[24:], uint64(my))
		le.PutUint64(h[32:], uint64(other))
		le.PutUint64(h[48:], uint64(lastUsable))
		le.PutUint64(h[72:], uint64(ents))
		le.PutUint32(h[88:], ecrc)
		le.PutUint32(h[16:], 0)
		le.PutUint32(h[16:], crc32.ChecksumIEEE(h[:hsize]))
		return h
	}
	// Backup first, primary last: a crash in between leaves a valid primary.
	if _, err := d.WriteAt(arr, backupEnt*ss); err != nil {
		return 0, 0, err
	}
	if _, err := d.WriteAt(put(hdr, alt, 1, backupEnt), alt*ss); err != nil {
		return 0, 0, err
	}
	if _, err := d.WriteAt(arr, entLBA*ss); err != nil {
		return 0, 0, err
	}
	if _, err := d.WriteAt(put(hdr, 1, alt, entLBA), ss); err != nil {
		return 0, 0, err
	}
	mbr := make([]byte, 512)
	if _, err := d.ReadAt(mbr, 0); err == nil && mbr[510] == 0x55 && mbr[511] == 0xAA && mbr[0x1BE+4] == 0xEE {
		size := uint64(diskSectors - 1)
		if size > 0xFFFFFFFF {
			size = 0xFFFFFFFF
		}
		le.PutUint32(mbr[0x1BE+12:], uint32(size))
		if _, err := d.WriteAt(mbr, 0); err != nil {
			return 0, 0, err
		}
	}
	return first, last, nil
}
