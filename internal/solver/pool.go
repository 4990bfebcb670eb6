package solver

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// ID names a solvable in a pool; ids start at 1 and 0 means none.
type ID = int32

// Solvable is one package: what callers build and hand to Repo.Add, and
// what Pool.Solvable hands back.
type Solvable struct {
	Name, EVR, Arch, Vendor string
	Repo                    *Repo
	// BuildTime (seconds since the epoch, 0 if unknown) tells two
	// packages of the same name, version and arch apart: when both carry
	// one, they are the same package exactly when the build times agree.
	BuildTime int64
	// NoSelfProvide keeps Repo.Add from adding the "name = evr" provide:
	// libsolv's testtags version 3 files list every provide themselves.
	NoSelfProvide bool

	// The dependency lists and files are the construction API: Repo.Add
	// interns them into the pool's flat arrays and clears them. Pool.Solvable
	// hands out a Solvable with them filled in again; Pool.Peek one without
	// (read them with Deps and FileList).
	Provides, Requires, Conflicts, Obsoletes    []Dep
	Recommends, Suggests, Supplements, Enhances []Dep
	PreRequires                                 []Dep // Requires(pre); treated as Requires
	Files                                       []string
	id                                          ID
	rec                                         *solv // the pool's record, once added
}

// solv is the pool's own record of a package: the scalar fields and the
// positions of its interned lists, without the construction slices.
//
// It holds no strings: name, arch, vendor and version are string ids of
// the pool (nameStr and the like read them; the version's parsed form is
// the pool's evrOf(evr)), and its lists are one run of depData: list k is
// depData[first+start(k):first+ends[k]], with start(0) = 0 and start(k) =
// ends[k-1]. A package whose lists hold more than 65,535 ids in all keeps
// its bounds in the pool's bigLists instead (ends unused). 64 bytes a
// package (it was 96: a pointer to the parsed version, one to the public
// view, now the pool's pubs, and eleven int32 bounds).
type solv struct {
	Repo                    *Repo
	BuildTime               int64
	name, arch, vendor, evr int32 // interned
	id                      ID
	first                   int32
	ends                    [nLists]uint16
	disabled, big           bool
}

func (s *solv) nameStr() string   { return s.Repo.pool.str(s.name) }
func (s *solv) evrStr() string    { return s.Repo.pool.str(s.evr) }
func (s *solv) archStr() string   { return s.Repo.pool.str(s.arch) }
func (s *solv) vendorStr() string { return s.Repo.pool.str(s.vendor) }

// pe is the parsed form of s's version.
func (s *solv) pe() parsedEVR { return s.Repo.pool.evrOf(s.evr) }

// span returns the bounds of list k in the pool's depData.
func (s *solv) span(k depKind) (lo, hi int32) {
	if s.big {
		b := s.Repo.pool.bigLists[s.id]
		return b[k], b[k+1]
	}
	if k > 0 {
		lo = int32(s.ends[k-1])
	}
	return s.first + lo, s.first + int32(s.ends[k])
}

// setLists records the bounds of s's lists, bounds[k]:bounds[k+1] being
// list k in depData.
func (s *solv) setLists(p *Pool, bounds *[nLists + 1]int32) {
	s.first = bounds[0]
	if bounds[nLists]-bounds[0] > 0xffff {
		s.big = true
		if p.bigLists == nil {
			p.bigLists = map[ID]*[nLists + 1]int32{}
		}
		b := *bounds
		p.bigLists[s.id] = &b
		return
	}
	for k := range s.ends {
		s.ends[k] = uint16(bounds[k+1] - bounds[0])
	}
}

func (s *solv) String() string {
	if s.archStr() == "" {
		return s.nameStr() + "-" + s.evrStr()
	}
	return s.nameStr() + "-" + s.evrStr() + "." + s.archStr()
}

func (s *solv) NEVRA() string { return s.String() + "@" + s.Repo.Name }

// depKind names the interned lists of a solvable, in cache order.
type depKind uint8

const (
	kProv depKind = iota
	kReq
	kPreReq
	kCon
	kObs
	kRec
	kSug
	kSup
	kEnh
	kFiles
	nLists
)

// depRec is one interned dependency: pointer-free (the version's parsed
// form is evrOf(evrS()), a rich tree richTab[evrS()] when name is -1), so the
// collector never scans the table. 8 bytes: the operator (its three
// comparison bits, evr.Op's 1<<1..1<<3) shares a word with the version's
// string id (12 bytes until issue 18's solvmem4 branch; Debian's 172k
// dependencies: 2.1 -> 1.4 MB).
type depRec struct {
	name int32  // string id; -1: a rich dependency
	ev   uint32 // version string id (or richTab index) | operator bits << evShift
}

const (
	evShift = 28
	evMask  = 1<<evShift - 1
)

// mkDep is the depRec of name op evrS. The pool's string ids and rich trees
// stay far below 1<<28 (a pool holds at most 1<<24 packages: Repo.Reserve).
func mkDep(name, evrS int32, op evr.Op) depRec {
	return depRec{name: name, ev: uint32(evrS)&evMask | uint32(op&(evr.Less|evr.Greater|evr.Equal))>>1<<evShift}
}

