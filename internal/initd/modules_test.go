//go:build linux

package initd

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// A module that finds no device (ENODEV from its init) is no coldplug failure; other
// errors still are.
func TestDropNoDevice(t *testing.T) {
	var logged []string
	m := &Modules{Log: func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }}
	enodev := fmt.Errorf("module acpi_cpufreq: init_module: %w", unix.ENODEV)
	other := fmt.Errorf("module x: init_module: %w", unix.EINVAL)
	if err := m.dropNoDevice(enodev); err != nil {
		t.Fatalf("ENODEV kept: %v", err)
	}
	if err := m.dropNoDevice(errors.Join(enodev, other)); err == nil || errors.Is(err, unix.ENODEV) || !errors.Is(err, unix.EINVAL) {
		t.Fatalf("joined: %v", err)
	}
	if m.dropNoDevice(nil) != nil || len(logged) != 2 || !strings.Contains(logged[0], "acpi_cpufreq") {
		t.Fatalf("logged %q", logged)
	}
	m.Took = map[string]time.Duration{"a": time.Millisecond, "b": 3 * time.Millisecond, "c": 2 * time.Millisecond}
	if got := m.Slowest(2); got != "b 3ms, c 2ms" {
		t.Fatalf("slowest %q", got)
	}
}
