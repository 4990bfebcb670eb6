package cache

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Between an Index and the solver's pool. The package manager adds each repository's index
// to its pool (Solvable); `nimbus solver cache` writes a pool's repository as an index
// (FromRepo) that testcases load back as `repo NAME PRIO nimbus FILE` (AddTo with Exact):
// one binary format for both.

// DebianKey is the key of an index written from a pool with Debian's version rules.
const DebianKey = "pool:debian"

// PoolKey is the key of an index written from any other pool.
const PoolKey = "pool"

// SolvableOptions say how an index package becomes a solvable.
type SolvableOptions struct {
	// NamesOnly leaves out dependencies and files (check-update and list need neither).
	NamesOnly bool
	// Exact keeps every dependency as stored, rpmlib() ones included, and adds no
	// "name = evr" provide: the index was written from a pool (FromRepo), whose lists are
	// complete as they are.
	Exact bool
}

// solverKinds are the dependency kinds a solvable carries.
var solverKinds = [...]dep.Kind{dep.Provides, dep.Requires, dep.Conflicts, dep.Obsoletes, dep.Recommends, dep.Suggests, dep.Supplements, dep.Enhances}

// Solvable returns package i as a solvable for the solver's pool.
func (x *Index) Solvable(i int, o SolvableOptions) *solver.Solvable {
	s := &solver.Solvable{Name: x.Name(i), EVR: x.EVR(i), Arch: x.Arch(i), Vendor: x.Vendor(i), BuildTime: x.BuildTime(i), NoSelfProvide: o.Exact}
	if !o.NamesOnly {
		for _, k := range solverKinds {
			addDeps(s, k, x.Deps(i, k), o.Exact)
		}
		s.Files = x.Files(i)
	}
	return s
}

// AddTo adds every package of x to r, exactly as FromRepo stored them (Solvable with
// Exact, through the solver's Bulk: each distinct string and dependency is interned once);
// each is optional (called with the index position and the new solvable's id).
func (x *Index) AddTo(r *solver.Repo, each func(i int, id solver.ID)) {
	x.AddWith(r, SolvableOptions{Exact: true}, each)
}

// AddWith adds every package of x to r through the solver's Bulk (each distinct string
// and dependency interned once, no Solvable made per package), giving the pool exactly
// what adding Solvable(i, o) for every i with Repo.Add gives: without Exact, rpmlib()
// requirements are dropped and a package without its own "name = evr" provide gets one
// (Repo.Add's rule), so the package manager builds its pool this way too. NamesOnly is
// not supported here (use Solvable). each is optional.
func (x *Index) AddWith(r *solver.Repo, o SolvableOptions, each func(i int, id solver.ID)) {
	// Strings 0..n-1 are the index's hot strings (the only ones a package's name, version,
	// arch, vendor, dependencies and files use: validate); n+i is package i's
	// "[epoch:]version-release" as Solvable gives it (the EVR of its self-provide when the
	// index has none).
	n := min(x.hot, x.NumStrings())
	str := func(id uint32) string {
		if int(id) >= n {
			return x.EVR(int(id) - n)
		}
		return x.Str(StrID(id))
	}
	nb := n
	if !o.Exact {
		nb += x.Len()
	}
	b := r.NewBulk(nb, str)
	// the hot strings are x's table: the pool keeps its strings as their numbers there
	// (4 bytes each, not a 16-byte header into the same bytes) unless it copies them
	b.SetSource(solver.StrSource{Offs: x.offs, Bytes: x.pool}, n)
	parse := func(expr string) (*solver.Rich, bool) {
		d, err := solver.FromRPM(dep.Dep{Name: expr})
		return d.Rich, err == nil && d.Rich != nil
	}
	b.Reserve(x.Len(), x.NumDeps()+len(x.files)/fileRecSize)
	var l solver.BulkLists
	pd, dd := dropper{drop: x.drop, b: x.pkgs}, dropper{drop: x.drop, b: x.deps}
	defer pd.all()
	defer dd.all()
	// each record is copied out once (from memory, the mapping, or the file a window at
	// a time) and read from the copy; first is where its dependencies start
	var rec pkgRecord
	var first, firstFile uint32
	var runBuf []byte
	// what each name is, by its string id (0 not seen yet): read once per name, not per
	// use (a use then reads no string)
	const (
		namePlain = 1 + iota
		nameRpmlib
		nameRich
	)
	kinds := make([]uint8, n)
	for i := 0; i < x.Len(); i++ {
		pd.upTo(i * pkgRecSize)
		dd.upTo(int(first) * depRecSize)
		x.record(i, &rec)
		for k := range l.Deps {
			l.Deps[k] = l.Deps[k][:0]
		}
		_, end := rec.depRange(first, dep.Enhances)
		run := x.depRun(int(first), end, &runBuf) // the package's dependencies, read at once
		for _, k := range solverKinds {
			lo, hi := rec.depRange(first, k)
			for j := lo; j < hi; j++ {
				d := depAt(run, j-int(first))
				var id int32
				kind := kinds[d.Name]
				if kind == 0 {
					name := x.Str(d.Name)
					switch {
					case strings.HasPrefix(name, "rpmlib("):
						kind = nameRpmlib
					case strings.HasPrefix(name, "("):
						kind = nameRich
					default:
						kind = namePlain
					}
					kinds[d.Name] = kind
				}
				if !o.Exact && (d.Flags&dep.Rpmlib != 0 || kind == nameRpmlib) {
					continue
				}
				if kind == nameRich {
					var ok bool
					if id, ok = b.Rich(uint32(d.Name), parse); !ok {
						continue // malformed (rpm refuses it too)
					}
				} else {
					id = b.Dep(uint32(d.Name), uint32(d.EVR), d.Flags.Op())
				}
				j := bulkList[k]
				if k == dep.Requires && d.Flags&(dep.ScriptPre|dep.Prereq) != 0 {
					j = 2 // PreRequires
				}
				l.Deps[j] = append(l.Deps[j], id)
			}
		}
		l.Files = l.Files[:0]
		for j := firstFile; j < rec.u32(fFileEnd); j++ {
			l.Files = append(l.Files, binary.LittleEndian.Uint32(x.files[int(j)*fileRecSize:]))
		}
		firstFile = rec.u32(fFileEnd)
		var id solver.ID
		name, arch, vendor, bt := rec.u32(fName), rec.u32(fArch), rec.u32(fVendor), int64(binary.LittleEndian.Uint64(rec[fBuildTime:]))
		e, v, r := StrID(rec.u32(fEpoch)), StrID(rec.u32(fVersion)), StrID(rec.u32(fRelease))
		if !o.Exact {
			// the EVR as a source string: the version alone, or package i's own string
			// (n+i), interned once for the package and its self-provide
			evrID := uint32(n + i)
			if (x.Str(e) == "" || x.Str(e) == "0") && x.Str(r) == "" {
				evrID = uint32(v)
			}
			x.selfProvide(b, &rec, first, run, evrID, &l)
			id = b.AddEVR(name, evrID, arch, vendor, bt, &l)
		} else if x.Str(e) == "" && x.Str(r) == "" {
			id = b.AddEVR(name, uint32(v), arch, vendor, bt, &l) // the version alone: no new string
		} else {
			id = b.Add(name, joinEVR(x.Str(e), x.Str(v), x.Str(r)), arch, vendor, bt, &l)
		}
		if each != nil {
			each(i, id)
		}
		first = uint32(end)
	}
}

