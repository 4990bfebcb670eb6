//go:build linux

package initd

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/nimbus-linux/nimbus/internal/provision"
	"github.com/nimbus-linux/nimbus/internal/units"
	"github.com/vishvananda/netlink"
	"golang.org/x/sys/unix"
)

// RandomSeedPath carries entropy from one boot to the next.
const RandomSeedPath = "/var/lib/nimbus/random-seed"

func (in *Init) stageMount(ctx context.Context) error {
	err := mountAll()
	b, _ := os.ReadFile("/proc/cmdline")
	in.Cmdline = ParseCmdline(string(b))
	in.debug = in.Cmdline.Has("nimbus.debug")
	var jconsole io.Writer
	if in.debug {
		jconsole = in.Console
	}
	in.Journal = &units.Journal{Dir: units.DefaultJournalDir, Console: jconsole}
	// Entropy: credit nothing, but mix in what the last boot saved.
	if seed, e := os.ReadFile(RandomSeedPath); e == nil {
		if f, e := os.OpenFile("/dev/urandom", os.O_WRONLY, 0); e == nil {
			_, _ = f.Write(seed)
			f.Close()
		}
	}
	return err
}

func (in *Init) stageModules(ctx context.Context) error {
	start := time.Now()
	var m *Modules
	var err error
	if in.modIndex != nil {
		m, err = in.modIndex.wait()
	} else {
		m, err = OpenModules("/")
	}
	if err != nil {
		return err
	}
	waited := time.Since(start)
	m.Log = func(f string, a ...any) {
		if in.debug {
			in.logf(f, a...)
		}
	}
	in.Modules = m
	// The kernel asks for modules by running /sbin/modprobe (this binary, multi-call).
	_ = os.WriteFile("/proc/sys/kernel/modprobe", []byte("/sbin/modprobe\n"), 0o644)
	n, err := m.Coldplug("/sys", coldplugSkip, firstBuses)
	setNote(ctx, "%d modules of the %s buses", n, strings.Join(firstBuses, ", "))
	if slow := m.Slowest(3); slow != "" {
		addNote(ctx, "; slowest %s", slow)
	}
	// Where the stage's start went before the first module: the index (read beside the
	// mount stage: how long it took there, and how long this stage still waited for it)
	// and the first look at the devices.
	if in.modIndex != nil {
		addNote(ctx, "; index %d ms (read %d, waited %d)", in.modIndex.took.Milliseconds(), m.indexRead.Milliseconds(), waited.Milliseconds())
	}
	if f := m.FirstLoad(); !f.IsZero() {
		addNote(ctx, ", first module after %d ms", f.Sub(start).Milliseconds())
	}
	return err
}

// stageModulesRest loads the modules of the other devices (ACPI, platform, CPU, input:
// the power button, evdev) once those of the disks and NICs are in; then it watches the
// power button, whose input device evdev makes. A background stage: when the modules
// stage brought the NIC's interface, it waits for "ready" first, so that its module
// loading (0.1-0.5 s each under TCG) does not share the vCPUs with the metadata,
// provisioning and sshd's start; else (a NIC on another bus, e.g. Hyper-V's vmbus) it
// loads at once, as the network stage waits for it.
func (in *Init) stageModulesRest(ctx context.Context) error {
	if in.Modules == nil {
		return errors.New("no modules database (the modules stage failed)")
	}
	if in.readyCh != nil && anyInterface("/sys/class/net") {
		t := time.Now()
		<-in.readyOr(afterReadyMaxWait)
		restartClock(ctx)
		addNote(ctx, "after ready (waited %d ms); ", time.Since(t).Milliseconds())
	}
	before := in.Modules.LoadCount()
	skip := maps.Clone(coldplugSkip)
	maps.Copy(skip, afterReady)
	n, err := in.Modules.Coldplug("/sys", skip, nil)
	addNote(ctx, "%d modules", n)
	if slow := in.Modules.SlowestSince(before, 3); slow != "" {
		addNote(ctx, "; slowest %s", slow)
	}
	return err
}

// powerButtonModules are what turns an ACPI power button press into KEY_POWER on an
// event device: the ACPI button driver (x86's fixed event, arm64's GED notify) and evdev.
// A module that is built in, or not in the image, is skipped.
var powerButtonModules = []string{"button", "evdev"}

