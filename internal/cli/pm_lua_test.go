package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLuaScriptletsLikeDNF installs, through the whole command, packages with rpm's
// built-in Lua scriptlets with the real dnf 4.14 (rpm 4.18 with Lua underneath) and with
// nimbus: the printed line on stdout, the files the scriptlets wrote, a program they ran,
// and for a failing Lua %pre, the exit code and what is installed.
func TestLuaScriptletsLikeDNF(t *testing.T) {
	repo := t.TempDir()
	luapost := fixture{name: "luapost", version: "1.0", release: "1", files: []string{"/usr/share/luapost/f"},
		tags: []string{"Requires: shell"},
		sections: `%pre -p <lua>
posix.mkdir("/var") posix.mkdir("/var/lib") posix.mkdir("/var/lib/luapost")
local f = io.open("/var/lib/luapost/pre", "w") f:write(#arg, " ", arg[2], "\n") f:close()
%post -p <lua>
print("hello from the lua post of luapost")
local f = io.open("/var/lib/luapost/post", "w")
f:write(posix.stat("/usr/share/luapost/f", "type"), " ", tostring(rpm.execute("/bin/sh", "-c", "echo ran > /var/lib/luapost/exec") == 0), "\n")
f:close()`}
	luabad := fixture{name: "luabad", version: "1.0", release: "1", files: []string{"/usr/share/luabad/f"},
		sections: "%pre -p <lua>\nerror(\"luabad refuses\")"}
	buildRepo(t, repo, []fixture{shell, luapost, luabad})
	env := dnfEnv(t)
	dnfRoot, nimRoot := t.TempDir(), t.TempDir()
	dnf := func(args ...string) (string, error) {
		cmd := exec.Command(needTool(t, "dnf"), append([]string{"--noplugins", "-y", "--installroot", dnfRoot, "--setopt=cachedir=" + filepath.Join(dnfRoot, "var/cache/dnf")}, append(repoArgs(repo), args...)...)...)
		cmd.Env = env
		var out, errs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errs
		err := cmd.Run()
		return out.String() + errs.String(), err
	}
	const line = "hello from the lua post of luapost"
	dout, err := dnf("install", "luapost")
	if err != nil || !strings.Contains(dout, line) {
		t.Fatalf("dnf: %v\n%s", err, dout)
	}
	out, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", nimRoot}, append(repoArgs(repo), "install", "luapost")...)...)
	if err != nil {
		t.Fatalf("nimbus: %v\n%s", err, errs)
	}
	if !strings.Contains(out, line) {
		t.Errorf("nimbus does not show the Lua scriptlet's print on stdout:\n%s\n%s", out, errs)
	}
	for _, f := range []string{"var/lib/luapost/pre", "var/lib/luapost/post", "var/lib/luapost/exec"} {
		want, werr := os.ReadFile(filepath.Join(dnfRoot, f))
		got, _ := os.ReadFile(filepath.Join(nimRoot, f))
		if werr != nil || string(got) != string(want) {
			t.Errorf("%s: nimbus %q, dnf %q (%v)", f, got, want, werr)
		}
	}
	dout, derr := dnf("install", "luabad")
	_, errs, err = runCLI(t, nil, append([]string{"-y", "--installroot", nimRoot}, append(repoArgs(repo), "install", "luabad")...)...)
	if (derr != nil) != (err != nil) {
		t.Errorf("a failing Lua %%pre: dnf %v, nimbus %v\ndnf: %s\nnimbus: %s", derr, err, dout, errs)
	}
	if err == nil || !strings.Contains(err.Error(), `[string "%prein(luabad-1.0-1.noarch)"]:1: luabad refuses`) {
		t.Errorf("nimbus does not name the Lua error as rpm does: %v\n%s", err, errs)
	}
	for _, root := range []string{dnfRoot, nimRoot} {
		if exec.Command("rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-q", "luabad").Run() == nil {
			t.Errorf("luabad is installed in %s after its %%pre failed", root)
		}
	}
}