// evrS is the version's string id (a rich dependency: its index in richTab).
func (r *depRec) evrS() int32 { return int32(r.ev & evMask) }

// op is the comparison operator, 0 for none.
func (r *depRec) op() evr.Op { return evr.Op(r.ev>>evShift) << 1 }

// rich is the index of a rich dependency's tree in richTab, 0 for a plain one.
func (r *depRec) rich() int32 {
	if r.name < 0 {
		return r.evrS()
	}
	return 0
}

// richRec is the depRec of the rich tree richTab[i].
func richRec(i int32) depRec { return mkDep(-1, i, 0) }

// depTable maps plain dependencies to their ids in depTab: open
// addressing over int32 slots (the id, 0 empty) that compare against the
// table itself, so it stores no keys (4 bytes a slot instead of a Go map's
// 16-byte entry, and no map growth garbage on a big load).
type depTable struct {
	slots []int32
	n     int
	seed  uint64
}

func (t *depTable) hash(name, e int32, op evr.Op) uint64 {
	// murmur3's finaliser over the seeded ids
	h := (uint64(uint32(name)) | uint64(uint32(e))<<32) ^ t.seed
	h ^= uint64(op) * 0x9e3779b97f4a7c15
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// slot returns the position of the plain dependency (name, e, op) in
// t.slots: its id's slot, or the empty slot where it would go.
func (t *depTable) slot(tab []depRec, name, e int32, op evr.Op) int {
	mask := uint64(len(t.slots) - 1)
	for i := t.hash(name, e, op) & mask; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 {
			return int(i)
		}
		if r := &tab[v]; r.name == name && r.ev == mkDep(name, e, op).ev {
			return int(i)
		}
	}
}

// put indexes tab[id] (a plain dependency); an equal one already indexed
// gives way to it, as a map assignment would.
func (t *depTable) put(tab []depRec, id int32) {
	if !roomFor(t.n+1, len(t.slots)) {
		t.grow(tab, t.n+1)
	}
	r := &tab[id]
	i := t.slot(tab, r.name, r.evrS(), r.op())
	if t.slots[i] == 0 {
		t.n++
	}
	t.slots[i] = id
}

// insertAt indexes tab[id], a plain dependency not indexed yet whose empty slot i
// slot returned (no second probe), and grows the table once it is 3/4 full.
func (t *depTable) insertAt(tab []depRec, i int, id int32) {
	t.slots[i] = id
	t.n++
	if !roomFor(t.n+1, len(t.slots)) {
		t.grow(tab, t.n+1)
	}
}

// grow makes room for n dependencies (tableSize).
func (t *depTable) grow(tab []depRec, n int) {
	if roomFor(n, len(t.slots)) {
		return
	}
	size := tableSize(n)
	old := t.slots
	t.slots = make([]int32, size)
	for _, v := range old {
		if v != 0 {
			r := &tab[v]
			t.slots[t.slot(tab, r.name, r.evrS(), r.op())] = v
		}
	}
}

// ID returns the solvable's id in its pool.
func (s *Solvable) ID() ID { return s.id }

// String is libsolv's "name-evr.arch" form.
func (s *Solvable) String() string {
	if s.Arch == "" {
		return s.Name + "-" + s.EVR
	}
	return s.Name + "-" + s.EVR + "." + s.Arch
}

// NEVRA is String with "@repo" appended, the form testcases print.
func (s *Solvable) NEVRA() string { return s.String() + "@" + s.Repo.Name }

// Repo is a named set of solvables with a priority (higher wins) and a
// sub-priority used only to order otherwise equal candidates.
type Repo struct {
	Name        string
	Priority    int
	SubPriority int
	Solvables   []ID
	pool        *Pool
}

// Pool holds every solvable the solver may reason about.
type Pool struct {
	solvables []*solv // index 0 unused
	Repos     []*Repo
	Installed *Repo

	// ImplicitObsoleteUsesColors lets packages of the same name but
	// different architecture colours (x86_64 and i686) coexist.
	ImplicitObsoleteUsesColors bool
	// ObsoleteUsesProvides makes Obsoletes match provides, not only names.
	ObsoleteUsesProvides bool
	// NoObsoletesMultiversion makes obsoletes of multiversion packages void.
	NoObsoletesMultiversion bool
	// WhatProvidesWithDisabled keeps disabled packages in the provides
	// index (they still cannot be installed).
	WhatProvidesWithDisabled bool
	// OwnStrings makes the pool copy every string it interns into its own
	// arena instead of keeping the caller's: for text mapped from a file
	// whose pages are given back as it is read (a testcase's inline
	// repository, a mapped index), so that the pool does not hold the whole
	// file resident. Owned strings also cost less: 5-6 bytes each beside
	// their bytes, where a kept string is a 16-byte header (strStore).
	OwnStrings bool
	// Debian selects dpkg's version semantics (libsolv's disttype deb):
	// full version comparison and unversioned provides that satisfy only
	// unversioned dependencies.
	Debian bool

	strs    strTable
	arena   strArena
	strList strStore         // string id -> string
	arch    map[int32]uint32 // arch id -> score (colour<<16 | rank); 1 = noarch
	noArch  bool             // no architecture policy: every arch is fine

	depTab  []depRec  // interned dependencies; 0 unused
	richTab []*Rich   // rich trees of depTab; 0 unused
	depIdx  *depTable // plain dependency -> id (dropped once indexed, rebuilt on demand)
	depData []int32   // every solvable's lists, back to back

	bigLists map[ID]*[nLists + 1]int32 // list bounds of packages with over 65,535 ids (solv.big)
	pubs     map[ID]*Solvable          // the public views handed out by Solvable, made once per id

	// the provides index, in CSR form over string ids: the providers of
	// name n are provData[provStart[n]:provStart[n+1]]; likewise the
	// packages named n and the packages holding file n
	provStart, nameStart, fileStart []int32
	provData                        []provEntry
	nameData, fileData              []ID
	ready                           bool
}

