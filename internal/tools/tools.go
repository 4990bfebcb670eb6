// Package tools names the external programs Nimbus runs, in one place (as ignition's
// internal/distro does). Each is run by a plain name found on $PATH (then in /usr/sbin
// and /sbin, where e2fsprogs and growpart live for users without them on their path);
// a distribution that keeps one elsewhere sets it at link time, e.g.
//
//	go build -ldflags "-X github.com/nimbus-linux/nimbus/internal/tools.qemuImg=/opt/qemu/bin/qemu-img"
//
// The variables below are written only by the linker.
package tools

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

var (
	git               = "git"
	ssh               = "ssh"
	aptGet            = "apt-get"
	dpkgDeb           = "dpkg-deb"
	qemuImg           = "qemu-img"
	qemuSystemX86_64  = "qemu-system-x86_64"
	qemuSystemAArch64 = "qemu-system-aarch64"
	mkfsExt4          = "mkfs.ext4"
	debugfs           = "debugfs"
	resize2fs         = "resize2fs"
	xfsGrowfs         = "xfs_growfs"
	growpart          = "growpart"
)

// Git is git, for the lock's history and commit times.
func Git() string { return git }

// SSH is the ssh client `nimbus run ssh` runs.
func SSH() string { return ssh }

// AptGet is apt-get, for Debian's lists and .deb downloads.
func AptGet() string { return aptGet }

// DpkgDeb is dpkg-deb, for test archives.
func DpkgDeb() string { return dpkgDeb }

// QemuImg is qemu-img, for qcow2, vmdk and vhd outputs.
func QemuImg() string { return qemuImg }

// QemuSystem is the QEMU system emulator for an architecture under QEMU's name
// (arch.Arch.QEMU: "x86_64", "aarch64").
func QemuSystem(qemuArch string) string {
	switch qemuArch {
	case "x86_64":
		return qemuSystemX86_64
	case "aarch64":
		return qemuSystemAArch64
	}
	return "qemu-system-" + qemuArch
}

// MkfsExt4 is mkfs.ext4, for root file systems.
func MkfsExt4() string { return mkfsExt4 }

// Debugfs is debugfs, for what mkfs.ext4 -d cannot set.
func Debugfs() string { return debugfs }

// Resize2fs is resize2fs, growing an ext4 root without a GPT.
func Resize2fs() string { return resize2fs }

// XfsGrowfs is xfs_growfs, growing an XFS root.
func XfsGrowfs() string { return xfsGrowfs }

// Growpart is growpart (cloud-guest-utils), growing a partition without a GPT.
func Growpart() string { return growpart }

// debianPackage is the Debian package that ships each program (for the error of Find).
func debianPackage(base string) string {
	switch {
	case base == "git":
		return "git"
	case base == "ssh":
		return "openssh-client"
	case base == "apt-get":
		return "apt"
	case base == "dpkg-deb":
		return "dpkg"
	case base == "qemu-img":
		return "qemu-utils"
	case base == "qemu-system-x86_64":
		return "qemu-system-x86"
	case strings.HasPrefix(base, "qemu-system-"):
		return "qemu-system-arm"
	case base == "mkfs.ext4", base == "debugfs", base == "resize2fs":
		return "e2fsprogs"
	case base == "xfs_growfs":
		return "xfsprogs"
	case base == "growpart":
		return "cloud-guest-utils"
	}
	return ""
}

// Find returns the path of a program (one of the names above): itself when it is a
// path, else from $PATH, then /usr/sbin and /sbin. The error says which Debian package
// to install.
func Find(program string) (string, error) {
	if p, err := exec.LookPath(program); err == nil {
		return p, nil
	}
	if !strings.Contains(program, "/") {
		for _, d := range []string{"/usr/sbin", "/sbin"} {
			p := filepath.Join(d, program)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	if pkg := debianPackage(filepath.Base(program)); pkg != "" {
		return "", fmt.Errorf("%s not found: install %s", program, pkg)
	}
	return "", fmt.Errorf("%s not found", program)
}
