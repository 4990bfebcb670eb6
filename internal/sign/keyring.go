package sign

import (
	"bytes"
	"crypto"
	"errors"
	"fmt"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"github.com/ProtonMail/go-crypto/openpgp"
	pgperrors "github.com/ProtonMail/go-crypto/openpgp/errors"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Keyring holds the public keys signatures are checked against.
type Keyring struct {
	entities openpgp.EntityList
	now      func() time.Time
}

// LoadKeyring reads public (or private) keys; each argument may hold
// several, armored or binary.
func LoadKeyring(keys ...[]byte) (*Keyring, error) {
	k := &Keyring{now: time.Now}
	for i, data := range keys {
		raw, _, err := unarmor(data, openpgp.PublicKeyType, openpgp.PrivateKeyType)
		if err != nil {
			return nil, fmt.Errorf("loading key %d: %w", i, err)
		}
		el, err := openpgp.ReadKeyRing(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("loading key %d: %w", i, err)
		}
		k.entities = append(k.entities, el...)
	}
	return k, nil
}

// SetClock sets the clock expiry and revocation are judged by (default
// time.Now).
func (k *Keyring) SetClock(now func() time.Time) { k.now = now }

// Len is the number of keys (primary keys) in the keyring.
func (k *Keyring) Len() int { return len(k.entities) }

// SignatureInfo describes a verified signature.
type SignatureInfo struct {
	KeyID       uint64 // key that made the signature (may be a subkey)
	Fingerprint []byte // that key's fingerprint
	PrimaryID   uint64 // its primary key
	UserID      string // the primary key's primary user id
	Created     time.Time
	HashAlgo    crypto.Hash
	PubKeyAlgo  PubKeyAlgorithm
}

// Verify checks a detached signature (binary or armored) over data. Its
// errors wrap ErrUnknownKey (as *UnknownKeyError), ErrBadSignature,
// ErrWeakHash, ErrExpired or ErrNotYetValid.
func (k *Keyring) Verify(data, sig []byte) (*SignatureInfo, error) {
	p, raw, err := parseSignature(sig)
	if err != nil {
		if name, weak := weakHash(raw); weak {
			// go-crypto refuses to parse some of these (MD5); say why.
			return nil, fmt.Errorf("verifying signature: digest %s: %w", name, ErrWeakHash)
		}
		return nil, fmt.Errorf("verifying signature: %w: %w", ErrBadSignature, err)
	}
	id := p.keyID()
	if !acceptedHashes.Get()[p.Hash] {
		return nil, fmt.Errorf("verifying signature by key %016X: digest %s: %w", id, p.Hash, ErrWeakHash)
	}
	if len(k.entities.KeysByIdUsage(id, packet.KeyFlagSign)) == 0 {
		return nil, &UnknownKeyError{KeyID: id}
	}
	now := k.now()
	if p.CreationTime.After(now) {
		return nil, fmt.Errorf("verifying signature by key %016X: made %s, after the clock's %s (check the clock): %w",
			id, p.CreationTime.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), ErrNotYetValid)
	}
	for _, key := range k.entities.KeysById(id) {
		if key.PublicKey.CreationTime.After(now) {
			return nil, fmt.Errorf("verifying signature by key %016X: the key was created %s, after the clock's %s (check the clock): %w",
				id, key.PublicKey.CreationTime.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), ErrNotYetValid)
		}
	}
	cfg := config(now)
	got, signer, err := openpgp.VerifyDetachedSignature(k.entities, bytes.NewReader(data), bytes.NewReader(raw), cfg)
	switch {
	case err == nil:
	case errors.Is(err, pgperrors.ErrSignatureExpired), errors.Is(err, pgperrors.ErrKeyExpired), errors.Is(err, pgperrors.ErrKeyRevoked):
		return nil, fmt.Errorf("verifying signature by key %016X: %w: %w", id, ErrExpired, err)
	case errors.Is(err, pgperrors.ErrUnknownIssuer):
		return nil, &UnknownKeyError{KeyID: id}
	default:
		return nil, fmt.Errorf("verifying signature by key %016X: %w: %w", id, ErrBadSignature, err)
	}
	info := &SignatureInfo{
		KeyID: id, Created: got.CreationTime, HashAlgo: got.Hash,
		PubKeyAlgo: PubKeyAlgorithm(got.PubKeyAlgo), PrimaryID: signer.PrimaryKey.KeyId,
	}
	for _, key := range k.entities.KeysById(id) {
		if key.Entity == signer {
			info.Fingerprint = bytes.Clone(key.PublicKey.Fingerprint)
		}
	}
	if ident := signer.PrimaryIdentity(); ident != nil {
		info.UserID = ident.Name
	}
	return info, nil
}

