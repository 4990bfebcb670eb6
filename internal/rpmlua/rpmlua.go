// Package rpmlua runs rpm's built-in Lua scriptlets and triggers (`-p <lua>`) inside an
// install root, in-process, as rpm 4.18 runs them after chroot(root): the globals `arg`,
// `macros`, the `rpm` and `posix` extensions and the `io` and `os` libraries, with every
// path they touch resolved inside the root through one os.Root, and every program they
// start run chrooted into the root by the caller's Exec. The interpreter is gopher-lua
// (Lua 5.1); docs/txn.md lists where that differs from rpm's Lua 5.3/5.4.
package rpmlua

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// ExecFunc runs argv chrooted into the root, with env and the working directory dir (a
// path inside the root), its stdout and stderr to the writers (nil: /dev/null), and returns
// its raw wait status (exit code << 8, or the signal number), or an error when it could not
// be started.
type ExecFunc func(ctx context.Context, argv, env []string, dir string, stdout, stderr io.Writer) (int, error)

// Script is one Lua scriptlet to run.
type Script struct {
	Package string // NEVRA, for messages
	Kind    string // "post", "triggerin", ...: the chunk is named "%post(NEVRA)" as rpm names it
	Body    string
	Args    []int    // $1 [$2]: arg[2], arg[3] (arg[1] is "<lua>", as rpm 4.18 passes it)
	Files   []string // a file trigger's files: rpm.next_file() returns them one by one

	chunk string // the chunk name, when not rpm's "%kind(package)"
}

// Env is where and how a scriptlet runs.
type Env struct {
	Root    *os.Root      // the install root; every path resolves inside it
	Exec    ExecFunc      // programs started by rpm.execute, posix.exec, os.execute
	Output  io.Writer     // print, io.write, io.stdout and io.stderr; nil discards
	Timeout time.Duration // default 5 minutes
	Environ []string      // the scriptlet's environment (posix.getenv, programs' environment)
	Arch    string        // rpm's %_arch (default: the machine's)
	// MaxMemory stops a scriptlet whose allocations grow the heap by more than this
	// (default DefaultMaxMemory): it runs inside nimbus, not in a process of its own.
	MaxMemory uint64
}

// DefaultMaxMemory is the heap growth a Lua scriptlet may cause.
const DefaultMaxMemory = 1 << 30

var errMemory = errors.New("memory limit")

// watchMemory cancels the scriptlet when the heap grows past limit over what it was when
// the scriptlet started; the interpreter checks ctx before every instruction.
func watchMemory(ctx context.Context, limit uint64, cancel context.CancelCauseFunc) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			metrics.Read(sample)
			if sample[0].Value.Uint64() > base+limit {
				cancel(errMemory)
				return
			}
		}
	}
}

// Error is a failing Lua scriptlet: it did not compile, raised an error, ran out of time
// or made the interpreter panic.
type Error struct {
	Package, Kind string
	Msg           string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s scriptlet of %s failed: %s", e.Kind, e.Package, e.Msg)
}

// Run runs s. A Lua error, a syntax error, the timeout and a panic of the interpreter all
// come back as an *Error; nothing of the scriptlet escapes the root or ends the process.
func Run(ctx context.Context, env Env, s Script) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{s.Package, s.Kind, fmt.Sprintf("the Lua interpreter failed: %v", r)}
		}
	}()
	timeout := env.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	limit := env.MaxMemory
	if limit == 0 {
		limit = DefaultMaxMemory
	}
	ctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	go watchMemory(ctx, limit, cancelCause)
	st := newState(ctx, env, s)
	defer st.L.Close()
	if len(s.Body) > maxBody {
		return &Error{s.Package, s.Kind, fmt.Sprintf("the scriptlet is larger than %d MiB", maxBody>>20)}
	}
	fn, lerr := compile(st.L, s)
	if lerr != nil {
		return &Error{s.Package, s.Kind, "invalid syntax in lua scriptlet: " + strings.TrimSpace(lerr.Error())}
	}
	st.L.Push(fn)
	if perr := st.L.PCall(0, 0, nil); perr != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return &Error{s.Package, s.Kind, fmt.Sprintf("killed after %s", timeout)}
		}
		if errors.Is(context.Cause(ctx), errMemory) {
			return &Error{s.Package, s.Kind, fmt.Sprintf("stopped: it used more than %d MiB of memory", limit>>20)}
		}
		if ctx.Err() != nil {
			return &Error{s.Package, s.Kind, ctx.Err().Error()}
		}
		msg := perr.Error()
		var ae *lua.ApiError
		if errors.As(perr, &ae) {
			msg = ae.Object.String()
		}
		return &Error{s.Package, s.Kind, "lua script failed: " + msg}
	}
	return nil
}

