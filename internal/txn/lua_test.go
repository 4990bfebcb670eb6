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

// glibcPost is Fedora glibc's %post -p <lua> as the built package carries it (macros
// expanded for x86_64), unchanged but for the comments.
const glibcPost = `
function post_exec (program, ...)
  local pid = posix.fork ()
  if pid == 0 then
    posix.exec (program, ...)
    assert (nil)
  elseif pid > 0 then
    posix.wait (pid)
  end
end
install_libs = { "anl", "BrokenLocale", "c", "dl", "m", "mvec",
		 "nss_compat", "nss_db", "nss_dns", "nss_files",
		 "nss_hesiod", "pthread", "resolv", "rt", "SegFault",
		 "thread_db", "util" }
remove_regexps = {}
for i = 1, #install_libs do
  remove_regexps[i] = ("lib" .. install_libs[i]
                       .. "%-[2-9]%.[0-9]+%.so$")
end
remove_regexps[#install_libs + 1] = "libthread_db%-1%.0%.so"
remove_regexps[#install_libs + 2] = "libSegFault%.so"
local remove_dirs = { "/usr/lib64/i686",
		      "/usr/lib64/i686/nosegneg",
		      "/usr/lib64/power6",
		    }
repeat
  local iter = posix.files("/usr/lib64/glibc-hwcaps")
  if iter ~= nil then
    for entry in iter do
      if entry ~= "." and entry ~= ".." then
        local path = "/usr/lib64/glibc-hwcaps/" .. entry
        if posix.access(path .. "/.", "x") then
          remove_dirs[#remove_dirs + 1] = path
        end
      end
    end
  end
until true
for _, rdir in ipairs (remove_dirs) do
  if posix.access (rdir) then
    local remove_files = posix.files (rdir)
    for rfile in remove_files do
      for _, rregexp in ipairs (remove_regexps) do
	local dso = string.match (rfile, rregexp)
        if (dso ~= nil) then
	  os.remove (rdir .. '/' .. rfile)
	end
      end
    end
  end
end
local ldsoconf = "/etc/ld.so.conf"
local ldsoconf_tmp = "/etc/glibc_post_upgrade.ld.so.conf"
if posix.access (ldsoconf) then
  local have_include = false
  for line in io.lines (ldsoconf) do
    if string.match (line, "^include ld.so.conf.d/%*%.conf$") ~= nil then
      have_include = true
    end
  end
  if not have_include then
    local tmp_fd = io.open (ldsoconf_tmp, "w")
    if tmp_fd ~= nil then
      tmp_fd:write ("include ld.so.conf.d/*.conf\n")
      for line in io.lines (ldsoconf) do
        tmp_fd:write (line .. "\n")
      end
      tmp_fd:close ()
      local res = os.rename (ldsoconf_tmp, ldsoconf)
      if res == nil then
        io.stdout:write ("Error: Unable to update configuration file (rename).\n")
      end
    else
      io.stdout:write ("Error: Unable to update configuration file (open).\n")
    end
  end
end
post_exec ("/sbin/ldconfig")
local iconv_dir = "/usr/lib64/gconv"
local iconv_cache = iconv_dir .. "/gconv-modules.cache"
if (posix.utime (iconv_cache) == 0) then
  post_exec ("/usr/sbin/iconvconfig",
	     "-o", iconv_cache,
	     "--nostdlib",
	     iconv_dir)
else
  io.stdout:write ("Error: Missing " .. iconv_cache .. " file.\n")
end
`

// filesystemPretrans is Fedora filesystem's %pretrans -p <lua> (x86_64).
const filesystemPretrans = `
posix.mkdir("/usr")
posix.mkdir("/usr/bin")
posix.mkdir("/usr/sbin")
posix.mkdir("/usr/lib")
posix.mkdir("/usr/lib/debug")
posix.mkdir("/usr/lib/debug/usr")
posix.mkdir("/usr/lib/debug/usr/bin")
posix.mkdir("/usr/lib/debug/usr/sbin")
posix.mkdir("/usr/lib/debug/usr/lib")
posix.mkdir("/usr/lib/debug/usr/lib64")
posix.mkdir("/usr/lib64")
posix.symlink("usr/bin", "/bin")
posix.symlink("usr/sbin", "/sbin")
posix.symlink("usr/lib", "/lib")
posix.symlink("usr/bin", "/usr/lib/debug/bin")
posix.symlink("usr/lib", "/usr/lib/debug/lib")
posix.symlink("usr/lib64", "/usr/lib/debug/lib64")
posix.symlink("../.build-id", "/usr/lib/debug/usr/.build-id")
posix.symlink("usr/sbin", "/usr/lib/debug/sbin")
posix.symlink("usr/lib64", "/lib64")
posix.mkdir("/run")
posix.symlink("../run", "/var/run")
posix.symlink("../run/lock", "/var/lock")
return 0
`

