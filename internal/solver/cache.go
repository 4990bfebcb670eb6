package solver

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// The binary pool cache: what a .solv file is to libsolv. Layout (all
// integers unsigned varints unless noted):
//
//	magic "NIMBUS-POOL\x03"
//	flags                      bit 0 Debian, bit 1 implicitobsoleteusescolors
//	nstrings, then each string as length + bytes (string 0 is "")
//	ndeps, then each dependency: kind byte 0 = plain (name, op byte, evr
//	  as string indexes) or 1 = rich (op byte, nargs, args...; an atom
//	  is a plain dependency inline)
//	nrefs: how many list entries follow in all (to size the arrays)
//	nrepos, then per repo: name, priority (zigzag), subpriority (zigzag),
//	  installed (0/1), nsolvables, then per solvable: name, evr, arch,
//	  vendor (string indexes), build time (zigzag), then 10 lists (provides,
//	  requires, prerequires, conflicts, obsoletes, recommends, suggests,
//	  supplements, enhances as dependency indexes; files as string
//	  indexes), each a count and the indexes.
//
// Dependencies are stored once and referred to by index, as the pool
// keeps them, so loading allocates nothing per dependency. Version 2 (each
// dependency inline in every list) is no longer read: rebuild the cache.
const cacheMagic = "NIMBUS-POOL\x03"

// ErrBadCache wraps every decoding failure of ReadCache.
var ErrBadCache = errors.New("bad pool cache")

// WriteCache writes the pool in the binary cache format.
func (p *Pool) WriteCache(w io.Writer) error {
	strs := map[int32]uint64{0: 0}
	list := []string{""}
	sid := func(pid int32) uint64 {
		if i, ok := strs[pid]; ok {
			return i
		}
		i := uint64(len(list))
		strs[pid] = i
		list = append(list, p.strList[pid])
		return i
	}
	sidStr := func(s string) uint64 { return sid(p.intern(s)) }
	deps := map[int32]uint64{}
	var depBody, body []byte
	var rich func(r *Rich)
	plain := func(d Dep) {
		depBody = append(depBody, 0)
		depBody = binary.AppendUvarint(depBody, sidStr(d.Name))
		depBody = append(depBody, byte(d.Op))
		depBody = binary.AppendUvarint(depBody, sidStr(d.EVR))
	}
	rich = func(r *Rich) {
		depBody = append(depBody, byte(r.Op))
		if r.Op == RichAtom {
			plain(r.Atom)
			return
		}
		depBody = binary.AppendUvarint(depBody, uint64(len(r.Args)))
		for _, a := range r.Args {
			rich(a)
		}
	}
	did := func(id int32) uint64 {
		if i, ok := deps[id]; ok {
			return i
		}
		i := uint64(len(deps))
		deps[id] = i
		r := &p.depTab[id]
		if r.rich != 0 {
			depBody = append(depBody, 1)
			rich(p.richTab[r.rich])
		} else {
			depBody = append(depBody, 0)
			depBody = binary.AppendUvarint(depBody, sid(r.name))
			depBody = append(depBody, byte(r.op))
			depBody = binary.AppendUvarint(depBody, sid(r.evrS))
		}
		return i
	}
	u := func(v uint64) { body = binary.AppendUvarint(body, v) }
	var nrefs uint64
	for _, r := range p.Repos {
		for _, id := range r.Solvables {
			s := p.solvables[id]
			nrefs += uint64(s.lists[nLists] - s.lists[0])
		}
	}
	u(nrefs)
	u(uint64(len(p.Repos)))
	for _, r := range p.Repos {
		u(sidStr(r.Name))
		body = binary.AppendVarint(body, int64(r.Priority))
		body = binary.AppendVarint(body, int64(r.SubPriority))
		if r == p.Installed {
			u(1)
		} else {
			u(0)
		}
		u(uint64(len(r.Solvables)))
		for _, id := range r.Solvables {
			s := p.solvables[id]
			u(sid(s.name))
			u(sidStr(s.evrStr()))
			u(sid(s.arch))
			u(sidStr(s.vendorStr()))
			body = binary.AppendVarint(body, s.BuildTime)
			for k := depKind(0); k < nLists; k++ {
				ids := s.ids(k)
				u(uint64(len(ids)))
				for _, x := range ids {
					if k == kFiles {
						u(sid(x))
					} else {
						u(did(x))
					}
				}
			}
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(cacheMagic)
	var hdr []byte
	var flags uint64
	if p.Debian {
		flags |= 1
	}
	if p.ImplicitObsoleteUsesColors {
		flags |= 2
	}
	hdr = binary.AppendUvarint(hdr, flags)
	hdr = binary.AppendUvarint(hdr, uint64(len(list)))
	for _, s := range list {
		hdr = binary.AppendUvarint(hdr, uint64(len(s)))
		hdr = append(hdr, s...)
	}
	hdr = binary.AppendUvarint(hdr, uint64(len(deps)))
	bw.Write(hdr)
	bw.Write(depBody)
	bw.Write(body)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing pool cache: %w", err)
	}
	return nil
}

func (s *Solvable) depLists() [9]*[]Dep {
	return [9]*[]Dep{&s.Provides, &s.Requires, &s.PreRequires, &s.Conflicts, &s.Obsoletes,
		&s.Recommends, &s.Suggests, &s.Supplements, &s.Enhances}
}

type cacheReader struct {
	data string
	off  int
	strs []string
	sids []int32 // the pool's ids of strs
	err  error
}

// sid reads a string index and returns the pool's id of the string.
func (c *cacheReader) sid() int32 {
	i := c.uvarint()
	if i >= uint64(len(c.sids)) {
		c.fail("string index %d out of range", i)
		return 0
	}
	return c.sids[i]
}

func (c *cacheReader) fail(format string, a ...any) {
	if c.err == nil {
		c.err = fmt.Errorf("%w: %s at offset %d", ErrBadCache, fmt.Sprintf(format, a...), c.off)
	}
}

func (c *cacheReader) uvarint() uint64 {
	if c.err != nil {
		return 0
	}
	var x uint64
	var s uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if c.off >= len(c.data) {
			c.fail("truncated")
			return 0
		}
		b := c.data[c.off]
		c.off++
		if b < 0x80 {
			return x | uint64(b)<<s
		}
		x |= uint64(b&0x7f) << s
		s += 7
	}
	c.fail("varint overflow")
	return 0
}

