package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// IndexFile and SignatureFile are the names of the release index and its detached,
// armored OpenPGP signature at the top of a releases directory.
const (
	IndexFile     = "index.json"
	SignatureFile = "index.json.asc"
	// MaxIndexSize bounds what a client reads as an index.
	MaxIndexSize = 4 << 20
	// Schema is the index format version this package writes and reads.
	Schema = 1
)

// Index is the signed list of releases. Serial grows with every publication; a client
// refuses an index with a lower serial than one it has accepted (rollback) and an index
// past Expires (freeze).
type Index struct {
	Schema   int       `json:"schema"`
	Serial   int64     `json:"serial"`
	Issued   time.Time `json:"issued"`
	Expires  time.Time `json:"expires"`
	Keys     []Key     `json:"keys"`
	Releases []Entry   `json:"releases"`
}

// Key is a repository signing key and its status. Active keys may sign the index and
// repomd.xml; a revoked key's signatures are refused wherever they appear. PublicKey
// carries the armored key so that clients learn a rotated-in key from an index signed by
// a key they already trust.
type Key struct {
	Fingerprint string    `json:"fingerprint"` // upper-case hex of the primary key
	Status      string    `json:"status"`      // "active" or "revoked"
	Added       time.Time `json:"added"`
	Revoked     time.Time `json:"revoked,omitzero"`
	Reason      string    `json:"reason,omitempty"`
	PublicKey   string    `json:"public_key,omitempty"`
}

// Entry is one published release.
type Entry struct {
	Version string    `json:"version"`
	Arches  []string  `json:"arches"`
	Date    time.Time `json:"date"`
	Notes   string    `json:"notes,omitempty"`
	// Packages counts the packages per arch; New those not in any earlier release.
	Packages map[string]int `json:"packages,omitempty"`
	New      map[string]int `json:"new,omitempty"`
	// Recalled marks a release withdrawn after publication (Amazon Linux recalled two
	// releases in 2023.6): clients on `latest` skip it, check-release-update shows it as
	// recalled and `upgrade --releasever=V` refuses it unless forced. Its files stay (a
	// system already on it keeps working); a recall is final.
	Recalled *Recall `json:"recalled,omitempty"`
	// Rollout, when set, starts the release in waves over the fleet (rollout.go).
	Rollout *Rollout `json:"rollout,omitempty"`
}