// bashPost and bashPostun are Fedora bash's %post and %postun -p <lua> (/etc/shells).
const bashPost = `
nl        = '\n'
sh        = '/bin/sh'..nl
bash      = '/bin/bash'..nl
f = io.open('/etc/shells', 'a+')
if f then
  local shells = nl..f:read('*all')..nl
  if not shells:find(nl..sh) then f:write(sh) end
  if not shells:find(nl..bash) then f:write(bash) end
  f:close()
end
`

const bashPostun = `
if arg[2] == 0
then
  t={}
  for line in io.lines("/etc/shells")
  do
    if line ~= "/bin/bash" and line ~= "/usr/bin/bash"
    then
      table.insert(t,line)
    end
  end

  f = io.open("/etc/shells", "w+")
  for n,line in pairs(t)
  do
    f:write(line.."\n")
  end
  f:close()
end
`

// dirToSymlink is the %pretrans of Fedora's packaging guidelines for a directory that a
// package replaces by a symlink ("Scriptlet to replace a directory").
const dirToSymlink = `
path = "/usr/share/dirlink"
st = posix.stat(path)
if st and st.type == "directory" then
  status = os.rename(path, path .. ".rpmmoved")
  if not status then
    suffix = 0
    while not status do
      suffix = suffix + 1
      status = os.rename(path .. ".rpmmoved", path .. ".rpmmoved." .. suffix)
    end
    os.rename(path, path .. ".rpmmoved")
  end
end
`

func rawLua(name, slot, body string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		b.WriteString("      " + l + "\n")
	}
	return fmt.Sprintf(`
name: %s
version: "1"
release: "1"
arch: x86_64
summary: a real-world Lua scriptlet
license: MIT
files:
  - {path: /usr/share/%[1]s/f, content: "x\n"}
scripts:
  %s:
    interpreter: ["<lua>"]
    body: |
%s`, name, slot, b.String())
}