func (c *cacheReader) varint() int64 {
	u := c.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x
}

func (c *cacheReader) byte1() byte {
	if c.err != nil || c.off >= len(c.data) {
		c.fail("truncated")
		return 0
	}
	b := c.data[c.off]
	c.off++
	return b
}

// count reads a length and checks it against what the input could hold.
func (c *cacheReader) count() int {
	n := c.uvarint()
	if n > uint64(len(c.data)-c.off) {
		c.fail("count %d larger than the input", n)
		return 0
	}
	return int(n)
}

func (c *cacheReader) str() string {
	i := c.uvarint()
	if i >= uint64(len(c.strs)) {
		c.fail("string index %d out of range", i)
		return ""
	}
	return c.strs[i]
}

const maxRichDepth = 64

func (c *cacheReader) dep(depth int) Dep {
	switch c.byte1() {
	case 0:
		d := Dep{Name: c.str()}
		d.Op = evr.Op(c.byte1()) & (OpLess | OpGreater | OpEqual)
		d.EVR = c.str()
		return d
	case 1:
		return Dep{Rich: c.rich(depth + 1)}
	}
	c.fail("bad dependency kind")
	return Dep{}
}

func (c *cacheReader) rich(depth int) *Rich {
	if depth > maxRichDepth {
		c.fail("rich dependency nested too deeply")
		return &Rich{Op: RichAtom}
	}
	op := RichOp(c.byte1())
	if op > RichWithout {
		c.fail("bad rich operator %d", op)
		return &Rich{Op: RichAtom}
	}
	r := &Rich{Op: op}
	if op == RichAtom {
		r.Atom = c.dep(depth)
		if r.Atom.Rich != nil {
			c.fail("rich atom holds a rich dependency")
		}
		return r
	}
	n := c.count()
	min := 2
	if op == RichIf || op == RichUnless {
		if n != 2 && n != 3 {
			c.fail("if/unless with %d operands", n)
			return &Rich{Op: RichAtom}
		}
	} else if n < min {
		c.fail("%d operands", n)
		return &Rich{Op: RichAtom}
	}
	for i := 0; i < n && c.err == nil; i++ {
		r.Args = append(r.Args, c.rich(depth+1))
	}
	return r
}

