//go:build linux

package units

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// listenHelper is the test binary as a socket-activated service: it checks the
// sd_listen_fds(3) contract (LISTEN_PID is its pid, LISTEN_FDS sockets from fd 3, named by
// LISTEN_FDNAMES) and answers each connection on each socket with one line naming the
// fd and its name, then keeps serving.
func listenHelper() {
	fail := func(f string, a ...any) {
		fmt.Fprintf(os.Stderr, "listen helper: "+f+"\n", a...)
		os.Exit(3)
	}
	if os.Getenv("LISTEN_PID") != strconv.Itoa(os.Getpid()) {
		fail("LISTEN_PID=%q, pid %d", os.Getenv("LISTEN_PID"), os.Getpid())
	}
	n, err := strconv.Atoi(os.Getenv("LISTEN_FDS"))
	if err != nil || n < 1 {
		fail("LISTEN_FDS=%q", os.Getenv("LISTEN_FDS"))
	}
	names := strings.Split(os.Getenv("LISTEN_FDNAMES"), ":")
	if len(names) != n {
		fail("LISTEN_FDNAMES=%q for %d fds", os.Getenv("LISTEN_FDNAMES"), n)
	}
	for i := 0; i < n; i++ {
		fd := 3 + i
		if st, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil || st&unix.FD_CLOEXEC != 0 {
			fail("fd %d: flags %d %v", fd, st, err)
		}
		ln, err := net.FileListener(os.NewFile(uintptr(fd), names[i]))
		if err != nil {
			fail("fd %d: %v", fd, err)
		}
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				fmt.Fprintf(c, "fd=%d name=%s\n", fd, names[i])
				c.Close()
			}
		}()
	}
	time.Sleep(time.Minute)
	os.Exit(0)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func askLine(t *testing.T, network, addr string) string {
	t.Helper()
	c, err := net.DialTimeout(network, addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s %s: %v", network, addr, err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(15 * time.Second))
	l, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("reading from %s: %v", addr, err)
	}
	return strings.TrimSpace(l)
}

// TestSocketActivation: docker.socket's shape (a unix socket with SocketMode and
// SocketGroup, Accept=no) plus a TCP port; the service starts on the first connection
// and gets both sockets as fds 3 and 4 with LISTEN_PID its own pid and LimitNOFILE set.
func TestSocketActivation(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	s := newTestSys(t, map[string]string{
		"web.socket": fmt.Sprintf("[Unit]\nDescription=web socket\n[Socket]\nListenStream=/run/web.sock\nListenStream=127.0.0.1:%d\n"+
			"SocketMode=0660\nSocketUser=root\nSocketGroup=%d\nAccept=no\nFileDescriptorName=api\n[Install]\nWantedBy=sockets.target\n", port, os.Getgid()),
		"web.service": fmt.Sprintf("[Unit]\nRequires=web.socket\nAfter=web.socket\n[Service]\nEnvironment=NIMBUS_UNITS_HELPER=listen\nExecStart=%s\nLimitNOFILE=1000:2000\nLimitCORE=infinity\n", exe),
	})
	if err := s.m.Start(s.ctx(), "web.socket"); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(s.root, "run/web.sock")
	st, err := os.Stat(sock)
	if err != nil || st.Mode()&os.ModeSocket == 0 || st.Mode().Perm() != 0o660 {
		t.Fatalf("socket file %v %v", st, err)
	}
	if gid := st.Sys().(*syscall.Stat_t).Gid; int(gid) != os.Getgid() {
		t.Fatalf("socket group %d", gid)
	}
	if st, _ := s.m.Status("web.service"); st.State != Inactive {
		t.Fatalf("service started before any connection: %+v", st)
	}
	var out strings.Builder
	st0, _ := s.m.Status("web.socket")
	printStatus(&out, st0)
	if !strings.Contains(out.String(), "Triggers: web.service\n     Listen: /run/web.sock (Stream)\n             127.0.0.1:") {
		t.Errorf("status:\n%s", out.String())
	}
	got := askLine(t, "unix", sock)
	if want := "fd=3 name=api"; got != want {
		t.Fatalf("unix socket answered %q, want %q", got, want)
	}
	s.wait("web.service", Active)
	if got := askLine(t, "tcp", fmt.Sprintf("127.0.0.1:%d", port)); got != "fd=4 name=api" {
		t.Fatalf("tcp answered %q", got)
	}
	// Stopping the service leaves the socket listening; the next connection starts it again.
	if err := s.m.Stop(s.ctx(), "web.service"); err != nil {
		t.Fatal(err)
	}
	if got := askLine(t, "tcp", fmt.Sprintf("127.0.0.1:%d", port)); got != "fd=4 name=api" {
		t.Fatalf("after restart tcp answered %q", got)
	}
	// Stopping the socket (and with it its dependent service) closes the port.
	if err := s.m.Stop(s.ctx(), "web.socket"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("web.service"); st.State != Inactive {
		t.Fatalf("service after socket stop: %+v", st)
	}
	if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
		c.Close()
		t.Fatal("port still open after the socket unit stopped")
	}
}