// stagePowerButton loads the power button's driver and evdev and starts the watcher, so
// that "ready" (which waits for this stage) means a press is honoured: modules-rest, which
// loads the other devices' modules, waits for ready when the NIC is up, and a press
// before the button's driver is bound is lost.
func (in *Init) stagePowerButton(ctx context.Context) error {
	if in.Modules == nil {
		return errors.New("no modules database (the modules stage failed)")
	}
	var errs []error
	n := 0
	for _, m := range powerButtonModules {
		k, err := in.Modules.Load(m)
		n += k
		if err != nil {
			errs = append(errs, err)
		}
	}
	go in.watchPowerButton()
	addNote(ctx, "%d modules", n)
	return errors.Join(errs...)
}

// coldplugSkip are modules whose devices a cloud instance has but does not use: the
// raw PS/2 port (serio_raw: the i8042 of QEMU's q35 and of EC2's Xen-era types), the
// PC speaker, and QEMU's firmware configuration device (qemu_fw_cfg: its files in
// /sys/firmware/qemu_fw_cfg, which nothing in the image reads; its init reads the
// device's directory through an I/O port, 0.06-0.7 s of a vCPU under a loaded TCG).
// They stay loadable by name (`modprobe serio_raw`).
var coldplugSkip = map[string]bool{"serio_raw": true, "pcspkr": true, "qemu_fw_cfg": true}

// afterReady are modules whose devices a cloud instance has but which nothing before
// "ready" uses, loaded after the ready line (loadAfterReady) instead of in modules-rest,
// whose modules share the vCPUs with the metadata, provisioning and sshd's start: the
// CPU frequency drivers (acpi_cpufreq and pcc_cpufreq match every ACPI CPU; in a VM
// without P-states their init refuses with ENODEV after 0.06 s of a TCG vCPU, their load
// and relocation more) and efi_pstore (kernel crash records in EFI variables; its
// init walks the variables through EFI runtime calls). As udev's coldplug, these load
// while the services run.
var afterReady = map[string]bool{"acpi_cpufreq": true, "pcc_cpufreq": true, "efi_pstore": true}

// afterReadyMaxWait bounds how long what waits for "ready" (modules-rest with the power
// button, the nofail mounts) waits: a service that is slow to start (dockerd took 60 s
// under TCG) holds "ready" back, and the power button should not wait as long.
const afterReadyMaxWait = 10 * time.Second

// readyOr returns a channel closed at "ready" or after d, whichever comes first (closed
// at once when the boot has no ready channel: a stage run alone).
func (in *Init) readyOr(d time.Duration) <-chan struct{} {
	c := make(chan struct{})
	if in.readyCh == nil {
		close(c)
		return c
	}
	go func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-in.readyCh:
		case <-t.C:
		}
		close(c)
	}()
	return c
}

// loadAfterReady loads the afterReady modules (and anything else modules-rest left) once
// the boot is ready and modules-rest is done.
func (in *Init) loadAfterReady() {
	defer in.guard("modules after ready")
	if ch, ok := in.stageDone["modules-rest"]; ok {
		<-ch
	}
	if in.Modules == nil {
		return
	}
	before := in.Modules.LoadCount()
	start := boottime()
	n, err := in.Modules.Coldplug("/sys", coldplugSkip, nil)
	if err != nil {
		in.logf("modules after ready: %v", err)
	}
	if in.debug {
		in.logf("modules after ready: %d in %v (%s)", n, (boottime() - start).Round(time.Millisecond), in.Modules.SlowestSince(before, 3))
	}
}

func (in *Init) stageDevices(ctx context.Context) error {
	links := diskLinks("/sys", "/dev")
	// The nofail entries (/boot/efi) after "ready": nothing before needs them, and their
	// file system's module (fat, vfat: 0.05-0.4 s under TCG) and mount would share the
	// vCPUs with the metadata, provisioning and sshd's start.
	n, bg, done, err := mountFstab("/etc/fstab", in.logf, in.Modules, in.readyOr(afterReadyMaxWait))
	in.nofailDone = done
	setNote(ctx, "%d disk links, %d fstab mounts", len(links), n)
	if bg > 0 {
		addNote(ctx, ", %d nofail after ready", bg)
	}
	return err
}

func (in *Init) stageHostname(ctx context.Context) error {
	name := "localhost"
	if b, err := os.ReadFile("/etc/hostname"); err == nil && strings.TrimSpace(string(b)) != "" {
		name = strings.TrimSpace(string(b))
	}
	return unix.Sethostname([]byte(name))
}

