//go:build !pmonly

package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/sign"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
)

func newKeyCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "key",
		Short: "Manage OpenPGP signing keys",
	}
	c.AddCommand(newKeyGenerateCmd(e))
	return c
}

func newKeyGenerateCmd(e *env) *cobra.Command {
	var name, email, comment, algo, out string
	c := &cobra.Command{
		Use:   "generate --name NAME --email EMAIL [--algorithm rsa4096|rsa3072|rsa2048|ed25519] -o PREFIX",
		Short: "Generate a development signing key: PREFIX.key (private) and PREFIX.pub (public)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("-o PREFIX is required")
			}
			created, _, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			priv, pub, err := sign.GenerateKey(sign.KeyOptions{
				Name: name, Comment: comment, Email: email, Algorithm: sign.Algorithm(algo), Created: created,
			})
			if err != nil {
				return err
			}
			if err := fsutil.WriteFileAtomic(out+".key", 0o600, func(f *os.File) error { _, err := f.Write(priv); return err }); err != nil {
				return err
			}
			if err := fsutil.WriteFileAtomic(out+".pub", 0o644, func(f *os.File) error { _, err := f.Write(pub); return err }); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s.key\n%s.pub\n", out, out)
			return nil
		},
	}
	c.Flags().StringVar(&name, "name", "Nimbus Development", "user id name")
	c.Flags().StringVar(&email, "email", "dev@nimbus.invalid", "user id e-mail")
	c.Flags().StringVar(&comment, "comment", "", "user id comment")
	c.Flags().StringVar(&algo, "algorithm", "rsa4096", "rsa4096, rsa3072, rsa2048 or ed25519")
	c.Flags().StringVarP(&out, "output", "o", "", "output prefix")
	return c
}