// provEntry is one provide in the index; pointer-free, so the collector
// never scans the index. 8 bytes: the version's string id and the operator
// packed as in the provide's depRec (12 bytes until issue 18's solvmem4 branch).
type provEntry struct {
	p  ID
	ev uint32 // the provide's depRec.ev
}

// evr is the string id of the provided version (parsed: evrOf).
func (e *provEntry) evr() int32 { return int32(e.ev & evMask) }

// op is the provide's operator, 0 for an unversioned one.
func (e *provEntry) op() evr.Op { return evr.Op(e.ev>>evShift) << 1 }

// NewPool returns an empty pool without an architecture policy.
func NewPool() *Pool {
	p := &Pool{strList: strStore{ext: []string{""}}, solvables: []*solv{nil}, noArch: true, depTab: []depRec{{}}, richTab: []*Rich{nil}}
	p.strs.grow(&p.strList, 1)
	p.strs.put("", 0)
	return p
}

// reserve sizes the string table for about n more strings, so that a big
// load does not rehash over and over.
func (p *Pool) reserve(n int) {
	p.strs.grow(&p.strList, p.strList.len()+n)
	p.strList.grow(n, p.OwnStrings)
}

// The open-addressing tables (strTable, depTable) hold at most 3/4 as many
// entries as slots, in a power of two of slots. At most 1/2 was the rule
// until issue 18's solvmem4 branch: with the rounding up to a power of two
// it made Debian's 137k strings and 172k dependencies 512k and 1M slots
// (2 and 4 MB, 27% and 17% full); now 256k and 512k, which linear probing
// still finds in one or two probes. A table grown as it fills is 3/8 to 3/4
// full.

// roomFor reports whether a table of size slots may hold n entries.
func roomFor(n, size int) bool { return 4*n <= 3*size }

// tableSize is the slots of a table made for n entries: the smallest power
// of two (64 at least) that holds them.
func tableSize(n int) int {
	size := 64
	for !roomFor(n, size) {
		size *= 2
	}
	return size
}

// strTable maps strings to their ids in strList: open addressing over
// int32 slots (id+1, 0 empty), 4 bytes a slot instead of a Go map's
// string key per entry.
type strTable struct {
	slots []int32
	n     int
	seed  maphash.Seed
}

func (t *strTable) find(list *strStore, s string) (int32, bool) {
	id, _, ok := t.findSlot(list, s)
	return id, ok
}

// findSlot returns s's id, or the empty slot where it would go (-1 in an empty table).
func (t *strTable) findSlot(list *strStore, s string) (id int32, slot int, ok bool) {
	if len(t.slots) == 0 {
		return 0, -1, false
	}
	mask := uint64(len(t.slots) - 1)
	for i := maphash.String(t.seed, s) & mask; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 {
			return 0, int(i), false
		}
		if list.get(v-1) == s {
			return v - 1, int(i), true
		}
	}
}

// grow makes room for n strings of list (tableSize).
func (t *strTable) grow(list *strStore, n int) {
	if roomFor(n, len(t.slots)) {
		return
	}
	size := tableSize(n)
	old := t.slots
	t.slots, t.n = make([]int32, size), 0
	if t.seed == (maphash.Seed{}) {
		t.seed = maphash.MakeSeed()
	}
	for _, v := range old {
		if v != 0 {
			t.put(list.get(v-1), v-1)
		}
	}
}

func (t *strTable) put(s string, id int32) {
	mask := uint64(len(t.slots) - 1)
	i := maphash.String(t.seed, s) & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = id + 1
	t.n++
}

// strArena holds copies of strings back to back, in chunks that are never
// moved or written again: the atoms of rich trees the pool owns (OwnStrings;
// the interned strings are in strList's own chunks).
type strArena struct{ chunk []byte }

func (a *strArena) copy(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > 4<<10 {
		return strings.Clone(s)
	}
	if cap(a.chunk)-len(a.chunk) < len(s) {
		a.chunk = make([]byte, 0, 64<<10)
	}
	n := len(a.chunk)
	a.chunk = append(a.chunk, s...)
	return unsafe.String(&a.chunk[n], len(s))
}

