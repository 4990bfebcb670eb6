package rpmlua

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"syscall"
	"time"

	lua "github.com/yuin/gopher-lua"
	"golang.org/x/sys/unix"
)

func (st *state) openPosix() {
	L := st.L
	t := L.NewTable()
	L.SetFuncs(t, map[string]lua.LGFunction{
		"access": st.pAccess, "chdir": st.pChdir, "chmod": st.pChmod, "chown": st.pChown,
		"dir": st.pDir, "files": st.pFiles, "getcwd": st.pGetcwd, "mkdir": st.pMkdir,
		"rmdir": st.pRmdir, "unlink": st.pUnlink, "stat": st.pStat, "readlink": st.pReadlink,
		"symlink": st.pSymlink, "link": st.pLink, "utime": st.pUtime, "mkfifo": st.pMkfifo,
		"mkstemp": st.pMkstemp, "umask": st.pUmask,
		"getenv": st.pGetenv, "setenv": st.pSetenv, "unsetenv": st.pUnsetenv, "putenv": st.pPutenv,
		"fork": st.pFork, "exec": st.pExec, "wait": st.pWait, "redirect2null": st.pRedirect2null,
		"getprocessid": st.pGetprocessid, "uname": st.pUname, "sleep": st.pSleep,
		"getpasswd": st.pGetpasswd, "getgroup": st.pGetgroup, "errno": st.pErrno,
		"kill": st.refuse("kill"), "setuid": st.refuse("setuid"), "setgid": st.refuse("setgid"),
		"ctermid":  func(L *lua.LState) int { L.Push(lua.LString("/dev/tty")); return 1 },
		"ttyname":  func(L *lua.LState) int { L.Push(lua.LNil); return 1 },
		"getlogin": func(L *lua.LState) int { L.Push(lua.LString("root")); return 1 },
		"times":    st.pTimes,
	})
	L.SetField(t, "version", lua.LString("posix library for Lua 5.1 (nimbus)"))
	L.SetGlobal("posix", t)
}

// refuse is for what would change the nimbus process itself or reach outside the root.
func (st *state) refuse(name string) lua.LGFunction {
	return func(L *lua.LState) int {
		return pushErr(L, "posix."+name, errors.New("not permitted in a nimbus scriptlet"))
	}
}

func (st *state) pAccess(L *lua.LState) int {
	p := L.CheckString(1)
	mode := L.OptString(2, "f")
	fi, err := st.env.Root.Stat(st.path(p))
	if err != nil {
		return pushErr(L, p, err)
	}
	// The scriptlet runs as root: read and write are granted; execute needs an x bit on a
	// file (any directory can be searched).
	if strings.Contains(mode, "x") && !fi.IsDir() && fi.Mode().Perm()&0o111 == 0 {
		return pushErr(L, p, syscall.EACCES)
	}
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pChdir(L *lua.LState) int {
	p := L.CheckString(1)
	r := st.path(p)
	fi, err := st.env.Root.Stat(r)
	if err == nil && !fi.IsDir() {
		err = syscall.ENOTDIR
	}
	if err != nil {
		return pushErr(L, p, err)
	}
	st.cwd = "/" + strings.TrimPrefix(r, ".")
	st.cwd = path.Clean(st.cwd)
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pGetcwd(L *lua.LState) int {
	L.Push(lua.LString(st.cwd))
	return 1
}

func (st *state) pChmod(L *lua.LState) int {
	p := L.CheckString(1)
	fi, err := st.env.Root.Stat(st.path(p))
	if err != nil {
		return pushErr(L, p, err)
	}
	m, ok := parseMode(L.CheckString(2), unixMode(fi.Mode()))
	if !ok {
		L.ArgError(2, "bad mode")
	}
	return pushResult(L, p, st.env.Root.Chmod(st.path(p), goMode(m)))
}

func (st *state) pChown(L *lua.LState) int {
	p := L.CheckString(1)
	uid, gid := -1, -1
	if v := L.Get(2); v != lua.LNil {
		uid = st.lookupID(v, "etc/passwd")
	}
	if v := L.Get(3); v != lua.LNil {
		gid = st.lookupID(v, "etc/group")
	}
	return pushResult(L, p, st.env.Root.Chown(st.path(p), uid, gid))
}

// lookupID takes a number, or a name looked up in the root's passwd or group file.
func (st *state) lookupID(v lua.LValue, file string) int {
	if n, ok := v.(lua.LNumber); ok {
		return int(n)
	}
	s := v.String()
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	for _, e := range st.readDB(file) {
		if e[0] == s && len(e) > 2 {
			if n, err := strconv.Atoi(e[2]); err == nil {
				return n
			}
		}
	}
	raise(st.L, "unknown user or group %q in the root's /%s", s, file)
	return -1
}

// readDB reads a colon-separated file of the root (/etc/passwd, /etc/group).
func (st *state) readDB(file string) [][]string {
	f, err := st.env.Root.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.Split(l, ":"))
		}
	}
	return out
}

