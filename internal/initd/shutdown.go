//go:build linux

package initd

import (
	"context"
	"encoding/binary"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/units"
	"golang.org/x/sys/unix"
)

// watchSignals maps the signals PID 1 gets to power actions: SIGTERM and SIGPWR power
// off, SIGINT (ctrl-alt-del) reboots, like systemd's defaults.
func (in *Init) watchSignals() {
	ch := make(chan os.Signal, 4)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT, syscall.SIGPWR)
	go func() {
		defer in.guard("signal handler")
		for s := range ch {
			action := "poweroff"
			if s == syscall.SIGINT {
				action = "reboot"
			}
			in.logf("got %v: %s", s, action)
			_ = in.Power(action)
		}
	}()
}

// watchPowerButton reads the input event devices and powers off on KEY_POWER, which is
// what the ACPI power button (x86) and the GPIO power key (arm64 virt) send.
//
// The event devices are looked for again every half second for a minute: an input
// device's driver may probe it asynchronously after its module's init returned (the
// ACPI button's), so its event device can appear after the modules are in.
func (in *Init) watchPowerButton() {
	defer in.guard("power button watcher")
	watched := map[string]bool{}
	for i := 0; i < 120; i++ {
		if i > 0 {
			time.Sleep(500 * time.Millisecond)
		}
		paths, _ := filepath.Glob("/dev/input/event*")
		for _, p := range paths {
			if watched[p] {
				continue
			}
			if in.watchInput(p) {
				watched[p] = true
			}
		}
	}
}

// watchInput reads the input event device p and powers off on KEY_POWER; false when it
// cannot be opened.
func (in *Init) watchInput(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	go func() {
		defer in.guard("power button watcher")
		defer f.Close()
		// struct input_event on 64-bit: 16 bytes time, u16 type, u16 code, s32 value.
		buf := make([]byte, 24)
		for {
			if _, err := f.Read(buf); err != nil {
				return
			}
			typ := binary.LittleEndian.Uint16(buf[16:])
			code := binary.LittleEndian.Uint16(buf[18:])
			val := int32(binary.LittleEndian.Uint32(buf[20:]))
			if typ == 1 && code == 116 && val == 1 { // EV_KEY, KEY_POWER, pressed
				in.logf("power button pressed")
				_ = in.Power("poweroff")
			}
		}
	}()
	return true
}

// shutdown stops the services in reverse dependency order, ends every remaining
// process, saves the random seed, syncs, unmounts and powers off or reboots.
func (in *Init) shutdown(action string) error {
	in.logf("shutting down for %s", action)
	start := time.Now()
	if in.Manager != nil {
		in.Manager.SetSystemState(units.SystemStopping)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		if err := in.Manager.StopAll(ctx); err != nil {
			in.logf("stopping services: %v", err)
		}
		cancel()
	}
	killRest(syscall.SIGTERM, 3*time.Second)
	killRest(syscall.SIGKILL, 2*time.Second)
	saveSeed()
	in.logf("services stopped in %v; unmounting", time.Since(start).Round(time.Millisecond))
	if in.Journal != nil {
		_ = in.Journal.Close()
	}
	unix.Sync()
	unmountAll()
	unix.Sync()
	cmd := unix.LINUX_REBOOT_CMD_POWER_OFF
	switch action {
	case "reboot":
		cmd = unix.LINUX_REBOOT_CMD_RESTART
	case "halt":
		cmd = unix.LINUX_REBOOT_CMD_HALT
	}
	in.logf("%s now", action)
	return unix.Reboot(cmd)
}

// killRest signals every process but PID 1 and kernel threads, then waits until they
// are gone or the timeout passes.
func killRest(sig syscall.Signal, timeout time.Duration) {
	if len(userProcesses()) == 0 {
		return
	}
	_ = syscall.Kill(-1, sig)
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && len(userProcesses()) > 0 {
		time.Sleep(50 * time.Millisecond)
	}
}

// userProcesses lists the pids of live processes other than PID 1 (kernel threads have
// an empty cmdline; zombies are reaped by the reaper and not counted).
func userProcesses() []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == 1 {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if i := strings.LastIndexByte(string(b), ')'); i > 0 && len(b) > i+2 && b[i+2] == 'Z' {
			continue
		}
		if c, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline"); len(c) > 0 {
			out = append(out, pid)
		}
	}
	return out
}

func rebootNow() error {
	unix.Sync()
	return unix.Reboot(unix.LINUX_REBOOT_CMD_RESTART)
}
