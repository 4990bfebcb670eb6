//go:build linux

// Package initd is PID 1 of Nimbus Linux: it mounts the API file systems, loads kernel
// modules for the devices present, creates /dev/disk links, brings up the network with
// DHCPv4, runs the first-boot agent, starts the services of multi-user.target, reaps
// orphans, and shuts the machine down cleanly on request. The boot is an ordered list of
// named stages; each stage's timing is recorded for `nimbus-init analyze`.
package initd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/provision"
	"github.com/nimbus-linux/nimbus/internal/units"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// TimingsPath is where the boot's stage timings are written.
const TimingsPath = "/run/nimbus/boot-timings.json"

// Timing is one boot stage; times are since the kernel started (CLOCK_BOOTTIME).
type Timing struct {
	Stage    string        `json:"stage"`
	Start    time.Duration `json:"start_ns"`
	Duration time.Duration `json:"duration_ns"`
	Error    string        `json:"error,omitempty"`
	Note     string        `json:"note,omitempty"`
}

// Timings is the saved record of one boot.
type Timings struct {
	InitStart time.Duration `json:"init_start_ns"` // when PID 1 began (= kernel time)
	Ready     time.Duration `json:"ready_ns"`
	// UserData is when the late provisioning stages (runcmd, user scripts) finished.
	UserData time.Duration `json:"user_data_ns,omitempty"`
	Stages   []Timing      `json:"stages"`
	Units    []UnitTiming  `json:"units,omitempty"`
	// BootWall is the wall clock time the kernel started (now - CLOCK_BOOTTIME when the
	// timings were saved): it places the provisioning report's wall clock stage starts.
	BootWall time.Time `json:"boot_wall,omitzero"`
}

// UnitTiming is when a unit's start began and became active, since the kernel started.
type UnitTiming struct {
	Unit     string        `json:"unit"`
	Start    time.Duration `json:"start_ns"`
	End      time.Duration `json:"end_ns"` // 0: not active yet
	Duration time.Duration `json:"duration_ns"`
}

// Init is the state of PID 1.
type Init struct {
	Console io.Writer
	Cmdline Cmdline
	Journal *units.Journal
	Reaper  *units.Reaper
	Manager *units.Manager
	Modules *Modules
	// modIndex is the modules database read beside the mount stage (nil: read by the
	// modules stage).
	modIndex *modulesIndex

	power    chan string
	timings  Timings
	link     netlink.Link
	lease    *Lease
	mu       sync.Mutex
	debug    bool
	stopReap chan struct{}
	// stageDone has a channel per boot stage, closed when it finished (set by runStages
	// before any stage runs, read-only after).
	stageDone map[string]chan struct{}
	// fetched is the metadata stage's answer for the provision stage (nil: not fetched).
	fetched *provision.Fetched
	// late runs the provisioning stages that follow the services (nil when none).
	late func()
	// supervisorOnce makes the service manager once: for sshd's early start (provision
	// stage) or for the services stage, whichever comes first.
	supervisorOnce sync.Once
	// earlySSH is the unit started early (after the host keys, beside the users stage),
	// "" when none.
	earlySSH string
	tmu      sync.Mutex // guards timings and saving them
	// bgTimings are the background stages that finished before ready (tmu).
	bgTimings []Timing
	// readyCh is closed at "ready" (made before the stages run).
	readyCh chan struct{}
	// nofailDone is closed when the nofail fstab mounts, which wait for ready, are done
	// (set by the devices stage; the late provisioning waits for it).
	nofailDone <-chan struct{}
}

// boottime is the time since the kernel started.
func boottime() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// logf writes a line to the console and the journal.
func (in *Init) logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	in.mu.Lock()
	fmt.Fprintf(in.Console, "nimbus-init: %s\n", msg)
	in.mu.Unlock()
	if in.Journal != nil {
		in.Journal.LogQuiet("nimbus-init", 0, "%s", msg)
	}
}

type bootStage struct {
	name string
	run  func(*Init, context.Context) error
	// after are the stages that must have finished first; stages whose dependencies are
	// done run at the same time.
	after []string
}

