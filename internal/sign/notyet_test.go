package sign

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A signature from the future is "not yet valid" (a clock problem), not "expired".
func TestFutureSignatureNotYetValid(t *testing.T) {
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	priv, pub, err := GenerateKey(KeyOptions{Name: "Clock", Algorithm: Ed25519, Created: created})
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("repomd")
	sig, err := s.ArmoredDetachSign(data, created.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := LoadKeyring(pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		now  time.Time
		want error
	}{
		{"signature in the future", created.Add(30 * time.Minute), ErrNotYetValid},
		{"key in the future", created.Add(-time.Minute), ErrNotYetValid},
		{"valid", created.Add(2 * time.Hour), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			kr.SetClock(func() time.Time { return c.now })
			_, err := kr.Verify(data, sig)
			if !errors.Is(err, c.want) || c.want != nil && (errors.Is(err, ErrExpired) || !strings.Contains(err.Error(), "check the clock")) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}
