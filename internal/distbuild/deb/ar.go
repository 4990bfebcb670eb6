// Package deb reads Debian's formats: the ar archive of a .deb, the control and data
// tarballs inside it (gzip, xz, zstd or plain), and deb822 control stanzas (a package's
// control file, Packages indexes, Release files). Every reader takes untrusted bytes,
// bounds what it allocates, and has a fuzz target. It is pure: it works on readers
// and byte slices.
package deb

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by every error about malformed input.
var ErrFormat = errors.New("malformed Debian package")

// arMember is one member of an ar archive.
type arMember struct {
	Name string
	Size int64
}

// arReader reads the common ar format .deb files use: the "!<arch>\n" magic, then for
// each member a 60-byte header (name 16, mtime 12, uid 6, gid 6, mode 8, size 10,
// magic "`\n") followed by the data, padded to an even length. GNU "name/" endings are
// accepted; BSD long names ("#1/N") are not used by dpkg and are refused.
type arReader struct {
	r       *bufio.Reader
	pending int64 // unread bytes of the current member, with its padding
}

func newArReader(r io.Reader) (*arReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic := make([]byte, 8)
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != "!<arch>\n" {
		return nil, fmt.Errorf("%w: not an ar archive", ErrFormat)
	}
	return &arReader{r: br}, nil
}

// Next skips what is left of the current member and returns the next header; the
// member's data is then read with Read. It returns io.EOF after the last member.
func (a *arReader) Next() (arMember, error) {
	if a.pending > 0 {
		if _, err := io.CopyN(io.Discard, a.r, a.pending); err != nil {
			return arMember{}, fmt.Errorf("%w: truncated ar member: %w", ErrFormat, err)
		}
		a.pending = 0
	}
	hdr := make([]byte, 60)
	n, err := io.ReadFull(a.r, hdr)
	if err == io.EOF {
		return arMember{}, io.EOF
	}
	if err != nil {
		return arMember{}, fmt.Errorf("%w: truncated ar header (%d bytes)", ErrFormat, n)
	}
	if string(hdr[58:60]) != "`\n" {
		return arMember{}, fmt.Errorf("%w: bad ar header magic", ErrFormat)
	}
	name := strings.TrimRight(string(hdr[0:16]), " ")
	name = strings.TrimSuffix(name, "/")
	size, err := strconv.ParseInt(strings.TrimSpace(string(hdr[48:58])), 10, 64)
	if err != nil || size < 0 {
		return arMember{}, fmt.Errorf("%w: ar member %q: bad size %q", ErrFormat, name, bytes.TrimSpace(hdr[48:58]))
	}
	if strings.HasPrefix(name, "#1/") {
		return arMember{}, fmt.Errorf("%w: BSD long member name %q", ErrFormat, name)
	}
	a.pending = size + size%2
	return arMember{Name: name, Size: size}, nil
}

// member returns a reader of the current member's data (without padding).
func (a *arReader) member(m arMember) io.Reader {
	return &memberReader{a: a, left: m.Size}
}

type memberReader struct {
	a    *arReader
	left int64
}

func (m *memberReader) Read(p []byte) (int, error) {
	if m.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > m.left {
		p = p[:m.left]
	}
	n, err := m.a.r.Read(p)
	m.left -= int64(n)
	m.a.pending -= int64(n)
	if err == io.EOF && m.left > 0 {
		err = fmt.Errorf("%w: truncated ar member", ErrFormat)
	}
	return n, err
}
