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
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// SyncOptions select what reposync mirrors of a repository (dnf-plugins-core 4.3,
// reposync.py get_pkglist): every available package, or with NewestOnly the newest per
// name and architecture; then only source packages (Source) or those of Arches.
type SyncOptions struct {
	NewestOnly bool
	Source     bool
	Arches     []string
}

// SyncPkg is one package reposync mirrors: where it comes from and where it goes (its
// location_href, relative to the repository's download directory).
type SyncPkg struct {
	ID       solver.ID
	Repo     *LoadedRepo
	Location string // location_href as primary.xml gives it
	File     string // the file name (the location's last element)
	Size     int64
	Checksum repomd.Checksum
}

// SyncList is the packages of r that reposync mirrors, in the repository's order.
func (b *Base) SyncList(r *LoadedRepo, o SyncOptions) []SyncPkg {
	// query(flags=IGNORE_MODULAR_EXCLUDES): excludes apply, modular filtering does not
	modular := map[solver.ID]bool{}
	if b.mods != nil {
		for _, id := range b.mods.hidden {
			modular[id] = true
		}
	}
	var ids []solver.ID
	for id, ap := range b.Available.All() {
		if ap.Repo == r && (!b.Pool.Disabled(id) || modular[id]) {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return b.Available.Get(ids[i]).I < b.Available.Get(ids[j]).I })
	if o.NewestOnly {
		ids = b.syncLatest(ids)
	}
	var out []SyncPkg
	for _, id := range ids {
		arch := b.Pool.Solvable(id).Arch
		if o.Source && arch != "src" || !o.Source && len(o.Arches) > 0 && !contains(o.Arches, arch) {
			continue
		}
		ap := b.Available.Get(id)
		pk := ap.Repo.Index.Package(ap.I)
		out = append(out, SyncPkg{ID: id, Repo: r, Location: pk.Location, File: path.Base(pk.Location), Size: pk.Size,
			Checksum: repomd.Checksum{Type: pk.ChecksumType, Value: pk.Checksum}})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// OutsideError is a package or metadata location that would land outside the download
// directory (a hostile or broken location_href such as ../../etc/x), reposync.py's
// "Download target '...' is outside of download path '...'.".
type OutsideError struct{ Target, Dir string }

func (e *OutsideError) Error() string {
	return fmt.Sprintf("Download target '%s' is outside of download path '%s'.", e.Target, e.Dir)
}

// localName is where location goes under dir: the location itself when it is a local
// path; a location that climbs out, is absolute, or is a URL (xml:base) is refused.
func localName(dir, location string) (string, error) {
	rel := filepath.FromSlash(location)
	if strings.Contains(location, "://") || !filepath.IsLocal(rel) {
		return "", &OutsideError{Target: filepath.Join(dir, rel), Dir: dir}
	}
	return filepath.Clean(rel), nil
}

// SyncResult is what SyncPackages did, one line per package as dnf prints them.
type SyncResult struct {
	Skipped []string // "[SKIPPED] NAME: Already downloaded"
	Fetched []string // files fetched, relative to the directory
	// Failed are packages that could not be fetched or verified (dnf goes on with the
	// others and fails at the end).
	Failed []error
}

// SyncPackages mirrors pkgs into dir (created if needed), each at its location_href. Every
// path is resolved inside dir (os.Root): a location that leaves it is refused before
// anything is fetched. A file already there with the metadata's checksum is kept; others
// are fetched into a staging directory inside dir, checked against the metadata's size
// and checksum, and renamed into place, so a file at its final name is always whole.
// With remoteTime the files get the server's modification time.
func (b *Base) SyncPackages(ctx context.Context, pkgs []SyncPkg, dir string, remoteTime bool) (*SyncResult, error) {
	res := &SyncResult{}
	rels := make([]string, len(pkgs))
	for i, p := range pkgs {
		rel, err := localName(dir, p.Location)
		if err != nil {
			return res, err
		}
		rels[i] = rel
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return res, err
	}
	defer root.Close()
	removeStaleStaging(root)
	stage, err := os.MkdirTemp(dir, ".reposync-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(stage)
	stageRel := filepath.Base(stage)
	type job struct {
		i   int
		req repo.Request
	}
	var jobs []job
	for i, p := range pkgs {
		if ok, err := alreadySynced(root, rels[i], p); err != nil {
			return res, err
		} else if ok {
			res.Skipped = append(res.Skipped, fmt.Sprintf("[SKIPPED] %s: Already downloaded", p.File))
			continue
		}
		mirrors, loc, err := packageSource(p.Repo, p.Location)
		if err != nil {
			return res, err
		}
		jobs = append(jobs, job{i, repo.Request{Repo: p.Repo.ID, Mirrors: mirrors, Path: loc, Size: p.Size, Checksum: p.Checksum,
			Dest: filepath.Join(stage, strconv.Itoa(i)), RemoteTime: remoteTime}})
	}
	f := b.fetcher()
	if b.cfg.Progress != nil && len(jobs) > 0 {
		var total int64
		for _, j := range jobs {
			total += j.req.Size
		}
		f.Progress = repo.NewProgress(b.cfg.Progress, fmt.Sprintf("Downloading %d packages", len(jobs)), total)
	}
	// each package is moved into place as soon as it is whole: an interrupted mirror of a
	// large repository keeps what it finished
	var mu sync.Mutex
	n := f.Parallel
	if n <= 0 {
		n = 3
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			err := f.Fetch(ctx, j.req)
			rel := rels[j.i]
			if err == nil {
				if err = root.MkdirAll(filepath.Dir(rel), 0o755); err == nil {
					err = root.Rename(filepath.Join(stageRel, strconv.Itoa(j.i)), rel)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				res.Failed = append(res.Failed, fmt.Errorf("%s: %w", pkgs[j.i].File, err))
				return
			}
			res.Fetched = append(res.Fetched, rel)
		}()
	}
	wg.Wait()
	f.Progress.Done()
	sort.Strings(res.Fetched)
	return res, ctx.Err()
}

// alreadySynced reports whether rel under root is already the package: a regular file of the
// metadata's size and checksum.
func alreadySynced(root *os.Root, rel string, p SyncPkg) (bool, error) {
	fi, err := root.Lstat(rel)
	if err != nil || !fi.Mode().IsRegular() || (p.Size >= 0 && fi.Size() != p.Size) {
		return false, nil
	}
	if p.Checksum.Value == "" {
		return false, nil
	}
	f, err := root.Open(rel)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	c, err := repo.NewChecker(repo.Request{Size: p.Size, Checksum: p.Checksum})
	if err != nil {
		return false, err
	}
	if _, err := io.Copy(c, f); err != nil {
		return false, nil
	}
	return c.Check() == nil, nil
}

// SyncDelete removes the *.rpm files under dir that are not the packages kept
// (reposync --delete); it returns the paths removed, as "[DELETED] PATH" names them.
// Symbolic links to directories are not followed; nothing outside dir is touched.
func SyncDelete(dir string, kept []SyncPkg) ([]string, []error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, []error{err}
	}
	defer root.Close()
	keep := map[string]bool{}
	for _, p := range kept {
		if rel, err := localName(dir, p.Location); err == nil {
			keep[rel] = true
		}
	}
	var removed []string
	var errs []error
	fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".reposync-") && p != "." {
				return fs.SkipDir // another run's staging directory
			}
			return nil
		}
		rel := filepath.FromSlash(p)
		if !strings.HasSuffix(d.Name(), ".rpm") || keep[rel] {
			return nil
		}
		if fi, err := root.Stat(rel); err != nil || !fi.Mode().IsRegular() { // os.path.isfile
			return nil
		}
		if err := root.Remove(rel); err != nil {
			errs = append(errs, fmt.Errorf("failed to delete file %s", filepath.Join(dir, rel)))
			return nil
		}
		removed = append(removed, filepath.Join(dir, rel))
		return nil
	})
	sort.Strings(removed)
	return removed, errs
}

