package solver

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// The binary pool cache: what a .solv file is to libsolv. Layout (all
// integers unsigned varints unless noted):
//
//	magic "NIMBUS-POOL\x01"
//	flags                      bit 0 Debian, bit 1 implicitobsoleteusescolors
//	nstrings, then each string as length + bytes (string 0 is "")
//	nrepos, then per repo: name, priority (zigzag), subpriority (zigzag),
//	  installed (0/1), nsolvables, then per solvable: name, evr, arch,
//	  vendor (string indexes), build time (zigzag), 9 dependency lists (provides, requires,
//	  prerequires, conflicts, obsoletes, recommends, suggests, supplements,
//	  enhances) each as a count and dependencies, then nfiles and files.
//	a dependency: kind byte 0 = plain (name, op byte, evr) or 1 = rich
//	  (op byte, nargs, args...)
const cacheMagic = "NIMBUS-POOL\x02"

// ErrBadCache wraps every decoding failure of ReadCache.
var ErrBadCache = errors.New("bad pool cache")

// WriteCache writes the pool in the binary cache format.
func (p *Pool) WriteCache(w io.Writer) error {
	strs := map[string]uint64{"": 0}
	list := []string{""}
	id := func(s string) uint64 {
		if i, ok := strs[s]; ok {
			return i
		}
		i := uint64(len(list))
		strs[s] = i
		list = append(list, s)
		return i
	}
	var body []byte
	u := func(v uint64) { body = binary.AppendUvarint(body, v) }
	var dep func(d Dep)
	var rich func(r *Rich)
	dep = func(d Dep) {
		if d.Rich != nil {
			body = append(body, 1)
			rich(d.Rich)
			return
		}
		body = append(body, 0)
		u(id(d.Name))
		body = append(body, byte(d.Op))
		u(id(d.EVR))
	}
	rich = func(r *Rich) {
		body = append(body, byte(r.Op))
		if r.Op == RichAtom {
			dep(r.Atom)
			return
		}
		u(uint64(len(r.Args)))
		for _, a := range r.Args {
			rich(a)
		}
	}
	u(uint64(len(p.Repos)))
	for _, r := range p.Repos {
		u(id(r.Name))
		body = binary.AppendVarint(body, int64(r.Priority))
		body = binary.AppendVarint(body, int64(r.SubPriority))
		if r == p.Installed {
			u(1)
		} else {
			u(0)
		}
		u(uint64(len(r.Solvables)))
		for _, sid := range r.Solvables {
			s := p.solvables[sid]
			u(id(s.Name))
			u(id(s.EVR))
			u(id(s.Arch))
			u(id(s.Vendor))
			body = binary.AppendVarint(body, s.BuildTime)
			for _, l := range s.depLists() {
				u(uint64(len(*l)))
				for _, d := range *l {
					dep(d)
				}
			}
			u(uint64(len(s.Files)))
			for _, f := range s.Files {
				u(id(f))
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
	bw.Write(hdr)
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
	err  error
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
			buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+1))
			_, err := buf.ReadFrom(r)
			return buf.Bytes(), err
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
	raw, err := readAllSized(r)
	if err != nil {
		return fmt.Errorf("reading pool cache: %w", err)
	}
	if len(raw) == 0 {
		return fmt.Errorf("%w: empty", ErrBadCache)
	}
	// The strings of the pool point into the one buffer: raw is never
	// written again, so it can back them without a second copy.
	data := unsafe.String(&raw[0], len(raw))
	if len(data) < len(cacheMagic) || data[:len(cacheMagic)] != cacheMagic {
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
	if c.err == nil {
		target := p
		if target == nil {
			target = repoFor("", false).pool // AddCache: the repo's own pool
		}
		target.reserve(len(c.strs))
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
		for k := 0; k < n && c.err == nil; k++ {
			s := &Solvable{Name: c.str(), EVR: c.str(), Arch: c.str(), Vendor: c.str()}
			s.BuildTime = c.varint()
			for _, l := range s.depLists() {
				m := c.count()
				if m > 0 {
					*l = make([]Dep, 0, m)
				}
				for d := 0; d < m && c.err == nil; d++ {
					*l = append(*l, c.dep(0))
				}
			}
			nf := c.count()
			for f := 0; f < nf && c.err == nil; f++ {
				s.Files = append(s.Files, c.str())
			}
			if c.err == nil {
				repo.Add(s)
			}
		}
	}
	if c.err == nil && c.off != len(data) {
		c.fail("%d trailing bytes", len(data)-c.off)
	}
	return c.err
}
