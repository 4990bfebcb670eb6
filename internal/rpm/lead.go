package rpm

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// The lead is the 96-byte legacy preamble of every package file. rpm 4.x ignores most of it
// but checks the magic, the major version (3 or 4) and the signature type (5 = header-style
// signature); the name field is a NUL-padded "name-version-release" of at most 65 bytes.
const leadSize = 96

var leadMagic = [4]byte{0xed, 0xab, 0xee, 0xdb}

// Lead is the decoded lead of a package file.
type Lead struct {
	Major, Minor uint8
	Type         uint16 // 0 binary, 1 source
	ArchNum      uint16
	Name         string
	OSNum        uint16
	SigType      uint16
}

func readLead(r io.Reader) (Lead, error) {
	var b [leadSize]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return Lead{}, &FormatError{"lead", 0, "truncated: " + eofMsg(err)}
	}
	if !bytes.Equal(b[:4], leadMagic[:]) {
		return Lead{}, &FormatError{"lead", 0, fmt.Sprintf("not an RPM package (magic % x)", b[:4])}
	}
	l := Lead{
		Major:   b[4],
		Minor:   b[5],
		Type:    binary.BigEndian.Uint16(b[6:]),
		ArchNum: binary.BigEndian.Uint16(b[8:]),
		OSNum:   binary.BigEndian.Uint16(b[76:]),
		SigType: binary.BigEndian.Uint16(b[78:]),
	}
	name := b[10:76]
	if i := bytes.IndexByte(name, 0); i >= 0 {
		name = name[:i]
	}
	l.Name = string(name)
	if l.Major != 3 && l.Major != 4 {
		return l, &FormatError{"lead", 4, fmt.Sprintf("unsupported package format version %d", l.Major)}
	}
	if l.SigType != 5 {
		return l, &FormatError{"lead", 78, fmt.Sprintf("unsupported signature type %d (want 5, header-style)", l.SigType)}
	}
	if l.Type > 1 {
		return l, &FormatError{"lead", 6, fmt.Sprintf("unknown package type %d", l.Type)}
	}
	return l, nil
}

// archNum is rpm's lead architecture number (rpmrc's arch_canon table); unknown arches get 0.
func archNum(arch string) uint16 {
	switch arch {
	case "i386", "i486", "i586", "i686", "x86_64", "athlon", "noarch":
		return 1
	case "aarch64":
		return 19
	case "ppc64le", "ppc64":
		return 16
	case "s390x":
		return 15
	}
	return 0
}

func appendLead(out []byte, nvr, arch string, source bool) []byte {
	var b [leadSize]byte
	copy(b[:4], leadMagic[:])
	b[4], b[5] = 3, 0
	if source {
		binary.BigEndian.PutUint16(b[6:], 1)
	}
	binary.BigEndian.PutUint16(b[8:], archNum(arch))
	if len(nvr) > 65 {
		nvr = nvr[:65]
	}
	copy(b[10:76], nvr)
	binary.BigEndian.PutUint16(b[76:], 1) // Linux
	binary.BigEndian.PutUint16(b[78:], 5) // header-style signature
	return append(out, b[:]...)
}
