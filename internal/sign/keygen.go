package sign

import (
	"bytes"
	"fmt"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// KeyOptions describe a key to generate. Created is required (keys, like
// everything else, take their time from the caller); the user id is
// "Name (Comment) <Email>", and none of the three may contain "()<>" or NUL.
type KeyOptions struct {
	Name      string
	Comment   string
	Email     string
	Algorithm Algorithm
	Created   time.Time
}

// GenerateKey makes a v4 signing key: one primary key with the sign and
// certify flags, one user id, no subkeys (package signing needs none, and a
// lone primary key is what rpm 4.18 imports most reliably). The private key
// is not encrypted. Both keys are ASCII-armored.
func GenerateKey(opts KeyOptions) (armoredPrivate, armoredPublic []byte, err error) {
	if opts.Created.IsZero() {
		return nil, nil, fmt.Errorf("generating %s key: creation time not set", opts.Algorithm)
	}
	cfg := config(opts.Created.Truncate(time.Second))
	switch opts.Algorithm {
	case RSA2048, RSA3072, RSA4096:
		cfg.Algorithm = packet.PubKeyAlgoRSA
		cfg.RSABits = map[Algorithm]int{RSA2048: 2048, RSA3072: 3072, RSA4096: 4096}[opts.Algorithm]
	case Ed25519:
		// Legacy EdDSA (algorithm 22, curve OID 1.3.6.1.4.1.11591.15.1),
		// not RFC 9580's algorithm 27: rpm 4.18 and gpg 2.2 read only this.
		cfg.Algorithm = packet.PubKeyAlgoEdDSA
		cfg.Curve = packet.Curve25519
	default:
		return nil, nil, fmt.Errorf("generating key: unknown algorithm %q (want rsa2048, rsa3072, rsa4096 or ed25519)", opts.Algorithm)
	}
	e, err := openpgp.NewEntity(opts.Name, opts.Comment, opts.Email, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("generating %s key for %q: %w", opts.Algorithm, opts.Name, err)
	}
	// NewEntity always adds an encryption subkey; a signing key needs none.
	e.Subkeys = nil
	if e.PrimaryKey.Version != 4 {
		return nil, nil, fmt.Errorf("generating %s key: got a v%d key, want v4", opts.Algorithm, e.PrimaryKey.Version)
	}

	var priv, pub bytes.Buffer
	w, err := armor.Encode(&priv, openpgp.PrivateKeyType, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("armoring private key: %w", err)
	}
	if err := e.SerializePrivate(w, cfg); err != nil {
		return nil, nil, fmt.Errorf("serializing private key: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("armoring private key: %w", err)
	}
	if err := armorPublic(&pub, e); err != nil {
		return nil, nil, err
	}
	return priv.Bytes(), pub.Bytes(), nil
}

// armorPublic writes the public part of e, ASCII-armored.
func armorPublic(buf *bytes.Buffer, e *openpgp.Entity) error {
	w, err := armor.Encode(buf, openpgp.PublicKeyType, nil)
	if err != nil {
		return fmt.Errorf("armoring public key: %w", err)
	}
	if err := e.Serialize(w); err != nil {
		return fmt.Errorf("serializing public key: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("armoring public key: %w", err)
	}
	return nil
}
