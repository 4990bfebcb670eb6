// Package compress compresses and decompresses RPM payloads and repository
// metadata with the algorithms rpm and createrepo_c use (gzip, xz, zstd),
// with deterministic output and guards against decompression bombs.
//
// Kind values are the strings rpm stores in RPMTAG_PAYLOADCOMPRESSOR.
// Writers are deterministic: the same input, kind and level give the same
// bytes on every run and machine (gzip headers carry no name and mtime 0,
// zstd runs one encoder goroutine and no dictionary, xz is single-threaded).
package compress

import (
	"bytes"
	"fmt"
)

// Kind names a compression algorithm as rpm's RPMTAG_PAYLOADCOMPRESSOR does.
type Kind string

// The kinds. None and Identity both mean "not compressed"; Bzip2 is only
// recognised by Detect so that callers can name it in an error.
const (
	None     Kind = ""
	Identity Kind = "identity"
	Gzip     Kind = "gzip"
	Xz       Kind = "xz"
	Zstd     Kind = "zstd"
	Bzip2    Kind = "bzip2"
)

// Default levels, rpm's: %_binary_payload is w9.gzdio, w2.xzdio or
// w19.zstdio depending on the distribution; xz's own default preset is 6.
const (
	DefaultGzipLevel = 9
	DefaultXzLevel   = 6
	DefaultZstdLevel = 19
)

var magics = []struct {
	kind  Kind
	magic []byte
}{
	{Gzip, []byte{0x1f, 0x8b}},
	{Xz, []byte{0xfd, '7', 'z', 'X', 'Z', 0x00}},
	{Zstd, []byte{0x28, 0xb5, 0x2f, 0xfd}},
	{Bzip2, []byte("BZh")},
}

// Detect names the compression of data from its first bytes (6 are
// enough). It returns None when no known magic matches.
func Detect(prefix []byte) Kind {
	for _, m := range magics {
		if bytes.HasPrefix(prefix, m.magic) {
			return m.kind
		}
	}
	return None
}

// ParseKind checks a RPMTAG_PAYLOADCOMPRESSOR value (or a name from a
// configuration file) and returns it as a Kind this package can handle.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case None, Identity, Gzip, Xz, Zstd:
		return k, nil
	}
	return None, fmt.Errorf("compression %q is not supported (want gzip, xz, zstd or identity)", s)
}

// uncompressed reports whether k means no compression.
func (k Kind) uncompressed() bool { return k == None || k == Identity }
