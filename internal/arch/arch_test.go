package arch

import (
	"debug/elf"
	"runtime"
	"testing"
)

func TestLookups(t *testing.T) {
	tests := []struct {
		name   string
		lookup func(string) (Arch, bool)
		in     string
		rpm    string
		ok     bool
	}{
		{"rpm x86_64", ByRPM, "x86_64", "x86_64", true},
		{"rpm aarch64", ByRPM, "aarch64", "aarch64", true},
		{"rpm takes no Go name", ByRPM, "amd64", "", false},
		{"go amd64", ByGo, "amd64", "x86_64", true},
		{"go arm64", ByGo, "arm64", "aarch64", true},
		{"debian arm64", ByDebian, "arm64", "aarch64", true},
		{"debian all is no machine", ByDebian, "all", "", false},
		{"parse either", Parse, "arm64", "aarch64", true},
		{"parse rpm", Parse, "x86_64", "x86_64", true},
		{"parse unknown", Parse, "mips", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := tt.lookup(tt.in)
			if ok != tt.ok || a.RPM != tt.rpm {
				t.Errorf("%q: %+v %v", tt.in, a, ok)
			}
		})
	}
}

func TestTable(t *testing.T) {
	x, _ := ByRPM("x86_64")
	if x.Systemd != "x86-64" || x.QEMU != "x86_64" || x.EFI != "X64" || x.ELF != elf.EM_X86_64 || x.Debian != "amd64" {
		t.Errorf("x86_64: %+v", x)
	}
	a, _ := ByRPM("aarch64")
	if a.Systemd != "arm64" || a.QEMU != "aarch64" || a.EFI != "AA64" || a.ELF != elf.EM_AARCH64 || a.Go != "arm64" {
		t.Errorf("aarch64: %+v", a)
	}
	if h := Host(); (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64") && h.Go != runtime.GOARCH {
		t.Errorf("host: %+v", h)
	}
	if x.BootFile() != "BOOTX64.EFI" || a.BootFile() != "BOOTAA64.EFI" || x.Stub() != "linuxx64.efi.stub" || a.Stub() != "linuxaa64.efi.stub" {
		t.Errorf("EFI names: %s %s %s %s", x.BootFile(), a.BootFile(), x.Stub(), a.Stub())
	}
	if x.EC2 != "x86_64" || a.EC2 != "arm64" {
		t.Errorf("EC2 names: %s %s", x.EC2, a.EC2)
	}
	if DebianName("aarch64") != "arm64" || DebianName("noarch") != "noarch" {
		t.Errorf("DebianName: %s %s", DebianName("aarch64"), DebianName("noarch"))
	}
	got := Names([]string{"aarch64", "noarch", "x86_64"}, func(a Arch) string { return a.RPM }, func(a Arch) string { return a.Debian })
	if len(got) != 2 || got[0] != "arm64" || got[1] != "amd64" {
		t.Errorf("Names: %q", got)
	}
}
