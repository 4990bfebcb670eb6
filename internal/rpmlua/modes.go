package rpmlua

import (
	"io/fs"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// parseMode reads lposix's modes: octal ("755"), rwx ("rwxr-xr-x") or symbolic ("u+x,go-w"),
// applied to old.
func parseMode(s string, old fs.FileMode) (fs.FileMode, bool) {
	if s == "" {
		return 0, false
	}
	if v, err := strconv.ParseUint(s, 8, 32); err == nil {
		return fs.FileMode(v) & 0o7777, true
	}
	if len(s) == 9 && strings.Trim(s, "rwx-sStT") == "" {
		var m fs.FileMode
		for i, c := range s {
			bit := fs.FileMode(1) << (8 - i)
			switch c {
			case 'r', 'w', 'x':
				m |= bit
			case 's', 't':
				m |= bit | suidBit(i)
			case 'S', 'T':
				m |= suidBit(i)
			}
		}
		return m, true
	}
	m := old & 0o7777
	for _, clause := range strings.Split(s, ",") {
		i := 0
		var who fs.FileMode
		for ; i < len(clause) && strings.IndexByte("ugoa", clause[i]) >= 0; i++ {
			who |= map[byte]fs.FileMode{'u': 0o4700, 'g': 0o2070, 'o': 0o1007, 'a': 0o7777}[clause[i]]
		}
		if who == 0 {
			who = 0o7777
		}
		if i >= len(clause) || strings.IndexByte("+-=", clause[i]) < 0 {
			return 0, false
		}
		op := clause[i]
		var perm fs.FileMode
		for _, c := range clause[i+1:] {
			switch c {
			case 'r':
				perm |= 0o444
			case 'w':
				perm |= 0o222
			case 'x':
				perm |= 0o111
			case 's':
				perm |= 0o6000
			case 't':
				perm |= 0o1000
			default:
				return 0, false
			}
		}
		perm &= who
		switch op {
		case '+':
			m |= perm
		case '-':
			m &^= perm
		case '=':
			m = m&^(who&0o777) | perm
		}
	}
	return m, true
}

func suidBit(i int) fs.FileMode {
	switch i {
	case 2:
		return 0o4000
	case 5:
		return 0o2000
	case 8:
		return 0o1000
	}
	return 0
}

// goMode converts permission bits to os.FileMode (setuid and friends as Go flags).
func goMode(m fs.FileMode) fs.FileMode { return fsutil.ModeFromUnix(uint32(m)) }

// unixMode is goMode's inverse: st_mode's 07777 bits held in an fs.FileMode.
func unixMode(m fs.FileMode) fs.FileMode { return fs.FileMode(fsutil.UnixMode(m)) }