// lookup returns the id of an interned string.
func (p *Pool) lookup(s string) (int32, bool) { return p.strs.find(&p.strList, s) }

// str returns string id.
func (p *Pool) str(id int32) string { return p.strList.get(id) }

// parsed returns the parsed form of an EVR string (not interned).
func (p *Pool) parsed(s string) parsedEVR { return parseEVR(s) }

// evrOf is the parsed form of string id as a version. Versions are split
// where they are compared, not kept split: the split is two byte scans, cheap
// beside the comparison, and a table of split versions (one per version
// string, each holding its string) was 4 MB of the pool of Debian's 63k
// packages, live to the end of a command.
func (p *Pool) evrOf(id int32) parsedEVR { return parseEVR(p.str(id)) }

func (p *Pool) intern(s string) int32 { return p.internFrom(s, -1, 0) }

// internFrom is intern for s, string i of the strList source src (-1: none).
func (p *Pool) internFrom(s string, src int, i uint32) int32 {
	id, slot, ok := p.strs.findSlot(&p.strList, s)
	if ok {
		return id
	}
	id = int32(p.strList.len())
	if src >= 0 {
		p.strList.addFrom(src, i)
	} else {
		p.strList.add(s, p.OwnStrings)
	}
	if t := &p.strs; slot >= 0 && roomFor(t.n+1, len(t.slots)) {
		t.slots[slot] = id + 1 // where find stopped: no second probe
		t.n++
		return id
	}
	p.strs.grow(&p.strList, p.strList.len())
	p.strs.put(p.str(id), id)
	return id
}

// archPolicies follows libsolv's: ':' starts a new colour (an arch change),
// '>' stays in the same colour at a lower rank.
var archPolicies = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"x86_64":  "x86_64:i686:i586:i486:i386",
		"i686":    "i686:i586:i486:i386",
		"i586":    "i586:i486:i386",
		"i486":    "i486:i386",
		"i386":    "i386",
		"aarch64": "aarch64",
		"amd64":   "amd64:i386",
		"arm64":   "arm64",
		"noarch":  "",
	}
}}

// SetArch installs the architecture policy of a machine: packages of
// other architectures are not installable; "" or "unset" removes the policy.
func (p *Pool) SetArch(machine string) error {
	if machine == "" || machine == "unset" {
		p.noArch, p.arch = true, nil
		return nil
	}
	pol, ok := archPolicies.Get()[machine]
	if !ok {
		pol = machine
	}
	p.noArch = false
	p.arch = map[int32]uint32{p.intern("noarch"): 1, p.intern("all"): 1, p.intern("any"): 1}
	colour, rank := uint32(1), uint32(2)
	i := 0
	for i < len(pol) {
		j := strings.IndexAny(pol[i:], ":>")
		name := pol[i:]
		sep := byte(0)
		if j >= 0 {
			name, sep = pol[i:i+j], pol[i+j]
			i += j + 1
		} else {
			i = len(pol)
		}
		p.arch[p.intern(name)] = colour<<16 | rank
		rank++
		if sep == ':' {
			colour++
		}
	}
	return nil
}

// archScore is 0 for an incompatible arch, 1 for noarch, else colour<<16|rank
// where a lower rank is better.
func (p *Pool) archScore(s *solv) uint32 {
	if p.noArch {
		if s.archStr() == "src" || s.archStr() == "nosrc" {
			return 0
		}
		return 1
	}
	return p.arch[s.arch]
}

// NewRepo adds an empty repository.
func (p *Pool) NewRepo(name string, priority int) *Repo {
	r := &Repo{Name: name, Priority: priority, pool: p}
	p.Repos = append(p.Repos, r)
	p.ready = false
	return r
}

// Add appends s to the repository and returns its id. The solvable's
// self-provide "name = evr" is added when missing. The pool keeps its own
// compact record: s's dependency lists and files are interned and cleared,
// and Pool.Solvable returns a new Solvable for the id.
func (r *Repo) Add(s *Solvable) ID {
	p := r.pool
	rec := &solv{Repo: r, BuildTime: s.BuildTime}
	rec.id = ID(len(p.solvables))
	rec.name = p.intern(s.Name)
	rec.arch = p.intern(s.Arch)
	rec.vendor = p.intern(s.Vendor)
	rec.evr = p.intern(s.EVR)
	self := false
	for _, d := range s.Provides {
		if d.Rich == nil && d.Name == s.Name && d.Op == OpEqual && d.EVR == s.EVR {
			self = true
			break
		}
	}
	if !self && !s.NoSelfProvide && s.Arch != "src" && s.Arch != "nosrc" {
		s.Provides = append(s.Provides, Dep{Name: s.Name, Op: OpEqual, EVR: s.EVR})
	}
	// intern the lists and let go of the construction slices
	var bounds [nLists + 1]int32
	bounds[0] = int32(len(p.depData))
	for k, l := range s.depLists() {
		for _, d := range *l {
			p.depData = append(p.depData, p.internDep(d))
		}
		*l = nil
		bounds[k+1] = int32(len(p.depData))
	}
	for _, f := range s.Files {
		p.depData = append(p.depData, p.intern(f))
	}
	s.Files = nil
	bounds[nLists] = int32(len(p.depData))
	rec.setLists(p, &bounds)
	s.Repo, s.id, s.rec = r, rec.id, rec
	p.solvables = append(p.solvables, rec)
	r.Solvables = append(r.Solvables, rec.id)
	p.ready = false
	return rec.id
}

