package txn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// luaLog is the start of every Lua scriptlet of the tests: log() appends a line to /log.
const luaLog = `local function log(...) local t = {} for i = 1, select("#", ...) do local v = select(i, ...) t[i] = type(v) == "number" and string.format("%d", v) or tostring(v) end local f = assert(io.open("/log", "a")) f:write(table.concat(t, " ") .. "\n") f:close() end
`

func luaScript(body string) string {
	var b strings.Builder
	b.WriteString("    interpreter: [\"<lua>\"]\n    body: |\n")
	for _, l := range strings.Split(strings.TrimSpace(luaLog+body), "\n") {
		b.WriteString("      " + l + "\n")
	}
	return b.String()
}

// luaPkg has a Lua scriptlet in every slot doing what real ones do: directories, files,
// renames, chmod, symlinks, posix.files, io.lines, rpm.expand, glibc's fork/exec/wait,
// rpm.execute, and a classic and a file trigger in Lua.
func luaPkg(v string) string {
	return fmt.Sprintf(`
name: luapkg
version: "%[1]s"
release: "1"
arch: noarch
summary: Lua scriptlets
license: MIT
files:
  - {path: /usr/share/luapkg/data, content: "one\ntwo\nthree\n", mode: "0640"}
  - {path: /usr/share/luapkg/v%[1]s, content: "%[1]s\n"}
scripts:
  pretrans:
%[2]s  pre:
%[3]s  post:
%[4]s  preun:
%[5]s  postun:
%[6]s  posttrans:
%[7]s
triggers:
  - kind: triggerin
    conditions: [other]
%[8]s  - kind: triggerun
    conditions: [other]
%[9]s
filetriggers:
  - kind: filetriggerin
    prefixes: [/usr/share/luafiles]
%[10]s  - kind: transfiletriggerin
    prefixes: [/usr/share/luafiles]
%[11]s`, v,
		luaScript(`log("pretrans", arg[1], arg[2], #arg, posix.access("/bin/sh", "x"))`),
		luaScript(`log("pre", arg[1], arg[2], #arg)
if arg[2] == 1 then log("mkdir", posix.mkdir("/var/lib/luapkg")) end
local f = assert(io.open("/var/lib/luapkg/state", "w")) f:write("v`+v+`\n") f:close()`),
		luaScript(`log("post", arg[2], rpm.expand("%{_sysconfdir} %{?nope:x}%{!?nope:y} %%"), rpm.vercmp("1.0", "1.0.1"), rpm.isdefined("_sysconfdir"))
rpm.define("luapkg_x 7")
log("define", rpm.expand("%{luapkg_x}"), macros.luapkg_x)
local pid = posix.fork()
if pid == 0 then
  posix.exec("/bin/sh", "-c", "echo exec $0 $1 >> /log", "sh", "x")
  assert(nil)
elseif pid > 0 then
  posix.wait(pid)
end
log("execute", rpm.execute("/bin/sh", "-c", "exit 0") == 0, rpm.execute("/bin/sh", "-c", "exit 3") == nil, select(3, rpm.execute("/bin/sh", "-c", "exit 3")) == 768)
local n = 0 for l in io.lines("/usr/share/luapkg/data") do n = n + 1 end
log("lines", n)
log("mode", posix.stat("/usr/share/luapkg/data", "mode"), posix.stat("/usr/share/luapkg", "type"), posix.stat("/usr/share/luapkg/data", "size"))
log("chmod", posix.chmod("/var/lib/luapkg/state", "0600"), posix.stat("/var/lib/luapkg/state", "mode"))
posix.unlink("/var/lib/luapkg/link")
log("symlink", posix.symlink("state.moved", "/var/lib/luapkg/link"), posix.readlink("/var/lib/luapkg/link"))
local names = {} for e in posix.files("/usr/share/luapkg") do names[#names+1] = e end table.sort(names)
log("files", table.concat(names, ","))
log("exit", pcall(os.exit, 1))
log("exec outside a fork", pcall(posix.exec, "/bin/true"))
log("rename", os.rename("/var/lib/luapkg/state", "/var/lib/luapkg/state.moved"))
log("missing", io.open("/nonexistent/x"))
log("remove missing", os.remove("/nonexistent"))
log("cwd", posix.getcwd(), posix.chdir("/usr/share"), posix.getcwd(), io.open("luapkg/data") ~= nil)
print("lua: printed by post " .. arg[2])
io.stdout:write("lua: written by post\n")`),
		luaScript(`log("preun", arg[2])`),
		luaScript(`log("postun", arg[2])
if arg[2] == 0 then
  log("rm", os.remove("/var/lib/luapkg/state.moved"), posix.unlink("/var/lib/luapkg/link"), posix.rmdir("/var/lib/luapkg"))
end`),
		luaScript(`log("posttrans", arg[2])`),
		luaScript(`log("triggerin", arg[1], arg[2], arg[3], #arg)`),
		luaScript(`log("triggerun", arg[2], arg[3])`),
		luaScript(`local fs = {} for f in rpm.next_file do fs[#fs+1] = f end table.sort(fs)
log("filetriggerin", #arg, arg[2], table.concat(fs, ","))`),
		luaScript(`local fs = {} local f = rpm.next_file() while f do fs[#fs+1] = f f = rpm.next_file() end table.sort(fs)
log("transfiletriggerin", arg[2], table.concat(fs, ","))`))
}

