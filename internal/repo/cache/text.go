package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// The text file: the free text of a repository's packages that only `info` and
// repoquery's --queryformat show (license, URL, description, packager). It sits beside the index
// file (index.nidx -> index.ntxt, TextPath) and is written with it by a spilling Builder
// (WritePrimary), so that nothing else reads or holds it: a command that does not show
// these fields never opens it, and one that does reads the records of its packages only.
//
//	magic     "NMBSTXT\x00"
//	version   u32 (TextVersion)
//	records   one per package, in index order: crc u32, then license, URL, description,
//	          packager, each u32 length + bytes; crc is the CRC-32C of the package's number (u32)
//	          and the rest of the record
//	offsets   (packages+1) × u64: the file offset of each record, the last one where the
//	          offsets start
//	key       the index's key
//	trailer   packages u32, key bytes u32, offsets' file offset u64, CRC-32C of the key and
//	          the trailer before it u32, "NTXTEND\x00"
//
// The records come before their offsets so that the file is written in one pass while
// primary is parsed. It is not synced: a reader checks the trailer, every offset it uses
// and each record's checksum (which names the package, so an offset to another record is
// caught too), and a file that fails is rebuilt from the cached primary (repo.ReadText).

// TextVersion is the version of the text file format (2: the packager, for `info -v`).
const TextVersion = 2

var (
	textMagic    = [8]byte{'N', 'M', 'B', 'S', 'T', 'X', 'T', 0}
	textEndMagic = [8]byte{'N', 'T', 'X', 'T', 'E', 'N', 'D', 0}
)

const (
	textHeaderSize  = 12
	textTrailerSize = 4 + 4 + 8 + 4 + 8
	// textFields is the number of fields of a record.
	textFields = 4
	// maxTextRecord bounds one record: four fields, each a token of at most 16 MiB
	// (repomd's scanner limit).
	maxTextRecord = textFields * (4 + 16<<20)
)

// Text is the free text of a package.
type Text struct {
	License, URL, Description, Packager string
}

// TextPath returns the text file of the index file indexPath.
func TextPath(indexPath string) string {
	return strings.TrimSuffix(indexPath, filepath.Ext(indexPath)) + ".ntxt"
}

// textWriter writes the text file as packages are added: the records straight into a
// temporary file beside the index, their offsets into a spilled section; finish appends
// offsets and trailer and renames it into place.
type textWriter struct {
	f    *os.File
	w    *bufio.Writer
	offs section
	pos  int64
	n    int
	err  error
	rec  []byte
}

func newTextWriter(dir string) (*textWriter, error) {
	f, err := os.CreateTemp(dir, ".ntxt-")
	if err != nil {
		return nil, err
	}
	o, err := os.CreateTemp(dir, ".ntxt-offsets-")
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	os.Remove(o.Name())
	// small buffers: a description larger than its buffer is written past it, and the
	// pages of a larger one would be a makecache's resident cost for nothing
	t := &textWriter{f: f, w: bufio.NewWriterSize(f, 16<<10), offs: section{f: o, w: bufio.NewWriterSize(o, 4<<10)}}
	var h [textHeaderSize]byte
	copy(h[:], textMagic[:])
	binary.LittleEndian.PutUint32(h[8:], TextVersion)
	t.write(h[:])
	return t, nil
}

func (t *textWriter) write(p []byte) {
	if t.err == nil {
		_, t.err = t.w.Write(p)
	}
	t.pos += int64(len(p))
}

// add appends the next package's record.
func (t *textWriter) add(license, url, desc, packager string) {
	t.offs.write(binary.LittleEndian.AppendUint64(t.rec[:0], uint64(t.pos)))
	r := append(t.rec[:0], 0, 0, 0, 0)
	for _, s := range [...]string{license, url, desc, packager} {
		r = binary.LittleEndian.AppendUint32(r, uint32(len(s)))
		r = append(r, s...)
	}
	binary.LittleEndian.PutUint32(r, recordCRC(t.n, r[4:]))
	t.write(r)
	t.n++
	if cap(r) <= 64<<10 {
		t.rec = r
	}
}

