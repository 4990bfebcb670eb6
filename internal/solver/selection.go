package solver

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// This file is libsolv's selection API (selection.c) in Nimbus's terms:
// it turns what a user typed ("bash", "bash.x86_64", "bash-5.1-2",
// "/usr/bin/ba*", "foo >= 2") into job selections. A selection is a list
// of Jobs whose Kind is unset; the caller sets the Kind (install, erase...).
// Each element is a name or provides dependency (with an optional Arch), a
// package, a set of packages, a repository or every package, and carries
// the set flags libsolv records (setev, setevr, setarch, setrepo,
// noautoset) about how the user's string pinned it down.

// SelectFlags say how Select matches a string (libsolv's SELECTION_*).
type SelectFlags uint32

// Selection flags, with the names testcases use in parentheses.
const (
	SelectName          SelectFlags = 1 << iota // package names (name)
	SelectProvides                              // provides (provides)
	SelectFilelist                              // file lists (filelist)
	SelectCanon                                 // name-version[-release][.arch] (canon)
	SelectDotArch                               // a ".arch" suffix (dotarch)
	SelectRel                                   // a "<op> evr" suffix (rel)
	SelectInstalledOnly                         // installed packages only (installedonly)
	SelectGlob                                  // shell globs (glob)
	SelectFlat                                  // one flat package set (flat)
	SelectNoCase                                // case-insensitive (nocase)
	SelectSourceOnly                            // source packages only (sourceonly)
	SelectWithSource                            // source packages too (withsource)
	SelectSkipKind                              // ignore "kind:" name prefixes (skipkind)
	SelectMatchDepStr                           // match the dependency text (depstr)
	SelectWithDisabled                          // disabled packages too (withdisabled)
	SelectWithBadArch                           // packages of foreign arches too (withbadarch)
	SelectAdd                                   // add to the previous selection (add)
	SelectSubtract                              // remove from it (subtract)
	SelectFilter                                // keep only what both have (filter)
)

const (
	selectModeBits  = SelectAdd | SelectSubtract | SelectFilter
	selectExtraBits = SelectWithSource | SelectWithDisabled | SelectWithBadArch
	jobSetMask      = JobSetEV | JobSetEVR | JobSetArch | JobSetVendor | JobSetRepo | JobNoAutoSet
)

// SelectFlagNames maps the testcase names of selection flags to flags.
var SelectFlagNames = lazy.Value[map[string]SelectFlags]{New: func() map[string]SelectFlags {
	return map[string]SelectFlags{
		"name": SelectName, "provides": SelectProvides, "filelist": SelectFilelist, "canon": SelectCanon,
		"dotarch": SelectDotArch, "rel": SelectRel, "installedonly": SelectInstalledOnly, "glob": SelectGlob,
		"flat": SelectFlat, "nocase": SelectNoCase, "sourceonly": SelectSourceOnly, "withsource": SelectWithSource,
		"skipkind": SelectSkipKind, "depstr": SelectMatchDepStr, "withdisabled": SelectWithDisabled,
		"withbadarch": SelectWithBadArch, "add": SelectAdd, "subtract": SelectSubtract, "filter": SelectFilter,
	}
}}

// DepKey names the dependency list SelectMatchDeps looks at.
type DepKey uint8

// Dependency lists (libsolv's solvable:* keys).
const (
	KeyName DepKey = iota
	KeyProvides
	KeyRequires
	KeyConflicts
	KeyObsoletes
	KeyRecommends
	KeySuggests
	KeySupplements
	KeyEnhances
)

// DepKeyNames maps libsolv's key names ("solvable:requires") to DepKeys.
var DepKeyNames = lazy.Value[map[string]DepKey]{New: func() map[string]DepKey {
	return map[string]DepKey{
		"solvable:name": KeyName, "solvable:provides": KeyProvides, "solvable:requires": KeyRequires,
		"solvable:conflicts": KeyConflicts, "solvable:obsoletes": KeyObsoletes, "solvable:recommends": KeyRecommends,
		"solvable:suggests": KeySuggests, "solvable:supplements": KeySupplements, "solvable:enhances": KeyEnhances,
	}
}}

func (s *solv) deps(k DepKey) []Dep {
	switch k {
	case KeyName:
		return []Dep{{Name: s.nameStr()}}
	case KeyProvides:
		return s.depSlice(kProv)
	case KeyRequires:
		return append(s.depSlice(kReq), s.depSlice(kPreReq)...)
	case KeyConflicts:
		return s.depSlice(kCon)
	case KeyObsoletes:
		return s.depSlice(kObs)
	case KeyRecommends:
		return s.depSlice(kRec)
	case KeySuggests:
		return s.depSlice(kSug)
	case KeySupplements:
		return s.depSlice(kSup)
	case KeyEnhances:
		return s.depSlice(kEnh)
	}
	return nil
}

func isSource(s *solv) bool { return s.archStr() == "src" || s.archStr() == "nosrc" }

// visible reports whether libsolv's provides index would hold the package:
// installed, or enabled and of an installable architecture.
func (p *Pool) visible(id ID) bool {
	s := p.solvables[id]
	if p.Installed != nil && s.Repo == p.Installed {
		return true
	}
	if s.disabled && !p.WhatProvidesWithDisabled {
		return false
	}
	return p.archScore(s) != 0
}

func (p *Pool) badArch(s *solv) bool { return !isSource(s) && !p.noArch && p.arch[s.arch] == 0 }

func (p *Pool) installedPkg(s *solv) bool { return p.Installed != nil && s.Repo == p.Installed }

// Providers is libsolv's whatprovides of a dependency, rich ones
// included: and/or unite their parts, if/unless give their then and else
// parts, with intersects, without subtracts (dnf's provides query for a
// spec such as "(a or b)").
func (p *Pool) Providers(d Dep) []ID {
	if !p.ready {
		p.CreateWhatProvides()
	}
	return p.depProviders(d)
}

