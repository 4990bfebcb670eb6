package rpmlua

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeExec records the programs a scriptlet starts and answers with a status per program.
type fakeExec struct {
	ran    [][]string
	status map[string]int
}

func (f *fakeExec) exec(_ context.Context, argv, _ []string, dir string, stdout, _ io.Writer) (int, error) {
	f.ran = append(f.ran, append([]string{dir}, argv...))
	if argv[0] == "/missing" {
		return 0, fs.ErrNotExist
	}
	if stdout != nil {
		fmt.Fprintf(stdout, "ran %s\n", argv[0])
	}
	return f.status[argv[0]], nil
}

func run(t *testing.T, root, body string, args ...int) (string, *fakeExec, error) {
	t.Helper()
	rt, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	var out bytes.Buffer
	fe := &fakeExec{status: map[string]int{"/bin/false": 1 << 8}}
	err = Run(context.Background(), Env{Root: rt, Output: &out, Exec: fe.exec, Timeout: 10 * time.Second, MaxMemory: 256 << 20,
		Environ: []string{"PATH=/usr/bin:/bin", "HOME=/root"}}, Script{Package: "p-1-1.noarch", Kind: "post", Body: body, Args: args})
	return out.String(), fe, err
}

func TestEnvironment(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/ld.so.conf"), []byte("a\nb\n"), 0o644)
	out, fe, err := run(t, root, `
print(arg[1], arg[2], arg[3], #arg)
local n = 0
for l in io.lines("/etc/ld.so.conf") do n = n + 1 end
print("lines", n)
local f = assert(io.open("/etc/new.conf", "w"))
f:write("include ld.so.conf.d/*.conf\n", 42, "\n")
f:close()
assert(os.rename("/etc/new.conf", "/etc/ld.so.conf"))
print(io.open("/etc/ld.so.conf"):read("*a"))
assert(posix.mkdir("/var") == 0)
assert(posix.mkdir("var/lib") == 0)
assert(posix.chdir("/var") == 0)
print("cwd", posix.getcwd())
assert(io.open("lib/x", "w")):close()
print("stat", posix.stat("/var/lib/x", "mode"), posix.stat("/var/lib/x").type, posix.stat("/var", "type"))
assert(posix.chmod("/var/lib/x", "0750") == 0)
print("chmod", posix.stat("/var/lib/x", "mode"))
assert(posix.symlink("x", "/var/lib/y") == 0)
print("readlink", posix.readlink("/var/lib/y"))
local names = {}
for e in posix.files("/var/lib") do names[#names+1] = e end
table.sort(names)
print("files", table.concat(names, " "))
print("access", posix.access("/var/lib/x"), posix.access("/nope"))
assert(os.remove("/var/lib/y"))
print("unlink", posix.unlink("/var/lib/x"), posix.rmdir("/var/lib"))
print("exec", rpm.execute("/bin/true", "a"), rpm.execute("/bin/false"))
print("env", posix.getenv("HOME"), os.getenv("PATH"))
posix.setenv("FOO", "bar")
print("env2", posix.getenv("FOO"))
print("exit", pcall(os.exit, 1))
rpm.define("_mydir /opt/%{name_x}")
rpm.define("name_x nimbus")
print("expand", rpm.expand("%{_mydir} %{_libdir} %{?nope} %{?_mydir:yes} %{!?nope:no} %% %{lua: print(1+1)}"), rpm.isdefined("_mydir"))
print("macros", macros._mydir, macros.undefined_one)
macros.zz_x = "v"
print("macros2", rpm.expand("%zz_x"))
print("ver", rpm.vercmp("1.0-1", "1.0-2"), rpm.ver("1:2.3-4").e, rpm.ver("1:2.3-4").v, rpm.ver("1.0") < rpm.ver("1.1"), tostring(rpm.ver("1:2-3")))
print("b64", rpm.b64decode(rpm.b64encode("hello")))
print("glob", table.concat(rpm.glob("/etc/*.conf"), ","), rpm.glob("/nope*", "c")[1], pcall(rpm.glob, "/nope*"))
`, 2)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"<lua>\t2\tnil\t2\n", "lines\t2\n", "include ld.so.conf.d/*.conf\n42\n", "cwd\t/var\n",
		"stat\trw-r--r--\tregular\tdirectory\n", "chmod\trwxr-x---\n", "readlink\tx\n",
		"files\t. .. x y\n", "access\t0\tnil\t/nope: No such file or directory\t2\n", "unlink\t0\t0\n",
		"ran /bin/true\nran /bin/false\nexec\t0\tnil\tUnknown error 256\t256\n",
		"env\t/root\t/usr/bin:/bin\n", "env2\tbar\n", "exit\tfalse\texit not permitted in this context\n",
		"expand\t/opt/nimbus /usr/lib64  yes no % 2\ttrue\tfalse\n", "macros\t/opt/nimbus\tnil\n", "macros2\tv\n",
		"ver\t-1\t1\t2.3\ttrue\t1:2-3\n", "b64\thello\n", "glob\t/etc/ld.so.conf\t/nope*\tfalse\tglob /nope* failed: file does not exist\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if len(fe.ran) != 2 || fe.ran[0][0] != "/var" {
		t.Errorf("programs run: %q (the working directory must follow posix.chdir)", fe.ran)
	}
}