// compile parses the body and compiles it; a panic of the parser on hostile bytes is an
// error too, and so is nesting deeper than maxSyntaxDepth: gopher-lua's compiler recurses
// once per level, and a body of a million "{" would overflow the goroutine's stack, a
// fatal error no recover catches (real Lua stops at 200 levels: "too many syntax levels").
func compile(L *lua.LState, s Script) (fn *lua.LFunction, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser failed: %v", r)
		}
	}()
	name := s.chunk
	if name == "" {
		kind := s.Kind
		if kind == "pre" {
			kind = "prein" // rpm's name for the %pre slot
		}
		name = `[string "%` + kind + "(" + s.Package + `)"]`
	}
	chunk, err := parse.Parse(strings.NewReader(s.Body), name)
	if err != nil {
		return nil, err
	}
	if tooDeep(reflect.ValueOf(chunk), 0) {
		return nil, fmt.Errorf("%s: chunk has too many syntax levels (more than %d)", name, maxSyntaxDepth)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, err
	}
	return L.NewFunctionFromProto(proto), nil
}

// maxBody bounds a scriptlet's size: parsing is not interrupted by the timeout, and takes
// seconds per megabyte on the worst inputs. Real scriptlets are a few kilobytes.
const maxBody = 16 << 20

// maxSyntaxDepth bounds how deep expressions and blocks nest.
const maxSyntaxDepth = 2000

// tooDeep walks the syntax tree, one level per node, and stops past maxSyntaxDepth (so its
// own recursion is bounded too).
func tooDeep(v reflect.Value, depth int) bool {
	if depth > maxSyntaxDepth {
		return true
	}
	switch v.Kind() {
	case reflect.Interface:
		return !v.IsNil() && tooDeep(v.Elem(), depth)
	case reflect.Pointer:
		return !v.IsNil() && tooDeep(v.Elem(), depth+1)
	case reflect.Struct:
		for i := range v.NumField() {
			if tooDeep(v.Field(i), depth) {
				return true
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if tooDeep(v.Index(i), depth) {
				return true
			}
		}
	}
	return false
}

// Check parses body as rpm's rpmluaCheckScript does, for fuzzing and for callers that want
// to know before running; it never panics.
func Check(body string) error {
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	_, err := compile(L, Script{Kind: "check", Body: body})
	return err
}

// state is one scriptlet's interpreter and the process state it sees (rpm's, after chroot).
type state struct {
	ctx     context.Context
	L       *lua.LState
	env     Env
	s       Script
	cwd     string      // absolute, as the root sees it
	umask   fs.FileMode // rpm runs scriptlets with umask 022
	environ []string
	out     io.Writer
	macros  *macros
	next    int // rpm.next_file position
	child   *child
	nextPid int
}

func newState(ctx context.Context, env Env, s Script) *state {
	out := env.Output
	if out == nil {
		out = io.Discard
	}
	st := &state{ctx: ctx, env: env, s: s, cwd: "/", umask: processUmask(), out: out,
		environ: append([]string(nil), env.Environ...), nextPid: 100000}
	L := lua.NewState(lua.Options{SkipOpenLibs: true, CallStackSize: 1000, RegistrySize: 1024 * 20, RegistryMaxSize: 1024 * 1024})
	st.L = L
	L.SetContext(ctx)
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath}, {lua.CoroutineLibName, lua.OpenCoroutine}, {lua.OsLibName, lua.OpenOs}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	// What would read host files or load native code goes; dofile/loadfile and require
	// (openPackage) read the root.
	for _, n := range []string{"require", "module", "_printregs", "newproxy"} {
		L.SetGlobal(n, lua.LNil)
	}
	L.SetGlobal("print", L.NewFunction(st.print))
	L.SetGlobal("dofile", L.NewFunction(st.dofile))
	L.SetGlobal("loadfile", L.NewFunction(st.loadfile))
	L.SetGlobal("assert", L.NewFunction(st.assert))
	L.SetGlobal("error", L.NewFunction(st.errorf))
	strs := L.GetGlobal("string").(*lua.LTable)
	strs.RawSetString("rep", L.NewFunction(strRep))
	st.openCompat()
	st.macros = newMacros(st)
	st.openIO()
	st.openOS()
	st.openPosix()
	st.openRPM()
	st.openPackage()
	// arg: rpm 4.18 passes the interpreter name, then $1 and $2 as numbers.
	arg := L.NewTable()
	arg.Append(lua.LString("<lua>"))
	for _, a := range s.Args {
		arg.Append(lua.LNumber(a))
	}
	L.SetGlobal("arg", arg)
	return st
}

