// Package apt verifies Debian's archive end to end from the files apt itself keeps:
// the InRelease files in /var/lib/apt/lists are checked against the Debian archive
// keyring, each Packages index against the SHA-256 its InRelease lists, and each
// downloaded .deb against the SHA-256 and size its Packages entry lists. Packages are
// fetched with the machine's ordinary client (apt-get download) into a cache
// directory; nothing reaches the caller unverified.
package apt

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// ErrVerify is wrapped by every error that means the archive's chain of trust is broken:
// a bad or missing signature, a hash mismatch, an expired Release.
var ErrVerify = errors.New("archive verification failed")

// Release is a verified InRelease file.
type Release struct {
	Name  string // the list file it came from
	Suite string
	// Codename is the suite's stable name (bookworm, bookworm-security), which
	// recipes track; Suite ("oldstable") moves with Debian's releases.
	Codename string
	Date     time.Time
	Signer   string // user id of the key whose signature verified
	// SHA256 maps an index path relative to the dists/SUITE directory
	// ("main/binary-amd64/Packages") to its digest and size.
	SHA256 map[string]FileHash
}

// FileHash is a digest and size from a Release file.
type FileHash struct {
	Digest [32]byte
	Size   int64
}

// VerifyRelease checks an InRelease file's signature against keys and parses it.
// A Valid-Until in the past is refused, as apt refuses it: it means the index may be
// withheld updates (a freeze attack); `apt-get update` refreshes it.
func VerifyRelease(name string, data []byte, keys *sign.Keyring, now time.Time) (*Release, error) {
	text, infos, err := keys.VerifyCleartext(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrVerify, err)
	}
	st, err := deb.ParseControl(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r := &Release{Name: name, Suite: st.Get("Suite"), Codename: st.Get("Codename"), Signer: infos[0].UserID, SHA256: map[string]FileHash{}}
	if d := st.Get("Date"); d != "" {
		if r.Date, err = parseDate(d); err != nil {
			return nil, fmt.Errorf("%s: Date: %w", name, err)
		}
	}
	if vu := st.Get("Valid-Until"); vu != "" {
		t, err := parseDate(vu)
		if err != nil {
			return nil, fmt.Errorf("%s: Valid-Until: %w", name, err)
		}
		if now.After(t) {
			return nil, fmt.Errorf("%s: %w: expired at %s (run apt-get update)", name, ErrVerify, t.Format(time.RFC3339))
		}
	}
	sc := bufio.NewScanner(strings.NewReader(st.Get("SHA256")))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("%s: SHA256 line %q: want \"digest size path\"", name, sc.Text())
		}
		var h FileHash
		b, err := hex.DecodeString(f[0])
		if err != nil || len(b) != 32 {
			return nil, fmt.Errorf("%s: SHA256 line %q: bad digest", name, sc.Text())
		}
		copy(h.Digest[:], b)
		if h.Size, err = strconv.ParseInt(f[1], 10, 64); err != nil || h.Size < 0 {
			return nil, fmt.Errorf("%s: SHA256 line %q: bad size", name, sc.Text())
		}
		r.SHA256[f[2]] = h
	}
	if len(r.SHA256) == 0 {
		return nil, fmt.Errorf("%s: %w: no SHA256 file list", name, ErrVerify)
	}
	return r, nil
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC1123, time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 2822 date", s)
}
