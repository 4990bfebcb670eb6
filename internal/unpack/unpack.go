// Package unpack writes the files of an RPM payload into a directory without ever writing
// outside it: every path is resolved through an os.Root (so `..` and symlinks cannot
// escape), file contents go to a temporary name and are renamed into place, and only files
// the package header lists are accepted. Ownership is left to the caller (the transaction
// layer applies users and groups inside an install root).
package unpack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// Result summarizes an extraction.
type Result struct {
	Files    int      // entries written (files, directories, links)
	Skipped  []string // entries not written, with the reason (device nodes when not root)
	Warnings []string
}

// maxLinkTarget bounds the size of a symlink target read from a payload.
const maxLinkTarget = 4096

// Options adjust an extraction for installing into a system root.
type Options struct {
	// Target gives the path (relative to the directory) a package file is written at, or ""
	// to skip it: the transaction layer uses it for %config(noreplace) files (".rpmnew") and
	// for files another package keeps. nil writes every file at its own path.
	Target func(f *rpm.File) string
	// Owner gives a file's numeric owner; nil leaves files owned by the extracting user.
	Owner func(f *rpm.File) (uid, gid int)
	// Caps applies file capabilities (the security.capability extended attribute).
	Caps bool
	// Written, when set, is called after each entry is in place (the transaction layer's
	// crash tests stop the process there).
	Written func(f *rpm.File)
}

// Extract writes the payload of pkg (opened with rpm.Read, positioned at its payload) into
// dir, which must exist. info is the decoded header of pkg and gives the authoritative
// modes and mtimes. name is the package's file name for error messages.
func Extract(name string, pkg *rpm.Package, info *rpm.Info, dir string) (*Result, error) {
	return ExtractWith(name, pkg, info, dir, Options{})
}

// ExtractWith is Extract with options.
//
// Files, symlinks and hard links are first written under temporary names beside their
// targets and renamed into place only when the whole payload was read and written (as rpm
// 4.16+ does): a payload that fails half-way (a refused entry, a short read, a full disk)
// leaves none of its files in place and its temporary files removed. Directories it created
// stay. It is Stage then Commit.
func ExtractWith(name string, pkg *rpm.Package, info *rpm.Info, dir string, opts Options) (*Result, error) {
	st, err := Stage(name, pkg, info, dir, opts)
	if err != nil {
		return st.result(), err
	}
	return st.Commit()
}

// Staged is a payload written under temporary names (Stage), waiting for Commit to rename
// it into place, or for Discard to remove it.
type Staged struct {
	name    string
	x       *extractor
	written []*rpm.File // the entries staged, in payload order, for Options.Written
}

func (st *Staged) result() *Result {
	if st == nil || st.x == nil {
		return nil
	}
	return st.x.res
}

// Stage writes the payload of pkg under temporary names in dir (see ExtractWith) and
// leaves them there. opts.Written is not called here but by Commit, for each entry, before
// the renames. On an error nothing is left staged. Stage may run in another goroutine than
// the one that commits: the transaction stages the next package while it records this one.
func Stage(name string, pkg *rpm.Package, info *rpm.Info, dir string, opts Options) (st *Staged, err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("extracting %s: %w", name, err)
	}
	x := &extractor{root: root, res: &Result{}, links: map[uint32][]string{}, linkData: map[uint32]string{}, opts: opts, sub: map[string]*os.Root{}}
	st = &Staged{name: name, x: x}
	defer func() {
		if err != nil {
			st.Discard()
		}
	}()
	ar, err := pkg.OpenPayloadAhead()
	if err != nil {
		return st, fmt.Errorf("extracting %s: %w", name, err)
	}
	defer ar.Close()

	byPath := make(map[string]*rpm.File, len(info.Files))
	for k := range info.Files {
		byPath[info.Files[k].Path] = &info.Files[k]
	}
	for {
		h, err := ar.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return st, fmt.Errorf("extracting %s: payload: %w", name, err)
		}
		rel, err := entryPath(h.Name)
		if err != nil {
			return st, fmt.Errorf("extracting %s: %w", name, err)
		}
		f := byPath["/"+rel]
		if f == nil {
			return st, fmt.Errorf("extracting %s: payload entry %q is not in the package's file list", name, h.Name)
		}
		if opts.Target != nil {
			t := opts.Target(f)
			if t == "" {
				continue // Next skips the entry's data
			}
			if rel, err = entryPath("./" + t); err != nil {
				return st, fmt.Errorf("extracting %s: target of %s: %w", name, f.Path, err)
			}
		}
		if err := x.entry(rel, f, h.Size, h.Nlink, ar); err != nil {
			return st, fmt.Errorf("extracting %s: %s: %w", name, f.Path, err)
		}
		st.written = append(st.written, f)
	}
	return st, nil
}