// TestRealWorldLuaLikeRPM runs Fedora glibc's %post and filesystem's %pretrans, as the
// packages carry them, with the real rpm 4.18 and with Nimbus: on a root with old multilib
// libraries to remove, an ld.so.conf without its include line, a gconv cache and stand-ins
// for ldconfig and iconvconfig that log how they were called.
func TestRealWorldLuaLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	glibc := build(t, dir, rawLua("glibclike", "post", glibcPost), nil)
	fsys := build(t, dir, rawLua("fslike", "pretrans", filesystemPretrans), nil)
	bash := build(t, dir, rawLua("bashlike", "post", bashPost)+"  postun:\n    interpreter: [\"<lua>\"]\n    body: |\n"+indent(bashPostun, "      "), nil)
	dirlink := build(t, dir, `
name: dirlink
version: "2"
release: "1"
arch: noarch
summary: a directory become a symlink
license: MIT
files:
  - {path: /usr/share/dirlink-target/f, content: "new\n"}
  - {path: /usr/share/dirlink, symlink: dirlink-target}
scripts:
  pretrans:
    interpreter: ["<lua>"]
    body: |
`+indent(dirToSymlink, "      "), nil)
	abslinks := build(t, dir, luaFailing("abslinks", "post", `log("localtime", io.open("/etc/localtime"):read("l"), posix.access("/etc/localtime"), posix.stat("/etc/localtime", "type"))
local f = io.open("/abs/dir/new", "w") f:write("x") f:close()
log("alt", io.open("/etc/alternatives/d/new"):read("a"), posix.chdir("/abs/dir"), posix.getcwd())
log("up", io.open("/up/top", "w") ~= nil, posix.access("/top"))
log("dangling", io.open("/dangling", "w") ~= nil, posix.stat("/real/created", "type"))`), nil)
	prepare := func(root string) {
		for p, c := range map[string]string{
			"sbin/ldconfig":                                   "#!/bin/sh\necho ldconfig \"$@\" >> /log\n",
			"usr/sbin/iconvconfig":                            "#!/bin/sh\necho iconvconfig \"$@\" >> /log\n",
			"etc/ld.so.conf":                                  "/opt/lib\n",
			"etc/shells":                                      "/usr/bin/zsh\n",
			"usr/share/dirlink/old":                           "old\n",
			"usr/share/dirlink.rpmmoved/older":                "older\n",
			"usr/lib64/gconv/gconv-modules.cache":             "cache\n",
			"usr/lib64/i686/libm-2.30.so":                     "old\n",
			"usr/lib64/i686/libkeep.so":                       "keep\n",
			"usr/lib64/glibc-hwcaps/x86-64-v2/libc-2.28.so":   "old\n",
			"usr/lib64/glibc-hwcaps/x86-64-v2/libc.so.6":      "new\n",
			"usr/lib64/glibc-hwcaps/x86-64-v3/libSegFault.so": "old\n",
		} {
			os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
			mode := fs.FileMode(0o644)
			if strings.Contains(p, "bin/") {
				mode = 0o755
			}
			os.WriteFile(filepath.Join(root, p), []byte(c), mode)
			os.Chtimes(filepath.Join(root, p), time.Unix(1700000000, 0), time.Unix(1700000000, 0))
		}
		os.MkdirAll(filepath.Join(root, "usr/share/zoneinfo"), 0o755)
		os.MkdirAll(filepath.Join(root, "etc/alternatives"), 0o755)
		os.MkdirAll(filepath.Join(root, "real/dir"), 0o755)
		os.WriteFile(filepath.Join(root, "usr/share/zoneinfo/UTC"), []byte("TZif\n"), 0o644)
		os.Symlink("/usr/share/zoneinfo/UTC", filepath.Join(root, "etc/localtime"))
		os.Symlink("/real", filepath.Join(root, "abs"))
		os.Symlink("../../real/dir", filepath.Join(root, "etc/alternatives/d"))
		os.Symlink("/../../../..", filepath.Join(root, "up"))
		os.Symlink("/real/created", filepath.Join(root, "dangling"))
	}
	_, ours := luaLikeRPM(t, rpmBin, prepare, []string{"glibclike", "fslike", "bashlike", "dirlink", "abslinks"}, []luaStep{
		{"glibc's %post", []string{"-i", glibc}, install(glibc), []string{"ldconfig", "iconvconfig -o /usr/lib64/gconv/gconv-modules.cache --nostdlib /usr/lib64/gconv"}},
		{"filesystem's %pretrans", []string{"-i", fsys}, install(fsys), nil},
		{"bash's %post", []string{"-i", bash}, install(bash), nil},
		{"absolute symlinks in the root", []string{"-i", abslinks}, install(abslinks), []string{"localtime TZif 0 link", "alt x 0 /real/dir", "up true 0", "dangling true regular"}},
		{"a directory replaced by a symlink", []string{"-i", dirlink}, install(dirlink), nil},
		{"bash's %postun", []string{"-e", "bashlike"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "bashlike")}} }, nil},
	})
	// What the scriptlets did (the same in rpm's root, which the steps compared).
	for p, want := range map[string]string{
		"usr/lib64/i686/libm-2.30.so": "", "usr/lib64/glibc-hwcaps/x86-64-v2/libc-2.28.so": "",
		"usr/lib64/glibc-hwcaps/x86-64-v3/libSegFault.so": "", "usr/lib64/i686/libkeep.so": "keep\n",
		"etc/ld.so.conf":                 "include ld.so.conf.d/*.conf\n/opt/lib\n",
		"etc/shells":                     "/usr/bin/zsh\n/bin/sh\n",
		"usr/share/dirlink.rpmmoved/old": "old\n", "usr/share/dirlink.rpmmoved.1/older": "older\n",
		"usr/share/dirlink/f": "new\n",
	} {
		got, _ := os.ReadFile(filepath.Join(ours, p))
		if string(got) != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
	for link, want := range map[string]string{"lib64": "usr/lib64", "var/run": "../run", "usr/lib/debug/usr/.build-id": "../.build-id"} {
		if got, _ := os.Readlink(filepath.Join(ours, link)); got != want {
			t.Errorf("%s -> %q, want %q", link, got, want)
		}
	}
}

