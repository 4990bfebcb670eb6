package txn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/rpmlua"
)

// scriptEnv is the environment of scriptlets and of the programs Lua scriptlets start.
var scriptEnv = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8"}

// runLua runs a `-p <lua>` scriptlet or trigger in-process (internal/rpmlua): its paths
// resolve inside the root through os.Root, the programs it starts run chrooted as other
// scriptlets do, all of it within the runner's timeout.
func (r ChrootRunner) runLua(ctx context.Context, root string, s Script, timeout time.Duration, out io.Writer) error {
	rt, err := os.OpenRoot(root)
	if err != nil {
		return fmt.Errorf("%s scriptlet of %s: %w", s.Kind, s.Package, err)
	}
	defer rt.Close()
	ls := rpmlua.Script{Package: s.Package, Kind: string(s.Kind), Body: s.Body, Args: []int{s.Arg}}
	if s.Arg2 != nil {
		ls.Args = append(ls.Args, *s.Arg2)
	}
	if s.Stdin != nil { // a file trigger: rpm hands its files to Lua through rpm.next_file()
		ls.Files = strings.Split(strings.TrimSuffix(string(s.Stdin), "\n"), "\n")
	}
	env := rpmlua.Env{Root: rt, Output: out, Timeout: timeout, Environ: scriptEnv,
		Exec: func(ctx context.Context, argv, env []string, dir string, stdout, stderr io.Writer) (int, error) {
			return execChrooted(ctx, root, rt, argv, env, dir, stdout, stderr)
		}}
	return rpmlua.Run(ctx, env, ls)
}

// execChrooted runs argv chrooted into root (unless it is "/") in its own process group,
// killed with the group when ctx ends. A name without a slash is looked up in env's PATH
// inside the root, as posix_spawnp does after rpm's chroot. It returns the raw wait status.
func execChrooted(ctx context.Context, root string, rt *os.Root, argv, env []string, dir string, stdout, stderr io.Writer) (int, error) {
	prog := argv[0]
	if !strings.Contains(prog, "/") {
		found := ""
		for _, e := range env {
			if p, ok := strings.CutPrefix(e, "PATH="); ok {
				for _, d := range strings.Split(p, ":") {
					c := path.Join("/", d, prog)
					if isProgram(rt, c) {
						found = c
						break
					}
				}
			}
		}
		if found == "" {
			return 0, fmt.Errorf("%s: %w", prog, syscall.ENOENT)
		}
		prog = found
	} else {
		c := path.Join("/", dir, prog)
		if path.IsAbs(prog) {
			c = path.Clean(prog)
		}
		if !isProgram(rt, c) {
			return 0, fmt.Errorf("%s: %w", prog, syscall.ENOENT)
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	cmd := &exec.Cmd{Path: prog, Args: argv, Env: env, Dir: dir, Stdout: stdout, Stderr: stderr, WaitDelay: scriptWaitDelay}
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
	err := cmd.Wait()
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
			return int(ws), nil
		}
	}
	if err != nil {
		return 0, err
	}
	return 0, nil
}

// isProgram reports whether p (as the root sees it) can be a program to run: an executable
// file, or a symlink, which the kernel resolves inside the chroot (an absolute one, such as
// /usr/bin/java -> /etc/alternatives/java, os.Root would refuse to follow).
func isProgram(rt *os.Root, p string) bool {
	fi, err := rt.Lstat(strings.TrimPrefix(p, "/"))
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeSymlink != 0 || fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}
