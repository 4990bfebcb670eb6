package rpmlua

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

const fileType = "FILE*"

// file is an io library file: one opened inside the root, or the scriptlet's stdin, stdout
// or stderr.
type file struct {
	f      *os.File // nil for the standard streams
	r      *bufio.Reader
	w      io.Writer
	name   string
	closed bool
	std    bool
}

func (st *state) newFile(f *os.File, name string, readable, writable bool) *lua.LUserData {
	fl := &file{f: f, name: name}
	if readable {
		fl.r = bufio.NewReader(f)
	}
	if writable {
		fl.w = f
	}
	ud := st.L.NewUserData()
	ud.Value = fl
	st.L.SetMetatable(ud, st.L.GetTypeMetatable(fileType))
	return ud
}

func (st *state) stdFile(r io.Reader, w io.Writer, name string) *lua.LUserData {
	fl := &file{w: w, name: name, std: true}
	if r != nil {
		fl.r = bufio.NewReader(r)
	}
	ud := st.L.NewUserData()
	ud.Value = fl
	st.L.SetMetatable(ud, st.L.GetTypeMetatable(fileType))
	return ud
}

func checkFile(L *lua.LState, n int) *file {
	ud := L.CheckUserData(n)
	fl, ok := ud.Value.(*file)
	if !ok {
		L.ArgError(n, "file expected")
	}
	if fl.closed {
		raise(L, "attempt to use a closed file")
	}
	return fl
}

// sync drops what the reader buffered ahead, so a write or seek lands where Lua expects.
func (fl *file) sync() {
	if fl.f != nil && fl.r != nil && fl.r.Buffered() > 0 {
		fl.f.Seek(int64(-fl.r.Buffered()), io.SeekCurrent)
		fl.r.Reset(fl.f)
	}
}

