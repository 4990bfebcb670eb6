package txn

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

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
