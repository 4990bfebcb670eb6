//go:build linux

package units

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock the test moves by hand.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	ch      chan time.Time
	stopped bool
	fired   bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ft := &fakeTimer{at: c.now.Add(d), ch: make(chan time.Time, 1)}
	if d <= 0 {
		ft.fired = true
		ft.ch <- c.now
	}
	c.timers = append(c.timers, ft)
	return ft.ch, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !ft.stopped && !ft.fired
		ft.stopped = true
		return was
	}
}

// Advance moves the clock and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, ft := range c.timers {
		if !ft.stopped && !ft.fired && !ft.at.After(c.now) {
			ft.fired = true
			ft.ch <- c.now
		}
	}
}

// pending returns the deadline of the one armed timer (zero if none).
func (c *fakeClock) pending() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ft := range c.timers {
		if !ft.stopped && !ft.fired {
			return ft.at
		}
	}
	return time.Time{}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestTimerUnitRuns: a timer with OnBootSec, OnUnitActiveSec and a randomized delay
// starts its oneshot service at exactly the elapses the fake clock reaches, and no more
// once it is stopped.
func TestTimerUnitRuns(t *testing.T) {
	root := t.TempDir()
	units := map[string]string{
		"upd.service": "[Service]\nType=oneshot\nExecStart=/bin/sh -c 'echo run >> " + root + "/runs'\n",
		"upd.timer":   "[Timer]\nOnBootSec=10min\nOnUnitActiveSec=12h\nRandomizedDelaySec=1h\n[Install]\nWantedBy=timers.target\n",
	}
	for name, body := range units {
		p := filepath.Join(root, "etc/systemd/system", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	boot := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	clk := &fakeClock{now: boot.Add(3 * time.Second)}
	var delays []time.Duration
	m := NewManager(Options{Loader: &Loader{FS: os.DirFS(root)}, Root: root, Journal: &Journal{Dir: filepath.Join(root, "journal")},
		Clock: clk, BootTime: boot, Rand: func(max time.Duration) time.Duration {
			if max != time.Hour {
				t.Errorf("randomized delay bound %v", max)
			}
			d := time.Duration(len(delays)+1) * 7 * time.Minute
			delays = append(delays, d)
			return d
		}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	defer m.StopAll(ctx)
	if err := m.Start(ctx, "upd.timer"); err != nil {
		t.Fatal(err)
	}
	runs := func() int {
		b, _ := os.ReadFile(filepath.Join(root, "runs"))
		return strings.Count(string(b), "run")
	}
	first := boot.Add(10*time.Minute + 7*time.Minute)
	waitFor(t, "the first elapse to be armed", func() bool { return clk.pending().Equal(first) })
	if st, _ := m.Status("upd.timer"); st.State != Active || !st.NextElapse.Equal(first) {
		t.Fatalf("status %+v, want active with next elapse %v", st, first)
	}
	clk.Advance(first.Sub(clk.Now()) - time.Second)
	time.Sleep(50 * time.Millisecond)
	if runs() != 0 {
		t.Fatal("the service ran before its elapse")
	}
	clk.Advance(time.Second)
	waitFor(t, "the first run", func() bool { return runs() == 1 })
	second := first.Add(12*time.Hour + 14*time.Minute)
	waitFor(t, "the second elapse to be armed", func() bool { return clk.pending().Equal(second) })
	clk.Advance(second.Sub(clk.Now()))
	waitFor(t, "the second run", func() bool { return runs() == 2 })
	third := second.Add(12*time.Hour + 21*time.Minute)
	waitFor(t, "the third elapse to be armed", func() bool { return clk.pending().Equal(third) })
	if err := m.Stop(ctx, "upd.timer"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(48 * time.Hour)
	time.Sleep(100 * time.Millisecond)
	if runs() != 2 {
		t.Fatalf("a stopped timer started its unit: %d runs", runs())
	}
	if st, _ := m.Status("upd.timer"); st.State != Inactive {
		t.Fatalf("stopped timer is %s", st.State)
	}
}
