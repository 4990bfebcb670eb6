package cpio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Reader reads a newc archive entry by entry. It never trusts the sizes in
// the archive: names are bounded by MaxNameLen and data by the entry size
// limit (SetMaxEntrySize).
type Reader struct {
	r       io.Reader
	maxSize int64
	index   int     // index of the current entry, counting from 0
	cur     *Header // current entry, nil before the first Next
	remain  int64   // unread data bytes of the current entry
	dataPad int64   // padding after the current entry's data
	crc     bool    // current entry is 070702: verify sum
	sum     uint32  // running byte sum of the current entry's data
	want    uint32  // check field of the current entry
	err     error   // sticky error, io.EOF after the trailer
}

// NewReader returns a Reader of the archive in r. Entries may be at most
// MaxSize bytes until SetMaxEntrySize says otherwise.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, maxSize: MaxSize, index: -1}
}

// SetMaxEntrySize limits the size of every entry's data; Next fails on an
// entry that claims more. Values outside 0..MaxSize mean MaxSize.
func (r *Reader) SetMaxEntrySize(n int64) {
	if n < 0 || n > MaxSize {
		n = MaxSize
	}
	r.maxSize = n
}

// Next skips the rest of the current entry and returns the header of the
// next one. It returns io.EOF at the trailer.
func (r *Reader) Next() (*Header, error) {
	if r.err != nil {
		return nil, r.err
	}
	if err := r.skipRest(); err != nil {
		r.err = err
		return nil, err
	}
	r.index++
	h, err := r.readHeader()
	if err != nil {
		r.err = err
		return nil, err
	}
	return h, nil
}

func (r *Reader) skipRest() error {
	if r.cur == nil {
		return nil
	}
	if r.remain > 0 {
		if _, err := io.CopyN(io.Discard, r, r.remain); err != nil {
			return err
		}
	}
	if r.remain == 0 && r.dataPad > 0 {
		if err := r.readFull(make([]byte, r.dataPad), "data padding"); err != nil {
			return err
		}
		r.dataPad = 0
	}
	return nil
}

// readFull reads len(buf) bytes, describing a short read as truncation of
// what.
func (r *Reader) readFull(buf []byte, what string) error {
	if _, err := io.ReadFull(r.r, buf); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("cpio entry %d: truncated %s: %w", r.index, what, io.ErrUnexpectedEOF)
		}
		return fmt.Errorf("cpio entry %d: reading %s: %w", r.index, what, err)
	}
	return nil
}

var fieldNames = [...]string{
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
}

func (r *Reader) readHeader() (*Header, error) {
	var raw [headerLen]byte
	if err := r.readFull(raw[:], "header"); err != nil {
		return nil, err
	}
	magic := string(raw[:6])
	switch magic {
	case magicNewc, magicCRC:
	case "07070X":
		return nil, fmt.Errorf("cpio entry %d: rpm's stripped large-file format (magic 07070X) is not supported", r.index)
	default:
		return nil, fmt.Errorf("cpio entry %d: bad magic %q", r.index, magic)
	}
	var f [len(fieldNames)]uint32
	for i := range f {
		v, err := parseHex(raw[6+8*i : 14+8*i])
		if err != nil {
			return nil, fmt.Errorf("cpio entry %d: field %s: %w", r.index, fieldNames[i], err)
		}
		f[i] = v
	}
	nameSize := int64(f[11])
	if nameSize == 0 || nameSize > MaxNameLen+1 {
		return nil, fmt.Errorf("cpio entry %d: name size %d outside 1..%d", r.index, nameSize, MaxNameLen+1)
	}
	name := make([]byte, nameSize+pad(headerLen+nameSize))
	if err := r.readFull(name, "name"); err != nil {
		return nil, err
	}
	name = name[:nameSize]
	if name[nameSize-1] != 0 {
		return nil, fmt.Errorf("cpio entry %d: name %q is not NUL-terminated", r.index, name)
	}
	name = name[:nameSize-1]
	if len(name) == 0 || bytes.IndexByte(name, 0) >= 0 {
		return nil, fmt.Errorf("cpio entry %d: invalid name %q", r.index, name)
	}
	h := &Header{
		Name: string(name), Ino: f[0], Mode: f[1], UID: f[2], GID: f[3],
		Nlink: f[4], Mtime: f[5], Size: int64(f[6]),
		DevMajor: f[7], DevMinor: f[8], RdevMajor: f[9], RdevMinor: f[10],
	}
	if h.Name == TrailerName {
		return nil, io.EOF
	}
	if h.Size > r.maxSize {
		return nil, fmt.Errorf("cpio entry %d %q: size %d exceeds the limit of %d bytes", r.index, h.Name, h.Size, r.maxSize)
	}
	r.cur, r.remain, r.dataPad = h, h.Size, pad(h.Size)
	r.crc, r.sum, r.want = magic == magicCRC, 0, f[12]
	return h, nil
}

// parseHex parses exactly 8 hexadecimal digits.
func parseHex(b []byte) (uint32, error) {
	var v uint32
	for _, c := range b {
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, fmt.Errorf("non-hex value %q", b)
		}
		v = v<<4 | uint32(d)
	}
	return v, nil
}

// Read reads data of the current entry; it returns io.EOF at the entry's
// end.
func (r *Reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if r.cur == nil {
		return 0, fmt.Errorf("cpio: Read called before Next")
	}
	if r.remain == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.remain {
		p = p[:r.remain]
	}
	n, err := r.r.Read(p)
	r.remain -= int64(n)
	if r.crc {
		for _, c := range p[:n] {
			r.sum += uint32(c)
		}
		if r.remain == 0 && r.sum != r.want {
			r.err = fmt.Errorf("cpio entry %d %q: checksum %08x, header says %08x", r.index, r.cur.Name, r.sum, r.want)
			return n, r.err
		}
	}
	switch {
	case err == io.EOF && r.remain > 0:
		r.err = fmt.Errorf("cpio entry %d %q: truncated data, %d bytes missing: %w", r.index, r.cur.Name, r.remain, io.ErrUnexpectedEOF)
		return n, r.err
	case err == io.EOF:
		return n, nil
	case err != nil:
		r.err = fmt.Errorf("cpio entry %d %q: reading data: %w", r.index, r.cur.Name, err)
		return n, r.err
	}
	return n, nil
}
