package cache

import (
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
type Builder struct {
	pool    []byte
	offs    []uint32 // string i is pool[offs[i]:offs[i+1]]
	table   []uint32 // 0: empty, else id+1
	seed    maphash.Seed
	pkgs    []pkgRec
	deps    []DepRef
	files   []FileRef
	err     error
	scratch []byte
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	b := &Builder{seed: maphash.MakeSeed(), table: make([]uint32, 1<<12), offs: []uint32{0}, pool: make([]byte, 0, 1<<16)}
	b.id("") // StrID 0 is the empty string
	return b
}

func (b *Builder) str(id StrID) string {
	lo, hi := b.offs[id], b.offs[id+1]
	if lo == hi {
		return ""
	}
	return unsafe.String(&b.pool[lo], int(hi-lo))
}

// lookup finds s (given as bytes or string) in the table: its id, or the empty slot.
func (b *Builder) lookup(h uint64, eq func(StrID) bool) (StrID, int, bool) {
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

func (b *Builder) insert(slot int, s []byte, str string) StrID {
	if len(b.offs) >= math.MaxUint32-1 || len(b.pool)+len(s)+len(str) > math.MaxUint32 {
		b.err = fmt.Errorf("string pool exceeds the cache format")
		return 0
	}
	id := StrID(len(b.offs) - 1)
	b.pool = append(b.pool, s...)
	b.pool = append(b.pool, str...)
	b.offs = append(b.offs, uint32(len(b.pool)))
	b.table[slot] = uint32(id) + 1
	if 2*len(b.offs) > len(b.table) {
		b.grow()
	}
	return id
}

func (b *Builder) grow() {
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

// Reserve sizes the builder for about n packages (primary.xml's packages="N"), from the
// averages of real repositories, so the arrays do not grow by copying. n is capped: it
// comes from the document and is only a hint.
func (b *Builder) Reserve(n int) {
	n = min(n, 100_000)
	if n <= 0 {
		return
	}
	b.pkgs = slices.Grow(b.pkgs, n)
	b.deps = slices.Grow(b.deps, 26*n)
	b.files = slices.Grow(b.files, 14*n)
	b.pool = slices.Grow(b.pool, 220*n)
	b.offs = slices.Grow(b.offs, 8*n)
	for len(b.table) < 16*n {
		b.grow()
	}
}

// Intern returns the pooled copy of s (a repomd.Interner).
func (b *Builder) Intern(s []byte) string {
	return b.str(b.idBytes(s))
}

func (b *Builder) idBytes(s []byte) StrID {
	id, slot, ok := b.lookup(maphash.Bytes(b.seed, s), func(id StrID) bool { return b.str(id) == string(s) })
	if ok {
		return id
	}
	return b.insert(slot, s, "")
}

func (b *Builder) id(s string) StrID {
	id, slot, ok := b.lookup(maphash.String(b.seed, s), func(id StrID) bool { return b.str(id) == s })
	if ok {
		return id
	}
	return b.insert(slot, nil, s)
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
		arch: b.id(p.Arch), location: b.id(locationOf(p)), checksum: b.id(p.PkgID),
		checksumType: b.id(p.ChecksumType), summary: b.id(p.Summary), sourceRPM: b.id(p.SourceRPM),
		size: p.SizePackage, installed: p.SizeInstall, buildTime: p.TimeBuild,
	}
	for k := dep.Requires; k <= dep.Enhances; k++ {
		for _, d := range p.Deps[k] {
			f := repomd.ParseFlags(d.Flags)
			if d.Pre {
				f |= dep.ScriptPre
			}
			b.deps = append(b.deps, DepRef{Name: b.id(d.Name), EVR: b.evrID(&d), Flags: f})
		}
		r.depEnd[k-1] = uint32(len(b.deps))
	}
	for _, f := range p.Files {
		t := uint8(FileRegular)
		switch f.Type {
		case "dir":
			t = FileDir
		case "ghost":
			t = FileGhost
		}
		b.files = append(b.files, FileRef{Path: b.id(f.Path), Type: t})
	}
	r.fileEnd = uint32(len(b.files))
	if len(b.deps) > math.MaxUint32 || len(b.files) > math.MaxUint32 {
		b.err = fmt.Errorf("too many dependencies or files for the cache format")
	}
	b.pkgs = append(b.pkgs, r)
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
	pool := ""
	if len(b.pool) > 0 {
		pool = unsafe.String(&b.pool[0], len(b.pool))
	}
	x := &Index{key: key, pool: pool, offs: make([]byte, 0, 4*len(b.offs)),
		pkgs: make([]byte, 0, pkgRecSize*len(b.pkgs)), deps: make([]byte, 0, depRecSize*len(b.deps)),
		files: make([]byte, 0, fileRecSize*len(b.files))}
	for _, o := range b.offs {
		x.offs = le.AppendUint32(x.offs, o)
	}
	b.offs = nil
	for i := range b.pkgs {
		x.pkgs = appendPkg(x.pkgs, &b.pkgs[i])
	}
	b.pkgs = nil
	for _, d := range b.deps {
		x.deps = le.AppendUint32(le.AppendUint32(le.AppendUint32(x.deps, uint32(d.Name)), uint32(d.EVR)), uint32(d.Flags))
	}
	b.deps = nil
	for _, f := range b.files {
		x.files = append(le.AppendUint32(x.files, uint32(f.Path)), f.Type)
	}
	*b = Builder{}
	return x, nil
}

// appendPkg appends the encoded form of r (pkgRecSize bytes, the f* layout).
func appendPkg(b []byte, r *pkgRec) []byte {
	for _, id := range [...]StrID{r.name, r.epoch, r.version, r.release, r.arch, r.location, r.checksum, r.checksumType, r.summary, r.sourceRPM, r.vendor} {
		b = le.AppendUint32(b, uint32(id))
	}
	b = le.AppendUint64(b, uint64(r.size))
	b = le.AppendUint64(b, uint64(r.installed))
	b = le.AppendUint64(b, uint64(r.buildTime))
	for _, e := range r.depEnd {
		b = le.AppendUint32(b, e)
	}
	return le.AppendUint32(b, r.fileEnd)
}