// Solvable returns the solvable with id, or nil, with its dependency
// lists and files filled in (made once per id and kept; not safe to call
// concurrently with itself).
func (p *Pool) Solvable(id ID) *Solvable {
	if !p.valid(id) {
		return nil
	}
	if s := p.pubs[id]; s != nil {
		return s
	}
	rec := p.solvables[id]
	s := rec.view()
	for k, l := range s.depLists() {
		*l = rec.depSlice(depKind(k))
	}
	s.Files = rec.files()
	if p.pubs == nil {
		p.pubs = map[ID]*Solvable{}
	}
	p.pubs[id] = s
	return s
}

// view is a Solvable for rec without its lists.
func (rec *solv) view() *Solvable {
	return &Solvable{Name: rec.nameStr(), EVR: rec.evrStr(), Arch: rec.archStr(), Vendor: rec.vendorStr(), Repo: rec.Repo,
		BuildTime: rec.BuildTime, id: rec.id, rec: rec}
}

// Peek returns the solvable with id (or nil) without filling in its
// dependency fields: read them with Deps and FileList. Cheaper than
// Solvable for code that only needs names or walks the whole pool.
func (p *Pool) Peek(id ID) *Solvable {
	if !p.valid(id) {
		return nil
	}
	if s := p.pubs[id]; s != nil {
		return s
	}
	return p.solvables[id].view()
}

func (p *Pool) valid(id ID) bool { return id > 0 && int(id) < len(p.solvables) }

func (p *Pool) solvableOrNil(id ID) *solv {
	if !p.valid(id) {
		return nil
	}
	return p.solvables[id]
}

func (p *Pool) ensureDepIdx() {
	if p.depIdx != nil {
		return
	}
	t := &depTable{seed: uint64(rand.Int64())}
	// sized for the dependencies reserved (Repo.Reserve), not only those in
	t.grow(p.depTab, cap(p.depTab))
	for i := 1; i < len(p.depTab); i++ {
		if p.depTab[i].name >= 0 {
			t.put(p.depTab, int32(i))
		}
	}
	p.depIdx = t
}

// Reserve makes room for about n more packages with deps dependencies in
// all, so that a big load does not grow the pool's arrays step by step.
func (r *Repo) Reserve(n, deps int) {
	p := r.pool
	if n <= 0 || deps < 0 || n > 1<<24 || deps > 1<<28 {
		return
	}
	p.solvables = slices.Grow(p.solvables, n)
	r.Solvables = slices.Grow(r.Solvables, n)
	p.depData = slices.Grow(p.depData, deps)
	p.depTab = slices.Grow(p.depTab, deps/4)
	p.reserve(deps / 2)
}

// addInterned adds a solvable whose lists are already in depData.
func (r *Repo) addInterned(s *solv, name, evrID, arch int32) ID {
	p := r.pool
	s.Repo = r
	s.id = ID(len(p.solvables))
	s.name, s.arch = name, arch
	s.evr = evrID
	p.solvables = append(p.solvables, s)
	r.Solvables = append(r.Solvables, s.id)
	p.ready = false
	return s.id
}

// internDep returns the id of a dependency, adding it when new.
func (p *Pool) internDep(d Dep) int32 {
	if d.Rich != nil {
		p.depTab = append(p.depTab, richRec(p.addRich(d.Rich)))
		return int32(len(p.depTab) - 1)
	}
	p.ensureDepIdx()
	name, e := p.intern(d.Name), p.intern(d.EVR)
	t := p.depIdx
	i := t.slot(p.depTab, name, e, d.Op)
	if v := t.slots[i]; v != 0 {
		return v
	}
	p.depTab = append(p.depTab, mkDep(name, e, d.Op))
	id := int32(len(p.depTab) - 1)
	t.insertAt(p.depTab, i, id)
	return id
}

func (p *Pool) addRich(r *Rich) int32 {
	if p.OwnStrings {
		p.ownRich(r)
	}
	p.richTab = append(p.richTab, r)
	return int32(len(p.richTab) - 1)
}

// ownRich points the atoms of r at the pool's copies of their strings.
func (p *Pool) ownRich(r *Rich) {
	if r == nil {
		return
	}
	r.Atom.Name, r.Atom.EVR = p.arena.copy(r.Atom.Name), p.arena.copy(r.Atom.EVR)
	for _, a := range r.Args {
		p.ownRich(a)
	}
}

