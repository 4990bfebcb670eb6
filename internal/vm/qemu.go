package vm

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/arch"
)

// Config describes one VM. Networking is always QEMU user mode with restrict=on: the
// guest reaches nothing but the forwards listed here.
type Config struct {
	Arch     string // "amd64" or "arm64"
	Kernel   string
	Initrd   string
	Append   string // kernel command line; the console= for Arch is prepended
	MemoryMB int
	CPUs     int
	// Net is the user-mode network, e.g. "169.254.169.0/24" (default QEMU's 10.0.2.0/24).
	Net string
	// GuestFwd maps a guest "IP:PORT" to a host command that serves each connection on
	// its stdin/stdout (QEMU guestfwd=tcp:IP:PORT-cmd:COMMAND).
	GuestFwd map[string]string
	// HostFwd maps a host port on 127.0.0.1 to a guest port.
	HostFwd map[int]int
	// Console receives a copy of the serial console.
	Console io.Writer
	// Monitor, when set, is the path of a unix socket serving the QEMU monitor (for
	// system_powerdown, the ACPI power button).
	Monitor string
	// Accel is QEMU's accelerator: "tcg" (the default) or "kvm".
	Accel string
	// Firmware, when Kernel is empty, is a UEFI firmware image (OVMF/AAVMF code) to boot
	// the disks with; FirmwareVars is a writable copy of its variable store.
	Firmware     string
	FirmwareVars string
	// Reboot keeps QEMU running across a guest reboot (the machine is reset and boots
	// again, with the same network, forwards and guestfwd commands); without it QEMU runs
	// with -no-reboot and a guest reboot ends it, as the boot tests want. A guest poweroff
	// ends QEMU either way.
	Reboot bool
	// Extra are further QEMU arguments (disks, ...).
	Extra []string
}

// Args returns the QEMU command line for c.
func (c *Config) Args() (string, []string, error) {
	bin, console := tools.QemuSystem("x86_64"), "ttyS0"
	accel := c.Accel
	if accel == "" {
		accel = "tcg"
	}
	args := []string{"-nodefaults", "-display", "none", "-serial", "stdio", "-accel", accel}
	if !c.Reboot {
		args = append(args, "-no-reboot")
	}
	a, _ := arch.Parse(c.Arch)
	switch a.RPM {
	case "x86_64":
		cpu := "max"
		if accel == "kvm" {
			cpu = "host"
		}
		args = append(args, "-M", "q35", "-cpu", cpu)
	case "aarch64":
		bin, console = tools.QemuSystem("aarch64"), "ttyAMA0"
		cpu := "cortex-a57"
		if accel == "kvm" {
			cpu = "host"
		}
		args = append(args, "-M", "virt", "-cpu", cpu)
	default:
		return "", nil, fmt.Errorf("vm: unknown architecture %q", c.Arch)
	}
	mem, cpus := c.MemoryMB, c.CPUs
	if mem == 0 {
		mem = 512
	}
	if cpus == 0 {
		cpus = 1
	}
	args = append(args, "-m", fmt.Sprint(mem), "-smp", fmt.Sprint(cpus))
	switch {
	case c.Kernel != "":
		args = append(args, "-kernel", c.Kernel)
		if c.Initrd != "" {
			args = append(args, "-initrd", c.Initrd)
		}
		args = append(args, "-append", strings.TrimSpace("console="+console+" "+c.Append))
	case c.Firmware != "":
		// UEFI: the firmware's code read-only, its variable store writable (a copy the
		// caller owns); the firmware boots what the disks carry.
		args = append(args, "-drive", "if=pflash,format=raw,unit=0,readonly=on,file="+c.Firmware)
		if c.FirmwareVars != "" {
			args = append(args, "-drive", "if=pflash,format=raw,unit=1,file="+c.FirmwareVars)
		}
	default:
		return "", nil, fmt.Errorf("vm: neither a kernel nor firmware to boot")
	}
	nd := "user,id=n0,restrict=on"
	if c.Net != "" {
		nd += ",net=" + c.Net
	}
	for guest, cmd := range c.GuestFwd {
		if strings.Contains(cmd, ",") {
			return "", nil, fmt.Errorf("vm: guestfwd command %q contains a comma", cmd)
		}
		nd += ",guestfwd=tcp:" + guest + "-cmd:" + cmd
	}
	for host, guest := range c.HostFwd {
		nd += fmt.Sprintf(",hostfwd=tcp:127.0.0.1:%d-:%d", host, guest)
	}
	args = append(args, "-netdev", nd, "-device", "virtio-net-pci,netdev=n0", "-device", "virtio-rng-pci")
	if c.Monitor != "" {
		args = append(args, "-monitor", "unix:"+c.Monitor+",server=on,wait=off")
	}
	args = append(args, c.Extra...)
	return bin, args, nil
}

