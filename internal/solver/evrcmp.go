package solver

import (
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// Comparison flags of a versioned dependency, the same bits as rpm's
// RPMSENSE_LESS/GREATER/EQUAL (and evr.Op).
const (
	OpLess    = evr.Less
	OpGreater = evr.Greater
	OpEqual   = evr.Equal
)

// parsedEVR is an EVR split where it is compared (Pool.evrOf): the string and
// the positions of its parts (32 bytes, a value; evr.EVR's three strings
// beside the raw one took 72), split as evr.ParseLax splits it.
type parsedEVR struct {
	raw string
	// colon is the epoch's ':' (-1 without an epoch), dash the '-' before
	// the release (-1 without a release), end the end of what is parsed (a
	// NUL byte ends it: C string semantics)
	colon, dash, end int32
}

func parseEVR(raw string) parsedEVR {
	s := raw
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	pe := parsedEVR{raw: raw, colon: -1, dash: -1, end: int32(len(s))}
	d := 0
	for d < len(s) && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	rest := 0
	if d < len(s) && s[d] == ':' {
		pe.colon = int32(d)
		rest = d + 1
	}
	if i := strings.LastIndexByte(s[rest:], '-'); i >= 0 {
		pe.dash = int32(rest + i)
	}
	return pe
}

// epoch is the epoch as evr.ParseLax gives it: "" without one, "0" for an
// empty one before a ':'.
func (pe *parsedEVR) epoch() string {
	switch pe.colon {
	case -1:
		return ""
	case 0:
		return "0"
	}
	return pe.raw[:pe.colon]
}

func (pe *parsedEVR) version() string {
	if pe.dash >= 0 {
		return pe.raw[pe.colon+1 : pe.dash]
	}
	return pe.raw[pe.colon+1 : pe.end]
}

func (pe *parsedEVR) release() string {
	if pe.dash >= 0 {
		return pe.raw[pe.dash+1 : pe.end]
	}
	return ""
}

func (pe *parsedEVR) hasRelease() bool { return pe.dash >= 0 && pe.dash+1 < pe.end }

func (pe *parsedEVR) evr() evr.EVR {
	return evr.EVR{Epoch: pe.epoch(), Version: pe.version(), Release: pe.release()}
}

// compareEVR orders two package EVRs (libsolv's EVRCMP_COMPARE, rpm's
// rpmverCmp: a missing epoch is 0, a missing release sorts first).
func compareEVR(a, b parsedEVR) int { return evr.Compare(a.evr(), b.evr()) }

// cmpEVR orders two package versions with the pool's version semantics.
func (p *Pool) cmpEVR(a, b parsedEVR) int {
	if a.raw == b.raw {
		return 0
	}
	if p.Debian {
		return debCompare(a.raw, b.raw)
	}
	return compareEVR(a, b)
}

func (p *Pool) overlap(pop evr.Op, pevr parsedEVR, rop evr.Op, revr parsedEVR) bool {
	if pop == 0 || rop == 0 {
		if p.Debian {
			return rop == 0
		}
		return true
	}
	if p.Debian {
		return debOverlap(pop, pevr, rop, revr)
	}
	return rangesOverlap(pop, pevr, rop, revr)
}

// matchEVR is libsolv's EVRCMP_MATCH_RELEASE comparison used for dependency
// matching. When the versions tie and exactly one side has a release it
// returns 2 (only a has one) or -2 (only b has one): the side without a
// release stands for every release of that version.
func matchEVR(a, b parsedEVR) int {
	ea, eb := a.epoch(), b.epoch()
	if ea == "" {
		ea = "0"
	}
	if eb == "" {
		eb = "0"
	}
	if c := evr.Vercmp(ea, eb); c != 0 {
		return c
	}
	if c := evr.Vercmp(a.version(), b.version()); c != 0 {
		return c
	}
	ra, rb := a.hasRelease(), b.hasRelease()
	switch {
	case ra && rb:
		return evr.Vercmp(a.release(), b.release())
	case ra:
		return 2
	case rb:
		return -2
	}
	return 0
}

// rangesOverlap reports whether a provide (pop, pevr) satisfies a
// dependency (rop, revr), with libsolv's rpm semantics: an unversioned side
// matches everything, ranges pointing the same way always meet, and a
// missing release on one side matches any release on the other.
func rangesOverlap(pop evr.Op, pevr parsedEVR, rop evr.Op, revr parsedEVR) bool {
	return overlapWith(pop, pevr, rop, revr, matchEVR)
}

// debOverlap is rangesOverlap with dpkg's semantics: versions compare in
// full, and an unversioned provide satisfies only unversioned dependencies.
func debOverlap(pop evr.Op, pevr parsedEVR, rop evr.Op, revr parsedEVR) bool {
	if rop == 0 {
		return true
	}
	if pop == 0 {
		return false
	}
	return overlapWith(pop, pevr, rop, revr, func(a, b parsedEVR) int { return debCompare(a.raw, b.raw) })
}

func overlapWith(pop evr.Op, pevr parsedEVR, rop evr.Op, revr parsedEVR, cmp func(a, b parsedEVR) int) bool {
	if pop == 0 || rop == 0 {
		return true
	}
	if pop&rop&(OpLess|OpGreater) != 0 {
		return true
	}
	switch cmp(pevr, revr) {
	case -2:
		return pop&OpEqual != 0
	case -1:
		return rop&OpLess != 0 || pop&OpGreater != 0
	case 0:
		return pop&rop&OpEqual != 0
	case 1:
		return rop&OpGreater != 0 || pop&OpLess != 0
	case 2:
		return rop&OpEqual != 0
	}
	return false
}