// readAllSized is io.ReadAll that sizes its buffer once when r knows its
// size (an *os.File does), instead of doubling its way up to it.
func readAllSized(r io.Reader) ([]byte, error) {
	type stater interface {
		Stat() (fs.FileInfo, error)
	}
	if st, ok := r.(stater); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && fi.Size() < 1<<34 {
			// Read exactly the file's size, then check for more: a
			// bytes.Buffer would grow (double) its full buffer to make
			// room for the final read that finds EOF.
			buf := make([]byte, fi.Size())
			n, err := io.ReadFull(r, buf)
			switch {
			case err == io.ErrUnexpectedEOF: // shrank since Stat
				return buf[:n], nil
			case err != nil:
				return nil, err
			}
			var one [1]byte
			if m, _ := r.Read(one[:]); m == 0 {
				return buf, nil
			}
			// grew since Stat: read the rest the slow way
			rest, err := io.ReadAll(r)
			return append(append(buf, one[0]), rest...), err
		}
	}
	return io.ReadAll(r)
}

// ReadCache reads a pool written by WriteCache. Corrupt input yields an
// error wrapping ErrBadCache, never a panic.
func ReadCache(r io.Reader) (*Pool, error) {
	p := NewPool()
	err := readCache(r, p, func(name string, installed bool) *Repo {
		repo := p.NewRepo(name, 0)
		if installed {
			p.Installed = repo
		}
		return repo
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// AddCache adds every package of a pool cache to repo.
func (r *Repo) AddCache(rd io.Reader) error {
	return readCache(rd, nil, func(string, bool) *Repo { return r })
}

func readCache(r io.Reader, p *Pool, repoFor func(name string, installed bool) *Repo) error {
	// A reader that hands its whole contents over (fsutil.MappedReader: a read-only
	// file mapping) is used in place, and told to Drop its resident pages once read
	// through; anything else is read into memory.
	var raw []byte
	mapped := false
	if c, ok := r.(interface{ Contents() []byte }); ok {
		raw, mapped = c.Contents(), true
	}
	if !mapped {
		var err error
		if raw, err = readAllSized(r); err != nil {
			return fmt.Errorf("reading pool cache: %w", err)
		}
	}
	if len(raw) == 0 {
		return fmt.Errorf("%w: empty", ErrBadCache)
	}
	// The strings of the pool point into the one buffer (a read-only
	// mapping of the file when r is one): raw is never written, so it can
	// back them without a second copy.
	data := unsafe.String(&raw[0], len(raw))
	if len(data) < len(cacheMagic) || data[:len(cacheMagic)] != cacheMagic {
		if len(data) >= len(cacheMagic) && data[:len(cacheMagic)-1] == cacheMagic[:len(cacheMagic)-1] {
			return fmt.Errorf("%w: format version %d, this Nimbus reads version %d: rebuild the cache",
				ErrBadCache, data[len(cacheMagic)-1], cacheMagic[len(cacheMagic)-1])
		}
		return fmt.Errorf("%w: missing magic", ErrBadCache)
	}
	c := &cacheReader{data: data, off: len(cacheMagic)}
	flags := c.uvarint()
	ns := c.count()
	c.strs = make([]string, 0, ns)
	for i := 0; i < ns && c.err == nil; i++ {
		l := c.count()
		if c.err != nil {
			break
		}
		c.strs = append(c.strs, data[c.off:c.off+l])
		c.off += l
	}
	if p != nil {
		p.Debian = flags&1 != 0
		p.ImplicitObsoleteUsesColors = flags&2 != 0
	}
	if c.err != nil {
		return c.err
	}
	target := p
	if target == nil {
		target = repoFor("", false).pool // AddCache: the repo's own pool
	}
	target.reserve(len(c.strs))
	// the cache's strings and dependencies as the pool's ids
	c.sids = make([]int32, len(c.strs))
	fresh := len(target.strList) == 1 // only "": the cache's strings are all new
	for i, s := range c.strs {
		if fresh && i > 0 {
			// the writer stores each string once: no lookup needed
			id := int32(len(target.strList))
			target.strList = append(target.strList, s)
			target.strs.put(s, id)
			c.sids[i] = id
			continue
		}
		c.sids[i] = target.intern(s)
	}
	// The cache holds each dependency once: append them to the pool's
	// table as they are (an equal one already in the pool just gets a
	// second id) and let the index be rebuilt if more packages come.
	nd := c.count()
	dids := make([]int32, 0, nd)
	target.depTab = slices.Grow(target.depTab, nd)
	target.depIdx = nil
	for i := 0; i < nd && c.err == nil; i++ {
		switch c.byte1() {
		case 0:
			r := depRec{name: c.sid()}
			r.op = evr.Op(c.byte1()) & (OpLess | OpGreater | OpEqual)
			r.evrS = c.sid()
			target.parsedID(r.evrS)
			target.depTab = append(target.depTab, r)
		case 1:
			rd := c.rich(1)
			target.depTab = append(target.depTab, depRec{rich: target.addRich(rd)})
		default:
			c.fail("bad dependency kind")
		}
		dids = append(dids, int32(len(target.depTab)-1))
	}
	if nrefs := c.count(); c.err == nil {
		target.depData = slices.Grow(target.depData, nrefs)
	}
	nr := c.count()
	for i := 0; i < nr && c.err == nil; i++ {
		name := c.str()
		pr, sp := c.varint(), c.varint()
		if pr < math.MinInt32 || pr > math.MaxInt32 || sp < math.MinInt32 || sp > math.MaxInt32 {
			c.fail("priority out of range")
		}
		installed := c.uvarint() == 1
		if c.err != nil {
			break
		}
		repo := repoFor(name, installed)
		if p != nil {
			repo.Priority, repo.SubPriority = int(pr), int(sp)
		}
		n := c.count()
		pl := repo.pool
		if n > (len(data)-c.off)/15 { // a solvable takes at least 15 bytes
			c.fail("%d solvables cannot fit in the input", n)
			break
		}
		recs := make([]solv, n) // one allocation for the repository's records
		pl.solvables = slices.Grow(pl.solvables, n)
		repo.Solvables = slices.Grow(repo.Solvables, n)
		for k := 0; k < n && c.err == nil; k++ {
			nameID, evrID, archID, vendID := c.sid(), c.sid(), c.sid(), c.sid()
			s := &recs[k]
			s.vendor = vendID
			s.BuildTime = c.varint()
			s.lists[0] = int32(len(pl.depData))
			for l := depKind(0); l < nLists && c.err == nil; l++ {
				m := c.count()
				for d := 0; d < m && c.err == nil; d++ {
					x := c.uvarint()
					if l == kFiles {
						if x >= uint64(len(c.sids)) {
							c.fail("string index %d out of range", x)
							break
						}
						pl.depData = append(pl.depData, c.sids[x])
						continue
					}
					if x >= uint64(len(dids)) {
						c.fail("dependency index %d out of range", x)
						break
					}
					pl.depData = append(pl.depData, dids[x])
				}
				s.lists[l+1] = int32(len(pl.depData))
			}
			if c.err != nil {
				break
			}
			repo.addInterned(s, nameID, evrID, archID)
		}
	}
	if c.err == nil && c.off != len(data) {
		c.fail("%d trailing bytes", len(data)-c.off)
	}
	if d, ok := r.(interface{ Drop() }); ok && mapped {
		d.Drop() // read through: the mapping's resident pages go back to the kernel
	}
	return c.err
}
