package repo

import (
	"fmt"
	"sync/atomic"
	"time"
)

// speedGuard is curl's low-speed check as librepo sets it for dnf (LRO_LOWSPEEDLIMIT =
// minrate, LRO_LOWSPEEDTIME = timeout): the transfer is sampled every tick, and when every
// sample for `window` has been below `limit` bytes/s the transfer is cancelled. It runs
// from before the request is sent, so a server that accepts the connection and never
// answers is cut off after the same window.
type speedGuard struct {
	window time.Duration
	limit  int64
	bytes  atomic.Int64
	fired  atomic.Bool
	done   chan struct{}
}

func newSpeedGuard(window time.Duration, limit int64, cancel func()) *speedGuard {
	if window <= 0 {
		window = 30 * time.Second
	}
	if limit < 1 {
		limit = 1 // minrate=0 still ends a transfer that delivers nothing for the window
	}
	g := &speedGuard{window: window, limit: limit, done: make(chan struct{})}
	tick := min(time.Second, window/4)
	if tick <= 0 {
		tick = window
	}
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		var last int64
		var slowSince time.Time
		prev := time.Now()
		for {
			select {
			case <-g.done:
				return
			case now := <-t.C:
				n := g.bytes.Load()
				rate := float64(n-last) / now.Sub(prev).Seconds()
				last, prev = n, now
				if rate >= float64(g.limit) {
					slowSince = time.Time{}
					continue
				}
				if slowSince.IsZero() {
					slowSince = now.Add(-tick) // the sample covers the tick before it
				}
				if now.Sub(slowSince) >= g.window {
					g.fired.Store(true)
					cancel()
					return
				}
			}
		}
	}()
	return g
}

func (g *speedGuard) add(n int) { g.bytes.Add(int64(n)) }

func (g *speedGuard) stop() { close(g.done) }

// err describes why the guard cancelled the transfer.
func (g *speedGuard) err(have int64) error {
	if !g.fired.Load() {
		return fmt.Errorf("transfer cancelled after %d bytes", have)
	}
	return fmt.Errorf("too slow: below minrate %d bytes/s for timeout %s (%d bytes received); see minrate= and timeout= in dnf.conf", g.limit, g.window, have)
}
