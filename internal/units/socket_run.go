//go:build linux

package units

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// socketRT is an active socket unit: its listening sockets and the trigger loop.
type socketRT struct {
	files []*os.File
	stop  chan struct{}
	done  chan struct{}
	// wake is the write end of a pipe whose read end the trigger loop polls with the
	// sockets, so that an idle loop sleeps in poll until traffic or a stop.
	wake, woken *os.File
}

// listen opens a socket unit's sockets (unix socket files replaced, their owner and mode
// set) and starts watching them: the first connection or datagram starts the service,
// unless it is already running. m.mu is not held.
func (m *Manager) listen(r *rt) error {
	s := r.u.Socket
	sr := &socketRT{stop: make(chan struct{}), done: make(chan struct{})}
	var err error
	if sr.woken, sr.wake, err = os.Pipe(); err != nil {
		return err
	}
	for _, l := range s.Listen {
		f, err := m.openListener(s, l)
		if err != nil {
			for _, f := range append(sr.files, sr.wake, sr.woken) {
				f.Close()
			}
			return fmt.Errorf("%s: listening on %s: %w", r.u.Name, l.Addr, err)
		}
		sr.files = append(sr.files, f)
	}
	m.mu.Lock()
	r.sock = sr
	m.mu.Unlock()
	go m.watchSocket(r, sr)
	return nil
}

func (m *Manager) openListener(s *Socket, l Listen) (*os.File, error) {
	addr := l.Addr
	isPath := strings.HasPrefix(l.Network, "unix") && !strings.HasPrefix(addr, "@")
	if isPath {
		addr = filepath.Join(m.opt.Root, addr)
		if err := os.MkdirAll(filepath.Dir(addr), 0o755); err != nil {
			return nil, err
		}
		if st, err := os.Lstat(addr); err == nil && st.Mode()&fs.ModeSocket != 0 {
			_ = os.Remove(addr) // a stale socket of an earlier run, as systemd replaces it
		}
	}
	var f *os.File
	var err error
	switch l.Network {
	case "tcp":
		var ln net.Listener
		if ln, err = net.Listen("tcp", addr); err == nil {
			f, err = ln.(*net.TCPListener).File()
			ln.Close()
		}
	case "unix":
		var ln *net.UnixListener
		if ln, err = net.ListenUnix("unix", &net.UnixAddr{Name: addr, Net: "unix"}); err == nil {
			ln.SetUnlinkOnClose(false)
			f, err = ln.File()
			ln.Close()
		}
	case "udp":
		var pc net.PacketConn
		if pc, err = net.ListenPacket("udp", addr); err == nil {
			f, err = pc.(*net.UDPConn).File()
			pc.Close()
		}
	case "unixgram":
		var pc *net.UnixConn
		if pc, err = net.ListenUnixgram("unixgram", &net.UnixAddr{Name: addr, Net: "unixgram"}); err == nil {
			f, err = pc.File()
			pc.Close()
		}
	default:
		err = fmt.Errorf("unknown network %q", l.Network)
	}
	if err != nil {
		return nil, err
	}
	if isPath {
		if err := m.ownSocketFile(s, addr); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// ownSocketFile applies SocketMode=, SocketUser= and SocketGroup= to a unix socket file.
func (m *Manager) ownSocketFile(s *Socket, p string) error {
	if err := os.Chmod(p, os.FileMode(s.SocketMode)); err != nil {
		return err
	}
	uid, gid := -1, -1
	if s.SocketUser != "" {
		u, err := lookupUser(s.SocketUser)
		if err != nil {
			return fmt.Errorf("SocketUser=%s: %w", s.SocketUser, err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		if s.SocketGroup == "" {
			gid, _ = strconv.Atoi(u.Gid)
		}
	}
	if s.SocketGroup != "" {
		g, err := user.LookupGroup(s.SocketGroup)
		if err != nil {
			if _, e := strconv.Atoi(s.SocketGroup); e != nil {
				return fmt.Errorf("SocketGroup=%s: %w", s.SocketGroup, err)
			}
			g = &user.Group{Gid: s.SocketGroup}
		}
		gid, _ = strconv.Atoi(g.Gid)
	}
	if uid >= 0 || gid >= 0 {
		return os.Lchown(p, uid, gid)
	}
	return nil
}

// watchSocket starts the socket's service when one of its sockets becomes readable while
// the service is not running, and waits for the service to end before watching again (a
// running service owns the sockets).
func (m *Manager) watchSocket(r *rt, sr *socketRT) {
	defer m.guard("watching " + r.u.Name)
	defer close(sr.done)
	svc := r.u.Socket.Service
	pfds := make([]unix.PollFd, len(sr.files)+1)
	for i, f := range sr.files {
		pfds[i] = unix.PollFd{Fd: int32(f.Fd()), Events: unix.POLLIN}
	}
	wakeIdx := len(sr.files)
	pfds[wakeIdx] = unix.PollFd{Fd: int32(sr.woken.Fd()), Events: unix.POLLIN}
	backoff := 100 * time.Millisecond
	for {
		select {
		case <-sr.stop:
			return
		default:
		}
		m.mu.Lock()
		sv := m.units[svc]
		if sv != nil && (sv.state != Inactive && sv.state != Failed || sv.cancel != nil) {
			ch := sv.changed
			m.mu.Unlock()
			select {
			case <-ch:
			case <-sr.stop:
				return
			}
			continue
		}
		m.mu.Unlock()
		// Wake up at least once a minute to look at the service's state again.
		n, err := unix.Poll(pfds, 60000)
		if err != nil && !errors.Is(err, syscall.EINTR) {
			m.log("%s: poll: %v", r.u.Name, err)
			return
		}
		if pfds[wakeIdx].Revents != 0 {
			return // stopping
		}
		if n <= 0 {
			continue
		}
		m.log("%s: incoming traffic, starting %s", r.u.Name, svc)
		if err := m.Start(context.Background(), svc); err != nil {
			m.log("%s: starting %s: %v", r.u.Name, svc, err)
			m.mu.Lock()
			limit := m.units[svc] != nil && m.units[svc].result == "start-limit-hit"
			m.mu.Unlock()
			if limit {
				m.log("%s: %s hit its start limit, socket fails", r.u.Name, svc)
				go func() {
					defer m.guard("failing " + r.u.Name)
					m.closeSocket(r)
					m.setState(r, Failed, "service-start-limit-hit")
				}()
				return
			}
			select {
			case <-time.After(backoff):
			case <-sr.stop:
				return
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
	}
}

// closeSocket stops the trigger loop and closes the sockets (unix socket files stay,
// as with systemd's RemoveOnStop=no).
func (m *Manager) closeSocket(r *rt) {
	m.mu.Lock()
	sr := r.sock
	r.sock = nil
	m.mu.Unlock()
	if sr == nil {
		return
	}
	close(sr.stop)
	sr.wake.Close() // the read end sees the hang-up
	<-sr.done
	for _, f := range append(sr.files, sr.woken) {
		f.Close()
	}
}

// socketFiles returns the listening sockets of the active socket units that trigger
// service, in unit-name order, with their FileDescriptorName= for LISTEN_FDNAMES.
func (m *Manager) socketFiles(service string) ([]*os.File, []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var names []string
	for n, o := range m.units {
		if o.sock != nil && o.u.Socket != nil && o.u.Socket.Service == service && n == o.u.Name {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var files []*os.File
	var fdnames []string
	for _, n := range names {
		o := m.units[n]
		for _, f := range o.sock.files {
			files = append(files, f)
			fdnames = append(fdnames, o.u.Socket.FDName)
		}
	}
	return files, fdnames
}
