package txn

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
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
			ws, err := chrootCmd{Argv: argv, Env: env, Dir: dir, Stdout: stdout, Stderr: stderr}.run(ctx, root)
			return int(ws), err
		}}
	return rpmlua.Run(ctx, env, ls)
}