func (st *state) openIO() {
	L := st.L
	mt := L.NewTypeMetatable(fileType)
	methods := L.SetFuncs(L.NewTable(), map[string]lua.LGFunction{
		"read":  func(L *lua.LState) int { return st.read(L, checkFile(L, 1), 2) },
		"write": func(L *lua.LState) int { return st.write(L, checkFile(L, 1), 2, L.Get(1)) },
		"lines": func(L *lua.LState) int { return st.lines(L, checkFile(L, 1), false) },
		"close": func(L *lua.LState) int { return closeFile(L, checkFile(L, 1)) },
		"flush": func(L *lua.LState) int { checkFile(L, 1); L.Push(L.Get(1)); return 1 },
		"setvbuf": func(L *lua.LState) int {
			checkFile(L, 1)
			L.Push(lua.LTrue)
			return 1
		},
		"seek": func(L *lua.LState) int {
			fl := checkFile(L, 1)
			if fl.f == nil {
				return pushErr(L, fl.name, errors.New("illegal seek"))
			}
			whence := map[string]int{"set": io.SeekStart, "cur": io.SeekCurrent, "end": io.SeekEnd}[L.OptString(2, "cur")]
			fl.sync()
			pos, err := fl.f.Seek(L.OptInt64(3, 0), whence)
			if err != nil {
				return pushErr(L, fl.name, err)
			}
			if fl.r != nil {
				fl.r.Reset(fl.f)
			}
			L.Push(lua.LNumber(pos))
			return 1
		},
	})
	L.SetField(mt, "__index", methods)
	L.SetField(mt, "__tostring", L.NewFunction(func(L *lua.LState) int {
		fl := L.CheckUserData(1).Value.(*file)
		if fl.closed {
			L.Push(lua.LString("file (closed)"))
		} else {
			L.Push(lua.LString("file (" + fl.name + ")"))
		}
		return 1
	}))

	stdin := st.stdFile(strings.NewReader(""), nil, "stdin") // rpm's stdin: nothing to read
	stdout := st.stdFile(nil, st.out, "stdout")
	stderr := st.stdFile(nil, st.out, "stderr")
	input, output := stdin, stdout
	t := L.NewTable()
	L.SetFuncs(t, map[string]lua.LGFunction{
		"open": st.ioOpen,
		"close": func(L *lua.LState) int {
			if L.GetTop() == 0 {
				return closeFile(L, output.Value.(*file))
			}
			return closeFile(L, checkFile(L, 1))
		},
		"read":  func(L *lua.LState) int { return st.read(L, input.Value.(*file), 1) },
		"write": func(L *lua.LState) int { return st.write(L, output.Value.(*file), 1, output) },
		"lines": func(L *lua.LState) int {
			if L.GetTop() == 0 {
				return st.lines(L, input.Value.(*file), false)
			}
			n := L.CheckString(1)
			f, err := st.env.Root.Open(st.path(n))
			if err != nil {
				raise(L, "cannot open file '%s' (%s)", n, errText(err))
			}
			return st.lines(L, st.newFile(f, n, true, false).Value.(*file), true)
		},
		"input": func(L *lua.LState) int {
			input = st.redirect(L, input, "r")
			L.Push(input)
			return 1
		},
		"output": func(L *lua.LState) int {
			output = st.redirect(L, output, "w")
			L.Push(output)
			return 1
		},
		"type": func(L *lua.LState) int {
			ud, ok := L.Get(1).(*lua.LUserData)
			if fl, isFile := func() (*file, bool) {
				if !ok {
					return nil, false
				}
				fl, ok := ud.Value.(*file)
				return fl, ok
			}(); !isFile {
				L.Push(lua.LNil)
			} else if fl.closed {
				L.Push(lua.LString("closed file"))
			} else {
				L.Push(lua.LString("file"))
			}
			return 1
		},
		"popen": func(L *lua.LState) int {
			return pushErr(L, "io.popen", errors.New("not supported in nimbus: use rpm.execute"))
		},
		"tmpfile": func(L *lua.LState) int {
			f, name, err := st.tmpFile()
			if err != nil {
				return pushErr(L, "tmpfile", err)
			}
			st.env.Root.Remove(st.lpath(name))
			L.Push(st.newFile(f, name, true, true))
			return 1
		},
	})
	t.RawSetString("stdin", stdin)
	t.RawSetString("stdout", stdout)
	t.RawSetString("stderr", stderr)
	L.SetGlobal("io", t)
}

// redirect is io.input/io.output: a file name opens it inside the root.
func (st *state) redirect(L *lua.LState, cur *lua.LUserData, mode string) *lua.LUserData {
	switch v := L.Get(1).(type) {
	case lua.LString:
		f, err := st.openMode(string(v), mode)
		if err != nil {
			raise(L, "%s: %v", string(v), err)
		}
		return st.newFile(f, string(v), mode == "r", mode != "r")
	case *lua.LUserData:
		checkFile(L, 1)
		return v
	}
	return cur
}

var openFlags = map[string]int{
	"r": os.O_RDONLY, "w": os.O_WRONLY | os.O_CREATE | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREATE | os.O_APPEND,
	"r+": os.O_RDWR, "w+": os.O_RDWR | os.O_CREATE | os.O_TRUNC, "a+": os.O_RDWR | os.O_CREATE | os.O_APPEND,
}

func (st *state) openMode(name, mode string) (*os.File, error) {
	m := strings.ReplaceAll(mode, "b", "")
	flag, ok := openFlags[m]
	if !ok {
		return nil, errors.New("invalid mode " + strconv.Quote(mode))
	}
	return st.env.Root.OpenFile(st.path(name), flag, 0o666&^st.umask)
}

func (st *state) ioOpen(L *lua.LState) int {
	name := L.CheckString(1)
	mode := L.OptString(2, "r")
	if _, ok := openFlags[strings.ReplaceAll(mode, "b", "")]; !ok {
		L.ArgError(2, "invalid mode")
	}
	f, err := st.openMode(name, mode)
	if err != nil {
		return pushErr(L, name, err)
	}
	m := strings.ReplaceAll(mode, "b", "")
	L.Push(st.newFile(f, name, m == "r" || strings.HasSuffix(m, "+"), m != "r"))
	return 1
}

