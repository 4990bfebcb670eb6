//go:build linux

package units

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Status describes one unit for status, is-active and list-units.
type Status struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	State       State     `json:"state"`
	Result      string    `json:"result"`
	MainPID     int       `json:"main_pid"`
	Since       time.Time `json:"since"`
	Sources     []string  `json:"sources"`
	Unsupported []string  `json:"unsupported,omitempty"`
	NotEnforced []string  `json:"not_enforced,omitempty"`
	// Listen are a socket unit's addresses and what it triggers, "ADDR (Stream)".
	Listen       []string `json:"listen,omitempty"`
	Triggers     string   `json:"triggers,omitempty"`
	Warnings     []string `json:"warnings,omitempty"`
	NotifyStatus string   `json:"notify_status,omitempty"`
	Enabled      string   `json:"enabled"`
	// ActivationTime is how long the last start took to reach active.
	ActivationTime time.Duration `json:"activation_ns,omitempty"`
	// ActivationStart is when the last start began (zero when the unit never started).
	ActivationStart time.Time `json:"activation_start,omitzero"`
	// NextElapse is when an active timer unit starts its unit next.
	NextElapse time.Time `json:"next_elapse,omitzero"`
	// NotFound: no such unit (systemctl show's LoadState=not-found).
	NotFound bool `json:"not_found,omitempty"`
}

// Status reports one unit (loading it if needed).
func (m *Manager) Status(name string) (Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, err := m.unitLocked(name)
	if err != nil {
		return Status{}, err
	}
	return m.statusLocked(r), nil
}

func (m *Manager) statusLocked(r *rt) Status {
	st := Status{Name: r.u.Name, Description: r.u.Description, State: r.state, Result: r.result,
		MainPID: r.mainPID, Since: r.since, Sources: r.u.Sources, Unsupported: r.u.Unsupported,
		NotEnforced: r.u.NotEnforced, Warnings: r.u.Warnings,
		NotifyStatus: r.status, Enabled: m.enabledState(r.u), ActivationTime: r.activation,
		ActivationStart: r.activating}
	if r.timer != nil {
		st.NextElapse = r.timer.next
	}
	if s := r.u.Socket; s != nil {
		for _, l := range s.Listen {
			st.Listen = append(st.Listen, fmt.Sprintf("%s (%s)", l.Addr, map[string]string{"stream": "Stream", "datagram": "Datagram"}[l.Kind]))
		}
		st.Triggers = s.Service
	}
	return st
}

// List reports every loaded unit, by name.
func (m *Manager) List() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Status, 0, len(m.units))
	for _, r := range m.units {
		out = append(out, m.statusLocked(r))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// WaitState waits until name reaches one of states or ctx ends.
func (m *Manager) WaitState(ctx context.Context, name string, states ...State) (State, error) {
	for {
		m.mu.Lock()
		r, err := m.unitLocked(name)
		if err != nil {
			m.mu.Unlock()
			return "", err
		}
		s, ch := r.state, r.changed
		m.mu.Unlock()
		for _, w := range states {
			if s == w {
				return s, nil
			}
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return s, ctx.Err()
		}
	}
}
