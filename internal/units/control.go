//go:build linux

package units

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// DefaultControlSocket is where PID 1 serves control requests.
const DefaultControlSocket = "/run/nimbus/control.sock"

// Request is one control request: a verb and its unit arguments.
type Request struct {
	Verb  string   `json:"verb"`
	Units []string `json:"units,omitempty"`
}

// Response answers a Request. Code follows systemctl's exit statuses (3: not active,
// 4: no such unit).
type Response struct {
	Code    int      `json:"code"`
	Error   string   `json:"error,omitempty"`
	Lines   []string `json:"lines,omitempty"`
	Units   []Status `json:"units,omitempty"`
	Enabled []string `json:"enabled,omitempty"`
	// Denied: the caller may not change state (systemd's "Access denied").
	Denied bool `json:"denied,omitempty"`
}

// Allowed reports whether a caller with user id uid may run verb. The read-only verbs answer
// any user, as systemd lets any user ask the manager's state; the others change it and
// need root (systemd asks polkit, and without it refuses every unprivileged caller with
// "Access denied").
func Allowed(verb string, uid int) bool {
	switch verb {
	case "status", "show", "cat", "is-active", "is-enabled", "is-failed", "list-units", "is-system-running":
		return true
	}
	return uid == 0
}

// ServeControl answers requests on a unix stream socket (one JSON request and one JSON
// response per connection) until ctx ends. Every user may connect (mode 0666); the
// caller's user id, from the kernel (SO_PEERCRED), decides what it may do (Allowed).
func (m *Manager) ServeControl(ctx context.Context, path string) error {
	_ = os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return err
	}
	if err := os.Chmod(path, 0o666); err != nil {
		ln.Close()
		return err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	for {
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		go m.serveConn(ctx, c)
	}
}

func (m *Manager) serveConn(ctx context.Context, c net.Conn) {
	defer m.guard("control connection")
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var req Request
	if err := json.NewDecoder(bufio.NewReader(c)).Decode(&req); err != nil {
		return
	}
	_ = c.SetReadDeadline(time.Time{})
	if !Allowed(req.Verb, peerUID(c)) {
		_ = json.NewEncoder(c).Encode(Response{Code: 4, Error: "Access denied", Denied: true})
		return
	}
	resp := m.Handle(ctx, req)
	_ = json.NewEncoder(c).Encode(resp)
}

// peerUID is the user id of the process at the other end of c, -1 when the kernel does
// not say (then only the read-only verbs are allowed).
func peerUID(c net.Conn) int {
	uc, ok := c.(*net.UnixConn)
	if !ok {
		return -1
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return -1
	}
	uid := -1
	_ = raw.Control(func(fd uintptr) {
		if cred, err := unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED); err == nil {
			uid = int(cred.Uid)
		}
	})
	return uid
}

// Handle executes one request (used by the socket and directly in tests).
func (m *Manager) Handle(ctx context.Context, req Request) Response {
	var resp Response
	fail := func(code int, err error) Response {
		resp.Code = code
		resp.Error = err.Error()
		if errors.Is(err, ErrNoUnit) {
			resp.Code = 4
		}
		return resp
	}
	each := func(f func(string) error) Response {
		var errs []error
		for _, u := range req.Units {
			if err := f(u); err != nil {
				errs = append(errs, err)
			}
		}
		if err := errors.Join(errs...); err != nil {
			return fail(1, err)
		}
		return resp
	}
	switch req.Verb {
	case "start":
		return each(func(u string) error { return m.Start(ctx, u) })
	case "stop":
		return each(func(u string) error { return m.Stop(ctx, u) })
	case "restart":
		return each(func(u string) error { return m.Restart(ctx, u) })
	case "reload":
		return each(func(u string) error { return m.Reload(ctx, u) })
	case "enable", "disable":
		return each(func(u string) error {
			f := m.Enable
			if req.Verb == "disable" {
				f = m.Disable
			}
			links, err := f(u)
			resp.Enabled = append(resp.Enabled, links...)
			return err
		})
	case "status", "is-active", "is-enabled", "is-failed":
		for _, u := range req.Units {
			st, err := m.Status(u)
			if errors.Is(err, ErrNoUnit) && (req.Verb == "is-active" || req.Verb == "is-failed") {
				// systemctl: a unit that does not exist is "inactive" (exit 3 for is-active).
				st, err = Status{Name: u, State: Inactive, NotFound: true}, nil
			}
			if err != nil {
				return fail(4, err)
			}
			resp.Units = append(resp.Units, st)
			switch {
			case req.Verb == "is-enabled" && st.Enabled != "enabled" && st.Enabled != "static":
				resp.Code = 1
			case req.Verb == "is-failed":
			case req.Verb != "is-enabled" && st.State != Active && st.State != Reloading:
				resp.Code = 3
			}
		}
		if req.Verb == "is-failed" {
			// systemctl is-failed: success when at least one of the units has failed.
			resp.Code = 1
			for _, st := range resp.Units {
				if st.State == Failed {
					resp.Code = 0
				}
			}
		}
		return resp
	case "list-units":
		resp.Units = m.List()
		return resp
	case "is-system-running":
		// systemctl is-system-running: the state, success only when it is "running".
		st := m.SystemState()
		resp.Lines = []string{st}
		if st != SystemRunning {
			resp.Code = 1
		}
		return resp
	case "show":
		// systemctl show answers for a unit that does not exist too (LoadState=not-found).
		for _, u := range req.Units {
			st, err := m.Status(u)
			if errors.Is(err, ErrNoUnit) {
				st = Status{Name: u, State: Inactive, NotFound: true}
			} else if err != nil {
				return fail(1, err)
			}
			resp.Units = append(resp.Units, st)
		}
		return resp
	case "cat":
		// systemctl cat: each file the unit was built from, "# PATH" first, drop-ins after
		// an empty line; units separated by an empty line.
		for i, u := range req.Units {
			st, err := m.Status(u)
			if err != nil {
				return fail(1, fmt.Errorf("No files found for %s.", u))
			}
			if i > 0 {
				resp.Lines = append(resp.Lines, "")
			}
			for k, src := range st.Sources {
				b, err := fs.ReadFile(m.opt.Loader.FS, strings.TrimPrefix(src, "/"))
				if err != nil {
					return fail(1, fmt.Errorf("reading %s: %w", src, err))
				}
				if k > 0 {
					resp.Lines = append(resp.Lines, "")
				}
				resp.Lines = append(resp.Lines, "# "+src)
				resp.Lines = append(resp.Lines, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")...)
			}
		}
		return resp
	case "daemon-reload":
		if err := m.DaemonReload(); err != nil {
			return fail(1, err)
		}
		return resp
	case "poweroff", "reboot", "halt":
		if m.opt.Power == nil {
			return fail(1, fmt.Errorf("%s: not running as PID 1", req.Verb))
		}
		if err := m.opt.Power(req.Verb); err != nil {
			return fail(1, err)
		}
		return resp
	}
	return fail(1, fmt.Errorf("unknown verb %q", req.Verb))
}

// Call sends req to the control socket at path and returns the answer.
func Call(ctx context.Context, path string, req Request) (Response, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return Response{}, fmt.Errorf("connecting to nimbus-init at %s: %w", path, err)
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return Response{}, err
	}
	var resp Response
	if err := json.NewDecoder(c).Decode(&resp); err != nil {
		return Response{}, fmt.Errorf("reading answer of nimbus-init: %w", err)
	}
	return resp, nil
}
