// Package tag holds the numbers and data types of RPM header tags, as rpm 4.18 defines them
// in <rpm/rpmtag.h> (main header) and the RPMSIGTAG_* values of the signature header.
package tag

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// Tag identifies one entry of an RPM header.
type Tag int32

// Type is the data type of a header entry (rpmTagType_e).
type Type uint32

// Header entry data types.
const (
	TypeNull        Type = 0
	TypeChar        Type = 1
	TypeInt8        Type = 2
	TypeInt16       Type = 3
	TypeInt32       Type = 4
	TypeInt64       Type = 5
	TypeString      Type = 6
	TypeBin         Type = 7
	TypeStringArray Type = 8
	TypeI18NString  Type = 9
)

// String names the type the way rpm's documentation does.
func (t Type) String() string {
	switch t {
	case TypeNull:
		return "NULL"
	case TypeChar:
		return "CHAR"
	case TypeInt8:
		return "INT8"
	case TypeInt16:
		return "INT16"
	case TypeInt32:
		return "INT32"
	case TypeInt64:
		return "INT64"
	case TypeString:
		return "STRING"
	case TypeBin:
		return "BIN"
	case TypeStringArray:
		return "STRING_ARRAY"
	case TypeI18NString:
		return "I18NSTRING"
	}
	return fmt.Sprintf("type(%d)", uint32(t))
}

// Align is the alignment rpm gives data of this type in a header's data store.
func (t Type) Align() int {
	switch t {
	case TypeInt16:
		return 2
	case TypeInt32:
		return 4
	case TypeInt64:
		return 8
	}
	return 1
}

// Size is the size of one element of a fixed-size type, or 0 for strings and blobs.
func (t Type) Size() int {
	switch t {
	case TypeChar, TypeInt8, TypeBin:
		return 1
	case TypeInt16:
		return 2
	case TypeInt32:
		return 4
	case TypeInt64:
		return 8
	}
	return 0
}

// Signature header tags (RPMSIGTAG_*). The region tag of a signature header is HeaderSignatures.
const (
	SigSize            Tag = 1000 // i: header+payload size
	SigPGP             Tag = 1002 // x: legacy header+payload RSA signature
	SigMD5             Tag = 1004 // x: MD5 of header+payload
	SigGPG             Tag = 1005 // x: legacy header+payload DSA signature
	SigPayloadSize     Tag = 1007 // i: uncompressed payload size
	SigReservedSpace   Tag = 1008 // x: padding reserved for signatures added later
	SigDSA             Tag = 267  // x: header-only DSA (and EdDSA) signature
	SigRSA             Tag = 268  // x: header-only RSA signature
	SigSHA1            Tag = 269  // s: hex SHA-1 of the header
	SigLongSize        Tag = 270  // l: header+payload size (64-bit)
	SigLongArchiveSize Tag = 271  // l: uncompressed payload size (64-bit)
	SigSHA256          Tag = 273  // s: hex SHA-256 of the header
)

// Values of RPMTAG_FILEDIGESTALGO / RPMTAG_PAYLOADDIGESTALGO (OpenPGP hash algorithm ids).
const (
	DigestMD5    = 1
	DigestSHA1   = 2
	DigestSHA256 = 8
	DigestSHA512 = 10
)

// File flags (RPMFILE_*), stored in RPMTAG_FILEFLAGS.
const (
	FileConfig    = 1 << 0
	FileDoc       = 1 << 1
	FileIcon      = 1 << 2
	FileMissingOK = 1 << 3
	FileNoReplace = 1 << 4
	FileSpecfile  = 1 << 5
	FileGhost     = 1 << 6
	FileLicense   = 1 << 7
	FileReadme    = 1 << 8
	FilePubkey    = 1 << 11
	FileArtifact  = 1 << 12
)

// names is tagNames' map, made at the first String: 13.6 KB that a package
// init would otherwise allocate in every nimbus process.
var names = lazy.Value[map[Tag]string]{New: tagNames}

// String returns rpm's name for the tag ("NAME", "FILEDIGESTS"), or its number.
func (t Tag) String() string {
	if n, ok := names.Get()[t]; ok {
		return n
	}
	return fmt.Sprintf("tag(%d)", int32(t))
}
