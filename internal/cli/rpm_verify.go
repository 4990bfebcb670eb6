//go:build !pmonly

package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

func newRPMVerifyCmd(e *env) *cobra.Command {
	var keyring []string
	c := &cobra.Command{
		Use:   "verify [-v] [--keyring FILE]... FILE.rpm...",
		Short: "Check a package's digests and, with a keyring, its signature (like rpm -K)",
		Long: "Exit status 0 only when every digest verifies and, when a keyring is given, the\n" +
			"header signature verifies against it; otherwise a one-line reason goes to stderr\n" +
			"and the exit status is 1.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var keys rpm.Verifier
			if len(keyring) > 0 {
				kr, err := loadKeyring(keyring)
				if err != nil {
					return err
				}
				keys = kr
			}
			failed := 0
			for _, name := range args {
				rep, err := verifyFile(name, keys)
				if err != nil {
					fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
					failed++
					continue
				}
				if e.pm.verbose {
					fmt.Fprintf(e.stdout, "%s:\n", name)
					for _, c := range rep.Checks {
						fmt.Fprintf(e.stdout, "    %s: %s\n", c.Name, c.Detail)
					}
				}
				if !rep.OK {
					fmt.Fprintf(e.stderr, "%s: %s\n", name, rep.Problem())
					failed++
					continue
				}
				what := "digests OK"
				if keys != nil {
					what = "digests signatures OK"
				}
				fmt.Fprintf(e.stdout, "%s: %s\n", name, what)
			}
			if failed > 0 {
				return &ExitError{Code: 1, Silent: true, Err: fmt.Errorf("%d of %d packages failed verification", failed, len(args))}
			}
			return nil
		},
	}
	c.Flags().StringArrayVar(&keyring, "keyring", nil, "armored or binary OpenPGP public key file(s) to trust")
	return c
}

func verifyFile(name string, keys rpm.Verifier) (*rpm.Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return rpm.Verify(f, keys)
}

func loadKeyring(files []string) (rpm.Verifier, error) {
	var blobs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("keyring: %w", err)
		}
		blobs = append(blobs, b)
	}
	kr, err := sign.LoadKeyring(blobs...)
	if err != nil {
		return nil, fmt.Errorf("keyring %v: %w", files, err)
	}
	return rpm.KeyringVerifier(kr), nil
}
