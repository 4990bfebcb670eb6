// Package unpack writes the files of an RPM payload into a directory without ever writing
// outside it: every entry is made with *at calls on a directory descriptor opened inside
// the root, one plain component at a time with O_NOFOLLOW, and a path with a symlink among
// its components is resolved through an os.Root (Dirs, dirs.go: `..` and symlinks cannot
// escape); file contents go to a temporary name and are renamed into place, and only files
// the package header lists are accepted. Ownership is left to the caller (the transaction
// layer applies users and groups inside an install root).
package unpack

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"time"

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
	// Dirs, when set, is the directory cache of the root that Stage uses (one for every
	// package of a transaction; the caller invalidates it when anything else changes the
	// tree). nil opens one for the package.
	Dirs *Dirs
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
	dirs, own := opts.Dirs, false
	if dirs == nil {
		if dirs, err = OpenDirs(dir); err != nil {
			return nil, fmt.Errorf("extracting %s: %w", name, err)
		}
		own = true
	}
	x := &extractor{dirs: dirs, ownDirs: own, res: &Result{}, links: map[uint32][]string{}, linkData: map[uint32]string{}, opts: opts}
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
		x.dirs.enter()
		err = x.entry(rel, f, h.Size, h.Nlink, ar)
		x.dirs.leave()
		if err != nil {
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
	x.dirs.enter()
	err := x.commit()
	if err == nil {
		err = x.finish()
	}
	x.dirs.leave()
	if err != nil {
		return x.res, fmt.Errorf("extracting %s: %w", st.name, err)
	}
	return x.res, nil
}

// Discard removes what is still staged and releases the directories; after Commit it only
// releases. It may be called more than once.
func (st *Staged) Discard() {
	if st == nil || st.x == nil || st.x.dirs == nil {
		return
	}
	st.x.dirs.enter()
	st.x.discard()
	st.x.dirs.leave()
	if st.x.ownDirs {
		st.x.dirs.Close()
	}
	st.x.dirs = nil
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
	dirs     *Dirs // the directories written into, opened inside the root (dirs.go)
	ownDirs  bool  // dirs is the package's own (no Options.Dirs): closed with it
	res      *Result
	dirAttrs []dirAttr
	links    map[uint32][]string // inode -> paths waiting for the link set's content
	linkData map[uint32]string   // inode -> path that holds the content
	buf      []byte              // copy buffer, shared by the package's files
	// staged are the entries written under temporary names, renamed into place by commit.
	staged []staged
}

// staged is an entry waiting at its temporary name (tmp, relative to the root, in rel's
// directory) for the rename to rel. Both go relative to the directory's descriptor, looked
// up at commit (a directory forgotten since is opened again, through what is there then).
type staged struct {
	tmp, rel string
	replace  bool // rel may be an empty directory to remove first (a symlink or link may replace one)
}

// stageName is the temporary name of rel, in rel's directory.
func stageName(rel string) string {
	return path.Join(path.Dir(rel), ".nimbus-unpack-"+path.Base(rel))
}

// commit renames every staged entry into place.
func (x *extractor) commit() error {
	for i, st := range x.staged {
		// What was at rel (a directory, or a symlink a cached path went through) is
		// replaced: no cached path may lead through it any more.
		x.dirs.forget(st.rel)
		dfd, err := x.dirs.open(path.Dir(st.rel))
		if err != nil {
			return err
		}
		tmp, base := path.Base(st.tmp), path.Base(st.rel)
		err = renameAt(dfd, tmp, base)
		if st.replace && (err == unix.EISDIR || err == unix.ENOTEMPTY || err == unix.EEXIST) {
			// An empty directory where a symlink or a link goes: removed, then the rename.
			if err = removeAt(dfd, base); err == nil {
				err = renameAt(dfd, tmp, base)
			}
		}
		if err != nil {
			return &os.LinkError{Op: "renameat", Old: st.tmp, New: st.rel, Err: err}
		}
		x.staged[i].tmp = ""
	}
	x.staged = nil
	return nil
}

func renameAt(dfd int, from, to string) error {
	return ignoringEINTR(func() error { return unix.Renameat(dfd, from, dfd, to) })
}