func (st *state) print(L *lua.LState) int {
	n := L.GetTop()
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(toString(L, L.Get(i)))
	}
	b.WriteByte('\n')
	io.WriteString(st.out, b.String())
	return 0
}

func (st *state) loadfile(L *lua.LState) int {
	name := L.CheckString(1)
	data, err := st.env.Root.ReadFile(st.path(name))
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	fn, err := compile(L, Script{Body: string(data), chunk: name})
	if err != nil {
		L.Push(lua.LNil)
		L.Push(lua.LString(err.Error()))
		return 2
	}
	L.Push(fn)
	return 1
}

func (st *state) dofile(L *lua.LState) int {
	name := L.CheckString(1)
	data, err := st.env.Root.ReadFile(st.path(name))
	if err != nil {
		raise(L, "cannot open %s: %v", name, err)
	}
	fn, err := compile(L, Script{Body: string(data), chunk: name})
	if err != nil {
		raise(L, "%v", err)
	}
	top := L.GetTop()
	L.Push(fn)
	L.Call(0, lua.MultRet)
	return L.GetTop() - top
}

// raise raises a Lua error without a position, as rpm's C functions' luaL_error does.
func raise(L *lua.LState, format string, args ...any) {
	L.Error(lua.LString(fmt.Sprintf(format, args...)), 0)
}

// maxString bounds string.rep, which would otherwise allocate what a scriptlet asks for
// in one step, before the memory watch can see it.
const maxString = 64 << 20

func strRep(L *lua.LState) int {
	s, n, sep := L.CheckString(1), L.CheckInt64(2), L.OptString(3, "")
	if n <= 0 {
		L.Push(lua.LString(""))
		return 1
	}
	if (int64(len(s))+int64(len(sep)))*n > maxString || n > maxString {
		raise(L, "resulting string too large")
	}
	var b strings.Builder
	for i := int64(0); i < n; i++ {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	L.Push(lua.LString(b.String()))
	return 1
}

// processUmask reads the process's umask (the kernel applies it to what a scriptlet creates,
// as to rpm's own process) without changing it: umask(2) would, for a moment, for every
// goroutine of the transaction.
func processUmask() fs.FileMode {
	b, err := os.ReadFile("/proc/self/status")
	if err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "Umask:"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32); err == nil {
					return fs.FileMode(n)
				}
			}
		}
	}
	return 0o022
}