// hostileLua is a package whose Lua scriptlets try to reach the host through the root's
// symlinks (absolute and relative, climbing out), ".." past the top, hard links, renames,
// and programs started with a path climbing out.
const hostileLua = `
name: hostile
version: "1"
release: "1"
arch: noarch
summary: tries to leave the root
license: MIT
files:
  - {path: /usr/share/hostile/f, content: "x\n"}
scripts:
  pre:
%s  post:
%s  postun:
%s`

func hostileBody(host string) string {
	up := strings.Repeat("../", 30)
	return luaScript(fmt.Sprintf(`local host, up = %q, %q
local function try(name, f, ...) log(name, pcall(f, ...)) end
local function write(p) local f = io.open(p, "w") if f then f:write("pwned\n") f:close() return true end return false end
for _, p in ipairs({"/etc/d/victim", "/usr/share/conf/victim", up .. host .. "/victim", "/etc/d/new", "/usr/share/conf/new"}) do
  try("write " .. p, write, p)
  try("append " .. p, function() local f = io.open(p, "a") if f then f:write("x") f:close() end end)
  try("remove " .. p, os.remove, p)
  try("rename " .. p, os.rename, p, "/stolen")
  try("chmod " .. p, posix.chmod, p, "0777")
  try("chown " .. p, posix.chown, p, 65534, 65534)
  try("utime " .. p, posix.utime, p, 0, 0)
  try("link " .. p, posix.link, p, "/hard")
  try("unlink " .. p, posix.unlink, p)
  try("lines " .. p, function() for l in io.lines(p) do log("read", l) end end)
end
try("mkdir", posix.mkdir, "/etc/d/sub")
try("rmdir", posix.rmdir, "/etc/d/keepdir")
try("symlink", posix.symlink, "/etc/shadow", "/etc/d/link")
try("rename into", os.rename, "/usr/share/hostile/f", "/etc/d/moved")
try("mkfifo", posix.mkfifo, "/etc/d/fifo")
try("chdir", function() posix.chdir("/etc/d") write("victim") end)
try("exec up", rpm.execute, up .. host .. "/tool")
try("kill", posix.kill, 1, 9)
try("os.exit", os.exit, 0)
`, host, up))
}

// TestHostileLuaScriptlet installs and erases a package whose Lua scriptlets try every way
// out of the root, on a root whose etc/d and usr/share/conf are absolute and relative
// symlinks to a host directory: the host directory is unchanged, the transaction completes.
func TestHostileLuaScriptlet(t *testing.T) {
	host := t.TempDir()
	os.WriteFile(filepath.Join(host, "victim"), []byte("host data\n"), 0o644)
	os.Mkdir(filepath.Join(host, "keepdir"), 0o755)
	os.WriteFile(filepath.Join(host, "tool"), []byte("#!/bin/sh\necho pwned > "+filepath.Join(host, "victim")+"\n"), 0o755)
	root := newRoot(t)
	escapeLink(t, root, "etc/d", host, true)
	escapeLink(t, root, "usr/share/conf", host, false)
	before := hashTree(t, host)
	b := hostileBody(host)
	pkg := build(t, t.TempDir(), fmt.Sprintf(hostileLua, b, b, b), nil)
	var warns []string
	o := opts(root)
	o.Warn = func(s string) { warns = append(warns, s) }
	if _, err := Run(context.Background(), o, Request{Install: []InstallItem{{File: pkg}}}); err != nil {
		t.Fatalf("%v (warnings %q)", err, warns)
	}
	if _, err := Run(context.Background(), o, Request{Erase: []int64{numOf(t, root, "hostile")}}); err != nil {
		t.Fatalf("%v (warnings %q)", err, warns)
	}
	if after := hashTree(t, host); after != before {
		t.Errorf("the host directory changed:\n--- before\n%s\n--- after\n%s", before, after)
	}
	log, _ := os.ReadFile(filepath.Join(root, "log"))
	if strings.Contains(string(log), "host data") {
		t.Errorf("a scriptlet read a host file:\n%s", log)
	}
	if n := strings.Count(string(log), "write /etc/d/victim"); n != 3 {
		t.Errorf("the three scriptlets did not all run (%d):\n%s (warnings %q)", n, log, warns)
	}
	t.Logf("%s", log)
}

