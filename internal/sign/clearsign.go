package sign

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp/clearsign"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// ErrNoValidSignature is wrapped by VerifyCleartext when no signature of a
// cleartext-signed message was made by a key of the keyring.
var ErrNoValidSignature = errors.New("no signature by a trusted key")

// VerifyCleartext checks a cleartext-signed message (RFC 4880 7, the form of
// Debian's InRelease files) and returns the signed text, dash-unescaped, with
// the signatures that verified. The message must be the whole input: nothing
// but white space may come before "-----BEGIN PGP SIGNED MESSAGE-----" or
// after the signature block, so unsigned text can never be passed off as
// signed. A message may carry several signatures (Debian signs with two
// keys): signatures by keys the keyring does not hold are skipped, any
// signature by a held key must verify, and at least one must.
func (k *Keyring) VerifyCleartext(msg []byte) ([]byte, []*SignatureInfo, error) {
	trimmed := bytes.TrimLeft(msg, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte("-----BEGIN PGP SIGNED MESSAGE-----")) {
		return nil, nil, fmt.Errorf("verifying cleartext signature: %w: input does not start with a signed message", ErrBadSignature)
	}
	block, rest := clearsign.Decode(trimmed)
	if block == nil {
		return nil, nil, fmt.Errorf("verifying cleartext signature: %w: no complete signed message", ErrBadSignature)
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, nil, fmt.Errorf("verifying cleartext signature: %w: %d bytes after the signature", ErrBadSignature, len(bytes.TrimSpace(rest)))
	}
	sigs, err := io.ReadAll(block.ArmoredSignature.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("verifying cleartext signature: reading signature block: %w: %w", ErrBadSignature, err)
	}
	var infos []*SignatureInfo
	var unknown []uint64
	r := packet.NewReader(bytes.NewReader(sigs))
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("verifying cleartext signature: reading signature packet: %w: %w", ErrBadSignature, err)
		}
		s, ok := p.(*packet.Signature)
		if !ok {
			return nil, nil, fmt.Errorf("verifying cleartext signature: %w: a %T packet in the signature block", ErrBadSignature, p)
		}
		var raw bytes.Buffer
		if err := s.Serialize(&raw); err != nil {
			return nil, nil, fmt.Errorf("verifying cleartext signature: re-encoding signature: %w", err)
		}
		info, err := k.Verify(block.Bytes, raw.Bytes())
		var uk *UnknownKeyError
		if errors.As(err, &uk) {
			unknown = append(unknown, uk.KeyID)
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("verifying cleartext signature: %w", err)
		}
		infos = append(infos, info)
	}
	if len(infos) == 0 {
		return nil, nil, fmt.Errorf("verifying cleartext signature: %w (signed by %d unknown keys %X)", ErrNoValidSignature, len(unknown), unknown)
	}
	return block.Plaintext, infos, nil
}

// ClearSign makes a cleartext-signed message of text (RFC 4880 7, the form of Debian's
// InRelease files), SHA-256, created at `at`. Tools that make their own Debian-style
// archives (the dist update tests) sign their InRelease with it.
func (s *Signer) ClearSign(text []byte, at time.Time) ([]byte, error) {
	at = at.Truncate(time.Second)
	if at.Before(s.key.CreationTime) {
		return nil, fmt.Errorf("clear-signing with key %016X: signature time is before the key's creation", s.key.KeyId)
	}
	var buf bytes.Buffer
	w, err := clearsign.Encode(&buf, s.key, config(at))
	if err != nil {
		return nil, fmt.Errorf("clear-signing with key %016X: %w", s.key.KeyId, err)
	}
	if _, err := w.Write(text); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("clear-signing with key %016X: %w", s.key.KeyId, err)
	}
	return buf.Bytes(), nil
}
