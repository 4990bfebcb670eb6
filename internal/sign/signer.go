package sign

import (
	"bytes"
	"fmt"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// Signer makes detached signatures with one private key.
type Signer struct {
	entity *openpgp.Entity
	key    *packet.PrivateKey // the key that signs: the primary if it can
}

// LoadSigner reads one unencrypted private key, armored or binary. It signs
// with the primary key when that key may sign (what rpm expects), else with
// the newest signing subkey.
func LoadSigner(armoredPrivate []byte) (*Signer, error) {
	raw, _, err := unarmor(armoredPrivate, openpgp.PrivateKeyType, openpgp.PublicKeyType)
	if err != nil {
		return nil, fmt.Errorf("loading signing key: %w", err)
	}
	el, err := openpgp.ReadKeyRing(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("loading signing key: %w", err)
	}
	if len(el) != 1 {
		return nil, fmt.Errorf("loading signing key: want one key, got %d", len(el))
	}
	e := el[0]
	if e.PrivateKey == nil {
		return nil, fmt.Errorf("loading signing key %016X: it is a public key, not a private key", e.PrimaryKey.KeyId)
	}
	if e.PrimaryKey.Version != 4 {
		return nil, fmt.Errorf("loading signing key %X: v%d key, rpm 4.18 reads only v4", e.PrimaryKey.Fingerprint, e.PrimaryKey.Version)
	}
	key := e.PrivateKey
	if sig, _ := e.PrimarySelfSignature(); sig == nil || (sig.FlagsValid && !sig.FlagSign) {
		k, ok := e.SigningKey(time.Now())
		if !ok || k.PrivateKey == nil {
			return nil, fmt.Errorf("loading signing key %016X: no key in it may sign", e.PrimaryKey.KeyId)
		}
		key = k.PrivateKey
	}
	if key.Encrypted {
		return nil, fmt.Errorf("loading signing key %016X: the private key is encrypted with a passphrase; export it unencrypted", key.KeyId)
	}
	if key.Dummy() {
		return nil, fmt.Errorf("loading signing key %016X: the private key material is not in this export (gpg stub)", key.KeyId)
	}
	return &Signer{entity: e, key: key}, nil
}

// DetachSign returns a binary v4 signature packet over data, SHA-256,
// signature type 0x00, created at `at` (truncated to seconds). The same
// inputs give the same bytes.
func (s *Signer) DetachSign(data []byte, at time.Time) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.sign(&buf, data, at); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ArmoredDetachSign is DetachSign with ASCII armor, as in repomd.xml.asc.
func (s *Signer) ArmoredDetachSign(data []byte, at time.Time) ([]byte, error) {
	var buf bytes.Buffer
	w, err := armor.Encode(&buf, openpgp.SignatureType, nil)
	if err != nil {
		return nil, fmt.Errorf("armoring signature: %w", err)
	}
	if err := s.sign(w, data, at); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("armoring signature: %w", err)
	}
	return buf.Bytes(), nil
}

func (s *Signer) sign(w interface{ Write([]byte) (int, error) }, data []byte, at time.Time) error {
	at = at.Truncate(time.Second)
	if at.Before(s.key.CreationTime) {
		return fmt.Errorf("signing with key %016X: signature time %s is before the key's creation %s; verifiers reject such signatures",
			s.key.KeyId, at.UTC().Format(time.RFC3339), s.key.CreationTime.UTC().Format(time.RFC3339))
	}
	cfg := config(at)
	cfg.SigningKeyId = s.key.KeyId
	if err := openpgp.DetachSign(w, s.entity, bytes.NewReader(data), cfg); err != nil {
		return fmt.Errorf("signing with key %016X: %w", s.key.KeyId, err)
	}
	return nil
}

// KeyID is the id of the key that signs.
func (s *Signer) KeyID() uint64 { return s.key.KeyId }

// Fingerprint is the v4 fingerprint (20 bytes) of the key that signs.
func (s *Signer) Fingerprint() []byte { return bytes.Clone(s.key.Fingerprint) }

// PublicKeyAlgorithm is the algorithm of the key that signs, so the caller
// can pick rpm's signature tag (RSA: RPMSIGTAG_RSA/PGP; DSA and EdDSA:
// RPMSIGTAG_DSA/GPG).
func (s *Signer) PublicKeyAlgorithm() PubKeyAlgorithm { return PubKeyAlgorithm(s.key.PubKeyAlgo) }

// ArmoredPublicKey returns the public key, ASCII-armored, for rpm --import,
// gpg --import and the repository's RPM-GPG-KEY file.
func (s *Signer) ArmoredPublicKey() ([]byte, error) {
	var buf bytes.Buffer
	if err := armorPublic(&buf, s.entity); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
