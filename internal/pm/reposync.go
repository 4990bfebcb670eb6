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

	"github.com/nimbus-linux/nimbus/internal/modulemd"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
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

// SyncCheckSignatures is reposync --gpgcheck after the download (dnf's
// package_signature_check through rpmkeys --checksig --root): each package of a
// repository with gpgcheck on is checked against the keys imported into the root's rpmdb
// only (the repository's gpgkey is not imported); one that fails is removed from dir and
// reported as dnf warns: "Removing FILE: REASON", the reason being that it is not signed,
// that its public key is not installed, or a problem opening it (a bad signature or
// digest). Packages missing from dir (not downloaded) are left out.
func (b *Base) SyncCheckSignatures(pkgs []SyncPkg, dir string) ([]string, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var blobs [][]byte
	for _, k := range b.rpmdbKeys {
		if _, err := sign.LoadKeyring(k); err == nil {
			blobs = append(blobs, k)
		}
	}
	var v rpm.Verifier = noKeys{}
	if len(blobs) > 0 {
		kr, err := sign.LoadKeyring(blobs...)
		if err != nil {
			return nil, err
		}
		v = rpm.KeyringVerifier(kr)
	}
	var removed []string
	for _, p := range pkgs {
		if !p.Repo.GPGCheck {
			continue
		}
		rel, err := localName(dir, p.Location)
		if err != nil {
			return removed, err
		}
		f, err := root.Open(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		problem := "Problem opening package " + p.File
		if err == nil {
			problem = signatureProblem(f, v, p.File)
			f.Close()
		}
		if problem == "" {
			continue
		}
		if err := root.Remove(rel); err != nil {
			return removed, err
		}
		removed = append(removed, fmt.Sprintf("Removing %s: %s", p.File, problem))
	}
	return removed, nil
}

// signatureProblem maps a verification to rpmkeys' verdicts as dnf words them: BAD first,
// then NOKEY, then NOTFOUND (not signed).
func signatureProblem(f io.Reader, v rpm.Verifier, name string) string {
	rep, err := rpm.Verify(f, v)
	if err != nil {
		return "Problem opening package " + name
	}
	if rep.OK {
		return ""
	}
	nokey, unsigned := false, false
	for _, c := range rep.Checks {
		switch {
		case c.OK:
		case strings.HasPrefix(c.Detail, "NOKEY"):
			nokey = true
		case strings.HasPrefix(c.Detail, "NOT SIGNED"):
			unsigned = true
		default:
			return "Problem opening package " + name
		}
	}
	switch {
	case nokey:
		return "Public key for " + name + " is not installed"
	case unsigned:
		return "Package " + name + " is not signed"
	}
	return "Problem opening package " + name
}

// noKeys is an empty keyring: every signature is NOKEY.
type noKeys struct{}

func (noKeys) Verify(_, _ []byte) (string, error) { return "", rpm.ErrNoKey }

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

// syncLatest is reposync.py's _get_latest over ids (in index order, kept): without modules
// hawkey's latest() (the newest per name.arch, ties kept); with modules, the newest of
// the packages no module names, and all the artifacts of, per module stream, its newest
// version and each version that holds the newest package of one of the stream's
// artifacts.
func (b *Base) syncLatest(ids []solver.ID) []solver.ID {
	var mods []*modulemd.Module
	if b.mods != nil && b.mods.idx != nil {
		mods = b.mods.idx.Modules
	}
	if len(mods) == 0 {
		return b.latestPerNameArch(ids)
	}
	nevra := func(id solver.ID) string {
		ap := b.Available.Get(id)
		pk := ap.Repo.Index.Package(ap.I)
		return modulemd.NEVRA(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)
	}
	all := map[string]bool{}
	byStream := map[string]map[uint64][]*modulemd.Module{} // name:stream → version → builds
	versionsOf := map[string]map[string][]uint64{}         // artifact → name:stream → versions
	for _, m := range mods {
		ns := m.Name + ":" + m.Stream
		if byStream[ns] == nil {
			byStream[ns] = map[uint64][]*modulemd.Module{}
		}
		byStream[ns][m.Version] = append(byStream[ns][m.Version], m)
		for _, a := range m.Artifacts {
			a = modulemd.NormalizeNEVRA(a)
			all[a] = true
			if versionsOf[a] == nil {
				versionsOf[a] = map[string][]uint64{}
			}
			versionsOf[a][ns] = append(versionsOf[a][ns], m.Version)
		}
	}
	nevras := make(map[solver.ID]string, len(ids))
	var plain []solver.ID
	for _, id := range ids {
		nevras[id] = nevra(id)
		if !all[nevras[id]] {
			plain = append(plain, id)
		}
	}
	keep := map[solver.ID]bool{}
	for _, id := range b.latestPerNameArch(plain) {
		keep[id] = true
	}
	streamArtifacts := map[string]bool{} // of the versions kept, all streams
	for ns, byVersion := range byStream {
		versions := map[uint64]bool{}
		var newest uint64
		arts := map[string]bool{}
		for v, ms := range byVersion {
			newest = max(newest, v)
			for _, m := range ms {
				for _, a := range m.Artifacts {
					arts[modulemd.NormalizeNEVRA(a)] = true
				}
			}
		}
		versions[newest] = true
		var inStream []solver.ID
		for _, id := range ids {
			if arts[nevras[id]] {
				inStream = append(inStream, id)
			}
		}
		for _, id := range b.latestPerNameArch(inStream) {
			var hi uint64
			for _, v := range versionsOf[nevras[id]][ns] {
				hi = max(hi, v)
			}
			versions[hi] = true
		}
		for v := range versions {
			for _, m := range byVersion[v] {
				for _, a := range m.Artifacts {
					streamArtifacts[modulemd.NormalizeNEVRA(a)] = true
				}
			}
		}
	}
	var out []solver.ID
	for _, id := range ids {
		if keep[id] || streamArtifacts[nevras[id]] {
			out = append(out, id)
		}
	}
	return out
}
