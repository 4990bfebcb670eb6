package evr

import "strings"

// Vercmp compares two version (or release) strings exactly as rpm 4.18's
// rpmvercmp does and returns -1, 0 or 1.
//
// The strings are walked segment by segment. Runs of characters that are
// not ASCII letters, digits, '~' or '^' are separators and only delimit
// segments. A segment is a maximal run of digits or of letters; a numeric
// segment beats an alphabetic one, numeric segments compare by value
// (leading zeros dropped, then length, then bytes) and alphabetic ones
// bytewise. '~' sorts before everything, even the end of the string
// ("1.0~rc1" < "1.0"); '^' sorts after the end of the string but before any
// further segment ("1.0" < "1.0^git1" < "1.0.1"). If all segments tie, the
// string with characters left over wins, unless only separators differ.
//
// As in C, a string ends at its first NUL byte.
func Vercmp(a, b string) int {
	a, b = cString(a), cString(b)
	if a == b {
		return 0
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !isAlnum(a[i]) && a[i] != '~' && a[i] != '^' {
			i++
		}
		for j < len(b) && !isAlnum(b[j]) && b[j] != '~' && b[j] != '^' {
			j++
		}
		ca, cb := at(a, i), at(b, j)

		// Tilde sorts before everything else, including the end.
		if ca == '~' || cb == '~' {
			if ca != '~' {
				return 1
			}
			if cb != '~' {
				return -1
			}
			i, j = i+1, j+1
			continue
		}

		// Caret is like tilde, except that the end of a string (the base
		// version) sorts before it.
		if ca == '^' || cb == '^' {
			if ca == 0 {
				return -1
			}
			if cb == 0 {
				return 1
			}
			if ca != '^' {
				return 1
			}
			if cb != '^' {
				return -1
			}
			i, j = i+1, j+1
			continue
		}

		if ca == 0 || cb == 0 {
			break
		}

		// Take the next all-digit or all-letter segment of each side; the
		// kind is decided by a.
		ei, ej := i, j
		isNum := isDigit(a[i])
		class := isAlpha
		if isNum {
			class = isDigit
		}
		for ei < len(a) && class(a[ei]) {
			ei++
		}
		for ej < len(b) && class(b[ej]) {
			ej++
		}
		sa, sb := a[i:ei], b[j:ej]

		// Different kinds: b's segment is empty. Numbers beat letters.
		if sb == "" {
			if isNum {
				return 1
			}
			return -1
		}
		if isNum {
			sa = strings.TrimLeft(sa, "0")
			sb = strings.TrimLeft(sb, "0")
			if len(sa) != len(sb) {
				if len(sa) > len(sb) {
					return 1
				}
				return -1
			}
		}
		if c := strings.Compare(sa, sb); c != 0 {
			return c
		}
		i, j = ei, ej
	}
	// All segments equal: whichever side has characters left wins, unless
	// both are exhausted (only the separators differed).
	switch {
	case i >= len(a) && j >= len(b):
		return 0
	case i >= len(a):
		return -1
	}
	return 1
}

func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }
