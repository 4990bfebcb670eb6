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
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// The file format, version 4 (all integers little-endian):
//
//	magic     "NMBSIDX\x00"
//	version   u32 (FormatVersion)
//	counts    u32 × 7: strings, pool bytes, packages, dependencies, files, key bytes,
//	          hot strings
//	key       key bytes
//	offsets   (strings+1) × u32, non-decreasing, first 0, last = pool bytes
//	pool      pool bytes: the hot strings (0 .. hot-1), then the cold ones
//	packages  packages × pkgRecSize
//	deps      dependencies × {name u32, evr u32, flags u32}
//	files     files × {path u32, type u8}
//	crc       u32: CRC-32C (Castagnoli) of everything before it
//
// Everything is validated on load: ids below the string count (below the hot count for the
// hot fields, dependencies and files), runs non-decreasing and within their arrays, file
// types known. Version 3 put the offsets before the pool and the cold strings (location,
// checksum, summary, source rpm: Builder) after the others, so that Load can leave them
// on disk. Version 4 is version 3 with the text file beside it (text.go): an older index
// is rebuilt, and the text file with it.

// FormatVersion is the version of the cache file format this package reads and writes.
const FormatVersion = 4

var magic = [8]byte{'N', 'M', 'B', 'S', 'I', 'D', 'X', 0}

const headerSize = 8 + 4 + 7*4

// ErrCorrupt is wrapped by errors about damaged or truncated cache files; ErrVersion by
// files of another format version. Callers rebuild the cache on either.
var (
	ErrCorrupt = errors.New("corrupt metadata cache")
	ErrVersion = errors.New("metadata cache of another format version")
)

var castagnoli = lazy.Value[*crc32.Table]{New: func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }}

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
	c.crc = crc32.Update(c.crc, castagnoli.Get(), p)
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// WriteTo streams the file form of x to w (without building it in memory).
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	if err := x.resident(); err != nil {
		return 0, err
	}
	offs := x.offs
	if x.cold != nil && len(offs) < 4*(x.nstr+1) {
		var err error
		if offs, err = x.cold.file.readAt(x.cold.offsAt, 4*(x.nstr+1)); err != nil {
			return 0, err
		}
	}
	pool := []string{x.pool}
	if x.coldPool != "" {
		pool = append(pool, x.coldPool)
	}
	deps, pkgs := x.deps, x.pkgs
	var err error
	if x.depSrc != nil {
		if deps, err = x.depSrc.section(); err != nil {
			return 0, err
		}
	}
	if x.pkgSrc != nil {
		if pkgs, err = x.pkgSrc.section(); err != nil {
			return 0, err
		}
	}
	return writeSections(w, x.key, pool, offs, x.hot, &section{buf: pkgs, n: len(pkgs)},
		&section{buf: deps, n: len(deps)}, &section{buf: x.files, n: len(x.files)})
}

