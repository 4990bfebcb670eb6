package unpack

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Dirs holds descriptors of the directories payloads write into, all opened inside the
// root, so that each entry is created, attributed and renamed with *at calls on its
// directory's descriptor and one plain name: no path is resolved twice, and no call resolves
// more than one component. One Dirs may serve every package of a transaction (Options.Dirs):
// /usr/share is then opened once, not once per package.
//
// Every descriptor comes from one of two places: openat(parent, name, O_DIRECTORY|
// O_NOFOLLOW) where parent is a cached descriptor (or the root's) and name a single
// component other than "." and ".." (a symlink there fails with ELOOP/ENOTDIR instead of
// being followed); or, for a path the plain walk cannot take (a symlink among its
// components, a missing symlink target), os.Root's MkdirAll and Open, which follow
// symlinks only inside the root. A descriptor names a directory, not a path: a directory
// that a package replaces by a symlink is forgotten (forget) before the replacement, and
// whoever changes the tree other than through unpack (a scriptlet, an erase, tmpfiles.d)
// calls Invalidate first; the paths are then resolved afresh.
//
// Raw descriptors (not *os.File) keep Go's poller out: os.File costs two fcntl pairs and
// an epoll_ctl per regular file opened. A descriptor is used only inside a window (enter
// to leave: one payload entry, one commit, one discard) and never kept across windows:
// staged entries keep their directory's path and look the descriptor up at commit. A
// forgotten descriptor waits in retired until no window is open (use), so a descriptor
// number is never closed, and reused, under a goroutine still using it.
type Dirs struct {
	dir    string // the root, as given
	mu     sync.Mutex
	rootFd int
	osRoot *os.Root // opened on first need (see slow)
	fds    map[string]dirFd
	// use is read-locked by each window that uses descriptors (enter, leave); retired
	// descriptors are closed under its write lock, taken only when free (TryLock).
	use     sync.RWMutex
	retired []int
	root    *dirFd // rootFd with its group, once looked at
	// euid and egid are this process's: the owner and (in a directory of group egid) the
	// group a new file has already.
	euid, egid int
}

type dirFd struct {
	fd  int
	gid uint32 // the directory's group (a file made in it may take it: setgid, grpid mounts)
}

// maxDirs bounds the descriptors cached at once (the rest are retired, then closed).
const maxDirs = 1024

// OpenDirs opens the root directory dir for Stage (Options.Dirs). Close releases it.
func OpenDirs(dir string) (*Dirs, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	return &Dirs{dir: dir, rootFd: fd, fds: map[string]dirFd{}, euid: unix.Geteuid(), egid: unix.Getegid()}, nil
}

// Invalidate drops every cached directory: the tree may have changed other than through
// unpack (a scriptlet ran, files were removed). The next package resolves its paths again.
func (c *Dirs) Invalidate() {
	c.mu.Lock()
	c.retireLocked(func(string) bool { return true })
	c.mu.Unlock()
	c.closeRetired()
}

// Close closes every descriptor. The Dirs must not be in use.
func (c *Dirs) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for d, e := range c.fds {
		unix.Close(e.fd)
		delete(c.fds, d)
	}
	for _, fd := range c.retired {
		unix.Close(fd)
	}
	c.retired = nil
	if c.osRoot != nil {
		c.osRoot.Close()
		c.osRoot = nil
	}
	if c.rootFd >= 0 {
		unix.Close(c.rootFd)
		c.rootFd = -1
	}
}

// enter opens a window in which descriptors from open and lookup may be used.
func (c *Dirs) enter() { c.use.RLock() }

// leave closes the window, and the retired descriptors if no other window is open.
func (c *Dirs) leave() {
	c.use.RUnlock()
	c.closeRetired()
}

func (c *Dirs) closeRetired() {
	c.mu.Lock()
	n := len(c.retired)
	c.mu.Unlock()
	if n == 0 || !c.use.TryLock() {
		return // another window is open: its leave closes them
	}
	defer c.use.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, fd := range c.retired {
		unix.Close(fd)
	}
	c.retired = nil
}

