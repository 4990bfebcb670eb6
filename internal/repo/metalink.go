package repo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/release"
)

// fetchMetalink reads the repository's metalink= (nil when it has a baseurl or only a
// mirrorlist): repomd.xml's size and hashes and the mirrors serving it.
func fetchMetalink(ctx context.Context, r *Repo, o *Options) (*release.Metalink, error) {
	if len(r.BaseURLs) > 0 || r.Metalink == "" {
		return nil, nil
	}
	data, err := fetchURL(ctx, r, o, r.Metalink, release.MaxMetalinkSize)
	if err != nil {
		return nil, err
	}
	m, err := release.ParseMetalink(data)
	if err != nil {
		return nil, fmt.Errorf("repository %s: %s: %w", r.ID, r.Metalink, err)
	}
	return m, nil
}

// fetchURL fetches one small file of the repository's configuration (a metalink or a
// mirrorlist) by its URL, at most max bytes.
func fetchURL(ctx context.Context, r *Repo, o *Options, url string, max int64) ([]byte, error) {
	i := strings.LastIndexByte(url, '/')
	if i < 0 {
		return nil, fmt.Errorf("repository %s: bad URL %q", r.ID, url)
	}
	tmp, err := os.CreateTemp("", "nimbus-mirrorlist-")
	if err != nil {
		return nil, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	if err := o.Fetcher.Fetch(ctx, Request{Repo: r.ID, Mirrors: []string{url[:i+1]}, Path: url[i+1:], Dest: tmp.Name(), Size: -1, MaxSize: max, FailFast: true}); err != nil {
		return nil, err
	}
	return os.ReadFile(tmp.Name())
}

// fetchRepomdFromMetalink fetches repodata/repomd.xml from the metalink's mirrors in
// order and keeps the first copy that matches the metalink's size and hashes; a mirror
// whose copy differs (lagging behind, or tampered with) is refused and the next one
// tried. It returns the mirrors with the one that matched first.
func fetchRepomdFromMetalink(ctx context.Context, r *Repo, o *Options, m *release.Metalink, dest string) ([]string, error) {
	var errs []error
	for i, mirror := range m.Mirrors {
		err := o.Fetcher.Fetch(ctx, Request{Repo: r.ID, Mirrors: []string{mirror}, Path: "repodata/repomd.xml", Dest: dest, Size: -1, MaxSize: 4 << 20, FailFast: true})
		if err == nil {
			data, rerr := os.ReadFile(dest)
			if rerr != nil {
				return nil, rerr
			}
			if err = m.Check(data); err == nil {
				out := append([]string{mirror}, m.Mirrors[:i]...)
				return append(out, m.Mirrors[i+1:]...), nil
			}
			err = fmt.Errorf("mirror %s does not match the metalink (lagging or tampered): %w", mirror, err)
			o.logf("repository %s: %v; trying the next mirror", r.ID, err)
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("repository %s: no mirror of %s serves the repomd.xml it describes: %w", r.ID, r.Metalink, errors.Join(errs...))
}

// mirrorsFile, in a cache generation, lists the base URLs its metadata came from (for a
// repository without baseurl: the mirrorlist's or metalink's, the one that served a
// matching repomd.xml first), so packages are downloaded from the same mirrors.
const mirrorsFile = "mirrors"

func writeMirrors(dir string, r *Repo, mirrors []string) error {
	return writeMirrorsTo(filepath.Join(dir, mirrorsFile), r, mirrors)
}

// writeMirrorsTo writes the mirrors file at p (writeMirrors).
func writeMirrorsTo(p string, r *Repo, mirrors []string) error {
	if len(r.BaseURLs) > 0 {
		return nil
	}
	return os.WriteFile(p, []byte(strings.Join(mirrors, "\n")+"\n"), 0o644)
}

// Mirrors returns the base URLs packages of this metadata are downloaded from: the
// repository's baseurl, else the mirrors recorded when the metadata was synced.
func (m *Metadata) Mirrors() []string {
	if m == nil {
		return nil
	}
	if len(m.Repo.BaseURLs) > 0 {
		return m.Repo.BaseURLs
	}
	data, err := os.ReadFile(filepath.Join(m.Dir, mirrorsFile))
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