// dep returns an interned dependency (without allocating).
func (p *Pool) dep(id int32) Dep {
	r := &p.depTab[id]
	if r.name < 0 {
		return Dep{Rich: p.richTab[r.evrS()]}
	}
	return Dep{Name: p.str(r.name), Op: r.op(), EVR: p.str(r.evrS())}
}

// ids returns the interned ids of one of s's lists.
func (s *solv) ids(k depKind) []int32 {
	lo, hi := s.span(k)
	return s.Repo.pool.depData[lo:hi]
}

// count is the length of one of s's lists.
func (s *solv) count(k depKind) int {
	lo, hi := s.span(k)
	return int(hi - lo)
}

// each ranges over one of s's dependency lists.
func (s *solv) each(k depKind) func(yield func(int, Dep) bool) {
	return func(yield func(int, Dep) bool) {
		p := s.Repo.pool
		for i, id := range s.ids(k) {
			if !yield(i, p.dep(id)) {
				return
			}
		}
	}
}

// eachID ranges over one of s's dependency lists with the ids.
func (s *solv) eachID(k depKind) func(yield func(int32, Dep) bool) {
	return func(yield func(int32, Dep) bool) {
		p := s.Repo.pool
		for _, id := range s.ids(k) {
			if !yield(id, p.dep(id)) {
				return
			}
		}
	}
}

// depSlice returns one of s's dependency lists as a new slice.
func (s *solv) depSlice(k depKind) []Dep {
	ids := s.ids(k)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Dep, len(ids))
	for i, id := range ids {
		out[i] = s.Repo.pool.dep(id)
	}
	return out
}

// files returns s's file list as a new slice.
func (s *solv) files() []string {
	ids := s.ids(kFiles)
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = s.Repo.pool.str(id)
	}
	return out
}

// Deps returns a copy of one of the solvable's dependency lists by its
// testcase tag ("Prv", "Req", "Prq", "Con", "Obs", "Rec", "Sug", "Sup",
// "Enh"), without filling in the public fields.
func (s *Solvable) Deps(tag string) []Dep {
	for k, t := range depTags {
		if t != tag {
			continue
		}
		if s.rec == nil {
			return append([]Dep(nil), *s.depLists()[k]...)
		}
		return s.rec.depSlice(depKind(k))
	}
	return nil
}

// FileList returns a copy of the solvable's file list.
func (s *Solvable) FileList() []string {
	if s.rec == nil {
		return append([]string(nil), s.Files...)
	}
	return s.rec.files()
}

var depTags = [...]string{"Prv", "Req", "Prq", "Con", "Obs", "Rec", "Sug", "Sup", "Enh"}

// NameArch returns package id's name and architecture ("" for an unknown id), without
// making a Solvable.
func (p *Pool) NameArch(id ID) (name, arch string) {
	if !p.valid(id) {
		return "", ""
	}
	s := p.solvables[id]
	return s.nameStr(), s.archStr()
}

// NumDeps is the length of package id's dependency list tag (a Deps tag), 0 for an unknown
// id or tag: a walk over every package can pass over those without one, no Solvable made.
func (p *Pool) NumDeps(id ID, tag string) int {
	if !p.valid(id) {
		return 0
	}
	for k, t := range depTags {
		if t == tag {
			return p.solvables[id].count(depKind(k))
		}
	}
	return 0
}

// Len is the number of solvables (the largest id).
func (p *Pool) Len() int { return len(p.solvables) - 1 }

// Disable makes a solvable invisible to the solver.
func (p *Pool) Disable(id ID) {
	if p.valid(id) {
		s := p.solvables[id]
		s.disabled = true
		p.ready = false
	}
}

// Enable undoes Disable (modular filtering changes when a module stream is enabled).
func (p *Pool) Enable(id ID) {
	if p.valid(id) {
		p.solvables[id].disabled = false
		p.ready = false
	}
}

// Disabled reports whether the package was disabled.
func (p *Pool) Disabled(id ID) bool { return p.valid(id) && p.solvables[id].disabled }

func (p *Pool) isInstalled(id ID) bool {
	return p.Installed != nil && p.solvables[id].Repo == p.Installed
}

// Installable reports whether a solvable may be installed at all (its arch
// fits the policy and it is not disabled).
func (p *Pool) Installable(id ID) bool {
	s := p.solvables[id]
	if s.Repo == p.Installed && p.Installed != nil {
		return true // a disabled installed package stays as it is
	}
	if s.disabled {
		return false
	}
	return p.archScore(s) != 0
}

// DropWhatProvides frees the provides index (for Debian's 63k packages
// about 5 MB: the providers, name and file runs and their starts over every
// string id); the next query that needs it builds it again
// (CreateWhatProvides, 10-20 ms there). The package manager calls it once
// its plan is made, so that the index is not live while the transaction
// runs. No Solver may be in use on the pool.
func (p *Pool) DropWhatProvides() {
	p.provStart, p.nameStart, p.fileStart = nil, nil, nil
	p.provData, p.nameData, p.fileData = nil, nil, nil
	p.ready = false
}

