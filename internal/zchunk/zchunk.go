// Package zchunk reads and writes zchunk 1.x files (the format of the zchunk
// project's zchunk_format.txt, which createrepo_c --zck writes and librepo
// reads): a lead, a preface, an index of chunk checksums and sizes, signatures,
// then an optional compressed zstd dictionary and independently compressed
// chunks. A client that holds an older file can fetch only the chunks whose
// checksums it lacks (see Plan and Assemble).
//
// There is no maintained Go implementation of the format, so this one is
// written by hand from the specification and checked against Debian's zck,
// unzck and zck_read_header (the package's referee tests).
//
// The package is pure: it works on byte slices, io.Reader and io.ReaderAt.
// Every length read from a file is bounded before it is used to allocate.
package zchunk

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
)

// Magic starts every zchunk file.
const Magic = "\x00ZCK1"

// Checksum types, as numbered in the lead and the index.
const (
	SHA1      = 0
	SHA256    = 1
	SHA512    = 2
	SHA512128 = 3 // SHA-512 truncated to its first 16 bytes
)

// Compression types.
const (
	CompNone = 0
	CompZstd = 2
)

// Flags of the preface. A reader fails on any other bit, as the format requires.
const (
	FlagStreams      = 1 << 0 // index entries carry a stream number
	FlagOptional     = 1 << 1 // the preface carries optional elements
	FlagUncompressed = 1 << 2 // index entries carry a checksum of the uncompressed chunk
	knownFlags       = FlagStreams | FlagOptional | FlagUncompressed
)

// MaxHeader bounds the header a reader accepts (lead excluded).
const MaxHeader = 256 << 20

// ErrFormat is wrapped by every error about malformed bytes.
var ErrFormat = errors.New("not a valid zchunk file")

func formatErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
}

// HashName is the name of a checksum type ("sha256", "sha512_128", ...), as
// zck_read_header prints it and repomd.xml's header-checksum type says.
func HashName(t int) string {
	switch t {
	case SHA1:
		return "sha1"
	case SHA256:
		return "sha256"
	case SHA512:
		return "sha512"
	case SHA512128:
		return "sha512_128"
	}
	return fmt.Sprintf("unknown(%d)", t)
}

// digestSize is the length of a checksum of type t, or 0 for an unknown type.
func digestSize(t int) int {
	switch t {
	case SHA1:
		return 20
	case SHA256:
		return 32
	case SHA512:
		return 64
	case SHA512128:
		return 16
	}
	return 0
}

func newHash(t int) hash.Hash {
	switch t {
	case SHA1:
		return sha1.New()
	case SHA256:
		return sha256.New()
	case SHA512, SHA512128:
		return sha512.New()
	}
	return nil
}

// Sum is the checksum of b with type t (truncated for SHA512128).
func Sum(t int, b []byte) []byte {
	h := newHash(t)
	if h == nil {
		return nil
	}
	h.Write(b)
	return h.Sum(nil)[:digestSize(t)]
}

// appendCI appends v as a zchunk compressed integer: seven bits per byte, least
// significant first, the top bit set only on the last byte.
func appendCI(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v&0x7f))
		v >>= 7
	}
	return append(b, byte(v)|0x80)
}

// readCI decodes a compressed integer at b[*off:], advancing *off.
func readCI(b []byte, off *int) (uint64, error) {
	var v uint64
	for i := 0; ; i++ {
		if *off >= len(b) {
			return 0, formatErr("compressed integer runs past the end of the header")
		}
		c := b[*off]
		*off++
		if i == 9 && c&0x7f > 1 || i > 9 {
			return 0, formatErr("compressed integer too large")
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 != 0 {
			return v, nil
		}
	}
}
