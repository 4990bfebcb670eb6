// Package arch is the one table of the machine architectures Nimbus builds for, with the
// name each neighbour gives them: rpm's and dnf's (x86_64, Nimbus's own), Go's GOARCH and
// Debian's (amd64), systemd's (x86-64: ConditionArchitecture, the discoverable
// partitions' "root-x86-64" label), QEMU's system emulator, the EFI removable-media boot
// file (BOOTX64.EFI) and systemd-boot stub (linuxx64.efi.stub), and the ELF machine.
// It is pure: a table and lookups.
package arch

import (
	"debug/elf"
	"runtime"
	"strings"
)

// Arch is one architecture under all its names.
type Arch struct {
	RPM     string      // x86_64, aarch64: rpm, dnf, recipes, image profiles
	Go      string      // amd64, arm64: GOARCH
	Debian  string      // amd64, arm64: dpkg --print-architecture
	Systemd string      // x86-64, arm64: systemd's architecture names
	QEMU    string      // x86_64, aarch64: qemu-system-NAME
	EC2     string      // x86_64, arm64: EC2's and cloud-init's "architecture"
	EFI     string      // X64, AA64: BOOT<EFI>.EFI, linux<efi>.efi.stub (lower case)
	ELF     elf.Machine // EM_X86_64, EM_AARCH64
}

// All returns the architectures Nimbus builds for, x86_64 first.
func All() []Arch {
	return []Arch{
		{RPM: "x86_64", Go: "amd64", Debian: "amd64", Systemd: "x86-64", QEMU: "x86_64", EC2: "x86_64", EFI: "X64", ELF: elf.EM_X86_64},
		{RPM: "aarch64", Go: "arm64", Debian: "arm64", Systemd: "arm64", QEMU: "aarch64", EC2: "arm64", EFI: "AA64", ELF: elf.EM_AARCH64},
	}
}

// lookup returns the architecture whose name by key is name.
func lookup(name string, key func(Arch) string) (Arch, bool) {
	for _, a := range All() {
		if key(a) == name {
			return a, true
		}
	}
	return Arch{}, false
}

// ByRPM returns the architecture rpm calls name ("x86_64").
func ByRPM(name string) (Arch, bool) { return lookup(name, func(a Arch) string { return a.RPM }) }

// ByGo returns the architecture Go calls name ("amd64").
func ByGo(name string) (Arch, bool) { return lookup(name, func(a Arch) string { return a.Go }) }

// ByDebian returns the architecture Debian calls name ("amd64").
func ByDebian(name string) (Arch, bool) { return lookup(name, func(a Arch) string { return a.Debian }) }

// Parse accepts rpm's or Go's (= Debian's) name of an architecture.
func Parse(name string) (Arch, bool) {
	if a, ok := ByRPM(name); ok {
		return a, true
	}
	return ByGo(name)
}

// Host is the architecture this program runs on (the zero Arch on others).
func Host() Arch {
	a, _ := ByGo(runtime.GOARCH)
	return a
}

// DebianName is Debian's name of the architecture rpm calls name ("x86_64" gives
// "amd64"); other names come back as they are.
func DebianName(name string) string {
	if a, ok := ByRPM(name); ok {
		return a.Debian
	}
	return name
}

// BootFile is the EFI removable-media boot file ("BOOTX64.EFI").
func (a Arch) BootFile() string { return "BOOT" + a.EFI + ".EFI" }

// Stub is systemd-boot's EFI stub the unified kernel image starts from
// ("linuxx64.efi.stub").
func (a Arch) Stub() string { return "linux" + strings.ToLower(a.EFI) + ".efi.stub" }

// Names maps each architecture's name by from to its name by to, for the names given;
// names without an architecture are left out.
func Names(names []string, from, to func(Arch) string) []string {
	var out []string
	for _, n := range names {
		if a, ok := lookup(n, from); ok {
			out = append(out, to(a))
		}
	}
	return out
}