// bootStages is the boot: each stage starts as soon as the stages it needs are done.
// The machine's own setup (hostname, system accounts) does not wait for the devices;
// tmpfiles runs after the accounts it may name and the file systems it writes to; the
// network starts as soon as the NIC's driver made its interface, while the other
// modules still load; provisioning needs all of it.
var bootStages = []bootStage{
	{"mount", (*Init).stageMount, nil},
	// The disks' and NICs' drivers; the other devices' modules load beside what follows.
	{"modules", (*Init).stageModules, []string{"mount"}},
	{"modules-rest", (*Init).stageModulesRest, []string{"modules"}},
	// The power button's driver and evdev before "ready", which waits for this stage: a
	// cloud stops an instance with an ACPI power button press, and one pressed before the
	// ACPI button driver is bound is lost (EC2 then forces the stop).
	{"power-button", (*Init).stagePowerButton, []string{"modules"}},
	{"devices", (*Init).stageDevices, []string{"modules"}},
	{"hostname", (*Init).stageHostname, []string{"mount"}},
	// The SSH host keys need no network: made once the disks' and NICs' drivers are in
	// (not beside the modules index and the NIC's driver chain, which the network waits
	// for: on two TCG vCPUs the key making and its fsyncs slowed them), beside DHCP and
	// the IMDS round trips; final (or replaced from user-data) in the provision stage,
	// which waits for them.
	{"hostkeys", (*Init).stageHostKeys, []string{"modules"}},
	// After the modules stage too, for the same reason (tmpfiles waits for the devices
	// stage, which follows the modules stage, anyway).
	{"sysusers", (*Init).stageSysusers, []string{"modules"}},
	{"tmpfiles", (*Init).stageTmpfiles, []string{"sysusers", "devices"}},
	// The network waits for its interface, not for every module (stageNetwork).
	{"network", (*Init).stageNetwork, []string{"mount"}},
	// The metadata is fetched as soon as the network is up and the devices (a NoCloud
	// volume) are known, beside tmpfiles and the rest of the coldplug.
	{"metadata", (*Init).stageMetadata, []string{"devices", "network"}},
	{"provision", (*Init).stageProvision, []string{"hostname", "hostkeys", "tmpfiles", "network", "modules", "metadata"}},
	{"generators", (*Init).stageGenerators, []string{"provision"}},
	{"services", (*Init).stageServices, []string{"generators"}},
}

// noteKey carries a stage's note (*string) in its context.
type noteKey struct{}

// setNote sets the note of the stage running with ctx (shown with its timing).
func setNote(ctx context.Context, format string, args ...any) {
	if p, ok := ctx.Value(noteKey{}).(*string); ok {
		*p = fmt.Sprintf(format, args...)
	}
}

// addNote appends to the note of the stage running with ctx.
func addNote(ctx context.Context, format string, args ...any) {
	if p, ok := ctx.Value(noteKey{}).(*string); ok {
		*p += fmt.Sprintf(format, args...)
	}
}

// runStages runs stages, each when the stages it names in after have finished (a stage
// that is not in the list is taken as done), and returns their timings in list order.
func (in *Init) runStages(ctx context.Context, stages []bootStage) []Timing {
	done := make(map[string]chan struct{}, len(stages))
	for _, s := range stages {
		done[s.name] = make(chan struct{})
	}
	in.stageDone = done
	out := make([]Timing, len(stages))
	var wg sync.WaitGroup
	for i, s := range stages {
		bg := backgroundStages[s.name]
		if !bg {
			wg.Add(1)
		}
		go func() {
			if !bg {
				defer wg.Done()
			}
			defer close(done[s.name])
			for _, d := range s.after {
				if ch, ok := done[d]; ok {
					<-ch
				}
			}
			start := boottime()
			note := ""
			sctx := context.WithValue(context.WithValue(ctx, noteKey{}, &note), startKey{}, &start)
			err := in.safely(s.name, func() error { return s.run(in, sctx) })
			t := Timing{Stage: s.name, Start: start, Duration: boottime() - start, Note: note}
			if err != nil {
				t.Error = err.Error()
				in.logf("stage %s failed: %v", s.name, err)
			}
			if bg {
				in.addTiming(t)
			} else {
				out[i] = t
			}
			in.logf("stage %s done in %v%s", s.name, t.Duration.Round(time.Microsecond), noteSuffix(t.Note))
		}()
	}
	wg.Wait()
	fg := out[:0]
	for i, s := range stages {
		if !backgroundStages[s.name] {
			fg = append(fg, out[i])
		}
	}
	return fg
}

// bootGCPercent is the garbage collector's GOGC until ready.
const bootGCPercent = 400

// backgroundStages are boot stages that "ready" does not wait for: modules-rest loads
// the input, platform and ACPI devices' modules, which nothing on the way to "provisioned
// and sshd accepting" needs, as udev's coldplug goes on while systemd starts the
// services. Their timings are added when they finish (after the others, in the order
// they finish).
var backgroundStages = map[string]bool{"modules-rest": true}

// startKey carries a stage's start (*time.Duration) in its context.
type startKey struct{}

// restartClock sets the start of the stage running with ctx to now: a stage that first
// waits for something else (modules-rest, for "ready") is timed from its work.
func restartClock(ctx context.Context) {
	if p, ok := ctx.Value(startKey{}).(*time.Duration); ok {
		*p = boottime()
	}
}

