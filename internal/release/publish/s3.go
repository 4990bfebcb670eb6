package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/s3store"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// On object storage the layout is the releases directory's, with two differences:
// Packages/NAME.rpm are server-side copies of the blobs (object stores have no hard
// links; the bytes are uploaded once, as the blob), and there is no `latest` (no
// symlinks, and objects are not overwritten: clients name a version or resolve latest
// from the index). Every publication also keeps the signed index it wrote as
// index/SERIAL.json(.asc), written only if absent: that put is where two publishers
// racing for one serial meet, and the loser stops before touching index.json.
const (
	// RecordFile, in VERSION/, holds the time of a publication that started, so that a
	// resumed publication rebuilds byte-identical metadata.
	RecordFile = "publish.json"
	historyDir = "index/"
)

// S3Options control PublishS3.
type S3Options struct {
	Options // To is ignored: the release goes to Store
	Store   *s3store.Store
	Jobs    int // parallel uploads (default 8)
	// Progress, when not nil, gets a progress bar (pass a terminal only).
	Progress io.Writer
	Log      io.Writer
}

// S3Result says what PublishS3 did.
type S3Result struct {
	*Result
	Resumed  bool
	Blobs    int // blob objects uploaded
	Objects  int // objects written in all (blobs, copies, metadata, index)
	Skipped  int // objects already there with the same content
	Uploaded int64
}

type record struct {
	Version string    `json:"version"`
	Time    time.Time `json:"time"`
}

// PublishS3 publishes release o.Version to an S3-compatible store in an order that never
// lets the index point at something missing: the release's record, new blobs, each
// arch's Packages copies and repodata (repomd.xml last), a listing that checks every
// object of the release is there, and only then the index. An interrupted publication is
// resumed by running it again: the record gives the time the metadata was built with, so
// the rebuilt objects are identical and those already uploaded are skipped.
func PublishS3(ctx context.Context, o S3Options) (*S3Result, error) {
	st := o.Store
	logf := func(format string, a ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"\n", a...)
		}
	}
	v, err := release.ParseVersion(o.Version)
	if err != nil {
		return nil, err
	}
	if o.Signer == nil {
		return nil, errors.New("release publish: a signing key is required (--key)")
	}
	if o.Jobs <= 0 {
		o.Jobs = 8
	}
	stage, err := os.MkdirTemp("", "nimbus-publish-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	idx, err := fetchIndex(ctx, st, stage, o.Signer)
	if err != nil {
		return nil, err
	}
	if idx.Find(v.String()) != nil {
		return nil, fmt.Errorf("release %s is already published in %s: releases are immutable, publish a new version", v, st.URL)
	}
	res := &S3Result{}
	// The record: a resumed publication takes its time from it.
	recKey := v.String() + "/" + RecordFile
	if data, err := st.Get(ctx, recKey); err == nil {
		var r record
		if err := json.Unmarshal(data, &r); err != nil || r.Version != v.String() || r.Time.IsZero() {
			return nil, fmt.Errorf("%s: not a publication record (%v): remove it by hand if nothing of release %s was published", st.Where(recKey), err, v)
		}
		o.Time, res.Resumed = r.Time, true
		logf("resuming the publication of %s started with time %s", v, r.Time.Format(time.RFC3339))
	} else if !errors.Is(err, s3store.ErrNotFound) {
		return nil, err
	}
	known := map[string]bool{}
	objs, err := st.List(ctx, "blobs/sha256/")
	if err != nil {
		return nil, err
	}
	for _, ob := range objs {
		known[strings.TrimSuffix(filepath.Base(ob.Key), ".rpm")] = true
	}
	oo := o.Options
	oo.To = stage
	oo.KnownBlobs = func(sum string) bool { return known[sum] }
	local, err := Publish(ctx, oo) // checks, builds metadata, signs the next index: all local
	if err != nil {
		return nil, err
	}
	res.Result = local
	if !res.Resumed {
		data, _ := json.Marshal(record{Version: v.String(), Time: o.Time.UTC()})
		if _, err := st.PutNew(ctx, recKey, bytes.NewReader(data), "application/json"); err != nil {
			return nil, err
		}
	}
	up := &uploader{st: st, jobs: o.Jobs, res: res}
	// 1. blobs
	var blobs []string
	filepath.WalkDir(filepath.Join(stage, "blobs"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !known[strings.TrimSuffix(d.Name(), ".rpm")] {
			blobs = append(blobs, p)
		}
		return nil
	})
	// 2. per arch: Packages (copies of blobs), repodata files, repomd.xml.asc, repomd.xml
	type copyJob struct{ src, dst string }
	var copies []copyJob
	var meta, sigs, repomds, mirrors []string
	for _, arch := range local.Arches {
		dir := filepath.Join(stage, v.String(), arch)
		for _, f := range []string{MetalinkFile, MirrorlistFile} {
			if p := filepath.Join(dir, f); exists(p) {
				mirrors = append(mirrors, p)
			}
		}
		pk, _ := os.ReadDir(filepath.Join(dir, "Packages"))
		for _, e := range pk {
			sum, err := fileSHA256(filepath.Join(dir, "Packages", e.Name()))
			if err != nil {
				return nil, err
			}
			copies = append(copies, copyJob{blobKey(sum), v.String() + "/" + arch + "/Packages/" + e.Name()})
		}
		rd, _ := os.ReadDir(filepath.Join(dir, "repodata"))
		for _, e := range rd {
			p := filepath.Join(dir, "repodata", e.Name())
			switch e.Name() {
			case "repomd.xml":
				repomds = append(repomds, p)
			case "repomd.xml.asc", "repomd.xml.key":
				sigs = append(sigs, p)
			default:
				meta = append(meta, p)
			}
		}
	}
	total := len(blobs) + len(copies) + len(meta) + len(sigs) + len(repomds) + len(mirrors) + 2
	up.startBar(o.Progress, total)
	defer up.stopBar()
	if err := up.files(ctx, stage, blobs); err != nil {
		return nil, err
	}
	res.Blobs = up.written
	if err := up.each(ctx, len(copies), func(i int) (bool, error) { return st.CopyNew(ctx, nil, copies[i].src, copies[i].dst) }); err != nil {
		return nil, err
	}
	for _, group := range [][]string{meta, sigs, repomds, mirrors} {
		if err := up.files(ctx, stage, group); err != nil {
			return nil, err
		}
	}
	// 3. check that everything the release refers to is there before the index says so
	if err := CheckReleaseS3(ctx, st, stage, v.String()); err != nil {
		return nil, fmt.Errorf("release %s: not publishing the index: %w", v, err)
	}
	// 4. the index: its immutable copy (the serial is taken here), then the pointers
	data, err := os.ReadFile(filepath.Join(stage, release.IndexFile))
	if err != nil {
		return nil, err
	}
	sig, err := os.ReadFile(filepath.Join(stage, release.SignatureFile))
	if err != nil {
		return nil, err
	}
	if err := putIndex(ctx, st, o.Signer, v.String(), local.Index.Serial, data, sig); err != nil {
		return nil, err
	}
	up.tick(2)
	res.Objects, res.Skipped, res.Uploaded = up.written+2, up.skipped, st.PutBytes.Load()
	return res, nil
}

