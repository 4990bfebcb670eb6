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
	p := m.opt.NotifySocket
	_ = os.Remove(p)
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: p, Net: "unixgram"})
	if err != nil {
		return nil, err
	}
	_ = os.Chmod(p, 0o777)
	raw, err := conn.SyscallConn()
	if err != nil {
		conn.Close()
		return nil, err
	}
	_ = raw.Control(func(fd uintptr) {
		_ = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_PASSCRED, 1)
	})
	go func() {
		defer m.guard("sd_notify listener")
		buf := make([]byte, 4096)
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
			m.notify(pid, string(buf[:n]))
		}
	}()
	return conn.Close, nil
}

func (m *Manager) notify(pid int, msg string) {
	if pid <= 0 {
		return
	}
	pgid, _ := syscall.Getpgid(pid)
	m.mu.Lock()
	defer m.mu.Unlock()
	var r *rt
	for _, o := range m.units {
		if o.mainPID > 0 && (o.mainPID == pid || o.mainPID == pgid) {
			r = o
			break
		}
	}
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
