//go:build linux

package units

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// ctlHelper is nimbusctl run by the test binary as another user: the arguments come in
// NIMBUS_CTL_ARGS, the socket in NIMBUS_CTL_SOCKET; it prints what nimbusctl printed and
// ends with its exit status.
func ctlHelper() {
	var out strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := Ctl(ctx, CtlConfig{Socket: os.Getenv("NIMBUS_CTL_SOCKET"), JournalDir: os.Getenv("NIMBUS_CTL_JOURNAL")},
		strings.Fields(os.Getenv("NIMBUS_CTL_ARGS")), &out, &out)
	code := 0
	var ee *ExitError
	if errors.As(err, &ee) {
		code = ee.Code
		if !ee.Silent {
			fmt.Fprintln(&out, err)
		}
	} else if err != nil {
		fmt.Fprintln(&out, err)
		code = 1
	}
	fmt.Print(out.String())
	os.Exit(code)
}

func TestAllowed(t *testing.T) {
	for _, tc := range []struct {
		verb string
		uid  int
		want bool
	}{
		{"is-active", 1000, true}, {"status", 1000, true}, {"is-enabled", 1000, true},
		{"show", 1000, true}, {"cat", 1000, true},
		{"is-failed", 1000, true}, {"list-units", 1000, true}, {"list-units", -1, true}, {"is-system-running", 1000, true},
		{"start", 1000, false}, {"stop", 1000, false}, {"restart", 1000, false},
		{"reload", 1000, false}, {"enable", 1000, false}, {"disable", 1000, false},
		{"daemon-reload", 1000, false}, {"reboot", 1000, false}, {"poweroff", 1000, false},
		{"start", -1, false}, {"no-such-verb", 1000, false},
		{"start", 0, true}, {"reboot", 0, true}, {"daemon-reload", 0, true},
	} {
		if got := Allowed(tc.verb, tc.uid); got != tc.want {
			t.Errorf("Allowed(%q, %d) = %v, want %v", tc.verb, tc.uid, got, tc.want)
		}
	}
}

