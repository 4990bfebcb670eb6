// Package ext4 makes ext4 file systems from a directory tree, reproducibly.
// It runs e2fsprogs at the edge (mkfs.ext4 -d): writing ext4 from scratch is not worth
// it while mke2fs gives identical bytes for identical inputs once the identities (UUID,
// hash seed), the clock (E2FSPROGS_FAKE_TIME) and the inode times are pinned. mke2fs
// 1.47.0 copies each inode's ctime from the build host's file, which no one can set, and
// its atime after mke2fs itself read the file (relatime), so every inode's times are
// rewritten afterwards, in place in the inode tables with their checksums (pin.go; this
// was a debugfs set_inode_field per entry, 9,000 path lookups for the minimal image).
package ext4

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nimbus-linux/nimbus/internal/tools"

	"golang.org/x/sys/unix"
)

// Tools are the e2fsprogs programs used; every path in one place.
type Tools struct {
	Mkfs    string // mkfs.ext4
	Debugfs string // debugfs
}

// DefaultTools finds the tools (internal/tools) on $PATH and in /usr/sbin, /sbin.
func DefaultTools() (Tools, error) {
	var t Tools
	var err error
	if t.Mkfs, err = tools.Find(tools.MkfsExt4()); err != nil {
		return t, err
	}
	t.Debugfs, err = tools.Find(tools.Debugfs())
	return t, err
}

// Options describe the file system.
type Options struct {
	Size int64 // bytes, a multiple of 4096
	// Offset, when positive, writes the file system Offset bytes into out, an existing
	// file (the root partition of a disk image: mke2fs's -E offset=, debugfs's
	// FILE?offset=), which is neither truncated nor removed; only the file system's own
	// range is written. Zero: out is made anew.
	Offset   int64
	UUID     string // file system UUID
	HashSeed string // directory hash seed (a UUID)
	Label    string
	Time     time.Time // every timestamp in the file system
	Tools    Tools
	noPin    bool // tests: mke2fs's output as it is
}

// Normalize sets the access and modification times of every entry of tree (symbolic
// links included) to t. Make no longer needs it (it pins every inode's times in the file
// system it made); the tests use it to compare with tools that copy the tree's times.
func Normalize(tree string, t time.Time) error {
	ts := []unix.Timespec{unix.NsecToTimespec(t.UnixNano()), unix.NsecToTimespec(t.UnixNano())}
	return filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			return fmt.Errorf("setting times of %s: %w", p, err)
		}
		return nil
	})
}

// Make writes the file system for tree into the file out (made anew, or at o.Offset of
// an existing file). Every inode's access, change and modification times are o.Time,
// whatever the tree's (the tree is not touched).
func Make(ctx context.Context, tree, out string, o Options) error {
	if o.Size <= 0 || o.Size%4096 != 0 {
		return fmt.Errorf("ext4: size %d is not a positive multiple of 4096", o.Size)
	}
	if o.Tools.Mkfs == "" {
		t, err := DefaultTools()
		if err != nil {
			return fmt.Errorf("ext4: %w", err)
		}
		o.Tools = t
	}
	if o.Offset > 0 {
		if o.Offset%512 != 0 {
			return fmt.Errorf("ext4: offset %d is not a multiple of 512", o.Offset)
		}
	} else if err := os.Remove(out); err != nil && !os.IsNotExist(err) {
		return err
	}
	extended := "hash_seed=" + o.HashSeed + ",root_owner=0:0,lazy_itable_init=0,nodiscard"
	if o.Offset > 0 {
		extended = "offset=" + strconv.FormatInt(o.Offset, 10) + "," + extended
	}
	epoch := strconv.FormatInt(o.Time.Unix(), 10)
	env := append(os.Environ(), "E2FSPROGS_FAKE_TIME="+epoch, "SOURCE_DATE_EPOCH="+epoch, "MKE2FS_CONFIG=/dev/null")
	// With MKE2FS_CONFIG=/dev/null the host's mke2fs.conf does not leak in: the features
	// are spelled out here (those of Debian 12's ext4 defaults).
	args := []string{"-q", "-F", "-t", "ext4", "-b", "4096", "-I", "256", "-i", "16384",
		"-O", "has_journal,extent,huge_file,flex_bg,metadata_csum,64bit,dir_nlink,extra_isize,^metadata_csum_seed",
		"-U", o.UUID, "-E", extended,
		"-L", o.Label, "-d", tree, out, strconv.FormatInt(o.Size/1024, 10) + "k"}
	cmd := exec.CommandContext(ctx, o.Tools.Mkfs, args...)
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ext4: %s: %w\n%s", o.Tools.Mkfs, err, b)
	}
	if o.noPin {
		return nil
	}
	// Pin every inode's times (see the package comment): mke2fs copied the
	// modification times from the tree, and set its own directories' to now.
	if err := pinTimes(out, o.Offset, o.Time); err != nil {
		return err
	}
	return nil
}

// MinSize estimates a file system size that holds a tree of content bytes in files
// entries: data rounded to blocks, inodes, the journal and ext4's reserve, with headroom.
func MinSize(content int64, files int) int64 {
	s := content + int64(files)*(4096+256) + 16<<20
	s += s / 5
	const mib = 1 << 20
	return (s + mib - 1) / mib * mib
}
