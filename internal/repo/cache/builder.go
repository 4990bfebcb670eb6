package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Builder collects packages into an Index. Its Intern method can be handed to the
// repomd readers so that each distinct string is stored once, in the pool, while parsing.
//
// Interning uses its own open-addressing table of string ids over the pool bytes rather
// than a Go map: no per-string allocation, a quarter of the memory, and the pool itself
// becomes the index's pool without a copy. Strings returned by Intern point into the pool
// (which is only ever appended to, so they stay valid and unchanged).
//
// The strings of the fields only a package's download and display need (location,
// checksum, checksum type, summary, source rpm: "cold") are interned apart from the
// others ("hot": names, versions, architectures, vendors, dependencies, files) and follow
// them in the pool, so that a loaded index can leave them on disk (Load).
type Builder struct {
	interner             // the hot strings
	cold     interner    // the cold strings (ids counted from 0 here, after the hot ones in the index)
	pkgs     section     // encoded package records (pkgRecSize bytes each)
	deps     section     // encoded dependency records (depRecSize)
	files    section     // encoded file records (fileRecSize)
	text     *textWriter // the text file, written by a spilling Builder (NewFileBuilder)
	err      error
	scratch  []byte
	rec      []byte
}

// interner is one string pool and its hash table.
type interner struct {
	pool   []byte   // the pool's bytes from offset base on (the whole pool unless chunked)
	offs   []uint32 // string i is the pool's bytes offs[i]:offs[i+1]
	base   uint32   // pool offset of pool[0]
	chunks [][]byte // a chunked pool's earlier chunks (filled: never written or moved again)
	starts []uint32 // pool offset of each of chunks
	chunk  int      // chunk size of a chunked pool (NewFileBuilder), 0: one growing array
	table  []uint32 // 0: empty, else id+1
	seed   maphash.Seed
	err    error
}

func newInterner() interner {
	in := interner{seed: maphash.MakeSeed(), table: make([]uint32, 1<<12), offs: []uint32{0}, pool: make([]byte, 0, 1<<12)}
	in.id("") // StrID 0 is the empty string
	return in
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{interner: newInterner(), cold: newInterner()}
}

func (b *interner) str(id StrID) string {
	lo, hi := b.offs[id], b.offs[id+1]
	if lo == hi {
		return ""
	}
	if lo >= b.base {
		return unsafe.String(&b.pool[lo-b.base], int(hi-lo))
	}
	i := len(b.starts) - 1
	for b.starts[i] > lo {
		i--
	}
	return unsafe.String(&b.chunks[i][lo-b.starts[i]], int(hi-lo))
}

// poolLen is the pool's size in bytes.
func (b *interner) poolLen() int { return int(b.base) + len(b.pool) }

// count is the number of strings.
func (b *interner) count() int { return len(b.offs) - 1 }

// pieces returns the pool's bytes as strings, in order.
func (b *interner) pieces() []string {
	var out []string
	for _, c := range append(b.chunks[:len(b.chunks):len(b.chunks)], b.pool) {
		if len(c) > 0 {
			out = append(out, unsafe.String(&c[0], len(c)))
		}
	}
	return out
}