const luaOther = `
name: other
version: "1"
release: "1"
arch: noarch
summary: sets off the triggers
license: MIT
files:
  - {path: /usr/share/luafiles/a, content: "a\n"}
  - {path: /usr/share/luafiles/b, content: "b\n"}
`

func luaFailing(name, slot, body string) string {
	return fmt.Sprintf(`
name: %s
version: "1"
release: "1"
arch: noarch
summary: a failing Lua scriptlet
license: MIT
files:
  - {path: /usr/share/%[1]s/f, content: "x\n"}
scripts:
  %s:
%s`, name, slot, luaScript(body))
}

// treeOf lists what a root holds besides the databases and the test's own tools: path,
// type, permissions, link target and content.
func treeOf(t *testing.T, root string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		switch rel {
		case "var/lib/rpm", "var/lib/nimbus", "var/tmp", "bin", "log", "etc/passwd", "etc/group":
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		l := fmt.Sprintf("%s %v", rel, fi.Mode())
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			l += " -> " + target
		case fi.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			l += fmt.Sprintf(" %q", b)
		}
		lines = append(lines, l)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// luaLines is what the scriptlets printed on standard output.
func luaLines(b []byte) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "lua: ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestLuaScriptletsLikeRPM runs the same transactions with the real rpm 4.18 (built with
// Lua) and with Nimbus on two roots, the packages Nimbus-built with Lua scriptlets and
// triggers, and compares at each step: what the scriptlets logged, what they printed, the
// files of the root, which packages are installed, and whether the command failed.
func TestLuaScriptletsLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	if out, err := exec.Command(rpmBin, "--eval", "%{lua: print(1)}").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Fatalf("this rpm runs no Lua: %v %q", err, out)
	}
	dir := t.TempDir()
	p1 := build(t, dir, luaPkg("1"), nil)
	p2 := build(t, dir, luaPkg("2"), nil)
	other := build(t, dir, luaOther, nil)
	badpre := build(t, dir, luaFailing("badpre", "pre", `log("badpre") error("no, not here")`), nil)
	badpost := build(t, dir, luaFailing("badpost", "post", `log("badpost") error("boom")`), nil)
	badsyntax := build(t, dir, luaFailing("badsyntax", "post", `log("never") x = = 1`), nil)
	badpreun := build(t, dir, luaFailing("badpreun", "preun", `log("badpreun") assert(false, "keep me")`), nil)

	names := []string{"luapkg", "other", "badpre", "badpost", "badsyntax", "badpreun"}
	luaLikeRPM(t, rpmBin, nil, names, []luaStep{
		{"install", []string{"-i", p1}, install(p1), []string{"pretrans <lua> 1 2 0", "exec sh x", "define 7 7", "lines 3", "rename true"}},
		{"install the trigger's target", []string{"-i", other}, install(other), []string{"triggerin <lua> 1 1 3", "filetriggerin 2 0 /usr/share/luafiles/a,/usr/share/luafiles/b"}},
		{"upgrade", []string{"-U", p2}, func(root string) Request {
			return Request{Install: []InstallItem{{File: p2, Replaces: []int64{numOf(t, root, "luapkg")}}}}
		}, []string{"pre <lua> 2 2", "postun 1", "triggerin <lua> 2 1 3", "transfiletriggerin 0 /usr/share/luafiles/a"}},
		{"a failing %pre", []string{"-i", badpre}, install(badpre), []string{"badpre"}},
		{"failing %post", []string{"-i", badpost, badsyntax}, install(badpost, badsyntax), []string{"badpost"}},
		{"a failing %preun", []string{"-i", badpreun}, install(badpreun), []string{}},
		{"erase the failing %preun", []string{"-e", "badpreun"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "badpreun")}} }, []string{"badpreun"}},
		{"erase", []string{"-e", "luapkg", "other"}, func(root string) Request {
			return Request{Erase: []int64{numOf(t, root, "luapkg"), numOf(t, root, "other")}}
		}, []string{"triggerun 1 0", "postun 0", "rm true 0 0"}},
	})
}

