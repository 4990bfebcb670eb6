package image

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/image/ext4"
)

// Tools are the host programs and files an image build uses, every path in one place.
// Zero fields are looked up when first needed; a missing one is an error naming the
// Debian package that provides it.
type Tools struct {
	Ext4 ext4.Tools
	// Stubs maps an architecture to systemd's EFI stub (linuxx64.efi.stub, ...).
	Stubs map[string]string
	// CacheDir holds architecture-specific downloads (<cache>/<debarch>/sdboot/...).
	CacheDir string
}

func (t *Tools) ext4() (ext4.Tools, error) {
	if t.Ext4.Mkfs == "" {
		et, err := ext4.DefaultTools()
		if err != nil {
			return et, err
		}
		t.Ext4 = et
	}
	return t.Ext4, nil
}

func (t *Tools) cacheDir() string {
	if t.CacheDir != "" {
		return t.CacheDir
	}
	if d := os.Getenv("NIMBUS_CACHE"); d != "" {
		return d
	}
	return "/var/cache/nimbus-test"
}

// stub finds the EFI stub for arch: configured, in the image (a systemd-boot-efi
// package), on the host, or unpacked in the cache.
func (t *Tools) stub(rpmArch, root string) (string, error) {
	if p := t.Stubs[rpmArch]; p != "" {
		return p, nil
	}
	a, ok := arch.ByRPM(rpmArch)
	if !ok {
		return "", fmt.Errorf("no EFI stub for architecture %q (want %s)", rpmArch, strings.Join(Arches, " or "))
	}
	name, deb := a.Stub(), a.Debian
	rel := filepath.Join("usr/lib/systemd/boot/efi", name)
	cands := []string{filepath.Join(root, rel), "/" + rel, filepath.Join(t.cacheDir(), deb, "sdboot", rel)}
	for _, c := range cands {
		if _, err := os.Stat(c); err == nil {
			return c, nil
		}
	}
	return "", fmt.Errorf("no EFI stub %s for %s: install Debian's systemd-boot-efi (for another architecture: "+
		"dpkg --add-architecture %s; apt-get download systemd-boot-efi:%s; dpkg-deb -x the .deb into %s)",
		name, rpmArch, deb, deb, filepath.Join(t.cacheDir(), deb, "sdboot"))
}
