//go:build linux

package units

import (
	"context"
	"fmt"
	"strconv"
	"syscall"
	"time"
)

// activate runs a service's start commands and, for long-running types, leaves a monitor
// goroutine watching the main process.
func (m *Manager) activate(r *rt, gen int) error {
	u, s := r.u, r.u.Service
	m.mu.Lock()
	r.starts = append(r.starts, m.opt.Now())
	r.ready = make(chan struct{})
	r.status = ""
	m.mu.Unlock()
	x, err := m.prepare(r)
	if err != nil {
		return m.failStart(r, gen, "resources", err)
	}
	defer x.close()
	for _, c := range s.ExecStartPre {
		if err := m.runSync(r, x, c, s.TimeoutStart); err != nil && !c.IgnoreFailure {
			return m.failStart(r, gen, "exit-code", fmt.Errorf("ExecStartPre: %w", err))
		}
	}
	switch s.Type {
	case "oneshot":
		for _, c := range s.ExecStart {
			if err := m.runSync(r, x, c, s.TimeoutStart, true); err != nil && !c.IgnoreFailure {
				return m.failStart(r, gen, "exit-code", fmt.Errorf("ExecStart: %w", err))
			}
		}
	case "forking":
		if err := m.runSync(r, x, s.ExecStart[0], s.TimeoutStart, true); err != nil {
			return m.failStart(r, gen, "exit-code", fmt.Errorf("ExecStart: %w", err))
		}
		pid := m.readPIDFile(s.PIDFile, 2*time.Second)
		if pid > 0 {
			m.watchMain(r, gen, pid, m.opt.Runner.Watch(pid))
		}
	default: // simple, exec, notify
		c := s.ExecStart[0]
		pid, done, err := m.spawn(r, x, c, true)
		if err != nil {
			return m.failStart(r, gen, "exit-code", err)
		}
		m.log("%s: started %s (pid %d)", u.Name, c.Argv[0], pid)
		m.mu.Lock()
		exited := m.watchMainLocked(r, gen, pid, done)
		ready := r.ready
		m.mu.Unlock()
		if s.Type == "notify" && m.opt.NotifySocket != "" {
			var timeout <-chan time.Time
			if s.TimeoutStart > 0 {
				t := time.NewTimer(s.TimeoutStart)
				defer t.Stop()
				timeout = t.C
			}
			select {
			case <-ready:
			case <-exited:
				return fmt.Errorf("%s: main process exited before READY=1", u.Name)
			case <-timeout:
				m.killAll(r, pid, syscall.SIGKILL)
				return fmt.Errorf("%s: no READY=1 within %v", u.Name, s.TimeoutStart)
			}
		}
	}
	for _, c := range s.ExecStartPost {
		if err := m.runSync(r, x, c, s.TimeoutStart); err != nil && !c.IgnoreFailure {
			return m.failStart(r, gen, "exit-code", fmt.Errorf("ExecStartPost: %w", err))
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.gen != gen || r.state != Activating {
		return nil
	}
	if s.Type == "oneshot" && !s.RemainAfterExit {
		m.setStateLocked(r, Inactive, "success")
	} else {
		m.setStateLocked(r, Active, "success")
	}
	return nil
}

// failStart ends a start attempt that failed before or while starting the main process.
func (m *Manager) failStart(r *rt, gen int, result string, err error) error {
	m.log("%s: %v", r.u.Name, err)
	m.mu.Lock()
	pid := r.mainPID
	m.mu.Unlock()
	if pid > 0 {
		m.killAll(r, pid, syscall.SIGKILL)
	}
	m.ended(r, gen, result)
	return fmt.Errorf("%s: %w", r.u.Name, err)
}

func (m *Manager) watchMain(r *rt, gen, pid int, done <-chan Exit) {
	m.mu.Lock()
	m.watchMainLocked(r, gen, pid, done)
	m.mu.Unlock()
}

// watchMainLocked records pid as the main process and starts its monitor.
func (m *Manager) watchMainLocked(r *rt, gen, pid int, done <-chan Exit) chan struct{} {
	r.mainPID = pid
	exited := make(chan struct{})
	r.exited = exited
	startedAt := m.opt.Now()
	go func() {
		defer m.guard("watching " + r.u.Name)
		e := <-done
		m.mu.Lock()
		close(exited)
		if r.gen != gen {
			m.mu.Unlock()
			return
		}
		r.mainPID = 0
		stopping := r.state == Deactivating
		if m.opt.Now().Sub(startedAt) > 10*time.Second {
			r.failures = 0
		}
		m.mu.Unlock()
		if stopping {
			return // stopOne finishes the job
		}
		m.log("%s: main process %d exited, %s", r.u.Name, pid, e)
		if r.u.Service.KillMode == "control-group" || r.u.Service.KillMode == "mixed" {
			m.killAll(r, pid, r.u.Service.KillSignal)
		}
		res := resultOf(r.u.Service, e)
		for _, st := range r.u.Service.RestartPrevent {
			if e.Signal == 0 && e.Code == st {
				res = "exit-code-prevent"
			}
		}
		m.ended(r, gen, res)
	}()
	return exited
}

func resultOf(s *Service, e Exit) string {
	if e.Signal != 0 {
		switch e.Signal {
		case syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM, syscall.SIGPIPE:
			return "success-signal"
		}
		if e.Signal == syscall.SIGABRT || e.Signal == syscall.SIGSEGV || e.Signal == syscall.SIGBUS || e.Signal == syscall.SIGILL || e.Signal == syscall.SIGQUIT {
			return "core-dump"
		}
		return "signal"
	}
	if e.Code == 0 {
		return "success"
	}
	for _, ok := range s.SuccessStatus {
		if ok == e.Code {
			return "success"
		}
	}
	return "exit-code"
}

// shouldRestart applies systemd's Restart= table.
func shouldRestart(policy, result string) bool {
	clean := result == "success" || result == "success-signal"
	switch policy {
	case "always":
		return true
	case "on-success":
		return clean
	case "on-failure":
		return !clean
	case "on-abnormal":
		return result == "signal" || result == "core-dump" || result == "timeout" || result == "watchdog"
	case "on-abort":
		return result == "signal" || result == "core-dump"
	case "on-watchdog":
		return result == "watchdog"
	}
	return false
}

// Backoff is the delay before restart number n (1-based) of a service: RestartSec doubled
// per consecutive failure, capped at RestartMaxDelaySec (default 30 s, never below RestartSec).
func Backoff(s *Service, n int) time.Duration {
	d := s.RestartDelay
	limit := s.RestartMaxDelay
	if limit <= 0 {
		limit = 30 * time.Second
	}
	limit = max(limit, s.RestartDelay)
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// ended runs ExecStopPost and decides between restart, failed and inactive.
func (m *Manager) ended(r *rt, gen int, result string) {
	s := r.u.Service
	if len(s.ExecStopPost) > 0 {
		if x, err := m.prepare(r); err == nil {
			x.env = append(x.env, "SERVICE_RESULT="+result)
			for _, c := range s.ExecStopPost {
				_ = m.runSync(r, x, c, s.TimeoutStop)
			}
			x.close()
		}
	}
	m.removeRuntimeDirs(r.u)
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.gen != gen || r.state == Deactivating {
		return
	}
	r.mainPID = 0
	clean := result == "success" || result == "success-signal"
	if result == "exit-code-prevent" {
		result = "exit-code"
		m.setStateLocked(r, Failed, result)
		return
	}
	if !shouldRestart(s.Restart, result) {
		if clean {
			if s.Type == "oneshot" && s.RemainAfterExit && r.state == Active {
				return
			}
			m.setStateLocked(r, Inactive, "success")
		} else {
			m.setStateLocked(r, Failed, result)
		}
		return
	}
	now := m.opt.Now()
	u := r.u
	if u.StartLimitInterval > 0 && u.StartLimitBurst > 0 {
		var recent []time.Time
		for _, t := range r.starts {
			if now.Sub(t) < u.StartLimitInterval {
				recent = append(recent, t)
			}
		}
		r.starts = recent
		if len(recent) >= u.StartLimitBurst {
			m.opt.Journal.Log("nimbus-init", 0, "%s: start request repeated too quickly (%d starts in %v), giving up", u.Name, len(recent), u.StartLimitInterval)
			m.setStateLocked(r, Failed, "start-limit-hit")
			return
		}
	}
	if !clean {
		r.failures++
	}
	delay := Backoff(s, max(r.failures, 1))
	m.opt.Journal.Log("nimbus-init", 0, "%s: %s; restarting in %v", u.Name, result, delay)
	m.setStateLocked(r, Activating, result)
	cancel := make(chan struct{})
	r.cancel = cancel
	go func() {
		defer m.guard("restarting " + u.Name)
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-cancel:
			return
		case <-t.C:
		}
		m.mu.Lock()
		if r.cancel != cancel || r.gen != gen {
			m.mu.Unlock()
			return
		}
		r.cancel = nil
		r.gen++
		g := r.gen
		m.mu.Unlock()
		_ = m.activate(r, g)
	}()
}

// stopOne stops one unit: ExecStop, then KillSignal per KillMode, SIGKILL after
// TimeoutStopSec, then ExecStopPost.
func (m *Manager) stopOne(ctx context.Context, r *rt) error {
	m.mu.Lock()
	if r.cancel != nil {
		cancelRestart(r)
		m.setStateLocked(r, Inactive, "")
	}
	if r.state == Inactive || r.state == Failed {
		m.mu.Unlock()
		return nil
	}
	for r.state == Activating || r.state == Deactivating || r.state == Reloading {
		ch := r.changed
		m.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		m.mu.Lock()
		if r.state == Inactive || r.state == Failed {
			m.mu.Unlock()
			return nil
		}
	}
	m.setStateLocked(r, Deactivating, "")
	pid, exited := r.mainPID, r.exited
	m.mu.Unlock()
	u, s := r.u, r.u.Service
	if s == nil {
		m.closeSocket(r)
		m.mu.Lock()
		m.disarmTimerLocked(r)
		m.setStateLocked(r, Inactive, "success")
		m.mu.Unlock()
		return nil
	}
	m.log("%s: stopping", u.Name)
	x, err := m.prepare(r)
	if err == nil {
		if pid > 0 {
			x.env = append(x.env, "MAINPID="+strconv.Itoa(pid))
		}
		for _, c := range s.ExecStop {
			_ = m.runSync(r, x, c, m.stopTimeout(s))
		}
	}
	if pid > 0 && exited != nil {
		switch s.KillMode {
		case "control-group":
			m.killAll(r, pid, s.KillSignal)
		case "process", "mixed":
			_ = syscall.Kill(pid, s.KillSignal)
			_ = syscall.Kill(pid, syscall.SIGCONT)
		}
		t := time.NewTimer(m.stopTimeout(s))
		select {
		case <-exited:
		case <-t.C:
			m.log("%s: did not stop within %v, killing", u.Name, m.stopTimeout(s))
			m.killAll(r, pid, syscall.SIGKILL)
			select {
			case <-exited:
			case <-time.After(5 * time.Second):
			}
		}
		t.Stop()
	}
	if s.KillMode == "control-group" || s.KillMode == "mixed" {
		m.killAll(r, pid, syscall.SIGKILL)
	}
	if err == nil {
		x.env = append(x.env, "SERVICE_RESULT=success")
		for _, c := range s.ExecStopPost {
			_ = m.runSync(r, x, c, m.stopTimeout(s))
		}
		x.close()
	}
	m.removeRuntimeDirs(u)
	m.removeCgroup(u)
	m.mu.Lock()
	r.gen++
	r.mainPID = 0
	m.setStateLocked(r, Inactive, "success")
	m.mu.Unlock()
	m.log("%s: stopped", u.Name)
	return nil
}

func (m *Manager) stopTimeout(s *Service) time.Duration {
	d := s.TimeoutStop
	if d <= 0 {
		d = 90 * time.Second
	}
	if m.opt.MaxStopTimeout > 0 && d > m.opt.MaxStopTimeout {
		d = m.opt.MaxStopTimeout
	}
	return d
}

// Reload runs ExecReload with $MAINPID set.
func (m *Manager) Reload(ctx context.Context, name string) error {
	m.mu.Lock()
	r, err := m.unitLocked(name)
	if err != nil {
		m.mu.Unlock()
		return err
	}
	if r.u.Service == nil || len(r.u.Service.ExecReload) == 0 {
		m.mu.Unlock()
		return fmt.Errorf("%s: unit does not support reload", name)
	}
	if r.state != Active {
		m.mu.Unlock()
		return fmt.Errorf("%s: not active", name)
	}
	m.setStateLocked(r, Reloading, "")
	pid := r.mainPID
	m.mu.Unlock()
	x, err := m.prepare(r)
	if err == nil {
		x.env = append(x.env, "MAINPID="+strconv.Itoa(pid))
		for _, c := range r.u.Service.ExecReload {
			if e := m.runSync(r, x, c, r.u.Service.TimeoutStart); e != nil && !c.IgnoreFailure {
				err = e
				break
			}
		}
		x.close()
	}
	m.mu.Lock()
	if r.state == Reloading {
		m.setStateLocked(r, Active, "")
	}
	m.mu.Unlock()
	return err
}