func (st *state) readDir(p string) ([]string, error) {
	f, err := st.env.Root.Open(st.path(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	return append([]string{".", ".."}, names...), nil
}

func (st *state) pDir(L *lua.LState) int {
	p := L.OptString(1, ".")
	names, err := st.readDir(p)
	if err != nil {
		return pushErr(L, p, err)
	}
	t := L.NewTable()
	for _, n := range names {
		t.Append(lua.LString(n))
	}
	L.Push(t)
	return 1
}

func (st *state) pFiles(L *lua.LState) int {
	p := L.OptString(1, ".")
	names, err := st.readDir(p)
	if err != nil {
		return pushErr(L, p, err)
	}
	i := 0
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if i >= len(names) {
			L.Push(lua.LNil)
			return 1
		}
		i++
		L.Push(lua.LString(names[i-1]))
		return 1
	}))
	return 1
}

func (st *state) pMkdir(L *lua.LState) int {
	p := L.CheckString(1)
	return pushResult(L, p, st.env.Root.Mkdir(st.lpath(p), 0o777&^st.umask))
}

func (st *state) pRmdir(L *lua.LState) int {
	p := L.CheckString(1)
	r := st.lpath(p)
	fi, err := st.env.Root.Lstat(r)
	if err == nil && !fi.IsDir() {
		err = syscall.ENOTDIR
	}
	if err == nil {
		err = st.env.Root.Remove(r)
	}
	return pushResult(L, p, err)
}

func (st *state) pUnlink(L *lua.LState) int {
	p := L.CheckString(1)
	r := st.lpath(p)
	fi, err := st.env.Root.Lstat(r)
	if err == nil && fi.IsDir() {
		err = syscall.EISDIR
	}
	if err == nil {
		err = st.env.Root.Remove(r)
	}
	return pushResult(L, p, err)
}

func (st *state) pReadlink(L *lua.LState) int {
	p := L.CheckString(1)
	t, err := st.env.Root.Readlink(st.lpath(p))
	if err != nil {
		return pushErr(L, p, err)
	}
	L.Push(lua.LString(t))
	return 1
}

func (st *state) pSymlink(L *lua.LState) int {
	target, p := L.CheckString(1), L.CheckString(2)
	return pushResult(L, "", st.env.Root.Symlink(target, st.lpath(p))) // lposix names no path here
}

func (st *state) pLink(L *lua.LState) int {
	old, p := L.CheckString(1), L.CheckString(2)
	return pushResult(L, "", st.env.Root.Link(st.lpath(old), st.lpath(p)))
}

func (st *state) pUtime(L *lua.LState) int {
	p := L.CheckString(1)
	now := time.Now()
	mt := time.Unix(L.OptInt64(2, now.Unix()), 0)
	at := time.Unix(L.OptInt64(3, mt.Unix()), 0)
	return pushResult(L, p, st.env.Root.Chtimes(st.path(p), at, mt))
}

// parentFd opens the directory of p inside the root for an *at call with its last name.
func (st *state) parentFd(p string) (*os.File, string, error) {
	r := st.lpath(p)
	dir, base := path.Split(r)
	if dir == "" {
		dir = "."
	}
	if base == "" || base == "." || base == ".." {
		return nil, "", syscall.EINVAL
	}
	d, err := st.env.Root.Open(path.Clean(dir))
	return d, base, err
}

func (st *state) pMkfifo(L *lua.LState) int {
	p := L.CheckString(1)
	d, base, err := st.parentFd(p)
	if err == nil {
		err = unix.Mkfifoat(int(d.Fd()), base, uint32(0o777&^st.umask))
		d.Close()
	}
	return pushResult(L, p, err)
}

