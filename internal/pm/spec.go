package pm

import (
	"path"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// This file is hawkey's Subject (libdnf's hy-subject and nevra.cpp): how dnf turns what
// the user typed into packages. The NEVRA forms are tried in dnf's order (name-[epoch:]
// version-release.arch, name.arch, name, name-[epoch:]version-release, name-[epoch:]
// version); the first form whose parts (globs allowed in each) match a package wins. Then
// provides ("name", "name >= 2", globs), then file lists (paths and path globs).

// NEVRAForm is one of hawkey's forms of a package spec (install-n, -na, -nevra pick one).
type NEVRAForm int

// hawkey's forms, in HY_FORMS_MOST_SPEC order.
const (
	FormNEVRA NEVRAForm = iota
	FormNA
	FormName
	FormNEVR
	FormNEV
)

var mostSpecific = []NEVRAForm{FormNEVRA, FormNA, FormName, FormNEVR, FormNEV}

// nevra is a spec split by one form; hasEpoch is set when the spec names an epoch.
type nevra struct {
	name, epoch, version, release, arch string
	hasEpoch                            bool
}

// badChars may appear in no part of a NEVRA (libdnf's parser rejects them).
const badChars = "(/=<> "

// parseNEVRA splits s by one form (libdnf's Nevra::parse): the name is the longest
// prefix, version and release hold no '-', the arch no '.', the epoch is decimal.
func parseNEVRA(s string, form NEVRAForm) (nevra, bool) {
	var n nevra
	if s == "" || strings.ContainsAny(s, badChars) {
		return n, false
	}
	rest := s
	if form == FormNEVRA || form == FormNA {
		i := strings.LastIndexByte(rest, '.')
		if i <= 0 || i == len(rest)-1 || strings.ContainsAny(rest[i+1:], "-:") {
			return n, false
		}
		n.arch, rest = rest[i+1:], rest[:i]
	}
	if form == FormNEVRA || form == FormNEVR {
		i := strings.LastIndexByte(rest, '-')
		if i <= 0 || i == len(rest)-1 || strings.ContainsRune(rest[i+1:], ':') {
			return n, false
		}
		n.release, rest = rest[i+1:], rest[:i]
	}
	if form == FormNEVRA || form == FormNEVR || form == FormNEV {
		i := strings.LastIndexByte(rest, '-')
		if i <= 0 || i == len(rest)-1 {
			return n, false
		}
		ev := rest[i+1:]
		rest = rest[:i]
		if e, v, ok := strings.Cut(ev, ":"); ok {
			if e == "" || strings.Trim(e, "0123456789") != "" || v == "" || strings.ContainsRune(v, ':') {
				return n, false
			}
			n.epoch, n.hasEpoch, ev = e, true, v
		}
		n.version = ev
	}
	if rest == "" || strings.ContainsRune(rest, ':') {
		return n, false
	}
	n.name = rest
	return n, true
}

// isGlob reports whether s holds fnmatch's special characters.
func isGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// partMatch matches one part: fnmatch when the pattern is a glob, else equality.
func partMatch(pat, s string) bool {
	if isGlob(pat) {
		ok, err := path.Match(pat, s)
		return err == nil && ok
	}
	return pat == s
}

// matches reports whether a package (name, epoch:version-release, arch) fits n.
func (n nevra) matches(name, evrs, arch string) bool {
	if !partMatch(n.name, name) {
		return false
	}
	if n.arch != "" && !partMatch(n.arch, arch) {
		return false
	}
	if n.version == "" {
		return true
	}
	e := evr.ParseLax(evrs)
	if n.hasEpoch && strings.TrimLeft(n.epoch, "0") != strings.TrimLeft(e.Epoch, "0") {
		return false
	}
	if !partMatch(n.version, e.Version) {
		return false
	}
	return n.release == "" || partMatch(n.release, e.Release)
}

// justName reports whether the spec gave only a name (dnf then also offers the packages
// obsoleting the match).
func (n nevra) justName() bool { return n.version == "" && n.arch == "" }

// specMatch is what a spec selected and how.
type specMatch struct {
	ids []solver.ID
	// by says how the spec matched: "nevra" (one of the forms), "provides" or "file".
	by   string
	form nevra
}

// subject resolves a spec as hawkey's Subject.get_best_solution does, over the
// candidates keep accepts (installed or installable packages; never source packages).
func (b *Base) subject(spec string, forms []NEVRAForm, withProvides bool, keep func(solver.ID) bool) specMatch {
	return b.subjectOf(spec, forms, withProvides, false, keep)
}

// subjectOf is subject; withSrc also matches source packages by their NEVRA (repoquery's
// query holds them).
func (b *Base) subjectOf(spec string, forms []NEVRAForm, withProvides, withSrc bool, keep func(solver.ID) bool) specMatch {
	if forms == nil {
		forms = mostSpecific
	}
	pool := b.Pool
	for _, f := range forms {
		n, ok := parseNEVRA(spec, f)
		if !ok {
			continue
		}
		var ids []solver.ID
		for id := solver.ID(1); int(id) <= pool.Len(); id++ {
			if name, ok := b.indexName(id); ok && !partMatch(n.name, name) {
				continue // the name decides most packages, without a Solvable made for each
			}
			s := pool.Peek(id)
			if s == nil || !withSrc && (s.Arch == "src" || s.Arch == "nosrc") || !keep(id) {
				continue
			}
			if n.matches(s.Name, s.EVR, s.Arch) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			return specMatch{ids: ids, by: "nevra", form: n}
		}
	}
	if !withProvides {
		return specMatch{}
	}
	filter := func(ids []solver.ID) []solver.ID {
		var out []solver.ID
		for _, id := range ids {
			if s := pool.Peek(id); s != nil && s.Arch != "src" && s.Arch != "nosrc" && keep(id) {
				out = append(out, id)
			}
		}
		return out
	}
	if strings.HasPrefix(strings.TrimSpace(spec), "(") {
		// a rich dependency: hawkey reads it as a provides query whose
		// providers are the union/intersection its operators say
		d, err := solver.FromRPM(dep.Dep{Name: strings.TrimSpace(spec)})
		if err != nil {
			return specMatch{}
		}
		if ids := filter(pool.Providers(d)); len(ids) > 0 {
			return specMatch{ids: ids, by: "provides"}
		}
		return specMatch{}
	}
	flags := solver.SelectProvides | solver.SelectRel
	if isGlob(spec) {
		flags |= solver.SelectGlob
	}
	if ids := filter(pool.SelectionPackages(pool.Select(nil, spec, flags|solver.SelectWithDisabled))); len(ids) > 0 {
		return specMatch{ids: ids, by: "provides"}
	}
	if strings.HasPrefix(spec, "/") {
		p := spec
		if len(p) > 1 {
			p = strings.TrimRight(p, "/")
		}
		fl := solver.SelectFilelist | solver.SelectWithDisabled
		if isGlob(p) {
			fl |= solver.SelectGlob
		}
		if ids := filter(pool.SelectionPackages(pool.Select(nil, p, fl))); len(ids) > 0 {
			return specMatch{ids: ids, by: "file"}
		}
		if ids := filter(b.filelistOwners(p)); len(ids) > 0 {
			return specMatch{ids: ids, by: "file"}
		}
	}
	return specMatch{}
}
