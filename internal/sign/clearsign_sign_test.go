package sign

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// TestClearSignRoundTrip: what ClearSign writes, VerifyCleartext accepts with the
// signer's key and gives back the text; another keyring refuses it.
func TestClearSignRoundTrip(t *testing.T) {
	priv, pub, err := GenerateKey(KeyOptions{Name: "Archive", Algorithm: Ed25519, Created: time.Now().Add(-time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("Suite: bookworm\nCodename: bookworm\n-dash line\nSHA256:\n 00 1 main/binary-amd64/Packages\n")
	msg, err := s.ClearSign(text, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	kr, err := LoadKeyring(pub)
	if err != nil {
		t.Fatal(err)
	}
	got, infos, err := kr.VerifyCleartext(msg)
	if err != nil || len(infos) != 1 {
		t.Fatalf("verify: %v", err)
	}
	if !bytes.Equal(bytes.TrimRight(got, "\n"), bytes.TrimRight(text, "\n")) {
		t.Errorf("text %q, want %q", got, text)
	}
	_, otherPub, _ := GenerateKey(KeyOptions{Name: "Other", Algorithm: Ed25519, Created: time.Now().Add(-time.Minute)})
	other, _ := LoadKeyring(otherPub)
	if _, _, err := other.VerifyCleartext(msg); !errors.Is(err, ErrNoValidSignature) {
		t.Errorf("another key's keyring: %v", err)
	}
}
