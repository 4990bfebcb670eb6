//go:build linux

package units

import (
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// ListenNotify serves the sd_notify protocol on the datagram socket opt.NotifySocket:
// READY=1 completes a Type=notify start, STATUS= is shown by status, MAINPID= changes the
// main process. Senders are identified by their credentials (SO_PASSCRED): the message
// counts for the unit whose main process, or process group, the sender is.
func (m *Manager) ListenNotify() (func() error, error) {
	return m.listenCredentials(m.opt.NotifySocket, 0o777, 4096, "sd_notify listener", func(pid int, b []byte) {
		m.notify(pid, string(b))
	})
}

// listenCredentials serves the datagram socket path (made anew, mode perm) whose senders
// are known by their credentials (SO_PASSCRED): handle gets each datagram (cut at size
// bytes) and the sender's pid (0 when the kernel gave none), on a goroutine of its own
// named what. It returns the function closing the socket.
func (m *Manager) listenCredentials(path string, perm os.FileMode, size int, what string, handle func(pid int, b []byte)) (func() error, error) {
	_ = os.Remove(path)
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		return nil, err
	}
	_ = os.Chmod(path, perm)
	raw, err := conn.SyscallConn()
	if err != nil {
		conn.Close()
		return nil, err
	}
	_ = raw.Control(func(fd uintptr) {
		_ = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_PASSCRED, 1)
	})
	go func() {
		defer m.guard(what)
		buf := make([]byte, size)
		oob := make([]byte, 256)
		for {
			n, oobn, _, _, err := conn.ReadMsgUnix(buf, oob)
			if err != nil {
				return
			}
			pid := 0
			if msgs, err := syscall.ParseSocketControlMessage(oob[:oobn]); err == nil {
				for _, cm := range msgs {
					if cred, err := syscall.ParseUnixCredentials(&cm); err == nil {
						pid = int(cred.Pid)
					}
				}
			}
			handle(pid, buf[:n])
		}
	}()
	return conn.Close, nil
}

// processUnitLocked returns the unit whose main process, or process group, pid is (nil
// when none). m.mu is held.
func (m *Manager) processUnitLocked(pid int) *rt {
	pgid, _ := syscall.Getpgid(pid)
	for _, o := range m.units {
		if o.mainPID > 0 && (o.mainPID == pid || o.mainPID == pgid) {
			return o
		}
	}
	return nil
}

func (m *Manager) notify(pid int, msg string) {
	if pid <= 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.processUnitLocked(pid)
	if r == nil {
		return
	}
	for _, line := range strings.Split(msg, "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "READY":
			if v == "1" && r.ready != nil {
				select {
				case <-r.ready:
				default:
					close(r.ready)
				}
			}
		case "STATUS":
			r.status = v
		case "MAINPID":
			if n, err := strconv.Atoi(v); err == nil && n > 1 {
				r.mainPID = n
			}
		}
	}
}
