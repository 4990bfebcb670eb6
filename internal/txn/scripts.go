package txn

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// Script is one scriptlet run: which package, which slot, what rpm passes as $1 (the number
// of instances of the package installed after the operation).
type Script struct {
	Package string // NEVRA
	Kind    rpm.ScriptKind
	Interp  []string
	Body    string
	Arg     int
}

// Runner runs scriptlets inside an install root. Every scriptlet of every transaction goes
// through one Runner, so privileged work stays at this edge and tests can observe it.
type Runner interface {
	Run(ctx context.Context, root string, s Script) error
}

// ErrLua is returned for scriptlets in rpm's embedded Lua, which Nimbus does not run.
var ErrLua = errors.New("Lua scriptlets (<lua>) are not supported")

// ChrootRunner runs scriptlets the way rpm does: the body is written to a temporary file
// under <root>/var/tmp and run as `interpreter [args] file $1`, chrooted into root (unless
// root is "/"), in its own process group, killed when Timeout passes.
type ChrootRunner struct {
	Timeout time.Duration // default 5 minutes
	Output  io.Writer     // scriptlet stdout and stderr; nil discards
}

// Run implements Runner.
func (r ChrootRunner) Run(ctx context.Context, root string, s Script) error {
	if len(s.Interp) == 0 {
		s.Interp = []string{"/bin/sh"}
	}
	if s.Interp[0] == "<lua>" {
		return ErrLua
	}
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	inRoot := func(p string) string { return filepath.Join(root, p) }
	if _, err := os.Stat(inRoot(s.Interp[0])); err != nil {
		return fmt.Errorf("%s scriptlet of %s: interpreter %s not found in %s", s.Kind, s.Package, s.Interp[0], root)
	}
	if err := os.MkdirAll(inRoot("/var/tmp"), 0o1777); err != nil {
		return err
	}
	f, err := os.CreateTemp(inRoot("/var/tmp"), "rpm-tmp.")
	if err != nil {
		return fmt.Errorf("%s scriptlet of %s: %w", s.Kind, s.Package, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(s.Body); err != nil {
		f.Close()
		return err
	}
	f.Close()
	script := "/var/tmp/" + filepath.Base(f.Name())
	if root == "/" {
		script = f.Name()
	}

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{}, s.Interp[1:]...), script, strconv.Itoa(s.Arg))
	cmd := exec.CommandContext(ctx, s.Interp[0], args...)
	cmd.Dir = "/"
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if root != "/" {
		cmd.SysProcAttr.Chroot = root
	}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	w := r.Output
	if w == nil {
		w = io.Discard
	}
	cmd.Stdout = io.MultiWriter(w, &out)
	cmd.Stderr = io.MultiWriter(w, &out)
	if err := cmd.Run(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("%s scriptlet of %s: killed after %s", s.Kind, s.Package, timeout)
		}
		tail := out.String()
		if len(tail) > 400 {
			tail = "..." + tail[len(tail)-400:]
		}
		return fmt.Errorf("%s scriptlet of %s failed: %w: %s", s.Kind, s.Package, err, tail)
	}
	return nil
}
