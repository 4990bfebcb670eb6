package apt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// haveLists skips when this machine has no apt lists or keyring to check against.
func haveLists(t *testing.T) {
	t.Helper()
	if m, _ := filepath.Glob(filepath.Join(DefaultListsDir, "*_InRelease")); len(m) == 0 {
		t.Skip("no apt lists here: run apt-get update")
	}
	if _, err := os.Stat(DefaultKeyring); err != nil {
		t.Skip("no debian-archive-keyring")
	}
}

func TestLoadIndex(t *testing.T) {
	haveLists(t)
	idx, err := LoadIndex(Options{Arches: []string{"amd64"}, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range idx.Releases {
		t.Logf("%s: suite %s signed by %q, %d files", r.Name, r.Suite, r.Signer, len(r.SHA256))
	}
	if len(idx.Candidates("bash", "amd64")) == 0 {
		t.Fatal("bash not in the index")
	}
	if _, err := idx.Lookup("bash", "0.0-nonexistent", "amd64"); err == nil || !strings.Contains(err.Error(), "they have") {
		t.Errorf("lookup of a missing version: %v", err)
	}
}

// copyLists copies the InRelease files and amd64 Packages lists to a temporary dir.
func copyLists(t *testing.T) string {
	dir := t.TempDir()
	m, _ := filepath.Glob(filepath.Join(DefaultListsDir, "*"))
	for _, p := range m {
		b := filepath.Base(p)
		if !strings.HasSuffix(b, "_InRelease") && !strings.Contains(b, "binary-amd64_Packages") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, b), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTamperedRelease(t *testing.T) {
	haveLists(t)
	dir := copyLists(t)
	p := filepath.Join(dir, "deb.debian.org_debian_dists_bookworm_InRelease")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skip("no bookworm InRelease")
	}
	cases := map[string]func([]byte) []byte{
		"changed hash line": func(b []byte) []byte {
			i := bytes.Index(b, []byte("main/binary-amd64/Packages\n"))
			c := bytes.Clone(b)
			c[i-30] ^= 1
			return c
		},
		"text before the signed message": func(b []byte) []byte {
			return append([]byte("SHA256:\n 00 1 main/binary-amd64/Packages\n\n"), b...)
		},
		"unsigned": func(b []byte) []byte {
			i := bytes.Index(b, []byte("-----BEGIN PGP SIGNATURE"))
			return b[bytes.Index(b, []byte("\n\n"))+2 : i]
		},
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(p, mutate(data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadIndex(Options{ListsDir: dir, Arches: []string{"amd64"}, Now: time.Now()})
			if !errors.Is(err, ErrVerify) {
				t.Fatalf("tampered InRelease accepted or wrong error: %v", err)
			}
			t.Log(err)
		})
	}
}

func TestTamperedPackages(t *testing.T) {
	haveLists(t)
	dir := copyLists(t)
	m, _ := filepath.Glob(filepath.Join(dir, "*bookworm-updates_main_binary-amd64_Packages*"))
	if len(m) != 1 {
		t.Skip("no bookworm-updates amd64 list")
	}
	data, err := openIndex(m[0])
	if err != nil {
		t.Fatal(err)
	}
	// Replace the list by an uncompressed one with one byte changed: the format
	// changes too, which LoadIndex must handle, and the hash must not match.
	os.Remove(m[0])
	plain := strings.TrimSuffix(m[0], filepath.Ext(m[0]))
	data[len(data)/2] ^= 1
	if err := os.WriteFile(plain, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadIndex(Options{ListsDir: dir, Arches: []string{"amd64"}, Now: time.Now()})
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("tampered Packages accepted or wrong error: %v", err)
	}
	t.Log(err)
	data[len(data)/2] ^= 1
	if err := os.WriteFile(plain, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err = LoadIndex(Options{ListsDir: dir, Arches: []string{"amd64"}, Now: time.Now()}); err != nil {
		t.Fatalf("the untampered uncompressed list: %v", err)
	}
}

func TestExpiredRelease(t *testing.T) {
	haveLists(t)
	_, err := LoadIndex(Options{Arches: []string{"amd64"}, Now: time.Now().AddDate(1, 0, 0)})
	if !errors.Is(err, ErrVerify) && !errors.Is(err, sign.ErrExpired) {
		t.Fatalf("a year from now the security Release should have expired: %v", err)
	}
}

func TestTamperedDeb(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.deb")
	os.WriteFile(p, []byte("!<arch>\nfake"), 0o644)
	e := &Entry{Name: "x", Version: "1", Filename: "pool/x.deb", Size: 12}
	if _, err := ReadVerified(p, e); !errors.Is(err, ErrVerify) {
		t.Fatalf("mismatching deb accepted: %v", err)
	}
}

// TestFetchRefusesTamperedDownload: a download whose bytes do not match the signed
// index (a compromised mirror, a corrupted proxy) is refused and not cached.
func TestFetchRefusesTamperedDownload(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "apt-get")
	// A stand-in for apt-get that "downloads" a tampered file.
	script := "#!/bin/sh\nfor a; do case \"$a\" in hello*) echo tampered > hello_1.0-1_amd64.deb;; esac; done\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	e := &Entry{Name: "hello", Version: "1.0-1", Arch: "amd64", Filename: "pool/main/h/hello/hello_1.0-1_amd64.deb", Size: 9, Origin: "test"}
	f := &Fetcher{CacheDir: filepath.Join(dir, "cache"), AptGet: fake}
	err := f.Fetch(context.Background(), []*Entry{e})
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("tampered download accepted or wrong error: %v", err)
	}
	if _, err := os.Stat(f.CachePath(e)); err == nil {
		t.Error("the tampered file was cached")
	}
	t.Log(err)
}

// FuzzIndexParse: a Packages index is only parsed after its hash matched the signed
// Release, but the parser must still never panic.
func FuzzIndexParse(f *testing.F) {
	f.Add([]byte("Package: a\nVersion: 1\nArchitecture: amd64\nFilename: pool/a.deb\nSize: 3\nSHA256: " + strings.Repeat("ab", 32) + "\n\n"))
	f.Add([]byte("Package: a\nSHA256: zz\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		idx := &Index{byName: map[string][]*Entry{}}
		_ = idx.parse("fuzz", data)
		_, _ = idx.Lookup("a", "1", "amd64")
	})
}

// FuzzVerifyRelease: InRelease files come from mirrors; the cleartext-signature
// reader and the Release parser must never panic, and nothing unsigned may pass.
func FuzzVerifyRelease(f *testing.F) {
	kb, err := os.ReadFile(DefaultKeyring)
	if err != nil {
		f.Skip("no debian-archive-keyring")
	}
	keys, err := sign.LoadKeyring(kb)
	if err != nil {
		f.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(DefaultListsDir, "deb.debian.org_debian_dists_bookworm-updates_InRelease")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSuite: x\n-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n"))
	f.Add([]byte("Suite: x\nSHA256:\n 00 1 main/binary-amd64/Packages\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := VerifyRelease("fuzz", data, keys, time.Now())
		if err == nil && len(r.SHA256) == 0 {
			t.Fatal("a Release without file hashes was accepted")
		}
	})
}

// TestFetchMirror fetches from a mirror URL (a loopback server here): the right file is
// cached, a tampered one is refused.
func TestFetchMirror(t *testing.T) {
	good := []byte("!<arch>\ngood deb")
	files := map[string][]byte{"/pool/main/h/hello/hello_1.0-1_amd64.deb": good, "/pool/main/b/bad/bad_1_amd64.deb": []byte("evil")}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	defer srv.Close()
	dir := t.TempDir()
	f := &Fetcher{CacheDir: dir, Mirror: srv.URL, Client: srv.Client()}
	e := &Entry{Name: "hello", Version: "1.0-1", Arch: "amd64", Filename: "pool/main/h/hello/hello_1.0-1_amd64.deb", SHA256: sha256.Sum256(good), Size: int64(len(good))}
	if err := f.Fetch(context.Background(), []*Entry{e}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(f.CachePath(e)); !bytes.Equal(b, good) {
		t.Error("cached file differs")
	}
	bad := &Entry{Name: "bad", Version: "1", Arch: "amd64", Filename: "pool/main/b/bad/bad_1_amd64.deb", SHA256: sha256.Sum256([]byte("good")), Size: 4}
	if err := f.Fetch(context.Background(), []*Entry{bad}); !errors.Is(err, ErrVerify) {
		t.Errorf("tampered mirror file: %v", err)
	}
	missing := &Entry{Name: "gone", Version: "1", Arch: "amd64", Filename: "pool/gone.deb", Size: 1}
	if err := f.Fetch(context.Background(), []*Entry{missing}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing file: %v", err)
	}
}
