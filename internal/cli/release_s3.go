//go:build !pmonly

package cli

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nimbus-linux/nimbus/internal/release/publish"
	"github.com/nimbus-linux/nimbus/internal/s3store"
)

// s3Flags are the object-storage options of the release commands.
type s3Flags struct {
	endpoint, conditional string
	jobs                  int
}

func (f *s3Flags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.endpoint, "s3-endpoint", "", "S3-compatible endpoint URL for s3:// locations (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, else AWS S3)")
	fs.StringVar(&f.conditional, "s3-conditional", s3store.CondAuto, "conditional puts (If-None-Match: *): auto (fall back to HEAD checks if the store refuses them), on (required), off (HEAD checks only)")
	fs.IntVar(&f.jobs, "jobs", 8, "parallel uploads to object storage")
}

// open connects to the bucket of an s3:// URL with the standard AWS environment.
func (f *s3Flags) open(e *env, url string) (*s3store.Store, error) {
	return s3store.Open(e.ctx, url, s3store.Options{Endpoint: f.endpoint, Conditional: f.conditional, Getenv: e.getenv, Log: e.stderr})
}

// target is where a releases command works: the directory, or the bucket of an s3:// URL.
func (f *s3Flags) target(e *env, to string) (publish.Target, error) {
	if !s3store.IsS3(to) {
		return publish.Target{Dir: to}, nil
	}
	st, err := f.open(e, to)
	if err != nil {
		return publish.Target{}, err
	}
	t := publish.Target{Store: st, Jobs: f.jobs, Log: e.stderr}
	if isTerminal(e.stderr) {
		t.Progress = e.stderr
	}
	return t, nil
}

func newReleaseMirrorCmd(e *env) *cobra.Command {
	var from, to, toEndpoint string
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "mirror --from s3://BUCKET/PREFIX --to s3://BUCKET/PREFIX",
		Short: "Copy a releases tree to another bucket or region: blobs, then each release's metadata, the signed index last",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !s3store.IsS3(from) || !s3store.IsS3(to) {
				return fmt.Errorf("release mirror: --from and --to must be s3:// URLs")
			}
			src, err := s3f.open(e, from)
			if err != nil {
				return err
			}
			dst := s3f
			if toEndpoint != "" {
				dst.endpoint = toEndpoint
			}
			d, err := dst.open(e, to)
			if err != nil {
				return err
			}
			res, err := publish.Mirror(e.ctx, src, d, s3f.jobs, e.stderr)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "mirrored %d releases from %s to %s: %d objects written, %d already there; index serial %d\n",
				res.Releases, from, to, res.Copied, res.Skipped, res.Serial)
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&from, "from", "", "source s3://BUCKET/PREFIX")
	f.StringVar(&to, "to", "", "destination s3://BUCKET/PREFIX")
	f.StringVar(&toEndpoint, "to-s3-endpoint", "", "endpoint of the destination when it differs from --s3-endpoint")
	s3f.register(f)
	c.MarkFlagRequired("from")
	c.MarkFlagRequired("to")
	return c
}

func newReleaseCheckCmd(e *env) *cobra.Command {
	var s3f s3Flags
	c := &cobra.Command{
		Use:   "check s3://BUCKET/PREFIX",
		Short: "List the store and check that every object the signed index refers to exists",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := s3f.open(e, args[0])
			if err != nil {
				return err
			}
			missing, checked, err := publish.CheckStore(e.ctx, st)
			if err != nil {
				return err
			}
			if err := publish.MissingError(st, missing); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: %d references from the index checked, none missing\n", args[0], checked)
			return nil
		},
	}
	s3f.register(c.Flags())
	return c
}