// TestForkExecWait: glibc's post_exec idiom runs the program once and goes on after wait.
func TestForkExecWait(t *testing.T) {
	out, fe, err := run(t, t.TempDir(), `
function post_exec (program, ...)
  local pid = posix.fork ()
  if pid == 0 then
    posix.redirect2null(2)
    posix.exec (program, ...)
    assert (nil)
  elseif pid > 0 then
    posix.wait (pid)
  end
end
post_exec("/sbin/ldconfig")
post_exec("/usr/sbin/iconvconfig", "-o", "/x")
if posix.fork() == 0 then posix.exec("/bin/false") os.exit(1) end
print("wait", posix.wait() ~= nil)
print("after")
print("exec outside a child", pcall(posix.exec, "/bin/true"))
`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(fe.ran) != 3 || fe.ran[0][1] != "/sbin/ldconfig" || strings.Join(fe.ran[1][1:], " ") != "/usr/sbin/iconvconfig -o /x" {
		t.Errorf("ran %q", fe.ran)
	}
	if !strings.Contains(out, "wait\ttrue\nafter\n") || !strings.Contains(out, "exec outside a child\tfalse") {
		t.Errorf("output:\n%s", out)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"local x = ", "post scriptlet of p-1-1.noarch failed: invalid syntax in lua scriptlet"},
		{"x = 1 // 2", "invalid syntax"}, // Lua 5.3's integer division: a syntax error in 5.1
		{"error('boom')", `lua script failed: [string "%post(p-1-1.noarch)"]:1: boom`},
		{"os.exit(0)", "exit not permitted in this context"},
		{"io.open('/x', 'rw')", "invalid mode"},
		{"rpm.define('a b')", "error defining macro"},
		{"string.rep('x', 1e10)", "resulting string too large"},
		{"local s = 'x' while true do s = s .. s end", "memory"},
		{"local function f() f() end f()", "stack overflow"},
		{"local t = setmetatable({}, {__index = function(t, k) return t[k] end}) x = t.a", "stack overflow"},
	} {
		_, _, err := run(t, t.TempDir(), c.body)
		var le *Error
		if !errors.As(err, &le) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.body, err, c.want)
		}
	}
}

