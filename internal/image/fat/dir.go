package fat

import (
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// Directory entries (FAT spec §6): 32 bytes each; a name that is not a valid upper-case
// 8.3 name gets long-name (VFAT) entries before its short entry, in reverse order, each
// carrying 13 UTF-16 units and the checksum of the generated short name "BASIS~N.EXT".

const (
	attrReadOnly = 0x01
	attrDir      = 0x10
	attrArchive  = 0x20
	attrVolume   = 0x08
	attrLFN      = 0x0F
)

func (v *Volume) dirBytes(n, parent *node) []byte {
	var out []byte
	d, t := dosTime(v.Time)
	if parent == nil && n == v.tree {
		out = append(out, shortEntry(v.label(), attrVolume, 0, 0, d, t)...)
	} else {
		pc := uint32(0)
		if parent != nil && parent != v.tree {
			pc = parent.cluster
		}
		out = append(out, shortEntry([]byte(".          "), attrDir, n.cluster, 0, d, t)...)
		out = append(out, shortEntry([]byte("..         "), attrDir, pc, 0, d, t)...)
	}
	used := map[string]bool{}
	for _, c := range n.children {
		short, ok := shortName(c.name)
		if !ok || used[string(short)] {
			short = uniqueShort(c.name, used)
			for _, e := range lfnEntries(c.name, checksum(short)) {
				out = append(out, e...)
			}
		}
		used[string(short)] = true
		attr, size := byte(attrArchive), uint32(len(c.data))
		if c.dir {
			attr, size = attrDir, 0
		}
		out = append(out, shortEntry(short, attr, c.cluster, size, d, t)...)
	}
	return out
}

func shortEntry(name []byte, attr byte, cluster, size uint32, d, t uint16) []byte {
	e := make([]byte, 32)
	le := binary.LittleEndian
	copy(e[0:11], name)
	e[11] = attr
	le.PutUint16(e[14:], t)
	le.PutUint16(e[16:], d)
	le.PutUint16(e[18:], d)
	le.PutUint16(e[20:], uint16(cluster>>16))
	le.PutUint16(e[22:], t)
	le.PutUint16(e[24:], d)
	le.PutUint16(e[26:], uint16(cluster))
	le.PutUint32(e[28:], size)
	return e
}

const shortChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$%'-_@~`!(){}^#&"

// shortName returns the 11-byte 8.3 name when s already is a valid upper-case 8.3 name.
func shortName(s string) ([]byte, bool) {
	base, ext, _ := strings.Cut(s, ".")
	if len(base) < 1 || len(base) > 8 || len(ext) > 3 || strings.Contains(ext, ".") || (strings.Contains(s, ".") && ext == "") {
		return nil, false
	}
	for _, r := range base + ext {
		if !strings.ContainsRune(shortChars, r) {
			return nil, false
		}
	}
	out := []byte("           ")
	copy(out, base)
	copy(out[8:], ext)
	return out, true
}

func uniqueShort(s string, used map[string]bool) []byte {
	clean := func(x string, n int) string {
		var b strings.Builder
		for _, r := range strings.ToUpper(x) {
			if b.Len() >= n {
				break
			}
			if strings.ContainsRune(shortChars, r) {
				b.WriteRune(r)
			} else if r != ' ' && r != '.' {
				b.WriteByte('_')
			}
		}
		return b.String()
	}
	base, ext := s, ""
	if i := strings.LastIndex(s, "."); i > 0 {
		base, ext = s[:i], s[i+1:]
	}
	b, e := clean(base, 8), clean(ext, 3)
	if b == "" {
		b = "_"
	}
	for i := 1; ; i++ {
		tail := fmt.Sprintf("~%d", i)
		bb := b
		if len(bb)+len(tail) > 8 {
			bb = bb[:8-len(tail)]
		}
		out := []byte("           ")
		copy(out, bb+tail)
		copy(out[8:], e)
		if !used[string(out)] {
			return out
		}
	}
}

func checksum(short []byte) byte {
	var sum byte
	for _, c := range short[:11] {
		sum = (sum&1)<<7 + sum>>1 + c
	}
	return sum
}

func lfnEntries(name string, sum byte) [][]byte {
	u := make([]uint16, 0, len(name)+13)
	for _, r := range name {
		u = append(u, uint16(r))
	}
	n := (len(u) + 12) / 13
	if len(u)%13 != 0 {
		u = append(u, 0)
		for len(u)%13 != 0 {
			u = append(u, 0xFFFF)
		}
	}
	le := binary.LittleEndian
	var out [][]byte
	for i := n; i >= 1; i-- {
		e := make([]byte, 32)
		e[0] = byte(i)
		if i == n {
			e[0] |= 0x40
		}
		e[11] = attrLFN
		e[13] = sum
		chunk := u[(i-1)*13 : i*13]
		for j, off := range []int{1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30} {
			le.PutUint16(e[off:], chunk[j])
		}
		out = append(out, e)
	}
	return out
}

// dosTime encodes t (UTC) as FAT's date and time; times before 1980 become 1980-01-01.
func dosTime(t time.Time) (date, tod uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		return 1<<5 | 1, 0
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Year()-1980)<<9 | uint16(t.Month())<<5 | uint16(t.Day())
	tod = uint16(t.Hour())<<11 | uint16(t.Minute())<<5 | uint16(t.Second()/2)
	return date, tod
}
