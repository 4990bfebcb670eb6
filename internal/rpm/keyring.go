package rpm

import (
	"errors"
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// KeyringVerifier checks header signatures against an OpenPGP keyring; an unknown signing
// key is reported as ErrNoKey, as rpm -K says NOKEY.
func KeyringVerifier(k *sign.Keyring) Verifier { return keyringVerifier{k} }

type keyringVerifier struct{ k *sign.Keyring }

func (v keyringVerifier) Verify(data, sig []byte) (string, error) {
	s, err := v.k.Verify(data, sig)
	if err != nil {
		if errors.Is(err, sign.ErrUnknownKey) {
			return "", fmt.Errorf("%w: %v", ErrNoKey, err)
		}
		return "", err
	}
	return fmt.Sprintf("%016x", s.KeyID), nil
}
