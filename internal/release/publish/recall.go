package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// RecallOptions control Recall.
type RecallOptions struct {
	Dir      string // the releases directory
	Version  string
	Reason   string
	Signer   *sign.Signer
	Time     time.Time
	ValidFor time.Duration
}

// Recall marks a published release recalled in the signed index and moves `latest` to
// the newest release that is not recalled (removing it when there is none). The
// release's files stay: systems already on it keep a working repository, and a recall
// is final (publish a fixed version instead).
func Recall(o RecallOptions) (*release.Index, error) {
	if strings.TrimSpace(o.Reason) == "" {
		return nil, fmt.Errorf("release recall %s: a reason is required (--reason): clients show it", o.Version)
	}
	if o.Signer == nil {
		return nil, fmt.Errorf("release recall: a signing key is required (--key)")
	}
	x, err := LoadIndex(o.Dir, o.Signer)
	if err != nil {
		return nil, err
	}
	if err := MarkRecalled(x, o.Version, o.Reason, o.Time); err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, o.Dir)
	}
	if err := addSignerKey(x, o.Signer, o.Time); err != nil {
		return nil, err
	}
	if o.ValidFor <= 0 {
		o.ValidFor = 30 * 24 * time.Hour
	}
	// latest first: from now on nobody new lands on the recalled release
	if l := x.Latest(""); l != nil {
		if err := setLatest(o.Dir, l.Version); err != nil {
			return nil, err
		}
	} else if err := os.Remove(filepath.Join(o.Dir, "latest")); err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	if err := WriteIndex(o.Dir, x, o.Signer, o.Time, o.ValidFor); err != nil {
		return nil, err
	}
	return x, nil
}

// MarkRecalled marks version recalled in x (an index being prepared for signing).
func MarkRecalled(x *release.Index, version, reason string, at time.Time) error {
	e := x.Find(version)
	if e == nil {
		var known []string
		for _, r := range x.Releases {
			known = append(known, r.Version)
		}
		return fmt.Errorf("release recall: no release %s in the index (releases: %s)", version, strings.Join(known, ", "))
	}
	if e.IsRecalled() {
		return fmt.Errorf("release recall: %s was already recalled on %s (%s)", version, e.Recalled.At.Format(time.RFC3339), e.Recalled.Reason)
	}
	e.Recalled = &release.Recall{At: at.UTC(), Reason: strings.TrimSpace(reason)}
	return nil
}