// luaStep is one transaction of a comparison with rpm: rpm's arguments, Nimbus's request,
// and lines rpm's log must have (so the comparison is known to cover them).
type luaStep struct {
	name    string
	rpmArgs []string
	ours    func(root string) Request
	see     []string
}

func install(files ...string) func(string) Request {
	return func(string) Request {
		var r Request
		for _, f := range files {
			r.Install = append(r.Install, InstallItem{File: f})
		}
		return r
	}
}

// luaLikeRPM runs the steps with the real rpm and with Nimbus on two roots (each prepared
// by prepare) and compares after each: what the scriptlets logged in /log, what they
// printed, the trees of the roots, which of names are installed, and whether it failed.
func luaLikeRPM(t *testing.T, rpmBin string, prepare func(root string), names []string, steps []luaStep) (theirs, ours string) {
	t.Helper()
	theirs, ours = newRoot(t), newRoot(t)
	if prepare != nil {
		prepare(theirs)
		prepare(ours)
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			os.Remove(filepath.Join(theirs, "log"))
			os.Remove(filepath.Join(ours, "log"))
			cmd := exec.Command(rpmBin, append([]string{"--root", theirs, "--dbpath", "/var/lib/rpm", "--nodeps"}, st.rpmArgs...)...)
			var rpmOut, rpmErr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &rpmOut, &rpmErr
			rpmFailed := cmd.Run() != nil

			var warns []string
			var out bytes.Buffer
			o := opts(ours)
			o.Runner = ChrootRunner{Timeout: 20 * time.Second, Output: &out}
			o.Warn = func(s string) { warns = append(warns, s) }
			_, err := Run(context.Background(), o, st.ours(ours))
			var se *StepError
			if err != nil && !errors.As(err, &se) {
				t.Fatalf("%v (warnings %q)", err, warns)
			}
			if (err != nil) != rpmFailed {
				t.Errorf("rpm failed: %v (%s); nimbus: %v", rpmFailed, rpmErr.String(), err)
			}
			want, _ := os.ReadFile(filepath.Join(theirs, "log"))
			got, _ := os.ReadFile(filepath.Join(ours, "log"))
			if string(got) != string(want) {
				t.Errorf("the scriptlets' logs differ\n--- rpm:\n%s--- nimbus:\n%s(warnings %q)\nrpm's stderr: %s", want, got, warns, rpmErr.String())
			}
			for _, w := range st.see {
				if !strings.Contains(string(want), w) {
					t.Errorf("rpm's log lacks %q: the comparison no longer shows it\n%s", w, want)
				}
			}
			if a, b := luaLines(rpmOut.Bytes()), luaLines(out.Bytes()); a != b {
				t.Errorf("printed output differs\n--- rpm:\n%s\n--- nimbus:\n%s", a, b)
			}
			if a, b := treeOf(t, theirs), treeOf(t, ours); a != b {
				t.Errorf("the roots differ\n--- rpm:\n%s\n--- nimbus:\n%s", a, b)
			}
			for _, n := range names {
				q := func(root string) bool {
					return exec.Command(rpmBin, "--root", root, "--dbpath", "/var/lib/rpm", "-q", n).Run() == nil
				}
				if a, b := q(theirs), q(ours); a != b {
					t.Errorf("%s installed: rpm %v, nimbus %v", n, a, b)
				}
			}
			t.Logf("nimbus warnings: %q\nrpm's stderr: %s", warns, rpmErr.String())
		})
	}
	return theirs, ours
}
