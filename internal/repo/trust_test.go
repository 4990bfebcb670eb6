package repo

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

type trustKey struct {
	pub []byte
	s   *sign.Signer
	fpr string
}

func newTrustKey(t *testing.T, name string) trustKey {
	t.Helper()
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: name, Algorithm: "ed25519", Created: time.Unix(1700000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	return trustKey{pub, s, strings.ToUpper(hex.EncodeToString(s.Fingerprint()))}
}

// writeSignedRepo writes (replacing) a one-package repository made at unix time rev,
// repomd.xml signed by k.
func writeSignedRepo(t *testing.T, dir string, rev int64, k trustKey) {
	t.Helper()
	os.RemoveAll(filepath.Join(dir, "repodata"))
	prim := repomd.PrimaryHeader(1)
	p := &repomd.Package{Name: "pkg", Arch: "noarch", Epoch: "0", Version: strconv.FormatInt(rev, 10), Release: "1",
		PkgID: fmt.Sprintf("%064x", rev), ChecksumType: "sha256", Location: "Packages/pkg.rpm"}
	prim = append(repomd.AppendPrimary(prim, p), repomd.PrimaryFooter...)
	rec, data, err := repomd.Record("primary", prim, compress.Gzip, rev)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "repodata"), 0o755)
	os.WriteFile(filepath.Join(dir, rec.Location), data, 0o644)
	var b bytes.Buffer
	(&repomd.Repomd{Revision: strconv.FormatInt(rev, 10), Data: []repomd.Data{rec}}).Write(&b)
	os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), b.Bytes(), 0o644)
	asc, err := k.s.ArmoredDetachSign(b.Bytes(), time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml.asc"), asc, 0o644)
}

// snapshot lists every file under dir with its contents, to prove nothing changed.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			fmt.Fprintf(&b, "%s -> %s\n", rel, l)
		case fi.Mode().IsRegular():
			d, _ := os.ReadFile(p)
			fmt.Fprintf(&b, "%s %x\n", rel, d)
		}
		return nil
	})
	return b.String()
}

const day = 24 * time.Hour

// TestRollbackAndFreeze runs a loopback HTTP server that first serves a newer validly
// signed repomd.xml and then an older one: the older is refused, and the cache and the
// trust state stay as they were. Then metadata past trust_max_age is refused.
func TestRollbackAndFreeze(t *testing.T) {
	k := newTrustKey(t, "repo")
	keyFile := filepath.Join(t.TempDir(), "RPM-GPG-KEY")
	os.WriteFile(keyFile, k.pub, 0o644)
	srvDir := t.TempDir()
	srv := httptest.NewServer(http.FileServer(http.Dir(srvDir)))
	defer srv.Close()
	r := &Repo{ID: "nimbus", BaseURLs: []string{srv.URL + "/"}, RepoGPGCheck: true, GPGKeys: []string{keyFile}, MetadataExpire: time.Hour}
	state := t.TempDir()
	newer, older := int64(1764000000), int64(1763000000)
	now := time.Unix(newer, 0).Add(time.Hour)
	o := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), TrustDir: state, Now: func() time.Time { return now }}

	writeSignedRepo(t, srvDir, newer, k)
	x, _, err := Load(testCtx(t), r, o)
	if err != nil {
		t.Fatal(err)
	}
	if x.EVR(0) != strconv.FormatInt(newer, 10)+"-1" {
		t.Fatalf("loaded %s", x.EVR(0))
	}
	before := snapshot(t, o.CacheDir) + snapshot(t, state)

	writeSignedRepo(t, srvDir, older, k) // a mirror rolled back, validly signed
	o.Refresh = true
	_, _, err = Load(testCtx(t), r, o)
	var te *release.TrustError
	if !errors.As(err, &te) || te.Kind != release.Rollback {
		t.Fatalf("older metadata: got %v, want a rollback refusal", err)
	}
	for _, want := range []string{"repository nimbus", "revision 1763000000", "older than revision 1764000000", "another mirror"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if after := snapshot(t, o.CacheDir) + snapshot(t, state); after != before {
		t.Errorf("a refused refresh changed the cache or the trust state")
	}
	// A fresh cache does not forget: the trust state is outside the cache.
	o2 := o
	o2.CacheDir = t.TempDir()
	if _, _, err := Load(testCtx(t), r, o2); !errors.Is(err, release.ErrTrust) {
		t.Fatalf("with an empty cache the rollback must still be refused: %v", err)
	}

	// The mirror catches up with a newer revision: accepted, and remembered.
	writeSignedRepo(t, srvDir, newer+3600, k)
	now = time.Unix(newer+3600, 0).Add(time.Minute)
	if _, _, err := Load(testCtx(t), r, o); err != nil {
		t.Fatalf("newer metadata refused: %v", err)
	}
	if b, _ := os.ReadFile(trustPath(&o, r)); !strings.Contains(string(b), strconv.FormatInt(newer+3600, 10)) {
		t.Errorf("trust state not advanced: %s", b)
	}

	// Freeze: a week later the mirror still serves the same metadata; with
	// trust_max_age=3d it is refused, even from the cache.
	r.TrustMaxAge = 3 * day
	now = now.Add(7 * day)
	o.Refresh = false
	_, _, err = Load(testCtx(t), r, o)
	if !errors.As(err, &te) || te.Kind != release.Freeze || !strings.Contains(err.Error(), "trust_max_age=72h0m0s") {
		t.Fatalf("stale metadata: got %v, want a freeze refusal naming trust_max_age", err)
	}
	r.TrustMaxAge = 0
	if _, _, err := Load(testCtx(t), r, o); err != nil {
		t.Fatalf("without trust_max_age the same metadata is fine: %v", err)
	}
}

