package image

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// The staging root is scratch: written once by the install, read by the initramfs, the
// UKI and mke2fs, then removed. On a disk file system each of its 4,500 files costs a
// journaled create, a rename and the metadata updates of chown, chmod and utimes (about
// 2 s of system time for the minimal image, and much more on a busy disk); on a tmpfs
// the same calls stay in the page cache. So the staging root is a private tmpfs mounted
// over OUTDIR/.work-*/root when the process may mount (root), the memory is there, and
// NIMBUS_IMAGE_TMPFS is not 0; otherwise it is a plain folder, as before. The bytes of
// the image do not depend on which (TestReproducible builds one image each way).

// tmpfsExtra is the memory left free beside a tmpfs staging root.
const tmpfsExtra = 512 << 20

// tmpfsSize is the size limit of a tmpfs staging root: the disk's size (the root file
// system cannot hold more), or 4 GiB for a container image. It is a limit, not a
// reservation: only the files written take memory.
func (b *Build) tmpfsSize() int64 {
	if b.Profile.Kind == "disk" {
		if n, err := ParseSize(b.Profile.Size); err == nil && n > 0 {
			return n
		}
	}
	return 4 << 30
}

// useTmpfs says whether the staging root goes on a tmpfs, and why not when it does not.
func (b *Build) useTmpfs() (bool, string) {
	switch {
	case os.Getenv("NIMBUS_IMAGE_TMPFS") == "0":
		return false, "NIMBUS_IMAGE_TMPFS=0"
	case os.Getenv("NIMBUS_IMAGE_KEEP") != "":
		return false, "NIMBUS_IMAGE_KEEP keeps the scratch folder on disk"
	case os.Geteuid() != 0:
		return false, "not root"
	}
	avail, err := memAvailable()
	if err != nil {
		return false, err.Error()
	}
	if need := b.tmpfsSize() + tmpfsExtra; avail < need {
		return false, fmt.Sprintf("%d MiB of memory available, %d MiB wanted", avail>>20, need>>20)
	}
	return true, ""
}

// mountStaging mounts a tmpfs over the (empty) staging root when useTmpfs allows it;
// a failed mount leaves the folder as it was, on disk.
func (b *Build) mountStaging() {
	ok, why := b.useTmpfs()
	if !ok {
		b.logf("staging root on disk: %s", why)
		return
	}
	opts := "mode=0755,size=" + strconv.FormatInt(b.tmpfsSize(), 10)
	if err := unix.Mount("nimbus-image", b.Root, "tmpfs", 0, opts); err != nil {
		b.logf("staging root on disk: mounting a tmpfs on %s: %v", b.Root, err)
		return
	}
	b.tmpfs, b.StagedOnTmpfs = true, true
}

// unmountStaging undoes mountStaging; lazily, so a process still holding a file open
// there (a scriptlet's leftover daemon) does not keep the build from ending.
func (b *Build) unmountStaging() {
	if !b.tmpfs {
		return
	}
	if err := unix.Unmount(b.Root, unix.MNT_DETACH); err != nil {
		b.logf("unmounting the staging tmpfs %s: %v (umount it by hand)", b.Root, err)
		return
	}
	b.tmpfs = false
}

// memAvailable is MemAvailable of /proc/meminfo, in bytes.
func memAvailable() (int64, error) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		rest, ok := strings.CutPrefix(s.Text(), "MemAvailable:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/meminfo: MemAvailable %q: %w", rest, err)
		}
		return kb << 10, nil
	}
	if err := s.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/meminfo has no MemAvailable")
}
