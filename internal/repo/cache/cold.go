package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"sync"
	"unsafe"
)

// A coldSource reads the cold strings of a loaded index (location, checksum, summary,
// source rpm) back from the index file when they are asked for: a command needs them for
// the few packages it downloads or shows, so Load does not keep them (a large repository's
// are most of its pool). The file is opened for each read and closed at once (nothing is
// kept open: see Load); it must still be the file loaded, same size and key (an index file
// is only ever replaced by rename, with a new key when the metadata changed). After
// coldReadsAll reads plus one per 16 packages the whole cold part is read into memory
// once (a command listing every package).
type coldSource struct {
	mu    sync.Mutex
	file  indexFile
	off   int64 // file offset of the pool
	reads int
	seen  map[int]string // strings read one by one, by pool offset
	err   error          // the first failed read
	// the cold strings' offsets are on disk too (Load keeps the hot ones'): read a block at
	// a time (a package's own cold strings were interned together), all of them with the
	// strings
	offsAt   int64          // file offset of the string offsets
	poolLen  int            // bytes of the whole pool
	blocks   map[int][]byte // offsets of strings b*offsBlock .. (b+1)*offsBlock, by b
	coldOffs []byte         // the offsets of strings hot .. strings (inclusive), once all read
}

// offsBlock is how many strings' offsets a read of one cold string's offsets brings in.
const offsBlock = 1024

// spanLocked returns the pool bytes lo:hi of string id; ok is false when the file cannot
// be read again. c.mu is held.
func (c *coldSource) spanLocked(x *Index, id int) (lo, hi int, ok bool) {
	if id < 0 || id >= x.nstr {
		return 0, 0, false
	}
	if 4*id+8 <= len(x.offs) {
		return int(binary.LittleEndian.Uint32(x.offs[4*id:])), int(binary.LittleEndian.Uint32(x.offs[4*id+4:])), true
	}
	var b []byte
	if c.coldOffs != nil {
		b = c.coldOffs[4*(id-x.hot):]
	} else {
		blk := id / offsBlock
		if b = c.blocks[blk]; b == nil {
			if c.err != nil {
				return 0, 0, false
			}
			first := blk * offsBlock
			var err error
			if b, err = c.file.readAt(c.offsAt+int64(4*first), 4*min(offsBlock+1, x.nstr+1-first)); err != nil {
				c.err = err
				return 0, 0, false
			}
			if c.blocks == nil || len(c.blocks) >= 64 {
				c.blocks = map[int][]byte{}
			}
			c.blocks[blk] = b
		}
		b = b[4*(id-blk*offsBlock):]
	}
	lo, hi = int(binary.LittleEndian.Uint32(b)), int(binary.LittleEndian.Uint32(b[4:]))
	if lo < len(x.pool) || lo > hi || hi > c.poolLen { // Load checked them: the file changed
		return 0, 0, false
	}
	return lo, hi, true
}

// strID returns cold string id.
func (c *coldSource) strID(x *Index, id StrID) string {
	c.mu.Lock()
	lo, hi, ok := c.spanLocked(x, int(id))
	c.mu.Unlock()
	if !ok || lo == hi {
		return ""
	}
	return c.str(x, lo, hi)
}

// readAllLocked reads every cold string and their offsets into memory. c.mu is held.
func (c *coldSource) readAllLocked(x *Index) error {
	b, err := c.read(len(x.pool), c.poolLen)
	if err != nil {
		return err
	}
	offs, err := c.file.readAt(c.offsAt+int64(4*x.hot), 4*(x.nstr+1-x.hot))
	if err != nil {
		c.err = err
		return err
	}
	if err := checkOffs(append(make([]byte, 4, 4+len(offs)), offs...), uint64(c.poolLen)); err != nil || binary.LittleEndian.Uint32(offs) != uint32(len(x.pool)) {
		c.err = fmt.Errorf("%w: the file changed since it was loaded", ErrCorrupt)
		return c.err
	}
	c.coldOffs, c.blocks = offs, nil
	if len(b) > 0 {
		x.coldPool = unsafe.String(&b[0], len(b))
	}
	return nil
}