// Recall says when and why a release was recalled.
type Recall struct {
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// IsRecalled reports whether the release was recalled.
func (e *Entry) IsRecalled() bool { return e.Recalled != nil }

// Key statuses.
const (
	KeyActive  = "active"
	KeyRevoked = "revoked"
)

// ParseIndex reads and validates an index: known schema, unique well-formed release
// versions in ascending order, known key statuses, expiry after issue.
func ParseIndex(data []byte) (*Index, error) {
	if len(data) > MaxIndexSize {
		return nil, fmt.Errorf("release index: %d bytes is more than the %d allowed", len(data), MaxIndexSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var x Index
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("release index: %w", err)
	}
	if dec.More() {
		return nil, errors.New("release index: data after the JSON object")
	}
	if err := x.Validate(); err != nil {
		return nil, err
	}
	return &x, nil
}

// Validate reports every problem of the index at once.
func (x *Index) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf("release index: "+format, a...)) }
	if x.Schema != Schema {
		bad("schema %d is not supported (want %d)", x.Schema, Schema)
	}
	if x.Serial < 1 {
		bad("serial %d: want a positive number", x.Serial)
	}
	if x.Issued.IsZero() || x.Expires.IsZero() || !x.Expires.After(x.Issued) {
		bad("expires %s must be after issued %s", x.Expires.Format(time.RFC3339), x.Issued.Format(time.RFC3339))
	}
	seenKey := map[string]bool{}
	for i, k := range x.Keys {
		if !isHex(k.Fingerprint) || len(k.Fingerprint) < 16 {
			bad("keys[%d].fingerprint %q: want the key's hex fingerprint", i, k.Fingerprint)
		}
		if seenKey[k.Fingerprint] {
			bad("keys[%d]: key %s is listed twice", i, k.Fingerprint)
		}
		seenKey[k.Fingerprint] = true
		if k.Status != KeyActive && k.Status != KeyRevoked {
			bad("keys[%d].status %q: want active or revoked", i, k.Status)
		}
	}
	var prev Version
	for i, e := range x.Releases {
		v, err := ParseVersion(e.Version)
		if err != nil {
			bad("releases[%d]: %v", i, err)
			continue
		}
		if i > 0 && v.Compare(prev) <= 0 {
			bad("releases[%d]: %s is not after %s (releases are listed oldest first, each once)", i, e.Version, prev)
		}
		prev = v
		if len(e.Arches) == 0 {
			bad("releases[%d] (%s): no arches", i, e.Version)
		}
		for _, a := range e.Arches {
			if a == "" || strings.ContainsAny(a, "/\\. ") {
				bad("releases[%d] (%s): bad arch %q", i, e.Version, a)
			}
		}
		if e.Rollout != nil {
			if err := e.Rollout.Validate(); err != nil {
				bad("releases[%d] (%s): %v", i, e.Version, err)
			}
		}
		if r := e.Recalled; r != nil && (strings.TrimSpace(r.Reason) == "" || r.At.IsZero()) {
			bad("releases[%d] (%s): a recall needs a time and a reason", i, e.Version)
		}
	}
	return errors.Join(errs...)
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// Marshal writes the index deterministically (indented JSON, releases and keys in order).
func (x *Index) Marshal() ([]byte, error) {
	if err := x.Validate(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Find returns the entry of version v, or nil.
func (x *Index) Find(v string) *Entry {
	for i := range x.Releases {
		if x.Releases[i].Version == v {
			return &x.Releases[i]
		}
	}
	return nil
}

// Latest returns the newest release that is not recalled (for arch, when arch is not
// ""), or nil: what `latest` means.
func (x *Index) Latest(arch string) *Entry {
	for i := len(x.Releases) - 1; i >= 0; i-- {
		if (arch == "" || x.Releases[i].HasArch(arch)) && !x.Releases[i].IsRecalled() {
			return &x.Releases[i]
		}
	}
	return nil
}

// HasArch reports whether the release was published for arch.
func (e *Entry) HasArch(arch string) bool {
	for _, a := range e.Arches {
		if a == arch {
			return true
		}
	}
	return false
}

// Newest returns the last release published, recalled or not (versions only grow past
// it), or nil.
func (x *Index) Newest() *Entry {
	if len(x.Releases) == 0 {
		return nil
	}
	return &x.Releases[len(x.Releases)-1]
}

// Newer lists the releases after current (for arch, when not ""), oldest first, recalled
// ones included (callers show them as recalled or skip them). A
// current value that is not a release version ("2026", "latest") is compared field by
// field (CompareStrings).
func (x *Index) Newer(current, arch string) []Entry {
	var out []Entry
	for _, e := range x.Releases {
		if (arch == "" || e.HasArch(arch)) && CompareStrings(e.Version, current) > 0 {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return CompareStrings(out[i].Version, out[j].Version) < 0 })
	return out
}

// Key returns the key entry whose fingerprint matches fpr (full fingerprint, or its low
// 64 bits as a key id), or nil.
func (x *Index) Key(fpr string) *Key {
	fpr = strings.ToUpper(fpr)
	for i := range x.Keys {
		k := &x.Keys[i]
		if k.Fingerprint == fpr || (len(fpr) == 16 && strings.HasSuffix(k.Fingerprint, fpr)) {
			return k
		}
	}
	return nil
}

// RevokedSigner reports whether a verified signature was made by a key the index lists
// as revoked (by the signing key's fingerprint or its primary key's id).
func (x *Index) RevokedSigner(info *sign.SignatureInfo) *Key {
	if info == nil {
		return nil
	}
	for _, id := range []string{fmt.Sprintf("%X", info.Fingerprint), fmt.Sprintf("%016X", info.PrimaryID), fmt.Sprintf("%016X", info.KeyID)} {
		if k := x.Key(id); k != nil && k.Status == KeyRevoked {
			return k
		}
	}
	return nil
}

// ActiveKeys returns the armored public keys of the active keys that carry one.
func (x *Index) ActiveKeys() [][]byte {
	var out [][]byte
	for _, k := range x.Keys {
		if k.Status == KeyActive && k.PublicKey != "" {
			out = append(out, []byte(k.PublicKey))
		}
	}
	return out
}
