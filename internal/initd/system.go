//go:build linux

package initd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"github.com/nimbus-linux/nimbus/internal/units"
	"golang.org/x/sys/unix"
)

// osSystem is provision.System for the running machine; every child process goes
// through the reaper, since PID 1 collects all exit statuses.
type osSystem struct {
	reaper  *units.Reaper
	modules *Modules // PID 1's module loader; nil: the kernel runs /sbin/modprobe
}

func (s *osSystem) SetHostname(name string) error { return unix.Sethostname([]byte(name)) }

func (s *osSystem) Chown(p string, uid, gid int) error { return os.Lchown(p, uid, gid) }

func (s *osSystem) Run(ctx context.Context, argv []string, env []string, out io.Writer) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	base := []string{"PATH=" + units.DefaultPath, "HOME=/root", "LANG=C.UTF-8", "USER=root", "LOGNAME=root"}
	pid, done, err := s.reaper.Start(&units.ProcSpec{Path: argv[0], Argv: argv, Env: append(base, env...), Dir: "/",
		Files: []*os.File{nil, w, w}})
	w.Close()
	if err != nil {
		r.Close()
		return err
	}
	copied := make(chan struct{})
	go func() {
		if out == nil {
			out = io.Discard
		}
		_, _ = io.Copy(out, r)
		r.Close()
		close(copied)
	}()
	var e units.Exit
	select {
	case e = <-done:
	case <-ctx.Done():
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		e = <-done
	}
	<-copied
	if e.Code != 0 || e.Signal != 0 {
		return fmt.Errorf("%s exited with %s", filepath.Base(argv[0]), e)
	}
	return ctx.Err()
}

// MountAll mounts what /etc/fstab lists and is not mounted yet.
func (s *osSystem) MountAll(ctx context.Context) error {
	_, _, _, err := mountFstab("/etc/fstab", func(string, ...any) {}, s.modules, nil)
	return err
}

// GrowRoot grows the partition holding / and its file system to the end of the disk.
func (s *osSystem) GrowRoot(ctx context.Context) (string, error) {
	return s.GrowMount(ctx, "/")
}

// GrowMount grows the partition mounted at mountpoint to the end of its disk and then the
// file system on it, online: the GPT is rewritten in Go (GrowGPT), the kernel learns the
// new size with the BLKPG ioctl, and ext4 grows with EXT4_IOC_RESIZE_FS. Disks with an MBR
// table fall back to growpart; XFS to xfs_growfs.
func (s *osSystem) GrowMount(ctx context.Context, mountpoint string) (string, error) {
	dev, fstype := mountSource(mountpoint)
	if dev == "" || !strings.HasPrefix(dev, "/dev/") {
		return mountpoint + " is not on a block device, nothing to grow", nil
	}
	if real, err := filepath.EvalSymlinks(dev); err == nil {
		dev = real
	}
	sysdir, err := filepath.EvalSymlinks("/sys/class/block/" + filepath.Base(dev))
	if err != nil {
		// "/dev/root" (the kernel's name for root= when there is no initramfs) has no sysfs
		// entry: find the device by the mount point's device number instead.
		var st unix.Stat_t
		if serr := unix.Stat(mountpoint, &st); serr != nil {
			return "", err
		}
		sysdir, err = filepath.EvalSymlinks(fmt.Sprintf("/sys/dev/block/%d:%d", unix.Major(st.Dev), unix.Minor(st.Dev)))
		if err != nil {
			return "", err
		}
		dev = "/dev/" + filepath.Base(sysdir)
	}
	partb, err := os.ReadFile(filepath.Join(sysdir, "partition"))
	if err != nil {
		return dev + " is not a partition, nothing to grow", nil
	}
	part, _ := strconv.Atoi(strings.TrimSpace(string(partb)))
	disk := "/dev/" + filepath.Base(filepath.Dir(sysdir))
	f, err := os.OpenFile(disk, os.O_RDWR, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	ss, err := unix.IoctlGetInt(int(f.Fd()), unix.BLKSSZGET)
	if err != nil {
		return "", fmt.Errorf("%s: sector size: %w", disk, err)
	}
	var size uint64
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, f.Fd(), unix.BLKGETSIZE64, uintptr(unsafe.Pointer(&size))); e != 0 {
		return "", fmt.Errorf("%s: size: %w", disk, e)
	}
	first, last, err := GrowGPT(f, int64(size)/int64(ss), ss, part)
	var gptErr *GPTError
	switch {
	case errors.Is(err, ErrNoRoom):
		return fmt.Sprintf("%s already fills %s", dev, disk), nil
	case errors.As(err, &gptErr):
		return s.growWithTools(ctx, dev, disk, part, fstype, mountpoint)
	case err != nil:
		return "", err
	}
	_ = f.Sync()
	length := (last - first + 1) * int64(ss)
	if err := blkpgResize(f, part, first*int64(ss), length); err != nil {
		return "", fmt.Errorf("%s: telling the kernel about partition %d: %w", disk, part, err)
	}
	switch fstype {
	case "ext4", "ext3", "ext2":
		if err := resizeExt4(mountpoint, length); err != nil {
			return "", err
		}
	case "xfs":
		if err := s.runTool(ctx, tools.XfsGrowfs(), mountpoint); err != nil {
			return "", err
		}
	default:
		return fmt.Sprintf("grew %s to %d MiB; %s file systems are not resized", dev, length>>20, fstype), nil
	}
	return fmt.Sprintf("grew %s (partition %d of %s) and its %s file system to %d MiB", dev, part, disk, fstype, length>>20), nil
}