// TestControlSocketUnprivileged: a user other than root reaches the control socket and may
// ask the state of units (systemctl is-active as ec2-user), while changing it is refused
// in systemctl's words and exit status; the kernel's SO_PEERCRED names the caller.
func TestControlSocketUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		testfiles.Need(t, errors.New("running a client as another user needs root"))
	}
	s := newTestSys(t, map[string]string{
		"web.service": "[Unit]\nDescription=Web\n[Service]\nExecStart=/bin/sleep 60\n[Install]\nWantedBy=multi-user.target\n",
		"bad.service": "[Service]\nType=oneshot\nExecStart=/bin/false\n",
	})
	ctx := s.ctx()
	sock := filepath.Join(s.root, "ctl.sock")
	go s.m.ServeControl(ctx, sock)
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	st, err := os.Stat(sock)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o666 {
		t.Errorf("control socket mode %v, want 0666", st.Mode().Perm())
	}
	// The test binary, run as uid 65534, is the client: a copy where that user may run it.
	bin := filepath.Join(s.root, "units.test")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{s.root, filepath.Dir(s.root)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	as := func(uid uint32, args string) (string, int) {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "NIMBUS_UNITS_HELPER=ctl", "NIMBUS_CTL_SOCKET="+sock,
			"NIMBUS_CTL_JOURNAL="+s.j.Dir, "NIMBUS_CTL_ARGS="+args)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: uid}}
		out, err := cmd.CombinedOutput()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", args, err)
		}
		return string(out), code
	}
	if err := s.m.Start(ctx, "web.service"); err != nil {
		t.Fatal(err)
	}
	_ = s.m.Start(ctx, "bad.service")
	for _, tc := range []struct {
		args string
		out  string
		code int
	}{
		{"is-active web", "active\n", 0},
		{"is-active web bad", "active\nfailed\n", 3},
		{"is-failed bad", "failed\n", 0},
		{"show -p Id -p LoadState -p ActiveState bad nosuch", "Id=bad.service\nLoadState=loaded\nActiveState=failed\n\nId=nosuch.service\nLoadState=not-found\nActiveState=inactive\n", 0},
		{"is-failed web", "active\n", 1},
		{"is-active nosuch web", "inactive\nactive\n", 3},
		{"is-failed nosuch", "inactive\n", 1},
		{"is-enabled web", "disabled\n", 1},
		{"status web", "web.service - Web", 0},
		{"list-units", "web.service", 0},
		{"show -p ActiveState,SubState web", "ActiveState=active\nSubState=running\n", 0},
		{"show --property=UnitFileState --value web", "disabled\n", 0},
		{"cat web", "# /etc/systemd/system/web.service\n[Unit]\nDescription=Web\n", 0},
		{"stop web", "Failed to stop web.service: Access denied\nSee system logs and 'systemctl status web.service' for details.\n", 4},
		{"start bad", "Failed to start bad.service: Access denied\n", 4},
		{"restart web", "Failed to restart web.service: Access denied\n", 4},
		{"enable web", "Failed to enable unit: Access denied\n", 1},
		{"enable --now web", "Failed to enable unit: Access denied\n", 1},
		{"disable web", "Failed to disable unit: Access denied\n", 1},
		{"daemon-reload", "Failed to reload daemon: Access denied\n", 1},
		{"reboot", "Call to Reboot failed: Access denied\n", 1},
		{"poweroff", "Call to PowerOff failed: Access denied\n", 1},
	} {
		out, code := as(65534, tc.args)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Errorf("as uid 65534: systemctl %s = %q, exit %d; want %q, exit %d", tc.args, out, code, tc.out, tc.code)
		}
	}
	// Nothing the refused requests asked for happened.
	if st, _ := s.m.Status("web.service"); st.State != Active || st.Enabled != "disabled" {
		t.Errorf("after the refused requests web.service is %s, %s", st.State, st.Enabled)
	}
	// Root is served as before.
	if out, code := as(0, "stop web"); code != 0 {
		t.Errorf("as root: systemctl stop web = %q, exit %d", out, code)
	}
	if out, code := as(65534, "is-active web"); code != 3 || out != "inactive\n" {
		t.Errorf("as uid 65534 after root stopped it: is-active web = %q, exit %d", out, code)
	}
}

// TestShowAndCat: systemctl show's properties and cat's files, drop-ins included.
func TestShowAndCat(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"web.service":             "[Unit]\nDescription=Web\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n",
		"web.service.d/10-x.conf": "[Service]\nEnvironment=X=1\n",
	})
	ctx := s.ctx()
	if err := s.m.Start(ctx, "web.service"); err != nil {
		t.Fatal(err)
	}
	ask := func(verb string, units ...string) Response { return s.m.Handle(ctx, Request{Verb: verb, Units: units}) }
	var out strings.Builder
	resp := ask("show", "web.service")
	if resp.Code != 0 || len(resp.Units) != 1 {
		t.Fatalf("show: %+v", resp)
	}
	printShow(&out, resp.Units[0], nil, false)
	want := "MainPID=0\nResult=success\nId=web.service\nDescription=Web\nLoadState=loaded\nActiveState=active\nSubState=exited\n" +
		"FragmentPath=/etc/systemd/system/web.service\nDropInPaths=/etc/systemd/system/web.service.d/10-x.conf\nUnitFileState=static\n"
	if out.String() != want {
		t.Errorf("show:\n%s\nwant:\n%s", out.String(), want)
	}
	resp = ask("cat", "web.service")
	wantCat := "# /etc/systemd/system/web.service\n[Unit]\nDescription=Web\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n" +
		"\n# /etc/systemd/system/web.service.d/10-x.conf\n[Service]\nEnvironment=X=1"
	if got := strings.Join(resp.Lines, "\n"); resp.Code != 0 || got != wantCat {
		t.Errorf("cat: %d\n%s\nwant:\n%s", resp.Code, got, wantCat)
	}
	if resp = ask("cat", "nosuch.service"); resp.Code != 1 || resp.Error != "No files found for nosuch.service." {
		t.Errorf("cat nosuch: %+v", resp)
	}
}