// lookup finds s (given as bytes or string) in the table: its id, or the empty slot.
func (b *interner) lookup(h uint64, eq func(StrID) bool) (StrID, int, bool) {
	mask := uint64(len(b.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		v := b.table[i]
		if v == 0 {
			return 0, int(i), false
		}
		if eq(StrID(v - 1)) {
			return StrID(v - 1), int(i), true
		}
	}
}

func (b *interner) insert(slot int, s []byte, str string) StrID {
	n := len(s) + len(str)
	if len(b.offs) >= math.MaxUint32/2 || b.poolLen()+n > math.MaxUint32/2 {
		b.err = fmt.Errorf("string pool exceeds the cache format")
		return 0
	}
	if b.chunk > 0 && len(b.pool)+n > cap(b.pool) {
		// a new chunk: the strings already handed out stay where they are, and the pool
		// never holds two copies of itself while growing
		if len(b.pool) > 0 {
			b.chunks, b.starts = append(b.chunks, b.pool), append(b.starts, b.base)
			b.base += uint32(len(b.pool))
		}
		// chunks double up to b.chunk: a small repository's strings (a few KB) do not
		// allocate a whole chunk
		b.pool = make([]byte, 0, max(min(b.chunk, 2*cap(b.pool)), n))
	}
	id := StrID(len(b.offs) - 1)
	b.pool = append(b.pool, s...)
	b.pool = append(b.pool, str...)
	b.offs = append(b.offs, uint32(b.poolLen()))
	b.table[slot] = uint32(id) + 1
	if 2*len(b.offs) > len(b.table) {
		b.grow()
	}
	return id
}

func (b *interner) grow() {
	old := b.table
	b.table = make([]uint32, 2*len(old))
	mask := uint64(len(b.table) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		h := maphash.String(b.seed, b.str(StrID(v-1)))
		i := h & mask
		for b.table[i] != 0 {
			i = (i + 1) & mask
		}
		b.table[i] = v
	}
}

// reserve sizes the interner for about n strings of size bytes in all.
func (b *interner) reserve(n, size int) {
	if b.chunk == 0 {
		b.pool = slices.Grow(b.pool, size)
	}
	b.offs = slices.Grow(b.offs, n)
	for len(b.table) < 2*n {
		b.grow()
	}
}

// Reserve sizes the builder for about n packages (primary.xml's packages="N"), from the
// averages of real repositories, so the arrays do not grow by copying. n is capped: it
// comes from the document and is only a hint.
func (b *Builder) Reserve(n int) {
	n = min(n, 100_000)
	if n <= 0 {
		return
	}
	b.pkgs.reserve(pkgRecSize * n)
	b.deps.reserve(depRecSize * 26 * n)
	b.files.reserve(fileRecSize * 14 * n)
	b.interner.reserve(6*n, 60*n)
	b.cold.reserve(3*n, 180*n)
}

// Intern returns the pooled copy of s (a repomd.Interner).
func (b *Builder) Intern(s []byte) string {
	return b.str(b.idBytes(s))
}

func (b *interner) idBytes(s []byte) StrID {
	id, slot, ok := b.lookup(maphash.Bytes(b.seed, s), func(id StrID) bool { return b.str(id) == string(s) })
	if ok {
		return id
	}
	return b.insert(slot, s, "")
}

func (b *interner) id(s string) StrID {
	id, slot, ok := b.lookup(maphash.String(b.seed, s), func(id StrID) bool { return b.str(id) == s })
	if ok {
		return id
	}
	return b.insert(slot, nil, s)
}

// coldID interns a cold field's string; its id is marked (coldBit) until the number of
// hot strings is known (finishPkg). The empty string is the hot StrID 0.
func (b *Builder) coldID(s string) StrID {
	if s == "" {
		return 0
	}
	return coldBit | b.cold.id(s)
}

// coldBit marks a cold string id in the Builder's package records.
const coldBit = StrID(1 << 31)

// coldFields are the offsets of the cold fields in a package record.
var coldFields = [...]int{fLocation, fChecksum, fChecksumType, fSummary, fSourceRPM}

// finishPkg turns the cold string ids of an encoded package record into index ids (after
// the hot strings).
func finishPkg(rec []byte, hot uint32) {
	for _, f := range coldFields {
		if v := binary.LittleEndian.Uint32(rec[f:]); v&uint32(coldBit) != 0 {
			binary.LittleEndian.PutUint32(rec[f:], v&^uint32(coldBit)+hot)
		}
	}
}

// locationOf is the package's location: relative to the repository, or, when primary.xml
// gives <location xml:base="URL">, the absolute URL (the package is served from there).
func locationOf(p *repomd.Package) string {
	if p.LocationBase == "" {
		return p.Location
	}
	return strings.TrimSuffix(p.LocationBase, "/") + "/" + strings.TrimPrefix(p.Location, "/")
}

// Add appends a package (its primary data, and the files it carries).
func (b *Builder) Add(p *repomd.Package) {
	r := pkgRec{
		name: b.id(p.Name), epoch: b.id(p.Epoch), version: b.id(p.Version), release: b.id(p.Release),
		arch: b.id(p.Arch), location: b.coldID(locationOf(p)), checksum: b.coldID(p.PkgID),
		checksumType: b.coldID(p.ChecksumType), summary: b.coldID(p.Summary), sourceRPM: b.coldID(p.SourceRPM),
		size: p.SizePackage, installed: p.SizeInstall, buildTime: p.TimeBuild,
	}
	for k := dep.Requires; k <= dep.Enhances; k++ {
		for _, d := range p.Deps[k] {
			f := repomd.ParseFlags(d.Flags)
			if d.Pre {
				f |= dep.ScriptPre
			}
			b.addDep(b.id(d.Name), b.evrID(&d), f)
		}
		r.depEnd[k-1] = uint32(b.deps.n / depRecSize)
	}
	for _, f := range p.Files {
		t := uint8(FileRegular)
		switch f.Type {
		case "dir":
			t = FileDir
		case "ghost":
			t = FileGhost
		}
		b.addFile(b.id(f.Path), t)
	}
	r.fileEnd = uint32(b.files.n / fileRecSize)
	if b.text != nil {
		b.text.add(p.License, p.URL, p.Description, p.Packager)
	}
	b.addPkg(&r)
}

// addDep, addFile and addPkg append one encoded record to their section.
func (b *Builder) addDep(name, evr StrID, f dep.Flags) {
	b.deps.write(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(b.rec[:0], uint32(name)), uint32(evr)), uint32(f)))
}

