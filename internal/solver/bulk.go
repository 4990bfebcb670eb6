package solver

import (
	"slices"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// A Bulk adds many solvables to a repository from a source that numbers its own strings
// (a binary index: internal/repo/cache): each distinct string is interned into the pool
// once, through a flat array from the source's string ids, and each dependency goes
// straight into the pool's dependency table (no map, no intermediate Solvable or Dep).
// The solvables are added exactly as given: no self-provide is added.
type Bulk struct {
	r    *Repo
	str  func(uint32) string
	src  int // the pool's source of strings 0..srcN-1 (SetSource), -1 none
	srcN int
	n    int              // source string ids are 0..n-1
	strs []int32          // source string id -> pool string id + 1 (0: not seen yet); grown up to the highest id seen
	rich map[uint32]int32 // source string id of a rich expression -> pool dependency id (-1: malformed)
	slab []solv           // records reserved for the next solvables
}

// NewBulk returns a Bulk for strings numbered 0..n-1, str returning each.
//
// Nothing is sized for n until Reserve: n should count only the strings
// the solvables can use (a package manager's index numbers its summaries,
// descriptions and locations too, after the strings a pool interns:
// Builder's hot strings; internal/repo/cache passes the hot ones only).
func (r *Repo) NewBulk(n int, str func(uint32) string) *Bulk {
	return &Bulk{r: r, str: str, n: max(n, 0), src: -1}
}

// SetSource says that source strings 0..n-1 are src's: the pool keeps a string it
// interns from there as a 4-byte reference to its number instead of a 16-byte
// string header (unless it owns its strings: OwnStrings). src must give the same
// strings as str and stay unchanged for the pool's life.
func (b *Bulk) SetSource(src StrSource, n int) {
	p := b.r.pool
	if p.OwnStrings || n <= 0 || n > maxSrcID+1 || len(src.Offs) < 4*(n+1) {
		return
	}
	if i := p.strList.addSource(src); i >= 0 {
		b.src, b.srcN = i, n
	}
}

// growTo returns a with room for index id (id < n), zeros added.
func growTo(a []int32, id uint32, n int) []int32 {
	if int(id) < len(a) {
		return a
	}
	m := min(max(int(id)+1, 2*len(a), 1024), n)
	return append(a, make([]int32, m-len(a))...)
}

// Reserve makes room for n more solvables with items list entries (dependencies and
// files) in all, so that the pool's arrays are allocated once, at their size.
func (b *Bulk) Reserve(n, items int) {
	if n <= 0 || items < 0 || n > 1<<24 || items > 1<<28 {
		return
	}
	p := b.r.pool
	p.solvables = slices.Grow(p.solvables, n)
	b.r.Solvables = slices.Grow(b.r.Solvables, n)
	// room for a self-provide a package (added by callers that add one)
	p.depData = slices.Grow(p.depData, items+n)
	// about 3 strings a package and 2 distinct dependencies in 5 uses (Debian's
	// 63k packages as a testcase index: 137k strings, 172k dependencies of
	// 465k uses; as a package manager's index: 190k, 207k of 487k)
	if b.src >= 0 {
		p.strList.grow(0, true) // references from here on
	}
	p.reserve(min(b.n, 3*n+items/64))
	p.depTab = slices.Grow(p.depTab, items*9/20+n) // and a self-provide a package
	b.slab = make([]solv, 0, n)
	if b.n <= 4*(n+items) {
		b.strs = make([]int32, b.n) // at its size: no growth garbage
	}
}

// Str returns the pool's id of source string id.
func (b *Bulk) Str(id uint32) int32 {
	if int(id) >= b.n {
		return b.r.pool.intern("")
	}
	b.strs = growTo(b.strs, id, b.n)
	if v := b.strs[id]; v != 0 {
		return v - 1
	}
	var v int32
	if b.src >= 0 && int(id) < b.srcN {
		v = b.r.pool.internFrom(b.str(id), b.src, id)
	} else {
		v = b.r.pool.intern(b.str(id))
	}
	b.strs[id] = v + 1
	return v
}

// Dep returns the pool's id of the plain dependency name op evr (source string ids).
func (b *Bulk) Dep(name, evrID uint32, op evr.Op) int32 {
	p := b.r.pool
	n, e := b.Str(name), b.Str(evrID)
	if p.depIdx == nil {
		p.ensureDepIdx()
	}
	t := p.depIdx
	i := t.slot(p.depTab, n, e, op)
	if id := t.slots[i]; id != 0 {
		return id
	}
	p.depTab = append(p.depTab, mkDep(n, e, op))
	id := int32(len(p.depTab) - 1)
	t.insertAt(p.depTab, i, id)
	return id
}

// Rich returns the pool's id of the rich dependency whose expression is source string expr,
// parsing it with parse the first time; ok is false when parse fails.
func (b *Bulk) Rich(expr uint32, parse func(string) (*Rich, bool)) (int32, bool) {
	if int(expr) >= b.n {
		return -1, false
	}
	if b.rich == nil {
		b.rich = map[uint32]int32{}
	}
	if v, ok := b.rich[expr]; ok {
		return v, v >= 0
	}
	r, ok := parse(b.str(expr))
	if !ok {
		b.rich[expr] = -1
		return -1, false
	}
	p := b.r.pool
	p.depTab = append(p.depTab, richRec(p.addRich(r)))
	id := int32(len(p.depTab) - 1)
	b.rich[expr] = id
	return id, true
}

// BulkLists are a solvable's dependency lists as pool dependency ids (Dep, Rich), in the
// order Provides, Requires, PreRequires, Conflicts, Obsoletes, Recommends, Suggests,
// Supplements, Enhances, and its files as source string ids.
type BulkLists struct {
	Deps  [9][]int32
	Files []uint32
}

// Add adds one solvable (name, arch and vendor as source string ids).
func (b *Bulk) Add(name uint32, evrS string, arch, vendor uint32, buildTime int64, l *BulkLists) ID {
	n, a, v := b.Str(name), b.Str(arch), b.Str(vendor)
	return b.add(n, b.r.pool.intern(evrS), a, v, buildTime, l)
}

// AddEVR is Add with the version as a source string id.
func (b *Bulk) AddEVR(name, evrID, arch, vendor uint32, buildTime int64, l *BulkLists) ID {
	n, a, v := b.Str(name), b.Str(arch), b.Str(vendor)
	return b.add(n, b.Str(evrID), a, v, buildTime, l)
}

// add adds one solvable (name, version, arch and vendor as pool string ids).
func (b *Bulk) add(name, evrID, arch, vendor int32, buildTime int64, l *BulkLists) ID {
	r, p := b.r, b.r.pool
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]solv, 0, 256)
	}
	b.slab = append(b.slab, solv{Repo: r, BuildTime: buildTime})
	rec := &b.slab[len(b.slab)-1]
	rec.id = ID(len(p.solvables))
	rec.name, rec.arch, rec.vendor = name, arch, vendor
	rec.evr = evrID
	var bounds [nLists + 1]int32
	bounds[0] = int32(len(p.depData))
	for k := range l.Deps {
		p.depData = append(p.depData, l.Deps[k]...)
		bounds[k+1] = int32(len(p.depData))
	}
	for _, f := range l.Files {
		p.depData = append(p.depData, b.Str(f))
	}
	bounds[nLists] = int32(len(p.depData))
	rec.setLists(p, &bounds)
	p.solvables = append(p.solvables, rec)
	r.Solvables = append(r.Solvables, rec.id)
	p.ready = false
	return rec.id
}
