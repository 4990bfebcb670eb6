//go:build linux

package units

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Exit is how a process ended.
type Exit struct {
	Code   int
	Signal syscall.Signal // non-zero when killed by a signal
}

func (e Exit) String() string {
	if e.Signal != 0 {
		return "signal " + e.Signal.String()
	}
	return fmt.Sprintf("status %d", e.Code)
}

func exitOf(ws syscall.WaitStatus) Exit {
	if ws.Signaled() {
		return Exit{Code: 128 + int(ws.Signal()), Signal: ws.Signal()}
	}
	return Exit{Code: ws.ExitStatus()}
}

// ProcSpec describes a process to start.
type ProcSpec struct {
	Path   string
	Argv   []string
	Env    []string
	Dir    string
	Cred   *syscall.Credential
	Files  []*os.File // stdin, stdout, stderr (nil entries become /dev/null), then fds 3...
	Cgroup string     // a cgroup2 directory to start in; "" for none
	// Limits are set in the child before it drops privileges; ListenFDs > 0 sets
	// LISTEN_PID to the child's pid. Either runs the child through the shim (execshim.go)
	// found at Shim (default /proc/self/exe).
	Limits    []Rlimit
	ListenFDs int
	Shim      string
	// Umask, when set, is the child's umask (set by the shim).
	Umask *int
}

// Runner starts processes and reports their ends. The Reaper is the real one.
type Runner interface {
	Start(*ProcSpec) (pid int, done <-chan Exit, err error)
	// Watch reports the end of a process that is not (or no longer) a direct child,
	// like a forking daemon's main process.
	Watch(pid int) <-chan Exit
}

// Reaper starts processes in their own process group and collects exit statuses. As PID 1
// (global mode) it alone calls wait: it reaps every child, orphans included, and hands
// each status to whoever started or watches that pid; the fork and the registration happen
// under one lock so no status can be lost in between. Outside PID 1 it waits per pid, and
// makes the process a child subreaper so forking daemons stay its children.
type Reaper struct {
	global bool

	mu        sync.Mutex
	waiters   map[int][]chan Exit
	unclaimed map[int]Exit
	order     []int
}

// NewReaper returns a reaper; global must be true only in PID 1 (or a process that wants
// all its children's statuses); call Run then.
func NewReaper(global bool) *Reaper {
	_ = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
	return &Reaper{global: global, waiters: map[int][]chan Exit{}, unclaimed: map[int]Exit{}}
}

// Run reaps on every SIGCHLD until stop is closed (global mode only).
func (r *Reaper) Run(stop <-chan struct{}) {
	if !r.global {
		return
	}
	sig := make(chan os.Signal, 16)
	signal.Notify(sig, syscall.SIGCHLD)
	defer signal.Stop(sig)
	tick := time.NewTicker(2 * time.Second) // a missed SIGCHLD costs at most this long
	defer tick.Stop()
	for {
		r.reapAll()
		select {
		case <-stop:
			return
		case <-sig:
		case <-tick.C:
		}
	}
}

func (r *Reaper) reapAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		if err == syscall.EINTR {
			continue
		}
		if pid <= 0 || err != nil {
			return
		}
		if ws.Stopped() || ws.Continued() {
			continue
		}
		r.deliverLocked(pid, exitOf(ws))
	}
}

func (r *Reaper) deliverLocked(pid int, e Exit) {
	if ws := r.waiters[pid]; len(ws) > 0 {
		for _, c := range ws {
			c <- e
		}
		delete(r.waiters, pid)
		return
	}
	// Nobody asked (an orphan, or a watch not yet registered): keep a bounded record.
	r.unclaimed[pid] = e
	r.order = append(r.order, pid)
	for len(r.order) > 256 {
		delete(r.unclaimed, r.order[0])
		r.order = r.order[1:]
	}
}

func (r *Reaper) registerLocked(pid int) chan Exit {
	c := make(chan Exit, 1)
	if e, ok := r.unclaimed[pid]; ok {
		delete(r.unclaimed, pid)
		c <- e
		return c
	}
	r.waiters[pid] = append(r.waiters[pid], c)
	return c
}

