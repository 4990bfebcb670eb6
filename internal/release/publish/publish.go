// Package publish lays out Nimbus releases on disk: one immutable, signed rpm-md snapshot
// per release and arch whose package files are hard links into a content-addressed blob
// store shared by all releases (a new release costs only its new packages), and the
// signed release index (internal/release) that lists them.
//
//	RELEASES/index.json, index.json.asc          the signed release index
//	RELEASES/blobs/sha256/AB/ABCDEF....rpm         one file per distinct package (0444)
//	RELEASES/VERSION/ARCH/Packages/NAME.rpm        hard links to the blobs
//	RELEASES/VERSION/ARCH/repodata/...             createrepo metadata, repomd.xml.asc
//	RELEASES/latest -> VERSION                      the newest release ($releasever=latest)
package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo/createrepo"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// Options control Publish.
type Options struct {
	Version string // YEAR.MINOR.YYYYMMDD
	From    string // a repository for one arch (Arch), or a directory of ARCH/ subdirectories
	Arch    string // the arch of From when it is a single repository
	To      string // the releases directory
	Notes   string
	Signer  *sign.Signer
	// Time is the release's time (sourcedate.BuildTime): repomd revision, index issue time.
	Time time.Time
	// ValidFor is how long the index stays valid (default 30 days): clients refuse an
	// index past its expiry, so the publisher must re-sign (publish or `release keys`)
	// within that time.
	ValidFor time.Duration
	// Updateinfo returns the updateinfo.xml to publish for an arch (nil: none).
	Updateinfo func(arch string) ([]byte, error)
	// AllowSystemRelease skips the check that the release's system-release package
	// provides system-release(releasever) = Version (for repositories without one).
	AllowSystemRelease bool
	// KnownBlobs reports whether a blob (by its hex sha256) already exists where the
	// release goes (a remote store): such blobs do not count as new.
	KnownBlobs func(sha256 string) bool
	// Mirrors are base URLs of releases trees (the one published to and its copies made
	// with `nimbus release mirror`); when given, each ARCH/ gets a metalink.xml (repomd.xml's
	// size and hashes and the mirrors' URLs, as dnf reads it) and a mirrorlist.
	Mirrors []string
	// Rollout, when set, is the release's rollout policy in the index (waves).
	Rollout *release.Rollout
}

// MetalinkFile and MirrorlistFile are written in each VERSION/ARCH/ when Options.Mirrors
// is not empty.
const (
	MetalinkFile   = "metalink.xml"
	MirrorlistFile = "mirrorlist"
)

// Result says what Publish did.
type Result struct {
	Version  string
	Arches   []string
	Packages map[string]int // per arch
	New      map[string]int // packages whose blob did not exist yet, per arch
	NewBytes int64          // bytes of the new blobs
	Index    *release.Index
	added    []string
}

// Publish makes release o.Version: it refuses an existing or older version, stores
// new package blobs, writes each arch's repository in a staging directory, renames it
// into place, and then signs and writes the new index and the latest link.
func Publish(ctx context.Context, o Options) (*Result, error) {
	v, err := release.ParseVersion(o.Version)
	if err != nil {
		return nil, err
	}
	if o.Signer == nil {
		return nil, errors.New("release publish: a signing key is required (--key)")
	}
	if o.ValidFor <= 0 {
		o.ValidFor = 30 * 24 * time.Hour
	}
	idx, err := LoadIndex(o.To, o.Signer)
	if err != nil {
		return nil, err
	}
	if k := idx.Key(fingerprint(o.Signer)); k != nil && k.Status == release.KeyRevoked {
		return nil, fmt.Errorf("signing key %s is revoked in the release index: sign with an active key", k.Fingerprint)
	}
	final := filepath.Join(o.To, v.String())
	if _, err := os.Lstat(final); err == nil || idx.Find(v.String()) != nil {
		return nil, fmt.Errorf("release %s is already published in %s: releases are immutable, publish a new version", v, o.To)
	}
	if l := idx.Newest(); l != nil && release.CompareStrings(v.String(), l.Version) <= 0 {
		return nil, fmt.Errorf("release %s is not newer than the latest release %s: versions only grow", v, l.Version)
	}
	arches, err := archDirs(o.From, o.Arch)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(arches))
	files := map[string][]string{}
	for a, src := range arches {
		names = append(names, a)
		if files[a], err = checkSource(o, v, a, src); err != nil {
			return nil, err
		}
	}
	sort.Strings(names)
	if err := os.MkdirAll(filepath.Join(o.To, "blobs", "sha256"), 0o755); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(o.To, ".tmp-"+v.String()+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	res := &Result{Version: v.String(), Packages: map[string]int{}, New: map[string]int{}}
	ok := false
	defer func() {
		if !ok { // a failed publication leaves no new blobs behind
			for _, b := range res.added {
				os.Remove(b)
			}
		}
	}()
	for _, arch := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := stageArch(ctx, o, v, arch, files[arch], filepath.Join(stage, arch), res); err != nil {
			return nil, err
		}
	}
	res.Arches = names
	if err := os.Chmod(stage, 0o755); err != nil {
		return nil, err
	}
	if err := os.Rename(stage, final); err != nil {
		return nil, fmt.Errorf("release %s: %w", v, err)
	}
	idx.Releases = append(idx.Releases, release.Entry{Version: v.String(), Arches: names, Date: o.Time.UTC(), Notes: o.Notes,
		Packages: res.Packages, New: res.New, Rollout: o.Rollout})
	if err := addSignerKey(idx, o.Signer, o.Time); err != nil {
		return nil, err
	}
	if err := WriteIndex(o.To, idx, o.Signer, o.Time, o.ValidFor); err != nil {
		return nil, err
	}
	ok = true
	if err := setLatest(o.To, v.String()); err != nil {
		return nil, err
	}
	res.Index = idx
	return res, nil
}