// SyncURL is where a package is fetched from (reposync --urls).
func SyncURL(p SyncPkg) (string, error) {
	mirrors, loc, err := packageSource(p.Repo, p.Location)
	if err != nil {
		return "", err
	}
	if len(mirrors) == 0 {
		return "", fmt.Errorf("Failed to get mirror for package: %s", p.File)
	}
	// joined as text, as librepo's remote_location (and PackageURL): nothing escaped
	return strings.TrimSuffix(mirrors[0], "/") + "/" + strings.TrimPrefix(loc, "/"), nil
}

// staleStaging is how long a staging directory may go untouched before a later run takes
// it for the leftover of an interrupted one (a live run renames a package out of it every
// few seconds, which updates its time).
const staleStaging = 24 * time.Hour

// removeStaleStaging removes the staging directories of interrupted runs in root: what a
// killed reposync leaves behind is partial downloads there, never at a package's name.
func removeStaleStaging(root *os.Root) {
	ents, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return
	}
	for _, ent := range ents {
		if !ent.IsDir() || !strings.HasPrefix(ent.Name(), ".reposync-") {
			continue
		}
		if fi, err := ent.Info(); err == nil && time.Since(fi.ModTime()) > staleStaging {
			root.RemoveAll(ent.Name())
		}
	}
}