// TestRevokedKeyAndRotation: the release index revokes the old key and lists a new one;
// repomd.xml signed by the old (configured) key is refused, by the new one accepted.
func TestRevokedKeyAndRotation(t *testing.T) {
	oldK, newK := newTrustKey(t, "old"), newTrustKey(t, "new")
	keyFile := filepath.Join(t.TempDir(), "RPM-GPG-KEY")
	os.WriteFile(keyFile, oldK.pub, 0o644) // the system trusts only the old key
	srvDir := t.TempDir()
	srv := httptest.NewServer(http.FileServer(http.Dir(srvDir)))
	defer srv.Close()
	t0 := time.Unix(1764000000, 0).UTC()
	writeIndex := func(serial int64, keys []release.Key, by trustKey) {
		x := &release.Index{Schema: release.Schema, Serial: serial, Issued: t0, Expires: t0.Add(30 * day), Keys: keys,
			Releases: []release.Entry{{Version: "2026.10.20261001", Arches: []string{"x86_64"}, Date: t0}}}
		data, err := x.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		sig, _ := by.s.ArmoredDetachSign(data, t0)
		os.WriteFile(filepath.Join(srvDir, "index.json"), data, 0o644)
		os.WriteFile(filepath.Join(srvDir, "index.json.asc"), sig, 0o644)
	}
	active := func(k trustKey) release.Key {
		return release.Key{Fingerprint: k.fpr, Status: release.KeyActive, Added: t0, PublicKey: string(k.pub)}
	}
	repoDir := filepath.Join(srvDir, "repo")
	r := &Repo{ID: "nimbus", BaseURLs: []string{srv.URL + "/repo/"}, RepoGPGCheck: true, GPGKeys: []string{keyFile},
		MetadataExpire: time.Hour, ReleaseIndex: srv.URL + "/index.json"}
	state := t.TempDir()
	o := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), TrustDir: state, Refresh: true,
		Now: func() time.Time { return t0.Add(2 * time.Hour) }}

	// 1. Rotation: serial 1, signed by the old key, adds the new one; the repository is
	// already signed by the new key, which the system learns from the index.
	writeIndex(1, []release.Key{active(oldK), active(newK)}, oldK)
	writeSignedRepo(t, repoDir, 1764000000, newK)
	if _, _, err := Load(testCtx(t), r, o); err != nil {
		t.Fatalf("repository signed by the rotated-in key: %v", err)
	}
	// 2. Serial 2, signed by the new key, revokes the old one; a mirror still serves a
	// (newer) repomd.xml signed by the old key: refused, nothing changes.
	writeIndex(2, []release.Key{{Fingerprint: oldK.fpr, Status: release.KeyRevoked, Added: t0, Revoked: t0, Reason: "key compromise"}, active(newK)}, newK)
	writeSignedRepo(t, repoDir, 1764000100, oldK)
	before := snapshot(t, o.CacheDir)
	_, _, err := Load(testCtx(t), r, o)
	var te *release.TrustError
	if !errors.As(err, &te) || te.Kind != release.Revoked || !strings.Contains(err.Error(), oldK.fpr) || !strings.Contains(err.Error(), "key compromise") {
		t.Fatalf("repomd.xml signed by a revoked key: got %v", err)
	}
	if snapshot(t, o.CacheDir) != before {
		t.Error("a refused refresh changed the cache")
	}
	// 3. An index rolled back to serial 1 is refused (signed by the old key it is refused
	// as revoked; signed by the new key, as a rollback).
	writeIndex(1, []release.Key{active(oldK), active(newK)}, oldK)
	if _, _, err := Load(testCtx(t), r, o); !errors.As(err, &te) || te.Kind != release.Revoked {
		t.Fatalf("old index by the revoked key: got %v", err)
	}
	writeIndex(1, []release.Key{active(oldK), active(newK)}, newK)
	if _, _, err := Load(testCtx(t), r, o); !errors.As(err, &te) || te.Kind != release.Rollback {
		t.Fatalf("rolled-back index: got %v", err)
	}
	// 4. An unsigned index is refused.
	os.Remove(filepath.Join(srvDir, "index.json.asc"))
	if _, _, err := Load(testCtx(t), r, o); !errors.As(err, &te) || te.Kind != release.Signature || !strings.Contains(err.Error(), "no signature") {
		t.Fatalf("unsigned index: got %v", err)
	}
	// 5. An expired index is refused.
	writeIndex(3, []release.Key{{Fingerprint: oldK.fpr, Status: release.KeyRevoked, Added: t0, Revoked: t0}, active(newK)}, newK)
	o.Now = func() time.Time { return t0.Add(31 * day) }
	if _, _, err := Load(testCtx(t), r, o); !errors.As(err, &te) || te.Kind != release.Freeze || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired index: got %v", err)
	}
}
