package evr

import (
	"errors"
	"fmt"
	"strings"
)

// EVR is an rpm epoch:version-release triple. An empty Epoch means the
// epoch is absent (compared as "0"); an empty Release means the release is
// absent.
type EVR struct {
	Epoch   string
	Version string
	Release string
}

// Sentinel causes returned (wrapped) by Parse.
var (
	ErrEmptyVersion = errors.New("empty version")
	ErrEmptyRelease = errors.New("empty release after '-'")
	ErrBadEpoch     = errors.New("epoch must be unsigned decimal digits")
	ErrBadChar      = errors.New("invalid character")
)

// Parse parses "[epoch:]version[-release]". The epoch is everything before
// the first ':' and must be decimal digits; the release is everything after
// the last '-'. Whitespace, NUL bytes and a second ':' are rejected, as are
// empty versions and releases. Errors name the input and wrap one of the
// Err* sentinels.
func Parse(s string) (EVR, error) {
	if i := strings.IndexFunc(s, func(r rune) bool { return r == 0 || isSpace(r) }); i >= 0 {
		return EVR{}, fmt.Errorf("evr %q: %w %q at offset %d", s, ErrBadChar, s[i], i)
	}
	var e EVR
	rest := s
	if ep, after, ok := strings.Cut(s, ":"); ok {
		if ep == "" || strings.IndexFunc(ep, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return EVR{}, fmt.Errorf("evr %q: epoch %q: %w", s, ep, ErrBadEpoch)
		}
		e.Epoch, rest = ep, after
		if strings.Contains(rest, ":") {
			return EVR{}, fmt.Errorf("evr %q: %w ':' after the epoch", s, ErrBadChar)
		}
	}
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		e.Version, e.Release = rest[:i], rest[i+1:]
		if e.Release == "" {
			return EVR{}, fmt.Errorf("evr %q: %w", s, ErrEmptyRelease)
		}
	} else {
		e.Version = rest
	}
	if e.Version == "" {
		return EVR{}, fmt.Errorf("evr %q: %w", s, ErrEmptyVersion)
	}
	return e, nil
}

// ParseLax splits s the way rpm's parseEVR does and never fails: an epoch
// is recognised only when s starts with digits followed by ':' (an empty
// epoch before ':' becomes "0"), and the release is whatever follows the
// last '-' after the epoch. It is meant for strings that come from package
// headers, which rpm itself never validates. rpm distinguishes an empty
// release ("1.0-") from an absent one; EVR cannot, so both read as absent.
func ParseLax(s string) EVR {
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i] // C string semantics
	}
	var e EVR
	d := 0
	for d < len(s) && isDigit(s[d]) {
		d++
	}
	rest := s
	if d < len(s) && s[d] == ':' {
		e.Epoch = s[:d]
		if e.Epoch == "" {
			e.Epoch = "0"
		}
		rest = s[d+1:]
	}
	// rpm searches for the last '-' starting after the epoch digits.
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		e.Version, e.Release = rest[:i], rest[i+1:]
	} else {
		e.Version = rest
	}
	return e
}

// String formats e as "[epoch:]version[-release]"; it is the inverse of
// Parse.
func (e EVR) String() string {
	var b strings.Builder
	b.Grow(len(e.Epoch) + len(e.Version) + len(e.Release) + 2)
	if e.Epoch != "" {
		b.WriteString(e.Epoch)
		b.WriteByte(':')
	}
	b.WriteString(e.Version)
	if e.Release != "" {
		b.WriteByte('-')
		b.WriteString(e.Release)
	}
	return b.String()
}

// IsZero reports whether e has no epoch, version or release (the empty EVR).
func (e EVR) IsZero() bool { return e == EVR{} }

// Compare orders two EVRs as rpm 4.18's rpmverCmp (rpm.vercmp in rpm's Lua)
// does: epochs first (absent counts as "0"), then versions, then releases,
// each with Vercmp. A present release sorts after an absent one, so
// "1.0-1" > "1.0"; this keeps Compare a total order. Dependency matching,
// where a missing release means "any release", is Overlap's job.
func Compare(a, b EVR) int {
	if c := Vercmp(orZero(a.Epoch), orZero(b.Epoch)); c != 0 {
		return c
	}
	if c := Vercmp(a.Version, b.Version); c != 0 {
		return c
	}
	switch {
	case a.Release == "" && b.Release == "":
		return 0
	case b.Release == "":
		return 1
	case a.Release == "":
		return -1
	}
	return Vercmp(a.Release, b.Release)
}

func orZero(epoch string) string {
	if epoch == "" {
		return "0"
	}
	return epoch
}

// isSpace is C's isspace in the "C" locale, which rpm uses (risspace).
func isSpace[T rune | byte](c T) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
