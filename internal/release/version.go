package release

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Version is a release version YEAR.MINOR.YYYYMMDD, e.g. 2026.10.20261001. The fields
// are compared as numbers, so 2026.9.x sorts below 2026.10.x (Amazon Linux's
// check-release-update compared the strings and got this wrong).
type Version struct {
	Year, Minor int
	Date        int // YYYYMMDD
}

// ParseVersion reads YEAR.MINOR.YYYYMMDD: a four-digit year, a minor number without
// leading zeros, and a valid calendar date in that year or later.
func ParseVersion(s string) (Version, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return Version{}, fmt.Errorf("release version %q: want YEAR.MINOR.YYYYMMDD (e.g. 2026.10.20261001)", s)
	}
	num := func(p, what string, width int) (int, error) {
		if p == "" || len(p) > 9 || (width > 0 && len(p) != width) || (width == 0 && len(p) > 1 && p[0] == '0') {
			return 0, fmt.Errorf("release version %q: bad %s %q", s, what, p)
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("release version %q: bad %s %q", s, what, p)
			}
		}
		n, _ := strconv.Atoi(p)
		return n, nil
	}
	var v Version
	var err error
	if v.Year, err = num(parts[0], "year", 4); err != nil {
		return Version{}, err
	}
	if v.Minor, err = num(parts[1], "minor number", 0); err != nil {
		return Version{}, err
	}
	if v.Date, err = num(parts[2], "date", 8); err != nil {
		return Version{}, err
	}
	t, perr := time.Parse("20060102", parts[2])
	if perr != nil || t.Format("20060102") != parts[2] {
		return Version{}, fmt.Errorf("release version %q: %s is not a date (YYYYMMDD)", s, parts[2])
	}
	if t.Year() < v.Year {
		return Version{}, fmt.Errorf("release version %q: date %s is before the release year %d", s, parts[2], v.Year)
	}
	return v, nil
}

// String formats v as YEAR.MINOR.YYYYMMDD.
func (v Version) String() string { return fmt.Sprintf("%04d.%d.%08d", v.Year, v.Minor, v.Date) }

// Compare orders versions: year, then minor, then date, each numerically.
func (v Version) Compare(w Version) int {
	for _, d := range [...]int{v.Year - w.Year, v.Minor - w.Minor, v.Date - w.Date} {
		if d < 0 {
			return -1
		}
		if d > 0 {
			return 1
		}
	}
	return 0
}

// CompareStrings orders two version strings as Compare does. Strings that are not release
// versions (an old-style "2026", "latest") are compared field by field with numeric runs
// compared as numbers, after all proper versions of the same year; it never panics.
func CompareStrings(a, b string) int {
	va, ea := ParseVersion(a)
	vb, eb := ParseVersion(b)
	if ea == nil && eb == nil {
		return va.Compare(vb)
	}
	return compareFields(a, b)
}

// compareFields compares dot-separated fields, numerically when both are digits.
func compareFields(a, b string) int {
	fa, fb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(fa) && i < len(fb); i++ {
		na, ea := strconv.ParseUint(fa[i], 10, 63)
		nb, eb := strconv.ParseUint(fb[i], 10, 63)
		switch {
		case ea == nil && eb == nil:
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
		case ea == nil: // numbers after words: "latest" is no version
			return 1
		case eb == nil:
			return -1
		default:
			if c := strings.Compare(fa[i], fb[i]); c != 0 {
				return c
			}
		}
	}
	switch {
	case len(fa) < len(fb):
		return -1
	case len(fa) > len(fb):
		return 1
	}
	return 0
}