// TestLuaScriptletTimeout: a Lua scriptlet that never ends is stopped at the runner's
// timeout, as a shell one is; a %pre keeps its package out, the transaction goes on.
func TestLuaScriptletTimeout(t *testing.T) {
	root := newRoot(t)
	dir := t.TempDir()
	loop := build(t, dir, luaFailing("looper", "pre", `while true do end`), nil)
	sleeper := build(t, dir, luaFailing("sleeper", "post", `posix.sleep(3600)`), nil)
	spinner := build(t, dir, luaFailing("spinner", "post", `rpm.execute("/bin/sh", "-c", "while :; do :; done")`), nil)
	var warns []string
	o := opts(root)
	o.Runner = ChrootRunner{Timeout: 500 * time.Millisecond}
	o.Warn = func(s string) { warns = append(warns, s) }
	_, err := Run(context.Background(), o, Request{Install: []InstallItem{{File: loop}, {File: sleeper}, {File: spinner}}})
	var se *StepError
	if !errors.As(err, &se) || len(se.Failed) != 1 || !strings.Contains(se.Failed[0], "pre scriptlet of looper-1-1.noarch failed: killed after 500ms") {
		t.Fatalf("error %v", err)
	}
	if len(warns) != 2 || !strings.Contains(strings.Join(warns, "\n"), "sleeper-1-1.noarch failed: killed after 500ms") ||
		!strings.Contains(strings.Join(warns, "\n"), "spinner-1-1.noarch failed: killed after 500ms") {
		t.Errorf("warnings %q", warns)
	}
}

// rbSpec is a spec whose Lua scriptlets and triggers rpmbuild itself lays out.
const rbSpec = `Name: rblua
Version: 1
Release: 1
Summary: Lua scriptlets built by rpmbuild
License: MIT
BuildArch: noarch
%description
x
%install
mkdir -p %{buildroot}/usr/share/rblua
echo hi > %{buildroot}/usr/share/rblua/f
%files
/usr/share/rblua/f
%pre -p <lua>
LOG
log("pre", arg[1], arg[2], #arg)
%post -p <lua>
LOG
log("post", arg[2], posix.stat("/usr/share/rblua/f", "size"))
%preun -p <lua>
LOG
log("preun", arg[2])
%postun -p <lua>
LOG
log("postun", arg[2], posix.access("/usr/share/rblua/f"))
%posttrans -p <lua>
LOG
log("posttrans", arg[2])
%triggerin -p <lua> -- other
LOG
log("triggerin", arg[2], arg[3])
%triggerpostun -p <lua> -- other
LOG
log("triggerpostun", arg[2], arg[3])
%filetriggerin -p <lua> -- /usr/share/luafiles
LOG
local n = 0 for f in rpm.next_file do n = n + 1 end
log("filetriggerin", arg[2], n)
%filetriggerun -p <lua> -- /usr/share/luafiles
LOG
local n = 0 for f in rpm.next_file do n = n + 1 end
log("filetriggerun", arg[2], n)
`

