package rpmlua

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"syscall"

	lua "github.com/yuin/gopher-lua"
)

// child is the emulation of posix.fork. Nimbus cannot fork itself, so a fork returns 0
// (the scriptlet takes its child branch) and the child's posix.exec runs the program to its
// end at once, chrooted like rpm.execute; from then on the "child" has exited: assert,
// error and os.exit in it return instead of failing (the code rpm would never reach after
// a successful exec; the first of them called from the function that called exec ends the
// child, after which they fail again), and posix.wait returns the fake pid with the
// program's status. The
// idioms real packages use (glibc's post_exec: fork, exec in the child, wait in the parent;
// `if posix.fork() == 0 then posix.exec(...) end posix.wait()`) behave as under rpm; code
// that relies on the two processes running side by side does not.
type child struct {
	pid      int
	exited   bool
	status   int
	redirect [3]bool // posix.redirect2null(fd) before the exec
	depth    int     // call depth of the exec: only there does an exit or error end the child
	dead     bool    // the child's own exit (after the exec) was taken
}

// stackDepth is the number of active Lua call frames.
func stackDepth(L *lua.LState) int {
	n := 0
	for {
		if _, ok := L.GetStack(n); !ok {
			return n
		}
		n++
	}
}

// childExit reports whether an exit, error or failed assert is the "child" ending after its
// exec, and if so takes it.
func (st *state) childExit(L *lua.LState) bool {
	c := st.child
	if c == nil || !c.exited || c.dead || stackDepth(L) != c.depth {
		return false
	}
	c.dead = true
	return true
}

func (st *state) pFork(L *lua.LState) int {
	if st.child != nil && !st.child.exited {
		raise(L, "posix.fork: a nested fork is not supported by nimbus")
	}
	st.nextPid++
	st.child = &child{pid: st.nextPid}
	L.Push(lua.LNumber(0))
	return 1
}

func argv(L *lua.LState) []string {
	a := []string{L.CheckString(1)}
	for i := 2; i <= L.GetTop(); i++ {
		a = append(a, L.ToStringMeta(L.Get(i)).String())
	}
	return a
}

// run starts argv chrooted into the root and waits for it; it returns the raw wait status.
func (st *state) run(a []string, null [3]bool) (int, error) {
	if st.env.Exec == nil {
		return 0, fmt.Errorf("%s: running programs is not available here", a[0])
	}
	var out, errw io.Writer = st.out, st.out
	if null[1] {
		out = nil
	}
	if null[2] {
		errw = nil
	}
	return st.env.Exec(st.ctx, a, st.environ, st.cwd, out, errw)
}

func (st *state) pExec(L *lua.LState) int {
	if st.child == nil || st.child.exited {
		raise(L, "exec not permitted in this context")
	}
	a := argv(L)
	status, err := st.run(a, st.child.redirect)
	if err != nil {
		if st.ctx.Err() != nil {
			raise(L, "%v", st.ctx.Err())
		}
		fmt.Fprintf(st.out, "posix.exec %s: %v\n", a[0], err)
		status = 127 << 8
	}
	st.child.exited, st.child.status, st.child.depth = true, status, stackDepth(L)
	return 0
}

func (st *state) pWait(L *lua.LState) int {
	c := st.child
	if c == nil {
		return pushErr(L, "", syscall.ECHILD)
	}
	if v := L.Get(1); v != lua.LNil {
		if n, ok := v.(lua.LNumber); ok && int(n) != c.pid && int(n) != -1 {
			return pushErr(L, "", syscall.ECHILD)
		}
	}
	st.child = nil
	L.Push(lua.LNumber(c.pid)) // rpm 4.18's posix.wait returns the pid alone
	return 1
}

func (st *state) pRedirect2null(L *lua.LState) int {
	if st.child == nil || st.child.exited {
		raise(L, "redirect2null not permitted in this context")
	}
	fd := L.CheckInt(1)
	if fd >= 0 && fd < 3 {
		st.child.redirect[fd] = true
	}
	L.Push(lua.LNumber(0))
	return 1
}

func (st *state) assert(L *lua.LState) int {
	if !L.ToBool(1) {
		if st.childExit(L) {
			return 0
		}
		raise(L, "%s", L.OptString(2, "assertion failed!"))
	}
	return L.GetTop()
}

