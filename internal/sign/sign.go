// Package sign makes and checks the OpenPGP signatures of packages and
// repository metadata: key generation, detached signing (the RPM signature
// header's RSA/DSA/PGP/GPG tags, repomd.xml.asc) and verification against a
// keyring. It wraps github.com/ProtonMail/go-crypto/openpgp and does no
// cryptography of its own.
//
// Everything it writes is for rpm 4.18's internal OpenPGP parser and gpg
// 2.2: v4 keys and v4 signatures only (never RFC 9580 v6), RSA or the
// "legacy" EdDSA form of Ed25519 (public key algorithm 22 with the Ed25519
// curve OID 1.3.6.1.4.1.11591.15.1), SHA-256, signature type 0x00 (binary).
// Signatures are reproducible: the creation time is the caller's, and both
// RSA PKCS#1 v1.5 and Ed25519 are deterministic (go-crypto's random salt
// notation is turned off).
package sign

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// Algorithm is a key algorithm GenerateKey can make.
type Algorithm string

// The algorithms.
const (
	RSA2048 Algorithm = "rsa2048"
	RSA3072 Algorithm = "rsa3072"
	RSA4096 Algorithm = "rsa4096"
	Ed25519 Algorithm = "ed25519"
)

// PubKeyAlgorithm is an OpenPGP public key algorithm id (RFC 4880 9.1), the
// numbering rpm's PGPPUBKEYALGO_* constants share.
type PubKeyAlgorithm uint8

// Public key algorithms that occur in RPM signatures.
const (
	PubKeyRSA     PubKeyAlgorithm = 1
	PubKeyDSA     PubKeyAlgorithm = 17
	PubKeyECDSA   PubKeyAlgorithm = 19
	PubKeyEdDSA   PubKeyAlgorithm = 22 // legacy EdDSA, what rpm 4.18 knows
	PubKeyEd25519 PubKeyAlgorithm = 27 // RFC 9580; rpm 4.18 cannot read it
)

func (a PubKeyAlgorithm) String() string {
	switch a {
	case PubKeyRSA:
		return "RSA"
	case PubKeyDSA:
		return "DSA"
	case PubKeyECDSA:
		return "ECDSA"
	case PubKeyEdDSA:
		return "EdDSA"
	case PubKeyEd25519:
		return "Ed25519"
	}
	return fmt.Sprintf("algorithm %d", uint8(a))
}

// Errors callers branch on. Verify's errors wrap exactly one of them.
var (
	// ErrUnknownKey: no key in the keyring made the signature. The error
	// is an *UnknownKeyError carrying the key id.
	ErrUnknownKey = errors.New("signing key not in keyring")
	// ErrBadSignature: the signature does not match the data, or the
	// signature packet is malformed.
	ErrBadSignature = errors.New("bad signature")
	// ErrWeakHash: the signature uses a digest weaker than SHA-256.
	ErrWeakHash = errors.New("signature digest weaker than SHA-256")
	// ErrExpired: the signature or the key that made it has expired or
	// been revoked.
	ErrExpired = errors.New("signature or key expired or revoked")
	// ErrNotYetValid: the signature, or the key that made it, was created
	// after the verifier's clock (gpg: "signature made in the future (clock
	// problem?)"). It is refused, and said so rather than "expired": the
	// fix is the clock, or a signer whose clock is right.
	ErrNotYetValid = errors.New("signature or key not yet valid (created in the future)")
)

// UnknownKeyError reports a signature by a key the keyring lacks.
type UnknownKeyError struct {
	KeyID uint64
}

func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("signing key %016X not in keyring", e.KeyID)
}

// Is makes errors.Is(err, ErrUnknownKey) hold.
func (e *UnknownKeyError) Is(target error) bool { return target == ErrUnknownKey }

// ShortKeyID formats the last 32 bits of a key id the way rpm -K prints it
// ("key ID 1a2b3c4d").
func ShortKeyID(id uint64) string { return fmt.Sprintf("%08x", uint32(id)) }

// config is the one go-crypto configuration everything here uses.
func config(now time.Time) *packet.Config {
	return &packet.Config{
		DefaultHash: crypto.SHA256,
		Time:        func() time.Time { return now },
		V6Keys:      false,
		// Deterministic signatures: no random salt notation.
		NonDeterministicSignaturesViaNotation: packet.BoolPointer(false),
		MinRSABits:                            2048,
	}
}

// acceptedHashes are the digests Verify accepts: SHA-256 and stronger.
var acceptedHashes = lazy.Value[map[crypto.Hash]bool]{New: func() map[crypto.Hash]bool {
	return map[crypto.Hash]bool{
		crypto.SHA256: true, crypto.SHA384: true, crypto.SHA512: true,
		crypto.SHA3_256: true, crypto.SHA3_512: true,
	}
}}

// unarmor returns the binary packets of data, decoding ASCII armor if data
// is armored. Armored input may hold several blocks (keys exported one after
// another); their packets are concatenated. Every block must be one of the
// given types, and the type of the first is returned ("" for binary input).
func unarmor(data []byte, blockTypes ...string) ([]byte, string, error) {
	rest := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(rest, armorStart) {
		return data, "", nil
	}
	var out []byte
	var first string
	for len(rest) > 0 {
		next := bytes.Index(rest[1:], armorStart)
		chunk := rest
		if next >= 0 {
			chunk, rest = rest[:next+1], rest[next+1:]
		} else {
			rest = nil
		}
		block, err := armor.Decode(bytes.NewReader(chunk))
		if err != nil {
			return nil, "", fmt.Errorf("decoding ASCII armor: %w", err)
		}
		if !slices.Contains(blockTypes, block.Type) {
			return nil, "", fmt.Errorf("ASCII armor is a %q block, want %q", block.Type, strings.Join(blockTypes, `" or "`))
		}
		b, err := io.ReadAll(block.Body)
		if err != nil {
			return nil, "", fmt.Errorf("decoding ASCII armor of %s: %w", block.Type, err)
		}
		if first == "" {
			first = block.Type
		}
		out = append(out, b...)
	}
	return out, first, nil
}

var armorStart = []byte("-----BEGIN PGP ")
