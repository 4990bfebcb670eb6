//go:build linux

package initd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/kmod"
	"golang.org/x/sys/unix"
)

// Modules loads kernel modules from /lib/modules/$(uname -r).
type Modules struct {
	Dir string // /lib/modules/VERSION
	DB  kmod.ModuleDB
	Log func(format string, args ...any)

	mu     sync.Mutex
	loaded map[string]bool
	// loading holds the modules being loaded: a concurrent Load of the same module (a
	// shared dependency) waits for the first one.
	loading map[string]*modLoad
	// Took is how long each module's read and init_module took, for the stage's note.
	Took map[string]time.Duration
	// order lists the modules Load loaded, in the order they were in.
	order []string
	// firstLoad is when the first module's load began (zero: none yet).
	firstLoad time.Time
	// indexRead is how long reading modules.dep and modules.alias took (the rest of
	// the index's time is parsing them).
	indexRead time.Duration
}

type modLoad struct {
	done chan struct{}
	err  error
}

// OpenModules reads modules.dep and modules.alias of the running kernel and the
// modules already in it (/proc/modules).
func OpenModules(root string) (*Modules, error) {
	m, err := openModulesIndex(root)
	if err != nil {
		return nil, err
	}
	m.markLoaded()
	return m, nil
}

// openModulesIndex reads modules.dep and modules.alias: it needs the root and uname(2)
// only, not /proc or /sys, so PID 1 reads it beside the mount stage (startModulesIndex).
func openModulesIndex(root string) (*Modules, error) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return nil, err
	}
	rel := string(bytes.TrimRight(u.Release[:], "\x00"))
	m := &Modules{Dir: filepath.Join(root, "lib/modules", rel), loaded: map[string]bool{}}
	// Both files are read at once, each in one read (the parsers' scanner would read in
	// 4 KiB pieces, a system call each, each costly under TCG): on a first boot their
	// blocks may come from a slow volume (a snapshot-restored EBS volume reads each block
	// lazily; under `nimbus run`, a host whose page cache let the image go), and then
	// the two waits overlap instead of adding up (one read took 9-20 ms, or 84-238 ms).
	t := time.Now()
	var alias []byte
	var aliasErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		alias, aliasErr = os.ReadFile(filepath.Join(m.Dir, "modules.alias"))
	}()
	dep, err := os.ReadFile(filepath.Join(m.Dir, "modules.dep"))
	<-read
	m.indexRead = time.Since(t)
	if err = errors.Join(err, aliasErr); err != nil {
		return nil, fmt.Errorf("modules: %w", err)
	}
	if err := m.DB.ParseModulesDep(bytes.NewReader(dep)); err != nil {
		return nil, fmt.Errorf("modules: modules.dep: %w", err)
	}
	// The first coldplug's buses at once; the others (ACPI, HID, CPU, input, fs-*: three
	// quarters of the cloud kernel's patterns) when first resolved, i.e. by modules-rest
	// after ready.
	if err := m.DB.ParseModulesAliasFirst(bytes.NewReader(alias), append([]string{"platform"}, firstBuses...)); err != nil {
		return nil, fmt.Errorf("modules: modules.alias: %w", err)
	}
	return m, nil
}

// markLoaded counts the modules built in or already loaded as loaded (/proc/modules).
func (m *Modules) markLoaded() {
	if b, err := os.ReadFile("/proc/modules"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				m.loaded[f[0]] = true
			}
		}
	}
}

// modulesIndex is the modules database being read beside the first boot stage.
type modulesIndex struct {
	done chan struct{}
	m    *Modules
	err  error
	took time.Duration
}

// startModulesIndex starts reading the modules database of root.
func startModulesIndex(root string) *modulesIndex {
	x := &modulesIndex{done: make(chan struct{})}
	go func() {
		defer close(x.done)
		start := time.Now()
		x.m, x.err = openModulesIndex(root)
		x.took = time.Since(start)
	}()
	return x
}

// wait returns the database (with /proc/modules read now: /proc is mounted by then).
func (x *modulesIndex) wait() (*Modules, error) {
	<-x.done
	if x.err != nil {
		return nil, x.err
	}
	x.m.markLoaded()
	return x.m, nil
}

