//go:build linux

package units

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
)

// State is a unit's active state, as systemctl names it.
type State string

// The active states.
const (
	Inactive     State = "inactive"
	Activating   State = "activating"
	Active       State = "active"
	Deactivating State = "deactivating"
	Failed       State = "failed"
	Reloading    State = "reloading"
)

// Options configure a Manager. Zero values give PID 1 defaults where one exists.
type Options struct {
	Loader *Loader
	Runner Runner
	// Root prefixes the paths the supervisor itself touches (RuntimeDirectory and friends,
	// PIDFile, conditions, enablement links); "/" in PID 1, a temp dir in tests.
	Root    string
	Journal *Journal
	// CgroupRoot is the cgroup2 directory services get their cgroups in ("" for none).
	CgroupRoot string
	// NotifySocket is the sd_notify datagram socket path ("" disables Type=notify readiness;
	// such services then count as ready once started).
	NotifySocket string
	// Power is called by poweroff/reboot requests ("poweroff" or "reboot").
	Power func(action string) error
	// MaxStopTimeout caps every unit's TimeoutStopSec (0: no cap).
	MaxStopTimeout time.Duration
	Now            func() time.Time
	// Clock drives timer units (default: the real clock); BootTime is what OnBootSec
	// counts from (default: when the manager was made); Rand picks a randomized delay
	// in [0, max) (default: math/rand).
	Clock    Clock
	BootTime time.Time
	Rand     func(max time.Duration) time.Duration
	// Shim is the binary re-executed as ShimName to set resource limits and LISTEN_PID
	// in a service's process (default /proc/self/exe).
	Shim string
	// Verbose logs, once per unit, the directives it uses that Nimbus accepts without
	// enforcing them (sandboxing); they are always shown by status.
	Verbose bool
	// Generators reruns the system generators (RunGenerators) on daemon-reload, as
	// systemd does; PID 1 has run them once before the first start.
	Generators bool
}

// Manager supervises units. All exported methods are safe for concurrent use.
type Manager struct {
	opt Options

	mu       sync.Mutex
	units    map[string]*rt
	aliases  map[string]string // alias name -> unit name, as the loader resolved it
	reported map[string]bool
	created  time.Time
	// snapshot is the loader of the transaction being built (closure), under mu.
	snapshot *Loader
	// sysState is the phase PID 1 set (SetSystemState), under mu.
	sysState string
}

// rt is the runtime state of one unit.
type rt struct {
	u        *Unit
	state    State
	result   string
	mainPID  int
	since    time.Time
	starts   []time.Time
	failures int
	gen      int
	exited   chan struct{} // closed when the current main process has ended
	cancel   chan struct{} // closed to cancel a scheduled restart
	changed  chan struct{} // closed and replaced on every state change
	ready    chan struct{} // closed on READY=1
	status   string        // last STATUS= from sd_notify
	// activating is when the current start began; activation how long the last one took.
	activating time.Time
	activation time.Duration
	timer      *timerRT  // an active timer unit's schedule
	sock       *socketRT // an active socket unit's sockets
}

// NewManager returns a supervisor; nothing is started until Start.
func NewManager(opt Options) *Manager {
	if opt.Root == "" {
		opt.Root = "/"
	}
	if opt.Now == nil {
		opt.Now = time.Now
		if opt.Clock != nil {
			opt.Now = opt.Clock.Now
		}
	}
	if opt.Runner == nil {
		opt.Runner = NewReaper(false)
	}
	return &Manager{opt: opt, units: map[string]*rt{}, aliases: map[string]string{}, reported: map[string]bool{}, created: opt.Now()}
}

func (m *Manager) log(format string, args ...any) {
	m.opt.Journal.Log("nimbus-init", 0, format, args...)
}

// guard is deferred first in every goroutine of the supervisor: in PID 1 a panic in any
// goroutine would end the process and panic the kernel, so it is logged instead.
func (m *Manager) guard(what string) {
	if r := recover(); r != nil {
		m.log("internal error in %s: %v\n%s", what, r, debug.Stack())
	}
}

// unit returns the runtime record of name, loading the unit on first use. m.mu is held.
func (m *Manager) unitLocked(name string) (*rt, error) {
	if name == "default.target" {
		name = DefaultTarget
	}
	if a, ok := m.aliases[name]; ok {
		name = a
	}
	if r, ok := m.units[name]; ok {
		return r, nil
	}
	loader := m.opt.Loader
	if m.snapshot != nil {
		loader = m.snapshot
	}
	u, err := loader.Load(name)
	if err != nil {
		return nil, err
	}
	if u.Name != name {
		m.aliases[name] = u.Name
		if r, ok := m.units[u.Name]; ok {
			return r, nil
		}
	}
	m.reportUnsupported(u)
	r := &rt{u: u, state: Inactive, changed: make(chan struct{})}
	m.units[u.Name] = r
	return r, nil
}