// writeSections streams the file form of an index to w: header, key, the string offsets
// (encoded), the pool (the concatenation of its pieces) and the three record sections,
// then the CRC.
func writeSections(w io.Writer, key string, pool []string, offs []byte, hot int, pkgs, deps, files *section) (int64, error) {
	b := make([]byte, 0, 64)
	b = append(b, magic[:]...)
	b = binary.LittleEndian.AppendUint32(b, FormatVersion)
	poolLen := 0
	for _, p := range pool {
		poolLen += len(p)
	}
	// a buffer of 256 KiB, or of the whole file when it is smaller (a small repository's)
	total := 64 + len(key) + len(offs) + poolLen + pkgs.n + deps.n + files.n
	cw := &crcWriter{w: w}
	bw := bufio.NewWriterSize(cw, min(256<<10, total))
	for _, c := range []int{len(offs)/4 - 1, poolLen, pkgs.n / pkgRecSize, deps.n / depRecSize, files.n / fileRecSize, len(key), hot} {
		b = binary.LittleEndian.AppendUint32(b, uint32(c))
	}
	bw.Write(b)
	bw.WriteString(key)
	bw.Write(offs)
	for _, p := range pool {
		bw.WriteString(p)
	}
	for _, s := range []struct {
		s    *section
		size int
	}{{pkgs, pkgRecSize}, {deps, depRecSize}, {files, fileRecSize}} {
		if err := s.s.copyTo(bw, s.size, s.s.fix); err != nil {
			return cw.n, err
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(b[:0], cw.crc))
	return cw.n + 4, err
}

// WriteFile writes x to path atomically (temporary file, sync, rename).
func (x *Index) WriteFile(path string) error {
	return fsutil.WriteFileAtomic(path, 0o644, func(f *os.File) error {
		_, err := x.WriteTo(f)
		return err
	})
}

// Load reads and verifies a cache file. The file is read, not mapped, and closed before
// Load returns: a mapping that is never unmapped (or a descriptor kept open) keeps the
// file's file system busy for the life of the process (an install root on its own mount
// could not be unmounted after an in-process install: the image builder, the fault tests)
// and leaks one mapping per load. The whole file is read to check its checksum, but the
// cold strings (location, checksum, summary, source rpm: what only downloading or showing
// a package needs) are not kept: Str reads them back from path when asked (coldSource).
func Load(path string) (*Index, error) {
	x, err := load(path)
	if err != nil {
		return nil, fmt.Errorf("metadata cache %s: %w", path, err)
	}
	return x, nil
}

// keepCold is the size up to which Load keeps the cold strings, the package records and
// the dependency records in memory anyway (a variable: FuzzDecode sets it to 0, so that
// what Load leaves on disk is read back from corrupt files too).
var keepCold uint64 = 256 << 10

func load(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	cr := &crcReader{r: bufio.NewReaderSize(f, 64<<10)}
	var h [headerSize]byte
	if _, err := io.ReadFull(cr, h[:]); err != nil {
		return nil, fmt.Errorf("%w: %d bytes is too short", ErrCorrupt, fi.Size())
	}
	c, err := checkHeader(h[:], uint64(fi.Size()))
	if err != nil {
		return nil, err
	}
	read := func(n uint64) ([]byte, error) {
		b := make([]byte, n)
		if _, err := io.ReadFull(cr, b); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return b, nil
	}
	key, err := read(c.key)
	if err != nil {
		return nil, err
	}
	x := &Index{key: string(key), hot: int(c.hot), nstr: int(c.nstr)}
	if x.offs, err = read(4 * (c.nstr + 1)); err != nil {
		return nil, err
	}
	if err := checkOffs(x.offs, c.pool); err != nil {
		return nil, err
	}
	hotLen := uint64(binary.LittleEndian.Uint32(x.offs[4*c.hot:]))
	if hotLen > c.pool {
		return nil, fmt.Errorf("%w: hot strings end at %d, pool has %d bytes", ErrCorrupt, hotLen, c.pool)
	}
	pool, err := read(hotLen)
	if err != nil {
		return nil, err
	}
	if len(pool) > 0 {
		x.pool = unsafe.String(&pool[0], len(pool))
	}
	if coldLen := c.pool - hotLen; coldLen <= keepCold {
		cold, err := read(coldLen)
		if err != nil {
			return nil, err
		}
		if len(cold) > 0 {
			x.coldPool = unsafe.String(&cold[0], len(cold))
		}
	} else {
		if _, err := io.CopyN(io.Discard, cr, int64(coldLen)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		// and so are their offsets: the hot strings' are kept (a copy: the rest is garbage)
		offsAt := int64(headerSize) + int64(c.key)
		x.cold = &coldSource{file: indexFile{path: path, size: fi.Size(), key: x.key}, off: offsAt + int64(4*(c.nstr+1)), offsAt: offsAt, poolLen: int(c.pool)}
		x.offs = append([]byte(nil), x.offs[:4*(c.hot+1)]...)
	}
	x.npkg = int(c.npkg)
	file := indexFile{path: path, size: fi.Size(), key: x.key}
	off := int64(headerSize) + int64(c.key) + int64(4*(c.nstr+1)) + int64(c.pool)
	if pkgLen := uint64(pkgRecSize) * c.npkg; pkgLen <= keepCold {
		if x.pkgs, err = read(pkgLen); err != nil {
			return nil, err
		}
	} else {
		// the package records are read through once by whoever builds a pool from the
		// index (AddWith), a window at a time, and then only for the packages a command
		// installs or shows (recSource); checked here as they stream past
		chk := newPkgChecker(c)
		buf := make([]byte, pkgRecSize*(depWindow/pkgRecSize))
		for done := uint64(0); done < pkgLen; {
			n := min(uint64(len(buf)), pkgLen-done)
			if _, err := io.ReadFull(cr, buf[:n]); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			for i := uint64(0); i < n; i += uint64(pkgRecSize) {
				if err := chk.check(buf[i : i+uint64(pkgRecSize)]); err != nil {
					return nil, err
				}
			}
			done += n
		}
		if err := chk.end(); err != nil {
			return nil, err
		}
		x.pkgSrc = &recSource{file: file, off: off, size: pkgRecSize, n: x.npkg, allAfter: coldReadsAll + x.npkg/16}
	}
	off += int64(uint64(pkgRecSize) * c.npkg)
	x.ndep = int(c.ndep)
	if depLen := depRecSize * c.ndep; depLen <= keepCold {
		if x.deps, err = read(depLen); err != nil {
			return nil, err
		}
	} else {
		// the dependencies are read through once by whoever builds a pool from the index
		// (Solvable, AddTo), a window at a time (recSource), and not kept
		buf := make([]byte, depRecSize*(depWindow/4))
		for done := uint64(0); done < depLen; {
			n := min(uint64(len(buf)), depLen-done)
			if _, err := io.ReadFull(cr, buf[:n]); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
			}
			if err := checkDeps(buf[:n], int(done/depRecSize), uint32(c.hot)); err != nil {
				return nil, err
			}
			done += n
		}
		x.depSrc = &recSource{file: file, off: off, size: depRecSize, n: x.ndep}
	}
	if x.files, err = read(fileRecSize * c.nfile); err != nil {
		return nil, err
	}
	sum := cr.crc
	var t [4]byte
	if _, err := io.ReadFull(cr, t[:]); err != nil {
		return nil, fmt.Errorf("%w: no checksum", ErrCorrupt)
	}
	if binary.LittleEndian.Uint32(t[:]) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	if err := x.validate(c.pool); err != nil {
		return nil, err
	}
	return x, nil
}

// crcReader passes reads through and keeps the CRC-32C of everything read.
type crcReader struct {
	r   io.Reader
	crc uint32
}

func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.crc = crc32.Update(c.crc, castagnoli.Get(), p[:n])
	return n, err
}

