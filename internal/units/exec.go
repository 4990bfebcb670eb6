//go:build linux

package units

import (
	"bufio"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// execCtx is what every command of one service invocation shares.
type execCtx struct {
	env    []string
	envMap map[string]string
	cred   *syscall.Credential
	dir    string
	out    *os.File
	pid    *atomic.Int64
	cgroup string
	// listen are the sockets of the service's socket units, passed to the main process as
	// fds 3... with LISTEN_FDS/LISTEN_FDNAMES (and LISTEN_PID set by the shim).
	listen  []*os.File
	fdnames []string
	limits  []Rlimit
	shim    string
	umask   int
}

func (x *execCtx) close() {
	if x.out != nil {
		x.out.Close()
	}
}

// prepare builds the environment, credentials, directories, cgroup and output pipe.
func (m *Manager) prepare(r *rt) (*execCtx, error) {
	u, s := r.u, r.u.Service
	x := &execCtx{envMap: map[string]string{}, pid: &atomic.Int64{}, dir: "/", limits: s.Limits, shim: m.opt.Shim, umask: s.UMask}
	home, uname, shell := "/root", "root", "/bin/sh"
	if s.User != "" || s.Group != "" {
		cred := &syscall.Credential{}
		if s.User != "" {
			pu, err := lookupUser(s.User)
			if err != nil {
				return nil, fmt.Errorf("looking up User=%s: %w", s.User, err)
			}
			uid, _ := strconv.Atoi(pu.Uid)
			gid, _ := strconv.Atoi(pu.Gid)
			cred.Uid, cred.Gid = uint32(uid), uint32(gid)
			home, uname = pu.HomeDir, pu.Username
			if gids, err := pu.GroupIds(); err == nil {
				for _, g := range gids {
					if n, err := strconv.Atoi(g); err == nil {
						cred.Groups = append(cred.Groups, uint32(n))
					}
				}
			}
		}
		if s.Group != "" {
			g, err := user.LookupGroup(s.Group)
			if err != nil {
				if _, e := strconv.Atoi(s.Group); e != nil {
					return nil, fmt.Errorf("looking up Group=%s: %w", s.Group, err)
				}
				g = &user.Group{Gid: s.Group}
			}
			gid, _ := strconv.Atoi(g.Gid)
			cred.Gid = uint32(gid)
		}
		x.cred = cred
	}
	set := func(kv string) {
		k, v, _ := strings.Cut(kv, "=")
		x.envMap[k] = v
	}
	for _, kv := range []string{"PATH=" + DefaultPath, "LANG=C.UTF-8", "HOME=" + home, "USER=" + uname,
		"LOGNAME=" + uname, "SHELL=" + shell, "INVOCATION_ID=" + strconv.FormatInt(time.Now().UnixNano(), 16)} {
		set(kv)
	}
	if s.Type == "notify" && m.opt.NotifySocket != "" {
		set("NOTIFY_SOCKET=" + m.opt.NotifySocket)
	}
	for _, ef := range s.EnvironmentFile {
		b, err := os.ReadFile(filepath.Join(m.opt.Root, ef.Path))
		if err != nil {
			if ef.Optional {
				continue
			}
			return nil, fmt.Errorf("EnvironmentFile=%s: %w", ef.Path, err)
		}
		for _, kv := range ParseEnvFile(string(b)) {
			set(kv)
		}
	}
	for _, kv := range s.Environment {
		set(kv)
	}
	for _, group := range []struct {
		base, key string
		dirs      []string
	}{{"run", "RuntimeDirectory", s.RuntimeDir}, {"var/lib", "StateDirectory", s.StateDir}, {"var/log", "LogsDirectory", s.LogsDir},
		{"var/cache", "CacheDirectory", s.CacheDir}, {"etc", "ConfigurationDirectory", s.ConfigDir}} {
		mode := os.FileMode(0o755)
		if md, ok := s.DirMode[group.key]; ok {
			mode = os.FileMode(md)
		}
		var paths []string
		for _, d := range group.dirs {
			p := filepath.Join(m.opt.Root, group.base, d)
			if err := os.MkdirAll(p, mode); err != nil {
				return nil, err
			}
			_ = os.Chmod(p, mode)
			if x.cred != nil {
				_ = os.Chown(p, int(x.cred.Uid), int(x.cred.Gid))
			}
			paths = append(paths, "/"+group.base+"/"+d)
		}
		if len(paths) > 0 {
			name := map[string]string{"run": "RUNTIME_DIRECTORY", "var/lib": "STATE_DIRECTORY", "var/log": "LOGS_DIRECTORY",
				"var/cache": "CACHE_DIRECTORY", "etc": "CONFIGURATION_DIRECTORY"}[group.base]
			set(name + "=" + strings.Join(paths, ":"))
		}
	}
	if s.WorkingDir != "" {
		wd := strings.TrimPrefix(s.WorkingDir, "-")
		if wd == "~" {
			wd = home
		}
		x.dir = wd
	}
	if x.listen, x.fdnames = m.socketFiles(u.Name); len(x.listen) > 0 {
		set("LISTEN_FDS=" + strconv.Itoa(len(x.listen)))
		set("LISTEN_FDNAMES=" + strings.Join(x.fdnames, ":"))
	}
	for k, v := range x.envMap {
		x.env = append(x.env, k+"="+v)
	}
	if cg := m.cgroupDir(u); cg != "" {
		if err := os.MkdirAll(cg, 0o755); err == nil {
			x.cgroup = cg
		}
	}
	out, err := m.opt.Journal.Pipe(u.Name, func() int { return int(x.pid.Load()) })
	if err != nil {
		return nil, err
	}
	x.out = out
	return x, nil
}

func lookupUser(name string) (*user.User, error) {
	if u, err := user.Lookup(name); err == nil {
		return u, nil
	}
	return user.LookupId(name)
}

// spawn starts one command of the service without waiting; main is the main process
// (ExecStart=), the only one that gets the socket units' file descriptors, as in systemd.
func (m *Manager) spawn(r *rt, x *execCtx, c Command, main bool) (int, <-chan Exit, error) {
	env := x.envMap
	if len(x.env) != len(env) { // extra variables appended (MAINPID, SERVICE_RESULT)
		env = map[string]string{}
		for _, kv := range x.env {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	}
	argv := expandArgs(c.Argv, env)
	path, err := lookPath(m.opt.Root, c.Path)
	if err != nil {
		return 0, nil, err
	}
	if len(argv) == 0 {
		return 0, nil, fmt.Errorf("empty command line after expansion: %q", c.Raw)
	}
	stdout := x.out
	if stdout == nil {
		stdout = os.Stderr
	}
	var umask *int
	if x.umask >= 0 {
		umask = &x.umask
	}
	spec := &ProcSpec{Path: path, Argv: argv, Env: x.env, Dir: x.dir, Cred: x.cred,
		Files: []*os.File{nil, stdout, stdout}, Cgroup: x.cgroup, Limits: x.limits, Shim: x.shim, Umask: umask}
	if !main || len(x.listen) == 0 {
		spec.Env = withoutListenVars(x.env)
	} else {
		spec.Files = append(spec.Files, x.listen...)
		spec.ListenFDs = len(x.listen)
	}
	pid, done, err := m.opt.Runner.Start(spec)
	if err != nil {
		return 0, nil, err
	}
	x.pid.Store(int64(pid))
	return pid, done, nil
}

// runSync runs one command of the service to completion (bounded by timeout); main is
// as for spawn (the ExecStart= of oneshot and forking services).
func (m *Manager) runSync(r *rt, x *execCtx, c Command, timeout time.Duration, main ...bool) error {
	pid, done, err := m.spawn(r, x, c, len(main) > 0 && main[0])
	if err != nil {
		return err
	}
	var to <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		to = t.C
	}
	select {
	case e := <-done:
		if e.Code != 0 || e.Signal != 0 {
			return fmt.Errorf("%s exited with %s", c.Argv[0], e)
		}
		return nil
	case <-to:
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-done
		return fmt.Errorf("%s timed out after %v", c.Argv[0], timeout)
	}
}

func (m *Manager) removeRuntimeDirs(u *Unit) {
	for _, d := range u.Service.RuntimeDir {
		_ = os.RemoveAll(filepath.Join(m.opt.Root, "run", d))
	}
}

// ParseEnvFile reads KEY=VALUE lines as EnvironmentFile= does: comments (#, ;) and blank
// lines skipped, "export " tolerated, single or double quotes around the value removed.
func ParseEnvFile(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' || l[0] == ';' {
			continue
		}
		l = strings.TrimPrefix(l, "export ")
		k, v, ok := strings.Cut(l, "=")
		k = strings.TrimSpace(k)
		if !ok || !isName(k) {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		out = append(out, k+"="+v)
	}
	return out
}

// withoutListenVars drops LISTEN_FDS and LISTEN_FDNAMES for the processes that do not get
// the sockets.
func withoutListenVars(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LISTEN_FDS=") && !strings.HasPrefix(kv, "LISTEN_FDNAMES=") {
			out = append(out, kv)
		}
	}
	return out
}
