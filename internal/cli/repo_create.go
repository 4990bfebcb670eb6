//go:build !pmonly

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/repo/createrepo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/sign"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
)

func newRepoCreateCmd(e *env) *cobra.Command {
	var update, zck bool
	var comp, keyFile, updateinfo, groupfile string
	var workers int
	c := &cobra.Command{
		Use:   "create [--update] [--compress gzip|zstd] [--zck] [--sign KEY] [--updateinfo FILE|ADVISORY-DIR] [-g COMPS] DIR",
		Short: "Index the RPMs under DIR into DIR/repodata, like createrepo_c (reproducible with SOURCE_DATE_EPOCH)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := compress.ParseKind(comp)
			if err != nil {
				return err
			}
			if kind != compress.Gzip && kind != compress.Zstd {
				return fmt.Errorf("--compress %s: want gzip or zstd", comp)
			}
			now, clamp, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			opts := createrepo.Options{Compress: kind, Update: update, Time: now, Clamp: clamp, Workers: workers, SkipUnreadable: true, Zck: zck}
			if fi, err := os.Stat(updateinfo); updateinfo != "" && err == nil && fi.IsDir() {
				advs, err := loadAdvisories(updateinfo)
				if err != nil {
					return fmt.Errorf("--updateinfo: %w", err)
				}
				opts.UpdateinfoFor = func(pkgs []*repomd.Package) ([]byte, error) {
					return advisory.ForRepository(advs, pkgs, nil)
				}
			} else if updateinfo != "" {
				b, err := os.ReadFile(updateinfo)
				if err != nil {
					return fmt.Errorf("--updateinfo: %w", err)
				}
				opts.Updateinfo = b
			}
			if groupfile != "" {
				b, err := os.ReadFile(groupfile)
				if err != nil {
					return fmt.Errorf("--groupfile: %w", err)
				}
				opts.Groupfile, opts.GroupfileName = b, filepath.Base(groupfile)
			}
			if keyFile != "" {
				s, err := loadRepoSigner(keyFile)
				if err != nil {
					return err
				}
				opts.Signer = s
			}
			res, err := createrepo.Create(e.ctx, args[0], opts)
			if err != nil {
				return err
			}
			for _, sk := range res.Skipped {
				// createrepo_c: "Warning: Cannot read package: ./x.rpm: ..." and exit 0
				fmt.Fprintf(e.stderr, "Warning: Cannot read package: %s: %v (left out of the repository; rebuild or remove it)\n", sk.Href, sk.Err)
			}
			fmt.Fprintf(e.stdout, "%s: %d packages (%d reused)\n", args[0], res.Packages, res.Reused)
			return nil
		},
	}
	c.Flags().BoolVar(&update, "update", false, "reuse the entries of unchanged packages (same size, mtime and checksum)")
	c.Flags().BoolVar(&zck, "zck", false, "also write zchunk metadata (primary_zck, ...) for delta downloads, as createrepo_c --zck")
	c.Flags().StringVar(&comp, "compress", "gzip", "metadata compression: gzip or zstd")
	c.Flags().StringVar(&keyFile, "sign", "", "armored OpenPGP private key: writes repodata/repomd.xml.asc")
	c.Flags().StringVar(&updateinfo, "updateinfo", "", "updateinfo.xml, or a directory of advisory YAML files (checked against the packages), to publish with the metadata")
	c.Flags().StringVarP(&groupfile, "groupfile", "g", "", "comps file (groups) to publish as the group and group_gz metadata, as createrepo_c -g")
	c.Flags().IntVar(&workers, "workers", 0, "parallel package readers (default: number of CPUs)")
	return c
}

// repoSigner signs repomd.xml no earlier than its key's creation (a signature may not
// predate its key; with SOURCE_DATE_EPOCH older than the key the key time is used).
type repoSigner struct{ s *sign.Signer }

func (r repoSigner) ArmoredDetachSign(data []byte, at time.Time) ([]byte, error) {
	if c := r.s.Created(); at.Before(c) {
		at = c
	}
	return r.s.ArmoredDetachSign(data, at)
}

func loadRepoSigner(keyFile string) (createrepo.Signer, error) {
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	s, err := sign.LoadSigner(b)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", keyFile, err)
	}
	return repoSigner{s}, nil
}