// addTiming records a background stage's timing: kept for the ready line's save when it
// finished before, else added to the saved timings at once.
func (in *Init) addTiming(t Timing) {
	in.tmu.Lock()
	ready := in.timings.Ready != 0
	if ready {
		in.timings.Stages = append(in.timings.Stages, t)
	} else {
		in.bgTimings = append(in.bgTimings, t)
	}
	in.tmu.Unlock()
	if ready {
		in.saveTimings()
	}
}

// stageFinished reports whether the boot stage name has finished (true when there is no
// such stage in this boot).
func (in *Init) stageFinished(name string) bool {
	ch, ok := in.stageDone[name]
	if !ok {
		return true
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// Boot runs PID 1: the boot stages, then supervision until a poweroff or reboot request,
// then the shutdown. It returns only if the final reboot system call fails.
func Boot(ctx context.Context, console io.Writer) error {
	in := &Init{Console: console, power: make(chan string, 4), stopReap: make(chan struct{})}
	in.timings.InitStart = boottime()
	in.Reaper = units.NewReaper(true)
	go in.Reaper.Run(in.stopReap)
	_ = unix.Reboot(unix.LINUX_REBOOT_CMD_CAD_OFF) // ctrl-alt-del becomes SIGINT
	in.watchSignals()
	in.logf("starting (kernel took %v)", in.timings.InitStart.Round(time.Millisecond))
	// The root is mounted (by the early init, or by the kernel): modules.dep and
	// modules.alias are read while the mount stage mounts /proc, /sys and the rest.
	in.modIndex = startModulesIndex("/")
	in.readyCh = make(chan struct{})
	// Until ready the heap may grow to five times what is live before a collection:
	// the boot allocates a few MiB at most, and under TCG each GC cycle's marking (a
	// quarter of the Ps, plus assists) took vCPU time from the stages. Back to
	// the default at ready.
	gc := debug.SetGCPercent(bootGCPercent)
	stages := in.runStages(ctx, bootStages)
	debug.SetGCPercent(gc)
	if in.debug {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		in.logf("by ready: %d GC cycles, %v paused, heap %d KiB", ms.NumGC, time.Duration(ms.PauseTotalNs).Round(time.Microsecond), ms.HeapAlloc>>10)
	}
	in.tmu.Lock()
	in.timings.Stages = append(stages, in.bgTimings...)
	in.timings.Ready = boottime()
	in.tmu.Unlock()
	close(in.readyCh)
	if in.Manager != nil {
		in.Manager.SetSystemState(units.SystemRunning) // systemctl is-system-running
	}
	in.saveTimings()
	in.logf("ready in %v (kernel %v + userspace %v)", in.timings.Ready.Round(time.Millisecond),
		in.timings.InitStart.Round(time.Millisecond), (in.timings.Ready - in.timings.InitStart).Round(time.Millisecond))
	go in.loadAfterReady()
	if in.late != nil {
		go func() {
			defer in.guard("late provisioning")
			in.late()
		}()
	}
	action := <-in.power
	return in.shutdown(action)
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return " (" + n + ")"
}

// guard is deferred first in PID 1's own goroutines: a panic is logged, not fatal.
func (in *Init) guard(what string) {
	if r := recover(); r != nil {
		in.logf("internal error in %s: %v", what, r)
	}
}

// safely runs f, turning a panic into an error: PID 1 must never die.
func (in *Init) safely(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s panicked: %v", what, r)
		}
	}()
	return f()
}

func (in *Init) saveTimings() {
	in.tmu.Lock()
	defer in.tmu.Unlock()
	bootWall := time.Now().Add(-boottime())
	in.timings.BootWall = bootWall
	if in.Manager != nil {
		in.timings.Units = unitTimings(in.Manager, bootWall)
	}
	b, err := json.MarshalIndent(in.timings, "", "  ")
	if err != nil {
		return
	}
	_ = os.MkdirAll(filepath.Dir(TimingsPath), 0o755)
	_ = os.WriteFile(TimingsPath, b, 0o644)
}

// unitTimings lists the units that started, in order of their start, on the boot's time
// axis (bootWall is the wall clock time of the kernel's start).
func unitTimings(m *units.Manager, bootWall time.Time) []UnitTiming {
	var out []UnitTiming
	for _, s := range m.List() {
		if s.ActivationStart.IsZero() {
			continue
		}
		u := UnitTiming{Unit: s.Name, Start: max(s.ActivationStart.Sub(bootWall), 0), Duration: s.ActivationTime}
		if s.ActivationTime > 0 || s.State == units.Active {
			u.End = u.Start + s.ActivationTime
		}
		out = append(out, u)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Power asks PID 1 to "poweroff", "reboot" or "halt".
func (in *Init) Power(action string) error {
	select {
	case in.power <- action:
		return nil
	default:
		return fmt.Errorf("a shutdown is already under way")
	}
}
