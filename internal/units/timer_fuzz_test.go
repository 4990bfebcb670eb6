package units

import (
	"testing"
	"time"
)

func FuzzParseCalendar(f *testing.F) {
	for _, s := range []string{"daily", "weekly", "hourly", "*-*-* 06:30:00", "Sun *-*-* 03:00", "12:00", "Mon..Fri"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCalendar(s)
		if err != nil {
			return
		}
		at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
		if n := c.Next(at); !n.After(at) || n.Sub(at) > 32*24*time.Hour {
			t.Fatalf("%q: next %v after %v", s, n, at)
		}
	})
}
