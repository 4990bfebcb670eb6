//go:build linux

package units

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestIsSystemRunning: systemctl is-system-running prints the manager's state and succeeds
// only for "running" (systemctl(1)): starting until PID 1 says the boot is done, degraded
// while a unit is failed, stopping in the shutdown, offline without a manager; --wait
// waits out "starting" and the time before the socket is served.
func TestIsSystemRunning(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"bad.service": "[Service]\nType=oneshot\nExecStart=/bin/false\n",
	})
	ctx := s.ctx()
	sock := filepath.Join(s.root, "ctl.sock")
	cfg := CtlConfig{Socket: sock, JournalDir: s.j.Dir}
	run := func(ctx context.Context, args ...string) (string, int) {
		var out, errb bytes.Buffer
		err := Ctl(ctx, cfg, args, &out, &errb)
		var ee *ExitError
		switch {
		case errors.As(err, &ee):
			return out.String() + errb.String(), ee.Code
		case err != nil:
			t.Fatalf("%v: %v", args, err)
		}
		return out.String() + errb.String(), 0
	}

	if out, code := run(ctx, "is-system-running"); out != "offline\n" || code != 1 {
		t.Errorf("no manager: %q, exit %d; want offline, 1", out, code)
	}

	// --wait from before the socket exists until PID 1 says the boot is done.
	type answer struct {
		out  string
		code int
	}
	waited := make(chan answer, 1)
	go func() {
		out, code := run(ctx, "is-system-running", "--wait")
		waited <- answer{out, code}
	}()
	time.Sleep(300 * time.Millisecond)
	go s.m.ServeControl(ctx, sock)
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if out, code := run(ctx, "is-system-running"); out != "starting\n" || code != 1 {
		t.Errorf("during the boot: %q, exit %d; want starting, 1", out, code)
	}
	select {
	case a := <-waited:
		t.Fatalf("--wait answered %q before the boot was done", a.out)
	case <-time.After(300 * time.Millisecond):
	}
	s.m.SetSystemState(SystemRunning)
	select {
	case a := <-waited:
		if a.out != "running\n" || a.code != 0 {
			t.Errorf("--wait: %q, exit %d; want running, 0", a.out, a.code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("--wait did not return 10 s after the boot was done")
	}
	if out, code := run(ctx, "is-system-running", "-q"); out != "" || code != 0 {
		t.Errorf("-q when running: %q, exit %d", out, code)
	}

	_ = s.m.Start(ctx, "bad.service")
	s.wait("bad.service", Failed)
	if out, code := run(ctx, "is-system-running", "--wait"); out != "degraded\n" || code != 1 {
		t.Errorf("a failed unit: %q, exit %d; want degraded, 1", out, code)
	}
	s.m.SetSystemState(SystemStopping)
	if out, code := run(ctx, "is-system-running"); out != "stopping\n" || code != 1 {
		t.Errorf("shutdown: %q, exit %d; want stopping, 1", out, code)
	}

	// --wait is bounded by the caller's context.
	s.m.SetSystemState("")
	short, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if out, code := run(short, "is-system-running", "--wait"); !strings.HasPrefix(out, "starting") || code != 1 {
		t.Errorf("--wait past its deadline: %q, exit %d; want starting, 1", out, code)
	}
}