const coldReadsAll = 1024

func (c *coldSource) str(x *Index, lo, hi int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if x.coldPool != "" {
		return x.coldPool[lo-len(x.pool) : hi-len(x.pool)]
	}
	if s, ok := c.seen[lo]; ok {
		return s
	}
	c.reads++
	if c.reads > coldReadsAll+x.Len()/16 {
		if c.readAllLocked(x) == nil {
			return x.coldPool[lo-len(x.pool) : hi-len(x.pool)]
		}
	}
	b, err := c.read(lo, hi)
	if err != nil {
		return ""
	}
	str := unsafe.String(&b[0], len(b))
	if c.seen == nil {
		c.seen = map[int]string{}
	}
	if len(c.seen) < 4096 { // the shared ones come back (checksum type, source rpm)
		c.seen[lo] = str
	}
	return str
}

// pkg returns the cold strings of package i (coldFields), with one read of the file.
func (c *coldSource) pkg(x *Index, i int) (out [len(coldFields)]string) {
	c.mu.Lock()
	if x.coldPool == "" && c.reads+1 <= coldReadsAll+x.Len()/16 {
		c.reads++
		// the package's own strings (location, checksum, ...) were interned together;
		// shared ones (checksum type, source rpm) may be far away and are read apart
		lo, hi := math.MaxInt, 0
		var r [len(coldFields)][2]int
		for j, f := range coldFields {
			if a, b, ok := c.spanLocked(x, int(x.pf(i, f))); ok {
				r[j] = [2]int{a, b}
			}
		}
		near := func(a int) bool { return a >= r[0][0]-4096 && a <= r[0][1]+4096 }
		for _, ab := range r {
			if a, b := ab[0], ab[1]; a >= len(x.pool) && a < b && near(a) {
				lo, hi = min(lo, a), max(hi, b)
			}
		}
		if lo < hi {
			if b, err := c.read(lo, hi); err == nil {
				c.mu.Unlock()
				for j, f := range coldFields {
					if a, e := r[j][0], r[j][1]; a >= lo && e <= hi && a < e {
						out[j] = unsafe.String(&b[a-lo], e-a)
					} else {
						out[j] = x.str(i, f)
					}
				}
				return out
			}
		}
	}
	c.mu.Unlock()
	for j, f := range coldFields {
		out[j] = x.str(i, f)
	}
	return out
}

// read returns the pool's bytes lo:hi from the file.
func (c *coldSource) read(lo, hi int) ([]byte, error) {
	if c.err != nil {
		return nil, c.err
	}
	b, err := c.file.readAt(c.off+int64(lo), hi-lo)
	c.err = err
	return b, err
}

// indexFile is a loaded index's file, read again for what Load did not keep.
type indexFile struct {
	path string
	size int64
	key  string
}

// readAt reads n bytes at off, after checking that the file is still the one loaded
// (same size and key: an index file is only ever replaced by rename).
func (f indexFile) readAt(off int64, n int) ([]byte, error) {
	return f.readAtInto(nil, off, n)
}

// readAtInto is readAt reading into buf when it has room for n bytes.
func (f indexFile) readAtInto(buf []byte, off int64, n int) ([]byte, error) {
	b, err := f.read(buf, off, n)
	if err != nil {
		return nil, fmt.Errorf("reading the metadata cache %s again: %w", f.path, err)
	}
	return b, nil
}