func (m *Manager) reportUnsupported(u *Unit) {
	once := func(key, format string, args ...any) {
		if !m.reported[u.Name+" "+key] {
			m.reported[u.Name+" "+key] = true
			m.log(format, args...)
		}
	}
	for _, d := range u.Unsupported {
		once(d, "%s: unknown directive %s ignored.Get()", u.Name, d)
	}
	for _, w := range u.Warnings {
		once(w, "%s: %s", u.Name, w)
	}
	if m.opt.Verbose && len(u.NotEnforced) > 0 {
		once("not-enforced", "%s: accepted but not enforced: %s", u.Name, strings.Join(u.NotEnforced, ", "))
	}
}

// setState changes r's state and wakes waiters. m.mu is held.
func (m *Manager) setStateLocked(r *rt, s State, result string) {
	if r.state != s {
		r.since = m.opt.Now()
		if s == Activating && r.cancel == nil {
			r.activating = r.since
		}
		if s == Active && r.state == Activating && !r.activating.IsZero() {
			r.activation = r.since.Sub(r.activating)
		}
	}
	r.state = s
	if result != "" {
		r.result = result
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

func (m *Manager) setState(r *rt, s State, result string) {
	m.mu.Lock()
	m.setStateLocked(r, s, result)
	m.mu.Unlock()
}

// DaemonReload rereads every loaded unit's files; running processes are kept.
func (m *Manager) DaemonReload() error {
	var genErr error
	if m.opt.Generators {
		ctx, cancel := context.WithTimeout(context.Background(), 2*GeneratorTimeout)
		_, genErr = RunGenerators(ctx, m.opt.Runner, m.opt.Root)
		cancel()
		if genErr != nil {
			m.log("daemon-reload: %v", genErr)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var errs []error
	for name, r := range m.units {
		u, err := m.opt.Loader.Load(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m.reportUnsupported(u)
		r.u = u
	}
	return errors.Join(errs...)
}

// Start starts name together with what it requires and wants, each after the units it is
// ordered after (After=/Before=); units without an ordering between them start in
// parallel. It returns when name is active (or has finished, for a oneshot) or failed.
func (m *Manager) Start(ctx context.Context, name string) error {
	set, missing, err := m.closure(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	if a, ok := m.aliases[nameOf(name)]; ok {
		name = a
	}
	m.mu.Unlock()
	preds := orderEdges(set)
	done := map[string]chan struct{}{}
	errs := map[string]error{}
	var emu sync.Mutex
	for n := range set {
		done[n] = make(chan struct{})
	}
	for n, r := range set {
		go func() {
			defer m.guard("starting " + n)
			defer close(done[n])
			for _, p := range preds[n] {
				select {
				case <-done[p]:
				case <-ctx.Done():
					emu.Lock()
					errs[n] = ctx.Err()
					emu.Unlock()
					return
				}
			}
			emu.Lock()
			var depErr error
			for _, q := range r.u.Requires {
				if missing[q] != nil {
					depErr = fmt.Errorf("%s requires %s: %w", n, q, missing[q])
				} else if e := errs[q]; e != nil {
					depErr = fmt.Errorf("%s requires %s, which failed: %w", n, q, e)
				}
			}
			emu.Unlock()
			var err error
			if depErr != nil {
				m.setState(r, Failed, "dependency")
				m.log("%s: dependency failed: %v", n, depErr)
				err = depErr
			} else {
				err = m.startOne(ctx, r)
			}
			emu.Lock()
			errs[n] = err
			emu.Unlock()
		}()
	}
	for n := range set {
		select {
		case <-done[n]:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for n, e := range missing {
		m.log("%s: wanted unit not loaded: %v", n, e)
	}
	return errs[nameOf(name)]
}

func nameOf(n string) string {
	if n == "default.target" {
		return DefaultTarget
	}
	return n
}

// closure loads name and everything it requires or wants, transitively.
func (m *Manager) closure(name string) (map[string]*rt, map[string]error, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	// The transaction's units are read from one listing of the search path.
	m.snapshot = m.opt.Loader.Snapshot()
	defer func() { m.snapshot = nil }()
	first, err := m.unitLocked(name)
	if err != nil {
		return nil, nil, err
	}
	set := map[string]*rt{first.u.Name: first}
	missing := map[string]error{}
	queue := []*rt{first}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		for _, d := range r.u.Deps() {
			if a, ok := m.aliases[d]; ok {
				d = a
			}
			if set[d] != nil || missing[d] != nil {
				continue
			}
			dr, err := m.unitLocked(d)
			if err != nil {
				missing[d] = err
				continue
			}
			if set[dr.u.Name] != nil {
				continue
			}
			set[dr.u.Name] = dr
			queue = append(queue, dr)
		}
	}
	return set, missing, nil
}

// orderEdges returns, for each unit of the set, the units of the set it is ordered after.
// Ordering cycles are broken (the edge that closes a cycle is dropped), as systemd does.
func orderEdges(set map[string]*rt) map[string][]string {
	after := map[string]map[string]bool{}
	add := func(a, b string) { // a after b
		if set[a] == nil || set[b] == nil || a == b {
			return
		}
		if after[a] == nil {
			after[a] = map[string]bool{}
		}
		after[a][b] = true
	}
	for n, r := range set {
		for _, b := range r.u.After {
			add(n, b)
		}
		for _, b := range r.u.Before {
			add(b, n)
		}
	}
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	const white, grey, black = 0, 1, 2
	color := map[string]int{}
	out := map[string][]string{}
	var visit func(n string)
	visit = func(n string) {
		color[n] = grey
		var ps []string
		for p := range after[n] {
			ps = append(ps, p)
		}
		sort.Strings(ps)
		for _, p := range ps {
			switch color[p] {
			case grey: // cycle: drop n-after-p
				continue
			case white:
				visit(p)
			}
			out[n] = append(out[n], p)
		}
		color[n] = black
	}
	for _, n := range names {
		if color[n] == white {
			visit(n)
		}
	}
	return out
}

// startOne activates one unit whose dependencies are settled.
func (m *Manager) startOne(ctx context.Context, r *rt) error {
	m.mu.Lock()
	for r.state == Activating || r.state == Deactivating || r.state == Reloading {
		if r.state == Activating && r.cancel != nil && r.mainPID == 0 {
			break // waiting for an automatic restart: start now instead
		}
		ch := r.changed
		m.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		m.mu.Lock()
	}
	if r.state == Active {
		m.mu.Unlock()
		return nil
	}
	cancelRestart(r)
	r.failures = 0
	r.starts = nil
	m.setStateLocked(r, Activating, "")
	r.gen++
	gen := r.gen
	conflicts := append([]string{}, r.u.Conflicts...)
	for n, o := range m.units {
		for _, c := range o.u.Conflicts {
			if c == r.u.Name {
				conflicts = append(conflicts, n)
			}
		}
	}
	m.mu.Unlock()
	for _, c := range conflicts {
		if err := m.Stop(ctx, c); err != nil && !errors.Is(err, ErrNoUnit) {
			m.log("%s: stopping conflicting %s: %v", r.u.Name, c, err)
		}
	}
	ok, err := m.conditions(r.u)
	if err != nil {
		m.setState(r, Failed, "assert")
		return fmt.Errorf("%s: %w", r.u.Name, err)
	}
	if !ok {
		m.log("%s: condition not met, skipped", r.u.Name)
		m.setState(r, Inactive, "condition")
		return nil
	}
	if r.u.Socket != nil {
		if err := m.listen(r); err != nil {
			m.log("%v", err)
			m.setState(r, Failed, "resources")
			return err
		}
		m.setState(r, Active, "success")
		return nil
	}
	if r.u.Service == nil {
		if r.u.Timer != nil {
			m.armTimer(r)
		}
		m.setState(r, Active, "success")
		return nil
	}
	return m.activate(r, gen)
}

func cancelRestart(r *rt) {
	if r.cancel != nil {
		close(r.cancel)
		r.cancel = nil
	}
}

// Stop stops name, after stopping the active units that require it.
func (m *Manager) Stop(ctx context.Context, name string) error {
	m.mu.Lock()
	r, err := m.unitLocked(name)
	if err != nil {
		m.mu.Unlock()
		return err
	}
	var dependents []string
	for n, o := range m.units {
		if o.state == Inactive || o.state == Failed {
			continue
		}
		for _, q := range o.u.Requires {
			if q == r.u.Name {
				dependents = append(dependents, n)
			}
		}
	}
	m.mu.Unlock()
	for _, d := range dependents {
		if err := m.Stop(ctx, d); err != nil {
			m.log("%s: stopping dependent %s: %v", name, d, err)
		}
	}
	return m.stopOne(ctx, r)
}

// Restart stops and starts name.
func (m *Manager) Restart(ctx context.Context, name string) error {
	if err := m.Stop(ctx, name); err != nil {
		return err
	}
	return m.Start(ctx, name)
}

// StopAll stops every running unit, each only after the units ordered after it have
// stopped (the reverse of the start order), independent ones in parallel.
func (m *Manager) StopAll(ctx context.Context) error {
	m.mu.Lock()
	set := map[string]*rt{}
	for n, r := range m.units {
		if r.state != Inactive && r.state != Failed || r.cancel != nil {
			set[n] = r
		}
	}
	m.mu.Unlock()
	preds := orderEdges(set)
	succ := map[string][]string{} // units that must stop before the key does
	for n, ps := range preds {
		for _, p := range ps {
			succ[p] = append(succ[p], n)
		}
	}
	done := map[string]chan struct{}{}
	for n := range set {
		done[n] = make(chan struct{})
	}
	var emu sync.Mutex
	var errs []error
	for n, r := range set {
		go func() {
			defer m.guard("stopping " + n)
			defer close(done[n])
			for _, s := range succ[n] {
				<-done[s]
			}
			if err := m.stopOne(ctx, r); err != nil {
				emu.Lock()
				errs = append(errs, err)
				emu.Unlock()
			}
		}()
	}
	for n := range set {
		<-done[n]
	}
	return errors.Join(errs...)
}