func (st *state) pMkstemp(L *lua.LState) int {
	tmpl := L.CheckString(1)
	if !strings.HasSuffix(tmpl, "XXXXXX") {
		L.ArgError(1, "template must end in XXXXXX")
	}
	for range 100 {
		var b [3]byte
		rand.Read(b[:])
		name := strings.TrimSuffix(tmpl, "XXXXXX") + hex.EncodeToString(b[:])
		f, err := st.env.Root.OpenFile(st.lpath(name), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return pushErr(L, tmpl, err)
		}
		L.Push(st.newFile(f, name, true, true))
		L.Push(lua.LString(name))
		return 2
	}
	return pushErr(L, tmpl, fs.ErrExist)
}

// modeString is lposix's rwxrwxrwx form.
func modeString(m fs.FileMode) string {
	u := unixMode(m)
	b := []byte("rwxrwxrwx")
	for i := range 9 {
		if u&(1<<(8-i)) == 0 {
			b[i] = '-'
		}
	}
	if u&0o4000 != 0 {
		b[2] = "Ss"[u>>6&1]
	}
	if u&0o2000 != 0 {
		b[5] = "Ss"[u>>3&1]
	}
	if u&0o1000 != 0 {
		b[8] = "Tt"[u&1]
	}
	return string(b)
}

func (st *state) pUmask(L *lua.LState) int {
	old := st.umask
	if L.GetTop() >= 1 {
		m, ok := parseMode(L.CheckString(1), 0o777&^old)
		if !ok {
			L.ArgError(1, "bad mode")
		}
		st.umask = 0o777 &^ m & 0o777
	}
	L.Push(lua.LString(modeString(0o777 &^ old)))
	return 1
}

func (st *state) pStat(L *lua.LState) int {
	p := L.CheckString(1)
	fi, err := st.env.Root.Lstat(st.lpath(p)) // lposix's stat is lstat
	if err != nil {
		return pushErr(L, p, err)
	}
	t := L.NewTable()
	typ := "regular"
	switch m := fi.Mode(); {
	case m.IsDir():
		typ = "directory"
	case m&fs.ModeSymlink != 0:
		typ = "link"
	case m&fs.ModeNamedPipe != 0:
		typ = "fifo"
	case m&fs.ModeSocket != 0:
		typ = "socket"
	case m&fs.ModeCharDevice != 0:
		typ = "character device"
	case m&fs.ModeDevice != 0:
		typ = "block device"
	}
	t.RawSetString("mode", lua.LString(modeString(fi.Mode())))
	t.RawSetString("type", lua.LString(typ))
	t.RawSetString("size", lua.LNumber(fi.Size()))
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		t.RawSetString("_mode", lua.LNumber(sys.Mode))
		t.RawSetString("ino", lua.LNumber(sys.Ino))
		t.RawSetString("dev", lua.LNumber(sys.Dev))
		t.RawSetString("nlink", lua.LNumber(sys.Nlink))
		t.RawSetString("uid", lua.LNumber(sys.Uid))
		t.RawSetString("gid", lua.LNumber(sys.Gid))
		t.RawSetString("atime", lua.LNumber(sys.Atim.Sec))
		t.RawSetString("mtime", lua.LNumber(sys.Mtim.Sec))
		t.RawSetString("ctime", lua.LNumber(sys.Ctim.Sec))
	}
	if f := L.OptString(2, ""); f != "" {
		L.Push(t.RawGetString(f))
		return 1
	}
	L.Push(t)
	return 1
}

