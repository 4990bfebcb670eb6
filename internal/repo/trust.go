package repo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Repository trust beyond dnf. dnf accepts any validly signed repomd.xml however old, so a
// mirror (or an attacker in its place) can serve yesterday's metadata forever (freeze) or
// last month's after today's (rollback). Nimbus remembers, per repository and source, the
// newest repomd.xml it accepted, in Options.TrustDir (the install root's
// /var/lib/nimbus/repo-trust, not the cache, so `dnf clean all` does not reset it):
//
//	TrustDir/ID-HASH.json            {"repo","urls","revision","timestamp","repomd_sha256","accepted"}
//	TrustDir/index-HASH.json(.asc)   the newest release index accepted from release_index=
//
// and refuses older metadata, metadata older than trust_max_age, and signatures by keys
// the signed release index lists as revoked. Refusals are *release.TrustError.

// trustRecord is what is remembered of the newest accepted repomd.xml.
type trustRecord struct {
	Repo      string    `json:"repo"`
	URLs      []string  `json:"urls"`
	Revision  string    `json:"revision"`
	Timestamp int64     `json:"timestamp"` // newest <timestamp> of its records
	SHA256    string    `json:"repomd_sha256"`
	Accepted  time.Time `json:"accepted"`
}

func trustPath(o *Options, r *Repo) string {
	return filepath.Join(o.TrustDir, filepath.Base(repoDir(o, r))+".json")
}

func readTrust(o *Options, r *Repo) (*trustRecord, error) {
	if o.TrustDir == "" {
		return nil, nil
	}
	data, err := os.ReadFile(trustPath(o, r))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("repository %s: reading trust state: %w", r.ID, err)
	}
	var t trustRecord
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("repository %s: trust state %s is damaged (%v): remove it to start afresh", r.ID, trustPath(o, r), err)
	}
	return &t, nil
}

// repomdTime is the time a repomd.xml says it was made: its revision when that is a Unix
// time (createrepo's default), and the newest timestamp of its records.
func repomdTime(rm *repomd.Repomd) (rev int64, revNumeric bool, newest int64) {
	if n, err := strconv.ParseInt(strings.TrimSpace(rm.Revision), 10, 64); err == nil {
		rev, revNumeric = n, true
	}
	for _, d := range rm.Data {
		newest = max(newest, d.Timestamp)
	}
	if revNumeric && rev > 1e9 && rev < 1e11 {
		newest = max(newest, rev)
	}
	return rev, revNumeric, newest
}

// checkTrust refuses rm when it is older than the newest accepted (rollback) or older
// than the repository's trust_max_age (freeze).
func checkTrust(r *Repo, o *Options, rm *repomd.Repomd) error {
	rev, revNum, ts := repomdTime(rm)
	subject := "repository " + r.ID
	if r.TrustMaxAge > 0 {
		made := time.Unix(ts, 0)
		if age := o.now().Sub(made); ts == 0 || age > r.TrustMaxAge {
			return &release.TrustError{Kind: release.Freeze, Subject: subject,
				Detail: fmt.Sprintf("repodata/repomd.xml revision %s made %s is %s old, more than trust_max_age=%s",
					rm.Revision, made.UTC().Format(time.RFC3339), age.Round(time.Minute), r.TrustMaxAge),
				What: "the mirror is stale or frozen: try another mirror, check the system clock, or raise trust_max_age in the .repo file"}
		}
	}
	seen, err := readTrust(o, r)
	if err != nil || seen == nil {
		return err
	}
	older := ts < seen.Timestamp
	if sr, err := strconv.ParseInt(seen.Revision, 10, 64); err == nil && revNum {
		older = rev < sr || (rev == sr && ts < seen.Timestamp)
	}
	if older {
		return &release.TrustError{Kind: release.Rollback, Subject: subject,
			Detail: fmt.Sprintf("repodata/repomd.xml revision %s (%s) is older than revision %s (%s) accepted on %s",
				rm.Revision, time.Unix(ts, 0).UTC().Format(time.RFC3339), seen.Revision, time.Unix(seen.Timestamp, 0).UTC().Format(time.RFC3339),
				seen.Accepted.UTC().Format(time.RFC3339)),
			What: fmt.Sprintf("a mirror is serving old metadata: try again later or use another mirror; nothing was changed (to accept it deliberately, remove %s)", trustPath(o, r))}
	}
	return nil
}

