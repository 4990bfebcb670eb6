package repo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// The cache of one repository lives in CacheDir/ID-HASH (HASH of its URLs, see repoDir):
//
//	current -> gen-<key>        symlink, replaced atomically with rename(2)
//	gen-<key>/repomd.xml        the verified repomd.xml (and repomd.xml.asc)
//	gen-<key>/repodata/...      the verified metadata files
//	gen-<key>/index.nidx        the binary index built from primary
//	gen-<key>/index.ntxt        the packages' license, URL and description (cache.TextPath)
//
// A refresh builds a complete new generation beside the old one and only then swaps the
// symlink, so a crash or a bad download at any point leaves the previous cache in use.

// Options control Sync and Load.
type Options struct {
	CacheDir string
	Fetcher  *Fetcher
	// Keyring verifies repomd.xml.asc for repositories with repo_gpgcheck=1.
	Keyring *sign.Keyring
	// Types lists the metadata to download besides primary (default: filelists, updateinfo,
	// modules, group: the comps file, in the first form repomd.xml offers of GroupTypes).
	Types []string
	// Refresh forces a download even when the cache has not expired.
	Refresh bool
	Now     func() time.Time
	Log     func(format string, args ...any)
	// NoZchunk downloads the gzip/xz/zstd documents even when the repository
	// offers zchunk ones (<type>_zck), which are otherwise preferred so that
	// the next refresh fetches only the chunks that changed.
	NoZchunk bool
	// TrustDir keeps the newest accepted metadata per repository (trust.go); "" turns
	// rollback protection off (a throw-away cache, `repo query`).
	TrustDir string
	// Downloaded, when set, is told what a refresh fetched (bytes, and the time from the
	// start of the refresh to the last byte): dnf prints a line of it for each repository
	// whose metadata it downloads.
	Downloaded func(bytes int64, took time.Duration)
	// Confine is set when CacheDir belongs to an install root (--installroot): a symlink
	// met under CacheDir is then resolved with CacheDir as "/" (fsutil.InRoot), so a link
	// planted in the root's cache (an ID-HASH directory, a generation, a file in one) never
	// has nimbus write outside it. Without it (the running system's own cache) links are
	// followed, as dnf follows them.
	Confine bool
}

// downloaded reports a refresh's bytes to Downloaded.
func (o *Options) downloaded(n int64, began time.Time) {
	if o.Downloaded != nil {
		o.Downloaded(n, time.Since(began))
	}
}

// inCache is p, a path under o.CacheDir, resolved as Confine says.
func (o *Options) inCache(p string) (string, error) {
	return InCache(o.CacheDir, p, o.Confine)
}

// InCache is p, a path under cacheDir, with every symlink on its way resolved inside
// cacheDir when confine is set (see Options.Confine); p unchanged otherwise.
func InCache(cacheDir, p string, confine bool) (string, error) {
	if !confine {
		return p, nil
	}
	rel, err := filepath.Rel(cacheDir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("%s is not inside the cache directory %s", p, cacheDir)
	}
	return fsutil.InRoot(cacheDir, rel)
}

// Metadata is a repository's verified, cached metadata.
type Metadata struct {
	Repo   *Repo
	Dir    string // the generation directory
	Repomd *repomd.Repomd
	Key    string // sha256 of repomd.xml
}