// Start forks and execs spec in a new process group (and cgroup when given).
func (r *Reaper) Start(spec *ProcSpec) (int, <-chan Exit, error) {
	files := make([]uintptr, max(3, len(spec.Files)))
	var toClose []*os.File
	for i := range files {
		var f *os.File
		if i < len(spec.Files) {
			f = spec.Files[i]
		}
		if f == nil {
			mode := os.O_WRONLY
			if i == 0 {
				mode = os.O_RDONLY
			}
			var err error
			if f, err = os.OpenFile(os.DevNull, mode, 0); err != nil {
				return 0, nil, err
			}
			toClose = append(toClose, f)
		}
		files[i] = f.Fd()
	}
	defer func() {
		for _, f := range toClose {
			f.Close()
		}
	}()
	path, argv, cred := spec.Path, spec.Argv, spec.Cred
	if len(spec.Limits) > 0 || spec.ListenFDs > 0 || spec.Umask != nil {
		var err error
		if argv, err = shimArgv(spec); err != nil {
			return 0, nil, err
		}
		path, cred = spec.Shim, nil
		if path == "" {
			path = "/proc/self/exe"
		}
	}
	sys := &syscall.SysProcAttr{Setpgid: true, Credential: cred}
	if spec.Cgroup != "" {
		if cg, err := os.Open(spec.Cgroup); err == nil {
			defer cg.Close()
			sys.UseCgroupFD, sys.CgroupFD = true, int(cg.Fd())
		}
	}
	attr := &syscall.ProcAttr{Dir: spec.Dir, Env: spec.Env, Files: files, Sys: sys}
	r.mu.Lock()
	pid, err := syscall.ForkExec(path, argv, attr)
	if err != nil {
		r.mu.Unlock()
		return 0, nil, fmt.Errorf("starting %s: %w", spec.Path, err)
	}
	if r.global {
		c := r.registerLocked(pid)
		r.mu.Unlock()
		return pid, c, nil
	}
	r.mu.Unlock()
	c := make(chan Exit, 1)
	go func() {
		var ws syscall.WaitStatus
		for {
			_, err := syscall.Wait4(pid, &ws, 0, nil)
			if err == syscall.EINTR {
				continue
			}
			if err != nil {
				c <- Exit{Code: 255}
				return
			}
			if ws.Exited() || ws.Signaled() {
				c <- exitOf(ws)
				return
			}
		}
	}()
	return pid, c, nil
}

// Watch reports the end of pid, which may be an adopted orphan.
func (r *Reaper) Watch(pid int) <-chan Exit {
	if r.global {
		r.mu.Lock()
		defer r.mu.Unlock()
		if syscall.Kill(pid, 0) == syscall.ESRCH {
			if e, ok := r.unclaimed[pid]; ok {
				delete(r.unclaimed, pid)
				c := make(chan Exit, 1)
				c <- e
				return c
			}
		}
		return r.registerLocked(pid)
	}
	c := make(chan Exit, 1)
	go func() {
		var ws syscall.WaitStatus
		for {
			_, err := syscall.Wait4(pid, &ws, 0, nil)
			if err == syscall.EINTR {
				continue
			}
			if err == nil && (ws.Exited() || ws.Signaled()) {
				c <- exitOf(ws)
				return
			}
			if err != nil { // not our child: poll
				for syscall.Kill(pid, 0) == nil {
					time.Sleep(50 * time.Millisecond)
				}
				c <- Exit{}
				return
			}
		}
	}()
	return c
}

// Run starts spec and waits for it, or for the timeout (then the group is killed).
func RunWait(r Runner, spec *ProcSpec, timeout time.Duration) (Exit, error) {
	pid, done, err := r.Start(spec)
	if err != nil {
		return Exit{}, err
	}
	if timeout <= 0 {
		return <-done, nil
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case e := <-done:
		return e, nil
	case <-t.C:
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
		return Exit{Code: 255}, fmt.Errorf("%s: timed out after %v", spec.Path, timeout)
	}
}

// DefaultPath is the PATH services see and executables are looked up in.
const DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// lookPath resolves a command name without a slash against DefaultPath under root.
func lookPath(root, name string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, d := range filepath.SplitList(DefaultPath) {
		p := filepath.Join(d, name)
		if st, err := os.Stat(filepath.Join(root, p)); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: not found in %s", name, DefaultPath)
}