// VM is a running QEMU.
type VM struct {
	cmd   *exec.Cmd
	done  chan struct{}
	err   error
	mu    sync.Mutex
	lines []string
	cond  chan struct{} // closed and replaced when a line arrives

	monitor string
}

// Monitor sends one command to the QEMU monitor (Config.Monitor must be set), e.g.
// "system_powerdown" to press the power button.
func (v *VM) Monitor(command string, timeout time.Duration) error {
	if v.monitor == "" {
		return errors.New("vm: no monitor socket configured")
	}
	c, err := net.DialTimeout("unix", v.monitor, timeout)
	if err != nil {
		return fmt.Errorf("vm: monitor: %w", err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(timeout))
	if _, err := io.WriteString(c, command+"\n"); err != nil {
		return fmt.Errorf("vm: monitor: %w", err)
	}
	// Read until the prompt that follows the command's output.
	buf := make([]byte, 4096)
	var got strings.Builder
	for !strings.Contains(got.String(), command) || !strings.HasSuffix(strings.TrimRight(got.String(), " "), "(qemu)") {
		n, err := c.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			return fmt.Errorf("vm: monitor: %w (got %q)", err, got.String())
		}
	}
	return nil
}

// Start launches QEMU. The VM is killed when ctx ends.
func Start(ctx context.Context, c *Config) (*VM, error) {
	bin, args, err := c.Args()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("vm: starting %s: %w", bin, err)
	}
	v := &VM{cmd: cmd, done: make(chan struct{}), cond: make(chan struct{}), monitor: c.Monitor}
	go v.read(out, c.Console)
	go func() {
		select {
		case <-ctx.Done():
			v.Kill()
		case <-v.done:
		}
	}()
	return v, nil
}

func (v *VM) read(r io.Reader, console io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if console != nil {
			fmt.Fprintln(console, l)
		}
		v.mu.Lock()
		v.lines = append(v.lines, l)
		close(v.cond)
		v.cond = make(chan struct{})
		v.mu.Unlock()
	}
	v.err = v.cmd.Wait()
	close(v.done)
	v.mu.Lock()
	close(v.cond)
	v.cond = make(chan struct{})
	v.mu.Unlock()
}

// Pid is QEMU's process id.
func (v *VM) Pid() int { return v.cmd.Process.Pid }

// Output returns the console so far.
func (v *VM) Output() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return strings.Join(v.lines, "\n")
}

// ErrExited is returned by WaitFor when QEMU ends before the marker shows.
var ErrExited = errors.New("vm: QEMU exited")

// WaitFor waits until a console line contains marker and returns that line. It searches
// from line index from (use the returned index+1 to continue after a match).
func (v *VM) WaitFor(marker string, from int, timeout time.Duration) (string, int, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		v.mu.Lock()
		for i := from; i < len(v.lines); i++ {
			if strings.Contains(v.lines[i], marker) {
				l := v.lines[i]
				v.mu.Unlock()
				return l, i, nil
			}
		}
		from = max(from, len(v.lines))
		ch := v.cond
		v.mu.Unlock()
		select {
		case <-ch:
		case <-v.done:
			v.mu.Lock()
			n := len(v.lines)
			v.mu.Unlock()
			if from >= n {
				return "", -1, fmt.Errorf("%w before %q appeared", ErrExited, marker)
			}
		case <-deadline.C:
			return "", -1, fmt.Errorf("vm: %q did not appear within %v", marker, timeout)
		}
	}
}

// Wait waits for QEMU to exit, up to timeout.
func (v *VM) Wait(timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-v.done:
		return v.err
	case <-t.C:
		return fmt.Errorf("vm: still running after %v", timeout)
	}
}

// Kill stops QEMU (by its pid and process group) and waits for it.
func (v *VM) Kill() {
	select {
	case <-v.done:
		return
	default:
	}
	_ = syscall.Kill(-v.cmd.Process.Pid, syscall.SIGKILL)
	_ = v.cmd.Process.Kill()
	<-v.done
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := listenLoopback()
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return portOf(l.Addr().String())
}

// Exists reports whether p is an existing file.
func Exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