// Path returns the local file of a metadata type ("" when the repository has none or it
// was not downloaded).
// The zchunk variant (<type>_zck) is preferred when it was downloaded.
func (m *Metadata) Path(typ string) string {
	for _, t := range []string{typ + "_zck", typ} {
		d := m.Repomd.Find(t)
		if d == nil {
			continue
		}
		p := filepath.Join(m.Dir, "repodata", path.Base(d.Location))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// RefreshError reports a failed refresh while an older cache remains usable: Load
// returns it together with the old index.
type RefreshError struct {
	Repo string
	Err  error
}

func (e *RefreshError) Error() string {
	return fmt.Sprintf("repository %s: refresh failed, using the cached metadata: %v", e.Repo, e.Err)
}
func (e *RefreshError) Unwrap() error { return e.Err }

// SignatureError is repomd.xml failing repo_gpgcheck: repomd.xml.asc missing, not
// matching, or made by a key the keyring does not have. dnf fails the repository then
// (librepo: "repomd.xml GPG signature verification error"); so does Load, without falling
// back to the cached metadata, and the package manager skips the repository only with
// skip_if_unavailable=True.
type SignatureError struct {
	Repo string
	Err  error
}

func (e *SignatureError) Error() string {
	return fmt.Sprintf("repository %s: repomd.xml GPG signature verification error: %s (repo_gpgcheck=1: the metadata is refused and no cached copy is used; check the repository's gpgkey=, use another mirror, or set skip_if_unavailable=True to go on without the repository)",
		e.Repo, strings.TrimPrefix(e.Err.Error(), "repository "+e.Repo+": "))
}
func (e *SignatureError) Unwrap() error { return e.Err }

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		o.Log(format, args...)
	}
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// repoDir is the repository's cache directory: its id and a hash of where it comes from,
// as dnf names them (id-hash), so the same id pointing somewhere else (a --repofrompath
// reused with another path, a changed baseurl) never reads the other source's cache.
func repoDir(o *Options, r *Repo) string {
	h := sha256.New()
	for _, u := range r.BaseURLs {
		h.Write([]byte(u + "\n"))
	}
	h.Write([]byte("mirrorlist=" + r.Mirrorlist + "\nmetalink=" + r.Metalink + "\n"))
	return filepath.Join(o.CacheDir, r.ID+"-"+hex.EncodeToString(h.Sum(nil))[:16])
}

// CacheDirOf is r's cache directory under cacheDir (CACHEDIR/ID-HASH, as dnf names it):
// downloaded packages go to its packages/ subdirectory, as dnf puts them.
func CacheDirOf(cacheDir string, r *Repo) string {
	return repoDir(&Options{CacheDir: cacheDir}, r)
}

// current returns the current generation of r's cache, or nil.
func current(o *Options, r *Repo) (*Metadata, error) {
	dir, err := o.inCache(repoDir(o, r))
	if err != nil {
		return nil, err
	}
	target, err := os.Readlink(filepath.Join(dir, "current"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	gen, err := o.inCache(filepath.Join(dir, filepath.Base(target)))
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(gen, "repomd.xml"))
	if err != nil {
		return nil, err
	}
	rm, err := repomd.ParseRepomd(strings.NewReader(string(data)))
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Metadata{Repo: r, Dir: gen, Repomd: rm, Key: hex.EncodeToString(sum[:])}, nil
}

// Load returns r's index, refreshing the cache when it is missing, expired or forced. A
// corrupt index is rebuilt from the cached primary. When a refresh fails but an older
// cache is usable, the old index is returned with a *RefreshError.
func Load(ctx context.Context, r *Repo, o Options) (*cache.Index, *Metadata, error) {
	return load(ctx, r, o, true)
}

// Prepare is Load without loading the index: the cache is refreshed when it is missing,
// expired or forced, and an index file that is missing or built for other metadata is
// rebuilt, but nothing of it is kept in memory (dnf makecache). The index's checksum is
// checked when it is next loaded. A *RefreshError comes back with the old metadata.
func Prepare(ctx context.Context, r *Repo, o Options) (*Metadata, error) {
	_, md, err := load(ctx, r, o, false)
	return md, err
}

func load(ctx context.Context, r *Repo, o Options, want bool) (*cache.Index, *Metadata, error) {
	cur, curErr := current(&o, r)
	if cur != nil && !o.Refresh && !expired(&o, r, cur) && checkTrust(r, &o, cur.Repomd) == nil {
		if x, err := loadIndex(&o, cur, want); err == nil {
			return x, cur, nil
		}
	}
	md, err := Sync(ctx, r, o)
	if err == nil {
		x, err := loadIndex(&o, md, want)
		return x, md, err
	}
	var se *SignatureError
	if errors.Is(err, release.ErrTrust) || errors.As(err, &se) {
		// refused metadata is never papered over with the old cache: a mirror that
		// keeps the client on it by breaking the signature would freeze it (dnf fails too)
		return nil, nil, err
	}
	if cur != nil && curErr == nil {
		if x, lerr := loadIndex(&o, cur, want); lerr == nil {
			return x, cur, &RefreshError{Repo: r.ID, Err: err}
		}
	}
	return nil, nil, err
}

func expired(o *Options, r *Repo, m *Metadata) bool {
	if r.MetadataExpire < 0 {
		return false
	}
	fi, err := os.Stat(filepath.Join(m.Dir, "repomd.xml"))
	if err != nil {
		return true
	}
	return o.now().Sub(fi.ModTime()) > r.MetadataExpire
}

// loadIndex loads a generation's index, rebuilding it (atomically) when it is missing,
// stale or corrupt; the rebuild re-verifies the cached primary against repomd.xml. With
// want false the index is only checked to be there for this generation (its key) and
// rebuilt if not, and nil is returned.
func loadIndex(o *Options, m *Metadata, want bool) (*cache.Index, error) {
	p := filepath.Join(m.Dir, "index.nidx")
	var x *cache.Index
	var err error
	if want {
		if x, err = cache.Load(p); err == nil && x.Key() == m.Key {
			return x, nil
		}
	} else if key, kerr := readIndexKey(p); kerr == nil && key == m.Key {
		return nil, nil
	} else {
		err = kerr
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		o.logf("%s: rebuilding the metadata index: %v", m.Repo.ID, err)
	}
	if err := buildIndex(m, true, p); err != nil {
		return nil, err
	}
	if !want {
		return nil, nil
	}
	return cache.Load(p)
}

func readIndexKey(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return cache.ReadKey(f)
}

// buildIndex parses the generation's primary into the index file dest (written
// atomically; only the string pool is held in memory, cache.WritePrimary); verify
// re-checks the file against repomd.xml first (Sync has just verified it while
// downloading).
func buildIndex(m *Metadata, verify bool, dest string) error {
	d := m.Repomd.Find("primary")
	if d == nil {
		return fmt.Errorf("repository %s: repomd.xml lists no primary", m.Repo.ID)
	}
	name := filepath.Join(m.Dir, "repodata", path.Base(d.Location))
	if z := m.Repomd.Find("primary_zck"); z != nil && m.Path("primary") != name {
		d, name = z, m.Path("primary") // the zchunk primary was downloaded instead
	}
	if verify {
		if err := verifyFile(name, Request{Size: d.Size, Checksum: d.Checksum}); err != nil {
			return fmt.Errorf("repository %s: %s: %w", m.Repo.ID, d.Location, err)
		}
	}
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("repository %s: %w", m.Repo.ID, err)
	}
	defer f.Close()
	// a file: seekable, for the sequential fallback
	if err := cache.WritePrimary(f, m.Key, dest); err != nil {
		return fmt.Errorf("repository %s: %s: %w", m.Repo.ID, d.Location, err)
	}
	return nil
}

// Sync downloads r's metadata into a new cache generation and makes it current. Nothing
// is used before it is verified: repomd.xml's signature (repo_gpgcheck), then every file's
// size and checksum. When repomd.xml is unchanged the current generation is kept.
func Sync(ctx context.Context, r *Repo, o Options) (*Metadata, error) {
	began := time.Now()
	if o.Fetcher == nil {
		o.Fetcher = NewFetcher(DefaultMain())
	}
	// A metalink is fetched once: it names the mirrors and checks repomd.xml.
	ml, err := fetchMetalink(ctx, r, &o)
	if err != nil {
		return nil, err
	}
	var mirrors []string
	if ml == nil {
		if mirrors, err = mirrorsOf(ctx, r, &o); err != nil {
			return nil, err
		}
	}
	dir, err := o.inCache(repoDir(&o, r))
	if err != nil {
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	tmp, err := os.MkdirTemp(dir, ".tmp-")
	if err != nil {
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(tmp)
		}
	}()
	repomdPath := filepath.Join(tmp, "repomd.xml")
	if ml != nil { // repomd.xml checked against the metalink, mirror by mirror
		if mirrors, err = fetchRepomdFromMetalink(ctx, r, &o, ml, repomdPath); err != nil {
			return nil, err
		}
	} else if err := o.Fetcher.Fetch(ctx, Request{Repo: r.ID, Mirrors: mirrors, Path: "repodata/repomd.xml", Dest: repomdPath, Size: -1, MaxSize: 4 << 20, FailFast: true}); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(repomdPath)
	if err != nil {
		return nil, err
	}
	var fetched int64 // dnf counts repomd.xml only when it is all that a refresh fetched
	var idx *release.Index
	if r.ReleaseIndex != "" {
		if idx, err = loadReleaseIndex(ctx, r, &o); err != nil {
			return nil, err
		}
	}
	if r.RepoGPGCheck {
		if err := verifyRepomd(ctx, r, &o, mirrors, tmp, data, idx); err != nil {
			var te *release.TrustError
			if errors.As(err, &te) {
				return nil, err
			}
			return nil, &SignatureError{Repo: r.ID, Err: err}
		}
	}
	rm, err := repomd.ParseRepomd(strings.NewReader(string(data)))
	if err != nil {
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	if err := checkTrust(r, &o, rm); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	cur, _ := current(&o, r)
	present := func(d *repomd.Data) bool { return !localMissing(mirrors, d.Location) }
	if cur != nil && cur.Key == key && !(findGroup(rm, present) != nil && cur.GroupPath() == "" && o.Types == nil) {
		// (a cache from before comps were downloaded is refreshed once to get them)
		now := o.now()
		if p, err := o.inCache(filepath.Join(cur.Dir, "repomd.xml")); err == nil {
			os.Chtimes(p, now, now) // not expired any more
		}
		if p, err := o.inCache(filepath.Join(cur.Dir, mirrorsFile)); err == nil {
			writeMirrorsTo(p, r, mirrors)
		}
		o.downloaded(int64(len(data)), began)
		return cur, recordTrust(r, &o, rm, key)
	}
	if err := os.MkdirAll(filepath.Join(tmp, "repodata"), 0o755); err != nil {
		return nil, err
	}
	types := o.Types
	if types == nil {
		types = []string{"filelists", "updateinfo", "modules", "group"}
	}
	var reqs []Request
	for _, typ := range append([]string{"primary"}, types...) {
		d := rm.Find(typ)
		if typ == "group" {
			d = findGroup(rm, present)
		}
		if d == nil {
			if typ == "primary" {
				return nil, fmt.Errorf("repository %s: repomd.xml lists no primary", r.ID)
			}
			continue
		}
		if typ != "primary" && localMissing(mirrors, d.Location) {
			// librepo's LRO_IGNOREMISSING, which libdnf sets for local repositories: a
			// file repomd.xml lists but the directory lacks is left out (primary is not).
			o.logf("%s: %s is listed in repomd.xml but missing; going on without it", r.ID, d.Location)
			continue
		}
		if z := rm.Find(typ + "_zck"); z != nil && !o.NoZchunk {
			d = z // fetched whole the first time, as a delta from then on
		}
		req := Request{Repo: r.ID, Mirrors: mirrors, Path: d.Location,
			Dest: filepath.Join(tmp, "repodata", path.Base(d.Location)), Size: d.Size, Checksum: d.Checksum, MaxSize: 1 << 30}
		if strings.HasSuffix(d.Type, "_zck") && cur != nil {
			if old := cur.Path(typ); strings.HasSuffix(old, ".zck") {
				st, err := o.Fetcher.FetchZck(ctx, req, d, old)
				if err == nil {
					fetched += st.Header + st.Chunks
					o.logf("%s: %s: fetched %d of %d bytes (header %d, chunks %d in %d requests), reused %d",
						r.ID, d.Type, st.Header+st.Chunks, d.Size, st.Header, st.Chunks, st.Requests, st.Reused)
					continue
				}
				o.logf("%s: %v; downloading the whole file", r.ID, err)
			}
		}
		reqs = append(reqs, req)
	}
	if err := o.Fetcher.FetchAll(ctx, reqs); err != nil {
		return nil, err
	}
	for _, q := range reqs {
		fetched += q.Size
	}
	o.downloaded(fetched, began)
	if err := writeMirrors(tmp, r, mirrors); err != nil {
		return nil, err
	}
	md := &Metadata{Repo: r, Dir: tmp, Repomd: rm, Key: key}
	if err := buildIndex(md, false, filepath.Join(tmp, "index.nidx")); err != nil {
		return nil, err
	}
	gen := filepath.Join(dir, "gen-"+key[:16]+"-"+strings.TrimPrefix(filepath.Base(tmp), ".tmp-"))
	if err := os.Rename(tmp, gen); err != nil {
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	keep = true
	if err := swapCurrent(dir, filepath.Base(gen)); err != nil {
		os.RemoveAll(gen)
		return nil, fmt.Errorf("repository %s: %w", r.ID, err)
	}
	md.Dir = gen
	removeOldGenerations(dir, filepath.Base(gen))
	if err := recordTrust(r, &o, rm, key); err != nil {
		return nil, err
	}
	return md, nil
}

// swapCurrent points dir/current at gen with a rename, which is atomic. The directory is
// not synced: this is a cache, and after a power failure that lost the rename (or left
// current pointing at a generation removed after it) current() finds no usable generation
// and the metadata is fetched again; the generation's own files are not synced either, and a
// torn index fails its checksum and is rebuilt (Load).
func swapCurrent(dir, gen string) error {
	tmp := filepath.Join(dir, ".current.tmp")
	os.Remove(tmp)
	if err := os.Symlink(gen, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "current"))
}

func removeOldGenerations(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() != keep && (strings.HasPrefix(e.Name(), "gen-") || strings.HasPrefix(e.Name(), ".tmp-")) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// verifyRepomd fetches repomd.xml.asc and checks it against the keyring (Options.Keyring,
// else the repository's gpgkey=), then against the release index's active keys (a key
// rotated in); a signature by a key the index revoked is refused.
func verifyRepomd(ctx context.Context, r *Repo, o *Options, mirrors []string, tmp string, data []byte, idx *release.Index) error {
	if o.Keyring == nil && len(r.GPGKeys) > 0 {
		kr, err := LoadKeyring(ctx, r, o.Fetcher)
		if err != nil {
			return err
		}
		o.Keyring = kr
	}
	if o.Keyring == nil || o.Keyring.Len() == 0 {
		return fmt.Errorf("repository %s: repo_gpgcheck=1 but no gpgkey is available to verify repodata/repomd.xml", r.ID)
	}
	asc := filepath.Join(tmp, "repomd.xml.asc")
	if err := o.Fetcher.Fetch(ctx, Request{Repo: r.ID, Mirrors: mirrors, Path: "repodata/repomd.xml.asc", Dest: asc, Size: -1, MaxSize: 1 << 20, FailFast: true}); err != nil {
		return err
	}
	sig, err := os.ReadFile(asc)
	if err != nil {
		return err
	}
	info, err := o.Keyring.Verify(data, sig)
	if err != nil && idx != nil && len(idx.ActiveKeys()) > 0 {
		if kr, kerr := sign.LoadKeyring(idx.ActiveKeys()...); kerr == nil {
			kr.SetClock(o.now)
			if i2, err2 := kr.Verify(data, sig); err2 == nil {
				info, err = i2, nil
			}
		}
	}
	if err != nil {
		return fmt.Errorf("repository %s: repodata/repomd.xml: signature check failed: %w", r.ID, err)
	}
	if idx != nil {
		if k := idx.RevokedSigner(info); k != nil {
			return &release.TrustError{Kind: release.Revoked, Subject: "repository " + r.ID,
				Detail: fmt.Sprintf("repodata/repomd.xml is signed by key %s, which the release index revoked on %s (%s)",
					k.Fingerprint, k.Revoked.UTC().Format(time.DateOnly), k.Reason),
				What: "the mirror serves metadata signed with a withdrawn key: use another mirror or wait until it syncs; nothing was changed"}
		}
	}
	return nil
}

// mirrorsOf returns the base URLs of r without a metalink: baseurl, else the
// mirrorlist's.
func mirrorsOf(ctx context.Context, r *Repo, o *Options) ([]string, error) {
	if len(r.BaseURLs) > 0 {
		return r.BaseURLs, nil
	}
	if r.Mirrorlist == "" {
		return nil, fmt.Errorf("repository %s: no baseurl, mirrorlist or metalink", r.ID)
	}
	data, err := fetchURL(ctx, r, o, r.Mirrorlist, 1<<20)
	if err != nil {
		return nil, err
	}
	urls := ParseMirrorlist(data)
	if len(urls) == 0 {
		return nil, fmt.Errorf("repository %s: %s lists no mirrors", r.ID, r.Mirrorlist)
	}
	return urls, nil
}

// ParseMirrorlist reads a mirrorlist (one URL per line, '#' comments) or a metalink
// (<url>...repodata/repomd.xml</url> elements) into base URLs.
func ParseMirrorlist(data []byte) []string {
	var out []string
	s := string(data)
	if strings.Contains(s, "<metalink") {
		for {
			i := strings.Index(s, "<url")
			if i < 0 {
				break
			}
			s = s[i:]
			gt := strings.IndexByte(s, '>')
			end := strings.Index(s, "</url>")
			if gt < 0 || end < gt {
				break
			}
			u := strings.TrimSpace(s[gt+1 : end])
			s = s[end:]
			if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
				out = append(out, strings.TrimSuffix(u, "repodata/repomd.xml"))
			}
		}
		return out
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(line, "://") {
			out = append(out, line)
		}
	}
	return out
}

// ReadAllPrimary is a helper for callers that want full Package values rather than the
// index: it decompresses and parses a cached primary file.
func ReadAllPrimary(name string, fn func(*repomd.Package) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	if err := repomd.ReadPrimary(rc, fn); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
