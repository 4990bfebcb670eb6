package initd

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// FSInfo is what a superblock says about a block device's file system.
type FSInfo struct {
	Type  string // ext4 (also ext2/ext3, reported as ext4), vfat, iso9660, xfs
	UUID  string
	Label string
}

// ProbeFS identifies the file system on r from its superblock: ext2/3/4, XFS, FAT and
// ISO 9660 (the formats of root file systems and of NoCloud "cidata" seeds). ok is false
// when none is recognised.
func ProbeFS(r io.ReaderAt) (FSInfo, bool) {
	buf := make([]byte, 0x8800)
	n, _ := r.ReadAt(buf, 0)
	buf = buf[:n]
	if len(buf) >= 1024+0x88 && binary.LittleEndian.Uint16(buf[1024+0x38:]) == 0xEF53 {
		sb := buf[1024:]
		return FSInfo{Type: "ext4", UUID: uuidString(sb[0x68:0x78]), Label: cstr(sb[0x78:0x88])}, true
	}
	if len(buf) >= 0x80 && string(buf[0:4]) == "XFSB" {
		return FSInfo{Type: "xfs", UUID: uuidString(buf[0x20:0x30]), Label: cstr(buf[0x6c:0x78])}, true
	}
	if len(buf) >= 0x8000+0x48 && string(buf[0x8001:0x8006]) == "CD001" && buf[0x8000] == 1 {
		label := strings.TrimRight(string(buf[0x8028:0x8048]), " \x00")
		return FSInfo{Type: "iso9660", Label: label}, true
	}
	if len(buf) >= 512 && buf[510] == 0x55 && buf[511] == 0xAA {
		if string(buf[0x52:0x57]) == "FAT32" {
			id := binary.LittleEndian.Uint32(buf[0x43:])
			return FSInfo{Type: "vfat", UUID: fmt.Sprintf("%04X-%04X", id>>16, id&0xffff), Label: strings.TrimRight(string(buf[0x47:0x52]), " ")}, true
		}
		if string(buf[0x36:0x39]) == "FAT" {
			id := binary.LittleEndian.Uint32(buf[0x27:])
			return FSInfo{Type: "vfat", UUID: fmt.Sprintf("%04X-%04X", id>>16, id&0xffff), Label: strings.TrimRight(string(buf[0x2b:0x36]), " ")}, true
		}
	}
	return FSInfo{}, false
}

func uuidString(b []byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func cstr(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
