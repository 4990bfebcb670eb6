package txn

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The crash test: a child process (this test binary) runs a transaction and SIGKILLs itself
// at one journal point or between two files; the parent then lets the next run recover, and
// checks that the root is consistent: the expected packages installed, rpm -Va clean, no
// journal left. Every point the transaction passes is tried.

const crashEnv = "NIMBUS_TXN_CRASH"

type crashScenario struct {
	root, dir         string
	app2, extra, lib  string
	extra2            string // no scriptlets, like extra: their database rows share one batch
	appNum, oldNum    int64
	libNum            int64 // reinstalled: its new row has the old row's SHA1HEADER
	wantAfterRecovery string
}

func setupCrashScenario(t *testing.T) *crashScenario {
	t.Helper()
	s := &crashScenario{root: newRoot(t), dir: t.TempDir()}
	lib := build(t, s.dir, libfoo, nil)
	s.lib = lib
	app1 := build(t, s.dir, appV("1", "one"), nil)
	old := build(t, s.dir, "name: old\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/old/a, content: a}, {path: /usr/share/old/b, content: b}]\nscripts: {preun: 'echo preun old $1 >> /var/log/scripts.log'}\n", nil)
	s.app2 = build(t, s.dir, appV("2", "two"), nil)
	s.extra = build(t, s.dir, "name: extra\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/extra/1, content: '1'}, {path: /usr/share/extra/2, content: '2'}, {path: /etc/extra.conf, content: c, config: noreplace}]\n", nil)
	s.extra2 = build(t, s.dir, "name: extra2\nversion: '1'\nrelease: '1'\narch: noarch\nsummary: s\nlicense: MIT\nfiles: [{path: /usr/share/extra2/1, content: 'x1'}]\n", nil)
	if _, err := Run(context.Background(), opts(s.root), Request{Install: []InstallItem{{File: lib}, {File: app1}, {File: old}}}); err != nil {
		t.Fatal(err)
	}
	s.appNum, s.oldNum, s.libNum = numOf(t, s.root, "app"), numOf(t, s.root, "old"), numOf(t, s.root, "libfoo")
	s.wantAfterRecovery = "app-2-1.noarch extra-1-1.noarch extra2-1-1.noarch libfoo-1.0-1.noarch"
	return s
}

func (s *crashScenario) request() Request {
	return Request{Install: []InstallItem{{File: s.app2, Replaces: []int64{s.appNum}}, {File: s.extra}, {File: s.extra2}, {File: s.lib, Replaces: []int64{s.libNum}}}, Erase: []int64{s.oldNum}}
}

// TestMain runs the child side of TestCrashRecovery when the test binary is started as one.
func TestMain(m *testing.M) {
	if spec := os.Getenv(installEnv); spec != "" {
		if err := installChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	if spec := os.Getenv(aheadCrashEnv); spec != "" { // ahead_test.go
		if err := aheadCrashChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	if spec := os.Getenv(crashEnv); spec != "" {
		if err := crashChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// crashChild runs the scenario's transaction and SIGKILLs itself at the named point.
func crashChild(spec string) error {
	f := strings.SplitN(spec, "|", 9)
	root, point := f[0], f[1]
	appNum, err1 := strconv.ParseInt(f[2], 10, 64)
	oldNum, err2 := strconv.ParseInt(f[3], 10, 64)
	libNum, err3 := strconv.ParseInt(f[7], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	o := opts(root)
	o.Hook = func(p string) {
		if p == point {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	req := Request{Install: []InstallItem{{File: f[4], Replaces: []int64{appNum}}, {File: f[5]}, {File: f[6]}, {File: f[8], Replaces: []int64{libNum}}}, Erase: []int64{oldNum}}
	_, err := Run(context.Background(), o, req)
	return err
}

func TestCrashRecovery(t *testing.T) {
	// Learn every point the transaction passes.
	probe := setupCrashScenario(t)
	var points []string
	o := opts(probe.root)
	o.Hook = func(p string) { points = append(points, p) }
	if _, err := Run(context.Background(), o, probe.request()); err != nil {
		t.Fatal(err)
	}
	if len(points) < 20 {
		t.Fatalf("only %d crash points: %v", len(points), points)
	}
	// extra and extra2 have no scriptlets: their database rows must share one batch, whose
	// commit (and the window between it and the journal's markers) are crash points.
	joined := " " + strings.Join(points, " ") + " "
	for _, want := range []string{" install:extra-1-1.noarch:db install:extra-1-1.noarch:post install:extra2-1-1.noarch:pre ", " db-commit:", " db-committed:"} {
		if !strings.Contains(joined, want) {
			t.Fatalf("no crash point %q in %v", strings.TrimSpace(want), points)
		}
	}
	for _, point := range points {
		t.Run(point, func(t *testing.T) {
			s := setupCrashScenario(t)
			spec := strings.Join([]string{s.root, point, itoa64(s.appNum), itoa64(s.oldNum), s.app2, s.extra, s.extra2, itoa64(s.libNum), s.lib}, "|")
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), crashEnv+"="+spec)
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child did not die at %s: %v", point, err)
			}
			// The next run (with nothing to do) recovers.
			res, err := Run(context.Background(), opts(s.root), Request{})
			if err != nil {
				t.Fatalf("recovery: %v", err)
			}
			if !res.Recovered && point != "finished" {
				t.Errorf("no interrupted transaction found after a crash at %s", point)
			}
			if got := strings.Join(installedNames(t, s.root), " "); got != s.wantAfterRecovery {
				t.Errorf("installed after recovery: %s, want %s", got, s.wantAfterRecovery)
			}
			rpmVerify(t, s.root)
			for _, j := range []string{JournalPath, JournalPath + ".log"} {
				if _, err := os.Stat(filepath.Join(s.root, j)); !os.IsNotExist(err) {
					t.Errorf("%s left behind: %v", j, err)
				}
			}
			for _, gone := range []string{"usr/share/old/a", "usr/share/app/data-1"} {
				if _, err := os.Stat(filepath.Join(s.root, gone)); !os.IsNotExist(err) {
					t.Errorf("%s survived: %v", gone, err)
				}
			}
			leftovers, _ := filepath.Glob(filepath.Join(s.root, "*/*/.nimbus-unpack-*"))
			more, _ := filepath.Glob(filepath.Join(s.root, "*/*/*/.nimbus-unpack-*"))
			if len(leftovers)+len(more) > 0 {
				t.Errorf("temporary files left: %v %v", leftovers, more)
			}
		})
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
