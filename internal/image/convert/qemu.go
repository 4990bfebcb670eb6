package convert

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"regexp"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/tools"
)

// QemuImg is the qemu-img program (qemu-utils).
type QemuImg struct{ Path string }

// FindQemuImg looks qemu-img (tools.QemuImg) up on $PATH.
func FindQemuImg() (QemuImg, error) {
	p, err := tools.Find(tools.QemuImg())
	if err != nil {
		return QemuImg{}, err
	}
	return QemuImg{p}, nil
}

func (q QemuImg) run(ctx context.Context, args ...string) error {
	cmd := exec.CommandContext(ctx, q.Path, args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %v: %w\n%s", q.Path, args, err, b)
	}
	return nil
}

// Qcow2 converts the raw disk src to a qcow2 with qemu-img (version 3, no compression);
// the image pipeline uses the Go writer (Qcow2), this one is its referee in tests.
func (q QemuImg) Qcow2(ctx context.Context, src, dst string) error {
	return q.run(ctx, "convert", "-q", "-f", "raw", "-O", "qcow2", "-o", "compat=1.1", src, dst)
}

var cidLine = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`\nCID=[0-9a-fA-F]{1,8}\n`) }}

// VMDK converts the raw disk src to a streamOptimized VMDK with qemu-img (the referee of
// the Go writer), then replaces the random content ID qemu-img puts in the embedded descriptor
// with cid, so that the same disk gives the same bytes.
//
// The sparse extent header (VMware "Virtual Disk Format 5.0") starts with "KDMV" and
// gives the descriptor's place as DescriptorOffset (uint64 sectors, at byte 28) and
// DescriptorSize (uint64 sectors, at 36); the text is NUL-padded to that size. qemu-img
// prints the CID without leading zeros, so the text is rewritten whole.
func (q QemuImg) VMDK(ctx context.Context, src, dst string, cid uint32) error {
	if err := q.run(ctx, "convert", "-q", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", src, dst); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := make([]byte, 512)
	if _, err := f.ReadAt(hdr, 0); err != nil {
		return fmt.Errorf("vmdk: %w", err)
	}
	if string(hdr[:4]) != "KDMV" {
		return fmt.Errorf("vmdk: %s has no sparse extent header", dst)
	}
	off, size := binary.LittleEndian.Uint64(hdr[28:]), binary.LittleEndian.Uint64(hdr[36:])
	if off == 0 || size == 0 || size > 128 {
		return fmt.Errorf("vmdk: descriptor at sector %d, %d sectors", off, size)
	}
	desc := make([]byte, size*512)
	if _, err := f.ReadAt(desc, int64(off)*512); err != nil {
		return fmt.Errorf("vmdk: reading the descriptor: %w", err)
	}
	text := desc
	if i := bytes.IndexByte(desc, 0); i >= 0 {
		text = desc[:i]
	}
	if n := len(cidLine.Get().FindAllIndex(text, -1)); n != 1 {
		return fmt.Errorf("vmdk: %d CID lines in the descriptor of %s", n, dst)
	}
	text = cidLine.Get().ReplaceAll(text, []byte(fmt.Sprintf("\nCID=%08x\n", cid)))
	if len(text) > len(desc) {
		return fmt.Errorf("vmdk: descriptor grew past its %d sectors", size)
	}
	out := make([]byte, len(desc))
	copy(out, text)
	if _, err := f.WriteAt(out, int64(off)*512); err != nil {
		return err
	}
	return f.Close()
}

// Check runs `qemu-img check` on an image of format (qcow2, vmdk).
func (q QemuImg) Check(ctx context.Context, format, path string) error {
	return q.run(ctx, "check", "-q", "-f", format, path)
}

// Compare runs `qemu-img compare` between a raw disk and an image of format.
func (q QemuImg) Compare(ctx context.Context, raw, format, path string) error {
	return q.run(ctx, "compare", "-q", "-f", "raw", "-F", format, raw, path)
}
