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
	_ "github.com/nimbus-linux/nimbus/internal/sqlitemem" // sqlite without lookaside: see its doc
	_ "github.com/nimbus-linux/nimbus/internal/startup"   // initialised before nearly all others: see its doc
)

func main() {
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
