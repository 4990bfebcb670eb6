package fsutil

import (
	"io/fs"
	"testing"
)

func TestModes(t *testing.T) {
	for m := uint32(0); m <= 0o7777; m++ {
		g := ModeFromUnix(m)
		if g.Perm() != fs.FileMode(m&0o777) || (g&fs.ModeSetuid != 0) != (m&0o4000 != 0) ||
			(g&fs.ModeSetgid != 0) != (m&0o2000 != 0) || (g&fs.ModeSticky != 0) != (m&0o1000 != 0) {
			t.Fatalf("ModeFromUnix(%o) = %v", m, g)
		}
		if back := UnixMode(g); back != m {
			t.Fatalf("UnixMode(ModeFromUnix(%o)) = %o", m, back)
		}
	}
	if ModeFromUnix(0o100644) != 0o644 {
		t.Errorf("the file type bits are not permission bits")
	}
}