// ParseSignatureKeyID returns the id of the key that made a signature
// (binary or armored), without checking it; rpm -K prints its low 32 bits
// (see ShortKeyID).
func ParseSignatureKeyID(sig []byte) (uint64, error) {
	p, _, err := parseSignature(sig)
	if err != nil {
		return 0, err
	}
	return p.keyID(), nil
}

// sigPacket is a parsed v4 signature.
type sigPacket struct{ *packet.Signature }

// keyID returns the issuer key id, from the issuer subpacket or else from
// the low 64 bits of the v4 issuer fingerprint.
func (s sigPacket) keyID() uint64 {
	if s.IssuerKeyId != nil {
		return *s.IssuerKeyId
	}
	var id uint64
	for _, b := range s.IssuerFingerprint[len(s.IssuerFingerprint)-8:] {
		id = id<<8 | uint64(b)
	}
	return id
}

// parseSignature reads exactly one v4 signature packet of type binary or
// text, returning it and its binary encoding.
func parseSignature(sig []byte) (sigPacket, []byte, error) {
	raw, _, err := unarmor(sig, openpgp.SignatureType)
	if err != nil {
		return sigPacket{}, nil, fmt.Errorf("reading signature: %w", err)
	}
	r := bytes.NewReader(raw)
	p, err := packet.Read(r)
	if err != nil {
		return sigPacket{}, raw, fmt.Errorf("reading signature packet: %w", err)
	}
	if r.Len() != 0 {
		return sigPacket{}, raw, fmt.Errorf("reading signature: %d bytes after the signature packet", r.Len())
	}
	s, ok := p.(*packet.Signature)
	switch {
	case !ok:
		return sigPacket{}, nil, fmt.Errorf("reading signature: got a %T packet, want a signature", p)
	case s.Version != 4:
		return sigPacket{}, nil, fmt.Errorf("reading signature: v%d signature, want v4", s.Version)
	case s.SigType != packet.SigTypeBinary && s.SigType != packet.SigTypeText:
		return sigPacket{}, nil, fmt.Errorf("reading signature: type %#02x is not a document signature", uint8(s.SigType))
	case s.IssuerKeyId == nil && len(s.IssuerFingerprint) < 8:
		return sigPacket{}, nil, fmt.Errorf("reading signature: no issuer key id")
	}
	return sigPacket{s}, raw, nil
}

// weakHashes are the digest ids (RFC 4880 9.4) weaker than SHA-256.
var weakHashes = lazy.Value[map[byte]string]{New: func() map[byte]string {
	return map[byte]string{1: "MD5", 2: "SHA-1", 3: "RIPEMD-160", 11: "SHA-224"}
}}

// weakHash reports whether raw starts with a v4 signature packet whose
// digest is weak, looking only at the packet framing (RFC 4880 4.2) and the
// fixed fields of the signature (version, type, key algorithm, hash).
func weakHash(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0]&0x80 == 0 {
		return "", false
	}
	var body []byte
	if raw[0]&0x40 != 0 { // new format: tag in the low 6 bits
		if raw[0]&0x3f != 2 {
			return "", false
		}
		switch l := raw[1]; {
		case l < 192:
			body = raw[2:]
		case l < 224:
			body = raw[min(3, len(raw)):]
		case l == 255:
			body = raw[min(6, len(raw)):]
		default:
			return "", false
		}
	} else { // old format: tag in bits 5..2, length type in bits 1..0
		if (raw[0]>>2)&0xf != 2 {
			return "", false
		}
		body = raw[min(1+[4]int{1, 2, 4, 0}[raw[0]&3], len(raw)):]
	}
	if len(body) < 4 || body[0] != 4 {
		return "", false
	}
	name, weak := weakHashes.Get()[body[3]]
	return name, weak
}
