//go:build linux

package units

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a Type=notify service.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == ShimName {
		os.Exit(RunShim(os.Args))
	}
	if os.Getenv("NIMBUS_UNITS_HELPER") == "listen" {
		listenHelper()
	}
	if os.Getenv("NIMBUS_UNITS_HELPER") == "reaper" {
		reaperHelper()
	}
	if os.Getenv("NIMBUS_UNITS_HELPER") == "ctl" {
		ctlHelper()
	}
	if os.Getenv("NIMBUS_UNITS_HELPER") == "notify" {
		c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: os.Getenv("NOTIFY_SOCKET"), Net: "unixgram"})
		if err == nil {
			time.Sleep(100 * time.Millisecond)
			c.Write([]byte("STATUS=warming up\nREADY=1"))
			c.Close()
		}
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type testSys struct {
	t    *testing.T
	root string
	m    *Manager
	j    *Journal
}

func newTestSys(t *testing.T, units map[string]string) *testSys {
	t.Helper()
	root := t.TempDir()
	for name, body := range units {
		p := filepath.Join(root, "etc/systemd/system", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		body = strings.ReplaceAll(body, "@ROOT@", root)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := &Journal{Dir: filepath.Join(root, "var/log/journal")}
	m := NewManager(Options{Loader: &Loader{FS: os.DirFS(root)}, Root: root, Journal: j,
		NotifySocket: filepath.Join(root, "notify"), MaxStopTimeout: 3 * time.Second})
	s := &testSys{t: t, root: root, m: m, j: j}
	stopNotify, err := m.ListenNotify()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopNotify() })
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		m.StopAll(ctx)
		if t.Failed() {
			ls, _ := ReadJournal(j.Dir, "", 0)
			t.Logf("journal:\n%s", strings.Join(ls, "\n"))
		}
	})
	return s
}

func (s *testSys) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	s.t.Cleanup(cancel)
	return ctx
}

func (s *testSys) read(name string) string {
	b, _ := os.ReadFile(filepath.Join(s.root, name))
	return string(b)
}

func (s *testSys) wait(name string, states ...State) State {
	s.t.Helper()
	st, err := s.m.WaitState(s.ctx(), name, states...)
	if err != nil {
		s.t.Fatalf("%s: waiting for %v: %v (state %s)", name, states, err, st)
	}
	return st
}

func TestSimpleStartStop(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"sleeper.service": "[Service]\nExecStartPre=/bin/sh -c 'echo pre >> @ROOT@/log'\nExecStart=/bin/sh -c 'echo started $GREETING; exec sleep 60'\nEnvironment=GREETING=hello\nRuntimeDirectory=sleeper\nExecStopPost=/bin/sh -c 'echo post $SERVICE_RESULT >> @ROOT@/log'\n",
	})
	if err := s.m.Start(s.ctx(), "sleeper.service"); err != nil {
		t.Fatal(err)
	}
	st, _ := s.m.Status("sleeper.service")
	if st.State != Active || st.MainPID == 0 {
		t.Fatalf("status %+v", st)
	}
	if _, err := os.Stat(filepath.Join(s.root, "run/sleeper")); err != nil {
		t.Fatalf("RuntimeDirectory: %v", err)
	}
	for i := 0; i < 200; i++ {
		if ls, _ := ReadJournal(s.j.Dir, "sleeper.service", 0); len(ls) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := s.m.Stop(s.ctx(), "sleeper.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("sleeper.service"); st.State != Inactive {
		t.Fatalf("after stop: %+v", st)
	}
	if got := s.read("log"); got != "pre\npost success\n" {
		t.Fatalf("log %q", got)
	}
	if _, err := os.Stat(filepath.Join(s.root, "run/sleeper")); err == nil {
		t.Fatal("RuntimeDirectory not removed")
	}
	ls, _ := ReadJournal(s.j.Dir, "sleeper.service", 0)
	if len(ls) == 0 || !strings.Contains(strings.Join(ls, "\n"), "started hello") {
		t.Fatalf("journal %q", ls)
	}
}