// depProviders is Providers on a pool whose whatprovides index is built.
func (p *Pool) depProviders(d Dep) []ID {
	if d.Rich == nil {
		return p.WhatProvides(d)
	}
	return p.richProviders(d.Rich, 0)
}

func (p *Pool) richProviders(r *Rich, depth int) []ID {
	if r.Op == RichAtom {
		return p.WhatProvides(r.Atom)
	}
	if depth > 64 || len(r.Args) == 0 {
		return nil
	}
	var out []ID
	switch r.Op {
	case RichAnd, RichOr:
		for _, a := range r.Args {
			out = append(out, p.richProviders(a, depth+1)...)
		}
	case RichIf, RichUnless:
		out = append(out, p.richProviders(r.Args[0], depth+1)...)
		if len(r.Args) == 3 {
			out = append(out, p.richProviders(r.Args[2], depth+1)...)
		}
	case RichWith, RichWithout:
		out = append(out, p.richProviders(r.Args[0], depth+1)...)
		for _, a := range r.Args[1:] {
			other := map[ID]bool{}
			for _, id := range p.richProviders(a, depth+1) {
				other[id] = true
			}
			keep := out[:0]
			for _, id := range out {
				if other[id] == (r.Op == RichWith) {
					keep = append(keep, id)
				}
			}
			out = keep
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return dedupIDs(out)
}

// selPkgs is libsolv's FOR_JOB_SELECT: the packages of one element.
func (p *Pool) selPkgs(e *Job) []ID {
	if e.Sel == SelAll {
		out := make([]ID, 0, p.Len())
		for id := 1; id <= p.Len(); id++ {
			out = append(out, ID(id))
		}
		return out
	}
	return p.jobPackages(e, true)
}

// selMatchesFlags is libsolv's solvable_matches_selection_flags.
func (p *Pool) selMatchesFlags(s *solv, f SelectFlags) bool {
	if isSource(s) {
		if f&(SelectSourceOnly|SelectWithSource) == 0 {
			return false
		}
		return f&SelectWithDisabled != 0 || !s.disabled
	}
	if f&SelectSourceOnly != 0 {
		return false
	}
	if !p.installedPkg(s) {
		if f&SelectWithDisabled == 0 && s.disabled {
			return false
		}
		if f&SelectWithBadArch == 0 && p.badArch(s) {
			return false
		}
	}
	return true
}

func sameElem(a, b *Job) bool {
	if a.Sel != b.Sel || a.Flags != b.Flags || a.Arch != b.Arch || a.Repo != b.Repo || len(a.Pkgs) != len(b.Pkgs) {
		return false
	}
	for i := range a.Pkgs {
		if a.Pkgs[i] != b.Pkgs[i] {
			return false
		}
	}
	return a.Dep.String() == b.Dep.String()
}

func pushUnique(sel []Job, e Job) []Job {
	for i := range sel {
		if sameElem(&sel[i], &e) {
			return sel
		}
	}
	return append(sel, e)
}

func pkgsElem(q []ID, flags JobFlags) Job {
	if len(q) == 1 {
		return Job{Sel: SelPkg, Pkgs: q, Flags: flags | JobNoAutoSet}
	}
	return Job{Sel: SelOneOf, Pkgs: q, Flags: flags}
}

// strMatch compares a user string with a name: a glob, case-insensitive,
// or exact.
func strMatch(pattern, s string, glob, nocase bool) bool {
	if glob {
		return globMatch(pattern, s, nocase)
	}
	if nocase {
		return strings.EqualFold(pattern, s)
	}
	return pattern == s
}

// globMatch is fnmatch(3) without flags ('*' also matches '/'), optionally
// case-folding.
func globMatch(pattern, s string, nocase bool) bool {
	if nocase {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	return globAt(pattern, s, 0)
}

func globAt(pat, s string, _ int) bool {
	// the classic two-pointer wildcard match: on a mismatch, retry from
	// the last '*' with one more character swallowed (O(len(pat)*len(s)))
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(pat) {
			switch c := pat[pi]; c {
			case '*':
				starP, starS = pi, si
				pi++
				continue
			case '?':
				_, n := utf8.DecodeRuneInString(s[si:])
				pi, si = pi+1, si+n
				continue
			case '[':
				r, n := utf8.DecodeRuneInString(s[si:])
				if ok, rest, valid := globClass(pat[pi+1:], r); valid {
					if ok {
						pi, si = len(pat)-len(rest), si+n
						continue
					}
				} else if s[si] == '[' {
					pi, si = pi+1, si+1
					continue
				}
			default:
				lit := c
				step := 1
				if c == '\\' && pi+1 < len(pat) {
					lit, step = pat[pi+1], 2
				}
				if s[si] == lit {
					pi, si = pi+step, si+1
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starS++
		pi, si = starP+1, starS
	}
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	return pi == len(pat)
}

// globClass matches r against a bracket expression (pat follows the '[').
func globClass(pat string, r rune) (match bool, rest string, valid bool) {
	neg := false
	if pat != "" && (pat[0] == '!' || pat[0] == '^') {
		neg, pat = true, pat[1:]
	}
	first := true
	for len(pat) > 0 {
		if pat[0] == ']' && !first {
			return match != neg, pat[1:], true
		}
		first = false
		lo, n := utf8.DecodeRuneInString(pat)
		pat = pat[n:]
		hi := lo
		if len(pat) > 1 && pat[0] == '-' && pat[1] != ']' {
			hi, n = utf8.DecodeRuneInString(pat[1:])
			pat = pat[1+n:]
		}
		if lo <= r && r <= hi {
			match = true
		}
	}
	return false, "", false
}

// validArch is libsolv's str2archid: an arch the pool knows and, with an
// arch policy, one it can install (src, nosrc and noarch always count).
func (p *Pool) validArch(a string) bool {
	if a == "" {
		return false
	}
	if a == "src" || a == "nosrc" || a == "noarch" {
		return true
	}
	id, ok := p.lookup(a)
	if !ok {
		return false
	}
	return p.noArch || p.arch[id] != 0
}

// selRel is a filter applied to a selection: an architecture or a version
// relation.
type selRel struct {
	arch string
	op   evr.Op
	evr  string
}

func (p *Pool) matchNEVRRel(s *solv, r selRel) bool {
	if r.arch != "" {
		return archMatches(s, r.arch)
	}
	pe := p.parsed(r.evr)
	return p.overlap(OpEqual, s.pe(), r.op, pe)
}

// filterRel narrows every element by an arch or a version relation and
// records the set flags that gives (libsolv's selection_filter_rel_noprune).
func (p *Pool) filterRel(sel []Job, r selRel) []Job {
	for i := range sel {
		e := &sel[i]
		orig := e.Sel
		switch e.Sel {
		case SelPkg, SelOneOf:
			var q []ID
			miss := false
			for _, id := range p.selPkgs(e) {
				if p.matchNEVRRel(p.solvables[id], r) {
					q = append(q, id)
				} else {
					miss = true
				}
			}
			if miss {
				if len(q) == 1 {
					*e = Job{Sel: SelPkg, Pkgs: q, Flags: JobNoAutoSet}
				} else {
					*e = Job{Sel: SelOneOf, Pkgs: q}
				}
			}
		case SelName, SelProvides:
			if r.arch != "" {
				e.Arch = r.arch
			} else {
				e.Dep.Op, e.Dep.EVR = r.op, r.evr
			}
		default:
			continue
		}
		if r.arch != "" {
			e.Flags |= JobSetArch
		}
		if r.arch == "" && r.op == OpEqual && orig != SelProvides {
			if p.Debian || strings.Contains(r.evr, "-") {
				e.Flags |= JobSetEVR
			} else {
				e.Flags |= JobSetEV
			}
		}
	}
	return sel
}

// prune drops elements that select nothing.
func (p *Pool) prune(sel []Job) []Job {
	out := sel[:0]
	for i := range sel {
		e := &sel[i]
		switch e.Sel {
		case SelAll:
		case SelRepo:
			if e.Repo == nil || len(e.Repo.Solvables) == 0 {
				continue
			}
		default:
			if len(p.selPkgs(e)) == 0 {
				continue
			}
		}
		out = append(out, *e)
	}
	return out
}

// selSolvables is the sorted set of packages a selection covers.
func (p *Pool) selSolvables(sel []Job) []ID {
	var out []ID
	for i := range sel {
		if sel[i].Sel == SelRepo {
			if sel[i].Repo != nil {
				out = append(out, sel[i].Repo.Solvables...)
			}
			continue
		}
		out = append(out, p.selPkgs(&sel[i])...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return dedupIDs(out)
}

func (p *Pool) flatten(sel []Job) []Job {
	if len(sel) <= 1 {
		return sel
	}
	for _, e := range sel {
		if e.Sel == SelAll {
			return []Job{e}
		}
	}
	q := p.selSolvables(sel)
	if len(q) == 0 {
		return nil
	}
	return []Job{pkgsElem(q, 0)}
}

// addExtra widens plain name and provides elements by the source, disabled
// and foreign-arch packages the flags ask for.
func (p *Pool) addExtra(sel []Job, f SelectFlags) []Job {
	if f&SelectInstalledOnly != 0 {
		f &^= SelectWithSource
	}
	if f&selectExtraBits == 0 {
		return sel
	}
	instOnly := f&SelectInstalledOnly != 0
	for i := range sel {
		e := &sel[i]
		if e.Flags != 0 || e.Sel != SelName && e.Sel != SelProvides {
			continue
		}
		doprov := e.Sel == SelProvides
		var q []ID
		haveExtra := false
		if doprov {
			for _, id := range p.selPkgs(e) {
				if instOnly && !p.installedPkg(p.solvables[id]) {
					continue
				}
				q = append(q, id)
			}
		}
		for id := 1; id <= p.Len(); id++ {
			s := p.solvables[id]
			if !doprov && !(s.nameStr() == e.Dep.Name && archMatches(s, e.Arch) && (e.Dep.Op == 0 || p.matchNEVR(s, e.Dep))) {
				continue
			}
			if instOnly && !p.installedPkg(s) {
				continue
			}
			extra := false
			if isSource(s) {
				if f&(SelectWithSource|SelectSourceOnly) == 0 {
					continue
				}
				if f&SelectSourceOnly == 0 {
					extra = true
				}
				if s.disabled {
					if f&SelectWithDisabled == 0 {
						continue
					}
					extra = true
				}
			} else {
				if f&SelectSourceOnly != 0 {
					continue
				}
				if !p.installedPkg(s) {
					if s.disabled {
						if f&SelectWithDisabled == 0 {
							continue
						}
						extra = true
					}
					if p.badArch(s) {
						if f&SelectWithBadArch == 0 {
							continue
						}
						extra = true
					}
				}
			}
			if doprov && (!extra || !p.solvableProvides(s, e.Dep, e.Arch)) {
				continue
			}
			haveExtra = haveExtra || extra
			q = append(q, ID(id))
		}
		if !haveExtra || len(q) == 0 {
			continue
		}
		if doprov {
			sort.Slice(q, func(a, b int) bool { return q[a] < q[b] })
		}
		*e = pkgsElem(q, 0)
	}
	return sel
}

// solvableProvides reports whether one of s's provides meets d.
func (p *Pool) solvableProvides(s *solv, d Dep, arch string) bool {
	if !archMatches(s, arch) || d.Rich != nil {
		return false
	}
	for _, pr := range s.each(kProv) {
		if pr.Rich == nil && p.plainMatch(pr, d) {
			return true
		}
	}
	return false
}

// plainMatch is libsolv's pool_match_dep for two plain dependencies.
func (p *Pool) plainMatch(a, b Dep) bool {
	if a.Name != b.Name {
		return false
	}
	if a.Op == 0 || b.Op == 0 {
		return !p.Debian || b.Op == 0 || a.Op != 0
	}
	return p.overlap(a.Op, p.parsed(a.EVR), b.Op, p.parsed(b.EVR))
}

// depMatch is pool_match_dep with rich dependencies on the left: a part
// of it (then or else branch of a condition) that matches b.
func (p *Pool) depMatch(a Dep, b Dep) bool {
	if a.Rich == nil {
		return p.plainMatch(a, b)
	}
	return richAny(a.Rich, func(d Dep) bool { return p.plainMatch(d, b) }, 0)
}

// richAny reports whether match holds for an atom of r in a position
// libsolv's matchdep looks at: every argument of and/or/with, the first of
// without, the then and else branches of if/unless.
func richAny(r *Rich, match func(Dep) bool, depth int) bool {
	if r.Op == RichAtom {
		return match(r.Atom)
	}
	if depth > 64 || len(r.Args) == 0 {
		return false
	}
	switch r.Op {
	case RichWithout:
		return richAny(r.Args[0], match, depth+1)
	case RichIf, RichUnless:
		if richAny(r.Args[0], match, depth+1) {
			return true
		}
		return len(r.Args) == 3 && richAny(r.Args[2], match, depth+1)
	}
	for _, a := range r.Args {
		if richAny(a, match, depth+1) {
			return true
		}
	}
	return false
}

// selName matches package names (libsolv's selection_name).
func (p *Pool) selName(name string, f SelectFlags) ([]Job, bool) {
	if f&SelectSourceOnly != 0 {
		f &^= SelectWithSource
	}
	nocase := f&SelectNoCase != 0
	if !nocase && f&SelectSkipKind == 0 {
		if sel, ok := p.selNameExact(name, f); ok {
			return sel, true
		}
	}
	glob := f&SelectGlob != 0 && strings.ContainsAny(name, "[*?")
	if !nocase && f&SelectSkipKind == 0 && !glob {
		return nil, false
	}
	var sel []Job
	for id := 1; id <= p.Len(); id++ {
		s := p.solvables[id]
		if f&SelectInstalledOnly != 0 && !p.installedPkg(s) || !p.selMatchesFlags(s, f) {
			continue
		}
		n := s.nameStr()
		if f&SelectSkipKind != 0 {
			n = skipKind(n)
		}
		if !strMatch(name, n, glob, nocase) {
			continue
		}
		e := Job{Sel: SelName, Dep: Dep{Name: s.nameStr()}}
		if f&SelectSourceOnly != 0 {
			if !isSource(s) {
				continue
			}
			e.Arch = "src"
		}
		sel = pushUnique(sel, e)
	}
	if len(sel) == 0 {
		return nil, false
	}
	if f&selectExtraBits != 0 {
		sel = p.addExtra(sel, f)
	}
	return sel, true
}

func skipKind(n string) string {
	i := 0
	for i < len(n) && n[i] >= 'a' && n[i] <= 'z' {
		i++
	}
	if i > 0 && i < len(n) && n[i] == ':' {
		return n[i+1:]
	}
	return n
}

// selNameExact is selection_name_id: the name as typed.
func (p *Pool) selNameExact(name string, f SelectFlags) ([]Job, bool) {
	instOnly := f&SelectInstalledOnly != 0
	e := Job{Sel: SelName, Dep: Dep{Name: name}}
	if f&SelectSourceOnly != 0 {
		if instOnly {
			return nil, false
		}
		e.Arch = "src"
		f &^= SelectWithSource
	}
	for _, id := range p.selPkgs(&e) {
		if instOnly && !p.installedPkg(p.solvables[id]) {
			continue
		}
		sel := []Job{e}
		if f&selectExtraBits != 0 {
			sel = p.addExtra(sel, f)
		}
		return sel, true
	}
	if f&(SelectWithBadArch|SelectWithDisabled) != 0 {
		sel := p.addExtra([]Job{e}, f)
		if sel[0].Sel == SelName {
			return nil, false
		}
		return sel, true
	}
	if f&SelectWithSource != 0 && !instOnly {
		e.Arch = "src"
		if len(p.selPkgs(&e)) > 0 {
			return []Job{e}, true
		}
	}
	return nil, false
}

// selProvides matches provides (libsolv's selection_provides).
func (p *Pool) selProvides(name string, f SelectFlags) ([]Job, bool) {
	if f&SelectSourceOnly != 0 {
		return nil, false
	}
	instOnly := f&SelectInstalledOnly != 0
	nocase := f&SelectNoCase != 0
	if !nocase {
		e := Job{Sel: SelProvides, Dep: Dep{Name: name}}
		for _, id := range p.selPkgs(&e) {
			if instOnly && !p.installedPkg(p.solvables[id]) {
				continue
			}
			return []Job{e}, true
		}
		if f&(SelectWithBadArch|SelectWithDisabled) != 0 {
			if sel := p.addExtra([]Job{e}, f); sel[0].Sel != SelProvides {
				return []Job{e}, true
			}
		}
	}
	glob := f&SelectGlob != 0 && strings.ContainsAny(name, "[*?")
	if !nocase && !glob {
		return nil, false
	}
	if !p.ready {
		p.CreateWhatProvides()
	}
	var names []string
	for n := 0; n+1 < len(p.provStart); n++ {
		if p.provStart[n+1] > p.provStart[n] {
			names = append(names, p.str(int32(n)))
		}
	}
	sort.Strings(names)
	var sel []Job
	for _, n := range names {
		if !strMatch(name, n, glob, nocase) {
			continue
		}
		found := false
		for _, id := range p.WhatProvides(Dep{Name: n}) {
			if p.visible(id) && (!instOnly || p.installedPkg(p.solvables[id])) {
				found = true
				break
			}
		}
		if found {
			sel = append(sel, Job{Sel: SelProvides, Dep: Dep{Name: n}})
		}
	}
	if f&(SelectWithBadArch|SelectWithDisabled) != 0 && !instOnly {
		sel = p.addExtraProvides(sel, name, f, glob, nocase)
	}
	return sel, len(sel) > 0
}

// addExtraProvides adds provides that only disabled or foreign-arch
// packages have.
func (p *Pool) addExtraProvides(sel []Job, name string, f SelectFlags, glob, nocase bool) []Job {
	for id := 1; id <= p.Len(); id++ {
		s := p.solvables[id]
		if s.count(kProv) == 0 || isSource(s) || p.installedPkg(s) {
			continue
		}
		switch {
		case s.disabled:
			if f&SelectWithDisabled == 0 || f&SelectWithBadArch == 0 && p.badArch(s) {
				continue
			}
		case p.badArch(s):
			if f&SelectWithBadArch == 0 {
				continue
			}
		default:
			continue
		}
		for _, d := range s.each(kProv) {
			if d.Rich != nil {
				continue
			}
			visible := false
			for _, q := range p.WhatProvides(Dep{Name: d.Name}) {
				if p.visible(q) {
					visible = true
					break
				}
			}
			if visible || !strMatch(name, d.Name, glob, nocase) {
				continue
			}
			sel = pushUnique(sel, Job{Sel: SelProvides, Dep: Dep{Name: d.Name}})
		}
	}
	return sel
}

// selNameArch is selection_name_arch: a name or provides match, else the
// same with a ".arch" suffix split off.
func (p *Pool) selNameArch(name string, f SelectFlags, doprov, noprune bool) ([]Job, bool) {
	match := p.selName
	if doprov {
		match = p.selProvides
	}
	if sel, ok := match(name, f); ok {
		return sel, true
	}
	if f&SelectDotArch == 0 {
		return nil, false
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 || i+1 >= len(name) || !p.validArch(name[i+1:]) {
		return nil, false
	}
	arch := name[i+1:]
	if arch == "src" || arch == "nosrc" {
		f |= SelectSourceOnly
	}
	sel, ok := match(name[:i], f)
	if ok {
		sel = p.filterRel(sel, selRel{arch: arch})
		if !noprune {
			sel = p.prune(sel)
		}
	}
	return sel, ok && len(sel) > 0
}

// splitRel splits "name <op> evr" at i, the first of "<=>" (libsolv's
// splitrel); ok is false when there is no valid relation.
func splitRel(s string, i int) (name string, op evr.Op, e string, ok bool) {
	nend := i
	if nend > 0 && s[i] == '=' && s[i-1] == '!' {
		nend--
		i++
		op = OpLess | OpGreater
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '<':
			op |= OpLess
		case '=':
			op |= OpEqual
		case '>':
			op |= OpGreater
		default:
			goto done
		}
	}
done:
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for nend > 0 && (s[nend-1] == ' ' || s[nend-1] == '\t') {
		nend--
	}
	if nend <= 0 || i >= len(s) || op == 0 {
		return "", 0, "", false
	}
	return s[:nend], op, s[i:], true
}

// selNameArchRel is selection_name_arch_rel: name or provides with
// optional ".arch" and "<op> evr" parts.
func (p *Pool) selNameArchRel(name string, f SelectFlags, doprov bool) ([]Job, bool) {
	rname, op, revr, split := "", evr.Op(0), "", false
	if f&SelectRel != 0 {
		if i := strings.IndexAny(name, "<=>"); i >= 0 {
			rname, op, revr, split = splitRel(name, i)
		}
	}
	noprune := doprov && f&(SelectWithDisabled|SelectWithBadArch) != 0
	if !split {
		sel, ok := p.selNameArch(name, f, doprov, noprune)
		if ok && noprune {
			sel = p.prune(p.addExtra(sel, f))
		}
		return sel, ok && len(sel) > 0
	}
	sel, ok := p.selNameArch(rname, f, doprov, noprune)
	if ok {
		sel = p.filterRel(sel, selRel{op: op, evr: revr})
		if noprune {
			sel = p.addExtra(sel, f)
		}
		sel = p.prune(sel)
	}
	return sel, ok && len(sel) > 0
}

// selFilelist matches file lists (libsolv's selection_filelist).
func (p *Pool) selFilelist(name string, f SelectFlags) ([]Job, bool) {
	if !strings.HasPrefix(name, "/") {
		if f&SelectGlob == 0 || name == "" || !strings.ContainsRune("*[?", rune(name[0])) {
			return nil, false
		}
	}
	glob := f&SelectGlob != 0 && strings.ContainsAny(name, "[*?")
	nocase := f&SelectNoCase != 0
	type hit struct {
		file string
		id   ID
	}
	var hits []hit
	var sel []Job
	for id := 1; id <= p.Len(); id++ {
		s := p.solvables[id]
		if f&SelectInstalledOnly != 0 && !p.installedPkg(s) || !p.selMatchesFlags(s, f) {
			continue
		}
		for _, fid := range s.ids(kFiles) {
			fl := p.str(fid)
			if !strMatch(name, fl, glob, nocase) {
				continue
			}
			if f&SelectFlat != 0 {
				sel = append(sel, Job{Sel: SelPkg, Pkgs: []ID{ID(id)}, Flags: JobNoAutoSet})
				break
			}
			hits = append(hits, hit{fl, ID(id)})
		}
	}
	if f&SelectFlat != 0 {
		return sel, len(sel) > 0
	}
	if len(hits) == 0 {
		return nil, false
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].file != hits[j].file {
			return hits[i].file < hits[j].file
		}
		return hits[i].id < hits[j].id
	})
	for i := 0; i < len(hits); {
		j := i
		var q []ID
		for ; j < len(hits) && hits[j].file == hits[i].file; j++ {
			if len(q) == 0 || q[len(q)-1] != hits[j].id {
				q = append(q, hits[j].id)
			}
		}
		sel = pushUnique(sel, pkgsElem(q, 0))
		i = j
	}
	return sel, true
}

// splitEpoch returns the epoch digits of an evr ("" if none) and the rest.
func splitEpoch(s string) (epoch, vr string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && s[i] == ':' {
		return s[:i], s[i+1:]
	}
	return "", s
}

// filterEVR narrows name selections by a version typed without an epoch,
// finding the epoch from the packages (libsolv's "epoch promotion").
func (p *Pool) filterEVR(sel []Job, e string) []Job {
	if ep, _ := splitEpoch(e); ep != "" {
		return p.prune(p.filterRel(sel, selRel{op: OpEqual, evr: e}))
	}
	want := parseEVR(e)
	var out []Job
	for i := range sel {
		var q []ID
		last, have, multi := "", false, false
		for _, id := range p.selPkgs(&sel[i]) {
			s := p.solvables[id]
			ep, vr := splitEpoch(s.evrStr())
			if vr != e {
				var c int
				if p.Debian {
					c = debCompare(vr, e)
				} else {
					c = matchEVR(parseEVR(vr), want)
				}
				if c == -1 || c == 1 {
					continue
				}
			}
			q = append(q, id)
			ep = strings.TrimLeft(ep, "0")
			if !have {
				last, have = ep, true
			} else if ep != last {
				multi = true
			}
		}
		target := e
		switch {
		case !have || !multi && last == "":
		case !multi:
			target = last + ":" + e
		default:
			out = append(out, Job{Sel: SelOneOf, Pkgs: q, Flags: sel[i].Flags})
			continue
		}
		if r := p.prune(p.filterRel([]Job{sel[i]}, selRel{op: OpEqual, evr: target})); len(r) > 0 {
			out = append(out, r[0])
		}
	}
	return out
}

// selCanon matches "name-version[-release][.arch]" (Debian:
// "name_version[_arch]").
func (p *Pool) selCanon(name string, f SelectFlags) ([]Job, bool) {
	f = f&^SelectProvides | SelectName
	if p.Debian {
		i := strings.IndexByte(name, '_')
		if i < 0 {
			return nil, false
		}
		sel, ok := p.selName(name[:i], f)
		if !ok {
			return nil, false
		}
		v := name[i+1:]
		if j := strings.LastIndexByte(v, '_'); j >= 0 && j+1 < len(v) && p.validArch(v[j+1:]) {
			sel = p.prune(p.filterRel(sel, selRel{arch: v[j+1:]}))
			v = v[:j]
		}
		sel = p.prune(p.filterRel(sel, selRel{op: OpEqual, evr: v}))
		return sel, len(sel) > 0
	}
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return nil, false
	}
	rname, v, arch := name[:i], name[i+1:], ""
	if j := strings.LastIndexByte(v, '.'); j >= 0 && j+1 < len(v) && p.validArch(v[j+1:]) {
		v, arch = v[:j], v[j+1:]
	}
	if arch == "src" || arch == "nosrc" {
		f |= SelectSourceOnly
	}
	sel, ok := p.selName(rname, f)
	if !ok {
		k := strings.LastIndexByte(rname, '-')
		if k < 0 {
			return nil, false
		}
		v = rname[k+1:] + "-" + v
		rname = rname[:k]
		if sel, ok = p.selName(rname, f); !ok {
			return nil, false
		}
	}
	if arch != "" {
		sel = p.prune(p.filterRel(sel, selRel{arch: arch}))
	}
	sel = p.filterEVR(sel, v)
	return sel, len(sel) > 0
}

// Select turns a user string into a selection, as libsolv's
// selection_make: with SelectAdd, SelectSubtract or SelectFilter it
// combines the result with prev, else prev is ignored. It returns nil when
// nothing matches.
func (p *Pool) Select(prev []Job, name string, f SelectFlags) []Job {
	sel, _ := p.selectMake(prev, name, f)
	return sel
}

func (p *Pool) selectMake(prev []Job, name string, f SelectFlags) ([]Job, bool) {
	if !p.ready {
		p.CreateWhatProvides()
	}
	if mode := f & selectModeBits; mode != 0 {
		if mode&(SelectSubtract|SelectFilter) != 0 {
			if len(prev) == 0 {
				return nil, false
			}
			if f&selectExtraBits != 0 {
				f = f&^selectExtraBits | p.extraBits(prev, f)
			}
		}
		sel, ok := p.selectMake(nil, name, f&^selectModeBits)
		return p.combine(prev, sel, f, ok), ok
	}
	if f&SelectInstalledOnly != 0 && p.Installed == nil {
		return nil, false
	}
	var sel []Job
	ok := false
	if f&SelectFilelist != 0 {
		sel, ok = p.selFilelist(name, f)
	}
	if !ok && f&SelectName != 0 {
		sel, ok = p.selNameArchRel(name, f, false)
	}
	if !ok && f&SelectProvides != 0 {
		sel, ok = p.selNameArchRel(name, f, true)
	}
	if !ok && f&SelectCanon != 0 {
		sel, ok = p.selCanon(name, f)
	}
	if ok && f&SelectInstalledOnly != 0 {
		sel = p.filterRepo(sel, p.Installed, JobSetRepo)
	}
	if ok && f&SelectFlat != 0 {
		sel = p.flatten(sel)
	}
	if len(sel) == 0 {
		return nil, false
	}
	return sel, ok
}

// extraBits are the with-flags a previous selection needs (libsolv drops
// the others when filtering or subtracting).
func (p *Pool) extraBits(sel []Job, f SelectFlags) SelectFlags {
	all := f & selectExtraBits
	if len(sel) == 0 || len(sel) == 1 && sel[0].Sel == SelAll {
		return all
	}
	var need SelectFlags
	for _, id := range p.selSolvables(sel) {
		s := p.solvables[id]
		if f&SelectInstalledOnly != 0 && !p.installedPkg(s) {
			continue
		}
		var extra SelectFlags
		if isSource(s) {
			if f&SelectWithSource == 0 {
				continue
			}
			extra |= SelectWithSource
			if s.disabled {
				if f&SelectWithDisabled == 0 {
					continue
				}
				extra |= SelectWithDisabled
			}
		} else {
			if f&SelectSourceOnly != 0 {
				continue
			}
			if !p.installedPkg(s) {
				if s.disabled {
					if f&SelectWithDisabled == 0 {
						continue
					}
					extra |= SelectWithDisabled
				}
				if p.badArch(s) {
					if f&SelectWithBadArch == 0 {
						continue
					}
					extra |= SelectWithBadArch
				}
			}
		}
		need |= extra
		if need == all {
			break
		}
	}
	return need
}

func (p *Pool) combine(sel1, sel2 []Job, f SelectFlags, ok bool) []Job {
	switch {
	case f&SelectAdd != 0:
		return append(append([]Job(nil), sel1...), sel2...)
	case f&SelectSubtract != 0:
		return p.filterSel(sel1, sel2, true)
	case f&SelectFilter != 0:
		return p.filterSel(sel1, sel2, false)
	}
	return sel2
}

// filterRepo limits a selection to one repository.
func (p *Pool) filterRepo(sel []Job, repo *Repo, setflags JobFlags) []Job {
	if len(sel) == 0 {
		return sel
	}
	if repo == nil {
		return nil
	}
	var out []Job
	for _, e := range sel {
		switch e.Sel {
		case SelAll:
			e.Sel, e.Repo = SelRepo, repo
		case SelRepo:
			if e.Repo != repo {
				continue
			}
		case SelPkg:
			if p.solvables[e.Pkgs[0]].Repo != repo {
				continue
			}
		default:
			var q []ID
			bad := false
			for _, id := range p.selPkgs(&e) {
				if p.solvables[id].Repo != repo {
					bad = true
				} else {
					q = append(q, id)
				}
			}
			if len(q) == 0 {
				continue
			}
			if bad {
				ne := pkgsElem(q, 0)
				ne.Flags |= e.Flags &^ jobSetMask
				e = ne
			}
		}
		if e.Sel == SelRepo && len(repo.Solvables) == 0 {
			continue
		}
		e.Flags |= setflags
		out = append(out, e)
	}
	return out
}

// filterSel keeps the parts of sel1 that are (invert: are not) in sel2.
func (p *Pool) filterSel(sel1, sel2 []Job, invert bool) []Job {
	if len(sel1) == 0 || len(sel2) == 0 {
		if invert && len(sel2) == 0 {
			return sel1
		}
		return nil
	}
	if len(sel1) == 1 && sel1[0].Sel == SelAll && !invert {
		keep := sel1[0].Flags &^ jobSetMask
		out := append([]Job(nil), sel2...)
		for i := range out {
			out[i].Flags = out[i].Flags&jobSetMask | keep
		}
		return out
	}
	if len(sel1) == 1 && sel1[0].Sel == SelRepo && !invert {
		setflags := sel1[0].Flags &^ JobNoAutoSet
		out := append([]Job(nil), sel2...)
		for i := range out {
			out[i].Flags &= jobSetMask
		}
		return p.filterRepo(out, sel1[0].Repo, setflags)
	}
	if len(sel2) == 1 && sel2[0].Sel == SelAll {
		if invert {
			return nil
		}
		return sel1
	}
	if len(sel2) == 1 && sel2[0].Sel == SelRepo && !invert {
		return p.filterRepo(sel1, sel2[0].Repo, sel2[0].Flags&jobSetMask&^JobNoAutoSet)
	}
	in := make([]bool, p.Len()+1)
	for _, id := range p.selSolvables(sel2) {
		in[id] = true
	}
	if invert {
		for i := range in {
			in[i] = !in[i]
		}
	}
	var setflags JobFlags
	if len(sel2) == 1 {
		setflags = sel2[0].Flags & jobSetMask &^ JobNoAutoSet
	}
	var out []Job
	for _, e := range sel1 {
		if e.Sel == SelPkg {
			if in[e.Pkgs[0]] {
				e.Flags |= setflags
				out = append(out, e)
			}
			continue
		}
		var q []ID
		miss := false
		var pk []ID
		if e.Sel == SelRepo {
			if e.Repo != nil {
				pk = e.Repo.Solvables
			}
		} else {
			pk = p.selPkgs(&e)
		}
		for _, id := range pk {
			if in[id] {
				q = append(q, id)
			} else {
				miss = true
			}
		}
		if len(q) == 0 {
			continue
		}
		if miss {
			ne := pkgsElem(q, 0)
			ne.Flags |= e.Flags &^ jobSetMask
			e = ne
		}
		e.Flags |= setflags
		out = append(out, e)
	}
	return out
}

// limiter lists the packages a dependency match may return: all, the
// installed ones, or (subtract and filter) those of prev.
func (p *Pool) limiter(prev []Job, f SelectFlags) []ID {
	var out []ID
	var repo *Repo
	if f&SelectInstalledOnly != 0 {
		if p.Installed == nil {
			return nil
		}
		repo = p.Installed
	}
	switch {
	case f&(SelectSubtract|SelectFilter) == 0, len(prev) == 1 && prev[0].Sel == SelAll:
		if repo != nil {
			return repo.Solvables
		}
		out = make([]ID, 0, p.Len())
		for id := 1; id <= p.Len(); id++ {
			out = append(out, ID(id))
		}
		return out
	case len(prev) == 0:
		return nil
	case len(prev) == 1 && prev[0].Sel == SelRepo:
		if repo != nil && prev[0].Repo != repo || prev[0].Repo == nil {
			return nil
		}
		return prev[0].Repo.Solvables
	}
	for _, id := range p.selSolvables(prev) {
		if repo == nil || p.solvables[id].Repo == repo {
			out = append(out, id)
		}
	}
	return out
}

func (p *Pool) pkgSelection(q []ID, f SelectFlags) []Job {
	if len(q) == 0 {
		return nil
	}
	sel := make([]Job, len(q))
	for i, id := range q {
		sel[i] = Job{Sel: SelPkg, Pkgs: []ID{id}, Flags: JobNoAutoSet}
	}
	if f&SelectFlat != 0 {
		sel = p.flatten(sel)
	}
	return sel
}

// SelectMatchDeps selects the packages whose key dependencies match a
// user string (libsolv's selection_make_matchdeps): SelectRel splits off
// a relation, SelectGlob and SelectNoCase match names, SelectMatchDepStr
// matches the dependency's text.
func (p *Pool) SelectMatchDeps(prev []Job, name string, f SelectFlags, key DepKey) []Job {
	return p.matchDeps(prev, name, nil, f, key)
}

// SelectMatchDepID selects the packages whose key dependencies match dep
// (libsolv's selection_make_matchdepid); with SelectMatchDepStr the
// dependency must be the same text.
func (p *Pool) SelectMatchDepID(prev []Job, dep Dep, f SelectFlags, key DepKey) []Job {
	return p.matchDeps(prev, "", &dep, f, key)
}

func (p *Pool) matchDeps(prev []Job, name string, dep *Dep, f SelectFlags, key DepKey) []Job {
	if !p.ready {
		p.CreateWhatProvides()
	}
	lim := p.limiter(prev, f)
	if f&selectModeBits != 0 {
		sel := p.matchDepsOn(lim, name, dep, f&^selectModeBits, key)
		return p.combine(prev, sel, f, len(sel) > 0)
	}
	return p.matchDepsOn(lim, name, dep, f, key)
}

func (p *Pool) matchDepsOn(lim []ID, name string, dep *Dep, f SelectFlags, key DepKey) []Job {
	if len(lim) == 0 || name == "" && dep == nil {
		return nil
	}
	if f&SelectMatchDepStr != 0 {
		f &^= SelectRel
	}
	rname, rop, revr := name, evr.Op(0), ""
	if dep == nil {
		if f&SelectRel != 0 {
			if i := strings.IndexAny(rname, "<=>"); i >= 0 {
				n, op, e, ok := splitRel(rname, i)
				if !ok {
					return nil
				}
				rname, rop, revr = n, op, e
			}
		}
		if f&SelectGlob != 0 && !strings.ContainsAny(rname, "[*?") {
			f &^= SelectGlob
		}
		if f&(SelectGlob|SelectNoCase|SelectMatchDepStr) == 0 {
			dep = &Dep{Name: rname, Op: rop, EVR: revr}
		}
	}
	glob, nocase := f&SelectGlob != 0, f&SelectNoCase != 0
	if dep != nil && key == KeyName && f&SelectMatchDepStr != 0 && (dep.Rich != nil || dep.Op != OpEqual) {
		return nil
	}
	var q []ID
	for _, id := range lim {
		s := p.solvables[id]
		if !p.selMatchesFlags(s, f) {
			continue
		}
		if key == KeyName {
			switch {
			case dep != nil && f&SelectMatchDepStr != 0:
				if s.nameStr() != dep.Name || s.evrStr() != dep.EVR {
					continue
				}
			case dep != nil:
				if !p.matchNEVR(s, *dep) {
					continue
				}
			case f&SelectMatchDepStr != 0:
				if !strMatch(rname, s.nameStr()+" = "+s.evrStr(), glob, nocase) {
					continue
				}
			default:
				if !strMatch(rname, s.nameStr(), glob, nocase) {
					continue
				}
				if rop != 0 && !p.overlap(rop, p.parsed(revr), OpEqual, s.pe()) {
					continue
				}
			}
			q = append(q, id)
			continue
		}
		found := false
		for _, d := range s.deps(key) {
			switch {
			case dep != nil && f&SelectMatchDepStr != 0:
				found = d.String() == dep.String()
			case dep != nil:
				found = dep.Rich == nil && p.depMatch(d, *dep)
			case f&SelectMatchDepStr != 0:
				found = strMatch(rname, d.String(), glob, nocase)
			default:
				found = p.depNameMatch(d, rname, rop, revr, glob, nocase)
			}
			if found {
				break
			}
		}
		if found {
			q = append(q, id)
		}
	}
	return p.pkgSelection(q, f)
}

// depNameMatch is libsolv's matchdep: the dependency's name matches the
// user string and, when a relation was given, its range meets it (an
// unversioned dependency meets every relation).
func (p *Pool) depNameMatch(d Dep, rname string, rop evr.Op, revr string, glob, nocase bool) bool {
	atom := func(a Dep) bool {
		if !strMatch(rname, a.Name, glob, nocase) {
			return false
		}
		if a.Op == 0 || rop == 0 {
			return true
		}
		return p.overlap(a.Op, p.parsed(a.EVR), rop, p.parsed(revr))
	}
	if d.Rich == nil {
		return atom(d)
	}
	return richAny(d.Rich, atom, 0)
}

// SelectMatchSolvable selects the packages with a key dependency that
// solvable id provides (libsolv's selection_make_matchsolvable).
func (p *Pool) SelectMatchSolvable(prev []Job, id ID, f SelectFlags, key DepKey) []Job {
	if !p.ready {
		p.CreateWhatProvides()
	}
	lim := p.limiter(prev, f)
	if f&selectModeBits != 0 {
		sel := p.matchSolvableOn(lim, id, f&^selectModeBits, key)
		return p.combine(prev, sel, f, len(sel) > 0)
	}
	return p.matchSolvableOn(lim, id, f, key)
}

func (p *Pool) matchSolvableOn(lim []ID, target ID, f SelectFlags, key DepKey) []Job {
	if len(lim) == 0 || target <= 0 || int(target) > p.Len() {
		return nil
	}
	var q []ID
	for _, id := range lim {
		s := p.solvables[id]
		if id == target || !p.selMatchesFlags(s, f) {
			continue
		}
		for _, d := range s.deps(key) {
			prov := p.depProviders(d)
			i := sort.Search(len(prov), func(i int) bool { return prov[i] >= target })
			if i < len(prov) && prov[i] == target && p.visible(target) {
				q = append(q, id)
				break
			}
		}
	}
	return p.pkgSelection(q, f)
}

// SelectionPackages is the sorted set of packages a selection covers (libsolv's
// selection_solvables).
func (p *Pool) SelectionPackages(sel []Job) []ID { return p.selSolvables(sel) }

// GlobMatch is fnmatch(3) without flags ('*' also matches '/'), optionally case-folding,
// as hawkey's __glob filters (with ICASE) match.
func GlobMatch(pattern, s string, nocase bool) bool { return globMatch(pattern, s, nocase) }
