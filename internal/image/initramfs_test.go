package image

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/ulikunitz/xz"
)

func TestBuildInitramfs(t *testing.T) {
	var xzKo bytes.Buffer
	w, err := xz.NewWriter(&xzKo)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("\x7fELF virtio_blk module"))
	w.Close()
	files := map[string][]byte{
		"modules.dep": []byte("kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko\n" +
			"kernel/drivers/virtio/virtio_pci_modern_dev.ko:\n" +
			"kernel/drivers/virtio/virtio.ko:\n" +
			"kernel/drivers/block/virtio_blk.ko.xz: kernel/drivers/virtio/virtio.ko\n" +
			"kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko\n" +
			"kernel/lib/libcrc32c.ko:\n"),
		"kernel/drivers/virtio/virtio_pci.ko":            []byte("\x7fELF virtio_pci"),
		"kernel/drivers/virtio/virtio_pci_modern_dev.ko": []byte("\x7fELF modern"),
		"kernel/drivers/virtio/virtio.ko":                []byte("\x7fELF virtio"),
		"kernel/drivers/block/virtio_blk.ko.xz":          xzKo.Bytes(),
		"kernel/fs/xfs/xfs.ko":                           []byte("\x7fELF xfs"),
		"kernel/lib/libcrc32c.ko":                        []byte("\x7fELF crc"),
	}
	spec := InitramfsSpec{
		Init: []byte("\x7fELF nimbus-init"), KernelVersion: "6.1.0-test",
		ReadModule: func(rel string) ([]byte, error) {
			if d, ok := files[rel]; ok {
				return d, nil
			}
			return nil, os.ErrNotExist
		},
		Modules: []string{"virtio_pci", "virtio_blk", "nvme", "ext4"}, // nvme, ext4: built in
	}
	a, err := BuildInitramfs(spec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildInitramfs(spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Data, b.Data) {
		t.Fatal("two builds differ")
	}
	if got := strings.Join(a.Modules, " "); got != "virtio virtio_pci_modern_dev virtio_pci virtio_blk" {
		t.Fatalf("load order %q", got)
	}
	// Uncompressed newc: the kernel unpacks it without a decompressor (faster under TCG).
	cpio := a.Data
	if !bytes.HasPrefix(cpio, []byte("070701")) {
		t.Fatalf("not an uncompressed newc cpio: starts %q", cpio[:min(8, len(cpio))])
	}
	if len(cpio) != a.CPIO {
		t.Fatalf("size %d, reported %d", len(cpio), a.CPIO)
	}
	for _, want := range []string{"\x7fELF nimbus-init", "etc/initrd-release", "virtio_blk.ko\x00",
		"\x7fELF virtio_blk module", "etc/nimbus/early-modules\x00", "virtio\nvirtio_pci_modern_dev\nvirtio_pci\nvirtio_blk\n",
		"kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko\n", "newroot", "dev/console"} {
		if !bytes.Contains(cpio, []byte(want)) {
			t.Errorf("initramfs lacks %q", want)
		}
	}
	if bytes.Contains(cpio, []byte("xfs")) || bytes.Contains(cpio, []byte(".ko.xz")) {
		t.Error("initramfs has modules it does not need, or a compressed name")
	}
	if cpioTool, err := exec.LookPath("cpio"); err == nil {
		cmd := exec.Command(cpioTool, "-t", "--quiet")
		cmd.Stdin = bytes.NewReader(cpio)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("cpio -t: %v", err)
		}
		if !strings.Contains(string(out), "lib/modules/6.1.0-test/kernel/drivers/block/virtio_blk.ko\n") {
			t.Errorf("cpio -t:\n%s", out)
		}
	} else if os.Getenv("CI") == "true" {
		t.Fatal("cpio is required in CI")
	}
	if _, err := BuildInitramfs(InitramfsSpec{}); err == nil {
		t.Error("no init: no error")
	}
}
