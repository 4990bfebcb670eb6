package release

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// An index signed after the client's clock is refused as not yet valid (a clock problem),
// not as "expired".
func TestVerifyIndexFutureSignature(t *testing.T) {
	k := newKey(t, "k")
	data, sig := signed(t, index(1, []Key{{Fingerprint: k.fpr, Status: KeyActive, Added: t0}}, "2026.9.20260901"), k)
	_, _, err := VerifyIndex(data, sig, VerifyOptions{Subject: "index", Trusted: [][]byte{k.pub}, Now: t0.Add(-time.Hour)})
	var te *TrustError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), sign.ErrNotYetValid.Error()) ||
		strings.Contains(err.Error(), "expired") || !strings.Contains(err.Error(), "check the clock") {
		t.Fatalf("got %v", err)
	}
}
