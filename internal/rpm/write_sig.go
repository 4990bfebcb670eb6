package rpm

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// signatureHeader builds the signature header: SHA-1 and SHA-256 of the main header, MD5 and
// size of header+payload, the uncompressed payload size, and the OpenPGP header signature.
func signatureHeader(hdr []byte, p *payloadInfo, s Signer) ([]byte, error) {
	b := NewHeaderBuilder()
	sum := func(h hash.Hash, parts ...[]byte) []byte {
		for _, x := range parts {
			h.Write(x)
		}
		return h.Sum(nil)
	}
	b.String(tag.SigSHA1, hex.EncodeToString(sum(sha1.New(), hdr)))
	b.String(tag.SigSHA256, hex.EncodeToString(sum(sha256.New(), hdr)))
	total := int64(len(hdr)) + int64(len(p.compressed))
	if total >= 1<<32 || p.rawSize >= 1<<32 {
		b.Int64(tag.SigLongSize, uint64(total))
		b.Int64(tag.SigLongArchiveSize, uint64(p.rawSize))
	} else {
		b.Int32(tag.SigSize, uint32(total))
		b.Int32(tag.SigPayloadSize, uint32(p.rawSize))
	}
	b.Bin(tag.SigMD5, sum(md5.New(), hdr, p.compressed))
	if s != nil {
		sig, t, err := s.SignHeader(hdr)
		if err != nil {
			return nil, err
		}
		if t != tag.SigRSA && t != tag.SigDSA {
			return nil, fmt.Errorf("signer returned tag %d, want %d (RSA) or %d (DSA/EdDSA)", t, tag.SigRSA, tag.SigDSA)
		}
		b.Bin(t, sig)
	}
	return b.Marshal(tag.Headersignatures)
}