// counts are a file's section sizes, from its header.
type counts struct{ nstr, pool, npkg, ndep, nfile, key, hot uint64 }

// checkHeader checks magic and version and that the sections add up to size bytes (the
// whole file, checksum included).
func checkHeader(h []byte, size uint64) (counts, error) {
	var c counts
	if [8]byte(h[:8]) != magic {
		return c, fmt.Errorf("%w: bad magic", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != FormatVersion {
		return c, fmt.Errorf("%w: version %d, want %d", ErrVersion, v, FormatVersion)
	}
	var v [7]uint64
	for i := range v {
		v[i] = uint64(binary.LittleEndian.Uint32(h[12+4*i:]))
	}
	c = counts{nstr: v[0], pool: v[1], npkg: v[2], ndep: v[3], nfile: v[4], key: v[5], hot: v[6]}
	need := uint64(headerSize) + c.key + c.pool + 4*(c.nstr+1) + uint64(pkgRecSize)*c.npkg + depRecSize*c.ndep + fileRecSize*c.nfile + 4
	if need != size {
		return c, fmt.Errorf("%w: sections add up to %d bytes, file has %d", ErrCorrupt, need, size)
	}
	if c.hot > c.nstr || c.hot == 0 {
		return c, fmt.Errorf("%w: %d hot strings of %d", ErrCorrupt, c.hot, c.nstr)
	}
	return c, nil
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
	kl := binary.LittleEndian.Uint32(h[8+4+5*4:]) // the key's size, the sixth count
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
	if v := binary.LittleEndian.Uint32(data[8:]); v != FormatVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrVersion, v, FormatVersion)
	}
	body := data[:len(data)-4]
	var crc uint32
	dd := dropper{drop: drop, b: data}
	for off := 0; off < len(body); off += dropChunk {
		crc = crc32.Update(crc, castagnoli.Get(), body[off:min(off+dropChunk, len(body))])
		dd.upTo(off)
	}
	dd.all()
	if got, want := crc, binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	c, err := checkHeader(data[:headerSize], uint64(len(data)))
	if err != nil {
		return nil, err
	}
	p := body[headerSize:]
	take := func(n uint64) []byte { s := p[:n:n]; p = p[n:]; return s }
	x := &Index{key: string(take(c.key)), hot: int(c.hot), nstr: int(c.nstr), drop: drop}
	x.offs = take(4 * (c.nstr + 1))
	if pb := take(c.pool); len(pb) > 0 {
		x.pool = unsafe.String(&pb[0], len(pb))
	}
	x.pkgs = take(uint64(pkgRecSize) * c.npkg)
	x.npkg = int(c.npkg)
	x.deps = take(depRecSize * c.ndep)
	x.ndep = int(c.ndep)
	x.files = take(fileRecSize * c.nfile)
	if err := x.validate(c.pool); err != nil {
		return nil, err
	}
	return x, nil
}