// CreateWhatProvides builds the provides index; the solver calls it when
// the pool changed.
func (p *Pool) CreateWhatProvides() {
	n := p.strList.len()
	// counts at [id+1]; each start array ends after the last id that has
	// entries (the readers check the length), and is nil when none has
	provCnt := make([]int32, n+1)
	nameCnt := make([]int32, n+1)
	var fileCnt []int32
	visible := func(s *solv) bool {
		return !s.disabled || p.WhatProvidesWithDisabled || p.Installed != nil && s.Repo == p.Installed
	}
	for _, s := range p.solvables[1:] {
		if !visible(s) {
			continue
		}
		nameCnt[s.name+1]++
		for _, id := range s.ids(kProv) {
			if r := &p.depTab[id]; r.name >= 0 {
				provCnt[r.name+1]++
			}
		}
		for _, f := range s.ids(kFiles) {
			if fileCnt == nil {
				fileCnt = make([]int32, n+1)
			}
			fileCnt[f+1]++
		}
	}
	p.provStart, p.provData = csrStarts(provCnt), nil
	p.nameStart, p.nameData = csrStarts(nameCnt), nil
	p.fileStart, p.fileData = csrStarts(fileCnt), nil
	if k := len(p.provStart); k > 0 {
		p.provData = make([]provEntry, p.provStart[k-1])
	}
	if k := len(p.nameStart); k > 0 {
		p.nameData = make([]ID, p.nameStart[k-1])
	}
	if k := len(p.fileStart); k > 0 {
		p.fileData = make([]ID, p.fileStart[k-1])
	}
	// fill each run from its start, moving the start along (start[id] ends
	// at the run's end, where start[id+1] began), then shift them back
	for _, s := range p.solvables[1:] {
		if !visible(s) {
			continue
		}
		p.nameData[p.nameStart[s.name]] = s.id
		p.nameStart[s.name]++
		for _, id := range s.ids(kProv) {
			r := &p.depTab[id]
			if r.name < 0 {
				continue
			}
			p.provData[p.provStart[r.name]] = provEntry{p: s.id, ev: r.ev}
			p.provStart[r.name]++
		}
		for _, f := range s.ids(kFiles) {
			p.fileData[p.fileStart[f]] = s.id
			p.fileStart[f]++
		}
	}
	for _, a := range [][]int32{p.provStart, p.nameStart, p.fileStart} {
		if len(a) > 0 {
			copy(a[1:], a[:len(a)-1])
			a[0] = 0
		}
	}
	p.depIdx = nil // rebuilt if more packages come
	p.trim()
	p.ready = true
}

// trim gives back what a load reserved beyond what it used: Bulk reserves
// the string list and table for every string of its source (a package
// manager's index has summaries, descriptions and locations the pool
// never interns) and the arrays grow by doubling.
func (p *Pool) trim() {
	p.strList.trim()
	if n := p.strList.len(); len(p.strs.slots) > tableSize(n) && len(p.strs.slots) > 1024 {
		p.strs.slots = nil
		p.strs.n = 0
		p.strs.grow(&p.strList, n)
		for i := range n {
			p.strs.put(p.str(int32(i)), int32(i))
		}
	}
	if n := len(p.depData); cap(p.depData)-n > n/4 {
		p.depData = slices.Clip(append([]int32(nil), p.depData...))
	}
	if n := len(p.depTab); cap(p.depTab)-n > n/4 {
		p.depTab = slices.Clip(append([]depRec(nil), p.depTab...))
	}
}

// csrStarts turns counts (the count of id at [id+1]) into the start of
// each id's run, cut after the last id with a run (nil when none has one):
// the runs of the ids past it are empty. It reuses cnt.
func csrStarts(cnt []int32) []int32 {
	last := len(cnt) - 1
	for last > 0 && cnt[last] == 0 {
		last--
	}
	if last == 0 {
		return nil
	}
	cnt = cnt[:last+1]
	for i := 1; i <= last; i++ {
		cnt[i] += cnt[i-1]
	}
	if cap(cnt)-len(cnt) > len(cnt)/4 {
		cnt = slices.Clip(append([]int32(nil), cnt...))
	}
	return cnt
}

// providers returns the provides index entries of a name.
func (p *Pool) providers(name string) []provEntry {
	n, ok := p.lookup(name)
	if !ok || int(n)+1 >= len(p.provStart) {
		return nil
	}
	return p.provData[p.provStart[n]:p.provStart[n+1]]
}

// named returns the visible packages with a name id, in id order.
func (p *Pool) named(n int32) []ID {
	if int(n)+1 >= len(p.nameStart) {
		return nil
	}
	return p.nameData[p.nameStart[n]:p.nameStart[n+1]]
}

func (p *Pool) fileOwners(name string) []ID {
	n, ok := p.lookup(name)
	if !ok || int(n)+1 >= len(p.fileStart) {
		return nil
	}
	return p.fileData[p.fileStart[n]:p.fileStart[n+1]]
}