func TestRestartOnFailureWithBackoff(t *testing.T) {
	// Fails twice, then stays up.
	s := newTestSys(t, map[string]string{
		"flaky.service": "[Service]\nRestart=on-failure\nRestartSec=50ms\nExecStart=/bin/sh -c 'echo x >> @ROOT@/runs; [ $(wc -l < @ROOT@/runs) -ge 3 ] && exec sleep 60; exit 3'\n",
	})
	start := time.Now()
	_ = s.m.Start(s.ctx(), "flaky.service")
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(s.read("runs"), "x") < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	s.wait("flaky.service", Active)
	if n := strings.Count(s.read("runs"), "x"); n != 3 {
		t.Fatalf("runs %d", n)
	}
	// Backoff: 50 ms then 100 ms at least.
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("restarted too fast: %v", d)
	}
	if Backoff(&Service{RestartDelay: time.Second}, 1) != time.Second || Backoff(&Service{RestartDelay: time.Second}, 3) != 4*time.Second ||
		Backoff(&Service{RestartDelay: time.Second}, 20) != 30*time.Second {
		t.Fatal("backoff schedule")
	}
}

func TestStartRateLimit(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"crash.service": "[Unit]\nStartLimitIntervalSec=10\nStartLimitBurst=3\n[Service]\nRestart=always\nRestartSec=10ms\nRestartMaxDelaySec=20ms\nExecStart=/bin/sh -c 'echo x >> @ROOT@/runs; exit 1'\n",
	})
	_ = s.m.Start(s.ctx(), "crash.service")
	s.wait("crash.service", Failed)
	st, _ := s.m.Status("crash.service")
	if st.Result != "start-limit-hit" {
		t.Fatalf("result %q", st.Result)
	}
	if n := strings.Count(s.read("runs"), "x"); n != 3 {
		t.Fatalf("runs %d, want 3", n)
	}
}

func TestRestartPreventAndNoRestart(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"prevent.service": "[Service]\nRestart=on-failure\nRestartPreventExitStatus=7\nRestartSec=10ms\nExecStart=/bin/sh -c 'echo x >> @ROOT@/runs; exit 7'\n",
		"done.service":    "[Service]\nExecStart=/bin/true\n",
	})
	_ = s.m.Start(s.ctx(), "prevent.service")
	s.wait("prevent.service", Failed)
	_ = s.m.Start(s.ctx(), "done.service")
	s.wait("done.service", Inactive)
	time.Sleep(100 * time.Millisecond)
	if n := strings.Count(s.read("runs"), "x"); n != 1 {
		t.Fatalf("runs %d", n)
	}
}