func closeFile(L *lua.LState, fl *file) int {
	if fl.std {
		L.Push(lua.LNil)
		L.Push(lua.LString("cannot close standard file"))
		return 2
	}
	fl.closed = true
	if err := fl.f.Close(); err != nil {
		return pushErr(L, fl.name, err)
	}
	L.Push(lua.LTrue)
	return 1
}

func (st *state) write(L *lua.LState, fl *file, from int, self lua.LValue) int {
	if fl.w == nil {
		return pushErr(L, fl.name, errors.New("Bad file descriptor"))
	}
	fl.sync()
	for i := from; i <= L.GetTop(); i++ {
		var s string
		switch v := L.Get(i).(type) {
		case lua.LString:
			s = string(v)
		case lua.LNumber:
			s = numString(v)
		default:
			L.ArgError(i, "string expected, got "+v.Type().String())
		}
		if _, err := io.WriteString(fl.w, s); err != nil {
			return pushErr(L, fl.name, err)
		}
	}
	L.Push(self)
	return 1
}

// read implements the read formats of Lua 5.1 and 5.3: "*a"/"a", "*l"/"l", "*L"/"L",
// "*n"/"n" and a byte count.
func (st *state) read(L *lua.LState, fl *file, from int) int {
	if fl.r == nil {
		return pushErr(L, fl.name, errors.New("Bad file descriptor"))
	}
	fl.sync()
	top := L.GetTop()
	if top < from {
		L.Push(readLine(fl.r, false))
		return 1
	}
	n := 0
	for i := from; i <= top; i++ {
		var v lua.LValue
		switch a := L.Get(i).(type) {
		case lua.LNumber:
			v = readN(fl.r, int(a))
		default:
			f := strings.TrimPrefix(L.CheckString(i), "*")
			switch {
			case strings.HasPrefix(f, "a"):
				b, _ := io.ReadAll(fl.r)
				v = lua.LString(b)
			case strings.HasPrefix(f, "l"):
				v = readLine(fl.r, false)
			case strings.HasPrefix(f, "L"):
				v = readLine(fl.r, true)
			case strings.HasPrefix(f, "n"):
				var x float64
				var s string
				for {
					c, err := fl.r.ReadByte()
					if err != nil {
						break
					}
					if s == "" && (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
						continue
					}
					if !strings.ContainsRune("0123456789+-.eExXabcdefABCDEF", rune(c)) {
						fl.r.UnreadByte()
						break
					}
					s += string(c)
				}
				if p, err := strconv.ParseFloat(s, 64); err == nil {
					x = p
					v = lua.LNumber(x)
				} else {
					v = lua.LNil
				}
			default:
				L.ArgError(i, "invalid format")
			}
		}
		L.Push(v)
		n++
		if v == lua.LNil {
			break
		}
	}
	return n
}

func readLine(r *bufio.Reader, keep bool) lua.LValue {
	s, err := r.ReadString('\n')
	if err != nil && s == "" {
		return lua.LNil
	}
	if !keep {
		s = strings.TrimSuffix(s, "\n")
	}
	return lua.LString(s)
}

func readN(r *bufio.Reader, n int) lua.LValue {
	if n <= 0 {
		if _, err := r.Peek(1); err != nil {
			return lua.LNil
		}
		return lua.LString("")
	}
	b := make([]byte, min(n, 1<<20))
	k, _ := io.ReadFull(r, b)
	if k == 0 {
		return lua.LNil
	}
	return lua.LString(b[:k])
}

func (st *state) lines(L *lua.LState, fl *file, closeAtEOF bool) int {
	L.Push(L.NewFunction(func(L *lua.LState) int {
		if fl.closed {
			raise(L, "file is already closed")
		}
		v := readLine(fl.r, false)
		if v == lua.LNil && closeAtEOF {
			fl.closed = true
			fl.f.Close()
		}
		L.Push(v)
		return 1
	}))
	return 1
}