func blobKey(sum string) string { return "blobs/sha256/" + sum[:2] + "/" + sum + ".rpm" }

func fileSHA256(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fetchIndex downloads and verifies the store's index into dir (nothing when the store
// has none yet) and returns it (empty when absent).
func fetchIndex(ctx context.Context, st *s3store.Store, dir string, signer *sign.Signer) (*release.Index, error) {
	data, err := st.Get(ctx, release.IndexFile)
	if errors.Is(err, s3store.ErrNotFound) {
		return &release.Index{Schema: release.Schema}, nil
	}
	if err != nil {
		return nil, err
	}
	sig, err := st.Get(ctx, release.SignatureFile)
	if err != nil {
		return nil, fmt.Errorf("release index %s: %w", st.URL, err)
	}
	x, err := VerifyIndexBytes(st.URL, data, sig, signer)
	if err != nil {
		return nil, err
	}
	for name, b := range map[string][]byte{release.IndexFile: data, release.SignatureFile: sig} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// putIndex writes index/SERIAL.json(.asc) only if absent (a concurrent publisher that
// took the serial makes this fail), then index.json.asc and index.json. A client reading
// between the last two sees a signature that does not match and refuses the index (it
// keeps the one it had); it never sees an index naming objects that are not there.
// When index/SERIAL.json is already there from an interrupted run of this same
// publication (it lists version and verifies), its bytes are the ones pointed at.
func putIndex(ctx context.Context, st *s3store.Store, signer *sign.Signer, version string, serial int64, data, sig []byte) error {
	h := fmt.Sprintf("%s%d.json", historyDir, serial)
	_, err := st.PutNew(ctx, h+".asc", bytes.NewReader(sig), "text/plain")
	if err == nil {
		_, err = st.PutNew(ctx, h, bytes.NewReader(data), "application/json")
	}
	if errors.Is(err, s3store.ErrConflict) {
		d, derr := st.Get(ctx, h)
		s, serr := st.Get(ctx, h+".asc")
		if derr != nil || serr != nil {
			return indexRace(err, st, serial)
		}
		x, verr := VerifyIndexBytes(st.Where(h), d, s, signer)
		if verr != nil || x.Find(version) == nil || x.Serial != serial {
			return indexRace(err, st, serial)
		}
		data, sig, err = d, s, nil
	}
	if err != nil {
		return err
	}
	if err := st.Put(ctx, release.SignatureFile, sig, "text/plain"); err != nil {
		return err
	}
	return st.Put(ctx, release.IndexFile, data, "application/json")
}

// CheckReleaseS3 lists the store under VERSION/ and blobs/ and checks that every file of
// the staged release dir (stage/VERSION/...) is there with its size, and every package
// has its blob: the precondition of publishing an index that names the release.
func CheckReleaseS3(ctx context.Context, st *s3store.Store, stage, version string) error {
	have := map[string]int64{}
	for _, pre := range []string{version + "/", "blobs/"} {
		objs, err := st.List(ctx, pre)
		if err != nil {
			return err
		}
		for _, ob := range objs {
			have[ob.Key] = ob.Size
		}
	}
	var missing []string
	root := filepath.Join(stage, version)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if sz, ok := have[key]; !ok || sz != info.Size() {
			missing = append(missing, key)
		}
		if strings.Contains(key, "/Packages/") {
			sum, err := fileSHA256(p)
			if err != nil {
				return err
			}
			if _, ok := have[blobKey(sum)]; !ok {
				missing = append(missing, blobKey(sum))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("%s: %d objects missing or of the wrong size after upload: %s", st.URL, len(missing), strings.Join(missing, ", "))
	}
	return nil
}

// uploader runs puts in parallel and counts them.
type uploader struct {
	st               *s3store.Store
	jobs             int
	res              *S3Result
	written, skipped int
	bar              progressBar
}

// files uploads local files under stage (keys are their paths relative to stage).
func (u *uploader) files(ctx context.Context, stage string, paths []string) error {
	return u.each(ctx, len(paths), func(i int) (bool, error) {
		rel, _ := filepath.Rel(stage, paths[i])
		f, err := os.Open(paths[i])
		if err != nil {
			return false, err
		}
		defer f.Close()
		return u.st.PutNew(ctx, filepath.ToSlash(rel), f, contentType(paths[i]))
	})
}

// each runs n jobs, at most u.jobs at once; it returns after all started jobs ended.
func (u *uploader) each(ctx context.Context, n int, job func(i int) (bool, error)) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(u.jobs)
	results := make([]bool, n)
	for i := 0; i < n; i++ {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			w, err := job(i)
			results[i] = w
			u.tick(1)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, w := range results {
		if w {
			u.written++
		} else {
			u.skipped++
		}
	}
	return nil
}

func contentType(p string) string {
	switch {
	case strings.HasSuffix(p, ".rpm"):
		return "application/x-rpm"
	case strings.HasSuffix(p, ".xml"):
		return "application/xml"
	case strings.HasSuffix(p, ".gz"):
		return "application/gzip"
	case strings.HasSuffix(p, ".asc"), strings.HasSuffix(p, ".key"):
		return "text/plain"
	}
	return "application/octet-stream"
}

func indexRace(err error, st *s3store.Store, serial int64) error {
	return fmt.Errorf("%s: index serial %d was taken by another publication: run the command again to publish on top of it (%w)", st.URL, serial, err)
}

// LoadIndexS3 reads and verifies the store's index (against its own active keys).
func LoadIndexS3(ctx context.Context, st *s3store.Store) (*release.Index, error) {
	dir, err := os.MkdirTemp("", "nimbus-index-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	x, err := fetchIndex(ctx, st, dir, nil)
	if err != nil {
		return nil, err
	}
	if x.Serial == 0 {
		return nil, fmt.Errorf("%s: no release index (nothing published yet)", st.URL)
	}
	return x, nil
}

// UpdateIndexS3 applies change (ChangeKeys, Recall: anything that rewrites the index of
// a releases directory) to a local copy of the store's index and publishes the result
// as PublishS3 does: index/SERIAL.json(.asc) if absent, then the pointers.
func UpdateIndexS3(ctx context.Context, st *s3store.Store, signer *sign.Signer, change func(dir string) (*release.Index, error)) (*release.Index, error) {
	dir, err := os.MkdirTemp("", "nimbus-index-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := fetchIndex(ctx, st, dir, signer); err != nil {
		return nil, err
	}
	x, err := change(dir)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, release.IndexFile))
	if err != nil {
		return nil, err
	}
	sig, err := os.ReadFile(filepath.Join(dir, release.SignatureFile))
	if err != nil {
		return nil, err
	}
	h := fmt.Sprintf("%s%d.json", historyDir, x.Serial)
	for _, f := range []struct {
		key  string
		data []byte
	}{{h + ".asc", sig}, {h, data}} {
		if _, err := st.PutNew(ctx, f.key, bytes.NewReader(f.data), "application/octet-stream"); err != nil {
			return nil, indexRace(err, st, x.Serial)
		}
	}
	if err := st.Put(ctx, release.SignatureFile, sig, "text/plain"); err != nil {
		return nil, err
	}
	return x, st.Put(ctx, release.IndexFile, data, "application/json")
}
