//go:build linux

package units

import (
	"context"
	"math/rand/v2"
	"time"
)

// Clock is the time source of timer units; tests substitute a fake one.
type Clock interface {
	Now() time.Time
	// NewTimer returns a channel that receives once d has passed, and a stop function.
	NewTimer(d time.Duration) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// timerRT is the runtime state of an active timer unit.
type timerRT struct {
	state TimerState
	next  time.Time
	stop  chan struct{}
}

func (m *Manager) clock() Clock {
	if m.opt.Clock != nil {
		return m.opt.Clock
	}
	return realClock{}
}

// armTimer starts the goroutine of an activated timer unit. m.mu is not held.
func (m *Manager) armTimer(r *rt) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.timer != nil {
		return
	}
	boot := m.opt.BootTime
	if boot.IsZero() {
		boot = m.created
	}
	r.timer = &timerRT{state: TimerState{Boot: boot, Activated: m.clock().Now()}, stop: make(chan struct{})}
	go m.runTimer(r, r.timer)
}

// disarmTimer stops a timer's goroutine. m.mu is held.
func (m *Manager) disarmTimerLocked(r *rt) {
	if r.timer != nil {
		close(r.timer.stop)
		r.timer = nil
	}
}

func (m *Manager) randomDelay(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	if m.opt.Rand != nil {
		return m.opt.Rand(max)
	}
	return time.Duration(rand.Int64N(int64(max)))
}

// runTimer waits for each elapse and starts the timer's unit.
func (m *Manager) runTimer(r *rt, tr *timerRT) {
	defer m.guard("timer " + r.u.Name)
	t := r.u.Timer
	clock := m.clock()
	for {
		m.mu.Lock()
		if target, ok := m.units[t.Unit]; ok {
			if a := target.activating; a.After(tr.state.UnitActive) {
				tr.state.UnitActive = a
			}
			if (target.state == Inactive || target.state == Failed) && target.since.After(tr.state.UnitInactive) && !target.since.Before(tr.state.UnitActive) {
				tr.state.UnitInactive = target.since
			}
		}
		next, ok := t.Next(tr.state)
		if ok {
			next = next.Add(m.randomDelay(t.RandomizedDelay))
		}
		tr.next = next
		m.mu.Unlock()
		if !ok {
			<-tr.stop
			return
		}
		d := next.Sub(clock.Now())
		if d < 0 {
			d = 0
		}
		ch, cancel := clock.NewTimer(d)
		select {
		case <-tr.stop:
			cancel()
			return
		case <-ch:
		}
		now := clock.Now()
		m.mu.Lock()
		tr.state.LastTrigger = now
		tr.state.UnitActive = now
		m.mu.Unlock()
		m.log("%s: elapsed, starting %s", r.u.Name, t.Unit)
		go func() {
			defer m.guard("timer start " + t.Unit)
			if err := m.Start(context.Background(), t.Unit); err != nil {
				m.log("%s: starting %s: %v", r.u.Name, t.Unit, err)
			}
		}()
	}
}

// NextElapse returns when an active timer unit elapses next (zero when it is not active
// or will not elapse again).
func (m *Manager) NextElapse(name string) time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.units[name]; ok && r.timer != nil {
		return r.timer.next
	}
	return time.Time{}
}