func (m *Modules) logf(format string, args ...any) {
	if m.Log != nil {
		m.Log(format, args...)
	}
}

// Load loads a module (by name or alias) with its dependencies. Modules that are not in
// the image (an initramfs carries a subset) are skipped; it returns how many were loaded.
// It is safe for concurrent use.
func (m *Modules) Load(nameOrAlias string) (int, error) {
	n := 0
	var errs []error
	for _, mod := range m.DB.Resolve(nameOrAlias) {
		for _, dep := range m.DB.LoadOrder(mod) {
			ok, err := m.loadOne(dep)
			if err != nil {
				errs = append(errs, err)
				break
			}
			if ok {
				n++
			}
		}
	}
	return n, errors.Join(errs...)
}

func (m *Modules) loadOne(name string) (bool, error) {
	m.mu.Lock()
	if m.loaded[name] {
		m.mu.Unlock()
		return false, nil
	}
	if l := m.loading[name]; l != nil {
		m.mu.Unlock()
		<-l.done
		return false, l.err
	}
	if m.loading == nil {
		m.loading = map[string]*modLoad{}
	}
	l := &modLoad{done: make(chan struct{})}
	m.loading[name] = l
	start := time.Now()
	if m.firstLoad.IsZero() {
		m.firstLoad = start
	}
	m.mu.Unlock()

	ok, err := m.load(name)
	took := time.Since(start)

	m.mu.Lock()
	delete(m.loading, name)
	if ok || err == nil || errors.Is(err, unix.ENODEV) {
		// loaded, not shipped in this image, or no device for it now: not tried again
		m.loaded[name] = true
	}
	if ok {
		if m.Took == nil {
			m.Took = map[string]time.Duration{}
		}
		m.Took[name] = took
		m.order = append(m.order, name)
	}
	l.err = err
	close(l.done)
	m.mu.Unlock()
	if ok {
		m.logf("loaded module %s in %v", name, took.Round(time.Millisecond))
	}
	return ok, err
}

// load reads and inits one module: false without error when the image lacks its file.
func (m *Modules) load(name string) (bool, error) {
	rel := m.DB.Path[name]
	if rel == "" {
		return false, fmt.Errorf("module %s: not in modules.dep", name)
	}
	data, err := readModule(filepath.Join(m.Dir, rel))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("module %s: %w", name, err)
	}
	if err := unix.InitModule(data, ""); err != nil && !errors.Is(err, unix.EEXIST) {
		return false, fmt.Errorf("module %s: init_module: %w", name, err)
	}
	return true, nil
}

// Slowest names the n modules whose loading took longest, with their times.
func (m *Modules) Slowest(n int) string {
	m.mu.Lock()
	names := make([]string, 0, len(m.Took))
	for k := range m.Took {
		names = append(names, k)
	}
	m.mu.Unlock()
	return m.slowest(names, n)
}

// FirstLoad is when the first module's load began (zero: none yet).
func (m *Modules) FirstLoad() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.firstLoad
}

// LoadCount is how many modules Load has loaded so far (a mark for SlowestSince).
func (m *Modules) LoadCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.order)
}

// SlowestSince is Slowest over the modules loaded after LoadCount returned mark.
func (m *Modules) SlowestSince(mark, n int) string {
	m.mu.Lock()
	names := slices.Clone(m.order[min(mark, len(m.order)):])
	m.mu.Unlock()
	return m.slowest(names, n)
}

func (m *Modules) slowest(names []string, n int) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	sort.Slice(names, func(i, j int) bool {
		if m.Took[names[i]] != m.Took[names[j]] {
			return m.Took[names[i]] > m.Took[names[j]]
		}
		return names[i] < names[j]
	})
	var parts []string
	for _, k := range names[:min(n, len(names))] {
		parts = append(parts, fmt.Sprintf("%s %v", k, m.Took[k].Round(time.Millisecond)))
	}
	return strings.Join(parts, ", ")
}

// readModule reads a .ko, decompressing .ko.xz, .ko.zst and .ko.gz.
func readModule(p string) ([]byte, error) {
	return kmod.ReadModule(os.DirFS(filepath.Dir(p)), filepath.Base(p))
}