// discard removes the staged entries not renamed into place.
func (x *extractor) discard() {
	for _, st := range x.staged {
		if st.tmp != "" {
			if dfd, err := x.dirs.open(path.Dir(st.tmp)); err == nil {
				_ = removeAt(dfd, path.Base(st.tmp))
			}
		}
	}
	x.staged = nil
}

type dirAttr struct {
	path  string
	mode  uint32 // st_mode's permission, setuid, setgid and sticky bits
	mtime time.Time
}

// pathErr names rel in a system call's error, as os does.
func pathErr(op, rel string, err error) error {
	if err == nil {
		return nil
	}
	return &os.PathError{Op: op, Path: rel, Err: err}
}

func (x *extractor) entry(rel string, f *rpm.File, size int64, nlink uint32, r io.Reader) error {
	// The payload must carry what the header says (rpm -V compares against the header): a
	// regular file's size (but for the empty members of a hard-link set), a symlink's target.
	if f.IsRegular() && size != f.Size && !(nlink > 1 && size == 0) {
		return fmt.Errorf("payload entry has %d bytes, the package header says %d", size, f.Size)
	}
	mtime := time.Unix(int64(f.Mtime), 0)
	switch {
	case f.IsDir():
		// Created with its parents (mode 0755 until finish sets the recorded one).
		if _, err := x.dirs.open(rel); err != nil {
			return err
		}
		x.dirAttrs = append(x.dirAttrs, dirAttr{rel, f.Mode & 0o7777, mtime})
		x.res.Files++
		if x.opts.Owner != nil {
			// The entry itself, not what a symlink there leads to (lchown, as before).
			pfd, err := x.dirs.open(path.Dir(rel))
			if err != nil {
				return err
			}
			uid, gid := x.opts.Owner(f)
			if err := ignoringEINTR(func() error {
				return unix.Fchownat(pfd, path.Base(rel), uid, gid, unix.AT_SYMLINK_NOFOLLOW)
			}); err != nil {
				return pathErr("lchown", rel, err)
			}
			x.dirs.regrouped(gid)
		}
		return nil
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
		dfd, err := x.dirs.open(path.Dir(rel))
		if err != nil {
			return err
		}
		tmp := stageName(rel)
		name := path.Base(tmp)
		err = ignoringEINTR(func() error { return unix.Symlinkat(string(b), dfd, name) })
		if err == unix.EEXIST { // left by an interrupted run
			if err = removeAt(dfd, name); err == nil {
				err = ignoringEINTR(func() error { return unix.Symlinkat(string(b), dfd, name) })
			}
		}
		if err != nil {
			return pathErr("symlinkat", tmp, err)
		}
		x.staged = append(x.staged, staged{tmp: tmp, rel: rel, replace: true})
		// rpm sets a symlink's own mtime to the recorded one (lutimes); the rename keeps it.
		if err := lutimesAt(dfd, name, mtime); err != nil {
			return pathErr("lchtimes", tmp, err)
		}
		x.res.Files++
		if x.opts.Owner != nil {
			uid, gid := x.opts.Owner(f)
			return pathErr("lchown", tmp, ignoringEINTR(func() error {
				return unix.Fchownat(dfd, name, uid, gid, unix.AT_SYMLINK_NOFOLLOW)
			}))
		}
		return nil
	case f.IsRegular():
		// rpm writes a hard-link set's content once, with its last member; the others
		// arrive empty and are linked when the content comes.
		if nlink > 1 && size == 0 && f.Size > 0 {
			if src, ok := x.linkData[f.Inode]; ok {
				return x.link(src, rel)
			}
			if _, err := x.dirs.open(path.Dir(rel)); err != nil { // its directory, as before
				return err
			}
			x.links[f.Inode] = append(x.links[f.Inode], rel)
			return nil
		}
		if err := x.writeFile(rel, f, r, size, mtime); err != nil {
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
		return nil
	default:
		if _, err := x.dirs.open(path.Dir(rel)); err != nil { // its directory, as before
			return err
		}
		x.res.Skipped = append(x.res.Skipped, fmt.Sprintf("%s: device or special file (mode %o) not created", f.Path, f.Mode))
		return nil
	}
}

// link stages dst as a hard link of src (a staged file).
func (x *extractor) link(src, dst string) error {
	sfd, err := x.dirs.open(path.Dir(src))
	if err != nil {
		return err
	}
	dfd, err := x.dirs.open(path.Dir(dst))
	if err != nil {
		return err
	}
	tmp := stageName(dst)
	from, name := path.Base(src), path.Base(tmp)
	ln := func() error { return unix.Linkat(sfd, from, dfd, name, 0) } // 0: a symlink is not followed
	err = ignoringEINTR(ln)
	if err == unix.EEXIST { // left by an interrupted run
		if err = removeAt(dfd, name); err == nil {
			err = ignoringEINTR(ln)
		}
	}
	if err != nil {
		return &os.LinkError{Op: "linkat", Old: src, New: tmp, Err: err}
	}
	x.staged = append(x.staged, staged{tmp: tmp, rel: dst, replace: true})
	x.res.Files++
	return nil
}

// writeFile writes content to a temporary name beside rel and stages the rename into place,
// so a reader never sees a half-written file. Owner, mode, capabilities and mtime are set on
// the open descriptor before the rename (owner first: chown clears setuid bits and
// capabilities): the file appears complete, with its attributes.
func (x *extractor) writeFile(rel string, pf *rpm.File, r io.Reader, size int64, mtime time.Time) error {
	d, err := x.dirs.lookup(path.Dir(rel))
	if err != nil {
		return err
	}
	dfd := d.fd
	tmp := stageName(rel)
	name := path.Base(tmp)
	var fd int
	create := func() (err error) {
		// O_EXCL|O_NOFOLLOW: never through a symlink, never into a file already there.
		fd, err = unix.Openat(dfd, name, unix.O_CREAT|unix.O_EXCL|unix.O_WRONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
		return err
	}
	err = ignoringEINTR(create)
	if err == unix.EEXIST { // left by an interrupted run
		if err = removeAt(dfd, name); err == nil {
			err = ignoringEINTR(create)
		}
	}
	if err != nil {
		return pathErr("open", tmp, err)
	}
	if n := min(max(size, 512), 32<<10); int64(len(x.buf)) < n {
		x.buf = make([]byte, n) // as large as the package's largest file needs, up to 32 KiB
	}
	n, err := io.CopyBuffer(fdWriter(fd), io.LimitReader(r, size), x.buf)
	if err == nil && n != size {
		err = fmt.Errorf("payload ended after %d of %d bytes", n, size)
	} else if err != nil {
		err = pathErr("write", tmp, err)
	}
	if err == nil && x.opts.Owner != nil {
		// Skipped when the new file is uid:gid already (Dirs.ownedAlready).
		if uid, gid := x.opts.Owner(pf); !x.dirs.ownedAlready(d, uid, gid) {
			err = pathErr("chown", tmp, ignoringEINTR(func() error { return unix.Fchown(fd, uid, gid) }))
		}
	}
	if err == nil {
		err = pathErr("chmod", tmp, ignoringEINTR(func() error { return unix.Fchmod(fd, pf.Mode&0o7777) }))
	}
	if err == nil && x.opts.Caps && pf.Caps != "" {
		err = setCaps(fd, pf.Caps)
	}
	if err == nil {
		err = pathErr("futimens", tmp, futimensFd(fd, mtime))
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = pathErr("close", tmp, cerr)
	}
	if err != nil {
		_ = removeAt(dfd, name)
		return err
	}
	x.staged = append(x.staged, staged{tmp: tmp, rel: rel})
	return nil
}

// finish applies directory modes and mtimes deepest first (so writing into a read-only
// directory worked) and reports hard links whose content never came. The directories'
// descriptors are the ones their entries were created with (a symlink at the path was
// followed inside the root, as chmod and utimes follow it).
func (x *extractor) finish() error {
	sort.SliceStable(x.dirAttrs, func(i, j int) bool { return len(x.dirAttrs[i].path) > len(x.dirAttrs[j].path) })
	for _, d := range x.dirAttrs {
		fd, err := x.dirs.open(d.path)
		if err != nil {
			return err
		}
		if err := ignoringEINTR(func() error { return unix.Fchmod(fd, d.mode) }); err != nil {
			return pathErr("chmod", d.path, err)
		}
		if err := futimensFd(fd, d.mtime); err != nil {
			return pathErr("chtimes", d.path, err)
		}
	}
	for ino, ps := range x.links {
		x.res.Warnings = append(x.res.Warnings, fmt.Sprintf("hard link set %d (%s) had no content in the payload", ino, strings.Join(ps, ", ")))
	}
	return nil
}
