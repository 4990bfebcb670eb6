package units

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// Timer is the [Timer] section of a .timer unit: when to start its unit (Unit=, by
// default the .service of the same name). Supported: OnBootSec (also OnStartupSec, the
// same for PID 1), OnActiveSec, OnUnitActiveSec, OnUnitInactiveSec, OnCalendar (the
// subset CalendarSpec parses), RandomizedDelaySec, Unit; AccuracySec is accepted and
// ignored (timers elapse on time). Persistent=true is reported as unsupported: missed
// runs while the machine was off are not caught up.
type Timer struct {
	OnBoot           []time.Duration
	OnActive         []time.Duration
	OnUnitActive     []time.Duration
	OnUnitInactive   []time.Duration
	Calendar         []CalendarSpec
	RandomizedDelay  time.Duration
	Persistent       bool
	Unit             string
	FixedRandomDelay bool
}

// CalendarSpec is the documented subset of systemd's OnCalendar= expressions:
// "minutely", "hourly", "daily", "weekly" (Monday 00:00), "monthly" (1st, 00:00),
// "*-*-* HH:MM[:SS]" and its short form "HH:MM[:SS]", and "DOW *-*-* HH:MM[:SS]" with one
// weekday (Mon..Sun). Times are in the clock's location.
type CalendarSpec struct {
	Text     string
	kind     string // minutely hourly daily weekly monthly time
	weekday  int    // -1: any
	h, m, s  int
	hasClock bool
}

var weekdays = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
		"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
}}

// ParseCalendar reads an OnCalendar= value of the supported subset; anything else is an
// error that says what is supported.
func ParseCalendar(v string) (CalendarSpec, error) {
	c := CalendarSpec{Text: v, weekday: -1}
	f := strings.Fields(strings.TrimSpace(v))
	unsupported := fmt.Errorf("OnCalendar=%q is outside the supported subset (minutely, hourly, daily, weekly, monthly, [DOW] *-*-* HH:MM[:SS], HH:MM[:SS])", v)
	if len(f) == 1 {
		switch strings.ToLower(f[0]) {
		case "minutely", "hourly", "daily", "weekly", "monthly":
			c.kind = strings.ToLower(f[0])
			if c.kind == "weekly" {
				c.weekday = 1
			}
			return c, nil
		}
	}
	if len(f) == 0 || len(f) > 3 {
		return c, unsupported
	}
	if d, ok := weekdays.Get()[strings.ToLower(f[0])]; ok && len(f) >= 2 {
		c.weekday = d
		f = f[1:]
	}
	if len(f) == 2 {
		if f[0] != "*-*-*" {
			return c, unsupported
		}
		f = f[1:]
	}
	if len(f) != 1 {
		return c, unsupported
	}
	parts := strings.Split(f[0], ":")
	if len(parts) < 2 || len(parts) > 3 {
		return c, unsupported
	}
	vals := []int{0, 0, 0}
	lim := []int{23, 59, 59}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > lim[i] || len(p) > 2 {
			return c, fmt.Errorf("OnCalendar=%q: bad time field %q", v, p)
		}
		vals[i] = n
	}
	c.kind, c.h, c.m, c.s, c.hasClock = "time", vals[0], vals[1], vals[2], true
	return c, nil
}

// Next returns the first time strictly after t that matches the expression.
func (c CalendarSpec) Next(t time.Time) time.Time {
	loc := t.Location()
	switch c.kind {
	case "minutely":
		return t.Truncate(time.Minute).Add(time.Minute)
	case "hourly":
		n := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, loc)
		for !n.After(t) {
			n = n.Add(time.Hour)
		}
		return n
	case "monthly":
		n := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
		for !n.After(t) {
			n = time.Date(n.Year(), n.Month()+1, 1, 0, 0, 0, 0, loc)
		}
		return n
	}
	h, m, s := c.h, c.m, c.s // daily, weekly: 00:00:00
	for d := 0; d < 9; d++ {
		n := time.Date(t.Year(), t.Month(), t.Day()+d, h, m, s, 0, loc)
		if n.After(t) && (c.weekday < 0 || int(n.Weekday()) == c.weekday) {
			return n
		}
	}
	return t.Add(24 * time.Hour) // unreachable: a week always has the weekday
}

