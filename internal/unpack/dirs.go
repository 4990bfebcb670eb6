package unpack

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// dirCache holds descriptors of the directories a payload writes into, all opened inside
// the root, so that each entry is created, attributed and renamed with *at calls on its
// directory's descriptor and one plain name: no path is resolved twice, and no call resolves
// more than one component.
//
// Every descriptor comes from one of two places: openat(parent, name, O_DIRECTORY|
// O_NOFOLLOW) where parent is a cached descriptor (or the root's) and name a single
// component other than "." and ".." (a symlink there fails with ELOOP/ENOTDIR instead of
// being followed); or, for a path the plain walk cannot take (a symlink among its
// components, a missing symlink target), os.Root's MkdirAll and Open, which follow
// symlinks only inside the root. A descriptor names a directory, not a path: a directory
// that a package replaces by a symlink is forgotten (forget) before the replacement, and the
// paths under it are then resolved afresh.
//
// Raw descriptors (not *os.File) keep Go's poller out: os.File costs two fcntl pairs and
// an epoll_ctl per regular file opened. A descriptor is closed only by forget and close, never
// while an entry is staged against it: staged entries keep their directory's path and look
// the descriptor up at commit.
type dirCache struct {
	dir    string // the root, as given
	rootFd int
	osRoot *os.Root // opened on first need (see slow)
	fds    map[string]int
}

func openDirCache(dir string) (*dirCache, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	return &dirCache{dir: dir, rootFd: fd, fds: map[string]int{}}, nil
}

// open returns the descriptor of the directory rel (relative to the root; "." is the
// root), creating it and its missing parents (mode 0755, as MkdirAll).
func (c *dirCache) open(rel string) (int, error) {
	if rel == "." || rel == "" {
		return c.rootFd, nil
	}
	if fd, ok := c.fds[rel]; ok {
		return fd, nil
	}
	parent, err := c.open(path.Dir(rel))
	if err != nil {
		return -1, err
	}
	name := path.Base(rel)
	if name == "." || name == ".." || strings.Contains(name, "/") {
		return -1, &os.PathError{Op: "open", Path: rel, Err: errors.New("not a clean relative path")}
	}
	fd, err := openDirAt(parent, name)
	if err == unix.ENOENT {
		if err = ignoringEINTR(func() error { return unix.Mkdirat(parent, name, 0o755) }); err == nil || err == unix.EEXIST {
			fd, err = openDirAt(parent, name)
		}
	}
	if err != nil {
		// A symlink (ELOOP, or ENOTDIR for some file systems), a name that is not a
		// directory, or anything else: os.Root decides, as it did for every path before.
		if fd, err = c.slow(rel); err != nil {
			return -1, err
		}
	}
	c.fds[rel] = fd
	return fd, nil
}

func openDirAt(parent int, name string) (fd int, err error) {
	err = ignoringEINTR(func() error {
		fd, err = unix.Openat(parent, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		return err
	})
	return fd, err
}

// slow resolves rel through os.Root (symlinks followed inside the root, `..` in their
// targets bounded by it), creating missing directories as os.Root.MkdirAll does, and
// returns a descriptor of its own for the directory.
func (c *dirCache) slow(rel string) (int, error) {
	if c.osRoot == nil {
		r, err := os.OpenRoot(c.dir)
		if err != nil {
			return -1, err
		}
		c.osRoot = r
	}
	if err := c.osRoot.MkdirAll(rel, 0o755); err != nil {
		return -1, err
	}
	f, err := c.osRoot.Open(rel)
	if err != nil {
		return -1, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return -1, err
	}
	if !fi.IsDir() {
		return -1, &os.PathError{Op: "open", Path: rel, Err: syscall.ENOTDIR}
	}
	sc, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	var derr error
	if err := sc.Control(func(raw uintptr) {
		fd, derr = unix.FcntlInt(raw, unix.F_DUPFD_CLOEXEC, 0)
	}); err != nil {
		return -1, err
	}
	if derr != nil {
		return -1, &os.PathError{Op: "dup", Path: rel, Err: derr}
	}
	return fd, nil
}

// forget closes the cached directories at or under rel (rel is being replaced).
func (c *dirCache) forget(rel string) {
	for d, fd := range c.fds {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			unix.Close(fd)
			delete(c.fds, d)
		}
	}
}

func (c *dirCache) close() {
	for d, fd := range c.fds {
		unix.Close(fd)
		delete(c.fds, d)
	}
	if c.osRoot != nil {
		c.osRoot.Close()
		c.osRoot = nil
	}
	if c.rootFd >= 0 {
		unix.Close(c.rootFd)
		c.rootFd = -1
	}
}

// removeAt removes name in the directory dfd, a file or an empty directory (as
// os.Root.Remove), without following a symlink; a missing name is no error.
func removeAt(dfd int, name string) error {
	err := ignoringEINTR(func() error { return unix.Unlinkat(dfd, name, 0) })
	if err == unix.EISDIR || err == unix.EPERM {
		if rerr := ignoringEINTR(func() error { return unix.Unlinkat(dfd, name, unix.AT_REMOVEDIR) }); rerr != unix.ENOTDIR {
			err = rerr
		}
	}
	if err == unix.ENOENT {
		return nil
	}
	return err
}

// timespecs is t as utimensat's access and modification times.
func timespecs(t time.Time) [2]unix.Timespec {
	ts := unix.NsecToTimespec(t.UnixNano())
	return [2]unix.Timespec{ts, ts}
}

// futimensFd sets an open descriptor's times (utimensat with a NULL path, as libc's
// futimens).
func futimensFd(fd int, t time.Time) error {
	ts := timespecs(t)
	return ignoringEINTR(func() error {
		_, _, errno := unix.Syscall6(unix.SYS_UTIMENSAT, uintptr(fd), 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0)
		if errno != 0 {
			return errno
		}
		return nil
	})
}

// lutimesAt sets the times of name in dfd without following a symlink.
func lutimesAt(dfd int, name string, t time.Time) error {
	ts := timespecs(t)
	return ignoringEINTR(func() error { return unix.UtimesNanoAt(dfd, name, ts[:], unix.AT_SYMLINK_NOFOLLOW) })
}

// fdWriter writes to a raw descriptor.
type fdWriter int

func (w fdWriter) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := unix.Write(int(w), b[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, fmt.Errorf("write returned 0 bytes")
		}
		n += m
	}
	return n, nil
}

func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); err != unix.EINTR {
			return err
		}
	}
}
