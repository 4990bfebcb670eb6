// Command nimbus is the Nimbus Linux host and guest CLI. It also answers as dnf and yum
// when invoked under those names (multi-call binary).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/nimbus-linux/nimbus/internal/cli"
)

func main() {
	growStack()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := cli.Run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		code := cli.ExitCode(err)
		switch {
		case cli.IsSilent(err):
		case cli.IsWorded(err):
			fmt.Fprintln(os.Stderr, err) // already in the command's own words (dnf's "Error: ...")
		default:
			fmt.Fprintf(os.Stderr, "nimbus: %v\n", err)
		}
		os.Exit(code)
	}
}

// growStack grows the main goroutine's stack to 64 KiB while it holds two frames. A
// goroutine starts with 2 KiB and the runtime doubles its stack as calls go deeper,
// copying it each time and walking every frame on it; a small install grew it four
// times, the last ones deep in the solver and sqlite, and each frame walked maps the
// 64 KiB windows of the binary's pclntab and stack maps it lies in (0.3-0.4 MB of a
// small install's peak RSS: docs/pm.md, "The package-manager binary"). Done here, the
// growth walks main and growStack only. The array is written at an index the compiler
// cannot know, so the frame is kept.
//
//go:noinline
func growStack() {
	var frame [56 << 10]byte
	frame[growIndex] = 1
	growSink = frame[growIndex]
}

var growIndex int
var growSink byte