// TimerState is what the next elapse depends on.
type TimerState struct {
	Boot        time.Time // when the system booted
	Activated   time.Time // when the timer unit itself was started
	LastTrigger time.Time // when the timer last started its unit (zero: never)
	// UnitActive and UnitInactive are when the triggered unit last became active and
	// last stopped (zero: not yet).
	UnitActive, UnitInactive time.Time
}

// Next is when the timer elapses next without the randomized delay (ok false: never).
// Monotonic elapses in the past fire at once (as systemd does for OnBootSec when the
// timer starts late), but each only once; OnUnitActiveSec counts from the unit's last
// activation; calendar elapses come after the last trigger (or the timer's start).
func (t *Timer) Next(s TimerState) (time.Time, bool) {
	var best time.Time
	consider := func(c time.Time) {
		if best.IsZero() || c.Before(best) {
			best = c
		}
	}
	once := func(c time.Time) { // a monotonic elapse fires once: not again after a trigger
		if s.LastTrigger.IsZero() || c.After(s.LastTrigger) {
			consider(c)
		}
	}
	for _, d := range t.OnBoot {
		once(s.Boot.Add(d))
	}
	for _, d := range t.OnActive {
		once(s.Activated.Add(d))
	}
	after := s.Activated
	if s.LastTrigger.After(after) {
		after = s.LastTrigger
	}
	if !s.UnitActive.IsZero() {
		for _, d := range t.OnUnitActive {
			if c := s.UnitActive.Add(d); c.After(s.LastTrigger) || s.LastTrigger.IsZero() {
				consider(maxTime(c, after))
			}
		}
	}
	if !s.UnitInactive.IsZero() {
		for _, d := range t.OnUnitInactive {
			if c := s.UnitInactive.Add(d); c.After(s.LastTrigger) || s.LastTrigger.IsZero() {
				consider(maxTime(c, after))
			}
		}
	}
	for _, c := range t.Calendar {
		consider(c.Next(after))
	}
	return best, !best.IsZero()
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// apply sets one [Timer] key.
func (t *Timer) apply(k, v string) error {
	span := func(dst *[]time.Duration) error {
		if v == "" {
			*dst = nil
			return nil
		}
		d, err := ParseTimespan(v)
		if err != nil {
			return err
		}
		*dst = append(*dst, d)
		return nil
	}
	switch k {
	case "OnBootSec", "OnStartupSec":
		return span(&t.OnBoot)
	case "OnActiveSec":
		return span(&t.OnActive)
	case "OnUnitActiveSec":
		return span(&t.OnUnitActive)
	case "OnUnitInactiveSec":
		return span(&t.OnUnitInactive)
	case "OnCalendar":
		if v == "" {
			t.Calendar = nil
			return nil
		}
		c, err := ParseCalendar(v)
		if err != nil {
			return err
		}
		t.Calendar = append(t.Calendar, c)
	case "RandomizedDelaySec":
		d, err := ParseTimespan(v)
		if err != nil {
			return err
		}
		t.RandomizedDelay = d
	case "FixedRandomDelay":
		b, err := parseBool(v)
		t.FixedRandomDelay = b
		return err
	case "Persistent":
		b, err := parseBool(v)
		if err != nil {
			return err
		}
		t.Persistent = b
		if b {
			return errUnsupported
		}
	case "Unit":
		if err := ValidName(v); err != nil || strings.HasSuffix(v, ".timer") {
			return fmt.Errorf("%q is not a .service or .target", v)
		}
		t.Unit = v
	case "AccuracySec", "RemainAfterElapse", "WakeSystem":
		// accepted: elapses are exact, timers stay loaded, no RTC wake-ups
	default:
		return errUnsupported
	}
	return nil
}