// TestRPMBuildLuaLikeRPM: a package rpmbuild 4.18 built, with Lua in scriptlet, trigger and
// file trigger slots, installed and erased with the trigger target by the real rpm and by
// Nimbus: the same logs, trees and results.
func TestRPMBuildLuaLikeRPM(t *testing.T) {
	rpmBin, err := exec.LookPath("rpm")
	if err != nil {
		t.Fatal("rpm is not installed; run scripts/setup.sh")
	}
	rpmbuild, err := exec.LookPath("rpmbuild")
	if err != nil {
		t.Fatal("rpmbuild is not installed; run scripts/setup.sh")
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "rblua.spec")
	os.WriteFile(spec, []byte(strings.ReplaceAll(rbSpec, "LOG\n", luaLog)), 0o644)
	if out, err := exec.Command(rpmbuild, "--define", "_topdir "+dir, "--define", "_buildshell /bin/bash", "--quiet", "-bb", spec).CombinedOutput(); err != nil {
		t.Fatalf("rpmbuild: %v\n%s", err, out)
	}
	pkg := filepath.Join(dir, "RPMS/noarch/rblua-1-1.noarch.rpm")
	other := build(t, dir, luaOther, nil)
	luaLikeRPM(t, rpmBin, nil, []string{"rblua", "other"}, []luaStep{
		{"install", []string{"-i", pkg}, install(pkg), []string{"pre <lua> 1 2", "post 1 3", "posttrans 1"}},
		{"install the trigger's target", []string{"-i", other}, install(other), []string{"triggerin 1 1", "filetriggerin 0 2"}},
		{"erase the target", []string{"-e", "other"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "other")}} }, []string{"filetriggerun 0 2", "triggerpostun 1 0"}},
		{"erase", []string{"-e", "rblua"}, func(root string) Request { return Request{Erase: []int64{numOf(t, root, "rblua")}} }, []string{"preun 0", "postun 0 nil"}},
	})
}

func indent(s, prefix string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		b.WriteString(prefix + l + "\n")
	}
	return b.String()
}

// TestScriptletBackgroundProcess: a scriptlet (shell, or Lua through rpm.execute) that leaves
// a process running in the background with its output open ends when the scriptlet's own
// process ends, as under rpm; the transaction does not wait for the background process.
func TestScriptletBackgroundProcess(t *testing.T) {
	root := newRoot(t)
	os.MkdirAll(filepath.Join(root, "dev"), 0o755)
	os.WriteFile(filepath.Join(root, "dev/null"), nil, 0o666) // busybox's & opens it for stdin
	for _, s := range []Script{
		{Package: "p", Kind: "post", Interp: []string{"/bin/sh"}, Body: "/bin/busybox sleep 60 & echo $! > /bgpid; echo started"},
		{Package: "p", Kind: "post", Interp: []string{"<lua>"}, Body: `print(rpm.execute("/bin/sh", "-c", "/bin/busybox sleep 60 & echo $! > /bgpid; echo started"))`},
	} {
		var out bytes.Buffer
		err := ChrootRunner{Timeout: 50 * time.Second, Output: &out}.Run(context.Background(), root, s)
		b, _ := os.ReadFile(filepath.Join(root, "bgpid"))
		pid := strings.TrimSpace(string(b))
		// Running (not a zombie nobody reaps) after the scriptlet returned.
		stat, _ := os.ReadFile("/proc/" + pid + "/stat")
		f := strings.Fields(strings.TrimSpace(string(stat[bytes.LastIndexByte(stat, ')')+1:])))
		alive := pid != "" && len(f) > 0 && f[0] != "Z"
		if pid != "" {
			exec.Command("kill", pid).Run()
		}
		if err != nil || !alive || !strings.Contains(out.String(), "started") {
			t.Errorf("%s: %v, background process %q running after the scriptlet: %v, output %q", s.Interp[0], err, pid, alive, out.String())
		}
		os.Remove(filepath.Join(root, "bgpid"))
	}
}

// TestLuaExecThroughAbsoluteSymlink: a program reached through an absolute symlink (as the
// alternatives system links them) runs, by name and by path: inside the chroot the kernel
// resolves the link in the root.
func TestLuaExecThroughAbsoluteSymlink(t *testing.T) {
	root := newRoot(t)
	os.MkdirAll(filepath.Join(root, "opt"), 0o755)
	os.MkdirAll(filepath.Join(root, "usr/bin"), 0o755)
	os.WriteFile(filepath.Join(root, "opt/tool"), []byte("#!/bin/sh\necho tool \"$@\" >> /log\n"), 0o755)
	os.Symlink("/opt/tool", filepath.Join(root, "usr/bin/tool"))
	err := ChrootRunner{Timeout: 20 * time.Second}.Run(context.Background(), root, Script{Package: "p", Kind: "post", Interp: []string{"<lua>"},
		Body: `assert(rpm.execute("tool", "by-name") == 0) assert(rpm.execute("/usr/bin/tool", "by-path") == 0)`})
	got, _ := os.ReadFile(filepath.Join(root, "log"))
	if err != nil || string(got) != "tool by-name\ntool by-path\n" {
		t.Errorf("%v, log %q", err, got)
	}
}