// Commit calls Options.Written for each staged entry, renames them all into place and sets
// the directories' modes and times. On an error the entries not yet renamed are removed.
func (st *Staged) Commit() (*Result, error) {
	x := st.x
	defer st.Discard()
	if x.opts.Written != nil {
		for _, f := range st.written {
			x.opts.Written(f)
		}
	}
	if err := x.commit(); err != nil {
		return x.res, fmt.Errorf("extracting %s: %w", st.name, err)
	}
	if err := x.finish(); err != nil {
		return x.res, fmt.Errorf("extracting %s: %w", st.name, err)
	}
	return x.res, nil
}

// Discard removes what is still staged and releases the directories; after Commit it only
// releases. It may be called more than once.
func (st *Staged) Discard() {
	if st == nil || st.x == nil || st.x.root == nil {
		return
	}
	st.x.discard()
	st.x.closeDirs()
	st.x.root.Close()
	st.x.root = nil
}

// entryPath turns a cpio name ("./usr/bin/x") into a clean relative path, rejecting
// absolute names and any `..` component.
func entryPath(name string) (string, error) {
	p := strings.TrimPrefix(name, "./")
	if p == "" || p == "." || strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("payload entry %q: absolute or empty path", name)
	}
	for _, c := range strings.Split(p, "/") {
		if c == ".." {
			return "", fmt.Errorf("payload entry %q: path escapes the target with ..", name)
		}
	}
	if path.Clean(p) != p {
		return "", fmt.Errorf("payload entry %q: path is not clean", name)
	}
	return p, nil
}

type extractor struct {
	opts     Options
	root     *os.Root
	res      *Result
	dirs     []dirAttr
	links    map[uint32][]string // inode -> paths waiting for the link set's content
	linkData map[uint32]string   // inode -> path that holds the content
	// sub caches the parent directories of written files, opened inside root: a file is
	// then created, attributed and renamed relative to its directory's descriptor (one
	// openat for the directory per package instead of one per path component per call).
	sub map[string]*os.Root
	buf []byte // copy buffer, shared by the package's files
	// staged are the entries written under temporary names, renamed into place by commit.
	staged []staged
}

// staged is an entry waiting at its temporary name (tmp, relative to the root) for the
// rename to rel.
type staged struct {
	tmp, rel string
	replace  bool // remove what is at rel first (a symlink or link may replace an empty directory)
	// dir, when set, is rel's directory opened inside the root (a regular file's): the
	// rename goes relative to it, without resolving the path again.
	dir *os.Root
}

// stageName is the temporary name of rel, in rel's directory.
func stageName(rel string) string {
	return path.Join(path.Dir(rel), ".nimbus-unpack-"+path.Base(rel))
}

// commit renames every staged entry into place.
func (x *extractor) commit() error {
	for i, st := range x.staged {
		if st.replace {
			x.forget(st.rel)
			if err := x.remove(st.rel); err != nil {
				return err
			}
		}
		err := os.ErrClosed
		if st.dir != nil {
			err = st.dir.Rename(path.Base(st.tmp), path.Base(st.rel))
		}
		if errors.Is(err, os.ErrClosed) { // no cached directory (or forgotten since)
			err = x.root.Rename(st.tmp, st.rel)
		}
		if err != nil {
			return err
		}
		x.staged[i].tmp = ""
	}
	x.staged = nil
	return nil
}

// discard removes the staged entries not renamed into place.
func (x *extractor) discard() {
	for _, st := range x.staged {
		if st.tmp != "" {
			_ = x.root.Remove(st.tmp)
		}
	}
	x.staged = nil
}

// dirOf returns the directory rel is in (created if missing, opened inside the root and
// cached) and rel's base name.
func (x *extractor) dirOf(rel string) (*os.Root, string, error) {
	d, base := path.Dir(rel), path.Base(rel)
	if d == "." {
		return x.root, base, nil
	}
	if r := x.sub[d]; r != nil {
		return r, base, nil
	}
	if err := x.root.MkdirAll(d, 0o755); err != nil {
		return nil, "", err
	}
	r, err := x.root.OpenRoot(d)
	if err != nil {
		return nil, "", err
	}
	x.sub[d] = r
	return r, base, nil
}

