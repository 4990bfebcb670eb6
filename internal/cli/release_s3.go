package cli

import (
	"github.com/spf13/pflag"

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
