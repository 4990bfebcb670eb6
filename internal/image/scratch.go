package image

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"golang.org/x/sys/unix"
)

// The staging root is scratch: written once by the install, read by the initramfs, the
// UKI and mke2fs, then removed. On a disk file system each of its 4,500 files costs a
// journaled create, a rename and the metadata updates of chown, chmod and utimes (about
// 2 s of system time for the minimal image, and much more on a busy disk); on a tmpfs
// the same calls stay in the page cache. So the staging root is OUTDIR/.work-*/tmpfs/root
// on a private tmpfs mounted over OUTDIR/.work-*/tmpfs when the process may mount (root),
// the memory is there, and NIMBUS_IMAGE_TMPFS is not 0; otherwise it is a plain folder,
// OUTDIR/.work-*/root, as before. The raw disk is assembled on that tmpfs too when the
// memory allows (disk.go: stageFilesystem), and written to the output folder by the
// convert stage. The bytes of the image do not depend on which (TestReproducible builds
// one image each way).

// tmpfsExtra is the memory left free beside a tmpfs staging root.
const tmpfsExtra = 512 << 20

// treeLimit is the most the staging root may hold: the disk's size (the root file
// system cannot hold more), or 4 GiB for a container image.
func (b *Build) treeLimit() int64 {
	if b.Profile.Kind == "disk" {
		if n, err := ParseSize(b.Profile.Size); err == nil && n > 0 {
			return n
		}
	}
	return 4 << 30
}

// tmpfsSize is the size limit of the scratch tmpfs: the tree's limit, twice for a disk
// image, whose raw disk may be assembled there too. It is a limit, not a reservation:
// only the files written take memory.
func (b *Build) tmpfsSize() int64 {
	if b.Profile.Kind == "disk" {
		return 2 * b.treeLimit()
	}
	return b.treeLimit()
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
	if need := b.treeLimit() + tmpfsExtra; avail < need {
		return false, fmt.Sprintf("%d MiB of memory available, %d MiB wanted", avail>>20, need>>20)
	}
	return true, ""
}

// mountStaging makes the staging root: on a tmpfs mounted over work/tmpfs when
// useTmpfs allows it, else (or when the mount fails) a folder on disk.
func (b *Build) mountStaging() error {
	b.Root = filepath.Join(b.work, "root")
	ok, why := b.useTmpfs()
	if ok {
		mnt := filepath.Join(b.work, tmpfsDir)
		opts := "mode=0755,size=" + strconv.FormatInt(b.tmpfsSize(), 10)
		if err := os.Mkdir(mnt, 0o755); err != nil {
			return err
		}
		if err := unix.Mount(stagingSource, mnt, "tmpfs", 0, opts); err != nil {
			why = fmt.Sprintf("mounting a tmpfs on %s: %v", mnt, err)
		} else {
			b.tmpfs, b.StagedOnTmpfs = mnt, true
			b.Root = filepath.Join(mnt, "root")
		}
	}
	if b.tmpfs == "" {
		b.logf("staging root on disk: %s", why)
	}
	return os.Mkdir(b.Root, 0o755)
}

// unmountStaging undoes mountStaging; lazily, so a process still holding a file open
// there (a scriptlet's leftover daemon) does not keep the build from ending.
func (b *Build) unmountStaging() {
	if b.tmpfs == "" {
		return
	}
	if err := unix.Unmount(b.tmpfs, unix.MNT_DETACH); err != nil {
		b.logf("unmounting the staging tmpfs %s: %v (umount it by hand)", b.tmpfs, err)
		return
	}
	b.tmpfs = ""
}

// A crashed build (killed, power lost) leaves its scratch folder, and when it staged on
// a tmpfs that mount too, under the output folder. Each scratch folder therefore holds
// an owner file naming the build that made it (boot ID, PID and the PID's start time,
// so a reused PID is not mistaken for the owner), written before the tmpfs is mounted
// on it; the next build in the same output folder removes the folders whose owner is
// gone, after unmounting the staging tmpfs found in them. Only what carries every mark
// of a staging tmpfs is unmounted: a tmpfs whose source is stagingSource, mounted
// exactly on OUTDIR/.work-*/tmpfs, in a folder with an owner file
// of a process that no longer runs. A folder without an owner file (an older build's,
// or one being made this instant) and a live build's folder are left alone.

