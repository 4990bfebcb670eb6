package pm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// SyncMetadataURLs are the URLs of the metadata files r's repomd.xml names, in its order
// (reposync --download-metadata --urls).
func SyncMetadataURLs(r *LoadedRepo) []string {
	var out []string
	mirrors := r.Meta.Mirrors()
	for _, d := range r.Meta.Repomd.Data {
		if len(mirrors) == 0 {
			continue
		}
		out = append(out, strings.TrimSuffix(mirrors[0], "/")+"/"+strings.TrimPrefix(d.Location, "/"))
	}
	return out
}

// SyncMetadata writes r's metadata as the repository serves it into dir: repodata/repomd.xml
// (the copy verified when the metadata was loaded, and its signature when there is one) and
// every file it names at its location, each checked against repomd.xml's size and checksum
// and written atomically inside dir.
func (b *Base) SyncMetadata(ctx context.Context, r *LoadedRepo, dir string, remoteTime bool) error {
	if r.Meta == nil || r.Meta.Repomd == nil {
		return fmt.Errorf("repository %s: no metadata loaded", r.ID)
	}
	var pkgs []SyncPkg
	for _, d := range r.Meta.Repomd.Data {
		pkgs = append(pkgs, SyncPkg{Repo: r, Location: d.Location, File: path.Base(d.Location), Size: d.Size, Checksum: d.Checksum})
	}
	for _, p := range pkgs {
		if _, err := localName(dir, p.Location); err != nil {
			return err
		}
	}
	res, err := b.SyncPackages(ctx, pkgs, dir, remoteTime)
	if err != nil {
		return err
	}
	if len(res.Failed) > 0 {
		return fmt.Errorf("repository %s: downloading its metadata: %w", r.ID, errors.Join(res.Failed...))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := root.MkdirAll("repodata", 0o755); err != nil {
		return err
	}
	for _, name := range []string{"repomd.xml", "repomd.xml.asc"} {
		data, err := os.ReadFile(filepath.Join(r.Meta.Dir, name))
		if errors.Is(err, fs.ErrNotExist) && name != "repomd.xml" {
			continue
		}
		if err != nil {
			return err
		}
		if err := writeInRoot(root, filepath.Join("repodata", name), data); err != nil {
			return err
		}
	}
	return nil
}

// writeInRoot writes data to rel under root atomically (a temporary file renamed).
func writeInRoot(root *os.Root, rel string, data []byte) error {
	tmp := rel + ".tmp-reposync"
	f, err := root.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		root.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		root.Remove(tmp)
		return err
	}
	return root.Rename(tmp, rel)
}

// SyncCompsURL is the URL of r's comps file as reposync --downloadcomps --urls prints it:
// the first of group, group_gz, group_gz_zck that repomd.xml lists ("" when none).
func SyncCompsURL(r *LoadedRepo) string {
	mirrors := r.Meta.Mirrors()
	if r.Meta == nil || r.Meta.Repomd == nil || len(mirrors) == 0 {
		return ""
	}
	for _, t := range []string{"group", "group_gz", "group_gz_zck"} {
		if d := r.Meta.Repomd.Find(t); d != nil {
			return strings.TrimSuffix(mirrors[0], "/") + "/" + strings.TrimPrefix(d.Location, "/")
		}
	}
	return ""
}

// SyncComps writes r's comps file, uncompressed, to dir/comps.xml (reposync
// --downloadcomps), atomically and inside dir; false when the repository has none.
func (b *Base) SyncComps(r *LoadedRepo, dir string) (bool, error) {
	src := r.Meta.GroupPath()
	if src == "" {
		return false, nil
	}
	f, err := os.Open(src)
	if err != nil {
		return false, err
	}
	defer f.Close()
	rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
	if err != nil {
		return false, fmt.Errorf("repository %s: %s: %w", r.ID, filepath.Base(src), err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return false, fmt.Errorf("repository %s: %s: %w", r.ID, filepath.Base(src), err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return false, err
	}
	defer root.Close()
	return true, writeInRoot(root, "comps.xml", data)
}
