//go:build linux

package initd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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

// coldplug over a fake sysfs: loading the bus driver (virtio_pci) makes the virtio
// devices appear, and their drivers are queued as soon as it is in, while a slow
// unrelated module (button) still loads; skipped modules are never loaded, each module
// once, and a failing one is reported without stopping the others.
func TestColdplugQueue(t *testing.T) {
	sysfs := t.TempDir()
	dev := func(bus, name, alias string) {
		d := filepath.Join(sysfs, "bus", bus, "devices", name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "modalias"), []byte(alias+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dev("pci", "0000:00:01.0", "pci:virtio-net")
	dev("pci", "0000:00:02.0", "pci:virtio-rng")
	dev("acpi", "PNP0C0C:00", "acpi:button")
	dev("platform", "pcspkr", "platform:pcspkr")
	dev("pci", "0000:00:03.0", "pci:broken")
	aliases := map[string][]string{
		"pci:virtio-net": {"virtio_pci"}, "pci:virtio-rng": {"virtio_pci"}, "acpi:button": {"button"},
		"platform:pcspkr": {"pcspkr"}, "pci:broken": {"broken"},
		"virtio:d01": {"virtio_net"}, "virtio:d04": {"virtio_rng"},
	}
	buttonRelease := make(chan struct{})
	var mu sync.Mutex
	count := map[string]int{}
	var order []string
	load := func(mod string) (int, error) {
		mu.Lock()
		count[mod]++
		mu.Unlock()
		switch mod {
		case "button":
			// Held until virtio_net loaded: a pass-by-pass coldplug would wait here
			// forever (bounded below), since virtio_net is only found after virtio_pci.
			select {
			case <-buttonRelease:
			case <-time.After(20 * time.Second):
				return 0, errors.New("button held: virtio_net was not loaded beside it")
			}
		case "virtio_pci":
			dev("virtio", "virtio0", "virtio:d01")
			dev("virtio", "virtio1", "virtio:d04")
		case "virtio_net":
			close(buttonRelease)
		case "broken":
			return 0, errors.New("module broken: exec format error")
		}
		mu.Lock()
		order = append(order, mod)
		mu.Unlock()
		return 1, nil
	}
	resolve := func(a string) []string { return aliases[a] }
	n, err := coldplug(sysfs, map[string]bool{"pcspkr": true}, nil, resolve, load)
	if err == nil || !strings.Contains(err.Error(), "module broken") {
		t.Errorf("error %v, want the broken module's", err)
	}
	if strings.Contains(fmt.Sprint(err), "button held") {
		t.Fatalf("virtio_net waited for the slow module: %v", err)
	}
	if n != 4 {
		t.Errorf("%d modules loaded, want 4 (%v)", n, order)
	}
	for _, mod := range []string{"virtio_pci", "button", "virtio_net", "virtio_rng"} {
		if count[mod] != 1 {
			t.Errorf("%s loaded %d times", mod, count[mod])
		}
	}
	if count["pcspkr"] != 0 {
		t.Error("a skipped module was loaded")
	}
}

// TestModaliasesOrder: the devices of the PCI and virtio buses come first (their drivers
// are what the boot waits for), the other buses after them, input devices last.
func TestModaliasesOrder(t *testing.T) {
	sysfs := t.TempDir()
	write := func(dir, alias string) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "modalias"), []byte(alias+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(sysfs, "class/input/input0"), "input:b0019")
	write(filepath.Join(sysfs, "bus/acpi/devices/PNP0C0C:00"), "acpi:PNP0C0C:")
	write(filepath.Join(sysfs, "bus/platform/devices/efivars.0"), "platform:efivars")
	write(filepath.Join(sysfs, "bus/virtio/devices/virtio0"), "virtio:d00000001v00001AF4")
	write(filepath.Join(sysfs, "bus/pci/devices/0000:00:02.0"), "pci:v00001AF4d00001041")
	write(filepath.Join(sysfs, "bus/platform/devices/a003e00.virtio_mmio"), "of:Nvirtio_mmioT(null)Cvirtio,mmio")
	got := modaliases(sysfs, nil)
	want := []string{"pci:v00001AF4d00001041", "virtio:d00000001v00001AF4", "acpi:PNP0C0C:", "of:Nvirtio_mmioT(null)Cvirtio,mmio", "platform:efivars", "input:b0019"}
	if !slices.Equal(got, want) {
		t.Errorf("modaliases = %q, want %q", got, want)
	}
	// The modules stage's first part: the disk and network buses only, and a virtio-mmio
	// transport on the platform bus.
	got = modaliases(sysfs, firstBuses)
	want = []string{"pci:v00001AF4d00001041", "virtio:d00000001v00001AF4", "of:Nvirtio_mmioT(null)Cvirtio,mmio"}
	if !slices.Equal(got, want) {
		t.Errorf("modaliases(firstBuses) = %q, want %q", got, want)
	}
	// An ACPI virtio-mmio transport (microvm) is found through its platform device; the
	// ACPI bus itself is not read for the first buses.
	write(filepath.Join(sysfs, "bus/platform/devices/LNRO0005:00"), "acpi:LNRO0005:")
	write(filepath.Join(sysfs, "bus/acpi/devices/LNRO0005:00"), "acpi:LNRO0005:")
	got = modaliases(sysfs, firstBuses)
	want = []string{"pci:v00001AF4d00001041", "virtio:d00000001v00001AF4", "acpi:LNRO0005:", "of:Nvirtio_mmioT(null)Cvirtio,mmio"}
	if !slices.Equal(got, want) {
		t.Errorf("modaliases(firstBuses) with an ACPI transport = %q, want %q", got, want)
	}
}

// TestVirtioAlias: the virtio device a virtio PCI function brings up, for a modern
// (0x1041: net), a transitional (0x1000, subsystem 1: net; 0x1001, subsystem 2: block)
// and a non-virtio function.
func TestVirtioAlias(t *testing.T) {
	for _, c := range []struct{ pci, want string }{
		{"pci:v00001AF4d00001041sv00001AF4sd00001100bc02sc00i00", "virtio:d00000001v00001AF4"},
		{"pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00", "virtio:d00000001v00001AF4"},
		{"pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00", "virtio:d00000002v00001AF4"},
		{"pci:v00001AF4d00001044sv00001AF4sd00001100bc00sc00i00", "virtio:d00000004v00001AF4"},
		{"pci:v00001AF4d00001040sv00001AF4sd00001100bc00sc00i00", ""}, // id 0: reserved
		{"pci:v00008086d000010D3sv00008086sd00000000bc02sc00i00", ""},
		{"pci:v00001AF4d00001000", ""},
		{"pci:v00001AF4d0000100Zsv00001AF4sd00000001bc02sc00i00", ""},
		{"acpi:PNP0C0C:", ""},
	} {
		if got := virtioAlias(c.pci); got != c.want {
			t.Errorf("virtioAlias(%q) = %q, want %q", c.pci, got, c.want)
		}
	}
}

// TestOpenModulesIndex reads both index files of the running kernel's directory under a
// root (read side by side) and resolves through them; a missing file is an error naming
// it.
func TestOpenModulesIndex(t *testing.T) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	dir := filepath.Join(root, "lib/modules", string(bytes.TrimRight(u.Release[:], "\x00")))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("modules.dep", "kernel/drivers/net/virtio_net.ko: kernel/drivers/net/net_failover.ko kernel/net/core/failover.ko\nkernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko\nkernel/net/core/failover.ko:\n")
	if _, err := openModulesIndex(root); err == nil || !strings.Contains(err.Error(), "modules.alias") {
		t.Fatalf("without modules.alias: %v, want an error naming it", err)
	}
	write("modules.alias", "alias virtio:d00000001v* virtio_net\n")
	m, err := openModulesIndex(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.DB.Resolve("virtio:d00000001v00001AF4"); len(got) != 1 || got[0] != "virtio_net" {
		t.Fatalf("Resolve = %q, want virtio_net", got)
	}
	if got := m.DB.LoadOrder("virtio_net"); strings.Join(got, " ") != "failover net_failover virtio_net" {
		t.Fatalf("LoadOrder = %q", got)
	}
}