// TestSocketEnabledServiceAtBoot: with both the socket and the service wanted by the boot
// target, the service starts at boot (not on a connection) and still gets the sockets.
func TestSocketEnabledServiceAtBoot(t *testing.T) {
	exe, _ := os.Executable()
	port := freePort(t)
	s := newTestSys(t, map[string]string{
		"echo.socket":  fmt.Sprintf("[Socket]\nListenStream=127.0.0.1:%d\n[Install]\nWantedBy=sockets.target\n", port),
		"echo.service": fmt.Sprintf("[Service]\nEnvironment=NIMBUS_UNITS_HELPER=listen\nExecStart=%s\n[Install]\nWantedBy=multi-user.target\n", exe),
	})
	for _, u := range []string{"echo.socket", "echo.service"} {
		if _, err := s.m.Enable(u); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.m.Start(s.ctx(), "multi-user.target"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("echo.service"); st.State != Active {
		t.Fatalf("echo.service at boot: %+v", st)
	}
	if got := askLine(t, "tcp", fmt.Sprintf("127.0.0.1:%d", port)); got != "fd=3 name=echo.socket" {
		t.Fatalf("answered %q", got)
	}
}

func TestParseListen(t *testing.T) {
	for _, c := range []struct {
		in, network, addr string
	}{
		{"/run/docker.sock", "unix", "/run/docker.sock"},
		{"@abstract", "unix", "@abstract"},
		{"2375", "tcp", ":2375"},
		{"127.0.0.1:80", "tcp", "127.0.0.1:80"},
		{"[::1]:8080", "tcp", "[::1]:8080"},
	} {
		l, err := ParseListen("stream", c.in)
		if err != nil || l.Network != c.network || l.Addr != c.addr {
			t.Errorf("%q: %+v %v", c.in, l, err)
		}
	}
	for _, bad := range []string{"", "0", "70000", "host:80", "1.2.3.4:0", "vsock:2:1234", "[fe80::1%eth0]:80", "/" + strings.Repeat("x", 120)} {
		if l, err := ParseListen("stream", bad); err == nil {
			t.Errorf("%q accepted: %+v", bad, l)
		}
	}
	if l, err := ParseListen("datagram", "514"); err != nil || l.Network != "udp" {
		t.Errorf("datagram: %+v %v", l, err)
	}
}

func TestSocketUnitParse(t *testing.T) {
	// Debian 12's docker.io docker.socket.
	b, err := os.ReadFile("testdata/debian/docker.socket")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("docker.socket", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	u, err := Build("docker.socket", f)
	if err != nil {
		t.Fatal(err)
	}
	s := u.Socket
	if len(s.Listen) != 1 || s.Listen[0].Addr != "/run/docker.sock" || s.SocketMode != 0o660 || s.SocketUser != "root" ||
		s.SocketGroup != "docker" || s.Service != "docker.service" || len(u.Unsupported) != 0 {
		t.Fatalf("%+v %+v", s, u)
	}
	if !strings.Contains(strings.Join(u.Before, " "), "docker.service") {
		t.Fatalf("no implicit Before=docker.service: %v", u.Before)
	}
	for _, bad := range []string{"[Socket]\nAccept=yes\nListenStream=1\n", "[Socket]\nSocketMode=999\nListenStream=1\n", "[Socket]\n"} {
		f, _ := Parse("x.socket", strings.NewReader(bad))
		if _, err := Build("x.socket", f); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzParseListen(f *testing.F) {
	for _, s := range []string{"/run/docker.sock", "@x", "80", "127.0.0.1:80", "[::]:443", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseListen("stream", s)
		if err == nil && (l.Addr == "" || l.Network == "") {
			t.Fatalf("%q: empty %+v", s, l)
		}
		u := "[Socket]\nListenStream=" + s + "\n"
		if pf, err := Parse("f.socket", strings.NewReader(u)); err == nil {
			_, _ = Build("f.socket", pf)
		}
	})
}

// TestLimits: Limit*= values reach the service (seen by a shell's ulimit), including a
// hard limit above the supervisor's soft one, infinity and soft:hard pairs; the service
// runs as its User= after the limits are set.
func TestLimits(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"lim.service": "[Service]\nType=oneshot\nLimitNOFILE=1000:2000\nLimitCORE=infinity\nLimitSTACK=8M\nLimitNPROC=4000\n" +
			"User=nobody\nUMask=0027\nExecStart=/bin/sh -c 'echo $(ulimit -Sn) $(ulimit -Hn) $(ulimit -c) $(ulimit -s) $(ulimit -p) $(id -u) $(umask)'\n",
	})
	if err := s.m.Start(s.ctx(), "lim.service"); err != nil {
		t.Fatal(err)
	}
	want := "1000 2000 unlimited 8192 4000 65534 0027"
	var ls []string
	for i := 0; i < 200; i++ {
		if ls, _ = ReadJournal(s.j.Dir, "lim.service", 0); len(ls) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(ls) != 1 || !strings.HasSuffix(ls[0], ": "+want) {
		t.Fatalf("limits %q, want %q", ls, want)
	}
}

func TestParseRlimit(t *testing.T) {
	for _, c := range []struct {
		name, in   string
		soft, hard uint64
	}{
		{"NOFILE", "65535", 65535, 65535},
		{"NOFILE", "1024:524288", 1024, 524288},
		{"CORE", "infinity", RlimInfinity, RlimInfinity},
		{"NPROC", "100:infinity", 100, RlimInfinity},
		{"MEMLOCK", "64K", 65536, 65536},
		{"AS", "1G", 1 << 30, 1 << 30},
		{"CPU", "2min", 120, 120},
		{"CPU", "30", 30, 30},
		{"RTTIME", "1s", 1000000, 1000000},
		{"NICE", "-5", 25, 25},
		{"NICE", "30", 30, 30},
	} {
		l, err := ParseRlimit(c.name, c.in)
		if err != nil || l.Soft != c.soft || l.Hard != c.hard {
			t.Errorf("Limit%s=%s: %+v %v", c.name, c.in, l, err)
		}
	}
	for _, bad := range [][2]string{{"NOFILE", "x"}, {"NOFILE", "10:5"}, {"NICE", "-30"}, {"BOGUS", "1"}, {"AS", "1Q"}, {"NOFILE", ""}} {
		if l, err := ParseRlimit(bad[0], bad[1]); err == nil {
			t.Errorf("Limit%s=%s accepted: %+v", bad[0], bad[1], l)
		}
	}
}

// TestAlias: Install.Alias= links the alias on enable; start, status and enable by the
// alias act on the unit; a package's alias symlink (mysql.service -> mariadb.service)
// resolves the same way.
func TestAlias(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"redis-server.service": "[Service]\nExecStart=/bin/sleep 60\n[Install]\nWantedBy=multi-user.target\nAlias=redis.service\n",
		"mariadb.service":      "[Service]\nExecStart=/bin/sleep 60\n",
	})
	if err := os.Symlink("mariadb.service", filepath.Join(s.root, "etc/systemd/system/mysql.service")); err != nil {
		t.Fatal(err)
	}
	links, err := s.m.Enable("redis-server.service")
	if err != nil || !strings.Contains(strings.Join(links, " "), "/etc/systemd/system/redis.service") {
		t.Fatalf("enable: %q %v", links, err)
	}
	if err := s.m.Start(s.ctx(), "redis.service"); err != nil {
		t.Fatal(err)
	}
	st, err := s.m.Status("redis-server.service")
	if err != nil || st.State != Active {
		t.Fatalf("redis-server.service %+v %v", st, err)
	}
	if st2, _ := s.m.Status("redis.service"); st2.Name != "redis-server.service" || st2.MainPID != st.MainPID || st2.Enabled != "enabled" {
		t.Fatalf("status by alias %+v", st2)
	}
	if err := s.m.Start(s.ctx(), "mysql.service"); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.m.Status("mariadb.service"); st.State != Active {
		t.Fatalf("mariadb.service %+v", st)
	}
	if n := len(s.m.List()); n != 2 {
		t.Fatalf("list has %d units, want 2: %+v", n, s.m.List())
	}
	if _, err := s.m.Disable("redis.service"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(s.root, "etc/systemd/system/redis.service")); err == nil {
		t.Fatal("alias link left after disable")
	}
}
