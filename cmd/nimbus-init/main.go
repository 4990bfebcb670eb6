// Command nimbus-init is PID 1 of Nimbus Linux: init, service supervisor and first-boot
// agent. It also answers as nimbusctl, systemctl, poweroff, reboot, halt, shutdown and
// modprobe (multi-call binary); the logic lives in internal/initd.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/nimbus-linux/nimbus/internal/initd"
	"github.com/nimbus-linux/nimbus/internal/units"
)

func main() {
	err := initd.Main(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		var ee *units.ExitError
		if errors.As(err, &ee) {
			if !ee.Silent && ee.Err != nil {
				fmt.Fprintln(os.Stderr, ee.Err)
			}
			os.Exit(ee.Code)
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
