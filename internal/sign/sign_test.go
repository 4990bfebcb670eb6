package sign

import (
	"bytes"
	"crypto"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

var (
	created = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	signAt  = time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
)

type testKey struct {
	priv, pub []byte
	signer    *Signer
}

var (
	keysMu sync.Mutex
	keys   = map[Algorithm]*testKey{}
)

// key generates (once per test binary) a key of the given algorithm.
func key(t testing.TB, alg Algorithm) *testKey {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keys[alg]; ok {
		return k
	}
	priv, pub, err := GenerateKey(KeyOptions{Name: "Nimbus Test " + string(alg), Comment: "test", Email: "test@nimbus.invalid", Algorithm: alg, Created: created})
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	k := &testKey{priv, pub, s}
	keys[alg] = k
	return k
}

func keyring(t testing.TB, pubs ...[]byte) *Keyring {
	t.Helper()
	kr, err := LoadKeyring(pubs...)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

func TestRoundTrip(t *testing.T) {
	data := []byte("<repomd>...</repomd>\n")
	for _, tt := range []struct {
		alg    Algorithm
		pubAlg PubKeyAlgorithm
	}{{RSA2048, PubKeyRSA}, {Ed25519, PubKeyEdDSA}} {
		t.Run(string(tt.alg), func(t *testing.T) {
			k := key(t, tt.alg)
			if got := k.signer.PublicKeyAlgorithm(); got != tt.pubAlg {
				t.Errorf("PublicKeyAlgorithm = %v, want %v", got, tt.pubAlg)
			}
			if len(k.signer.Fingerprint()) != 20 {
				t.Errorf("fingerprint %x is not a v4 fingerprint", k.signer.Fingerprint())
			}
			kr := keyring(t, k.pub)
			sig, err := k.signer.DetachSign(data, signAt)
			if err != nil {
				t.Fatal(err)
			}
			again, err := k.signer.DetachSign(data, signAt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(sig, again) {
				t.Error("signing twice gave different bytes")
			}
			armored, err := k.signer.ArmoredDetachSign(data, signAt)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(armored, []byte("-----BEGIN PGP SIGNATURE-----")) {
				t.Errorf("armored signature starts %q", armored[:min(40, len(armored))])
			}
			for name, s := range map[string][]byte{"binary": sig, "armored": armored} {
				info, err := kr.Verify(data, s)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				want := SignatureInfo{KeyID: k.signer.KeyID(), Fingerprint: k.signer.Fingerprint(), PrimaryID: k.signer.KeyID(),
					UserID: "Nimbus Test " + string(tt.alg) + " (test) <test@nimbus.invalid>", Created: signAt, HashAlgo: crypto.SHA256, PubKeyAlgo: tt.pubAlg}
				if info.KeyID != want.KeyID || !bytes.Equal(info.Fingerprint, want.Fingerprint) || info.PrimaryID != want.PrimaryID ||
					info.UserID != want.UserID || !info.Created.Equal(want.Created) || info.HashAlgo != want.HashAlgo || info.PubKeyAlgo != want.PubKeyAlgo {
					t.Errorf("%s: info %+v, want %+v", name, info, want)
				}
			}
			if _, err := kr.Verify([]byte("tampered"), sig); !errors.Is(err, ErrBadSignature) {
				t.Errorf("tampered data: %v, want ErrBadSignature", err)
			}
			checkV4(t, k.pub, sig, tt.pubAlg)
		})
	}
}

// checkV4 checks the wire form rpm 4.18 needs: a v4 key with the right
// algorithm (legacy EdDSA with the Ed25519 OID for ed25519) and a v4
// binary SHA-256 signature.
func checkV4(t *testing.T, pub, sig []byte, alg PubKeyAlgorithm) {
	t.Helper()
	el, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(pub))
	if err != nil {
		t.Fatal(err)
	}
	if len(el) != 1 || len(el[0].Subkeys) != 0 {
		t.Fatalf("public key has %d entities, want 1 without subkeys", len(el))
	}
	pk := el[0].PrimaryKey
	if pk.Version != 4 || PubKeyAlgorithm(pk.PubKeyAlgo) != alg {
		t.Errorf("key is v%d algorithm %d, want v4 algorithm %d", pk.Version, pk.PubKeyAlgo, alg)
	}
	if alg == PubKeyEdDSA {
		if c, err := pk.Curve(); err != nil || c != packet.Curve25519 {
			t.Errorf("EdDSA curve %q (%v), want Curve25519 (Ed25519 OID)", c, err)
		}
		var raw bytes.Buffer
		pk.Serialize(&raw)
		if oid := []byte{9, 0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01}; !bytes.Contains(raw.Bytes(), oid) {
			t.Errorf("public key packet lacks the Ed25519 OID 1.3.6.1.4.1.11591.15.1: % x", raw.Bytes())
		}
	}
	p, err := packet.Read(bytes.NewReader(sig))
	if err != nil {
		t.Fatal(err)
	}
	sp, ok := p.(*packet.Signature)
	if !ok || sp.Version != 4 || sp.SigType != packet.SigTypeBinary || PubKeyAlgorithm(sp.PubKeyAlgo) != alg || sp.Hash != crypto.SHA256 {
		t.Errorf("signature %T %+v, want v4, type 0x00, algorithm %d, SHA-256", p, p, alg)
	}
	if sp.IssuerKeyId == nil || *sp.IssuerKeyId != pk.KeyId || !sp.CreationTime.Equal(signAt) {
		t.Errorf("signature issuer %v created %v, want %016X at %v", sp.IssuerKeyId, sp.CreationTime, pk.KeyId, signAt)
	}
}

func TestRSA4096(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: RSA-4096 key generation is slow")
	}
	k := key(t, RSA4096)
	sig, err := k.signer.DetachSign([]byte("x"), signAt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keyring(t, k.pub).Verify([]byte("x"), sig); err != nil {
		t.Fatal(err)
	}
	checkV4(t, k.pub, sig, PubKeyRSA)
}

func TestUnknownKey(t *testing.T) {
	a, b := key(t, Ed25519), key(t, RSA2048)
	sig, err := a.signer.DetachSign([]byte("x"), signAt)
	if err != nil {
		t.Fatal(err)
	}
	_, err = keyring(t, b.pub).Verify([]byte("x"), sig)
	var uk *UnknownKeyError
	if !errors.Is(err, ErrUnknownKey) || !errors.As(err, &uk) || uk.KeyID != a.signer.KeyID() {
		t.Fatalf("error %v, want UnknownKeyError for %016X", err, a.signer.KeyID())
	}
	if errors.Is(err, ErrBadSignature) {
		t.Error("unknown key is also ErrBadSignature")
	}
	if !strings.Contains(err.Error(), strings.ToUpper(ShortKeyID(a.signer.KeyID()))) {
		t.Errorf("error %q does not name the key", err)
	}
}

func TestKeyringSeveralKeys(t *testing.T) {
	a, b := key(t, Ed25519), key(t, RSA2048)
	// b's key in binary form, both in one argument and separately.
	el, _ := openpgp.ReadArmoredKeyRing(bytes.NewReader(b.pub))
	var bin bytes.Buffer
	el[0].Serialize(&bin)
	for name, kr := range map[string]*Keyring{
		"separate":     keyring(t, a.pub, bin.Bytes()),
		"concatenated": keyring(t, append(append([]byte{}, a.pub...), b.pub...)),
	} {
		if kr.Len() != 2 {
			t.Errorf("%s: %d keys, want 2", name, kr.Len())
		}
		for _, k := range []*testKey{a, b} {
			sig, _ := k.signer.DetachSign([]byte("data"), signAt)
			info, err := kr.Verify([]byte("data"), sig)
			if err != nil || info.KeyID != k.signer.KeyID() {
				t.Errorf("%s: %v %+v", name, err, info)
			}
		}
	}
}

// withHash rewrites the hash algorithm id of a v4 signature packet (a
// weak hash must be refused before any cryptography happens).
func withHash(t *testing.T, sig []byte, id byte) []byte {
	t.Helper()
	s := bytes.Clone(sig)
	// Packet header: new format tag 0xc2, one- or two-octet length.
	off := 2
	if s[1] >= 192 && s[1] < 224 {
		off = 3
	}
	if s[0] != 0xc2 || s[off] != 4 {
		t.Fatalf("unexpected signature packet header % x", s[:4])
	}
	s[off+3] = id
	return s
}

func TestWeakHash(t *testing.T) {
	k := key(t, RSA2048)
	sig, _ := k.signer.DetachSign([]byte("x"), signAt)
	for _, tt := range []struct {
		id   byte
		name string
	}{{1, "MD5"}, {2, "SHA-1"}, {11, "SHA-224"}, {3, "RIPEMD-160"}} {
		_, err := keyring(t, k.pub).Verify([]byte("x"), withHash(t, sig, tt.id))
		if !errors.Is(err, ErrWeakHash) || !strings.Contains(err.Error(), tt.name) {
			t.Errorf("%s: error %v, want ErrWeakHash naming the digest", tt.name, err)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	k := key(t, Ed25519)
	sig, _ := k.signer.DetachSign([]byte("x"), signAt)
	kr := keyring(t, k.pub)
	tests := map[string][]byte{
		"empty":          nil,
		"garbage":        []byte("garbage"),
		"truncated":      sig[:len(sig)-3],
		"trailing bytes": append(append([]byte{}, sig...), 0xc2, 0),
		"public key":     k.pub,
		"bad armor":      []byte("-----BEGIN PGP SIGNATURE-----\n\n!!!!\n-----END PGP SIGNATURE-----\n"),
	}
	for name, s := range tests {
		if _, err := kr.Verify([]byte("x"), s); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: %v, want ErrBadSignature", name, err)
		}
	}
}

func TestParseSignatureKeyID(t *testing.T) {
	k := key(t, Ed25519)
	sig, _ := k.signer.DetachSign([]byte("x"), signAt)
	armored, _ := k.signer.ArmoredDetachSign([]byte("x"), signAt)
	for _, s := range [][]byte{sig, armored} {
		id, err := ParseSignatureKeyID(s)
		if err != nil || id != k.signer.KeyID() {
			t.Errorf("ParseSignatureKeyID = %016X, %v; want %016X", id, err, k.signer.KeyID())
		}
	}
	if _, err := ParseSignatureKeyID([]byte("nope")); err == nil {
		t.Error("garbage accepted")
	}
	if got := ShortKeyID(0x0123456789abcdef); got != "89abcdef" {
		t.Errorf("ShortKeyID = %q", got)
	}
}

func TestLoadSignerErrors(t *testing.T) {
	k := key(t, Ed25519)
	el, _ := openpgp.ReadArmoredKeyRing(bytes.NewReader(k.priv))
	e := el[0]
	if err := e.EncryptPrivateKeys([]byte("secret"), nil); err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	e.SerializePrivateWithoutSigning(&enc, nil)
	two := append(append([]byte{}, k.priv...), key(t, RSA2048).priv...)
	tests := []struct {
		name string
		key  []byte
		want string
	}{
		{"public only", k.pub, "it is a public key, not a private key"},
		{"encrypted", enc.Bytes(), "encrypted with a passphrase"},
		{"two keys", two, "want one key, got 2"},
		{"garbage", []byte("garbage"), "loading signing key"},
		{"signature", mustSign(t, k), `"PGP SIGNATURE" block`},
	}
	for _, tt := range tests {
		_, err := LoadSigner(tt.key)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

func mustSign(t *testing.T, k *testKey) []byte {
	s, err := k.signer.ArmoredDetachSign([]byte("x"), signAt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignBeforeKeyCreation(t *testing.T) {
	_, err := key(t, Ed25519).signer.DetachSign([]byte("x"), created.Add(-time.Hour))
	if err == nil || !strings.Contains(err.Error(), "before the key's creation") {
		t.Errorf("error %v", err)
	}
}

func TestGenerateKeyErrors(t *testing.T) {
	tests := []struct {
		opts KeyOptions
		want string
	}{
		{KeyOptions{Name: "x", Algorithm: Ed25519}, "creation time not set"},
		{KeyOptions{Name: "x", Algorithm: "dsa1024", Created: created}, `unknown algorithm "dsa1024"`},
		{KeyOptions{Name: "x <y>", Algorithm: Ed25519, Created: created}, "invalid characters"},
	}
	for _, tt := range tests {
		_, _, err := GenerateKey(tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.opts, err, tt.want)
		}
	}
}

func TestExpiredKey(t *testing.T) {
	k := key(t, Ed25519)
	el, _ := openpgp.ReadArmoredKeyRing(bytes.NewReader(k.priv))
	e := el[0]
	// Re-sign the user id with a one-day key lifetime.
	cfg := config(created)
	cfg.KeyLifetimeSecs = 86400
	for _, id := range e.Identities {
		life := uint32(86400)
		id.SelfSignature.KeyLifetimeSecs = &life
		if err := id.SelfSignature.SignUserId(id.UserId.Id, e.PrimaryKey, e.PrivateKey, cfg); err != nil {
			t.Fatal(err)
		}
	}
	var pub bytes.Buffer
	if err := armorPublic(&pub, e); err != nil {
		t.Fatal(err)
	}
	sig, _ := k.signer.DetachSign([]byte("x"), created.Add(time.Hour))
	kr := keyring(t, pub.Bytes())
	kr.SetClock(func() time.Time { return created.Add(48 * time.Hour) })
	if _, err := kr.Verify([]byte("x"), sig); !errors.Is(err, ErrExpired) {
		t.Errorf("error %v, want ErrExpired", err)
	}
}
