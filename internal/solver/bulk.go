package solver

import "github.com/nimbus-linux/nimbus/internal/evr"

// A Bulk adds many solvables to a repository from a source that numbers its own strings
// (a binary index: internal/repo/cache): each distinct string is interned into the pool
// once and each distinct dependency once, instead of once per use as Repo.Add does. The
// solvables are added exactly as given: no self-provide is added.
type Bulk struct {
	r    *Repo
	str  func(uint32) string
	strs []int32 // source string id -> pool string id + 1 (0: not seen yet)
	deps map[bulkDep]int32
	rich map[uint32]int32 // source string id of a rich expression -> pool dependency id
}

type bulkDep struct {
	name, evr uint32
	op        evr.Op
}

// NewBulk returns a Bulk for strings numbered 0..n-1, str returning each.
func (r *Repo) NewBulk(n int, str func(uint32) string) *Bulk {
	return &Bulk{r: r, str: str, strs: make([]int32, n), deps: map[bulkDep]int32{}, rich: map[uint32]int32{}}
}

// Str returns the pool's id of source string id.
func (b *Bulk) Str(id uint32) int32 {
	if int(id) >= len(b.strs) {
		return b.r.pool.intern("")
	}
	if v := b.strs[id]; v != 0 {
		return v - 1
	}
	v := b.r.pool.intern(b.str(id))
	b.strs[id] = v + 1
	return v
}

// Dep returns the pool's id of the plain dependency name op evr (source string ids).
func (b *Bulk) Dep(name, evrID uint32, op evr.Op) int32 {
	k := bulkDep{name, evrID, op}
	if v, ok := b.deps[k]; ok {
		return v
	}
	p := b.r.pool
	p.ensureDepIdx()
	n, e := b.Str(name), b.Str(evrID)
	t := p.depIdx
	id := t.slots[t.slot(p.depTab, n, e, op)]
	if id == 0 {
		p.parsedID(e)
		p.depTab = append(p.depTab, depRec{name: n, evrS: e, op: op})
		id = int32(len(p.depTab) - 1)
		t.put(p.depTab, id)
	}
	b.deps[k] = id
	return id
}

// Rich returns the pool's id of the rich dependency whose expression is source string expr,
// parsing it with parse the first time; ok is false when parse fails.
func (b *Bulk) Rich(expr uint32, parse func(string) (*Rich, bool)) (int32, bool) {
	if v, ok := b.rich[expr]; ok {
		return v, v >= 0
	}
	r, ok := parse(b.str(expr))
	if !ok {
		b.rich[expr] = -1
		return -1, false
	}
	p := b.r.pool
	p.depTab = append(p.depTab, depRec{rich: p.addRich(r)})
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
	r, p := b.r, b.r.pool
	rec := &solv{Repo: r, BuildTime: buildTime}
	rec.id = ID(len(p.solvables))
	rec.name, rec.arch, rec.vendor = b.Str(name), b.Str(arch), b.Str(vendor)
	rec.evr = p.parsed(evrS)
	rec.lists[0] = int32(len(p.depData))
	for k := range l.Deps {
		p.depData = append(p.depData, l.Deps[k]...)
		rec.lists[k+1] = int32(len(p.depData))
	}
	for _, f := range l.Files {
		p.depData = append(p.depData, b.Str(f))
	}
	rec.lists[nLists] = int32(len(p.depData))
	p.solvables = append(p.solvables, rec)
	r.Solvables = append(r.Solvables, rec.id)
	p.ready = false
	return rec.id
}
