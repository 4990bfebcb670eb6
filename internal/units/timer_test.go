package units

import (
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/recipe"
)

func mustCal(t *testing.T, s string) CalendarSpec {
	t.Helper()
	c, err := ParseCalendar(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCalendarNext(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// 2026-11-25 is a Wednesday.
	cases := []struct{ spec, after, want string }{
		{"daily", "2026-11-25 10:00:00", "2026-11-26 00:00:00"},
		{"daily", "2026-11-25 00:00:00", "2026-11-26 00:00:00"},
		{"hourly", "2026-11-25 10:00:00", "2026-11-25 11:00:00"},
		{"hourly", "2026-11-25 10:59:59", "2026-11-25 11:00:00"},
		{"minutely", "2026-11-25 10:00:30", "2026-11-25 10:01:00"},
		{"weekly", "2026-11-25 10:00:00", "2026-11-30 00:00:00"},
		{"weekly", "2026-11-30 00:00:00", "2026-12-07 00:00:00"},
		{"monthly", "2026-12-15 00:00:00", "2027-01-01 00:00:00"},
		{"*-*-* 06:30:00", "2026-11-25 06:29:59", "2026-11-25 06:30:00"},
		{"*-*-* 06:30:00", "2026-11-25 06:30:00", "2026-11-26 06:30:00"},
		{"04:00", "2026-11-25 10:00:00", "2026-11-26 04:00:00"},
		{"Sun *-*-* 03:00:00", "2026-11-25 10:00:00", "2026-11-29 03:00:00"},
		{"*-*-* 23:59:59", "2026-12-31 23:59:59", "2027-01-01 23:59:59"},
	}
	for _, c := range cases {
		if got := mustCal(t, c.spec).Next(at(c.after)); !got.Equal(at(c.want)) {
			t.Errorf("%q after %s = %s, want %s", c.spec, c.after, got, c.want)
		}
	}
	for _, bad := range []string{"Mon..Fri", "*-*-01 00:00", "25:00", "*-*-* 12:60", "yearly", "", "Mon", "2026-01-01 00:00"} {
		if _, err := ParseCalendar(bad); err == nil {
			t.Errorf("ParseCalendar(%q) accepted", bad)
		}
	}
}

func TestTimerNext(t *testing.T) {
	boot := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tm := &Timer{OnBoot: []time.Duration{10 * time.Minute}, OnUnitActive: []time.Duration{12 * time.Hour}}
	st := TimerState{Boot: boot, Activated: boot.Add(2 * time.Second)}
	next, ok := tm.Next(st)
	if !ok || !next.Equal(boot.Add(10*time.Minute)) {
		t.Fatalf("first elapse %v %v", next, ok)
	}
	st.LastTrigger, st.UnitActive = next, next
	next, _ = tm.Next(st)
	if want := boot.Add(10*time.Minute + 12*time.Hour); !next.Equal(want) {
		t.Fatalf("after the boot elapse: %v, want %v (OnBootSec fires once)", next, want)
	}
	// Started late: OnBootSec in the past fires at once, once.
	late := TimerState{Boot: boot, Activated: boot.Add(time.Hour)}
	if next, _ := tm.Next(late); !next.Equal(boot.Add(10 * time.Minute)) {
		t.Fatalf("late start: %v", next)
	}
	// Only OnUnitActiveSec and a unit never started: never.
	if _, ok := (&Timer{OnUnitActive: []time.Duration{time.Hour}}).Next(TimerState{Boot: boot, Activated: boot}); ok {
		t.Fatal("OnUnitActiveSec without an activation elapsed")
	}
	// Calendar counts from the last trigger.
	cal := &Timer{Calendar: []CalendarSpec{mustCal(t, "daily")}}
	st = TimerState{Boot: boot, Activated: boot, LastTrigger: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
	if next, _ := cal.Next(st); !next.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("daily: %v", next)
	}
}

func TestTimerUnitParse(t *testing.T) {
	f, err := Parse("/x.timer", strings.NewReader("[Unit]\nDescription=x\n[Timer]\nOnBootSec=15min\nOnUnitActiveSec=1d\nOnCalendar=daily\nRandomizedDelaySec=1h\nAccuracySec=1us\nPersistent=true\n[Install]\nWantedBy=timers.target\n"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("x.timer", f)
	if err != nil {
		t.Fatal(err)
	}
	tm := u.Timer
	if tm == nil || tm.Unit != "x.service" || tm.OnBoot[0] != 15*time.Minute || tm.OnUnitActive[0] != 24*time.Hour ||
		tm.RandomizedDelay != time.Hour || len(tm.Calendar) != 1 {
		t.Fatalf("timer %+v", tm)
	}
	if len(u.Unsupported) != 1 || !strings.Contains(u.Unsupported[0], "Timer.Persistent") {
		t.Errorf("Persistent=true must be reported: %v", u.Unsupported)
	}
	for body, want := range map[string]string{
		"[Timer]\nUnit=x.service\n":            "timer has no",
		"[Timer]\nOnCalendar=Mon..Fri\n":       "outside the supported subset",
		"[Timer]\nOnBootSec=soon\n":            "bad time",
		"[Timer]\nOnBootSec=1\nUnit=y.timer\n": "is not a .service",
	} {
		f, err := Parse("/y.timer", strings.NewReader(body))
		if err == nil {
			_, err = Build("y.timer", f)
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
}

// TestShippedAutomaticUpdatesUnits: the timer and service the nimbus package ships
// (dist/recipes/nimbus.yaml) load in this supervisor without unsupported directives.
func TestShippedAutomaticUpdatesUnits(t *testing.T) {
	data, err := os.ReadFile("../../dist/recipes/nimbus.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := recipe.Parse("nimbus.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, f := range r.Overrides.Files {
		name := path.Base(f.Path)
		if !strings.HasPrefix(name, "nimbus-automatic-updates.") {
			continue
		}
		found++
		pf, err := Parse(f.Path, strings.NewReader(f.Content))
		if err != nil {
			t.Fatal(err)
		}
		u, err := Build(name, pf)
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Unsupported) > 0 {
			t.Errorf("%s: unsupported %v", name, u.Unsupported)
		}
		if tm := u.Timer; tm != nil && (tm.Unit != "nimbus-automatic-updates.service" || tm.RandomizedDelay == 0 || len(tm.Calendar) == 0) {
			t.Errorf("timer %+v", tm)
		}
	}
	if found != 2 {
		t.Fatalf("found %d automatic-updates units in the nimbus recipe, want the service and the timer", found)
	}
}
