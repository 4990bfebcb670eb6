package tmpfiles

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"golang.org/x/sys/unix"
)

// Options say which of systemd-tmpfiles' actions run.
type Options struct {
	// Boot includes the lines marked "!" (as --boot).
	Boot bool
	// Remove runs r/R lines and empties D directories (as --remove).
	Remove bool
}

// Result lists what failed (each naming file and line) and the lines of types Nimbus does
// not apply (extended attributes, file attributes, ACLs: t T h H a A), once per type.
type Result struct {
	Errors  []error
	Skipped []string
}

// applier carries one Apply's root and account tables.
type applier struct {
	root          *os.Root
	users, groups map[string]int
	res           *Result
}

// Apply creates, adjusts and removes what items declare inside root, in path order
// (parents first; at one path, removal before creation before adjustment; lines with
// glob patterns after all others), as
// `systemd-tmpfiles --create [--remove] [--boot]`: f F w d D e v q Q p L c b C create or
// write (v q Q as plain directories), z Z adjust mode and owner of existing paths (Z
// recursively), r R remove, x X only exclude from the age cleanup (not run here). Users
// and groups are looked up in the root's /etc/passwd and /etc/group. A failing line is
// reported and the others still applied ("-" lines' creation failures are not reported).
func Apply(root *os.Root, items []Item, opt Options) *Result {
	a := &applier{root: root, res: &Result{}}
	a.users, a.groups = idTable(root, "etc/passwd"), idTable(root, "etc/group")
	sorted := make([]Item, 0, len(items))
	for _, it := range items {
		if it.Boot && !opt.Boot {
			continue
		}
		sorted = append(sorted, it)
	}
	phase := func(t byte) int {
		switch t {
		case 'r', 'R':
			return 0
		case 'z', 'Z', 'e', 'x', 'X', 'a', 'A', 't', 'T', 'h', 'H':
			return 2
		}
		return 1
	}
	sort.SliceStable(sorted, func(i, j int) bool {
		// Lines with globs after all others, as systemd-tmpfiles does them in a second pass.
		if gi, gj := hasGlob(sorted[i].Path), hasGlob(sorted[j].Path); gi != gj {
			return gj
		}
		if sorted[i].Path != sorted[j].Path {
			return sorted[i].Path < sorted[j].Path
		}
		return phase(sorted[i].Type) < phase(sorted[j].Type)
	})
	skipped := map[byte]bool{}
	for _, it := range sorted {
		var err error
		switch it.Type {
		case 'r', 'R':
			if opt.Remove {
				err = a.remove(it)
			}
		case 'd', 'D', 'v', 'q', 'Q':
			err = a.dir(it, opt)
		case 'e':
			err = a.glob(it, func(p string) error { return a.perms(it, p, false) })
		case 'f', 'F', 'w':
			err = a.file(it)
		case 'L':
			err = a.symlink(it)
		case 'p', 'c', 'b':
			err = a.node(it)
		case 'C':
			err = a.copy(it)
		case 'z', 'Z':
			err = a.glob(it, func(p string) error {
				if it.Type == 'z' {
					return a.perms(it, p, false)
				}
				return fs.WalkDir(root.FS(), p, func(q string, _ fs.DirEntry, err error) error {
					if err != nil {
						return err
					}
					return a.perms(it, q, false)
				})
			})
		case 'x', 'X':
		default:
			if !skipped[it.Type] {
				skipped[it.Type] = true
				a.res.Skipped = append(a.res.Skipped, fmt.Sprintf("%c (first at %s:%d)", it.Type, it.File, it.Line))
			}
		}
		if err != nil && !(it.Minus && phase(it.Type) == 1) {
			a.res.Errors = append(a.res.Errors, &LineError{it.File, it.Line, fmt.Sprintf("%s: %v", it.Path, err)})
		}
	}
	return a.res
}

func rel(p string) string {
	if r := strings.TrimPrefix(path.Clean(p), "/"); r != "" {
		return r
	}
	return "."
}

