package rpmlua

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// floatZero is where Lua 5.3 prints a float and 5.1 the same number as an integer.
var floatZero = regexp.MustCompile(`(\d)\.0\b`)

// TestLikeRPMEval runs one-line Lua snippets with the real rpm 4.18 (`rpm --eval
// '%{lua: ...}'`, the interpreter and extensions its scriptlets get) and with this package
// on the root "/", on files in a temporary directory, and compares what they print, after
// taking ".0" off integral floats (Lua 5.3's float formatting, see docs/txn.md). The macro
// snippets read the host's macro files on both sides.
func TestLikeRPMEval(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("12 34\nline two\n"), 0o640)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.WriteFile(filepath.Join(dir, "d", "x"), nil, 0o644)
	os.Symlink("f", filepath.Join(dir, "l"))
	os.WriteFile(filepath.Join(dir, "mod.lua"), []byte("local name = ... return {x = 'mod ' .. name}\n"), 0o644)
	snippets := []string{
		`print(posix.stat(D .. "/f", "mode"), posix.stat(D .. "/f", "size"), posix.stat(D .. "/d", "type"), posix.stat(D .. "/l", "type"), posix.stat(D .. "/f", "nlink"))`,
		`print(posix.mkdir(D .. "/d"))`,
		`print(posix.rmdir(D .. "/d"))`,
		`print(posix.rmdir(D .. "/f"))`,
		`print(posix.unlink(D .. "/d"))`,
		`print(posix.symlink("x", D .. "/l"))`,
		`print(posix.readlink(D .. "/l"), posix.readlink(D .. "/f"))`,
		`print(posix.access(D .. "/f", "r"), posix.access(D .. "/f", "x"), posix.access(D .. "/d", "x"))`,
		`local t = posix.dir(D) table.sort(t) print(table.concat(t, " "))`,
		`print(os.rename(D .. "/nope", D .. "/nope2"))`,
		`print(io.open(D .. "/nope"))`,
		`local f = io.open(D .. "/f") print(f:read("n"), f:read("n"), f:read("l"), f:read("L"), f:read("a"), f:read("l")) f:close()`,
		`local f = io.open(D .. "/f") print(f:seek("end"), f:seek("set", 3), f:read(2), io.type(f)) f:close() print(io.type(f), io.type(42))`,
		`local n = 0 for l in io.lines(D .. "/f") do n = n + #l end print(n)`,
		`print(rpm.expand("%{_bindir} %{_libdir} %{_datadir} %{_sysconfdir} %{_localstatedir} %{_var} %{_tmppath}"))`,
		`print(rpm.expand("%{?_nope} %{!?_nope:unset} %{?_bindir:set} %%x %{basename:/a/b.c} %{dirname:/a/b.c}"))`,
		`rpm.define("tst_a 1") rpm.define("tst_a 2") print(rpm.expand("%tst_a")) rpm.undefine("tst_a") print(rpm.expand("%tst_a")) rpm.undefine("tst_a") print(rpm.expand("%{tst_a}"), rpm.isdefined("tst_a"))`,
		`macros.tst_b = "bee" print(macros.tst_b, rpm.expand("%tst_b"), macros.tst_none)`,
		`print(rpm.vercmp("1.0", "1.0"), rpm.vercmp("1.0~rc1", "1.0"), rpm.vercmp("2:1", "1:9"), rpm.vercmp("1.0-2", "1.0-10"))`,
		`local v = rpm.ver("3:1.2-4") print(v.e, v.v, v.r, tostring(v), rpm.ver("1.2") == rpm.ver("1.2"), rpm.ver("1.2") < rpm.ver("1.10"))`,
		`print(rpm.b64encode("hello world"), rpm.b64decode("aGVsbG8gd29ybGQ="))`,
		`print(string.format("%5.2f|%d|%x|%s|%q|%g|%g", 3.14159, 42, 255, "s", "a\"b", 0.1, 1e20))`,
		`print(("x=1, y=22"):gsub("(%w+)=(%w+)", "%2=%1"), ("hello"):find("l"), ("  trim  "):match("^%s*(.-)%s*$"))`,
		`print(tostring(1/3), 1e15, 2^53, 10/4, math.floor(-3.5), math.huge, -math.huge)`,
		`print(string.rep("ab", 3), ("abc"):upper(), ("%d"):format(3), #"héllo", ("a,b,,c"):gsub(",", ";"))`,
		`print(pcall(os.exit), pcall(posix.exec, "/bin/true"))`,
		`print(select("#", nil, nil), type(nil), tonumber("0x10"), tonumber("z", 36), tonumber("  5  "), tonumber("5x"))`,
		`local t = {5, 2, 8} table.sort(t, function(a, b) return a > b end) print(table.concat(t, ","), #t, table.remove(t), table.insert(t, 1, 9), t[1])`,
		`print(("THE (quick) fox"):find("%((%a+)%)"), ("f(a(b)c)"):match("%b()"))`,
		`print(string.byte("ABC", 1, -1), string.char(72, 105), ("abc"):sub(-2), ("abc"):sub(2, 10), ("abc"):reverse(), ("a"):rep(0) == "")`,
		`print(math.max(3, 7, 1), math.min(2.5, 1), math.fmod(7, 3), math.abs(-2), math.sqrt(16), math.pi)`,
		`print(table.concat({1, 2.5, "x"}, "-"), next({}, nil), rawequal("a", "a"), #{1, 2, nil, 4} >= 2)`,
		`print(string.format("%-5s|%5s|%05d|%+d|%.3f|%e|%c|%%", "ab", "cd", 42, 7, 1/3, 12345.678, 65))`,
		`print(tostring(true), tostring(nil), tonumber("1e2"), tonumber(" 0x1F "), tonumber("-.5"), tonumber("5."), tonumber("inf"), tonumber("nan"), tonumber("1e"), tonumber("- 1"), tonumber("10", 2), tonumber(""))`,
		`print(pcall(error, "msg", 0), pcall(error, {code = 1}), select(2, pcall(function() error("lvl", 0) end)))`,
		`print(pcall(function() return "10" + 1, "1e2" * 1, "0x10" + 0 end))`,
		`print(package.path, require("posix") == posix, require("rpm") == rpm, require("string") == string, (select(2, pcall(require, "nonexist_mod")):match("^module 'nonexist_mod' not found:")))`,
		`package.path = package.path .. ";" .. D .. "/mod.lua" local m = require("mod.lua") print(m.x, require("mod.lua") == m, package.loaded["mod.lua"] == m)`,
		`package.preload.pre = function(name, extra) return {n = name, e = extra} end print(require("pre").n, require("pre").e)`,
		`print(type(io.stdout), io.type(io.stdout), io.stdout:write("") == io.stdout)`,
		`print(posix.getenv("HOME") ~= nil, type(posix.getprocessid("pid")), posix.getcwd() ~= nil)`,
	}
	rt, err := os.OpenRoot("/")
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close()
	for _, sn := range snippets {
		body := "local D = " + `"` + dir + `"` + " " + sn
		theirs, err := exec.Command(rpmBin, "--eval", "%{lua: "+body+"}").Output()
		if err != nil {
			t.Errorf("rpm --eval %q: %v", sn, err)
			continue
		}
		var out bytes.Buffer
		if err := Run(context.Background(), Env{Root: rt, Output: &out, Environ: os.Environ()}, Script{Package: "p", Kind: "post", Body: body}); err != nil {
			t.Errorf("%s: %v", sn, err)
			continue
		}
		want := strings.TrimRight(floatZero.ReplaceAllString(string(theirs), "$1"), "\n")
		got := strings.TrimRight(strings.ReplaceAll(out.String(), "\n", ""), "\n")
		want = strings.ReplaceAll(want, "\n", "")
		if got != want {
			t.Errorf("%s\n rpm:    %q\n nimbus: %q", sn, want, got)
		}
	}
}
