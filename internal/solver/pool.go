package solver

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// ID names a solvable in a pool; ids start at 1 and 0 means none.
type ID = int32

// Solvable is one package in the pool.
type Solvable struct {
	Name, EVR, Arch, Vendor string
	Repo                    *Repo
	// BuildTime (seconds since the epoch, 0 if unknown) tells two
	// packages of the same name, version and arch apart: when both carry
	// one, they are the same package exactly when the build times agree.
	BuildTime int64

	Provides, Requires, Conflicts, Obsoletes    []Dep
	Recommends, Suggests, Supplements, Enhances []Dep
	PreRequires                                 []Dep // Requires(pre); treated as Requires
	Files                                       []string
	name, arch                                  int32 // interned
	evr                                         *parsedEVR
	disabled                                    bool
	id                                          ID
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
	solvables []*Solvable // index 0 unused
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
	// Debian selects dpkg's version semantics (libsolv's disttype deb):
	// full version comparison and unversioned provides that satisfy only
	// unversioned dependencies.
	Debian bool

	strs    map[string]int32
	evrs    map[string]*parsedEVR
	strList []string
	arch    map[int32]uint32       // arch id -> score (colour<<16 | rank); 1 = noarch
	noArch  bool                   // no architecture policy: every arch is fine
	prov    map[string][]provEntry // provide name -> providers
	files   map[string][]ID
	byName  map[int32][]ID
	ready   bool
}

type provEntry struct {
	p   ID
	op  evr.Op
	evr *parsedEVR
}

// NewPool returns an empty pool without an architecture policy.
func NewPool() *Pool {
	p := &Pool{strs: map[string]int32{"": 0}, strList: []string{""}, solvables: []*Solvable{nil}, noArch: true}
	return p
}

// reserve sizes the interning maps for about n more strings, so that a
// big load does not rehash them over and over.
func (p *Pool) reserve(n int) {
	if len(p.strs) < 64 && n > 1024 {
		m := make(map[string]int32, n/2)
		for k, v := range p.strs {
			m[k] = v
		}
		p.strs = m
	}
	if len(p.evrs) < 64 && n > 1024 {
		m := make(map[string]*parsedEVR, n/2)
		for k, v := range p.evrs {
			m[k] = v
		}
		p.evrs = m
	}
}

// parsed returns the shared parsed form of an EVR string.
func (p *Pool) parsed(s string) *parsedEVR {
	if e, ok := p.evrs[s]; ok {
		return e
	}
	if p.evrs == nil {
		p.evrs = map[string]*parsedEVR{}
	}
	e := parseEVR(s)
	p.evrs[s] = &e
	return &e
}

func (p *Pool) intern(s string) int32 {
	if id, ok := p.strs[s]; ok {
		return id
	}
	id := int32(len(p.strList))
	p.strs[s] = id
	p.strList = append(p.strList, s)
	return id
}

// archPolicies follows libsolv's: ':' starts a new colour (an arch change),
// '>' stays in the same colour at a lower rank.
var archPolicies = map[string]string{
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

// SetArch installs the architecture policy of a machine: packages of
// other architectures are not installable; "" or "unset" removes the policy.
func (p *Pool) SetArch(machine string) error {
	if machine == "" || machine == "unset" {
		p.noArch, p.arch = true, nil
		return nil
	}
	pol, ok := archPolicies[machine]
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
func (p *Pool) archScore(s *Solvable) uint32 {
	if p.noArch {
		if s.Arch == "src" || s.Arch == "nosrc" {
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
// self-provide "name = evr" is added when missing.
func (r *Repo) Add(s *Solvable) ID {
	p := r.pool
	s.Repo = r
	s.id = ID(len(p.solvables))
	s.name = p.intern(s.Name)
	s.arch = p.intern(s.Arch)
	s.evr = p.parsed(s.EVR)
	self := false
	for _, d := range s.Provides {
		if d.Rich == nil && d.Name == s.Name && d.Op == OpEqual && d.EVR == s.EVR {
			self = true
			break
		}
	}
	if !self && s.Arch != "src" && s.Arch != "nosrc" {
		s.Provides = append(s.Provides, Dep{Name: s.Name, Op: OpEqual, EVR: s.EVR})
	}
	p.solvables = append(p.solvables, s)
	r.Solvables = append(r.Solvables, s.id)
	p.ready = false
	return s.id
}

// Solvable returns the solvable with id, or nil.
func (p *Pool) Solvable(id ID) *Solvable {
	if id <= 0 || int(id) >= len(p.solvables) {
		return nil
	}
	return p.solvables[id]
}

// Len is the number of solvables (the largest id).
func (p *Pool) Len() int { return len(p.solvables) - 1 }

// Disable makes a solvable invisible to the solver.
func (p *Pool) Disable(id ID) {
	if s := p.Solvable(id); s != nil {
		s.disabled = true
		p.ready = false
	}
}

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

// CreateWhatProvides builds the provides index; the solver calls it when
// the pool changed.
func (p *Pool) CreateWhatProvides() {
	p.prov = make(map[string][]provEntry, len(p.solvables))
	p.files = map[string][]ID{}
	p.byName = make(map[int32][]ID, len(p.solvables))
	for _, s := range p.solvables[1:] {
		if s.disabled && !p.WhatProvidesWithDisabled && (p.Installed == nil || s.Repo != p.Installed) {
			continue
		}
		p.byName[s.name] = append(p.byName[s.name], s.id)
		for _, d := range s.Provides {
			if d.Rich != nil {
				continue
			}
			e := provEntry{p: s.id, op: d.Op, evr: s.evr}
			if d.EVR != s.EVR {
				e.evr = p.parsed(d.EVR)
			}
			p.prov[d.Name] = append(p.prov[d.Name], e)
		}
		for _, f := range s.Files {
			p.files[f] = append(p.files[f], s.id)
		}
	}
	p.ready = true
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
	if entries := p.prov[d.Name]; len(entries) > 0 {
		var revr *parsedEVR
		if d.Op != 0 {
			pe := parseEVR(d.EVR)
			revr = &pe
		}
		for _, e := range entries {
			if d.Op == 0 || p.overlap(e.op, e.evr, d.Op, revr) {
				if len(out) == 0 || out[len(out)-1] != e.p {
					out = append(out, e.p)
				}
			}
		}
	}
	if d.Op == 0 && strings.HasPrefix(d.Name, "/") {
		if fs := p.files[d.Name]; len(fs) > 0 {
			out = append(out, fs...)
			sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
			out = dedupIDs(out)
		}
	}
	return out
}

// sameName returns the visible packages named like s (s included), in id
// order: what WhatProvides(name) would give, filtered to that name.
func (p *Pool) sameName(s *Solvable) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	return p.byName[s.name]
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
func (p *Pool) matchNEVR(s *Solvable, d Dep) bool {
	if d.Rich != nil || d.Name != s.Name {
		return false
	}
	if d.Op == 0 {
		return true
	}
	pe := parseEVR(d.EVR)
	return p.overlap(OpEqual, s.evr, d.Op, &pe)
}

// colourMatch reports whether two solvables' arches share a colour, i.e.
// whether one can implicitly obsolete the other.
func (p *Pool) colourMatch(a, b *Solvable) bool {
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
