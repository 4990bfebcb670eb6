package txn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// chrootCmd is a program run inside an install root: a shell scriptlet's interpreter, or a
// program a Lua scriptlet starts (rpm.execute, posix.exec). The one place that starts
// processes for scriptlets, so every such process is found, chrooted, grouped and killed
// the same way.
type chrootCmd struct {
	Argv   []string // Argv[0] is the program as the root sees it: absolute, relative to Dir, or a bare name looked up in Env's PATH
	Env    []string
	Dir    string // as the root sees it; "" is "/"
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// run runs c chrooted into root (unless it is "/") in its own process group, killed with
// the group when ctx ends. The program is looked up inside the root, never on the host: a
// bare name in Env's PATH, as posix_spawnp does after rpm's chroot, and an absolute or
// relative one as the root sees it. A program that is not there is fs.ErrNotExist (wrapped)
// without anything started. An exit with a status, or a death by a signal, is the raw wait
// status with a nil error; ctx's error when ctx ended first.
func (c chrootCmd) run(ctx context.Context, root string) (syscall.WaitStatus, error) {
	if len(c.Argv) == 0 {
		return 0, errors.New("no program to run")
	}
	dir := c.Dir
	if dir == "" {
		dir = "/"
	}
	prog, err := lookInRoot(root, c.Argv[0], dir, c.Env)
	if err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	cmd := &exec.Cmd{Path: prog, Args: c.Argv, Env: c.Env, Dir: dir, Stdin: c.Stdin, Stdout: c.Stdout, Stderr: c.Stderr, WaitDelay: scriptWaitDelay}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if root != "/" {
		cmd.SysProcAttr.Chroot = root
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		case <-done:
		}
	}()
	err = cmd.Wait()
	close(done)
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // it exited 0; what it left in the background holds the output
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok {
			return ws, nil
		}
	}
	return 0, err
}

// lookInRoot finds prog as a process chrooted into rt and working in dir would: a bare name
// in env's PATH, anything else relative to dir.
func lookInRoot(root, prog, dir string, env []string) (string, error) {
	if strings.Contains(prog, "/") {
		c := path.Join("/", dir, prog)
		if path.IsAbs(prog) {
			c = path.Clean(prog)
		}
		if !isProgram(root, c) {
			return "", fmt.Errorf("%s: %w", prog, os.ErrNotExist)
		}
		return c, nil
	}
	for _, e := range env {
		if p, ok := strings.CutPrefix(e, "PATH="); ok {
			for _, d := range strings.Split(p, ":") {
				if c := path.Join("/", d, prog); isProgram(root, c) {
					return c, nil
				}
			}
		}
	}
	return "", fmt.Errorf("%s: %w", prog, os.ErrNotExist)
}

// isProgram reports whether p (as a process chrooted into root sees it) can be a program
// to run: an executable file, or a symlink, which the kernel resolves inside the chroot.
// The directories on the way are resolved as the chroot would (fsutil.InRoot: an absolute
// link such as a /bin -> /usr/bin is taken inside root), the last component is not
// followed (an absolute /usr/bin/java -> /etc/alternatives/java is the kernel's to
// resolve).
func isProgram(root, p string) bool {
	d, err := fsutil.InRoot(root, path.Dir(p))
	if err != nil {
		return false
	}
	fi, err := os.Lstat(filepath.Join(d, path.Base(p)))
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeSymlink != 0 || fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// waitError is a non-zero wait status as os/exec words it ("exit status 3", "signal:
// killed"), or nil for a zero one.
func waitError(ws syscall.WaitStatus) error {
	switch {
	case ws.Exited() && ws.ExitStatus() == 0:
		return nil
	case ws.Exited():
		return fmt.Errorf("exit status %d", ws.ExitStatus())
	case ws.Signaled():
		return fmt.Errorf("signal: %v", ws.Signal())
	}
	return fmt.Errorf("wait status %#x", int(ws))
}