// WhatProvides returns the solvables providing a plain dependency, in id
// order without duplicates. Rich dependencies are not plain: use the rules.
func (p *Pool) WhatProvides(d Dep) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	var out []ID
	if d.Rich != nil {
		return nil
	}
	if entries := p.providers(d.Name); len(entries) > 0 {
		var revr parsedEVR
		if d.Op != 0 {
			revr = parseEVR(d.EVR)
		}
		for _, e := range entries {
			if d.Op == 0 || p.overlap(e.op(), p.evrOf(e.evr()), d.Op, revr) {
				if len(out) == 0 || out[len(out)-1] != e.p {
					out = append(out, e.p)
				}
			}
		}
	}
	if d.Op == 0 && strings.HasPrefix(d.Name, "/") {
		if fs := p.fileOwners(d.Name); len(fs) > 0 {
			out = append(out, fs...)
			sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
			out = dedupIDs(out)
		}
	}
	return out
}

// whatProvidesID is WhatProvides for an interned plain dependency, with
// its version already parsed.
func (p *Pool) whatProvidesID(id int32) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	r := &p.depTab[id]
	if r.name < 0 {
		return nil
	}
	var out []ID
	var revr parsedEVR
	if r.op() != 0 {
		revr = p.evrOf(r.evrS())
	}
	if int(r.name)+1 < len(p.provStart) {
		for _, e := range p.provData[p.provStart[r.name]:p.provStart[r.name+1]] {
			if r.op() == 0 || p.overlap(e.op(), p.evrOf(e.evr()), r.op(), revr) {
				if len(out) == 0 || out[len(out)-1] != e.p {
					out = append(out, e.p)
				}
			}
		}
	}
	if r.op() == 0 && int(r.name)+1 < len(p.fileStart) {
		if fs := p.fileData[p.fileStart[r.name]:p.fileStart[r.name+1]]; len(fs) > 0 && strings.HasPrefix(p.str(r.name), "/") {
			out = append(out, fs...)
			sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
			out = dedupIDs(out)
		}
	}
	return out
}

// providersOfName is WhatProvides(Dep{Name: name}) for an interned name.
func (p *Pool) providersOfName(n int32) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	if strings.HasPrefix(p.str(n), "/") {
		return p.WhatProvides(Dep{Name: p.str(n)})
	}
	var out []ID
	if int(n)+1 < len(p.provStart) {
		for _, e := range p.provData[p.provStart[n]:p.provStart[n+1]] {
			if len(out) == 0 || out[len(out)-1] != e.p {
				out = append(out, e.p)
			}
		}
	}
	return out
}

// sameName returns the visible packages named like s (s included), in id
// order: what WhatProvides(name) would give, filtered to that name.
func (p *Pool) sameName(s *solv) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	return p.named(s.name)
}

func dedupIDs(ids []ID) []ID {
	if len(ids) < 2 {
		return ids
	}
	j := 1
	for i := 1; i < len(ids); i++ {
		if ids[i] != ids[j-1] {
			ids[j] = ids[i]
			j++
		}
	}
	return ids[:j]
}

// matchNEVR reports whether solvable s itself (its name and evr, not its
// provides) matches d, as rpm's Obsoletes do.
func (p *Pool) matchNEVR(s *solv, d Dep) bool {
	if d.Rich != nil || d.Name != s.nameStr() {
		return false
	}
	if d.Op == 0 {
		return true
	}
	pe := parseEVR(d.EVR)
	return p.overlap(OpEqual, s.pe(), d.Op, pe)
}

// colourMatch reports whether two solvables' arches share a colour, i.e.
// whether one can implicitly obsolete the other.
func (p *Pool) colourMatch(a, b *solv) bool {
	if a.arch == b.arch || p.noArch {
		return true
	}
	sa, sb := p.arch[a.arch], p.arch[b.arch]
	if sa <= 1 || sb <= 1 {
		return true
	}
	return sa>>16 == sb>>16
}

// ByNEVRA finds a solvable by its "name-evr.arch@repo" string.
func (p *Pool) ByNEVRA(s string) (ID, error) {
	repo := ""
	if i := strings.LastIndexByte(s, '@'); i > 0 {
		s, repo = s[:i], s[i+1:]
		// "@System" repos are written "x@@System"
		if strings.HasSuffix(s, "@") {
			s, repo = s[:len(s)-1], "@"+repo
		}
	}
	for _, sv := range p.solvables[1:] {
		if sv.String() == s && (repo == "" || sv.Repo.Name == repo) {
			return sv.id, nil
		}
	}
	return 0, fmt.Errorf("no package %s@%s in the pool", s, repo)
}

// Len is the number of solvables in the repository.
func (r *Repo) Len() int { return len(r.Solvables) }

// Pool returns the pool r belongs to.
func (r *Repo) Pool() *Pool { return r.pool }

// depLists are the solvable's dependency lists in the pool's list order.
func (s *Solvable) depLists() [9]*[]Dep {
	return [9]*[]Dep{&s.Provides, &s.Requires, &s.PreRequires, &s.Conflicts, &s.Obsoletes,
		&s.Recommends, &s.Suggests, &s.Supplements, &s.Enhances}
}