func TestDependenciesAndStopOrder(t *testing.T) {
	rec := func(n string) string {
		return "ExecStart=/bin/sh -c 'echo start " + n + " >> @ROOT@/order; exec sleep 60'\nExecStopPost=/bin/sh -c 'echo stop " + n + " >> @ROOT@/order'\n"
	}
	s := newTestSys(t, map[string]string{
		"app.service":    "[Unit]\nRequires=db.service\nWants=cache.service\nAfter=db.service cache.service\n[Service]\n" + rec("app"),
		"db.service":     "[Unit]\nAfter=setup.service\nRequires=setup.service\n[Service]\n" + rec("db"),
		"cache.service":  "[Unit]\nWants=missing.service\n[Service]\n" + rec("cache"),
		"setup.service":  "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c 'sleep 0.2; echo start setup >> @ROOT@/order'\n",
		"bad.service":    "[Unit]\nRequires=broken.service\nAfter=broken.service\n[Service]\n" + rec("bad"),
		"broken.service": "[Service]\nType=oneshot\nExecStart=/bin/false\n",
		"cond.service":   "[Unit]\nConditionPathExists=@ROOT@/nope\n[Service]\n" + rec("cond"),
	})
	if err := s.m.Start(s.ctx(), "app.service"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200 && strings.Count(s.read("order"), "start") < 4; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	order := strings.Fields(strings.ReplaceAll(s.read("order"), "start ", "start_"))
	pos := map[string]int{}
	for i, o := range order {
		pos[o] = i
	}
	if len(order) != 4 || pos["start_setup"] > pos["start_db"] {
		t.Fatalf("start order %q", order)
	}
	// Simple services are started once forked; the supervisor's journal gives the order.
	lines, _ := ReadJournal(s.j.Dir, "nimbus-init", 0)
	at := map[string]int{}
	for i, l := range lines {
		for _, u := range []string{"app", "db", "cache"} {
			if strings.Contains(l, " "+u+".service: started") {
				at[u] = i
			}
		}
	}
	if !(at["db"] < at["app"] && at["cache"] < at["app"]) {
		t.Fatalf("started in the wrong order:\n%s", strings.Join(lines, "\n"))
	}
	if err := s.m.Start(s.ctx(), "bad.service"); err == nil {
		t.Fatal("bad.service started although its requirement failed")
	}
	if err := s.m.Start(s.ctx(), "cond.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("cond.service"); st.State != Inactive || st.Result != "condition" {
		t.Fatalf("cond: %+v", st)
	}
	os.Remove(filepath.Join(s.root, "order"))
	if err := s.m.StopAll(s.ctx()); err != nil {
		t.Fatal(err)
	}
	order = strings.Fields(strings.ReplaceAll(s.read("order"), "stop ", "stop_"))
	pos = map[string]int{}
	for i, o := range order {
		pos[o] = i
	}
	if len(order) != 3 || !(pos["stop_app"] < pos["stop_db"] && pos["stop_app"] < pos["stop_cache"]) {
		t.Fatalf("stop order %q", order)
	}
	// Stopping a required unit stops its dependents first.
	if err := s.m.Start(s.ctx(), "app.service"); err != nil {
		t.Fatal(err)
	}
	if err := s.m.Stop(s.ctx(), "db.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("app.service"); st.State != Inactive {
		t.Fatalf("app after stopping db: %s", st.State)
	}
}

func TestNotifyAndForking(t *testing.T) {
	exe, _ := os.Executable()
	s := newTestSys(t, map[string]string{
		"notify.service":   "[Service]\nType=notify\nEnvironment=NIMBUS_UNITS_HELPER=notify\nExecStart=" + exe + "\n",
		"forking.service":  "[Service]\nType=forking\nPIDFile=/pid\nExecStart=/bin/sh -c 'sleep 60 & echo $! > @ROOT@/pid'\n",
		"stubborn.service": "[Service]\nTimeoutStopSec=300ms\nExecStart=/bin/sh -c 'trap \"\" TERM; touch @ROOT@/trapped; while :; do sleep 0.05; done'\n",
	})
	if err := s.m.Start(s.ctx(), "notify.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("notify.service"); st.State != Active || st.NotifyStatus != "warming up" {
		t.Fatalf("notify: %+v", st)
	}
	if err := s.m.Start(s.ctx(), "forking.service"); err != nil {
		t.Fatal(err)
	}
	st, _ := s.m.Status("forking.service")
	if st.State != Active || st.MainPID == 0 || strings.TrimSpace(s.read("pid")) == "" {
		t.Fatalf("forking: %+v", st)
	}
	if err := s.m.Start(s.ctx(), "stubborn.service"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200 && s.read("trapped") == "" && !exists(filepath.Join(s.root, "trapped")); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	t0 := time.Now()
	if err := s.m.Stop(s.ctx(), "stubborn.service"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 300*time.Millisecond {
		t.Fatalf("stubborn stopped in %v, before its TimeoutStopSec", d)
	}
}

func TestControlSocketAndCtl(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"web.service": "[Unit]\nDescription=Web\n[Service]\nExecStart=/bin/sleep 60\n[Install]\nWantedBy=multi-user.target\n",
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
	cfg := CtlConfig{Socket: sock, JournalDir: s.j.Dir}
	run := func(args ...string) (string, int) {
		var out, errb bytes.Buffer
		err := Ctl(ctx, cfg, args, &out, &errb)
		code := 0
		if ee, ok := err.(*ExitError); ok {
			code = ee.Code
		} else if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out.String() + errb.String(), code
	}
	if out, code := run("is-active", "web"); code != 3 || strings.TrimSpace(out) != "inactive" {
		t.Fatalf("is-active before: %q %d", out, code)
	}
	if out, code := run("is-enabled", "web.service"); code != 1 || strings.TrimSpace(out) != "disabled" {
		t.Fatalf("is-enabled: %q %d", out, code)
	}
	if out, code := run("enable", "--now", "web"); code != 0 || !strings.Contains(out, "multi-user.target.wants/web.service") {
		t.Fatalf("enable: %q %d", out, code)
	}
	if _, err := os.Lstat(filepath.Join(s.root, "etc/systemd/system/multi-user.target.wants/web.service")); err != nil {
		t.Fatal(err)
	}
	if out, code := run("status", "web"); code != 0 || !strings.Contains(out, "active (success)") || !strings.Contains(out, "enabled") {
		t.Fatalf("status: %q %d", out, code)
	}
	if out, _ := run("list-units"); !strings.Contains(out, "web.service") {
		t.Fatalf("list-units: %q", out)
	}
	if out, code := run("stop", "web"); code != 0 {
		t.Fatalf("stop: %q", out)
	}
	if out, _ := run("logs", "-u", "nimbus-init"); !strings.Contains(out, "web.service: stopped") {
		t.Fatalf("logs: %q", out)
	}
	if _, code := run("status", "nosuch"); code != 4 {
		t.Fatalf("status of missing unit: code %d", code)
	}
	if out, code := run("poweroff"); code != 1 || !strings.Contains(out, "not running as PID 1") {
		t.Fatalf("poweroff: %q %d", out, code)
	}
}

func TestUserAndEnvironmentFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("User= needs root")
	}
	s := newTestSys(t, map[string]string{
		"who.service": "[Service]\nType=oneshot\nUser=nobody\nEnvironmentFile=/env\nEnvironmentFile=-/missing\nExecStart=/bin/sh -c 'echo uid=$(id -u) greeting=$GREETING'\n",
	})
	os.WriteFile(filepath.Join(s.root, "env"), []byte("# comment\nexport GREETING=\"hi there\"\n"), 0o644)
	if err := s.m.Start(s.ctx(), "who.service"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		ls, _ := ReadJournal(s.j.Dir, "who.service", 0)
		if len(ls) > 0 {
			if !strings.Contains(ls[0], "uid=65534 greeting=hi there") {
				t.Fatalf("journal %q", ls)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no output")
}

func TestConflictsAndLogsFollow(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"a.service": "[Service]\nExecStart=/bin/sh -c 'echo a up; exec sleep 60'\n",
		"b.service": "[Unit]\nConflicts=a.service\n[Service]\nExecStart=/bin/sleep 60\n",
	})
	if err := s.m.Start(s.ctx(), "a.service"); err != nil {
		t.Fatal(err)
	}
	if err := s.m.Start(s.ctx(), "b.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("a.service"); st.State != Inactive {
		t.Fatalf("a after starting its conflict: %s", st.State)
	}
	if err := s.m.Start(s.ctx(), "a.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("b.service"); st.State != Inactive {
		t.Fatalf("b after starting a: %s", st.State)
	}
	// logs -f prints new lines of the unit as they come.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, w, _ := os.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Ctl(ctx, CtlConfig{Socket: "/nonexistent", JournalDir: s.j.Dir}, []string{"logs", "-f", "-u", "a"}, w, w)
		w.Close()
	}()
	time.Sleep(300 * time.Millisecond)
	s.j.Log("a.service", 7, "late line")
	s.j.Log("b.service", 8, "other unit")
	buf := make([]byte, 4096)
	var got string
	for !strings.Contains(got, "late line") {
		n, err := r.Read(buf)
		if err != nil {
			t.Fatalf("logs -f: %v (got %q)", err, got)
		}
		got += string(buf[:n])
	}
	cancel()
	<-done
	if strings.Contains(got, "other unit") {
		t.Fatalf("logs -f -u a printed b's line: %q", got)
	}
}

func TestJournalRotation(t *testing.T) {
	dir := t.TempDir()
	j := &Journal{Dir: dir, MaxSize: 200, Keep: 2}
	for i := 0; i < 40; i++ {
		j.Log("a.service", 1, "line %d", i)
	}
	j.Close()
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Fatalf("files %d", len(ents))
	}
	ls, _ := ReadJournal(dir, "a.service", 0)
	if len(ls) == 0 || !strings.HasSuffix(ls[len(ls)-1], "line 39") {
		t.Fatalf("lines %q", ls)
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
