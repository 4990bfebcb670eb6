package release

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SeedRange is the number of rollout seeds: an instance's seed is in [0, SeedRange), as
// Bottlerocket's.
const SeedRange = 2048

// Rollout is a release's rollout policy in the signed index: waves as Bottlerocket's
// (each wave starts some time after the release's date and reaches a cumulative share of
// the fleet). An instance whose seed falls in a wave takes the release's security
// advisories from that wave's start on; a release without a policy starts everywhere at
// once.
//
//	"rollout": {"waves": [{"start_after": "0s", "fleet_percentage": 5},
//	                      {"start_after": "24h", "fleet_percentage": 50},
//	                      {"start_after": "48h", "fleet_percentage": 100}]}
type Rollout struct {
	Waves []Wave `json:"waves"`
}

// Wave is one step of a rollout. StartAfter is a Go duration ("36h", "90m") counted from
// the release's date; FleetPercentage is the cumulative share of the fleet (1-100) updated
// once it has started.
type Wave struct {
	StartAfter      string `json:"start_after"`
	FleetPercentage int    `json:"fleet_percentage"`
}

// Validate checks that the waves start in order, cover growing shares and end at 100%
// (otherwise part of the fleet would never receive the release's fixes).
func (r *Rollout) Validate() error {
	if len(r.Waves) == 0 {
		return fmt.Errorf("rollout: no waves (omit the rollout to start everywhere at once)")
	}
	var prevD time.Duration
	prevP := 0
	for i, w := range r.Waves {
		d, err := time.ParseDuration(w.StartAfter)
		if err != nil || d < 0 {
			return fmt.Errorf("rollout: waves[%d].start_after %q: want a duration such as 0s, 90m or 24h", i, w.StartAfter)
		}
		if i > 0 && d <= prevD {
			return fmt.Errorf("rollout: waves[%d] starts after %s, not later than the wave before (%s)", i, d, prevD)
		}
		if w.FleetPercentage <= prevP || w.FleetPercentage > 100 {
			return fmt.Errorf("rollout: waves[%d].fleet_percentage %d: want more than the wave before (%d) and at most 100", i, w.FleetPercentage, prevP)
		}
		prevD, prevP = d, w.FleetPercentage
	}
	if prevP != 100 {
		return fmt.Errorf("rollout: the last wave reaches %d%% of the fleet: it must reach 100%%", prevP)
	}
	return nil
}

// ParseRollout reads the command-line form "START=PERCENT%,...", e.g.
// "0s=5%,24h=50%,48h=100%".
func ParseRollout(s string) (*Rollout, error) {
	r := &Rollout{}
	for _, part := range strings.Split(s, ",") {
		d, p, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(p), "%"))
		if !ok || err != nil {
			return nil, fmt.Errorf("rollout %q: %q: want START=PERCENT%% (e.g. 0s=5%%,24h=50%%,48h=100%%)", s, part)
		}
		r.Waves = append(r.Waves, Wave{StartAfter: strings.TrimSpace(d), FleetPercentage: n})
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("%q: %w", s, err)
	}
	return r, nil
}

// Seed derives an instance's rollout seed from its id: stable for the id, uniformly
// spread over [0, SeedRange).
func Seed(instanceID string) int {
	h := sha256.Sum256([]byte("nimbus-rollout\x00" + instanceID))
	return int(binary.BigEndian.Uint16(h[:2]) % SeedRange)
}

// WaveStart is when the release starts for an instance with this seed: the start of the
// first wave whose share of the fleet covers the seed (seed < SeedRange*percent/100).
func (e *Entry) WaveStart(seed int) time.Time {
	if e.Rollout == nil || len(e.Rollout.Waves) == 0 {
		return e.Date
	}
	for _, w := range e.Rollout.Waves {
		if seed < SeedRange*w.FleetPercentage/100 {
			d, _ := time.ParseDuration(w.StartAfter)
			return e.Date.Add(d)
		}
	}
	last := e.Rollout.Waves[len(e.Rollout.Waves)-1]
	d, _ := time.ParseDuration(last.StartAfter)
	return e.Date.Add(d)
}

// Started reports whether the release may be applied on an instance with this seed at now:
// its wave has started and it is not recalled.
func (e *Entry) Started(seed int, now time.Time) bool {
	return !e.IsRecalled() && !now.Before(e.WaveStart(seed))
}

// UnknownSeed is the seed of an instance without an id: the last to start (every wave
// has to have started before it takes a release).
const UnknownSeed = SeedRange - 1

// Choose picks, from releases newer than the installed one (oldest first), the newest
// whose wave has started for seed at now and that is not recalled; next is the newest
// release not recalled whose wave has not started yet (nil when none), for the log.
func Choose(newer []Entry, seed int, now time.Time) (chosen, next *Entry) {
	for i := len(newer) - 1; i >= 0; i-- {
		e := &newer[i]
		if e.IsRecalled() {
			continue
		}
		if e.Started(seed, now) {
			return e, next
		}
		if next == nil {
			next = e
		}
	}
	return nil, next
}