// finish writes offsets and trailer and renames the file to path.
func (t *textWriter) finish(path, key string) error {
	t.offs.write(binary.LittleEndian.AppendUint64(t.rec[:0], uint64(t.pos)))
	if t.err == nil && t.offs.err == nil {
		t.err = t.copyOffsets()
	}
	t.pos += int64(t.offs.n)
	t.write([]byte(key))
	tr := make([]byte, 0, textTrailerSize)
	tr = binary.LittleEndian.AppendUint32(tr, uint32(t.n))
	tr = binary.LittleEndian.AppendUint32(tr, uint32(len(key)))
	tr = binary.LittleEndian.AppendUint64(tr, uint64(t.pos-int64(len(key))-8*int64(t.n+1)))
	tr = binary.LittleEndian.AppendUint32(tr, crc32.Update(crc32.Checksum([]byte(key), castagnoli.Get()), castagnoli.Get(), tr))
	tr = append(tr, textEndMagic[:]...)
	t.write(tr)
	err := errors.Join(t.err, t.offs.err)
	if err == nil {
		err = t.w.Flush()
	}
	if err == nil {
		err = t.f.Chmod(0o644)
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	t.offs.close()
	if err == nil {
		err = os.Rename(t.f.Name(), path)
	}
	if err != nil {
		os.Remove(t.f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// copyOffsets appends the spilled offsets to the file (through the writer's own buffer,
// or file to file).
func (t *textWriter) copyOffsets() error {
	if err := t.offs.w.Flush(); err != nil {
		return err
	}
	if _, err := t.offs.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.CopyN(t.w, t.offs.f, int64(t.offs.n))
	return err
}

// recordCRC is the checksum of package i's record rec (without its checksum).
func recordCRC(i int, rec []byte) uint32 {
	// the package's number as four little-endian bytes, folded in one at a time: a
	// [4]byte handed to crc32 would escape, one allocation per package
	c := ^uint32(0)
	for _, b := range [4]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)} {
		c = castagnoli.Get()[byte(c)^b] ^ (c >> 8)
	}
	return crc32.Update(^c, castagnoli.Get(), rec)
}

// abort removes the unfinished file.
func (t *textWriter) abort() {
	t.f.Close()
	os.Remove(t.f.Name())
	t.offs.close()
}

// ReadText reads the text of the packages pkgs (index numbers) from the text file beside
// the index file indexPath, which must have been written for key, and hands each to fn in
// the order asked. The file is opened once and closed before ReadText returns. A missing
// file is an error wrapping fs.ErrNotExist; a damaged one, or one written for another
// key, ErrCorrupt; one of another format, ErrVersion.
func ReadText(indexPath, key string, pkgs []int, fn func(i int, t Text)) error {
	path := TextPath(indexPath)
	if err := readText(path, key, pkgs, fn); err != nil {
		return fmt.Errorf("metadata text %s: %w", path, err)
	}
	return nil
}

func readText(path, key string, pkgs []int, fn func(i int, t Text)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size < textHeaderSize+textTrailerSize+8 {
		return fmt.Errorf("%w: %d bytes is too short", ErrCorrupt, size)
	}
	var h [textHeaderSize]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if [8]byte(h[:8]) != textMagic {
		return fmt.Errorf("%w: bad magic", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != TextVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrVersion, v, TextVersion)
	}
	var tr [textTrailerSize]byte
	if _, err := f.ReadAt(tr[:], size-textTrailerSize); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if [8]byte(tr[20:]) != textEndMagic {
		return fmt.Errorf("%w: bad trailer", ErrCorrupt)
	}
	n, kl, offsAt := int64(binary.LittleEndian.Uint32(tr[0:])), int64(binary.LittleEndian.Uint32(tr[4:])), binary.LittleEndian.Uint64(tr[8:])
	if kl > 4096 || offsAt > math.MaxInt64/2 || int64(offsAt) < textHeaderSize || int64(offsAt)+8*(n+1)+kl+textTrailerSize != size {
		return fmt.Errorf("%w: sections do not add up to %d bytes", ErrCorrupt, size)
	}
	k := make([]byte, kl)
	if _, err := f.ReadAt(k, size-textTrailerSize-kl); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if crc32.Update(crc32.Checksum(k, castagnoli.Get()), castagnoli.Get(), tr[:16]) != binary.LittleEndian.Uint32(tr[16:]) {
		return fmt.Errorf("%w: trailer checksum mismatch", ErrCorrupt)
	}
	if string(k) != key {
		return fmt.Errorf("%w: written for other metadata", ErrCorrupt)
	}
	var buf []byte
	for _, i := range pkgs {
		if i < 0 || int64(i) >= n {
			return fmt.Errorf("%w: package %d of %d", ErrCorrupt, i, n)
		}
		var o [16]byte
		if _, err := f.ReadAt(o[:], int64(offsAt)+8*int64(i)); err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		lo, hi := binary.LittleEndian.Uint64(o[:]), binary.LittleEndian.Uint64(o[8:])
		if lo < textHeaderSize || lo > hi || hi > offsAt || hi-lo < 4+4*textFields || hi-lo > maxTextRecord {
			return fmt.Errorf("%w: record %d at %d:%d", ErrCorrupt, i, lo, hi)
		}
		if uint64(cap(buf)) < hi-lo {
			buf = make([]byte, hi-lo)
		}
		r := buf[:hi-lo]
		if _, err := f.ReadAt(r, int64(lo)); err != nil {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		if recordCRC(i, r[4:]) != binary.LittleEndian.Uint32(r) {
			return fmt.Errorf("%w: record %d: checksum mismatch", ErrCorrupt, i)
		}
		var fields [textFields]string
		p := r[4:]
		for j := range fields {
			if len(p) < 4 || uint64(len(p)-4) < uint64(binary.LittleEndian.Uint32(p)) {
				return fmt.Errorf("%w: record %d: field %d overruns it", ErrCorrupt, i, j)
			}
			l := binary.LittleEndian.Uint32(p)
			fields[j] = string(p[4 : 4+l])
			p = p[4+l:]
		}
		if len(p) != 0 {
			return fmt.Errorf("%w: record %d: %d bytes after its fields", ErrCorrupt, i, len(p))
		}
		fn(i, Text{License: fields[0], URL: fields[1], Description: fields[2], Packager: fields[3]})
	}
	return nil
}
