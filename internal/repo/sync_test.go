package repo

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// writeRepo writes rpm-md metadata for n synthetic packages into dir (no package files:
// the metadata is what is synced). It returns repomd.xml's bytes.
func writeRepo(t *testing.T, dir string, n int, version string) []byte {
	t.Helper()
	prim := repomd.PrimaryHeader(n)
	for i := range n {
		p := &repomd.Package{Name: fmt.Sprintf("pkg%03d", i), Arch: "noarch", Epoch: "0", Version: version, Release: "1",
			PkgID: fmt.Sprintf("%064x", i), ChecksumType: "sha256", Location: fmt.Sprintf("Packages/pkg%03d.rpm", i),
			License: "MIT", URL: fmt.Sprintf("https://example.org/pkg%03d", i), Description: fmt.Sprintf("Package %d,\nversion %s.", i, version),
			Deps: [dep.Enhances + 1][]repomd.Dep{dep.Provides: {{Name: fmt.Sprintf("pkg%03d", i), Flags: "EQ", Epoch: "0", Version: version, Release: "1"}},
				dep.Requires: {{Name: "pkg000"}}}}
		prim = repomd.AppendPrimary(prim, p)
	}
	prim = append(prim, repomd.PrimaryFooter...)
	rec, data, err := repomd.Record("primary", prim, compress.Gzip, 1764000000)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "repodata"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, rec.Location), data, 0o644); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	(&repomd.Repomd{Revision: "1", Data: []repomd.Data{rec}}).Write(&b)
	if err := os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// countingServer serves dir on 127.0.0.1 and counts requests per path.
func countingServer(t *testing.T, dir string) (*httptest.Server, *hitCounter) {
	c := &hitCounter{hits: map[string]*atomic.Int32{}}
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.add(r.URL.Path)
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, c
}

type hitCounter struct {
	mu   sync.Mutex
	hits map[string]*atomic.Int32
}

func (s *hitCounter) add(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hits[p] == nil {
		s.hits[p] = &atomic.Int32{}
	}
	s.hits[p].Add(1)
}

func (s *hitCounter) total(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.hits {
		if strings.HasPrefix(p, prefix) {
			n += int(c.Load())
		}
	}
	return n
}