func (f indexFile) read(buf []byte, off int64, n int) ([]byte, error) {
	fd, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	fi, err := fd.Stat()
	if err != nil {
		return nil, err
	}
	key := make([]byte, len(f.key))
	if _, err := fd.ReadAt(key, headerSize); err != nil || fi.Size() != f.size || !bytes.Equal(key, []byte(f.key)) {
		return nil, fmt.Errorf("%w: the file changed since it was loaded", ErrCorrupt)
	}
	b := buf[:0]
	if cap(b) < n {
		b = make([]byte, n)
	}
	b = b[:n]
	if _, err := fd.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// A recSource reads the records of one section of a loaded index (its dependencies, its
// packages) from its file when Load did not keep them: building the solver pool walks them
// once, in order, a window at a time; later a command reads the records of the few packages
// it installs or shows. Nothing is kept open (see Load). A read that continues the window
// (or starts at record 0) reads a whole window; any other reads a few records from the one
// before it (DepRange needs the previous package's ends too). After allAfter such reads
// (0: never) the whole section is read into memory once (a command walking every package
// in another order).
type recSource struct {
	mu       sync.Mutex
	file     indexFile
	off      int64 // file offset of the records
	size     int   // bytes a record
	n        int   // records
	win      []byte
	lo       int // records lo.. are in win
	all      []byte
	reads    int // short reads so far
	allAfter int
	err      error
}

// depWindow is the size of a recSource's window in bytes (rounded to whole records).
const depWindow = 256 << 10

// shortRead is how many records a read out of sequence reads.
const shortRead = 16

// read copies record j into dst (all zeros when the file cannot be read again: Index.Err
// says so). The window's buffer is reused from one window to the next, so the record is
// copied while the lock is held.
func (d *recSource) read(j int, dst []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.readLocked(j, dst)
}

// readRun copies records j..j+n-1 into dst (n records' room) under one lock: a package's
// whole dependency run, read as the pool is built (one lock a package, not one a record).
func (d *recSource) readRun(j, n int, dst []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k := range n {
		d.readLocked(j+k, dst[k*d.size:(k+1)*d.size])
	}
}

func (d *recSource) readLocked(j int, dst []byte) {
	if d.all != nil {
		copy(dst, d.all[j*d.size:(j+1)*d.size])
		return
	}
	if j >= d.lo && (j-d.lo+1)*d.size <= len(d.win) {
		copy(dst, d.win[(j-d.lo)*d.size:])
		return
	}
	if d.err != nil {
		clear(dst)
		return
	}
	per := max(depWindow/d.size, 1)
	lo, n := j-j%per, per
	if d.allAfter > 0 && !(j == 0 || (len(d.win) > 0 && j == d.lo+len(d.win)/d.size)) {
		if d.reads++; d.reads > d.allAfter {
			b, err := d.file.readAt(d.off, d.n*d.size)
			if err != nil {
				d.err, d.win = err, nil
				clear(dst)
				return
			}
			d.all, d.win = b, nil
			copy(dst, d.all[j*d.size:(j+1)*d.size])
			return
		}
		lo, n = max(j-1, 0), shortRead
	} else if d.allAfter > 0 {
		lo = j
	}
	n = min(n, d.n-lo)
	b, err := d.file.readAtInto(d.win, d.off+int64(lo*d.size), n*d.size)
	if err != nil {
		d.err, d.win = err, nil // the buffer may hold part of the failed read
		clear(dst)
		return
	}
	d.win, d.lo = b, lo
	copy(dst, d.win[(j-lo)*d.size:])
}

// section returns the whole section (read from the file unless it is in memory).
func (d *recSource) section() ([]byte, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.all != nil {
		return d.all, nil
	}
	return d.file.readAt(d.off, d.n*d.size)
}

func (d *recSource) failed() error {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// resident reads the cold strings into memory if they are still on disk (WriteTo needs
// the whole pool).
func (x *Index) resident() error {
	if x.cold == nil || x.coldPool != "" {
		return nil
	}
	x.cold.mu.Lock()
	defer x.cold.mu.Unlock()
	if x.coldPool != "" {
		return nil
	}
	return x.cold.readAllLocked(x)
}

// Err returns the error of a failed read of what Load left on disk (after which cold
// strings read as "" and dependencies as empty names), or nil. A caller that built
// something from the index checks it.
func (x *Index) Err() error {
	var errs []error
	if x.cold != nil {
		x.cold.mu.Lock()
		errs = append(errs, x.cold.err)
		x.cold.mu.Unlock()
	}
	errs = append(errs, x.depSrc.failed(), x.pkgSrc.failed())
	return errors.Join(errs...)
}