func hasGlob(p string) bool { return strings.ContainsAny(p, "*?[") }

// glob runs fn on every existing path the item's (possibly globbed) path names.
func (a *applier) glob(it Item, fn func(rel string) error) error {
	if !hasGlob(it.Path) {
		if _, err := a.root.Lstat(rel(it.Path)); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fn(rel(it.Path))
	}
	ms, err := fs.Glob(a.root.FS(), rel(it.Path))
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range ms {
		errs = append(errs, fn(m))
	}
	return errors.Join(errs...)
}

func (a *applier) remove(it Item) error {
	return a.glob(it, func(p string) error {
		if it.Type == 'R' {
			return a.root.RemoveAll(p)
		}
		err := a.root.Remove(p)
		if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
			return nil // r leaves non-empty directories, as systemd does
		}
		return err
	})
}

func (a *applier) dir(it Item, opt Options) error {
	p := rel(it.Path)
	if err := a.root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	created := false
	st, err := a.root.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := a.root.Mkdir(p, 0o700); err != nil {
			return err
		}
		created = true
	case err != nil:
		return err
	case !st.IsDir():
		if st.Mode()&fs.ModeSymlink != 0 {
			if t, err := a.root.Stat(p); err == nil && t.IsDir() {
				return nil // a link to a directory is left alone
			}
		}
		return fmt.Errorf("exists and is not a directory")
	}
	if it.Type == 'D' && opt.Remove && !created {
		ents, err := fs.ReadDir(a.root.FS(), p)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if err := a.root.RemoveAll(path.Join(p, e.Name())); err != nil {
				return err
			}
		}
	}
	return a.perms(it, p, created)
}

func (a *applier) file(it Item) error {
	p := rel(it.Path)
	if it.Type == 'w' {
		return a.glob(it, func(p string) error {
			flag := os.O_WRONLY | os.O_TRUNC
			if it.Plus {
				flag = os.O_WRONLY | os.O_APPEND
			}
			f, err := a.root.OpenFile(p, flag, 0)
			if err != nil {
				return err
			}
			_, err = io.WriteString(f, it.Arg)
			return errors.Join(err, f.Close())
		})
	}
	if err := a.root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	truncate := it.Type == 'F' || it.Plus
	flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	created := true
	f, err := a.root.OpenFile(p, flag, 0o600)
	if errors.Is(err, fs.ErrExist) {
		created = false
		if st, err := a.root.Lstat(p); err == nil && !st.Mode().IsRegular() {
			return fmt.Errorf("exists and is not a regular file")
		}
		if !truncate {
			return a.perms(it, p, false)
		}
		f, err = a.root.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	}
	if err != nil {
		return err
	}
	if it.Arg != "" && !it.Cred {
		_, err = io.WriteString(f, it.Arg)
	}
	if err := errors.Join(err, f.Close()); err != nil {
		return err
	}
	return a.perms(it, p, created)
}

func (a *applier) symlink(it Item) error {
	p := rel(it.Path)
	target := it.Arg
	if target == "" {
		target = path.Join("/usr/share/factory", it.Path)
	}
	if err := a.root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	if old, err := a.root.Readlink(p); err == nil {
		if old == target {
			return nil
		}
		if !it.Plus {
			return fmt.Errorf("exists as a link to %s, not %s", old, target)
		}
	} else if _, err := a.root.Lstat(p); err == nil && !it.Plus {
		return fmt.Errorf("exists and is not a symlink")
	}
	if it.Plus {
		if err := a.root.RemoveAll(p); err != nil {
			return err
		}
	}
	return a.root.Symlink(target, p)
}

