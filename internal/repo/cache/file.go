package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"golang.org/x/sys/unix"
)

// The file format, version 2 (all integers little-endian):
//
//	magic     "NMBSIDX\x00"
//	version   u32 (FormatVersion)
//	counts    u32 × 6: strings, pool bytes, packages, dependencies, files, key bytes
//	key       key bytes
//	pool      pool bytes
//	offsets   (strings+1) × u32, non-decreasing, first 0, last = pool bytes
//	packages  packages × pkgRecSize
//	deps      dependencies × {name u32, evr u32, flags u32}
//	files     files × {path u32, type u8}
//	crc       u32: CRC-32C (Castagnoli) of everything before it
//
// Everything is validated on load: ids below the string count, runs non-decreasing and
// within their arrays, file types known.

// FormatVersion is the version of the cache file format this package reads and writes.
const FormatVersion = 2

var magic = [8]byte{'N', 'M', 'B', 'S', 'I', 'D', 'X', 0}

const headerSize = 8 + 4 + 6*4

// ErrCorrupt is wrapped by errors about damaged or truncated cache files; ErrVersion by
// files of another format version. Callers rebuild the cache on either.
var (
	ErrCorrupt = errors.New("corrupt metadata cache")
	ErrVersion = errors.New("metadata cache of another format version")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Encode returns the file form of x.
func (x *Index) Encode() []byte {
	var b bytes.Buffer
	x.WriteTo(&b)
	return b.Bytes()
}

// crcWriter passes writes through and keeps the CRC-32C of everything written.
type crcWriter struct {
	w   io.Writer
	crc uint32
	n   int64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	c.crc = crc32.Update(c.crc, castagnoli, p)
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// WriteTo streams the file form of x to w (without building it in memory).
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	cw := &crcWriter{w: w}
	bw := bufio.NewWriterSize(cw, 256<<10)
	le := binary.LittleEndian
	b := make([]byte, 0, 256)
	b = append(b, magic[:]...)
	b = le.AppendUint32(b, FormatVersion)
	for _, c := range []int{len(x.strOff) - 1, len(x.pool), len(x.pkgs), len(x.deps), len(x.files), len(x.key)} {
		b = le.AppendUint32(b, uint32(c))
	}
	bw.Write(b)
	bw.WriteString(x.key)
	bw.WriteString(x.pool)
	for _, o := range x.strOff {
		bw.Write(le.AppendUint32(b[:0], o))
	}
	for i := range x.pkgs {
		r := &x.pkgs[i]
		b = b[:0]
		for _, id := range []StrID{r.name, r.epoch, r.version, r.release, r.arch, r.location, r.checksum, r.checksumType, r.summary, r.sourceRPM, r.vendor} {
			b = le.AppendUint32(b, uint32(id))
		}
		b = le.AppendUint64(b, uint64(r.size))
		b = le.AppendUint64(b, uint64(r.installed))
		b = le.AppendUint64(b, uint64(r.buildTime))
		for _, e := range r.depEnd {
			b = le.AppendUint32(b, e)
		}
		b = le.AppendUint32(b, r.fileEnd)
		bw.Write(b)
	}
	for _, d := range x.deps {
		b = le.AppendUint32(b[:0], uint32(d.Name))
		b = le.AppendUint32(b, uint32(d.EVR))
		b = le.AppendUint32(b, uint32(d.Flags))
		bw.Write(b)
	}
	for _, f := range x.files {
		b = le.AppendUint32(b[:0], uint32(f.Path))
		bw.Write(append(b, f.Type))
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	_, err := w.Write(le.AppendUint32(b[:0], cw.crc))
	return cw.n + 4, err
}

// WriteFile writes x to path atomically (temporary file, sync, rename).
func (x *Index) WriteFile(path string) error {
	return fsutil.WriteFileAtomic(path, 0o644, func(f *os.File) error {
		_, err := x.WriteTo(f)
		return err
	})
}

// Load reads and verifies a cache file. The file is mapped rather than read into the Go
// heap: after Decode only the string pool is used from it (every other section is copied
// out), so its pages are then given back (madvise DONTNEED; a string read later faults its
// page in again from the page cache, which the kernel can reclaim under pressure, unlike
// heap). The mapping is never unmapped, as strings of the Index point into it and may
// outlive it: a cache is loaded once per repository per command. Cache files are replaced
// by rename (WriteFile), never rewritten in place, so the mapped file does not change.
func Load(path string) (*Index, error) {
	data, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading metadata cache %s: %w", path, err)
	}
	x, err := Decode(data.b)
	if err != nil {
		data.release()
		return nil, fmt.Errorf("metadata cache %s: %w", path, err)
	}
	data.idle()
	return x, nil
}

// mapped is a file's bytes, mapped (m) or, for an empty or unmappable file, read.
type mapped struct {
	b []byte
	m bool
}

func mapFile(path string) (mapped, error) {
	f, err := os.Open(path)
	if err != nil {
		return mapped{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return mapped{}, err
	}
	if n := fi.Size(); n > 0 && n < 1<<31 && fi.Mode().IsRegular() {
		if b, err := unix.Mmap(int(f.Fd()), 0, int(n), unix.PROT_READ, unix.MAP_PRIVATE); err == nil {
			return mapped{b: b, m: true}, nil
		}
	}
	b, err := io.ReadAll(f)
	return mapped{b: b}, err
}

func (d mapped) release() {
	if d.m {
		unix.Munmap(d.b)
	}
}

func (d mapped) idle() {
	if d.m {
		unix.Madvise(d.b, unix.MADV_DONTNEED)
	}
}

// ReadKey returns the key of a cache file without loading it, so a caller can tell a
// stale cache from a current one cheaply.
func ReadKey(r io.Reader) (string, error) {
	var h [headerSize]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return "", fmt.Errorf("%w: short header", ErrCorrupt)
	}
	if [8]byte(h[:8]) != magic {
		return "", fmt.Errorf("%w: bad magic", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != FormatVersion {
		return "", fmt.Errorf("%w: version %d, want %d", ErrVersion, v, FormatVersion)
	}
	kl := binary.LittleEndian.Uint32(h[8+4+5*4:])
	if kl > 4096 {
		return "", fmt.Errorf("%w: key of %d bytes", ErrCorrupt, kl)
	}
	key := make([]byte, kl)
	if _, err := io.ReadFull(r, key); err != nil {
		return "", fmt.Errorf("%w: short key", ErrCorrupt)
	}
	return string(key), nil
}

// Decode verifies and decodes the file form of an Index. The index's string pool aliases
// data (no copy), so data must not be modified afterwards.
func Decode(data []byte) (*Index, error) {
	le := binary.LittleEndian
	if len(data) < headerSize+4 {
		return nil, fmt.Errorf("%w: %d bytes is too short", ErrCorrupt, len(data))
	}
	if [8]byte(data[:8]) != magic {
		return nil, fmt.Errorf("%w: bad magic", ErrCorrupt)
	}
	if v := le.Uint32(data[8:]); v != FormatVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrVersion, v, FormatVersion)
	}
	body := data[:len(data)-4]
	if got, want := crc32.Checksum(body, castagnoli), le.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	var c [6]uint64
	for i := range c {
		c[i] = uint64(le.Uint32(data[12+4*i:]))
	}
	nstr, poolLen, npkg, ndep, nfile, keyLen := c[0], c[1], c[2], c[3], c[4], c[5]
	need := uint64(headerSize) + keyLen + poolLen + 4*(nstr+1) + uint64(pkgRecSize)*npkg + depRecSize*ndep + fileRecSize*nfile
	if need != uint64(len(body)) {
		return nil, fmt.Errorf("%w: sections add up to %d bytes, file has %d", ErrCorrupt, need, len(body))
	}
	p := body[headerSize:]
	take := func(n uint64) []byte { s := p[:n]; p = p[n:]; return s }
	x := &Index{key: string(take(keyLen))}
	if pb := take(poolLen); len(pb) > 0 {
		x.pool = unsafe.String(&pb[0], len(pb))
	}
	offs := take(4 * (nstr + 1))
	x.strOff = make([]uint32, nstr+1)
	prev := uint32(0)
	for i := range x.strOff {
		o := le.Uint32(offs[4*i:])
		if o < prev || uint64(o) > poolLen || (i == 0 && o != 0) {
			return nil, fmt.Errorf("%w: string offset %d out of order", ErrCorrupt, i)
		}
		x.strOff[i], prev = o, o
	}
	if uint64(prev) != poolLen {
		return nil, fmt.Errorf("%w: string offsets end at %d, pool has %d bytes", ErrCorrupt, prev, poolLen)
	}
	bad := func(id uint32) bool { return uint64(id) >= nstr }
	pk := take(uint64(pkgRecSize) * npkg)
	x.pkgs = make([]pkgRec, npkg)
	var lastDep, lastFile uint32
	for i := range x.pkgs {
		q := pk[i*pkgRecSize:]
		r := &x.pkgs[i]
		ids := []*StrID{&r.name, &r.epoch, &r.version, &r.release, &r.arch, &r.location, &r.checksum, &r.checksumType, &r.summary, &r.sourceRPM, &r.vendor}
		for j, dst := range ids {
			v := le.Uint32(q[4*j:])
			if bad(v) {
				return nil, fmt.Errorf("%w: package %d: string id out of range", ErrCorrupt, i)
			}
			*dst = StrID(v)
		}
		q = q[4*len(ids):]
		r.size, r.installed, r.buildTime = int64(le.Uint64(q)), int64(le.Uint64(q[8:])), int64(le.Uint64(q[16:]))
		q = q[24:]
		for k := range r.depEnd {
			e := le.Uint32(q[4*k:])
			if e < lastDep || uint64(e) > ndep {
				return nil, fmt.Errorf("%w: package %d: dependency run out of range", ErrCorrupt, i)
			}
			r.depEnd[k], lastDep = e, e
		}
		r.fileEnd = le.Uint32(q[4*numKinds:])
		if r.fileEnd < lastFile || uint64(r.fileEnd) > nfile {
			return nil, fmt.Errorf("%w: package %d: file run out of range", ErrCorrupt, i)
		}
		lastFile = r.fileEnd
	}
	if uint64(lastDep) != ndep || uint64(lastFile) != nfile {
		return nil, fmt.Errorf("%w: runs do not cover the dependency and file arrays", ErrCorrupt)
	}
	dp := take(depRecSize * ndep)
	x.deps = make([]DepRef, ndep)
	for i := range x.deps {
		q := dp[i*depRecSize:]
		n, e := le.Uint32(q), le.Uint32(q[4:])
		if bad(n) || bad(e) {
			return nil, fmt.Errorf("%w: dependency %d: string id out of range", ErrCorrupt, i)
		}
		x.deps[i] = DepRef{Name: StrID(n), EVR: StrID(e), Flags: dep.Flags(le.Uint32(q[8:]))}
	}
	fp := take(fileRecSize * nfile)
	x.files = make([]FileRef, nfile)
	for i := range x.files {
		q := fp[i*fileRecSize:]
		n, t := le.Uint32(q), q[4]
		if bad(n) || t > FileGhost {
			return nil, fmt.Errorf("%w: file %d out of range", ErrCorrupt, i)
		}
		x.files[i] = FileRef{Path: StrID(n), Type: t}
	}
	return x, nil
}

func crcOf(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
