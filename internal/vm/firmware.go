package vm

import (
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/arch"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// UEFI firmware from Debian's ovmf and qemu-efi-aarch64 packages: the code image and the
// template of the variable store, per architecture ("amd64"/"x86_64", "arm64"/"aarch64"),
// in order of preference. On x86_64 the 2 MiB build (non-SMM, no secure boot, a 128 KiB
// variable store) comes first: under TCG it reaches the boot loader with about 20% less
// CPU than the 4 MiB build of the same package (docs/init.md, "The firmware phase"); the
// 4 MiB build is the fallback (Debian 13's ovmf ships only that one).
var firmwarePaths = lazy.Value[map[string][][2]string]{New: func() map[string][][2]string {
	return map[string][][2]string{
		"amd64": {{"/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"}, {"/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"}},
		"arm64": {{"/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd"}},
	}
}}

// FindFirmware returns the UEFI firmware code and variable-store template for arch.
func FindFirmware(name string) (code, vars string, err error) {
	a := name
	if x, ok := arch.Parse(name); ok {
		a = x.Debian
	}
	for _, p := range firmwarePaths.Get()[a] {
		if Exists(p[0]) && Exists(p[1]) {
			return p[0], p[1], nil
		}
	}
	pkg := map[string]string{"amd64": "ovmf", "arm64": "qemu-efi-aarch64"}[a]
	if pkg == "" {
		return "", "", fmt.Errorf("vm: no UEFI firmware known for architecture %q", name)
	}
	return "", "", fmt.Errorf("vm: no UEFI firmware for %s: install Debian's %s package", name, pkg)
}
