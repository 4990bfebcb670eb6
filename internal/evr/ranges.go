package evr

import (
	"fmt"
	"strings"
)

// Op is a version comparison: a combination of rpm's RPMSENSE_LESS,
// RPMSENSE_GREATER and RPMSENSE_EQUAL bits, with the values rpm stores in
// package headers. The zero Op means "unversioned" (any version).
type Op uint32

// Comparison bits, equal to rpm's RPMSENSE_* values.
const (
	Less    Op = 1 << 1
	Greater Op = 1 << 2
	Equal   Op = 1 << 3

	LessEqual    = Less | Equal
	GreaterEqual = Greater | Equal

	// Mask selects the comparison bits of a larger flag word.
	Mask = Less | Greater | Equal
)

// ParseOp parses a comparison operator as rpm's rpmParseDSFlags does:
// "<", "<=", "=<", "=", "==", ">=", "=>" or ">".
func ParseOp(s string) (Op, error) {
	switch s {
	case "<":
		return Less, nil
	case "<=", "=<":
		return LessEqual, nil
	case "=", "==":
		return Equal, nil
	case ">=", "=>":
		return GreaterEqual, nil
	case ">":
		return Greater, nil
	}
	return 0, fmt.Errorf("unknown comparison operator %q (want one of < <= = == >= >)", s)
}

// String returns the operator as rpm prints it: '<' if Less is set, '>' if
// Greater is set, then '=' if Equal is set ("<=", ">=", "=", ...). The zero
// Op prints as "". Bits outside Mask are ignored.
func (o Op) String() string {
	var b strings.Builder
	if o&Less != 0 {
		b.WriteByte('<')
	}
	if o&Greater != 0 {
		b.WriteByte('>')
	}
	if o&Equal != 0 {
		b.WriteByte('=')
	}
	return b.String()
}

// Range is a versioned constraint such as the ">= 1.2-3" of
// "foo >= 1.2-3". An Op with no comparison bits means any version.
type Range struct {
	Op  Op
	EVR EVR
}

// String formats r as "OP EVR", or "" for an unversioned range.
func (r Range) String() string {
	if r.Op&Mask == 0 {
		return ""
	}
	return r.Op.String() + " " + r.EVR.String()
}

// Overlap reports whether two ranges have a version in common, exactly as
// rpm 4.18's rpmdsCompare / rpmverOverlap decide it:
//
//   - a range without comparison bits, or with an empty EVR, overlaps
//     everything;
//   - otherwise the EVRs are compared: epochs (absent counts as 0), then
//     versions, then releases only when both sides have one;
//   - when the versions tie and only one side has a release, the ranges
//     overlap if the side without a release includes Equal ("= 1.0" admits
//     every release of 1.0);
//   - then, with sense the result of the comparison: sense<0 overlaps if a
//     has Greater or b has Less; sense>0 if a has Less or b has Greater;
//     sense==0 if both have Equal, both Less, or both Greater.
func Overlap(a, b Range) bool {
	fa, fb := a.Op&Mask, b.Op&Mask
	if fa == 0 || fb == 0 {
		return true
	}
	if a.EVR.IsZero() || b.EVR.IsZero() {
		return true
	}
	sense := Vercmp(orZero(a.EVR.Epoch), orZero(b.EVR.Epoch))
	if sense == 0 {
		sense = Vercmp(a.EVR.Version, b.EVR.Version)
		if sense == 0 {
			ra, rb := a.EVR.Release != "", b.EVR.Release != ""
			switch {
			case ra && rb:
				sense = Vercmp(a.EVR.Release, b.EVR.Release)
			case ra && fb&Equal != 0, rb && fa&Equal != 0:
				return true
			}
		}
	}
	switch {
	case sense < 0:
		return fa&Greater != 0 || fb&Less != 0
	case sense > 0:
		return fa&Less != 0 || fb&Greater != 0
	}
	return fa&fb != 0 // both Equal, both Less or both Greater
}