// forget drops cached directories at or under rel (rel is being replaced by a link).
func (x *extractor) forget(rel string) {
	for d, r := range x.sub {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			r.Close()
			delete(x.sub, d)
		}
	}
}

func (x *extractor) closeDirs() {
	for d, r := range x.sub {
		r.Close()
		delete(x.sub, d)
	}
}

type dirAttr struct {
	path  string
	mode  fs.FileMode
	mtime time.Time
}

func (x *extractor) entry(rel string, f *rpm.File, size int64, nlink uint32, r io.Reader) error {
	// The payload must carry what the header says (rpm -V compares against the header): a
	// regular file's size (but for the empty members of a hard-link set), a symlink's target.
	if f.IsRegular() && size != f.Size && !(nlink > 1 && size == 0) {
		return fmt.Errorf("payload entry has %d bytes, the package header says %d", size, f.Size)
	}
	mtime := time.Unix(int64(f.Mtime), 0)
	perm := fs.FileMode(f.Mode&0o777) | modeBits(f.Mode)
	if !f.IsRegular() || (nlink > 1 && size == 0 && f.Size > 0) {
		if err := x.parents(rel); err != nil {
			return err
		}
	}
	switch {
	case f.IsDir():
		if err := x.root.MkdirAll(rel, 0o755); err != nil {
			return err
		}
		x.dirs = append(x.dirs, dirAttr{rel, perm, mtime})
	case f.IsSymlink():
		if size > maxLinkTarget {
			return fmt.Errorf("symlink target of %d bytes", size)
		}
		b, err := io.ReadAll(io.LimitReader(r, size))
		if err != nil {
			return err
		}
		if string(b) != f.LinkTo {
			return fmt.Errorf("payload symlink target %q, the package header says %q", b, f.LinkTo)
		}
		tmp := stageName(rel)
		if err := x.remove(tmp); err != nil {
			return err
		}
		if err := x.root.Symlink(string(b), tmp); err != nil {
			return err
		}
		// rpm sets a symlink's own mtime to the recorded one (lutimes); the rename keeps it.
		if err := lchtimes(x.root, tmp, mtime); err != nil {
			return err
		}
		x.staged = append(x.staged, staged{tmp: tmp, rel: rel, replace: true})
		// Attributes apply to the staged link (Lchown does not follow it).
		x.res.Files++
		return x.attributes(tmp, f)
	case f.IsRegular():
		// rpm writes a hard-link set's content once, with its last member; the others
		// arrive empty and are linked when the content comes.
		if nlink > 1 && size == 0 && f.Size > 0 {
			if src, ok := x.linkData[f.Inode]; ok {
				return x.link(src, rel)
			}
			x.links[f.Inode] = append(x.links[f.Inode], rel)
			return nil
		}
		if err := x.writeFile(rel, f, r, size, perm, mtime); err != nil {
			return err
		}
		tmp := stageName(rel)
		if nlink > 1 {
			x.linkData[f.Inode] = tmp
			for _, p := range x.links[f.Inode] {
				if err := x.link(tmp, p); err != nil {
					return err
				}
			}
			delete(x.links, f.Inode)
		}
		x.res.Files++
		return x.attributes(tmp, f)
	default:
		x.res.Skipped = append(x.res.Skipped, fmt.Sprintf("%s: device or special file (mode %o) not created", f.Path, f.Mode))
		return nil
	}
	x.res.Files++
	return x.attributes(rel, f)
}

// attributes applies ownership and capabilities. Ownership is set before the mode is final
// for directories (finish applies their modes); regular files got owner and mode in
// writeFile, owner first (chown clears setuid bits).
func (x *extractor) attributes(rel string, f *rpm.File) error {
	if x.opts.Owner != nil && !f.IsRegular() {
		uid, gid := x.opts.Owner(f)
		if err := x.root.Lchown(rel, uid, gid); err != nil {
			return err
		}
	}
	if x.opts.Caps && f.Caps != "" && f.IsRegular() {
		return setCaps(x.root, rel, f.Caps)
	}
	return nil
}

// modeBits converts st_mode's setuid/setgid/sticky bits to Go's.
func modeBits(m uint32) fs.FileMode {
	var b fs.FileMode
	if m&0o4000 != 0 {
		b |= fs.ModeSetuid
	}
	if m&0o2000 != 0 {
		b |= fs.ModeSetgid
	}
	if m&0o1000 != 0 {
		b |= fs.ModeSticky
	}
	return b
}

// parents creates missing parent directories of rel.
func (x *extractor) parents(rel string) error {
	if d := path.Dir(rel); d != "." {
		return x.root.MkdirAll(d, 0o755)
	}
	return nil
}

