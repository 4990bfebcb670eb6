//go:build linux

package initd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/units"
)

const usage = `usage: nimbus-init [COMMAND]
  (as PID 1)            boot the system
  analyze [--json | --svg FILE] [blame]
                        print the boot's stage timings (JSON, or a boot chart)
  ctl ARGS...           the same as nimbusctl ARGS...
  modprobe [-q] NAME    load a kernel module by name or alias
  provision [--force]   rerun the first-boot agent (per-instance stages only with --force)
  growpart MOUNTPOINT   grow the partition and file system mounted there to the disk's end
Also answers as nimbusctl, systemctl, poweroff, reboot, halt, shutdown, modprobe,
systemd-tmpfiles and systemd-sysusers (for packages' scriptlets).`

// Main is the multi-call entry point; argv[0]'s base name picks the personality.
func Main(ctx context.Context, argv []string, stdin io.Reader, stdout, stderr io.Writer) error {
	name := filepath.Base(argv[0])
	args := argv[1:]
	switch name {
	case units.ShimName: // a service's process between fork and exec (units/execshim.go)
		return &units.ExitError{Code: units.RunShim(argv), Silent: true}
	case "nimbusctl", "systemctl":
		return units.Ctl(ctx, units.CtlConfig{}, args, stdout, stderr)
	case "poweroff", "reboot", "halt":
		return units.Ctl(ctx, units.CtlConfig{}, []string{name}, stdout, stderr)
	case "shutdown":
		action := "poweroff"
		for _, a := range args {
			if a == "-r" || a == "--reboot" {
				action = "reboot"
			}
		}
		return units.Ctl(ctx, units.CtlConfig{}, []string{action}, stdout, stderr)
	case "modprobe":
		return modprobe(args, stderr)
	case "systemd-tmpfiles":
		return tmpfilesCmd(args, stdin, stderr)
	case "systemd-sysusers":
		return sysusersCmd(args, stdin, stdout, stderr)
	}
	if os.Getpid() == 1 {
		if InInitramfs() {
			// The initramfs's /init: find the root, switch to it and exec its init, or go
			// on as that init here when it is this same binary.
			if err := Early(ctx, stdout, argv); !errors.Is(err, errContinue) {
				return err
			}
		}
		return pid1(ctx, stdout)
	}
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return &units.ExitError{Code: 2, Silent: true}
	}
	switch args[0] {
	case "analyze":
		fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
		fs.SetOutput(stderr)
		root := fs.String("root", "/", "root of the system to analyze")
		asJSON := fs.Bool("json", false, "print the timings as JSON")
		svg := fs.String("svg", "", "write a boot chart (SVG) to `FILE`")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return analyzeCmd(*root, fs.Arg(0) == "blame", *asJSON, *svg, stdout)
	case "ctl":
		return units.Ctl(ctx, units.CtlConfig{}, args[1:], stdout, stderr)
	case "modprobe":
		return modprobe(args[1:], stderr)
	case "provision":
		return provisionCmd(ctx, args[1:], stdout, stderr)
	case "growpart":
		if len(args) != 2 {
			return fmt.Errorf("usage: nimbus-init growpart MOUNTPOINT")
		}
		msg, err := (&osSystem{reaper: units.NewReaper(false)}).GrowMount(ctx, args[1])
		if msg != "" {
			fmt.Fprintln(stdout, msg)
		}
		return err
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", args[0], usage)
}

// pid1 boots and never returns: if the final reboot fails, or the boot itself panics,
// it logs and keeps the system up (nimbus.on_failure=reboot asks for a reboot instead).
func pid1(ctx context.Context, console io.Writer) error {
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		err = Boot(ctx, console)
	}()
	fmt.Fprintf(console, "nimbus-init: PID 1 failed: %v; keeping the system up\n", err)
	b, _ := os.ReadFile("/proc/cmdline")
	if strings.Contains(string(b), "nimbus.on_failure=reboot") {
		_ = rebootNow()
	}
	for {
		time.Sleep(time.Hour)
	}
}

func modprobe(args []string, stderr io.Writer) error {
	quiet := false
	var names []string
	for _, a := range args {
		switch {
		case a == "-q" || a == "--quiet":
			quiet = true
		case a == "--":
		case strings.HasPrefix(a, "-"):
		default:
			names = append(names, a)
		}
	}
	if len(names) == 0 {
		return errors.New("modprobe: no module named")
	}
	m, err := OpenModules("/")
	if err != nil {
		return err
	}
	n, err := m.Load(names[0])
	if err == nil && n == 0 && len(m.DB.Resolve(names[0])) == 0 {
		err = fmt.Errorf("modprobe: module %s not found", names[0])
	}
	if err != nil && quiet {
		return &units.ExitError{Code: 1, Err: err, Silent: true}
	}
	return err
}
