// Package convert turns a raw disk image into the formats clouds import, written here as
// bytes: qcow2 (v3), streamOptimized VMDK and fixed VHD. qemu-img is kept at the edge as
// their referee in tests (and its own VMDK output is made reproducible by pinning the
// content ID it draws at random).
package convert

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// VHD footer (Microsoft "Virtual Hard Disk Image Format Specification", 2006): 512 bytes
// appended to the raw disk for a fixed disk, big-endian: cookie "conectix", features 2,
// version 1.0, data offset all ones (fixed disk), timestamp (seconds since 2000-01-01
// UTC), creator application and version, creator host OS, original and current size,
// CHS geometry, disk type 2 (fixed), the one's complement of the byte sum as checksum,
// a unique ID and the saved-state flag.
//
// Geometry: readers disagree on whether the CHS geometry or the current size gives the
// disk's size (Virtual PC and old QEMU use CHS, Hyper-V and Azure the size). The footer
// written here always carries the maximum geometry 65535/16/255, which the specification
// prescribes for large disks and which QEMU takes as "use the current size": every
// reader then sees exactly the raw disk, backup GPT header included.

var vhdEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// VHDFooter returns the footer of a fixed VHD of size bytes (a multiple of 512).
func VHDFooter(size int64, id [16]byte, t time.Time) ([]byte, error) {
	if size <= 0 || size%512 != 0 {
		return nil, fmt.Errorf("vhd: size %d is not a positive multiple of 512", size)
	}
	f := make([]byte, 512)
	be := binary.BigEndian
	copy(f, "conectix")
	be.PutUint32(f[8:], 2)
	be.PutUint32(f[12:], 0x00010000)
	be.PutUint64(f[16:], ^uint64(0))
	ts := t.Sub(vhdEpoch) / time.Second
	if ts < 0 {
		ts = 0
	}
	be.PutUint32(f[24:], uint32(ts))
	copy(f[28:], "nimb")
	be.PutUint32(f[32:], 0x00010000)
	copy(f[36:], "Wi2k") // creator host OS: the value Hyper-V and Azure tools write
	be.PutUint64(f[40:], uint64(size))
	be.PutUint64(f[48:], uint64(size))
	be.PutUint16(f[56:], 65535)
	f[58], f[59] = 16, 255
	be.PutUint32(f[60:], 2)
	copy(f[68:], id[:])
	var sum uint32
	for _, b := range f {
		sum += uint32(b)
	}
	be.PutUint32(f[64:], ^sum)
	return f, nil
}

// VHD writes the fixed VHD of the raw disk src to dst: the raw bytes (holes kept sparse)
// and the footer.
func VHD(src, dst string, id [16]byte, t time.Time) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	foot, err := VHDFooter(st.Size(), id, t)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if err := SparseCopy(out, in, 0, st.Size()); err != nil {
		out.Close()
		return fmt.Errorf("vhd: %w", err)
	}
	if _, err := out.WriteAt(foot, st.Size()); err != nil {
		out.Close()
		return fmt.Errorf("vhd: %w", err)
	}
	return out.Close()
}

// SparseCopy copies n bytes of src to dst at offset off, in 1 MiB blocks, skipping
// blocks of zeros (dst must read as zeros there: a new or truncated file), and extends
// dst to off+n. When src is a file, its holes are skipped without reading them.
func SparseCopy(dst *os.File, src io.Reader, off, n int64) error {
	buf := make([]byte, 1<<20)
	f, isFile := src.(*os.File)
	var base int64
	if isFile {
		b, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			isFile = false
		}
		base = b
	}
	var done int64
	for done < n {
		if isFile {
			// Jump to the next data region (SEEK_DATA); ENXIO means only a hole is left.
			d, err := unix.Seek(int(f.Fd()), base+done, unix.SEEK_DATA)
			if err != nil {
				if errors.Is(err, unix.ENXIO) {
					break
				}
				return err
			}
			if d-base >= n {
				break
			}
			if d-base > done {
				done = d - base
			}
			if _, err := f.Seek(base+done, io.SeekStart); err != nil {
				return err
			}
		}
		k, err := io.ReadFull(src, buf[:min(int64(len(buf)), n-done)])
		if k > 0 && !allZero(buf[:k]) {
			if _, werr := dst.WriteAt(buf[:k], off+done); werr != nil {
				return werr
			}
		}
		done += int64(k)
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				break
			}
			return err
		}
	}
	st, err := dst.Stat()
	if err != nil {
		return err
	}
	if st.Size() < off+n {
		return dst.Truncate(off + n)
	}
	return nil
}

// zeroChunk is zero bytes to compare with: in the binary's bss, so no process pays for it
// at start (it was a 1 MiB heap allocation in the package's init, in every nimbus command).
var zeroChunk [1 << 20]byte

// allZero says whether b holds only zero bytes (memequal against zeros: vectorized).
func allZero(b []byte) bool {
	for len(b) > 0 {
		n := min(len(b), len(zeroChunk))
		if !bytes.Equal(b[:n], zeroChunk[:n]) {
			return false
		}
		b = b[n:]
	}
	return true
}
