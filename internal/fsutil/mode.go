package fsutil

import "io/fs"

// ModeFromUnix is st_mode's permission bits with setuid, setgid and sticky (07777) as a
// Go file mode, whose special bits are flags of their own.
func ModeFromUnix(m uint32) fs.FileMode {
	g := fs.FileMode(m & 0o777)
	if m&0o4000 != 0 {
		g |= fs.ModeSetuid
	}
	if m&0o2000 != 0 {
		g |= fs.ModeSetgid
	}
	if m&0o1000 != 0 {
		g |= fs.ModeSticky
	}
	return g
}

// UnixMode is a Go file mode's permission bits with setuid, setgid and sticky as st_mode's
// 07777 bits (ModeFromUnix's inverse).
func UnixMode(m fs.FileMode) uint32 {
	u := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		u |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		u |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		u |= 0o1000
	}
	return u
}
