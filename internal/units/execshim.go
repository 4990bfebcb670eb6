//go:build linux

package units

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// ShimName is argv[0] of the supervisor's own binary re-executed between fork and the
// service's exec, for what syscall.ForkExec cannot do in the child: resource limits
// (Limit*=, set before dropping privileges so that a hard limit can be raised), UMask= and
// LISTEN_PID, which must be the service's own pid (sd_listen_fds(3)). It then sets the
// credentials and executes the service; its pid, process group, cgroup and file
// descriptors are the service's. nimbus-init dispatches on this name (initd.Main) and
// the package's tests in TestMain.
const ShimName = "nimbus-exec"

// shimSpec is what the shim is told in argv[1].
type shimSpec struct {
	Path      string              `json:"path"`
	Limits    []Rlimit            `json:"limits,omitempty"`
	ListenPID bool                `json:"listen_pid,omitempty"`
	Cred      *syscall.Credential `json:"cred,omitempty"`
	Umask     *int                `json:"umask,omitempty"`
}

// shimArgv returns the argv that runs spec through the shim.
func shimArgv(spec *ProcSpec) ([]string, error) {
	b, err := json.Marshal(shimSpec{Path: spec.Path, Limits: spec.Limits, ListenPID: spec.ListenFDs > 0, Cred: spec.Cred, Umask: spec.Umask})
	if err != nil {
		return nil, err
	}
	return append([]string{ShimName, string(b)}, spec.Argv...), nil
}

// RunShim is the shim's main: argv is [ShimName, spec, service argv...]. It only returns
// on failure, with the exit status to use (127, as a shell's exec failure), after writing
// the reason to stderr (the service's journal).
func RunShim(argv []string) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(os.Stderr, ShimName+": "+format+"\n", a...)
		return 127
	}
	if len(argv) < 3 {
		return fail("usage: %s SPEC ARGV...", ShimName)
	}
	var sp shimSpec
	if err := json.Unmarshal([]byte(argv[1]), &sp); err != nil {
		return fail("bad spec: %v", err)
	}
	for _, l := range sp.Limits {
		// syscall.Setrlimit, not unix's: for RLIMIT_NOFILE it also stops the Go runtime
		// from restoring the limit it found at start-up when it executes the service.
		if err := setrlimitClosest(l.Resource, syscall.Rlimit{Cur: l.Soft, Max: l.Hard}); err != nil {
			return fail("setting Limit%s=%d:%d: %v", l.Name, l.Soft, l.Hard, err)
		}
	}
	if sp.Umask != nil {
		syscall.Umask(*sp.Umask)
	}
	env := os.Environ()
	if sp.ListenPID {
		env = append(env, "LISTEN_PID="+strconv.Itoa(os.Getpid()))
	}
	if c := sp.Cred; c != nil {
		groups := make([]int, len(c.Groups))
		for i, g := range c.Groups {
			groups[i] = int(g)
		}
		if !c.NoSetGroups {
			if err := syscall.Setgroups(groups); err != nil {
				return fail("setgroups: %v", err)
			}
		}
		if err := syscall.Setgid(int(c.Gid)); err != nil {
			return fail("setgid %d: %v", c.Gid, err)
		}
		if err := syscall.Setuid(int(c.Uid)); err != nil {
			return fail("setuid %d: %v", c.Uid, err)
		}
	}
	err := syscall.Exec(sp.Path, argv[2:], env)
	return fail("executing %s: %v", sp.Path, err)
}

// setrlimitClosest sets a limit as close to the wanted one as the kernel allows, as
// systemd's setrlimit_closest does: on EPERM (LimitNOFILE=infinity is above
// fs.nr_open, which caps RLIMIT_NOFILE even for root) it clamps to fs.nr_open for
// RLIMIT_NOFILE, then to the hard limit in force, instead of failing the service.
func setrlimitClosest(resource int, want syscall.Rlimit) error {
	err := syscall.Setrlimit(resource, &want)
	if err != syscall.EPERM {
		return err
	}
	clamp := func(max uint64) syscall.Rlimit {
		return syscall.Rlimit{Cur: min(want.Cur, max), Max: min(want.Max, max)}
	}
	if resource == syscall.RLIMIT_NOFILE {
		if b, rerr := os.ReadFile("/proc/sys/fs/nr_open"); rerr == nil {
			if n, perr := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); perr == nil {
				fixed := clamp(n)
				if syscall.Setrlimit(resource, &fixed) == nil {
					return nil
				}
			}
		}
	}
	var cur syscall.Rlimit
	if gerr := syscall.Getrlimit(resource, &cur); gerr != nil || cur.Max == ^uint64(0) {
		return err
	}
	fixed := clamp(cur.Max)
	return syscall.Setrlimit(resource, &fixed)
}
