package recipe

import (
	"fmt"
	"strconv"
	"strings"
)

// EVR is an RPM epoch, version and release.
type EVR struct {
	Epoch   *uint32
	Version string
	Release string
}

// String is [epoch:]version-release.
func (e EVR) String() string {
	s := e.Version + "-" + e.Release
	if e.Epoch != nil {
		s = strconv.FormatUint(uint64(*e.Epoch), 10) + ":" + s
	}
	return s
}

// MapDebianVersion maps a Debian version [epoch:]upstream[-revision] to an RPM EVR:
//
//   - the epoch stays the epoch (absent stays absent: both dpkg and rpm compare a
//     missing epoch as 0);
//   - the upstream version becomes the version, with each '-' and ':' (legal in
//     Debian upstream versions, forbidden in RPM's) replaced by '_';
//   - the revision becomes the release, unchanged ("2+deb12u3", "2+b13");
//     a native package without revision gets release "0".
//
// Ordering: both dpkg and rpmvercmp compare digit runs numerically and give '~' the
// same "sorts before everything, even the end" meaning. They differ on how letters
// compare with separators ('+', '.', '_'): dpkg sorts letters before non-letters,
// rpm skips separators. That difference only shows between versions that differ in
// a letter versus a separator at the same place, which the versions in Debian 12's
// relations do not do; the tests check the mapping against `dpkg --compare-versions`
// on pairs taken from real relations. The release keeps Debian's revision exactly, so
// a "(= ${binary:Version})" relation stays satisfiable.
//
// One place where the two orders do differ in Debian 12: a separator directly before a
// '~' ("3.0.2+~3.0.1", the "+~cs" suffix of Debian's JavaScript packages with bundled
// modules). dpkg compares the separator first, so "3.0.2+~3.0.1" > "3.0.2"; rpm skips
// separators, so the '~' would make it older than "3.0.2". Such a separator and tilde
// become rpm's '^', which sorts after the end of the version and before any further
// part, as the separator did in dpkg ("3.0.2^3.0.1": > 3.0.2, < 3.0.2.1 and 3.0.3).
func MapDebianVersion(v string) (EVR, error) {
	var e EVR
	if v == "" {
		return e, fmt.Errorf("empty Debian version")
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(".+~-:", c)) {
			return e, fmt.Errorf("debian version %q: character %q is not allowed", v, c)
		}
	}
	rest := v
	if ep, r, ok := strings.Cut(v, ":"); ok {
		n, err := strconv.ParseUint(ep, 10, 32)
		if err != nil {
			return e, fmt.Errorf("debian version %q: epoch %q is not a number", v, ep)
		}
		n32 := uint32(n)
		e.Epoch, rest = &n32, r
	}
	upstream, revision := rest, ""
	if i := strings.LastIndexByte(rest, '-'); i >= 0 {
		upstream, revision = rest[:i], rest[i+1:]
		if revision == "" || strings.ContainsAny(revision, ":-") {
			return e, fmt.Errorf("debian version %q: bad revision %q", v, revision)
		}
	}
	if upstream == "" || upstream[0] < '0' || upstream[0] > '9' {
		return e, fmt.Errorf("debian version %q: upstream version must start with a digit", v)
	}
	e.Version = strings.NewReplacer("-", "_", ":", "_").Replace(caretForSeparatorTilde(upstream))
	e.Release = caretForSeparatorTilde(revision)
	if e.Release == "" {
		e.Release = "0"
	}
	return e, nil
}

// caretForSeparatorTilde replaces each run of '.' and '+' followed by '~' with '^' (see
// MapDebianVersion).
func caretForSeparatorTilde(v string) string {
	if !strings.Contains(v, "+~") && !strings.Contains(v, ".~") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '.' || v[i] == '+' {
			j := i
			for j < len(v) && (v[j] == '.' || v[j] == '+') {
				j++
			}
			if j < len(v) && v[j] == '~' {
				b.WriteByte('^')
				i = j
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}