func TestSyncLoadAndKeepOldCache(t *testing.T) {
	srvDir := t.TempDir()
	writeRepo(t, srvDir, 50, "1.0")
	srv, hits := countingServer(t, srvDir)
	r := &Repo{ID: "test", BaseURLs: []string{srv.URL + "/"}, MetadataExpire: time.Hour}
	opts := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()}
	x, md, err := Load(testCtx(t), r, opts)
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 50 || x.Name(7) != "pkg007" || x.Key() != md.Key {
		t.Fatalf("index: %d packages, key %q vs %q", x.Len(), x.Key(), md.Key)
	}

	t.Run("warm load downloads nothing", func(t *testing.T) {
		before := hits.total("/")
		if _, _, err := Load(testCtx(t), r, opts); err != nil {
			t.Fatal(err)
		}
		if hits.total("/") != before {
			t.Errorf("a warm load made %d requests", hits.total("/")-before)
		}
	})

	t.Run("corrupt index is rebuilt", func(t *testing.T) {
		idx := filepath.Join(md.Dir, "index.nidx")
		data, _ := os.ReadFile(idx)
		data[len(data)/2] ^= 0xff
		os.WriteFile(idx, data, 0o644)
		var logged []string
		o := opts
		o.Log = func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }
		x, _, err := Load(testCtx(t), r, o)
		if err != nil || x.Len() != 50 {
			t.Fatalf("%v", err)
		}
		if len(logged) != 1 || !strings.Contains(logged[0], "corrupt metadata cache") {
			t.Errorf("log: %q", logged)
		}
		if _, err := cache.Load(idx); err != nil {
			t.Errorf("rebuilt index does not load: %v", err)
		}
	})

	// The index is renamed into place unsynced (fsutil.WriteFileRenamed): after a power
	// failure its name can hold whatever reached the disk. Each such state is rebuilt by the
	// next load, and by a makecache (Prepare) followed by a load.
	t.Run("index torn by a power failure is rebuilt", func(t *testing.T) {
		idx := filepath.Join(md.Dir, "index.nidx")
		good, err := os.ReadFile(idx)
		if err != nil {
			t.Fatal(err)
		}
		stale := make([]byte, len(good))
		for i := range stale {
			stale[i] = byte(i*7 + 3)
		}
		headOnly := append(append([]byte{}, good[:4096]...), make([]byte, len(good)-4096)...)
		for _, tc := range []struct {
			name string
			data []byte
		}{
			{"empty", nil},
			{"zeros", make([]byte, len(good))},
			{"stale blocks", stale},
			{"first block only", headOnly},
			{"cut in half", good[:len(good)/2]},
		} {
			for _, prepare := range []bool{false, true} {
				if err := os.WriteFile(idx, tc.data, 0o644); err != nil {
					t.Fatal(err)
				}
				if prepare {
					if _, err := Prepare(testCtx(t), r, opts); err != nil {
						t.Fatalf("%s: makecache: %v", tc.name, err)
					}
				}
				x, _, err := Load(testCtx(t), r, opts)
				if err != nil || x.Len() != 50 || x.Name(7) != "pkg007" {
					t.Fatalf("%s (prepare %v): %v", tc.name, prepare, err)
				}
				if got, _ := os.ReadFile(idx); !bytes.Equal(got, good) {
					t.Errorf("%s (prepare %v): the rebuilt index differs from the first one", tc.name, prepare)
				}
			}
		}
	})

	t.Run("bad checksum keeps the old cache", func(t *testing.T) {
		// The server's primary changes under the same name: its checksum no longer matches.
		rm, _ := os.ReadFile(filepath.Join(srvDir, "repodata", "repomd.xml"))
		prim := filepath.Join(srvDir, rm2loc(t, rm))
		data, _ := os.ReadFile(prim)
		data[len(data)/2] ^= 0xff // same size, wrong bytes
		os.WriteFile(prim, data, 0o644)
		o := opts
		o.Refresh = true
		os.WriteFile(filepath.Join(srvDir, "repodata", "repomd.xml"), bytes.Replace(rm, []byte("<revision>1<"), []byte("<revision>2<"), 1), 0o644)
		x, got, err := Load(testCtx(t), r, o)
		var re *RefreshError
		if !errors.As(err, &re) {
			t.Fatalf("got %v, want a RefreshError", err)
		}
		if !strings.Contains(err.Error(), "repository test") || !strings.Contains(err.Error(), "primary.xml.gz") || !strings.Contains(err.Error(), "checksum mismatch") {
			t.Errorf("error does not name the repository, file and cause: %v", err)
		}
		if x == nil || x.Len() != 50 || got.Key != md.Key {
			t.Fatalf("the old cache is not in use")
		}
		entries, _ := os.ReadDir(filepath.Join(opts.CacheDir, "test"))
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".tmp-") {
				t.Errorf("left %s behind", e.Name())
			}
		}
	})

	t.Run("repomd pointing outside", func(t *testing.T) {
		rm, _ := os.ReadFile(filepath.Join(srvDir, "repodata", "repomd.xml"))
		bad := strings.Replace(string(rm), `href="repodata/`, `href="../../etc/`, 1)
		os.WriteFile(filepath.Join(srvDir, "repodata", "repomd.xml"), []byte(bad), 0o644)
		_, err := Sync(testCtx(t), r, opts)
		if err == nil || !strings.Contains(err.Error(), "points outside the repository") {
			t.Fatalf("got %v", err)
		}
	})
}

func rm2loc(t *testing.T, rm []byte) string {
	m, err := repomd.ParseRepomd(bytes.NewReader(rm))
	if err != nil {
		t.Fatal(err)
	}
	return m.Find("primary").Location
}

