//go:build linux

package units

// The manager's states as `systemctl is-system-running` prints them (systemd's
// org.freedesktop.systemd1.Manager SystemState), the subset a Nimbus boot goes through.
const (
	SystemStarting = "starting" // the boot is not finished: services are still being started
	SystemRunning  = "running"  // the boot is finished and no unit is failed
	SystemDegraded = "degraded" // the boot is finished and at least one unit is failed
	SystemStopping = "stopping" // the shutdown has begun
)

// SetSystemState records the phase PID 1 is in: SystemRunning once the boot stages are
// done, SystemStopping when the shutdown begins. Before the first call the manager is
// SystemStarting.
func (m *Manager) SetSystemState(s string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sysState = s
}

// SystemState is what `systemctl is-system-running` prints: starting until PID 1 says the
// boot is done, then running, or degraded while a unit is failed; stopping once the
// shutdown has begun.
func (m *Manager) SystemState() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch m.sysState {
	case "":
		return SystemStarting
	case SystemRunning:
		for _, r := range m.units {
			if r.state == Failed {
				return SystemDegraded
			}
		}
	}
	return m.sysState
}
