package publish

import (
	"context"
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/s3store"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// Target is where releases are: a releases directory, or (Store set) an S3-compatible
// store. Each command on releases (publish, keys, recall, list) works on either through it.
type Target struct {
	Dir   string
	Store *s3store.Store
	// Jobs, Progress and Log are for a store: parallel uploads (default 8), a progress bar
	// (a terminal only) and what is written.
	Jobs          int
	Progress, Log io.Writer
}

// Published says what Target.Publish did.
type Published struct {
	*Result
	// Written says what was written, in words ("new blobs: N bytes" in a directory;
	// objects, blobs and bytes uploaded in a store).
	Written string
}

// Publish publishes release o.Version (o.To is ignored: the release goes to the target).
func (t Target) Publish(ctx context.Context, o Options) (*Published, error) {
	if t.Store == nil {
		o.To = t.Dir
		res, err := Publish(ctx, o)
		if err != nil {
			return nil, err
		}
		return &Published{Result: res, Written: fmt.Sprintf("new blobs: %d bytes", res.NewBytes)}, nil
	}
	res, err := PublishS3(ctx, S3Options{Options: o, Store: t.Store, Jobs: t.Jobs, Progress: t.Progress, Log: t.Log})
	if err != nil {
		return nil, err
	}
	return &Published{Result: res.Result, Written: fmt.Sprintf("%d blobs and %d objects in all written, %d already there, %d bytes uploaded",
		res.Blobs, res.Objects, res.Skipped, res.Uploaded)}, nil
}

// LoadIndex reads the target's release index and checks its signature.
func (t Target) LoadIndex(ctx context.Context) (*release.Index, error) {
	if t.Store == nil {
		return LoadIndex(t.Dir, nil)
	}
	return LoadIndexS3(ctx, t.Store)
}

// UpdateIndex applies a change of the index (ChangeKeys, Recall: a function of a
// releases directory) to the target; a store's index is changed in a local copy and put
// back only if nobody changed it meanwhile.
func (t Target) UpdateIndex(ctx context.Context, s *sign.Signer, change func(dir string) (*release.Index, error)) (*release.Index, error) {
	if t.Store == nil {
		return change(t.Dir)
	}
	return UpdateIndexS3(ctx, t.Store, s, change)
}