func (in *Init) stageNetwork(ctx context.Context) error {
	// lo comes up beside the wait for the NIC and DHCP, which do not use it (a raw
	// socket, then the interface's own address); the stage ends only once it is up,
	// before anything that listens on or talks to 127.0.0.1 starts. Under a loaded TCG
	// bringing it up took 0.3-0.8 s before the interface wait began.
	type loResult struct {
		took time.Duration
		err  error
	}
	lo := make(chan loResult, 1)
	go func() {
		r := loResult{err: errors.New("bringing it up panicked")}
		defer func() { lo <- r }() // also after a panic, which guard logs
		defer in.guard("loopback")
		t := time.Now()
		err := upLoopback()
		r = loResult{time.Since(t), err}
	}()
	waitLo := func() (time.Duration, error) {
		r := <-lo
		if r.err != nil {
			return r.took, fmt.Errorf("loopback: %w", r.err)
		}
		return r.took, nil
	}
	if in.Cmdline.Get("nimbus.network", "") == "off" {
		setNote(ctx, "disabled")
		_, err := waitLo()
		return err
	}
	start := time.Now()
	link, err := in.waitInterface(ctx, 60*time.Second)
	if err != nil {
		_, lerr := waitLo()
		return errors.Join(err, lerr)
	}
	tIf := time.Since(start)
	lease, err := dhcp4(ctx, link, 10*time.Second)
	tLoop, lerr := waitLo()
	if err != nil {
		return errors.Join(err, lerr)
	}
	if lerr != nil {
		return lerr
	}
	in.link, in.lease = link, lease
	if lease.Router != nil {
		setNote(ctx, "%s %s via %s", lease.Interface, lease.Address, lease.Router)
	} else {
		setNote(ctx, "%s %s, no default route", lease.Interface, lease.Address)
	}
	ms := func(d time.Duration) int64 { return d.Milliseconds() }
	st := lease.Steps
	addNote(ctx, "; interface after %d ms, then carrier %d, offer %d, ack %d, applied %d ms; lo up in %d ms beside",
		ms(tIf), ms(st[0]), ms(st[1]), ms(st[2]), ms(st[3]), ms(tLoop))
	go func() {
		defer in.guard("dhcp renewal")
		renew(context.Background(), link, lease, in.logf)
	}()
	go func() {
		defer in.guard("dhcpv6")
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		l6, err := dhcp6(ctx, link)
		if err != nil {
			in.logf("ipv6: %v (SLAAC only)", err)
			return
		}
		in.logf("ipv6: dhcpv6 addresses %v, dns %v", l6.Addresses, l6.DNS)
		if err := addResolvers("/etc/resolv.conf", l6); err != nil {
			in.logf("ipv6: resolv.conf: %v", err)
		}
	}()
	return nil
}

