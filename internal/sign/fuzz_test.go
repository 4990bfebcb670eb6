package sign

import (
	"errors"
	"testing"
)

func signatureSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	for _, alg := range []Algorithm{Ed25519, RSA2048} {
		k := key(f, alg)
		sig, err := k.signer.DetachSign([]byte("data"), signAt)
		if err != nil {
			f.Fatal(err)
		}
		arm, err := k.signer.ArmoredDetachSign([]byte("data"), signAt)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, sig, arm, sig[:len(sig)/2], k.pub)
	}
	return append(seeds, nil, []byte("-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n"), []byte{0x88, 0x02, 0x04, 0x00})
}

// FuzzVerify checks arbitrary signatures against a keyring: every error
// must be one of the typed ones, never a panic.
func FuzzVerify(f *testing.F) {
	for _, s := range signatureSeeds(f) {
		f.Add(s)
	}
	kr := keyring(f, key(f, Ed25519).pub, key(f, RSA2048).pub)
	f.Fuzz(func(t *testing.T, sig []byte) {
		_, err := kr.Verify([]byte("data"), sig)
		if err != nil && !errors.Is(err, ErrBadSignature) && !errors.Is(err, ErrUnknownKey) &&
			!errors.Is(err, ErrWeakHash) && !errors.Is(err, ErrExpired) {
			t.Fatalf("untyped error: %v", err)
		}
	})
}

// FuzzParseSignatureKeyID reads key ids from arbitrary bytes.
func FuzzParseSignatureKeyID(f *testing.F) {
	for _, s := range signatureSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sig []byte) {
		ParseSignatureKeyID(sig)
	})
}

// FuzzLoadKeyring reads arbitrary bytes as keys (RPM-GPG-KEY files come
// from repositories).
func FuzzLoadKeyring(f *testing.F) {
	for _, alg := range []Algorithm{Ed25519, RSA2048} {
		k := key(f, alg)
		f.Add(k.pub)
		f.Add(k.priv)
		f.Add(k.pub[:len(k.pub)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if kr, err := LoadKeyring(data); err == nil {
			kr.Verify([]byte("data"), data)
		}
		LoadSigner(data)
	})
}