func (st *state) errorf(L *lua.LState) int {
	if st.childExit(L) {
		return 0
	}
	L.Error(L.Get(1), L.OptInt(2, 1))
	return 0
}

// rpmExecute is rpm.execute: 0 when the program exits 0, else nil, strerror-like text and
// the raw wait status (rpm 4.18 passes the status to strerror: "Unknown error 256").
func (st *state) rpmExecute(L *lua.LState) int {
	a := argv(L)
	status, err := st.run(a, [3]bool{})
	if err != nil {
		if st.ctx.Err() != nil {
			raise(L, "%v", st.ctx.Err())
		}
		return pushErr(L, "posix_spawnp", err)
	}
	if status == 0 {
		L.Push(lua.LNumber(0))
		return 1
	}
	L.Push(lua.LNil)
	L.Push(lua.LString(fmt.Sprintf("Unknown error %d", status)))
	L.Push(lua.LNumber(status))
	return 3
}

func (st *state) openOS() {
	L := st.L
	t := L.GetGlobal("os").(*lua.LTable)
	L.SetFuncs(t, map[string]lua.LGFunction{
		"exit": func(L *lua.LState) int {
			if st.child != nil && !st.child.dead {
				st.child.dead = true
				if !st.child.exited {
					code := 0
					switch v := L.Get(1); v := v.(type) {
					case lua.LNumber:
						code = int(v)
					case lua.LBool:
						if !v {
							code = 1
						}
					}
					st.child.exited, st.child.status = true, code<<8
				}
				return 0
			}
			raise(L, "exit not permitted in this context")
			return 0
		},
		"remove": func(L *lua.LState) int {
			p := L.CheckString(1)
			if err := st.env.Root.Remove(st.lpath(p)); err != nil {
				return pushErr(L, p, err)
			}
			L.Push(lua.LTrue)
			return 1
		},
		"rename": func(L *lua.LState) int {
			a, b := L.CheckString(1), L.CheckString(2)
			if err := st.env.Root.Rename(st.lpath(a), st.lpath(b)); err != nil {
				return pushErr(L, "", err) // Lua 5.3's os.rename names no file
			}
			L.Push(lua.LTrue)
			return 1
		},
		"getenv": func(L *lua.LState) int {
			if v, ok := st.getenv(L.CheckString(1)); ok {
				L.Push(lua.LString(v))
			} else {
				L.Push(lua.LNil)
			}
			return 1
		},
		"tmpname": func(L *lua.LState) int {
			f, name, err := st.tmpFile()
			if err != nil {
				raise(L, "unable to generate a unique filename: %v", err)
			}
			f.Close()
			L.Push(lua.LString(name))
			return 1
		},
		"execute": func(L *lua.LState) int {
			if L.GetTop() == 0 {
				L.Push(lua.LTrue)
				return 1
			}
			status, err := st.run([]string{"/bin/sh", "-c", L.CheckString(1)}, [3]bool{})
			if err != nil {
				if st.ctx.Err() != nil {
					raise(L, "%v", st.ctx.Err())
				}
				return pushErr(L, "/bin/sh", err)
			}
			ws := syscall.WaitStatus(status)
			if ws.Signaled() {
				L.Push(lua.LNil)
				L.Push(lua.LString("signal"))
				L.Push(lua.LNumber(ws.Signal()))
				return 3
			}
			if ws.ExitStatus() == 0 {
				L.Push(lua.LTrue)
			} else {
				L.Push(lua.LNil)
			}
			L.Push(lua.LString("exit"))
			L.Push(lua.LNumber(ws.ExitStatus()))
			return 3
		},
	})
	t.RawSetString("setenv", lua.LNil) // a gopher-lua extension that would change nimbus's environment
}

// tmpFile makes a new file under the root's /tmp (Lua 5.3's os.tmpname, io.tmpfile).
func (st *state) tmpFile() (*os.File, string, error) {
	if err := st.env.Root.MkdirAll("tmp", 0o1777); err != nil {
		return nil, "", err
	}
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := "/tmp/lua_" + hex.EncodeToString(b[:])
		f, err := st.env.Root.OpenFile(st.lpath(name), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, name, nil
		}
	}
	return nil, "", os.ErrExist
}