func TestTimeout(t *testing.T) {
	rt, _ := os.OpenRoot(t.TempDir())
	defer rt.Close()
	start := time.Now()
	err := Run(context.Background(), Env{Root: rt, Timeout: 300 * time.Millisecond}, Script{Package: "p", Kind: "post", Body: "while true do end"})
	if err == nil || !strings.Contains(err.Error(), "killed after 300ms") {
		t.Fatalf("error %v", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("an endless loop ran %s past its 300ms timeout", d)
	}
}

// hashTree hashes every path, mode, link and content under dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.Walk(dir, func(p string, fi fs.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s %v %d\n", p, fi.Mode(), fi.ModTime().UnixNano())
		if fi.Mode()&fs.ModeSymlink != 0 {
			l, _ := os.Readlink(p)
			fmt.Fprintln(h, l)
		} else if fi.Mode().IsRegular() {
			b, _ := os.ReadFile(p)
			h.Write(b)
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestHostileScriptlet: a scriptlet that tries to reach the host through symlinks, "..",
// hard links, renames, chmod, chown, mkfifo and the like changes nothing outside the root.
func TestHostileScriptlet(t *testing.T) {
	host := t.TempDir()
	os.WriteFile(filepath.Join(host, "passwd"), []byte("host secret\n"), 0o644)
	os.Mkdir(filepath.Join(host, "d"), 0o755)
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc"), 0o755)
	os.Symlink(host, filepath.Join(root, "abs"))
	os.Symlink("../../../../../../../../.."+host, filepath.Join(root, "rel"))
	os.Symlink(filepath.Join(host, "passwd"), filepath.Join(root, "etc/passwd"))
	before := hashTree(t, host)
	depth := strings.Repeat("../", 20)
	out, _, err := run(t, root, fmt.Sprintf(`
local host, up = %q, %q
local tries = {
  function() local f = io.open("/abs/passwd", "w") if f then f:write("pwned") f:close() end end,
  function() local f = io.open("/rel/passwd", "a") if f then f:write("pwned") f:close() end end,
  function() local f = io.open(up .. host .. "/passwd", "w") if f then f:write("pwned") f:close() end end,
  function() local f = io.open("/etc/passwd", "w") if f then f:write("pwned") f:close() end end,
  function() os.remove("/abs/passwd") end,
  function() os.remove("/rel/passwd") end,
  function() os.remove(up .. "etc/passwd") end,
  function() os.rename("/abs/passwd", "/stolen") end,
  function() os.rename("/etc/passwd", "/stolen2") end,
  function() posix.chmod("/abs/passwd", "0777") end,
  function() posix.chmod("/etc/passwd", "0777") end,
  function() posix.chown("/abs/passwd", 1, 1) end,
  function() posix.mkdir("/abs/d/new") end,
  function() posix.rmdir("/abs/d") end,
  function() posix.unlink("/rel/passwd") end,
  function() posix.symlink("/etc/shadow", "/abs/newlink") end,
  function() posix.link("/abs/passwd", "/hard") end,
  function() posix.utime("/abs/passwd", 0, 0) end,
  function() posix.mkfifo("/abs/fifo") end,
  function() posix.mkstemp("/abs/tmpXXXXXX") end,
  function() io.output("/abs/out") io.write("x") end,
  function() dofile("/abs/passwd") end,
  function() package.path = "/abs/?;/rel/?;" .. up .. host .. "/?" return require("passwd") end,
  function() posix.chdir("/abs") local f = io.open("passwd", "w") if f then f:write("x") f:close() end end,
  function() posix.chdir("/") posix.chdir(up) local f = io.open("x", "w") if f then f:close() end end,
  function() for l in io.lines("/abs/passwd") do print("read", l) end end,
  function() print("readlink", posix.readlink("/abs/passwd")) end,
  function() os.execute("true") end,
  function() posix.kill(1, 9) end,
  function() posix.setuid(1) end,
}
for i, f in ipairs(tries) do print(i, pcall(f)) end
`, host, depth))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Log(out)
	if after := hashTree(t, host); after != before {
		t.Errorf("the host directory changed\n%s", out)
	}
	if strings.Contains(out, "host secret") {
		t.Errorf("a host file was read:\n%s", out)
	}
	// ".." at the top stays at the top, as after chroot: /x is the root's.
	if _, err := os.Stat(filepath.Join(root, "x")); err != nil {
		t.Errorf("posix.chdir(%q) then io.open(\"x\") did not write the root's /x: %v", depth, err)
	}
}

// TestPanicRecovered: a panic of a Go function called from Lua is a scriptlet error.
func TestPanicRecovered(t *testing.T) {
	rt, _ := os.OpenRoot(t.TempDir())
	defer rt.Close()
	err := Run(context.Background(), Env{Root: rt, Exec: func(context.Context, []string, []string, string, io.Writer, io.Writer) (int, error) {
		panic("exec exploded")
	}}, Script{Package: "p", Kind: "post", Body: `rpm.execute("/bin/true")`})
	if err == nil || !strings.Contains(err.Error(), "exec exploded") {
		t.Fatalf("error %v", err)
	}
}

// TestLua53Library: the library functions of Lua 5.2-5.4 that 5.1 lacks and scriptlets
// use are there; rpm 4.18 (Lua 5.3 here) prints the same for these lines.
func TestLua53Library(t *testing.T) {
	out, _, err := run(t, t.TempDir(), `
print(load("return 1 + ...")(2), type(load(function() return nil end)), select(2, load("x =")) ~= nil)
local env = {} load("y = 5", "chunk", "t", env)() print(env.y, y)
print(table.unpack({1, 2, 3}))
print(table.concat(table.move({1, 2, 3}, 1, 3, 2), ","))
print(math.type(1), math.type(1.5), math.type("1"), math.tointeger(3), math.tointeger(3.5))
print(utf8.char(72, 228, 8364), utf8.len("Hä€"), utf8.codepoint("ä"), rawlen({1, 2}), rawlen("abc"))
for p, c in utf8.codes("aä") do io.write(p, ":", c, " ") end print()
goto done
print("skipped")
::done::
print(pcall(error))
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(500))
`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := "3\tfunction\ttrue\n5\tnil\n1\t2\t3\n1,1,2,3\ninteger\tfloat\tnil\t3\tnil\nHä€\t3\t228\t2\t3\n1:97 2:228 \nfalse\tnil\n500\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestRootMacros: the macro files of the root are read in rpm's order (the platform file
// after the main one), with definitions continued by backslashes and open braces.
func TestRootMacros(t *testing.T) {
	root := t.TempDir()
	for p, c := range map[string]string{
		"usr/lib/rpm/macros":                       "%_lib lib\n%_libdir %{_prefix}/%{_lib}\n%multi first\\\n  second\n%luadef %{lua:\n  print('from lua')\n  -- %notamacro x\n}\n%withparam(a:) %{-a*}\n",
		"usr/lib/rpm/platform/x86_64-linux/macros": "%_lib lib64\n",
		"usr/lib/rpm/macros.d/macros.extra":        "# comment\n%vendor_x Nimbus\n",
		"etc/rpm/macros.local":                     "%vendor_x Local\n",
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(c), 0o644)
	}
	rt, _ := os.OpenRoot(root)
	defer rt.Close()
	var out bytes.Buffer
	err := Run(context.Background(), Env{Root: rt, Output: &out, Arch: "x86_64"}, Script{Package: "p", Kind: "post", Body: `
print(rpm.expand("%{_libdir}|%{vendor_x}|%{multi}|%{luadef}|%{withparam}|%{?notamacro:bad}"))
print(rpm.isdefined("withparam"))`})
	if err != nil {
		t.Fatal(err)
	}
	if want := "/usr/lib64|Local|first\n  second|from lua|%{withparam}|\ntrue\ttrue\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// TestErrorResults: what calls return on failure, as rpm 4.18 returns it (checked with
// rpm --eval '%{lua: ...}').
func TestErrorResults(t *testing.T) {
	out, _, err := run(t, t.TempDir(), `
print(posix.files("/nonexist"))
print(posix.dir("/nonexist"))
print(pcall(io.lines, "/nonexist"))
print(posix.access("/nonexist"))
print(posix.chmod("/nonexist", "0644"))
print(os.remove("/nonexist"))
print(posix.readlink("/nonexist"))
print(posix.utime("/nonexist"))
print(posix.wait())
print(pcall(posix.redirect2null, 1))
print(rpm.execute("/missing"))
`)
	if err != nil {
		t.Fatal(err)
	}
	want := `nil	/nonexist: No such file or directory	2
nil	/nonexist: No such file or directory	2
false	cannot open file '/nonexist' (No such file or directory)
nil	/nonexist: No such file or directory	2
nil	/nonexist: No such file or directory	2
nil	/nonexist: No such file or directory	2
nil	/nonexist: No such file or directory	2
nil	/nonexist: No such file or directory	2
nil	No child processes	10
false	redirect2null not permitted in this context
nil	posix_spawnp: No such file or directory	2
`
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestSymlinksAsInChroot: absolute symlinks inside the root are followed from the root, as
// the kernel follows them after rpm's chroot (os.Root alone refuses them); loops end in
// an error; links leading out land inside the root.
func TestSymlinksAsInChroot(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "usr/share/zoneinfo"), 0o755)
	os.MkdirAll(filepath.Join(root, "etc/alternatives"), 0o755)
	os.MkdirAll(filepath.Join(root, "real/dir"), 0o755)
	os.WriteFile(filepath.Join(root, "usr/share/zoneinfo/UTC"), []byte("TZif\n"), 0o644)
	os.Symlink("/usr/share/zoneinfo/UTC", filepath.Join(root, "etc/localtime"))
	os.Symlink("/real", filepath.Join(root, "abs"))                         // a directory by an absolute link
	os.Symlink("../../real/dir", filepath.Join(root, "etc/alternatives/d")) // relative, two levels
	os.Symlink("/loop2", filepath.Join(root, "loop1"))
	os.Symlink("/loop1", filepath.Join(root, "loop2"))
	os.Symlink("/../../../..", filepath.Join(root, "up"))
	out, _, err := run(t, root, `
print(io.open("/etc/localtime"):read("a"), posix.stat("/etc/localtime", "type"), posix.access("/etc/localtime"))
local f = assert(io.open("/abs/dir/new", "w")) f:write("x") f:close()
print(io.open("/etc/alternatives/d/new"):read("a"), posix.chdir("/abs/dir"), posix.getcwd())
print(io.open("/loop1") == nil, posix.readlink("/loop1"))
local g = assert(io.open("/up/top", "w")) g:close()
print(os.remove("/abs"), posix.stat("/real", "type"))
`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := "TZif\n\tlink\t0\nx\t0\t/real/dir\ntrue\t/loop2\ntrue\tdirectory\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if _, err := os.Stat(filepath.Join(root, "top")); err != nil {
		t.Errorf("/up/top did not land in the root: %v", err)
	}
}
