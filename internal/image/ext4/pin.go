package ext4

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// Offsets in the ext4 superblock, group descriptor and inode (the kernel's
// Documentation/filesystems/ext4 and e2fsprogs' ext2_fs.h).
const (
	sbInodesCount     = 0x00
	sbLogBlockSize    = 0x18
	sbInodesPerGrp    = 0x28
	sbMagic           = 0x38
	sbFirstIno        = 0x54
	sbInodeSize       = 0x58
	sbFeatureRO       = 0x64
	sbFeatureIncompat = 0x60
	sbUUID            = 0x68
	sbDescSize        = 0xFE

	featIncompat64bit    = 0x80
	featIncompatCsumSeed = 0x2000
	featROMetadataCsum   = 0x400

	gdInodeTableLo   = 0x08
	gdFlags          = 0x12
	gdItableUnusedLo = 0x1C
	gdInodeTableHi   = 0x28
	gdItableUnusedHi = 0x32
	bgInodeUninit    = 0x1

	inAtime      = 0x08
	inCtime      = 0x0C
	inMtime      = 0x10
	inLinksCount = 0x1A
	inGeneration = 0x64
	inChecksumLo = 0x7C
	inExtraIsize = 0x80
	inChecksumHi = 0x82
	inCtimeExtra = 0x84
	inMtimeExtra = 0x88
	inAtimeExtra = 0x8C
	goodOldInode = 128
	rootIno      = 2
	lostFoundIno = 11
)

var castagnoli = lazy.Value[*crc32.Table]{New: func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }}

// crc32c is ext4's checksum step: CRC-32C without the pre- and post-inversion
// (the kernel's crc32c_le(seed, data)).
func crc32c(seed uint32, p []byte) uint32 { return ^crc32.Update(^seed, castagnoli.Get(), p) }

// pinTimes sets the access, change and modification times of every inode of the file
// system at off in the file path that mke2fs made for a tree (the root, lost+found and
// every inode from the first non-reserved one that has links) to t, with nanoseconds
// zero, and rewrites the inodes' checksums. It does what the debugfs set_inode_field
// commands did (for the access and change times; the modification times were the
// tree's, set by Normalize before mke2fs, which pinning them here makes unnecessary),
// without a path lookup per entry. The journal and other reserved inodes are left as
// mke2fs wrote them.
func pinTimes(path string, off int64, t time.Time) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("ext4: %w", err)
	}
	err = pinFile(f, off, uint32(t.Unix()))
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("ext4: %w", cerr)
	}
	return err
}