// Coldplug loads the modules for every device present, again while loading modules
// brings new devices (a virtio PCI driver reveals virtio devices). Up to four load at a
// time, one slow driver init (efi_pstore walks the EFI variables, the ACPI button and
// evdev take long under TCG) holding back no other: the devices are looked at again as
// soon as a module has loaded and no other is waiting for a slot, not after a whole pass,
// so virtio_net starts loading when virtio_pci is in, whatever else is still loading.
// skip names modules not loaded at coldplug (loadable later by name or by the kernel's
// request). buses limits it to the devices of those buses (nil: every bus, and the
// input devices).
func (m *Modules) Coldplug(sysfs string, skip map[string]bool, buses []string) (int, error) {
	return coldplug(sysfs, skip, buses, m.DB.Resolve, func(mod string) (int, error) {
		k, err := m.Load(mod)
		return k, m.dropNoDevice(err)
	})
}

// coldplugSlots is how many modules load at a time; coldplugScans bounds the looks at
// the devices (each after a module loaded).
const (
	coldplugSlots = 4
	coldplugScans = 64
)

// coldplug is Coldplug over a resolver (modalias to module names) and a loader (module
// name to how many modules it loaded, with its dependencies).
func coldplug(sysfs string, skip map[string]bool, buses []string, resolve func(string) []string, load func(string) (int, error)) (int, error) {
	seen := map[string]bool{}   // modaliases looked up
	queued := map[string]bool{} // modules queued or loaded
	scan := func() []string {
		var out []string
		for _, a := range modaliases(sysfs, buses) {
			if seen[a] {
				continue
			}
			seen[a] = true
			look := []string{a}
			if v := virtioAlias(a); v != "" && !seen[v] {
				// The virtio device the PCI function will show once virtio_pci is in:
				// its driver (virtio_net) loads beside virtio_pci, not after it.
				seen[v] = true
				look = append(look, v)
			}
			for _, mod := range resolveAll(resolve, look) {
				if !skip[mod] && !queued[mod] {
					queued[mod] = true
					out = append(out, mod)
				}
			}
		}
		return out
	}
	type result struct {
		n   int
		err error
	}
	var (
		total, running int
		errs           []error
		done           = make(chan result, coldplugSlots)
		todo           = scan()
		scans          = 1
		changed        bool // a module loaded since the last scan
	)
	for {
		for len(todo) > 0 && running < coldplugSlots {
			mod := todo[0]
			todo = todo[1:]
			running++
			go func() {
				n, err := load(mod)
				done <- result{n, err}
			}()
		}
		if running == 0 && (!changed || scans >= coldplugScans) {
			break
		}
		if running > 0 {
			r := <-done
			running--
			total += r.n
			if r.err != nil {
				errs = append(errs, r.err)
			}
			if r.n > 0 {
				changed = true
			}
		}
		if len(todo) == 0 && changed && scans < coldplugScans {
			changed = false
			todo = scan()
			scans++
		}
	}
	return total, errors.Join(errs...)
}

func resolveAll(resolve func(string) []string, aliases []string) []string {
	var out []string
	for _, a := range aliases {
		out = append(out, resolve(a)...)
	}
	return out
}

// virtioAlias is the modalias of the virtio device a virtio PCI function (vendor 1AF4)
// brings up once virtio_pci drives it, as the kernel's virtio bus writes it
// ("virtio:dDEVICEvVENDOR"), or "" for other devices. The virtio device id is the PCI
// device id less 0x1040 for modern devices (0x1040-0x107f) and the PCI subsystem id for
// transitional ones (0x1000-0x103f), as virtio_pci_modern_dev.c and
// virtio_pci_legacy_dev.c read them.
func virtioAlias(pci string) string {
	if !strings.HasPrefix(pci, "pci:v00001AF4d0000") || len(pci) < len("pci:v00001AF4d00001000sv00001AF4sd00000001") {
		return ""
	}
	dev, err := strconv.ParseUint(pci[len("pci:v00001AF4d0000"):len("pci:v00001AF4d00001000")], 16, 16)
	if err != nil {
		return ""
	}
	var id uint64
	switch {
	case dev >= 0x1040 && dev <= 0x107f:
		id = dev - 0x1040
	case dev >= 0x1000 && dev <= 0x103f:
		rest := pci[len("pci:v00001AF4d00001000"):]
		i := strings.Index(rest, "sd")
		if !strings.HasPrefix(rest, "sv") || i < 0 || len(rest) < i+10 {
			return ""
		}
		if id, err = strconv.ParseUint(rest[i+2:i+10], 16, 32); err != nil {
			return ""
		}
	default:
		return ""
	}
	if id == 0 {
		return ""
	}
	return fmt.Sprintf("virtio:d%08Xv%08X", id, 0x1AF4)
}