func TestRepoGPGCheck(t *testing.T) {
	created := time.Unix(1764000000, 0)
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Repo Key", Algorithm: "ed25519", Created: created})
	if err != nil {
		t.Fatal(err)
	}
	_, otherPub, err := sign.GenerateKey(sign.KeyOptions{Name: "Other Key", Algorithm: "ed25519", Created: created})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rm := writeRepo(t, dir, 3, "1.0")
	asc, err := signer.ArmoredDetachSign(rm, created)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml.asc"), asc, 0o644)
	r, _ := FromPath("signed," + dir)
	r.RepoGPGCheck = true
	cases := []struct {
		name string
		key  []byte
		want string
	}{
		{"right key", pub, ""},
		{"wrong key", otherPub, "repository signed: repomd.xml GPG signature verification error: repodata/repomd.xml: signature check failed"},
		{"no key", nil, "no gpgkey"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()}
			if c.key != nil {
				kr, err := sign.LoadKeyring(c.key)
				if err != nil {
					t.Fatal(err)
				}
				o.Keyring = kr
			}
			_, err := Sync(testCtx(t), r, o)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
	t.Run("keyring from gpgkey=file://", func(t *testing.T) {
		keyFile := filepath.Join(t.TempDir(), "RPM-GPG-KEY-nimbus")
		os.WriteFile(keyFile, pub, 0o644)
		rr := *r
		rr.GPGKeys = []string{"file://" + keyFile}
		kr, err := LoadKeyring(testCtx(t), &rr, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Sync(testCtx(t), &rr, Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), Keyring: kr}); err != nil {
			t.Fatal(err)
		}
		rr.GPGKeys = []string{filepath.Join(t.TempDir(), "missing")}
		if _, err := LoadKeyring(testCtx(t), &rr, nil); err == nil || !strings.Contains(err.Error(), "repository signed: gpgkey") {
			t.Errorf("missing key file: %v", err)
		}
	})
	t.Run("tampered repomd", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), append(rm, ' '), 0o644)
		kr, _ := sign.LoadKeyring(pub)
		_, err := Sync(testCtx(t), r, Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), Keyring: kr})
		if err == nil || !errors.Is(err, sign.ErrBadSignature) {
			t.Fatalf("got %v, want ErrBadSignature", err)
		}
	})
}

// TestMirrorlistFailover: the mirrors come from a mirrorlist; the first is dead, the
// second serves the repository.
func TestMirrorlistFailover(t *testing.T) {
	dir := t.TempDir()
	writeRepo(t, dir, 5, "1.0")
	good, _ := countingServer(t, dir)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	list := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "# mirrors\n%s/\n%s/\n", deadURL, good.URL)
	}))
	defer list.Close()
	r := &Repo{ID: "ml", Mirrorlist: list.URL + "/mirrorlist?repo=x", MetadataExpire: time.Hour}
	x, _, err := Load(testCtx(t), r, Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 5 {
		t.Fatalf("%d packages", x.Len())
	}
}

// TestMetalinkFetchedOnce: a repository with a metalink fetches it once per sync (it both
// names the mirrors and checks repomd.xml) and loads from its mirror.
func TestMetalinkFetchedOnce(t *testing.T) {
	dir := t.TempDir()
	writeRepo(t, dir, 3, "1.0")
	good, hits := countingServer(t, dir)
	repomd, err := os.ReadFile(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ml := release.NewMetalink(repomd, 1, []string{good.URL}).Marshal()
	var served atomic.Int32
	link := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Write(ml)
	}))
	defer link.Close()
	r := &Repo{ID: "ml", Metalink: link.URL + "/metalink?repo=x", MetadataExpire: time.Hour}
	x, _, err := Load(testCtx(t), r, Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()})
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 3 || served.Load() != 1 || hits.total("/repodata/repomd.xml") != 1 {
		t.Errorf("%d packages; metalink fetched %d times (want 1), repomd.xml %d times", x.Len(), served.Load(), hits.total("/repodata/repomd.xml"))
	}
}
