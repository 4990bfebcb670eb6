package txn

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
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
	// Arg2 is a trigger's $2 (the count of the package that set it off); nil for the rest.
	Arg2 *int
	// Stdin is what the scriptlet reads on its standard input: the matching files, one a
	// line, for a file trigger; nil for the others (they read /dev/null, as under rpm).
	Stdin []byte
}

// Runner runs scriptlets inside an install root. Every scriptlet of every transaction goes
// through one Runner, so privileged work stays at this edge and tests can observe it.
type Runner interface {
	Run(ctx context.Context, root string, s Script) error
}

// ErrLua may be returned by a Runner that does not run rpm's embedded Lua (ChrootRunner
// runs it): the transaction then skips the scriptlet with a warning.
var ErrLua = errors.New("Lua scriptlets (<lua>) are not supported")

// ScriptTmpDir is where scriptlet bodies are written, inside the root (rpm's %_tmppath).
const ScriptTmpDir = "var/tmp"

// scriptTmpPrefix starts the name of every scriptlet body file (rpm's "rpm-tmp.").
const scriptTmpPrefix = "rpm-tmp."

// DefaultScriptOutputLimit bounds the scriptlet output a ChrootRunner passes on per
// scriptlet; the rest is read and dropped, so a scriptlet printing without end costs no
// memory and does not flood the log.
const DefaultScriptOutputLimit = 1 << 20

// scriptWaitDelay is how long a scriptlet's output is still read after it exited: a
// process it left running in the background (a daemon started with &) keeps the output
// pipe open, and rpm, which hands scriptlets its own descriptors and waits for the
// scriptlet's process only, does not wait for it either.
const scriptWaitDelay = 2 * time.Second

// scriptTail is how much of a failing scriptlet's output its error quotes.
const scriptTail = 400

// ChrootRunner runs scriptlets the way rpm does: the body is written to a temporary file
// under <root>/var/tmp (created inside the root, mode 1777 when missing) and run as
// `interpreter [args] file $1`, chrooted into root (unless root is "/"), in its own process
// group, killed when Timeout passes. Its output goes to Output as it comes (dnf logs
// scriptlet output as rpm hands it over), up to OutputLimit bytes per scriptlet; only the
// last few hundred bytes are kept, for the error of a failing scriptlet.
type ChrootRunner struct {
	Timeout     time.Duration // default 5 minutes
	Output      io.Writer     // scriptlet stdout and stderr; nil discards
	OutputLimit int64         // bytes passed to Output per scriptlet; 0: DefaultScriptOutputLimit
}

// Run implements Runner.
func (r ChrootRunner) Run(ctx context.Context, root string, s Script) error {
	if len(s.Interp) == 0 {
		s.Interp = []string{"/bin/sh"}
	}
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	limit := r.OutputLimit
	if limit == 0 {
		limit = DefaultScriptOutputLimit
	}
	if s.Interp[0] == "<lua>" {
		out := &scriptOutput{w: r.Output, left: limit}
		err := r.runLua(ctx, root, s, timeout, out)
		out.finish(s)
		return err
	}
	rt, err := os.OpenRoot(root)
	if err != nil {
		return fmt.Errorf("%s scriptlet of %s: %w", s.Kind, s.Package, err)
	}
	defer rt.Close()
	name, err := writeScript(rt, s.Body)
	if err != nil {
		return fmt.Errorf("%s scriptlet of %s: writing the scriptlet to %s in %s: %w", s.Kind, s.Package, "/"+ScriptTmpDir, root, err)
	}
	defer rt.Remove(name)
	script := "/" + name // the chroot's view, and the host's when root is "/"

	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{}, s.Interp[1:]...), script, strconv.Itoa(s.Arg))
	if s.Arg2 != nil {
		args = append(args, strconv.Itoa(*s.Arg2))
	}
	out := &scriptOutput{w: r.Output, left: limit}
	cmd := chrootCmd{Argv: append([]string{s.Interp[0]}, args...), Env: scriptEnv, Dir: "/", Stdout: out, Stderr: out}
	if s.Stdin != nil {
		cmd.Stdin = bytes.NewReader(s.Stdin)
	}
	ws, err := cmd.run(ctx, root)
	if err == nil {
		err = waitError(ws)
	}
	out.finish(s)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Errorf("%s scriptlet of %s: killed after %s", s.Kind, s.Package, timeout)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s scriptlet of %s: interpreter %s not found in %s", s.Kind, s.Package, s.Interp[0], root)
		}
		return fmt.Errorf("%s scriptlet of %s failed: %w: %s", s.Kind, s.Package, err, out.tail())
	}
	return nil
}