// selfProvide appends the "name = evr" provide of the package of record rec (whose
// dependencies start at first; run holds them, depRun) to l's provides unless it has one,
// as Repo.Add does for a Solvable (not for source packages). evrID is the package's EVR as
// a source string id of b. A provide of the package's name has the name's string id (an
// index stores each string once), so only those are read as strings.
func (x *Index) selfProvide(b *solver.Bulk, rec *pkgRecord, first uint32, run []byte, evrID uint32, l *solver.BulkLists) {
	a := x.Str(StrID(rec.u32(fArch)))
	if a == "src" || a == "nosrc" {
		return
	}
	nameID := rec.u32(fName)
	if !strings.HasPrefix(x.Str(StrID(nameID)), "rpmlib(") { // its own provides were dropped
		lo, hi := rec.depRange(first, dep.Provides)
		for j := lo; j < hi; j++ {
			d := depAt(run, j-int(first))
			if uint32(d.Name) != nameID || d.Flags.Op() != solver.OpEqual || d.Flags&dep.Rpmlib != 0 {
				continue
			}
			if isEVR(x.Str(d.EVR), x.Str(StrID(rec.u32(fEpoch))), x.Str(StrID(rec.u32(fVersion))), x.Str(StrID(rec.u32(fRelease)))) {
				return
			}
		}
	}
	l.Deps[0] = append(l.Deps[0], b.Dep(nameID, evrID, solver.OpEqual))
}

// isEVR reports whether s is joinEVR(e, v, r), without building that string.
func isEVR(s, e, v, r string) bool {
	if e != "" && e != "0" {
		var ok bool
		if s, ok = strings.CutPrefix(s, e); !ok {
			return false
		}
		if s, ok = strings.CutPrefix(s, ":"); !ok {
			return false
		}
	}
	s, ok := strings.CutPrefix(s, v)
	if !ok {
		return false
	}
	if r == "" {
		return s == ""
	}
	return len(s) == len(r)+1 && s[0] == '-' && s[1:] == r
}

// bulkList is the solver's list (solver.BulkLists) of each dependency kind.
var bulkList = [...]int{dep.Provides: 0, dep.Requires: 1, dep.Conflicts: 3, dep.Obsoletes: 4,
	dep.Recommends: 5, dep.Suggests: 6, dep.Supplements: 7, dep.Enhances: 8}

