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

	"github.com/nimbus-linux/nimbus/internal/fsutil"
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
	return writeSections(w, x.key, []string{x.pool}, x.offs, x.NumStrings(), &section{buf: x.pkgs, n: len(x.pkgs)},
		&section{buf: x.deps, n: len(x.deps)}, &section{buf: x.files, n: len(x.files)})
}

// writeSections streams the file form of an index to w: header, key, pool (the
// concatenation of its pieces), the nstr+1 string offsets (encoded) and the three record
// sections, then the CRC.
func writeSections(w io.Writer, key string, pool []string, offs []byte, nstr int, pkgs, deps, files *section) (int64, error) {
	cw := &crcWriter{w: w}
	bw := bufio.NewWriterSize(cw, 256<<10)
	b := make([]byte, 0, 64)
	b = append(b, magic[:]...)
	b = le.AppendUint32(b, FormatVersion)
	poolLen := 0
	for _, p := range pool {
		poolLen += len(p)
	}
	for _, c := range []int{nstr, poolLen, pkgs.n / pkgRecSize, deps.n / depRecSize, files.n / fileRecSize, len(key)} {
		b = le.AppendUint32(b, uint32(c))
	}
	bw.Write(b)
	bw.WriteString(key)
	for _, p := range pool {
		bw.WriteString(p)
	}
	bw.Write(offs)
	for _, s := range []*section{pkgs, deps, files} {
		if err := s.copyTo(bw); err != nil {
			return cw.n, err
		}
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

// Load reads and verifies a cache file. The file is read into memory, not mapped: the
// Index's strings point into its bytes and may outlive any point where a mapping could be
// unmapped, and a mapping that is never unmapped keeps the file's file system busy for the
// life of the process (an install root on its own mount could not be unmounted after an
// in-process install: the image builder, the fault tests) and leaks one mapping per load.
func Load(path string) (*Index, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading metadata cache %s: %w", path, err)
	}
	x, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("metadata cache %s: %w", path, err)
	}
	return x, nil
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

// Decode verifies the file form of an Index and returns the Index reading it in place: its
// sections alias data (no copy), so data must not be modified afterwards.
func Decode(data []byte) (*Index, error) { return DecodeMapped(data, nil) }

// DecodeMapped is Decode for the bytes of a read-only file mapping: drop
// (fsutil.DropPages) gives back the pages the checksum and the validation have read through,
// a megabyte at a time, and AddTo does the same with the package and dependency records it
// has loaded, so a load keeps little of the file resident. What is read again (a package's
// fields, the strings) faults back in from the page cache.
func DecodeMapped(data []byte, drop func([]byte)) (*Index, error) {
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
	var crc uint32
	dd := dropper{drop: drop, b: data}
	for off := 0; off < len(body); off += dropChunk {
		crc = crc32.Update(crc, castagnoli, body[off:min(off+dropChunk, len(body))])
		dd.upTo(off)
	}
	dd.all()
	if got, want := crc, le.Uint32(data[len(data)-4:]); got != want {
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
	take := func(n uint64) []byte { s := p[:n:n]; p = p[n:]; return s }
	x := &Index{key: string(take(keyLen)), drop: drop}
	if pb := take(poolLen); len(pb) > 0 {
		x.pool = unsafe.String(&pb[0], len(pb))
	}
	x.offs = take(4 * (nstr + 1))
	x.pkgs = take(uint64(pkgRecSize) * npkg)
	x.deps = take(depRecSize * ndep)
	x.files = take(fileRecSize * nfile)
	if err := x.validate(); err != nil {
		return nil, err
	}
	return x, nil
}

// validate checks every index inside x: string offsets in order and within the pool, string
// ids below the string count, runs non-decreasing and covering their arrays, file types
// known. The accessors rely on it.
func (x *Index) validate() error {
	nstr, poolLen := uint64(x.NumStrings()), uint64(len(x.pool))
	prev := uint32(0)
	for i := 0; i <= int(nstr); i++ {
		o := le.Uint32(x.offs[4*i:])
		if o < prev || uint64(o) > poolLen || (i == 0 && o != 0) {
			return fmt.Errorf("%w: string offset %d out of order", ErrCorrupt, i)
		}
		prev = o
	}
	if uint64(prev) != poolLen {
		return fmt.Errorf("%w: string offsets end at %d, pool has %d bytes", ErrCorrupt, prev, poolLen)
	}
	bad := func(id uint32) bool { return uint64(id) >= nstr }
	ndep, nfile := uint32(x.NumDeps()), uint32(len(x.files)/fileRecSize)
	var lastDep, lastFile uint32
	pd := dropper{drop: x.drop, b: x.pkgs}
	defer pd.all()
	for i := range x.Len() {
		pd.upTo(i * pkgRecSize)
		q := x.pkgs[i*pkgRecSize : (i+1)*pkgRecSize]
		for f := fName; f <= fVendor; f += 4 {
			if bad(le.Uint32(q[f:])) {
				return fmt.Errorf("%w: package %d: string id out of range", ErrCorrupt, i)
			}
		}
		for k := range numKinds {
			e := le.Uint32(q[fDepEnd+4*k:])
			if e < lastDep || e > ndep {
				return fmt.Errorf("%w: package %d: dependency run out of range", ErrCorrupt, i)
			}
			lastDep = e
		}
		fe := le.Uint32(q[fFileEnd:])
		if fe < lastFile || fe > nfile {
			return fmt.Errorf("%w: package %d: file run out of range", ErrCorrupt, i)
		}
		lastFile = fe
	}
	if lastDep != ndep || lastFile != nfile {
		return fmt.Errorf("%w: runs do not cover the dependency and file arrays", ErrCorrupt)
	}
	dd := dropper{drop: x.drop, b: x.deps}
	defer dd.all()
	for i := range int(ndep) {
		dd.upTo(i * depRecSize)
		q := x.deps[i*depRecSize:]
		if bad(le.Uint32(q)) || bad(le.Uint32(q[4:])) {
			return fmt.Errorf("%w: dependency %d: string id out of range", ErrCorrupt, i)
		}
	}
	for i := range int(nfile) {
		q := x.files[i*fileRecSize:]
		if bad(le.Uint32(q)) || q[4] > FileGhost {
			return fmt.Errorf("%w: file %d out of range", ErrCorrupt, i)
		}
	}
	return nil
}

func crcOf(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
