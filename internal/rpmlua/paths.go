package rpmlua

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"syscall"

	lua "github.com/yuin/gopher-lua"
)

// rel turns a path as the scriptlet sees it (absolute, or relative to its working
// directory) into a name for os.Root: ".." at the top stays at the top, as after chroot.
func (st *state) rel(p string) string {
	if !path.IsAbs(p) {
		p = path.Join(st.cwd, p)
	}
	p = path.Clean("/" + p)
	if p == "/" {
		return "."
	}
	return p[1:]
}

// errText is what strerror says for err (glibc's capitalized text), or err's own text
// when it carries no errno; errno is the number lposix returns.
func errText(err error) string {
	_, msg := errnoOf(err)
	return msg
}

func errnoOf(err error) (syscall.Errno, string) {
	errno := syscall.EIO
	msg := ""
	var en syscall.Errno
	switch {
	case errors.As(err, &en):
		errno = en
	case errors.Is(err, fs.ErrNotExist):
		errno = syscall.ENOENT
	case errors.Is(err, fs.ErrExist):
		errno = syscall.EEXIST
	case errors.Is(err, fs.ErrPermission):
		errno = syscall.EACCES
	case strings.Contains(err.Error(), "escapes"):
		errno, msg = syscall.EACCES, "path leads out of the install root"
	default:
		msg = err.Error()
	}
	if msg == "" { // glibc's strerror text: Go's, capitalized
		msg = errno.Error()
		if msg != "" && msg[0] >= 'a' && msg[0] <= 'z' {
			msg = string(msg[0]-'a'+'A') + msg[1:]
		}
	}
	return errno, msg
}

// path resolves p for an operation that follows a symlink in its last component (open,
// stat, chmod, ...), lpath for one that acts on the link itself (lstat, unlink, rename,
// ...): every symlink on the way is read and followed as the kernel would after
// chroot(root), an absolute one from the root, ".." stopping at the root, so the name
// handed to os.Root has no symlink left in it (os.Root alone refuses absolute symlinks,
// which chrooted rpm follows: /etc/localtime -> /usr/share/zoneinfo/UTC, the alternatives).
// os.Root still checks every step: a link changed in between is refused, never followed out.
func (st *state) path(p string) string  { return st.resolve(p, true) }
func (st *state) lpath(p string) string { return st.resolve(p, false) }

func (st *state) resolve(p string, followLast bool) string {
	parts := strings.Split(st.rel(p), "/")
	var done []string
	hops := 0
	for i := 0; i < len(parts); i++ {
		c := parts[i]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(done) > 0 {
				done = done[:len(done)-1]
			}
			continue
		}
		cur := strings.Join(append(done, c), "/")
		if i == len(parts)-1 && !followLast {
			done = append(done, c)
			break
		}
		fi, err := st.env.Root.Lstat(cur)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, c)
			continue
		}
		target, err := st.env.Root.Readlink(cur)
		if hops++; err != nil || hops > 40 {
			return st.rel(p) // let os.Root report the loop or the error
		}
		if path.IsAbs(target) {
			done = nil
		}
		parts = append(strings.Split(target, "/"), parts[i+1:]...)
		i = -1
	}
	if len(done) == 0 {
		return "."
	}
	return strings.Join(done, "/")
}

// pushErr returns lposix's failure triple: nil, "info: message", errno.
func pushErr(L *lua.LState, info string, err error) int {
	errno, msg := errnoOf(err)
	L.Push(lua.LNil)
	if info != "" {
		msg = info + ": " + msg
	}
	L.Push(lua.LString(msg))
	L.Push(lua.LNumber(errno))
	return 3
}

// pushResult returns 0 on success (lposix's pushresult), the failure triple otherwise.
func pushResult(L *lua.LState, info string, err error) int {
	if err != nil {
		return pushErr(L, info, err)
	}
	L.Push(lua.LNumber(0))
	return 1
}
