package txn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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

// TestShellInterpreterFoundInRoot: a shell scriptlet's interpreter is found as the chrooted
// process finds it, never on the host. A root whose /bin is an absolute link to /usr/bin
// (the link taken inside the root) runs /bin/sh; a bare interpreter name is looked up in
// the scriptlet PATH inside the root (the host's sh is not used); an interpreter the root
// lacks is named in the error, even one the host has.
func TestShellInterpreterFoundInRoot(t *testing.T) {
	root := newRoot(t)
	os.MkdirAll(filepath.Join(root, "usr"), 0o755)
	if err := os.Rename(filepath.Join(root, "bin"), filepath.Join(root, "usr/bin")); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/usr/bin", filepath.Join(root, "bin")) // absolute: it must not be read as the host's /usr/bin
	os.WriteFile(filepath.Join(root, "usr/bin/rootonly-sh"), []byte("#!/bin/sh\necho rootonly \"$@\" >> /log\n"), 0o755)
	run := func(interp string) error {
		return ChrootRunner{Timeout: 20 * time.Second}.Run(context.Background(), root, Script{Package: "p-1-1.noarch", Kind: "post", Interp: []string{interp}, Arg: 1, Body: "echo body >> /log\n"})
	}
	if err := run("/bin/sh"); err != nil {
		t.Errorf("/bin/sh through an absolute /bin link: %v", err)
	}
	if err := run("rootonly-sh"); err != nil {
		t.Errorf("a bare interpreter name found in the root's PATH: %v", err)
	}
	got, _ := os.ReadFile(filepath.Join(root, "log"))
	if lines := strings.Split(strings.TrimSpace(string(got)), "\n"); len(lines) != 2 || lines[0] != "body" || !strings.HasPrefix(lines[1], "rootonly /var/tmp/rpm-tmp.") || !strings.HasSuffix(lines[1], " 1") {
		t.Errorf("log %q: want the body's line, then rootonly with the script file and $1", got)
	}
	for _, interp := range []string{"/usr/bin/env", "env", "/nonexistent/sh"} { // the host has env; the root does not
		if err := run(interp); err == nil || !strings.Contains(err.Error(), "post scriptlet of p-1-1.noarch: interpreter "+interp+" not found in "+root) {
			t.Errorf("%s: %v, want interpreter not found in the root", interp, err)
		}
	}
}
