//go:build linux

package units

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// killAll signals the service's process group and every process left in its cgroup.
func (m *Manager) killAll(r *rt, pid int, sig syscall.Signal) {
	if pid > 0 {
		_ = syscall.Kill(-pid, sig)
		_ = syscall.Kill(pid, sig)
	}
	cg := m.cgroupDir(r.u)
	if cg == "" {
		return
	}
	if sig == syscall.SIGKILL {
		if os.WriteFile(filepath.Join(cg, "cgroup.kill"), []byte("1"), 0o644) == nil {
			return
		}
	}
	b, err := os.ReadFile(filepath.Join(cg, "cgroup.procs"))
	if err != nil {
		return
	}
	for _, f := range strings.Fields(string(b)) {
		if p, err := strconv.Atoi(f); err == nil && p > 1 {
			_ = syscall.Kill(p, sig)
		}
	}
}

func (m *Manager) cgroupDir(u *Unit) string {
	if m.opt.CgroupRoot == "" {
		return ""
	}
	return filepath.Join(m.opt.CgroupRoot, u.Name)
}

func (m *Manager) removeCgroup(u *Unit) {
	if cg := m.cgroupDir(u); cg != "" {
		_ = os.Remove(cg)
	}
}

// readPIDFile waits up to timeout for a forking service's PID file.
func (m *Manager) readPIDFile(p string, timeout time.Duration) int {
	if p == "" {
		return 0
	}
	deadline := time.Now().Add(timeout)
	for {
		b, err := os.ReadFile(filepath.Join(m.opt.Root, p))
		if err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 1 {
				return pid
			}
		}
		if time.Now().After(deadline) {
			return 0
		}
		time.Sleep(20 * time.Millisecond)
	}
}