// dropNoDevice removes from err the modules that found no device (ENODEV from their
// init: acpi_cpufreq matches every x86 CPU by its modalias but refuses a VM without
// ACPI P-states), logging them quietly: at coldplug that is no failure (udev's modprobe
// calls are the same), while an explicit modprobe still reports it.
func (m *Modules) dropNoDevice(err error) error {
	if err == nil {
		return nil
	}
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	}
	var keep []error
	for _, e := range list {
		if errors.Is(e, unix.ENODEV) {
			m.logf("%v (no device for it)", e)
			continue
		}
		keep = append(keep, e)
	}
	return errors.Join(keep...)
}

// firstBuses are the buses whose devices' modules coldplug loads first: the disk and
// network controllers (PCI, the virtio devices virtio_pci reveals, Xen's vif and vbd on
// EC2's Xen types) are what the boot waits for (DHCP starts when the NIC's driver is in,
// the disk links and the metadata when the disk drivers are); the platform, ACPI, CPU
// and input devices' modules (efi_pstore, the ACPI button, evdev, qemu_fw_cfg: each up
// to a second under a loaded TCG) come after them.
var firstBuses = []string{"pci", "virtio", "xen"}

// mmioBuses are where a virtio-mmio transport shows (virtioMMIO): the platform device
// made from a device tree node or an ACPI device (whose modalias is then the node's
// "of:" or the ACPI "acpi:" one, as platform.c's modalias_show writes it).
var mmioBuses = []string{"platform"}

// virtioMMIO says whether a platform device's modalias is a virtio-mmio transport (a
// device tree's "virtio,mmio" node or ACPI's LNRO0005, as on QEMU's microvm and
// Firecracker): its driver reveals the virtio disks and NICs, so it belongs with the
// first buses' drivers.
func virtioMMIO(alias string) bool {
	return strings.Contains(alias, "Cvirtio,mmio") || strings.HasPrefix(alias, "acpi:LNRO0005:")
}

// modaliases lists the modalias of every device on the named buses (nil: on every bus,
// those of firstBuses first, and then of input devices, a class, not a bus: evdev binds
// to them).
func modaliases(sysfs string, only []string) []string {
	var out []string
	buses, _ := os.ReadDir(filepath.Join(sysfs, "bus"))
	rank := func(name string) int {
		if i := slices.Index(firstBuses, name); i >= 0 {
			return i
		}
		return len(firstBuses)
	}
	sort.SliceStable(buses, func(i, j int) bool { return rank(buses[i].Name()) < rank(buses[j].Name()) })
	for _, b := range buses {
		if only != nil && !slices.Contains(only, b.Name()) && !slices.Contains(mmioBuses, b.Name()) {
			// No device there can be wanted: not read (a q35 guest's 40 ACPI devices,
			// memory blocks, CPUs: each modalias a few system calls; the first look
			// read 90 of them, 70-170 ms under a loaded TCG).
			continue
		}
		devs, _ := os.ReadDir(filepath.Join(sysfs, "bus", b.Name(), "devices"))
		for _, d := range devs {
			if v, err := os.ReadFile(filepath.Join(sysfs, "bus", b.Name(), "devices", d.Name(), "modalias")); err == nil {
				if s := strings.TrimSpace(string(v)); s != "" && (only == nil || slices.Contains(only, b.Name()) || virtioMMIO(s)) {
					out = append(out, s)
				}
			}
		}
	}
	if only != nil {
		return out
	}
	inputs, _ := filepath.Glob(filepath.Join(sysfs, "class/input/input*/modalias"))
	for _, p := range inputs {
		if v, err := os.ReadFile(p); err == nil && len(bytes.TrimSpace(v)) > 0 {
			out = append(out, string(bytes.TrimSpace(v)))
		}
	}
	return out
}