func (a *applier) node(it Item) error {
	p := rel(it.Path)
	if err := a.root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	if _, err := a.root.Lstat(p); err == nil {
		if !it.Plus {
			return a.perms(it, p, false)
		}
		if err := a.root.Remove(p); err != nil {
			return err
		}
	}
	dir, err := a.root.Open(path.Dir(p))
	if err != nil {
		return err
	}
	defer dir.Close()
	mode := uint32(0o644)
	if it.ModeSet {
		mode = it.Mode
	}
	switch it.Type {
	case 'p':
		err = unix.Mkfifoat(int(dir.Fd()), path.Base(p), mode)
	default:
		maj, min, _ := parseDev(it.Arg)
		kind := uint32(unix.S_IFCHR)
		if it.Type == 'b' {
			kind = unix.S_IFBLK
		}
		err = unix.Mknodat(int(dir.Fd()), path.Base(p), kind|mode, int(unix.Mkdev(maj, min)))
	}
	if err != nil {
		return err
	}
	return a.perms(it, p, true)
}

// copy is C: the source tree (default /usr/share/factory/PATH) copied when the path does
// not exist yet.
func (a *applier) copy(it Item) error {
	p := rel(it.Path)
	if _, err := a.root.Lstat(p); err == nil && !it.Plus {
		return nil
	}
	src := it.Arg
	if src == "" {
		src = path.Join("/usr/share/factory", it.Path)
	}
	if err := a.root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	return fs.WalkDir(a.root.FS(), rel(src), func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := path.Join(p, strings.TrimPrefix(q, rel(src)))
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			if err := a.root.Mkdir(dst, info.Mode().Perm()); err != nil && !errors.Is(err, fs.ErrExist) {
				return err
			}
		case info.Mode()&fs.ModeSymlink != 0:
			t, err := a.root.Readlink(q)
			if err != nil {
				return err
			}
			return a.root.Symlink(t, dst)
		case info.Mode().IsRegular():
			b, err := a.root.ReadFile(q)
			if err != nil {
				return err
			}
			return a.root.WriteFile(dst, b, info.Mode().Perm())
		}
		return nil
	})
}

// perms sets the item's mode and owner on p: on a new file always (default mode for the
// type when none is given, owner root when none is given), on an existing one only what
// the line sets and does not restrict to creation (":" prefixes).
func (a *applier) perms(it Item, p string, created bool) error {
	st, err := a.root.Lstat(p)
	if err != nil {
		return err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	uid, gid := -1, -1
	if it.User != "" && (created || !it.UserOnCreate) {
		if uid, err = a.lookup(a.users, it.User); err != nil {
			return err
		}
	} else if created {
		uid = 0
	}
	if it.Group != "" && (created || !it.GroupOnCreate) {
		if gid, err = a.lookup(a.groups, it.Group); err != nil {
			return err
		}
	} else if created {
		gid = 0
	}
	if uid >= 0 || gid >= 0 {
		if err := a.root.Lchown(p, uid, gid); err != nil {
			return err
		}
	}
	var mode uint32
	switch {
	case it.ModeSet && (created || !it.ModeOnCreate):
		mode = it.Mode
		if it.ModeMask && !created { // "~": as systemd, drop the bits the existing file has none of
			old := uint32(st.Mode().Perm())
			for _, bits := range []uint32{0o111, 0o222, 0o444} {
				if old&bits == 0 {
					mode &^= bits
				}
			}
			if !st.IsDir() {
				mode &^= 0o7000
			}
		}
	case created:
		mode = 0o644
		if st.IsDir() {
			mode = 0o755
		}
	default:
		return nil
	}
	return a.root.Chmod(p, fsutil.ModeFromUnix(mode))
}

func (a *applier) lookup(table map[string]int, name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil {
		return n, nil
	}
	if id, ok := table[name]; ok {
		return id, nil
	}
	return 0, fmt.Errorf("unknown user or group %q (not in the root's /etc/passwd or /etc/group)", name)
}

func idTable(root *os.Root, p string) map[string]int {
	m := map[string]int{}
	b, err := root.ReadFile(p)
	if err != nil {
		return m
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, ":")
		if len(f) > 2 {
			if n, err := strconv.Atoi(f[2]); err == nil {
				m[f[0]] = n
			}
		}
	}
	return m
}
