package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/s3store"
)

// MirrorResult says what Mirror copied.
type MirrorResult struct {
	Releases int
	Copied   int // objects written to the destination
	Skipped  int // already there with the same content
	Serial   int64
}

// Mirror copies a releases tree from one store to another (another bucket, region or
// endpoint) in the order a publication writes it: every blob first, then release by
// release the Packages copies, the repodata files, repomd.xml's signature, repomd.xml,
// the metalink and mirrorlist, and, once a listing of the destination shows every object
// the index refers to, the signed index itself (unchanged: the publisher's signature
// stays valid). Objects already at the destination with the same content are skipped,
// so an interrupted mirror resumes; one with other content stops it.
func Mirror(ctx context.Context, from, to *s3store.Store, jobs int, log io.Writer) (*MirrorResult, error) {
	if jobs <= 0 {
		jobs = 8
	}
	data, err := from.Get(ctx, release.IndexFile)
	if err != nil {
		return nil, fmt.Errorf("mirror: %w", err)
	}
	sig, err := from.Get(ctx, release.SignatureFile)
	if err != nil {
		return nil, fmt.Errorf("mirror: %w", err)
	}
	x, err := VerifyIndexBytes(from.URL, data, sig, nil)
	if err != nil {
		return nil, err
	}
	if cur, err := LoadIndexS3(ctx, to); err == nil && cur.Serial > x.Serial {
		return nil, fmt.Errorf("mirror: %s has index serial %d, newer than %d of %s: refusing to roll it back", to.URL, cur.Serial, x.Serial, from.URL)
	}
	objs, err := from.List(ctx, "")
	if err != nil {
		return nil, err
	}
	byRelease := map[string][]string{}
	var blobs []string
	for _, o := range objs {
		switch top, _, _ := strings.Cut(o.Key, "/"); {
		case top == "blobs":
			blobs = append(blobs, o.Key)
		case x.Find(top) != nil:
			byRelease[top] = append(byRelease[top], o.Key)
		}
	}
	res := &MirrorResult{Serial: x.Serial}
	up := &uploader{st: to, jobs: jobs}
	copyObj := func(key string) (bool, error) {
		b, err := from.Get(ctx, key)
		if err != nil {
			return false, err
		}
		return to.PutNew(ctx, key, bytes.NewReader(b), contentType(key))
	}
	if err := up.each(ctx, len(blobs), func(i int) (bool, error) { return copyObj(blobs[i]) }); err != nil {
		return nil, err
	}
	for _, r := range x.Releases {
		keys := byRelease[r.Version]
		sort.Strings(keys)
		groups := make([][]string, 5)
		for _, k := range keys {
			switch base := path.Base(k); {
			case strings.Contains(k, "/Packages/"):
				groups[0] = append(groups[0], k)
			case base == "repomd.xml.asc" || base == "repomd.xml.key":
				groups[2] = append(groups[2], k)
			case base == "repomd.xml":
				groups[3] = append(groups[3], k)
			case base == MetalinkFile || base == MirrorlistFile:
				groups[4] = append(groups[4], k)
			default:
				groups[1] = append(groups[1], k)
			}
		}
		// Packages/ are server-side copies of the destination's blobs (the bytes travel once)
		if err := up.each(ctx, len(groups[0]), func(i int) (bool, error) {
			o, err := from.Head(ctx, groups[0][i])
			if err != nil {
				return false, err
			}
			if len(o.SHA256) != 64 {
				return copyObj(groups[0][i])
			}
			return to.CopyNew(ctx, nil, blobKey(o.SHA256), groups[0][i])
		}); err != nil {
			return nil, err
		}
		for _, g := range groups[1:] {
			if err := up.each(ctx, len(g), func(i int) (bool, error) { return copyObj(g[i]) }); err != nil {
				return nil, err
			}
		}
		res.Releases++
		if log != nil {
			fmt.Fprintf(log, "mirror: release %s: %d objects\n", r.Version, len(keys))
		}
	}
	// The index only once the destination holds all it refers to.
	h := fmt.Sprintf("%s%d.json", historyDir, x.Serial)
	for _, f := range []struct {
		key string
		b   []byte
	}{{h + ".asc", sig}, {h, data}} {
		if _, err := to.PutNew(ctx, f.key, bytes.NewReader(f.b), contentType(f.key)); err != nil && !errors.Is(err, s3store.ErrConflict) {
			return nil, err
		}
	}
	missing, _, err := checkWithIndex(ctx, to, x)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("mirror: not publishing the index on %s: %w", to.URL, MissingError(to, missing))
	}
	if err := to.Put(ctx, release.SignatureFile, sig, "text/plain"); err != nil {
		return nil, err
	}
	if err := to.Put(ctx, release.IndexFile, data, "application/json"); err != nil {
		return nil, err
	}
	res.Copied, res.Skipped = up.written, up.skipped
	return res, nil
}