// blkpgResize tells the kernel a partition's new extent (struct blkpg_ioctl_arg with a
// struct blkpg_partition, BLKPG_RESIZE_PARTITION).
func blkpgResize(disk *os.File, part int, start, length int64) error {
	type blkpgPartition struct {
		Start, Length int64
		Pno           int32
		Devname       [64]byte
		Volname       [64]byte
		_             [4]byte
	}
	type blkpgIoctlArg struct {
		Op, Flags, Datalen int32
		_                  int32
		Data               *blkpgPartition
	}
	p := &blkpgPartition{Start: start, Length: length, Pno: int32(part)}
	arg := &blkpgIoctlArg{Op: unix.BLKPG_RESIZE_PARTITION, Datalen: int32(unsafe.Sizeof(*p)), Data: p}
	const blkpg = 0x1269
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, disk.Fd(), blkpg, uintptr(unsafe.Pointer(arg))); e != 0 {
		return e
	}
	return nil
}

// resizeExt4 grows a mounted ext4 file system to fill length bytes (EXT4_IOC_RESIZE_FS).
func resizeExt4(mountpoint string, length int64) error {
	var st unix.Statfs_t
	if err := unix.Statfs(mountpoint, &st); err != nil {
		return err
	}
	d, err := os.Open(mountpoint)
	if err != nil {
		return err
	}
	defer d.Close()
	blocks := uint64(length / st.Bsize)
	const ext4IocResizeFS = 0x40086610 // _IOW('f', 16, __u64)
	if _, _, e := unix.Syscall(unix.SYS_IOCTL, d.Fd(), ext4IocResizeFS, uintptr(unsafe.Pointer(&blocks))); e != 0 {
		return fmt.Errorf("resizing ext4 on %s to %d blocks: %w", mountpoint, blocks, e)
	}
	return nil
}

func (s *osSystem) runTool(ctx context.Context, tool string, args ...string) error {
	p, err := exec.LookPath(tool)
	if err != nil {
		return fmt.Errorf("%s is not installed", tool)
	}
	var log strings.Builder
	if err := s.Run(ctx, append([]string{p}, args...), nil, &log); err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, log.String())
	}
	return nil
}

// growWithTools is the fallback for disks without a GPT: growpart and resize2fs.
func (s *osSystem) growWithTools(ctx context.Context, dev, disk string, part int, fstype, mountpoint string) (string, error) {
	gp, err := exec.LookPath(tools.Growpart())
	if err != nil {
		return "", fmt.Errorf("%s has no GPT and growpart is not installed", disk)
	}
	var log strings.Builder
	if err := s.Run(ctx, []string{gp, disk, strconv.Itoa(part)}, nil, &log); err != nil {
		if strings.Contains(log.String(), "NOCHANGE") {
			return dev + " already fills " + disk, nil
		}
		return "", fmt.Errorf("growpart %s %d: %v: %s", disk, part, err, log.String())
	}
	if fstype == "xfs" {
		err = s.runTool(ctx, tools.XfsGrowfs(), mountpoint)
	} else {
		err = s.runTool(ctx, tools.Resize2fs(), dev)
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("grew %s (partition %d of %s) with growpart", dev, part, disk), nil
}

// mountSource returns the source and type of the mount at mountpoint.
func mountSource(mountpoint string) (string, string) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return "", ""
	}
	dev, typ := "", ""
	for _, l := range strings.Split(string(b), "\n") {
		left, right, ok := strings.Cut(l, " - ")
		f, g := strings.Fields(left), strings.Fields(right)
		if ok && len(f) > 4 && f[4] == mountpoint && len(g) > 1 {
			dev, typ = g[1], g[0]
		}
	}
	return dev, typ
}