// writeScript writes a scriptlet body to a new var/tmp/rpm-tmp.* file inside the root and
// returns its name relative to the root.
func writeScript(rt *os.Root, body string) (string, error) {
	if err := makeTmpDir(rt); err != nil {
		return "", err
	}
	for range 100 {
		var b [8]byte
		rand.Read(b[:])
		name := ScriptTmpDir + "/" + scriptTmpPrefix + hex.EncodeToString(b[:])
		f, err := rt.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.WriteString(body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			rt.Remove(name)
			return "", err
		}
		return name, nil
	}
	return "", errors.New("no free temporary file name")
}

// makeTmpDir creates var/tmp inside the root when it is missing, world-writable and sticky
// (1777) as every system has it. (os.MkdirAll cannot make it: the permission bits it passes
// to mkdir drop the sticky bit, and the umask drops the others.)
func makeTmpDir(rt *os.Root) error {
	if _, err := rt.Stat(ScriptTmpDir); err == nil {
		return nil
	}
	if err := rt.MkdirAll("var", 0o755); err != nil {
		return err
	}
	if err := rt.Mkdir(ScriptTmpDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return rt.Chmod(ScriptTmpDir, 0o777|fs.ModeSticky)
}

// cleanScriptTmp removes scriptlet body files a killed transaction left in the root's
// var/tmp. It runs only while the rpmdb's write lock is held, so no scriptlet of another
// transaction is using one.
func cleanScriptTmp(rt *os.Root) (int, error) {
	d, err := rt.Open(ScriptTmpDir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	ents, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), scriptTmpPrefix) || !e.Type().IsRegular() {
			continue
		}
		if err := rt.Remove(ScriptTmpDir + "/" + e.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, err
		}
		n++
	}
	return n, nil
}

// scriptOutput passes a scriptlet's output on up to a limit and keeps its last bytes, so
// memory stays bounded whatever the scriptlet prints.
type scriptOutput struct {
	w       io.Writer
	left    int64 // bytes still passed on to w
	dropped int64 // bytes not passed on
	total   int64
	last    []byte
}

func (o *scriptOutput) Write(p []byte) (int, error) {
	n := len(p)
	o.total += int64(n)
	if o.w != nil {
		pass := p
		if int64(len(pass)) > o.left {
			pass = pass[:o.left]
		}
		if len(pass) > 0 {
			o.w.Write(pass) // a failing terminal must not fail the scriptlet
			o.left -= int64(len(pass))
		}
		o.dropped += int64(len(p) - len(pass))
	}
	if len(p) > scriptTail {
		p = p[len(p)-scriptTail:]
	}
	o.last = append(o.last, p...)
	if len(o.last) > scriptTail {
		o.last = append(o.last[:0], o.last[len(o.last)-scriptTail:]...)
	}
	return n, nil
}

// finish notes on the output that part of it was not shown.
func (o *scriptOutput) finish(s Script) {
	if o.w != nil && o.dropped > 0 {
		fmt.Fprintf(o.w, "\n[%d more bytes of output of the %s scriptlet of %s not shown]\n", o.dropped, s.Kind, s.Package)
	}
}

// tail is the end of the output, for an error message.
func (o *scriptOutput) tail() string {
	t := string(o.last)
	if o.total > scriptTail {
		t = "..." + t
	}
	return strings.TrimSpace(t)
}
