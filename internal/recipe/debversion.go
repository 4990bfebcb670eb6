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
	e.Version = strings.NewReplacer("-", "_", ":", "_").Replace(upstream)
	e.Release = revision
	if e.Release == "" {
		e.Release = "0"
	}
	return e, nil
}