// validate checks every index inside x: string offsets in order and within the pool, string
// ids below the string count, runs non-decreasing and covering their arrays, file types
// known. The accessors rely on it.
func (x *Index) validate(poolLen uint64) error {
	nstr := uint64(x.NumStrings())
	if x.cold == nil { // else Load checked them all
		if err := checkOffs(x.offs, poolLen); err != nil {
			return err
		}
	}
	nfile := uint32(len(x.files) / fileRecSize)
	if x.pkgSrc == nil { // else checked as Load read them
		chk := newPkgChecker(counts{nstr: nstr, ndep: uint64(x.ndep), nfile: uint64(nfile), hot: uint64(x.hot)})
		pd := dropper{drop: x.drop, b: x.pkgs}
		defer pd.all()
		for i := range x.Len() {
			pd.upTo(i * pkgRecSize)
			if err := chk.check(x.pkgs[i*pkgRecSize : (i+1)*pkgRecSize]); err != nil {
				return err
			}
		}
		if err := chk.end(); err != nil {
			return err
		}
	}
	if x.depSrc == nil {
		dd := dropper{drop: x.drop, b: x.deps}
		defer dd.all()
		for off := 0; off < len(x.deps); off += dropChunk {
			end := min(off+dropChunk, len(x.deps))
			if err := checkDeps(x.deps[off:end], off/depRecSize, uint32(x.hot)); err != nil {
				return err
			}
			dd.upTo(end)
		}
	}
	for i := range int(nfile) {
		q := x.files[i*fileRecSize:]
		if binary.LittleEndian.Uint32(q) >= uint32(x.hot) || q[4] > FileGhost {
			return fmt.Errorf("%w: file %d out of range", ErrCorrupt, i)
		}
	}
	return nil
}

// checkOffs checks string offsets: in order, the first 0, the last poolLen.
func checkOffs(offs []byte, poolLen uint64) error {
	prev := uint32(0)
	for i := 0; 4*i+4 <= len(offs); i++ {
		o := binary.LittleEndian.Uint32(offs[4*i:])
		if o < prev || uint64(o) > poolLen || (i == 0 && o != 0) {
			return fmt.Errorf("%w: string offset %d out of order", ErrCorrupt, i)
		}
		prev = o
	}
	if uint64(prev) != poolLen {
		return fmt.Errorf("%w: string offsets end at %d, pool has %d bytes", ErrCorrupt, prev, poolLen)
	}
	return nil
}

// A pkgChecker checks package records in order: string ids below the string count (below
// the hot count for the hot fields), dependency and file runs non-decreasing and, at the
// end, covering their arrays.
type pkgChecker struct {
	nstr, hot, ndep, nfile uint64
	i                      int
	lastDep, lastFile      uint32
}

func newPkgChecker(c counts) *pkgChecker {
	return &pkgChecker{nstr: c.nstr, hot: c.hot, ndep: c.ndep, nfile: c.nfile}
}

// check checks the next record.
func (c *pkgChecker) check(q []byte) error {
	i := c.i
	c.i++
	for f := fName; f <= fVendor; f += 4 {
		if uint64(binary.LittleEndian.Uint32(q[f:])) >= c.nstr {
			return fmt.Errorf("%w: package %d: string id out of range", ErrCorrupt, i)
		}
	}
	for _, f := range [...]int{fName, fEpoch, fVersion, fRelease, fArch, fVendor} {
		if uint64(binary.LittleEndian.Uint32(q[f:])) >= c.hot {
			return fmt.Errorf("%w: package %d: a cold string in a hot field", ErrCorrupt, i)
		}
	}
	for k := range numKinds {
		e := binary.LittleEndian.Uint32(q[fDepEnd+4*k:])
		if e < c.lastDep || uint64(e) > c.ndep {
			return fmt.Errorf("%w: package %d: dependency run out of range", ErrCorrupt, i)
		}
		c.lastDep = e
	}
	fe := binary.LittleEndian.Uint32(q[fFileEnd:])
	if fe < c.lastFile || uint64(fe) > c.nfile {
		return fmt.Errorf("%w: package %d: file run out of range", ErrCorrupt, i)
	}
	c.lastFile = fe
	return nil
}

// end checks that the records seen cover the dependency and file arrays.
func (c *pkgChecker) end() error {
	if uint64(c.lastDep) != c.ndep || uint64(c.lastFile) != c.nfile {
		return fmt.Errorf("%w: runs do not cover the dependency and file arrays", ErrCorrupt)
	}
	return nil
}

// checkDeps checks dependency records (the first is dependency first): string ids of hot
// strings.
func checkDeps(b []byte, first int, hot uint32) error {
	for i := 0; i+depRecSize <= len(b); i += depRecSize {
		if binary.LittleEndian.Uint32(b[i:]) >= hot || binary.LittleEndian.Uint32(b[i+4:]) >= hot {
			return fmt.Errorf("%w: dependency %d: string id out of range", ErrCorrupt, first+i/depRecSize)
		}
	}
	return nil
}

func crcOf(b []byte) uint32 { return crc32.Checksum(b, castagnoli.Get()) }