func (b *Builder) addFile(path StrID, t uint8) {
	b.files.write(append(binary.LittleEndian.AppendUint32(b.rec[:0], uint32(path)), t))
}

func (b *Builder) addPkg(r *pkgRec) {
	if b.deps.n/depRecSize > math.MaxUint32 || b.files.n/fileRecSize > math.MaxUint32 {
		b.err = fmt.Errorf("too many dependencies or files for the cache format")
	}
	b.rec = appendPkg(b.rec[:0], r)
	b.pkgs.write(b.rec)
	if b.pkgs.err != nil || b.deps.err != nil || b.files.err != nil || b.interner.err != nil || b.cold.err != nil {
		b.err = errors.Join(b.pkgs.err, b.deps.err, b.files.err, b.interner.err, b.cold.err)
	}
}

// evrID interns d's [epoch:]version[-release] without allocating when it is known.
func (b *Builder) evrID(d *repomd.Dep) StrID {
	if d.Epoch == "" && d.Release == "" {
		return b.id(d.Version)
	}
	s := b.scratch[:0]
	if d.Epoch != "" {
		s = append(append(s, d.Epoch...), ':')
	}
	s = append(s, d.Version...)
	if d.Release != "" {
		s = append(append(s, '-'), d.Release...)
	}
	b.scratch = s
	return b.idBytes(s)
}

// Index finishes the build; key records what it was built from. The Builder must not be
// used afterwards.
func (b *Builder) Index(key string) (*Index, error) {
	if b.err != nil {
		return nil, b.err
	}
	if b.pkgs.f != nil {
		return nil, fmt.Errorf("cache: a spilling Builder is finished with WriteFile, not Index")
	}
	hot := uint32(b.count())
	for i := 0; i < len(b.pkgs.buf); i += pkgRecSize {
		finishPkg(b.pkgs.buf[i:i+pkgRecSize], hot)
	}
	pool := strings.Join(append(b.pieces(), b.cold.pieces()...), "")
	x := &Index{key: key, pool: pool, hot: int(hot), offs: b.encodeOffs(), pkgs: b.pkgs.buf, npkg: b.pkgs.n / pkgRecSize, deps: b.deps.buf, ndep: b.deps.n / depRecSize, files: b.files.buf}
	x.nstr = len(x.offs)/4 - 1
	*b = Builder{}
	return x, nil
}

// encodeOffs returns the string offsets in the file's form: the hot strings', then the
// cold ones' after them.
func (b *Builder) encodeOffs() []byte {
	out := make([]byte, 0, 4*(len(b.offs)+len(b.cold.offs)-1))
	for _, o := range b.offs {
		out = binary.LittleEndian.AppendUint32(out, o)
	}
	base := uint32(b.poolLen())
	for _, o := range b.cold.offs[1:] {
		out = binary.LittleEndian.AppendUint32(out, base+o)
	}
	return out
}

// appendPkg appends the encoded form of r (pkgRecSize bytes, the f* layout).
func appendPkg(b []byte, r *pkgRec) []byte {
	for _, id := range [...]StrID{r.name, r.epoch, r.version, r.release, r.arch, r.location, r.checksum, r.checksumType, r.summary, r.sourceRPM, r.vendor} {
		b = binary.LittleEndian.AppendUint32(b, uint32(id))
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(r.size))
	b = binary.LittleEndian.AppendUint64(b, uint64(r.installed))
	b = binary.LittleEndian.AppendUint64(b, uint64(r.buildTime))
	for _, e := range r.depEnd {
		b = binary.LittleEndian.AppendUint32(b, e)
	}
	return binary.LittleEndian.AppendUint32(b, r.fileEnd)
}