func (st *state) getenv(name string) (string, bool) {
	for i := len(st.environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(st.environ[i], "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}

func (st *state) setenv(name, value string, set bool) {
	out := st.environ[:0]
	for _, e := range st.environ {
		if k, _, _ := strings.Cut(e, "="); k != name {
			out = append(out, e)
		}
	}
	st.environ = out
	if set {
		st.environ = append(st.environ, name+"="+value)
	}
}

func (st *state) pGetenv(L *lua.LState) int {
	if L.GetTop() == 0 {
		t := L.NewTable()
		for _, e := range st.environ {
			k, v, _ := strings.Cut(e, "=")
			t.RawSetString(k, lua.LString(v))
		}
		L.Push(t)
		return 1
	}
	if v, ok := st.getenv(L.CheckString(1)); ok {
		L.Push(lua.LString(v))
	} else {
		L.Push(lua.LNil)
	}
	return 1
}

func (st *state) pSetenv(L *lua.LState) int {
	name := L.CheckString(1)
	if L.Get(2) == lua.LNil {
		st.setenv(name, "", false)
	} else if _, ok := st.getenv(name); !ok || L.OptBool(3, true) {
		st.setenv(name, L.CheckString(2), true)
	}
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pUnsetenv(L *lua.LState) int {
	st.setenv(L.CheckString(1), "", false)
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pPutenv(L *lua.LState) int {
	k, v, ok := strings.Cut(L.CheckString(1), "=")
	st.setenv(k, v, ok)
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pGetprocessid(L *lua.LState) int {
	switch L.OptString(1, "pid") {
	case "pid":
		L.Push(lua.LNumber(os.Getpid()))
	case "ppid":
		L.Push(lua.LNumber(os.Getppid()))
	case "uid", "euid":
		L.Push(lua.LNumber(os.Geteuid()))
	case "gid", "egid":
		L.Push(lua.LNumber(os.Getegid()))
	default:
		L.Push(lua.LNumber(syscall.Getpgrp()))
	}
	return 1
}

func (st *state) pUname(L *lua.LState) int {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return pushErr(L, "uname", err)
	}
	f := L.OptString(1, "%s %n %r %v %m")
	r := strings.NewReplacer("%s", unix.ByteSliceToString(u.Sysname[:]), "%n", unix.ByteSliceToString(u.Nodename[:]),
		"%r", unix.ByteSliceToString(u.Release[:]), "%v", unix.ByteSliceToString(u.Version[:]),
		"%m", unix.ByteSliceToString(u.Machine[:]), "%%", "%")
	L.Push(lua.LString(r.Replace(f)))
	return 1
}

func (st *state) pSleep(L *lua.LState) int {
	d := time.Duration(L.CheckInt64(1)) * time.Second
	select {
	case <-time.After(d):
	case <-st.ctx.Done():
		raise(L, "%v", st.ctx.Err())
	}
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) pTimes(L *lua.LState) int {
	t := L.NewTable()
	for _, k := range []string{"utime", "stime", "cutime", "cstime"} {
		t.RawSetString(k, lua.LNumber(0))
	}
	t.RawSetString("elapsed", lua.LNumber(time.Now().Unix()))
	L.Push(t)
	return 1
}

func (st *state) pErrno(L *lua.LState) int {
	L.Push(lua.LString("Success"))
	L.Push(lua.LNumber(0))
	return 2
}

// pGetpasswd and pGetgroup read the root's files, as getpwnam would after chroot.
func (st *state) pGetpasswd(L *lua.LState) int {
	return st.dbEntry(L, "etc/passwd", []string{"name", "passwd", "uid", "gid", "gecos", "dir", "shell"})
}
func (st *state) pGetgroup(L *lua.LState) int {
	return st.dbEntry(L, "etc/group", []string{"name", "passwd", "gid", "mem"})
}

func (st *state) dbEntry(L *lua.LState, file string, fields []string) int {
	key := L.Get(1)
	want := ""
	if key == lua.LNil {
		want = "0"
	} else {
		want = key.String()
	}
	for _, e := range st.readDB(file) {
		if len(e) < 3 || e[0] != want && e[2] != want {
			continue
		}
		t := L.NewTable()
		for i, f := range fields {
			if i >= len(e) {
				break
			}
			if n, err := strconv.Atoi(e[i]); err == nil && (f == "uid" || f == "gid") {
				t.RawSetString(f, lua.LNumber(n))
			} else if f == "mem" {
				m := L.NewTable()
				for _, u := range strings.Split(e[i], ",") {
					if u != "" {
						m.Append(lua.LString(u))
					}
				}
				t.RawSetString(f, m)
			} else {
				t.RawSetString(f, lua.LString(e[i]))
			}
		}
		if f := L.OptString(2, ""); f != "" {
			L.Push(t.RawGetString(f))
			return 1
		}
		L.Push(t)
		return 1
	}
	L.Push(lua.LNil)
	return 1
}
