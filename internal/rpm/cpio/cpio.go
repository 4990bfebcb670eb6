// Package cpio reads and writes cpio archives in the SVR4 "newc" format
// (magic 070701), the payload format of RPM v4 packages as rpm 4.18 writes
// them.
//
// Format notes, obeyed by both Writer and Reader:
//
//   - Every entry is a 110-byte ASCII header: the 6-byte magic followed by
//     13 fields of 8 hexadecimal digits (ino, mode, uid, gid, nlink, mtime,
//     filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check).
//   - The name follows the header and is NUL-terminated; namesize counts the
//     NUL. Header plus name is padded with NULs to a multiple of 4 bytes.
//   - The file data follows and is padded with NULs to a multiple of 4 bytes.
//     A symbolic link's data is its target, without a NUL.
//   - The archive ends with an entry named "TRAILER!!!" (nlink 1, all other
//     fields 0). rpm pads the trailer to 4 bytes only; GNU cpio pads the
//     archive to 512 bytes. The Reader stops at the trailer and ignores what
//     follows.
//   - Hard links: rpm writes every member of a link set with the same ino and
//     nlink; all but the last member have filesize 0 and the last one carries
//     the data. The Reader returns such entries as they are; callers match
//     them by (DevMajor, DevMinor, Ino).
//   - The check field is 0 in 070701 archives. The 070702 variant stores the
//     byte sum of the data there; the Reader accepts it and verifies the sum.
//   - filesize has 32 bits, so an entry holds at most 4 GiB - 1 bytes. rpm's
//     stripped 07070X large-file format is not supported.
package cpio

import "errors"

// File type bits of Header.Mode (the S_IFMT part of st_mode).
const (
	TypeMask   = 0o170000 // S_IFMT
	TypeSocket = 0o140000 // S_IFSOCK
	TypeLink   = 0o120000 // S_IFLNK
	TypeReg    = 0o100000 // S_IFREG
	TypeBlock  = 0o060000 // S_IFBLK
	TypeDir    = 0o040000 // S_IFDIR
	TypeChar   = 0o020000 // S_IFCHR
	TypeFifo   = 0o010000 // S_IFIFO

	ModeSetuid = 0o4000 // S_ISUID
	ModeSetgid = 0o2000 // S_ISGID
	ModeSticky = 0o1000 // S_ISVTX
	ModePerm   = 0o0777
)

// Limits of the format and defaults of the Reader.
const (
	// MaxNameLen is the longest name (without its NUL) the Reader and Writer
	// accept; it matches PATH_MAX.
	MaxNameLen = 4096
	// MaxSize is the largest entry the newc format can describe.
	MaxSize = 1<<32 - 1
	// TrailerName is the name of the entry that ends an archive.
	TrailerName = "TRAILER!!!"
)

const (
	magicNewc = "070701"
	magicCRC  = "070702"
	headerLen = 110
)

// ErrWriteAfterClose is returned by a Writer used after Close.
var ErrWriteAfterClose = errors.New("cpio: write after close")

// Header describes one archive entry. Mode is the full st_mode, file type
// bits included (see TypeReg and friends).
type Header struct {
	Name      string
	Ino       uint32
	Mode      uint32
	UID       uint32
	GID       uint32
	Nlink     uint32
	Mtime     uint32
	Size      int64
	DevMajor  uint32
	DevMinor  uint32
	RdevMajor uint32
	RdevMinor uint32
}

// pad returns how many bytes bring n up to a multiple of 4.
func pad(n int64) int64 { return (4 - n%4) % 4 }
