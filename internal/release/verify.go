package release

import (
	"errors"
	"fmt"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// TrustError is a refusal of metadata that is validly formed but must not be used: an
// index or repomd.xml older than one already accepted (rollback), past its expiry or
// maximum age (freeze), or signed by a revoked key. What says what to do about it.
type TrustError struct {
	Kind    string // "rollback", "freeze", "revoked", "signature"
	Subject string // "release index https://...", "repository nimbus"
	Detail  string
	What    string // what the user can do
}

// The trust error kinds.
const (
	Rollback  = "rollback"
	Freeze    = "freeze"
	Revoked   = "revoked"
	Signature = "signature"
)

func (e *TrustError) Error() string {
	s := fmt.Sprintf("%s: %s refused (%s)", e.Subject, e.Detail, e.Kind)
	if e.What != "" {
		s += ": " + e.What
	}
	return s
}

// ErrTrust matches every *TrustError with errors.Is.
var ErrTrust = errors.New("metadata refused")

// Is makes errors.Is(err, ErrTrust) true for trust errors.
func (e *TrustError) Is(target error) bool { return target == ErrTrust }

// VerifyOptions are what a client knows when it checks an index.
type VerifyOptions struct {
	// Subject names the index in errors (its URL).
	Subject string
	// Trusted are armored public keys the client trusts by configuration (gpgkey=).
	Trusted [][]byte
	// Previous is the index the client accepted last (nil on first contact): its active
	// keys are trusted too (rotation), its serial is the floor (rollback).
	Previous *Index
	Now      time.Time
}

// VerifyIndex checks a signed index: the signature by a trusted key (configured, or
// active in the previously accepted index) that neither index lists as revoked, not
// expired at Now, and a serial not below the previous index's. It returns the index and
// the signature's details.
func VerifyIndex(data, sig []byte, o VerifyOptions) (*Index, *sign.SignatureInfo, error) {
	x, err := ParseIndex(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", o.Subject, err)
	}
	keys := append([][]byte{}, o.Trusted...)
	if o.Previous != nil {
		keys = append(keys, o.Previous.ActiveKeys()...)
	}
	if len(keys) == 0 {
		return nil, nil, &TrustError{Kind: Signature, Subject: o.Subject, Detail: "no trusted key to check the index signature with",
			What: "configure the distribution key (gpgkey=) for the repository"}
	}
	kr, err := sign.LoadKeyring(keys...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: loading trusted keys: %w", o.Subject, err)
	}
	kr.SetClock(func() time.Time { return o.Now })
	info, err := kr.Verify(data, sig)
	if errors.Is(err, sign.ErrNotYetValid) {
		return nil, nil, &TrustError{Kind: Signature, Subject: o.Subject, Detail: fmt.Sprintf("signature check failed: %v", err),
			What: "the index is signed later than this system's clock says it is now: check the clock (or the publisher's); it was not used"}
	}
	if err != nil {
		return nil, nil, &TrustError{Kind: Signature, Subject: o.Subject, Detail: fmt.Sprintf("signature check failed: %v", err),
			What: "the index was not signed by a key this system trusts; check the mirror and gpgkey="}
	}
	for _, idx := range []*Index{x, o.Previous} {
		if idx == nil {
			continue
		}
		if k := idx.RevokedSigner(info); k != nil {
			return nil, nil, &TrustError{Kind: Revoked, Subject: o.Subject,
				Detail: fmt.Sprintf("signed by key %s, revoked %s (%s)", k.Fingerprint, k.Revoked.Format(time.DateOnly), k.Reason),
				What:   "the mirror serves an index signed with a withdrawn key; use another mirror or wait for it to sync"}
		}
	}
	if !o.Now.Before(x.Expires) {
		return nil, nil, &TrustError{Kind: Freeze, Subject: o.Subject,
			Detail: fmt.Sprintf("index serial %d expired at %s (now %s)", x.Serial, x.Expires.UTC().Format(time.RFC3339), o.Now.UTC().Format(time.RFC3339)),
			What:   "the mirror is stale or frozen; use another mirror, or check the system clock"}
	}
	if p := o.Previous; p != nil && x.Serial < p.Serial {
		return nil, nil, &TrustError{Kind: Rollback, Subject: o.Subject,
			Detail: fmt.Sprintf("index serial %d is older than serial %d accepted before", x.Serial, p.Serial),
			What:   "the mirror serves old metadata; use another mirror, or wait until it syncs"}
	}
	return x, info, nil
}