// SetDeps appends rpm dependencies of kind k to s in the solver's form, as the package
// manager hands them to the solver: rpmlib() requirements (only rpm itself provides them)
// are dropped, Requires(pre)/Requires(post) go to PreRequires, and a malformed rich
// expression (which rpm would refuse too) is dropped.
func SetDeps(s *solver.Solvable, k dep.Kind, ds []dep.Dep) { addDeps(s, k, ds, false) }

func addDeps(s *solver.Solvable, k dep.Kind, ds []dep.Dep, exact bool) {
	for _, d := range ds {
		if !exact && (d.Flags&dep.Rpmlib != 0 || strings.HasPrefix(d.Name, "rpmlib(")) {
			continue
		}
		sd, err := solver.FromRPM(d)
		if err != nil {
			continue
		}
		if sd.Rich != nil {
			sd.Name = d.Name
		}
		switch k {
		case dep.Provides:
			s.Provides = append(s.Provides, sd)
		case dep.Requires:
			if d.Flags&(dep.ScriptPre|dep.Prereq) != 0 {
				s.PreRequires = append(s.PreRequires, sd)
			} else {
				s.Requires = append(s.Requires, sd)
			}
		case dep.Conflicts:
			s.Conflicts = append(s.Conflicts, sd)
		case dep.Obsoletes:
			s.Obsoletes = append(s.Obsoletes, sd)
		case dep.Recommends:
			s.Recommends = append(s.Recommends, sd)
		case dep.Suggests:
			s.Suggests = append(s.Suggests, sd)
		case dep.Supplements:
			s.Supplements = append(s.Supplements, sd)
		case dep.Enhances:
			s.Enhances = append(s.Enhances, sd)
		}
	}
}

// FromRepo builds the index of one repository of a pool: every solvable with its vendor,
// build time, dependency lists and files as the pool holds them, so that AddTo loads the
// same repository back. The key is DebianKey for a Debian pool, PoolKey otherwise.
func FromRepo(p *solver.Pool, r *solver.Repo) (*Index, error) {
	b := NewBuilder()
	b.Reserve(len(r.Solvables))
	for _, id := range r.Solvables {
		if err := b.AddSolvable(p.Solvable(id)); err != nil {
			return nil, fmt.Errorf("repository %s: %w", r.Name, err)
		}
	}
	key := PoolKey
	if p.Debian {
		key = DebianKey
	}
	return b.Index(key)
}

// AddSolvable appends a solvable of a pool (Pool.Solvable, with its lists filled in).
func (b *Builder) AddSolvable(s *solver.Solvable) error {
	e, v, rel := splitEVR(s.EVR)
	r := pkgRec{
		name: b.id(s.Name), epoch: b.id(e), version: b.id(v), release: b.id(rel), arch: b.id(s.Arch),
		vendor: b.id(s.Vendor), buildTime: s.BuildTime,
	}
	add := func(ds []solver.Dep, pre bool) error {
		for _, d := range ds {
			rd, err := solver.ToRPM(d)
			if err != nil {
				return fmt.Errorf("%s-%s.%s: %w", s.Name, s.EVR, s.Arch, err)
			}
			if pre {
				rd.Flags |= dep.ScriptPre
			}
			b.addDep(b.id(rd.Name), b.id(rd.Version), rd.Flags)
		}
		return nil
	}
	for k := dep.Requires; k <= dep.Enhances; k++ {
		var err error
		switch k {
		case dep.Requires:
			if err = add(s.Requires, false); err == nil {
				err = add(s.PreRequires, true)
			}
		case dep.Provides:
			err = add(s.Provides, false)
		case dep.Conflicts:
			err = add(s.Conflicts, false)
		case dep.Obsoletes:
			err = add(s.Obsoletes, false)
		case dep.Recommends:
			err = add(s.Recommends, false)
		case dep.Suggests:
			err = add(s.Suggests, false)
		case dep.Supplements:
			err = add(s.Supplements, false)
		case dep.Enhances:
			err = add(s.Enhances, false)
		}
		if err != nil {
			return err
		}
		r.depEnd[k-1] = uint32(b.deps.n / depRecSize)
	}
	for _, f := range s.Files {
		b.addFile(b.id(f), FileRegular)
	}
	r.fileEnd = uint32(b.files.n / fileRecSize)
	b.addPkg(&r)
	return b.err
}

// splitEVR splits [epoch:]version[-release] as rpm and dpkg do (the epoch before the
// first ':' when it is a number, the release after the last '-'); an EVR that would not
// come back the same from its parts (an explicit zero epoch) is kept whole as the version.
func splitEVR(s string) (e, v, r string) {
	v = s
	if i := strings.IndexByte(v, ':'); i > 0 && strings.Trim(v[:i], "0123456789") == "" {
		e, v = v[:i], v[i+1:]
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		v, r = v[:i], v[i+1:]
	}
	if joinEVR(e, v, r) != s || v == "" {
		return "", s, ""
	}
	return e, v, r
}
