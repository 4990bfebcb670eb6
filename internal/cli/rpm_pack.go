//go:build !pmonly

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/sign"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
)

func newRPMPackCmd(e *env) *cobra.Command {
	var out, keyFile, comp string
	var level int
	c := &cobra.Command{
		Use:   "pack PACKAGE.yaml... -o OUT.rpm|DIR [--sign KEY]",
		Short: "Write RPM packages from package descriptions (reproducible with SOURCE_DATE_EPOCH)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("-o OUT.rpm or -o DIR is required")
			}
			kind, err := compress.ParseKind(comp)
			if err != nil {
				return err
			}
			now, clamp, err := sourcedate.BuildTime(e.getenv, time.Now)
			if err != nil {
				return err
			}
			opts := rpm.WriteOptions{Compressor: kind, Level: level}
			if keyFile != "" {
				s, err := loadSigner(keyFile, now)
				if err != nil {
					return err
				}
				opts.Signer = s
			}
			outIsDir := len(args) > 1 || isDir(out) || strings.HasSuffix(out, "/")
			if outIsDir {
				if err := os.MkdirAll(out, 0o755); err != nil {
					return err
				}
			}
			for _, desc := range args {
				target, err := packOne(desc, out, outIsDir, opts, pkgdesc.Options{BuildTime: now, Clamp: clamp})
				if err != nil {
					return err
				}
				fmt.Fprintln(e.stdout, target)
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", "output file, or directory for NEVRA-named files")
	c.Flags().StringVar(&keyFile, "sign", "", "armored OpenPGP private key to sign the header with")
	c.Flags().StringVar(&comp, "compress", "zstd", "payload compression: zstd, xz or gzip")
	c.Flags().IntVar(&level, "level", 0, "compression level (default: 19 zstd, 6 xz, 9 gzip)")
	return c
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func packOne(descPath, out string, outIsDir bool, opts rpm.WriteOptions, bo pkgdesc.Options) (string, error) {
	data, err := os.ReadFile(descPath)
	if err != nil {
		return "", err
	}
	desc, err := pkgdesc.Parse(descPath, data)
	if err != nil {
		return "", err
	}
	info, src, err := desc.Build(os.DirFS(filepath.Dir(descPath)), bo)
	if err != nil {
		return "", fmt.Errorf("%s: %w", descPath, err)
	}
	target := out
	if outIsDir {
		target = filepath.Join(out, info.NEVRA()+".rpm")
	}
	err = fsutil.WriteFileAtomic(target, 0o644, func(w *os.File) error {
		return rpm.Write(w, info, src, opts)
	})
	return target, err
}

// pgpSigner adapts a sign.Signer to rpm.Signer: RSA signatures go in RPMSIGTAG_RSA, DSA and
// EdDSA ones in RPMSIGTAG_DSA, which is where rpmsign 4.18 files them.
type pgpSigner struct {
	s  *sign.Signer
	at time.Time
}

func (p pgpSigner) SignHeader(hdr []byte) ([]byte, tag.Tag, error) {
	sig, err := p.s.DetachSign(hdr, p.at)
	if err != nil {
		return nil, 0, err
	}
	if p.s.PublicKeyAlgorithm() == sign.PubKeyRSA {
		return sig, tag.SigRSA, nil
	}
	return sig, tag.SigDSA, nil
}

func loadSigner(keyFile string, at time.Time) (rpm.Signer, error) {
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	s, err := sign.LoadSigner(b)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", keyFile, err)
	}
	switch s.PublicKeyAlgorithm() {
	case sign.PubKeyRSA, sign.PubKeyEdDSA:
	default:
		return nil, fmt.Errorf("signing key %s: %s keys cannot sign packages rpm 4.18 verifies (use RSA or Ed25519)", keyFile, s.PublicKeyAlgorithm())
	}
	// The signature time is the build time (SOURCE_DATE_EPOCH), so signed packages are
	// reproducible too; a signature may not predate its key, so a key newer than the build
	// time signs at its own creation time.
	if c := s.Created(); at.Before(c) {
		at = c
	}
	return pgpSigner{s, at}, nil
}