func pinFile(f *os.File, off int64, ts uint32) error {
	sb := make([]byte, 1024)
	if _, err := f.ReadAt(sb, off+1024); err != nil {
		return fmt.Errorf("ext4: reading the superblock of %s: %w", f.Name(), err)
	}
	le := binary.LittleEndian
	if le.Uint16(sb[sbMagic:]) != 0xEF53 {
		return fmt.Errorf("ext4: %s at offset %d has no ext4 superblock", f.Name(), off)
	}
	bs := int64(1024) << le.Uint32(sb[sbLogBlockSize:])
	ipg := int64(le.Uint32(sb[sbInodesPerGrp:]))
	isz := int64(le.Uint16(sb[sbInodeSize:]))
	firstIno := int64(le.Uint32(sb[sbFirstIno:]))
	if bs != 4096 || isz < goodOldInode+0x20 || ipg == 0 {
		return fmt.Errorf("ext4: %s: block size %d, inode size %d: not a file system Make made", f.Name(), bs, isz)
	}
	csum := le.Uint32(sb[sbFeatureRO:])&featROMetadataCsum != 0
	if le.Uint32(sb[sbFeatureIncompat:])&featIncompatCsumSeed != 0 {
		return fmt.Errorf("ext4: %s: metadata_csum_seed is not supported here", f.Name())
	}
	seed := crc32c(^uint32(0), sb[sbUUID:sbUUID+16])
	descSize := int64(32)
	if le.Uint32(sb[sbFeatureIncompat:])&featIncompat64bit != 0 {
		descSize = int64(le.Uint16(sb[sbDescSize:]))
	}
	groups := (int64(le.Uint32(sb[sbInodesCount:])) + ipg - 1) / ipg
	gdt := make([]byte, groups*descSize)
	if _, err := f.ReadAt(gdt, off+bs); err != nil { // block 1: the first data block is 0 with 4 KiB blocks
		return fmt.Errorf("ext4: reading the group descriptors of %s: %w", f.Name(), err)
	}
	var table []byte
	for g := int64(0); g < groups; g++ {
		d := gdt[g*descSize : (g+1)*descSize]
		if le.Uint16(d[gdFlags:])&bgInodeUninit != 0 {
			continue
		}
		itable := int64(le.Uint32(d[gdInodeTableLo:]))
		unused := int64(le.Uint16(d[gdItableUnusedLo:]))
		if descSize >= 64 {
			itable |= int64(le.Uint32(d[gdInodeTableHi:])) << 32
			unused |= int64(le.Uint16(d[gdItableUnusedHi:])) << 16
		}
		n := ipg - unused
		if n <= 0 {
			continue
		}
		if int64(cap(table)) < n*isz {
			table = make([]byte, n*isz)
		}
		table = table[:n*isz]
		if _, err := f.ReadAt(table, off+itable*bs); err != nil {
			return fmt.Errorf("ext4: reading the inode table of group %d of %s: %w", g, f.Name(), err)
		}
		changed := false
		for i := int64(0); i < n; i++ {
			ino := g*ipg + i + 1
			in := table[i*isz : (i+1)*isz]
			tree := ino >= firstIno && ino != lostFoundIno && le.Uint16(in[inLinksCount:]) > 0
			if ino != rootIno && ino != lostFoundIno && !tree {
				continue
			}
			extra := int64(le.Uint16(in[inExtraIsize:]))
			le.PutUint32(in[inAtime:], ts)
			le.PutUint32(in[inCtime:], ts)
			if extra >= inAtimeExtra+4-goodOldInode {
				le.PutUint32(in[inAtimeExtra:], 0)
			}
			if extra >= inCtimeExtra+4-goodOldInode {
				le.PutUint32(in[inCtimeExtra:], 0)
			}
			le.PutUint32(in[inMtime:], ts)
			if extra >= inMtimeExtra+4-goodOldInode {
				le.PutUint32(in[inMtimeExtra:], 0)
			}
			if csum {
				setInodeChecksum(in, uint32(ino), seed)
			}
			changed = true
		}
		if changed {
			if _, err := f.WriteAt(table, off+itable*bs); err != nil {
				return fmt.Errorf("ext4: writing the inode table of group %d of %s: %w", g, f.Name(), err)
			}
		}
	}
	return nil
}

// inodeChecksum is the metadata_csum checksum of inode ino (ext4_inode_csum): over the
// inode number, its generation and the whole on-disk inode with the checksum fields
// counted as zeros.
func inodeChecksum(in []byte, ino, seed uint32) uint32 {
	le := binary.LittleEndian
	var b [4]byte
	le.PutUint32(b[:], ino)
	c := crc32c(seed, b[:])
	c = crc32c(c, in[inGeneration:inGeneration+4])
	var zero [2]byte
	c = crc32c(c, in[:inChecksumLo])
	c = crc32c(c, zero[:])
	c = crc32c(c, in[inChecksumLo+2:goodOldInode])
	hi := int(le.Uint16(in[inExtraIsize:])) >= inChecksumHi+2-goodOldInode
	c = crc32c(c, in[goodOldInode:inChecksumHi])
	if hi {
		c = crc32c(c, zero[:])
		c = crc32c(c, in[inChecksumHi+2:])
	} else {
		c = crc32c(c, in[inChecksumHi:])
	}
	return c
}

// setInodeChecksum stores inodeChecksum in the inode.
func setInodeChecksum(in []byte, ino, seed uint32) {
	le := binary.LittleEndian
	c := inodeChecksum(in, ino, seed)
	le.PutUint16(in[inChecksumLo:], uint16(c))
	if int(le.Uint16(in[inExtraIsize:])) >= inChecksumHi+2-goodOldInode {
		le.PutUint16(in[inChecksumHi:], uint16(c>>16))
	}
}