// waitInterface returns the primary Ethernet interface as soon as its driver made it,
// while the modules stage may still be loading other modules. No interface once the
// modules are loaded, or after timeout, is an error.
func (in *Init) waitInterface(ctx context.Context, timeout time.Duration) (netlink.Link, error) {
	deadline := time.Now().Add(timeout)
	for {
		done := in.stageFinished("modules-rest") // read before looking: a last look after it
		// Netlink's list of every link (and its parsing) is asked only once sysfs shows
		// an interface besides lo: under TCG a dump every 10 ms took a vCPU's share
		// from the module loading it waits for.
		if !done && !time.Now().After(deadline) && !anyInterface("/sys/class/net") {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(10 * time.Millisecond):
			}
			continue
		}
		link, err := primaryInterface()
		if err == nil || done || time.Now().After(deadline) {
			return link, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// provider picks the first-boot data source without long waits: NoCloud when the kernel
// command line says so or a volume labelled cidata exists, else EC2's IMDS when the
// network is up.
func (in *Init) provider() (provision.Provider, error) {
	return selectProvider(in.Cmdline, in.lease != nil, in.logf)
}

func selectProvider(cmdline Cmdline, networkUp bool, logf func(string, ...any)) (provision.Provider, error) {
	ncl, err := provision.ParseNoCloudCmdline(cmdline.Raw)
	if err != nil {
		return nil, err
	}
	dir := ""
	if dev := findLabel("/dev", "cidata"); dev != "" {
		dir = "/run/nimbus/cidata"
		_ = os.MkdirAll(dir, 0o755)
		// The kernel loads vfat or isofs on demand through /sbin/modprobe (this binary).
		types := []string{"iso9660", "vfat", "ext4"}
		if f, err := os.Open(dev); err == nil {
			if info, ok := ProbeFS(f); ok {
				types = []string{info.Type}
			}
			f.Close()
		}
		var merr error
		for _, fs := range types {
			if merr = unix.Mount(dev, dir, fs, unix.MS_RDONLY, ""); merr == nil {
				break
			}
		}
		if merr != nil && !errors.Is(merr, unix.EBUSY) {
			logf("cidata volume %s: cannot mount: %v", dev, merr)
			dir = ""
		}
	}
	if ncl.Present || dir != "" {
		return provision.NoCloud{Dir: dir, Cmdline: ncl}, nil
	}
	if !networkUp {
		return nil, errors.New("no network, no NoCloud seed: nothing to provision from")
	}
	c := &imds.Client{Endpoint: cmdline.Get("nimbus.imds", imds.DefaultEndpoint), Attempts: 5, Backoff: 100 * time.Millisecond}
	return provision.AWS{Client: c}, nil
}

// stageMetadata selects the provider and fetches the instance's data (IMDS round trips
// or the NoCloud seed) for the provision stage, which waits for more (tmpfiles, the
// rest of the modules) than the fetch needs.
func (in *Init) stageMetadata(ctx context.Context) error {
	if in.Cmdline.Get("nimbus.provision", "") == "off" {
		setNote(ctx, "disabled")
		return nil
	}
	if unit := in.sshUnit(); unit != "" {
		go in.warmUnits(unit)
	}
	start := time.Now()
	p, err := in.provider()
	if err != nil {
		return err
	}
	tSource := time.Since(start)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	// The IMDS's session token first, timed apart (Fetch takes the held one): the note
	// then splits the stage into its round trips.
	var tToken time.Duration
	if a, ok := p.(provision.AWS); ok && a.Client != nil {
		t := time.Now()
		_, _ = a.Client.Token(pctx) // an error is met again, and reported, by Fetch
		tToken = time.Since(t)
	}
	t := time.Now()
	d, err := p.Fetch(pctx)
	tFetch := time.Since(t)
	in.fetched = &provision.Fetched{From: p, Data: d, Err: err}
	if err != nil {
		setNote(ctx, "%s: %v (provision reports it)", p.Name(), err)
		return nil
	}
	setNote(ctx, "%s instance %s; source %d ms", p.Name(), d.InstanceID, tSource.Milliseconds())
	if tToken > 0 {
		addNote(ctx, ", token %d ms", tToken.Milliseconds())
	}
	addNote(ctx, ", data %d ms", tFetch.Milliseconds())
	return nil
}

func (in *Init) stageProvision(ctx context.Context) error {
	if in.Cmdline.Get("nimbus.provision", "") == "off" {
		setNote(ctx, "disabled")
		return nil
	}
	var p provision.Provider
	if in.fetched != nil {
		p = *in.fetched
	} else { // the metadata stage failed before fetching: try once more here
		var err error
		if p, err = in.provider(); err != nil {
			return err
		}
	}
	logf, err := os.OpenFile("/"+provision.LogPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	jw, err := in.Journal.Pipe("nimbus-provision", func() int { return 1 })
	if err != nil {
		logf.Close()
		return err
	}
	a := &provision.Agent{Root: "/", Sys: &osSystem{reaper: in.Reaper, modules: in.Modules}, Provider: p,
		Log: io.MultiWriter(logf, jw), Force: in.Cmdline.Has("nimbus.provision.force"),
		SysusersApplied: true} // the sysusers boot stage ran before this one
	if unit := in.sshUnit(); unit != "" {
		var once sync.Once
		a.EarlySSH = func() {
			once.Do(func() {
				in.earlySSH = unit
				in.startEarlySSH(unit)
			})
		}
	}
	s := a.Begin()
	in.late = func() {
		defer logf.Close()
		defer jw.Close()
		// As cloud-final runs after local-fs.target: the user-data's packages (a kernel's
		// UKI in /boot/efi) and scripts find the nofail mounts done, which wait for ready.
		if in.nofailDone != nil {
			<-in.nofailDone
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Minute)
		defer cancel()
		start := boottime()
		err := s.Late(ctx)
		end := boottime()
		in.tmu.Lock()
		in.timings.UserData = end
		in.tmu.Unlock()
		in.saveTimings()
		if err != nil {
			in.logf("user-data done with errors in %v: %v", (end - start).Round(time.Millisecond), err)
		} else {
			in.logf("user-data done in %v (%v since the kernel started)", (end - start).Round(time.Millisecond), end.Round(time.Millisecond))
		}
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Minute)
	defer cancel()
	err = s.Early(pctx)
	rep := s.Report()
	setNote(ctx, "%s instance %s", rep.Provider, rep.InstanceID)
	if s.Fatal() {
		in.late = nil
		logf.Close()
		jw.Close()
		return err
	}
	in.logf("provisioned instance %s from %s (first boot: %v)", rep.InstanceID, rep.Provider, rep.FirstBoot)
	return err
}

// stageHostKeys makes the default SSH host keys when the image has none, before the
// network and the metadata (provision.EarlyHostKeys).
func (in *Init) stageHostKeys(ctx context.Context) error {
	if in.Cmdline.Get("nimbus.provision", "") == "off" {
		setNote(ctx, "provisioning disabled")
		return nil
	}
	made, err := provision.EarlyHostKeys("/")
	if len(made) > 0 {
		setNote(ctx, "made %s", strings.Join(made, ", "))
	}
	return err
}

// sshUnit is the enabled sshd unit of the default target ("" when none, or when the boot
// goes to another target): the unit that may start before provisioning ends.
func (in *Init) sshUnit() string {
	if in.Cmdline.Get("systemd.unit", "") != "" {
		return ""
	}
	for _, n := range []string{"ssh.service", "sshd.service"} {
		for _, d := range []string{"/etc/systemd/system/multi-user.target.wants/", "/usr/lib/systemd/system/multi-user.target.wants/", "/lib/systemd/system/multi-user.target.wants/"} {
			if _, err := os.Stat(d + n); err == nil {
				return n
			}
		}
	}
	return ""
}

// startEarlySSH starts the sshd unit beside the users and files stages (the agent's
// EarlySSH: the host keys are final). The services stage's start of the default target
// joins it; "ready" still waits for both.
func (in *Init) startEarlySSH(unit string) {
	go func() {
		defer in.guard("early " + unit)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		start := boottime()
		m := in.supervisor()
		made := boottime()
		if err := m.Start(ctx, unit); err != nil {
			in.logf("early %s: %v", unit, err)
			return
		}
		in.logf("%s started beside provisioning in %v (supervisor made in %v)", unit, (boottime() - start).Round(time.Millisecond),
			(made - start).Round(time.Millisecond))
	}()
}

// warmUnits reads the unit name and what it requires and wants with a loader of its own,
// while the metadata stage waits for the IMDS, and keeps nothing: the supervisor made
// when sshd starts then finds the unit loading's code paths run once (under TCG the
// first run of code is its translation) and the unit files and directories cached. The
// supervisor itself is not made here: its host (%H) is read when it is made, after the
// agent set the instance's hostname; and the units it starts are read then, after the
// user-data's bootcmd and files. When the unit's program is sshd, `sshd -t` runs too
// (warmSSHD).
func (in *Init) warmUnits(name string) {
	defer in.guard("warming units")
	start := boottime()
	l := (&units.Loader{FS: os.DirFS("/"), Host: units.ReadHost(os.DirFS("/"), runtime.GOARCH)}).Snapshot()
	seen := map[string]bool{}
	for queue := []string{name}; len(queue) > 0 && len(seen) < 64; queue = queue[1:] {
		if seen[queue[0]] {
			continue
		}
		seen[queue[0]] = true
		if u, err := l.Load(queue[0]); err == nil {
			queue = append(queue, u.Deps()...)
			if queue[0] == name && u.Service != nil && len(u.Service.ExecStart) > 0 {
				if p := u.Service.ExecStart[0].Path; filepath.Base(p) == "sshd" {
					go in.warmSSHD(p)
				}
			}
		}
	}
	if in.debug {
		in.logf("warmed %d units for %s in %v", len(seen), name, (boottime() - start).Round(time.Millisecond))
	}
}

// warmSSHD runs `sshd -t` (the test mode: read the configuration and the host keys,
// then exit; Debian's ssh.service runs it as ExecStartPre, which the image's drop-in
// takes off the unit's start as Amazon Linux's sshd.service has none) while the IMDS
// answers, at SCHED_IDLE so that it only takes a vCPU nothing else of the boot wants.
// Its result is not used (ssh.service's own start reports a bad configuration; with
// nimbus.debug its exit status is logged): it is run so that sshd's start finds its
// program, its 26 libraries, its configuration and host keys in the page cache and their
// code run once. Under TCG the first run of code is its translation: from exec to
// "Server listening" took 0.36 s cold and a second `sshd -t` 0.15 s; in a same-run A/B
// sshd's start went from 0.41 to 0.32 s (medians, docs/init.md). Bounded to 30 s.
func (in *Init) warmSSHD(p string) {
	defer in.guard("sshd -t")
	if in.Reaper == nil {
		return
	}
	pid, done, err := in.Reaper.Start(&units.ProcSpec{Path: p, Argv: []string{p, "-t"}})
	if err != nil {
		in.logf("%s -t: %v", p, err)
		return
	}
	_ = unix.SchedSetAttr(pid, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_IDLE}, 0)
	t := time.NewTimer(30 * time.Second)
	defer t.Stop()
	select {
	case e := <-done:
		if in.debug {
			in.logf("%s -t (warming sshd's start): exit status %d", p, e.Code)
		}
	case <-t.C:
		_ = unix.Kill(pid, unix.SIGKILL)
		in.logf("%s -t (warming sshd's start): still running after 30 s, killed", p)
	}
}

// supervisor makes the service manager, its notify, syslog and control sockets, once.
func (in *Init) supervisor() *units.Manager {
	in.supervisorOnce.Do(in.newSupervisor)
	return in.Manager
}

func (in *Init) newSupervisor() {
	cg := ""
	if _, err := os.Stat("/sys/fs/cgroup/cgroup.procs"); err == nil {
		cg = "/sys/fs/cgroup/system.slice"
		_ = os.MkdirAll(cg, 0o755)
	}
	in.Manager = units.NewManager(units.Options{
		Loader:         &units.Loader{FS: os.DirFS("/"), Host: units.ReadHost(os.DirFS("/"), runtime.GOARCH)},
		Runner:         in.Reaper,
		Journal:        in.Journal,
		CgroupRoot:     cg,
		NotifySocket:   "/run/nimbus/notify",
		Power:          in.Power,
		MaxStopTimeout: 15 * time.Second,
		BootTime:       bootTime(),
		Verbose:        in.debug,
		Generators:     true,
	})
	if _, err := in.Manager.ListenNotify(); err != nil {
		in.logf("sd_notify socket: %v", err)
	}
	// syslog(3)'s /dev/log, as journald serves it: sshd's logins, sudo, cron go to the journal.
	if _, err := in.Manager.ListenSyslog(units.DefaultSyslogSocket); err != nil {
		in.logf("syslog socket: %v", err)
	}
	go func() {
		defer in.guard("control socket")
		if err := in.Manager.ServeControl(context.Background(), units.DefaultControlSocket); err != nil {
			in.logf("control socket: %v", err)
		}
	}()
}

func (in *Init) stageServices(ctx context.Context) error {
	in.supervisor()
	target := in.Cmdline.Get("systemd.unit", units.DefaultTarget)
	sctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	err := in.Manager.Start(sctx, target)
	active := 0
	for _, s := range in.Manager.List() {
		if s.State == units.Active && strings.HasSuffix(s.Name, ".service") {
			active++
		}
	}
	setNote(ctx, "%d services active", active)
	if in.earlySSH != "" {
		addNote(ctx, "; %s started during provisioning", in.earlySSH)
	}
	return err
}

// saveSeed keeps entropy for the next boot.
func saveSeed() {
	var b [512]byte
	if _, err := rand.Read(b[:]); err == nil {
		_ = os.MkdirAll(filepath.Dir(RandomSeedPath), 0o755)
		_ = os.WriteFile(RandomSeedPath, b[:], 0o600)
	}
}

// provisionCmd reruns the first-boot agent on a running system (`nimbus-init provision
// [--force]`): per-instance stages run again only with --force.
func provisionCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	force := false
	for _, a := range args {
		switch a {
		case "--force", "-f":
			force = true
		default:
			return fmt.Errorf("usage: nimbus-init provision [--force]")
		}
	}
	b, _ := os.ReadFile("/proc/cmdline")
	logf := func(f string, a ...any) { fmt.Fprintf(stderr, f+"\n", a...) }
	p, err := selectProvider(ParseCmdline(string(b)), true, logf)
	if err != nil {
		return err
	}
	lf, err := os.OpenFile("/"+provision.LogPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	defer lf.Close()
	a := &provision.Agent{Root: "/", Sys: &osSystem{reaper: units.NewReaper(false)}, Provider: p,
		Log: io.MultiWriter(lf, stdout), Force: force}
	_, err = a.Run(ctx)
	return err
}