// recordTrust remembers rm as the newest accepted metadata (atomically) when it is newer.
func recordTrust(r *Repo, o *Options, rm *repomd.Repomd, key string) error {
	if o.TrustDir == "" {
		return nil
	}
	seen, err := readTrust(o, r)
	if err != nil {
		return err
	}
	_, _, ts := repomdTime(rm)
	if seen != nil && seen.SHA256 == key {
		return nil
	}
	if seen != nil && ts < seen.Timestamp {
		return nil
	}
	rec := trustRecord{Repo: r.ID, URLs: r.BaseURLs, Revision: rm.Revision, Timestamp: ts, SHA256: key, Accepted: o.now().UTC()}
	if err := os.MkdirAll(o.TrustDir, 0o755); err != nil {
		return fmt.Errorf("repository %s: trust state: %w", r.ID, err)
	}
	data, _ := json.MarshalIndent(rec, "", "  ")
	return fsutil.WriteFileAtomic(trustPath(o, r), 0o644, func(f *os.File) error {
		_, err := f.Write(append(data, '\n'))
		return err
	})
}

// LoadReleaseIndex fetches the repository's release index (release_index=), verifies it
// against the repository's gpgkey keys and the previously accepted index (rotation,
// revocation, expiry, rollback) and remembers it in TrustDir when it is newer.
func LoadReleaseIndex(ctx context.Context, r *Repo, o Options) (*release.Index, error) {
	if r.ReleaseIndex == "" {
		return nil, fmt.Errorf("repository %s: no release_index configured", r.ID)
	}
	if o.Fetcher == nil {
		o.Fetcher = NewFetcher(DefaultMain())
	}
	return loadReleaseIndex(ctx, r, &o)
}

// RememberedReleaseIndex returns the newest release index accepted (verified) for r's
// release_index= in trustDir, or nil when none was accepted yet.
func RememberedReleaseIndex(r *Repo, trustDir string) (*release.Index, error) {
	if r.ReleaseIndex == "" || trustDir == "" {
		return nil, nil
	}
	p := filepath.Join(trustDir, "index-"+shortHash(r.ReleaseIndex)+".json")
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	x, err := release.ParseIndex(b)
	if err != nil {
		return nil, fmt.Errorf("repository %s: remembered release index %s is damaged (%v): remove it to start afresh", r.ID, p, err)
	}
	return x, nil
}

func loadReleaseIndex(ctx context.Context, r *Repo, o *Options) (*release.Index, error) {
	u := r.ReleaseIndex
	i := strings.LastIndexByte(u, '/')
	if i < 0 || !strings.Contains(u, "://") {
		return nil, fmt.Errorf("repository %s: release_index %q: want a URL ending in /%s", r.ID, u, release.IndexFile)
	}
	base, name := u[:i+1], u[i+1:]
	tmp, err := os.MkdirTemp("", "nimbus-release-index-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	reqs := []Request{
		{Repo: r.ID, Mirrors: []string{base}, Path: name, Dest: filepath.Join(tmp, "index"), Size: -1, MaxSize: release.MaxIndexSize},
		{Repo: r.ID, Mirrors: []string{base}, Path: name + ".asc", Dest: filepath.Join(tmp, "index.asc"), Size: -1, MaxSize: 1 << 20},
	}
	if err := o.Fetcher.Fetch(ctx, reqs[0]); err != nil {
		return nil, err
	}
	if err := o.Fetcher.Fetch(ctx, reqs[1]); err != nil {
		return nil, &release.TrustError{Kind: release.Signature, Subject: "release index " + u,
			Detail: fmt.Sprintf("no signature (%s.asc: %v)", name, err),
			What:   "an unsigned index is never used; check the mirror"}
	}
	data, err := os.ReadFile(reqs[0].Dest)
	if err != nil {
		return nil, err
	}
	sig, err := os.ReadFile(reqs[1].Dest)
	if err != nil {
		return nil, err
	}
	trusted, err := keyBlobs(ctx, r, o.Fetcher)
	if err != nil {
		return nil, err
	}
	statePath := ""
	var prev *release.Index
	if o.TrustDir != "" {
		statePath = filepath.Join(o.TrustDir, "index-"+shortHash(u)+".json")
		if b, err := os.ReadFile(statePath); err == nil {
			if prev, err = release.ParseIndex(b); err != nil {
				return nil, fmt.Errorf("repository %s: remembered release index %s is damaged (%v): remove it to start afresh", r.ID, statePath, err)
			}
		}
	}
	x, _, err := release.VerifyIndex(data, sig, release.VerifyOptions{Subject: "release index " + u, Trusted: trusted, Previous: prev, Now: o.now()})
	if err != nil {
		return nil, err
	}
	if statePath != "" && (prev == nil || x.Serial > prev.Serial) {
		if err := os.MkdirAll(o.TrustDir, 0o755); err != nil {
			return nil, err
		}
		for _, f := range []struct {
			p string
			b []byte
		}{{statePath + ".asc", sig}, {statePath, data}} {
			if err := fsutil.WriteFileAtomic(f.p, 0o644, func(w *os.File) error { _, err := w.Write(f.b); return err }); err != nil {
				return nil, err
			}
		}
	}
	return x, nil
}

func shortHash(s string) string {
	h := fnv64(s)
	return strconv.FormatUint(h, 16)
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