// retireLocked moves the cached directories whose path drop reports out of the cache.
func (c *Dirs) retireLocked(drop func(string) bool) {
	if drop(".") {
		c.root = nil
	}
	for d, e := range c.fds {
		if drop(d) {
			c.retired = append(c.retired, e.fd)
			delete(c.fds, d)
		}
	}
}

// forget drops the cached directories at or under rel (rel is being replaced). A path is
// cached only with its parents (openLocked), so nothing under rel is when rel is not.
func (c *Dirs) forget(rel string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.fds[rel]; !ok {
		return
	}
	c.retireLocked(func(d string) bool { return d == rel || strings.HasPrefix(d, rel+"/") })
}

// open returns the descriptor of the directory rel (relative to the root; "." is the
// root), creating it and its missing parents (mode 0755, as MkdirAll).
func (c *Dirs) open(rel string) (int, error) {
	e, err := c.lookup(rel)
	return e.fd, err
}

func (c *Dirs) lookup(rel string) (dirFd, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fds) >= maxDirs {
		c.retireLocked(func(string) bool { return true })
	}
	return c.openLocked(rel)
}

func (c *Dirs) openLocked(rel string) (dirFd, error) {
	if rel == "." || rel == "" {
		if c.root == nil {
			gid, err := gidOf(c.rootFd)
			if err != nil {
				return dirFd{fd: -1}, &os.PathError{Op: "fstat", Path: c.dir, Err: err}
			}
			c.root = &dirFd{fd: c.rootFd, gid: gid}
		}
		return *c.root, nil
	}
	if e, ok := c.fds[rel]; ok {
		return e, nil
	}
	parent, err := c.openLocked(path.Dir(rel))
	if err != nil {
		return dirFd{fd: -1}, err
	}
	name := path.Base(rel)
	if name == "." || name == ".." || strings.Contains(name, "/") {
		return dirFd{fd: -1}, &os.PathError{Op: "open", Path: rel, Err: errors.New("not a clean relative path")}
	}
	fd, err := openDirAt(parent.fd, name)
	if err == unix.ENOENT {
		if err = ignoringEINTR(func() error { return unix.Mkdirat(parent.fd, name, 0o755) }); err == nil || err == unix.EEXIST {
			fd, err = openDirAt(parent.fd, name)
		}
	}
	if err != nil {
		// A symlink (ELOOP, or ENOTDIR for some file systems), a name that is not a
		// directory, or anything else: os.Root decides, as it did for every path before.
		if fd, err = c.slow(rel); err != nil {
			return dirFd{fd: -1}, err
		}
	}
	gid, err := gidOf(fd)
	if err != nil {
		unix.Close(fd)
		return dirFd{fd: -1}, &os.PathError{Op: "fstat", Path: rel, Err: err}
	}
	e := dirFd{fd: fd, gid: gid}
	c.fds[rel] = e
	return e, nil
}

func gidOf(fd int) (uint32, error) {
	var st unix.Stat_t
	if err := ignoringEINTR(func() error { return unix.Fstat(fd, &st) }); err != nil {
		return 0, err
	}
	return st.Gid, nil
}

// ownedAlready reports whether a file just created in d has the owner uid:gid already, so
// that fchown has nothing to do: the process's own ids, in a directory of the process's
// group (whatever the directory's setgid bit or the mount's grpid option, a new file's
// group is then the process's).
func (c *Dirs) ownedAlready(d dirFd, uid, gid int) bool {
	return uid == c.euid && gid == c.egid && int(d.gid) == c.egid
}

// regrouped tells the cache that unpack changed a directory's owner to uid:gid (rel's
// descriptor may be cached under other paths too, through symlinks): a group other than
// the process's drops every cached directory, so that none claims a group it no longer
// has.
func (c *Dirs) regrouped(gid int) {
	if gid != c.egid {
		c.mu.Lock()
		c.retireLocked(func(string) bool { return true })
		c.mu.Unlock() // (inside a window: closed at its leave)
	}
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
func (c *Dirs) slow(rel string) (int, error) {
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