// archDirs maps each arch to its source directory.
func archDirs(from, arch string) (map[string]string, error) {
	st, err := os.Stat(from)
	if err != nil {
		return nil, fmt.Errorf("release publish: --from: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("release publish: --from %s is not a directory", from)
	}
	if rpms, _ := filepath.Glob(filepath.Join(from, "*.rpm")); len(rpms) > 0 || exists(filepath.Join(from, "repodata")) || exists(filepath.Join(from, "Packages")) {
		if arch == "" {
			return nil, fmt.Errorf("release publish: %s is a repository for one arch: say which with --arch", from)
		}
		return map[string]string{arch: from}, nil
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range ents {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && (arch == "" || arch == e.Name()) {
			out[e.Name()] = filepath.Join(from, e.Name())
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("release publish: %s has no packages and no ARCH/ directories", from)
	}
	return out, nil
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// checkSource lists an arch's package files and checks, before anything is written,
// that its system-release package provides system-release(releasever) = the version.
func checkSource(o Options, v release.Version, arch, src string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != src && (d.Name() == "repodata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".rpm") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("release %s/%s: %w", v, arch, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("release %s/%s: no packages in %s", v, arch, src)
	}
	sort.Strings(files)
	seen := map[string]string{}
	sawRelease := ""
	for _, f := range files {
		name := filepath.Base(f)
		if prev, dup := seen[name]; dup {
			return nil, fmt.Errorf("release %s/%s: two packages named %s (%s and %s)", v, arch, name, prev, f)
		}
		seen[name] = f
		if strings.HasPrefix(name, "system-release-") {
			if sawRelease, err = releaseProvided(f); err != nil {
				return nil, fmt.Errorf("release %s/%s: %s: %w", v, arch, name, err)
			}
		}
	}
	if !o.AllowSystemRelease && sawRelease != v.String() {
		if sawRelease == "" {
			return nil, fmt.Errorf("release %s/%s: no system-release package in %s (it carries the release version: build it with version %s)", v, arch, src, v)
		}
		return nil, fmt.Errorf("release %s/%s: the system-release package provides system-release(releasever) = %s, not %s: set version %q in dist/recipes/system-release.yaml and rebuild",
			v, arch, sawRelease, v, v.String())
	}
	return files, nil
}

// stageArch stores the packages as blobs, links them into dst/Packages and indexes dst.
func stageArch(ctx context.Context, o Options, v release.Version, arch string, files []string, dst string, res *Result) error {
	pk := filepath.Join(dst, "Packages")
	if err := os.MkdirAll(pk, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		name := filepath.Base(f)
		blob, added, size, err := storeBlob(o.To, f)
		if err != nil {
			return fmt.Errorf("release %s/%s: %s: %w", v, arch, name, err)
		}
		if added && o.KnownBlobs != nil && o.KnownBlobs(strings.TrimSuffix(filepath.Base(blob), ".rpm")) {
			res.Packages[arch]++ // present remotely: staged here only to be linked
			if err := os.Link(blob, filepath.Join(pk, name)); err != nil {
				return fmt.Errorf("release %s/%s: linking %s: %w", v, arch, name, err)
			}
			continue
		}
		if added {
			res.New[arch]++
			res.NewBytes += size
			res.added = append(res.added, blob)
		}
		if err := os.Link(blob, filepath.Join(pk, name)); err != nil {
			return fmt.Errorf("release %s/%s: linking %s: %w (the blob store and the release must be on one file system)", v, arch, name, err)
		}
		res.Packages[arch]++
	}
	co := createrepo.Options{Compress: compress.Gzip, Signer: repoSigner{o.Signer}, Time: o.Time, Clamp: true}
	if o.Updateinfo != nil {
		ui, err := o.Updateinfo(arch)
		if err != nil {
			return fmt.Errorf("release %s/%s: updateinfo: %w", v, arch, err)
		}
		co.Updateinfo = ui
	}
	if _, err := createrepo.Create(ctx, dst, co); err != nil {
		return fmt.Errorf("release %s/%s: %w", v, arch, err)
	}
	if len(o.Mirrors) > 0 {
		repomdData, err := os.ReadFile(filepath.Join(dst, "repodata", "repomd.xml"))
		if err != nil {
			return err
		}
		var urls []string
		for _, m := range o.Mirrors {
			urls = append(urls, strings.TrimSuffix(m, "/")+"/"+v.String()+"/"+arch+"/")
		}
		ml := release.NewMetalink(repomdData, o.Time.Unix(), urls)
		if err := os.WriteFile(filepath.Join(dst, MetalinkFile), ml.Marshal(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, MirrorlistFile), ml.Mirrorlist(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// storeBlob copies f into the blob store under its sha256 unless it is there already.
func storeBlob(root, f string) (blob string, added bool, size int64, err error) {
	in, err := os.Open(f)
	if err != nil {
		return "", false, 0, err
	}
	defer in.Close()
	h := sha256.New()
	if size, err = io.Copy(h, in); err != nil {
		return "", false, 0, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	blob = filepath.Join(root, "blobs", "sha256", sum[:2], sum+".rpm")
	if exists(blob) {
		return blob, false, size, nil
	}
	if err := os.MkdirAll(filepath.Dir(blob), 0o755); err != nil {
		return "", false, 0, err
	}
	if _, err := in.Seek(0, io.SeekStart); err != nil {
		return "", false, 0, err
	}
	err = fsutil.WriteFileAtomic(blob, 0o444, func(w *os.File) error {
		h2 := sha256.New()
		if _, err := io.Copy(io.MultiWriter(w, h2), in); err != nil {
			return err
		}
		if hex.EncodeToString(h2.Sum(nil)) != sum {
			return fmt.Errorf("file changed while it was stored")
		}
		return nil
	})
	return blob, err == nil, size, err
}

// releaseProvided returns the version of system-release(releasever) a package provides.
func releaseProvided(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	p, err := rpm.ReadHeaders(f)
	if err != nil {
		return "", err
	}
	info, err := rpm.FromHeader(p.Header)
	if err != nil {
		return "", err
	}
	for _, d := range info.Provides {
		if d.Name == "system-release(releasever)" {
			return d.Version, nil
		}
	}
	return "", fmt.Errorf("it does not provide system-release(releasever)")
}

// repoSigner signs repomd.xml no earlier than the key's creation.
type repoSigner struct{ s *sign.Signer }

func (r repoSigner) ArmoredDetachSign(data []byte, at time.Time) ([]byte, error) {
	if c := r.s.Created(); at.Before(c) {
		at = c
	}
	return r.s.ArmoredDetachSign(data, at)
}

// LoadIndex reads the releases directory's index, checking its signature against the
// signer's key and the index's own active keys; a missing index is an empty one.
func LoadIndex(dir string, signer *sign.Signer) (*release.Index, error) {
	data, err := os.ReadFile(filepath.Join(dir, release.IndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &release.Index{Schema: release.Schema}, nil
	}
	if err != nil {
		return nil, err
	}
	sig, err := os.ReadFile(filepath.Join(dir, release.SignatureFile))
	if err != nil {
		return nil, fmt.Errorf("release index %s: %w", dir, err)
	}
	return VerifyIndexBytes(dir, data, sig, signer)
}

// VerifyIndexBytes parses an index and checks its signature against the signer's key
// (when not nil) and the index's own active keys; where names it in errors.
func VerifyIndexBytes(where string, data, sig []byte, signer *sign.Signer) (*release.Index, error) {
	x, err := release.ParseIndex(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	keys := x.ActiveKeys()
	if signer != nil {
		pub, err := signer.ArmoredPublicKey()
		if err != nil {
			return nil, err
		}
		keys = append(keys, pub)
	}
	kr, err := sign.LoadKeyring(keys...)
	if err != nil {
		return nil, err
	}
	info, err := kr.Verify(data, sig)
	if err != nil {
		return nil, fmt.Errorf("release index %s: the signature does not verify against the publishing keys: %w", where, err)
	}
	if k := x.RevokedSigner(info); k != nil {
		return nil, fmt.Errorf("release index %s: signed by revoked key %s", where, k.Fingerprint)
	}
	return x, nil
}

// fingerprint is the upper-case hex fingerprint of the signer's key.
func fingerprint(s *sign.Signer) string { return strings.ToUpper(hex.EncodeToString(s.Fingerprint())) }

// addSignerKey lists the signing key as active (with its public key) when it is new, and
// refuses to sign with a revoked key.
func addSignerKey(x *release.Index, s *sign.Signer, at time.Time) error {
	fpr := fingerprint(s)
	if k := x.Key(fpr); k != nil {
		if k.Status == release.KeyRevoked {
			return fmt.Errorf("signing key %s is revoked in the release index: sign with an active key", fpr)
		}
		return nil
	}
	pub, err := s.ArmoredPublicKey()
	if err != nil {
		return err
	}
	x.Keys = append(x.Keys, release.Key{Fingerprint: fpr, Status: release.KeyActive, Added: at.UTC(), PublicKey: string(pub)})
	return nil
}

// WriteIndex bumps the serial, sets issue and expiry times, signs the index and writes
// index.json.asc and index.json atomically.
func WriteIndex(dir string, x *release.Index, s *sign.Signer, at time.Time, validFor time.Duration) error {
	if k := x.Key(fingerprint(s)); k != nil && k.Status == release.KeyRevoked {
		return fmt.Errorf("signing key %s is revoked in the release index: sign with an active key", k.Fingerprint)
	}
	x.Schema = release.Schema
	x.Serial++
	x.Issued = at.UTC()
	x.Expires = at.Add(validFor).UTC()
	data, err := x.Marshal()
	if err != nil {
		return err
	}
	sat := at
	if c := s.Created(); sat.Before(c) {
		sat = c
	}
	sig, err := s.ArmoredDetachSign(data, sat)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{release.SignatureFile, sig}, {release.IndexFile, data}} {
		if err := fsutil.WriteFileAtomic(filepath.Join(dir, f.name), 0o644, func(w *os.File) error {
			_, err := io.Copy(w, bytes.NewReader(f.data))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// setLatest points RELEASES/latest at version with an atomic rename.
func setLatest(dir, version string) error {
	tmp := filepath.Join(dir, ".latest.tmp")
	os.Remove(tmp)
	if err := os.Symlink(version, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "latest"))
}

// KeyChange is a change to the index's key list.
type KeyChange struct {
	Add    [][]byte // armored public keys to list as active
	Revoke []string // fingerprints (or 16-digit key ids) to revoke
	Reason string
}

// ChangeKeys applies c to the index in dir and re-signs it with s, which must stay active:
// rotation adds the new key in an index signed by the old one (clients that trust the old
// key learn the new one), revocation marks a key so that its signatures are refused.
func ChangeKeys(dir string, s *sign.Signer, c KeyChange, at time.Time, validFor time.Duration) (*release.Index, error) {
	x, err := LoadIndex(dir, s)
	if err != nil {
		return nil, err
	}
	if len(x.Releases) == 0 {
		return nil, fmt.Errorf("release index in %s: nothing published yet", dir)
	}
	if validFor <= 0 {
		validFor = 30 * 24 * time.Hour
	}
	if err := addSignerKey(x, s, at); err != nil {
		return nil, err
	}
	for _, pub := range c.Add {
		el, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(pub))
		if err != nil {
			return nil, fmt.Errorf("adding key: %w", err)
		}
		for _, e := range el {
			fpr := strings.ToUpper(hex.EncodeToString(e.PrimaryKey.Fingerprint))
			if k := x.Key(fpr); k != nil {
				if k.Status == release.KeyRevoked {
					return nil, fmt.Errorf("key %s was revoked: a revoked key cannot come back", fpr)
				}
				continue
			}
			var b bytes.Buffer
			w, err := armor.Encode(&b, openpgp.PublicKeyType, nil)
			if err != nil {
				return nil, err
			}
			if err := e.Serialize(w); err != nil {
				return nil, err
			}
			w.Close()
			x.Keys = append(x.Keys, release.Key{Fingerprint: fpr, Status: release.KeyActive, Added: at.UTC(), PublicKey: b.String() + "\n"})
		}
	}
	for _, fpr := range c.Revoke {
		k := x.Key(fpr)
		if k == nil {
			return nil, fmt.Errorf("revoking %s: no such key in the release index", fpr)
		}
		if k.Fingerprint == fingerprint(s) {
			return nil, fmt.Errorf("revoking %s: it is the key signing this change; sign with another active key", fpr)
		}
		if k.Status != release.KeyRevoked {
			k.Status, k.Revoked, k.Reason = release.KeyRevoked, at.UTC(), c.Reason
		}
	}
	if err := WriteIndex(dir, x, s, at, validFor); err != nil {
		return nil, err
	}
	return x, nil
}
