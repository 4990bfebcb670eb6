package solver

import "github.com/nimbus-linux/nimbus/internal/evr"

// Comparison flags of a versioned dependency, the same bits as rpm's
// RPMSENSE_LESS/GREATER/EQUAL (and evr.Op).
const (
	OpLess    = evr.Less
	OpGreater = evr.Greater
	OpEqual   = evr.Equal
)

// parsedEVR is an EVR split once and cached by the pool.
type parsedEVR struct {
	e          evr.EVR
	raw        string
	hasRelease bool
}

func parseEVR(s string) parsedEVR {
	e := evr.ParseLax(s)
	return parsedEVR{e: e, raw: s, hasRelease: e.Release != ""}
}

// compareEVR orders two package EVRs (libsolv's EVRCMP_COMPARE, rpm's
// rpmverCmp: a missing epoch is 0, a missing release sorts first).
func compareEVR(a, b parsedEVR) int { return evr.Compare(a.e, b.e) }

// cmpEVR orders two package versions with the pool's version semantics.
func (p *Pool) cmpEVR(a, b *parsedEVR) int {
	if a == b {
		return 0
	}
	if p.Debian {
		return debCompare(a.raw, b.raw)
	}
	return compareEVR(*a, *b)
}

func (p *Pool) overlap(pop evr.Op, pevr *parsedEVR, rop evr.Op, revr *parsedEVR) bool {
	if pop == 0 || rop == 0 {
		if p.Debian {
			return rop == 0
		}
		return true
	}
	if p.Debian {
		return debOverlap(pop, *pevr, rop, *revr)
	}
	return rangesOverlap(pop, *pevr, rop, *revr)
}

// matchEVR is libsolv's EVRCMP_MATCH_RELEASE comparison used for dependency
// matching. When the versions tie and exactly one side has a release it
// returns 2 (only a has one) or -2 (only b has one): the side without a
// release stands for every release of that version.
func matchEVR(a, b parsedEVR) int {
	ea, eb := a.e.Epoch, b.e.Epoch
	if ea == "" {
		ea = "0"
	}
	if eb == "" {
		eb = "0"
	}
	if c := evr.Vercmp(ea, eb); c != 0 {
		return c
	}
	if c := evr.Vercmp(a.e.Version, b.e.Version); c != 0 {
		return c
	}
	switch {
	case a.hasRelease && b.hasRelease:
		return evr.Vercmp(a.e.Release, b.e.Release)
	case a.hasRelease:
		return 2
	case b.hasRelease:
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
