package repo

import "fmt"

// InvalidIDByte returns the index of the first byte of id that may not appear in a
// repository id, or -1 when id is valid. The rule is libdnf's Repo::verifyId (dnf 4.14):
// ASCII letters, digits and "-_.:" only. Since '/' is excluded, an id is always one path
// component; "." and ".." are valid ids for dnf too, so every path built from an id must
// still add something to it (CACHEDIR/ID-HASH, as dnf does). An empty id is refused.
func InvalidIDByte(id string) int {
	if id == "" {
		return 0
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '_', c == '.', c == ':':
		default:
			return i
		}
	}
	return -1
}

// BadIDError is a .repo section whose id is not a valid repository id. Its message is
// dnf's ("Bad id for repo: ID, byte = C N", with the unsubstituted id in parentheses
// when variables changed it) followed by where it is and what to do.
type BadIDError struct {
	ID     string // after variable substitution
	Raw    string // as written in the file
	At     int    // index of the first bad byte in ID
	Source string // file:line
}

func (e *BadIDError) Error() string {
	var b string
	if e.At < len(e.ID) {
		b = string(e.ID[e.At])
	}
	id := e.ID
	if e.Raw != e.ID {
		id = fmt.Sprintf("%s (%s)", e.ID, e.Raw)
	}
	return fmt.Sprintf("Bad id for repo: %s, byte = %s %d (%s: section skipped; repository ids may contain only letters, digits and -_.:)",
		id, b, e.At, e.Source)
}