func (x *extractor) remove(rel string) error {
	err := x.root.Remove(rel)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// link stages dst as a hard link of src (a staged file).
func (x *extractor) link(src, dst string) error {
	tmp := stageName(dst)
	if err := x.remove(tmp); err != nil {
		return err
	}
	if err := x.root.Link(src, tmp); err != nil {
		return err
	}
	x.staged = append(x.staged, staged{tmp: tmp, rel: dst, replace: true})
	x.res.Files++
	return nil
}

// writeFile writes content to a temporary name beside rel and stages the rename into place,
// so a reader never sees a half-written file. Owner, mode and mtime are set on the open
// file before the rename: the file appears complete, with its attributes.
func (x *extractor) writeFile(rel string, pf *rpm.File, r io.Reader, size int64, perm fs.FileMode, mtime time.Time) error {
	d, base, err := x.dirOf(rel)
	if err != nil {
		return err
	}
	tmp := ".nimbus-unpack-" + base
	f, err := d.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, fs.ErrExist) {
		if err = d.Remove(tmp); err == nil || errors.Is(err, fs.ErrNotExist) {
			f, err = d.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		}
	}
	if err != nil {
		return err
	}
	if n := min(max(size, 512), 32<<10); int64(len(x.buf)) < n {
		x.buf = make([]byte, n) // as large as the package's largest file needs, up to 32 KiB
	}
	// The plain Writer keeps io.CopyBuffer on the shared buffer (os.File's ReadFrom would
	// allocate one per file).
	n, err := io.CopyBuffer(struct{ io.Writer }{f}, io.LimitReader(r, size), x.buf)
	if err == nil && n != size {
		err = fmt.Errorf("payload ended after %d of %d bytes", n, size)
	}
	if err == nil && x.opts.Owner != nil {
		err = f.Chown(x.opts.Owner(pf))
	}
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = futimens(f, mtime)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = d.Remove(tmp)
		return err
	}
	x.staged = append(x.staged, staged{tmp: stageName(rel), rel: rel, dir: d})
	return nil
}

// futimens sets an open file's access and modification times (utimensat with a NULL path,
// as libc's futimens).
func futimens(f *os.File, t time.Time) error {
	ts := [2]unix.Timespec{unix.NsecToTimespec(t.UnixNano()), unix.NsecToTimespec(t.UnixNano())}
	sc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno unix.Errno
	if err := sc.Control(func(fd uintptr) {
		_, _, errno = unix.Syscall6(unix.SYS_UTIMENSAT, fd, 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0)
	}); err != nil {
		return err
	}
	if errno != 0 {
		return &os.PathError{Op: "futimens", Path: f.Name(), Err: errno}
	}
	return nil
}

// lchtimes sets the access and modification times of the symlink rel itself. os.Root has
// no Lchtimes: the parent directory is opened through the root (so the path resolves inside
// it) and utimensat with AT_SYMLINK_NOFOLLOW acts on the last component, never its target.
func lchtimes(root *os.Root, rel string, t time.Time) error {
	dir, base := path.Split(rel)
	if dir == "" {
		dir = "."
	}
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	ts := []unix.Timespec{unix.NsecToTimespec(t.UnixNano()), unix.NsecToTimespec(t.UnixNano())}
	sc, err := d.SyscallConn()
	if err != nil {
		return err
	}
	var uerr error
	if err := sc.Control(func(fd uintptr) {
		uerr = unix.UtimesNanoAt(int(fd), base, ts, unix.AT_SYMLINK_NOFOLLOW)
	}); err != nil {
		return err
	}
	if uerr != nil {
		return &os.PathError{Op: "lchtimes", Path: rel, Err: uerr}
	}
	return nil
}

// finish applies directory modes and mtimes deepest first (so writing into a read-only
// directory worked) and reports hard links whose content never came.
func (x *extractor) finish() error {
	sort.SliceStable(x.dirs, func(i, j int) bool { return len(x.dirs[i].path) > len(x.dirs[j].path) })
	for _, d := range x.dirs {
		if err := x.root.Chmod(d.path, d.mode); err != nil {
			return err
		}
		if err := x.root.Chtimes(d.path, d.mtime, d.mtime); err != nil {
			return err
		}
	}
	for ino, ps := range x.links {
		x.res.Warnings = append(x.res.Warnings, fmt.Sprintf("hard link set %d (%s) had no content in the payload", ino, strings.Join(ps, ", ")))
	}
	return nil
}