// stagingSource is the source name of the staging tmpfs (the first field of findmnt).
const stagingSource = "nimbus-image"

// tmpfsDir is where the staging tmpfs is mounted in a scratch folder.
const tmpfsDir = "tmpfs"

// ownerFile is the owner file's name in a scratch folder.
const ownerFile = "owner"

// ownerOf is this process's owner line: boot ID, PID, start time in clock ticks.
func ownerOf(pid int) (string, error) {
	boot, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return "", err
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return "", err
	}
	// The command name (field 2) is in parentheses and may hold spaces: count fields
	// after its closing parenthesis; the start time is field 22.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return "", fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 20 {
		return "", fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	return fmt.Sprintf("%s %d %s", strings.TrimSpace(string(boot)), pid, f[19]), nil
}

// writeOwner writes the owner file of this build into its scratch folder.
func writeOwner(work string) error {
	o, err := ownerOf(os.Getpid())
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(work, ownerFile), []byte(o+"\n"), 0o644)
}

// ownerGone says whether the owner line o names a process that no longer runs (or ran
// before the last boot).
func ownerGone(o string) bool {
	o = strings.TrimSpace(o)
	f := strings.Fields(o)
	if len(f) != 3 {
		return false
	}
	pid, err := strconv.Atoi(f[1])
	if err != nil || pid <= 0 {
		return false
	}
	now, err := ownerOf(pid)
	if err != nil {
		return errors.Is(err, os.ErrNotExist) // no such process
	}
	return now != o
}

// cleanStale removes the scratch folders of crashed builds in outDir (see above), with
// their staging tmpfs, and says what it did; what it cannot remove is reported and left.
// A folder that still has a mount point in it after that (not a staging tmpfs, or one
// that would not unmount) is left whole: removing it would delete files of that mount.
func (b *Build) cleanStale(outDir string) {
	works, _ := filepath.Glob(filepath.Join(outDir, ".work-*"))
	if len(works) == 0 {
		return
	}
	for _, w := range works {
		o, err := os.ReadFile(filepath.Join(w, ownerFile))
		if err != nil || !ownerGone(string(o)) {
			continue
		}
		owner := strings.TrimSpace(string(o))
		real, err := filepath.Abs(w)
		if err == nil {
			real, err = filepath.EvalSymlinks(real)
		}
		if err != nil {
			continue
		}
		mounts, err := mountsUnder(real)
		if err != nil {
			b.logf("stale scratch folder %s: reading the mounts: %v", w, err)
			continue
		}
		root := filepath.Join(real, tmpfsDir)
		if m, ok := mounts[root]; ok && m.fstype == "tmpfs" && m.source == stagingSource {
			if err := unix.Unmount(root, unix.MNT_DETACH); err != nil {
				b.logf("stale staging tmpfs %s (its build, %s, is gone): unmounting: %v", root, owner, err)
				continue
			}
			b.logf("unmounted the stale staging tmpfs %s (its build, %s, is gone)", root, owner)
			if mounts, err = mountsUnder(real); err != nil {
				continue
			}
		}
		if len(mounts) > 0 {
			for p, m := range mounts {
				b.logf("stale scratch folder %s left: %s is mounted on %s", w, m.source, p)
			}
			continue
		}
		if err := os.RemoveAll(w); err != nil {
			b.logf("removing the stale scratch folder %s: %v", w, err)
			continue
		}
		b.logf("removed the stale scratch folder %s (its build, %s, is gone)", w, owner)
	}
}

type mountEntry struct{ fstype, source string }

// mountsUnder lists the mount points of this mount namespace at or under dir (an
// absolute path without symbolic links), from /proc/self/mountinfo.
func mountsUnder(dir string) (map[string]mountEntry, error) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return nil, err
	}
	m := map[string]mountEntry{}
	for _, l := range strings.Split(string(data), "\n") {
		// ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
		pre, post, ok := strings.Cut(l, " - ")
		f, g := strings.Fields(pre), strings.Fields(post)
		if !ok || len(f) < 5 || len(g) < 2 {
			continue
		}
		if p := fsutil.UnescapeOctal(f[4]); p == dir || strings.HasPrefix(p, dir+"/") {
			m[p] = mountEntry{g[0], fsutil.UnescapeOctal(g[1])}
		}
	}
	return m, nil
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
