package repo

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// writeZckRepo writes primary and filelists for n synthetic packages, gzip
// and zchunk, as createrepo_c --zck lays them out; packages for which changed
// is true get release 2 (a new pkgid, checksum and files). Packages are about
// the size of AppStream's (2.9 KB of primary each). It returns the repomd
// records.
func writeZckRepo(t testing.TB, dir string, n int, changed func(int) bool) *repomd.Repomd {
	t.Helper()
	prim := repomd.PrimaryHeader(n)
	fl := repomd.FilelistsHeader(n)
	for i := range n {
		rel := "1.nm1"
		if changed != nil && changed(i) {
			rel = "2.nm1"
		}
		name := fmt.Sprintf("pkg%05d", i)
		p := &repomd.Package{Name: name, Arch: "x86_64", Epoch: "0", Version: fmt.Sprintf("%d.%d", i%9, i%31), Release: rel,
			PkgID: fmt.Sprintf("%056x%s", i, strings.Repeat(rel[:1], 8)), ChecksumType: "sha256", Location: "Packages/" + name + "-" + rel + ".rpm",
			Summary: "Synthetic package " + name, Description: "Package " + name + " of a synthetic repository used to measure zchunk deltas.",
			License: "MIT", SourceRPM: name + "-" + rel + ".src.rpm", URL: "https://example.org/" + name}
		p.Deps[dep.Provides] = []repomd.Dep{{Name: name, Flags: "EQ", Epoch: "0", Version: p.Version, Release: rel},
			{Name: "lib" + name + ".so.1()(64bit)"}}
		for k := 1; k <= 6+i%12; k++ {
			p.Deps[dep.Requires] = append(p.Deps[dep.Requires], repomd.Dep{Name: fmt.Sprintf("libpkg%05d.so.1()(64bit)", (i*7+k*131)%n)})
		}
		for k := range 10 + i%24 {
			p.Files = append(p.Files, repomd.File{Path: fmt.Sprintf("/usr/share/%s/file%02d-%s", name, k, rel)})
		}
		prim = repomd.AppendPrimary(prim, p)
		fl = repomd.AppendFilelists(fl, p)
	}
	prim = append(prim, repomd.PrimaryFooter...)
	fl = append(fl, repomd.FilelistsFooter...)
	os.MkdirAll(filepath.Join(dir, "repodata"), 0o755)
	rm := &repomd.Repomd{Revision: "1"}
	for _, d := range []struct {
		typ string
		doc []byte
	}{{"primary", prim}, {"filelists", fl}} {
		for _, zck := range []bool{false, true} {
			var rec repomd.Data
			var data []byte
			var err error
			if zck {
				rec, data, err = repomd.ZckRecord(d.typ, d.doc, 1764000000)
			} else {
				rec, data, err = repomd.Record(d.typ, d.doc, compress.Gzip, 1764000000)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, rec.Location), data, 0o644); err != nil {
				t.Fatal(err)
			}
			rm.Data = append(rm.Data, rec)
		}
	}
	var b bytes.Buffer
	rm.Write(&b)
	if err := os.WriteFile(filepath.Join(dir, "repodata", "repomd.xml"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return rm
}

// byteServer serves dir on 127.0.0.1 and counts the body bytes it sends for
// files under repodata/ other than repomd.xml; multi is whether it answers
// multi-range requests (http.FileServer does; without it, one range per request).
type byteServer struct {
	sent, requests atomic.Int64
	corrupt        atomic.Bool // flip a byte in every range answer
}

type countingWriter struct {
	http.ResponseWriter
	s       *byteServer
	corrupt bool
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.s.sent.Add(int64(len(b)))
	if w.corrupt && len(b) > 100 {
		b = bytes.Clone(b)
		b[len(b)/2] ^= 1
	}
	return w.ResponseWriter.Write(b)
}

func serveCounting(t *testing.T, dir string, multi bool) (*httptest.Server, *byteServer) {
	s := &byteServer{}
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "repomd.xml") {
			fs.ServeHTTP(w, r)
			return
		}
		s.requests.Add(1)
		if !multi && strings.Contains(r.Header.Get("Range"), ",") {
			r.Header.Del("Range") // a server without multi-range support sends the whole file
		}
		fs.ServeHTTP(&countingWriter{ResponseWriter: w, s: s, corrupt: s.corrupt.Load() && r.Header.Get("Range") != "" && !strings.HasPrefix(r.Header.Get("Range"), "bytes=0-")}, r)
	}))
	t.Cleanup(srv.Close)
	return srv, s
}

// TestZckDeltaRefresh: a 17,000-package repository changed by 1% refreshes
// with at most 10% of the metadata bytes; the index has the new packages; a
// server without multi-range support and a server sending bad chunks (full
// download fallback) are handled.
func TestZckDeltaRefresh(t *testing.T) {
	const n = 17000
	changed := func(i int) bool { return i%100 == 42 }
	for _, tc := range []struct {
		name           string
		multi, corrupt bool
	}{{"multi-range", true, false}, {"one range per request", false, false}, {"bad chunks fall back", true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rm1 := writeZckRepo(t, dir, n, nil)
			var full1 int64
			for _, d := range rm1.Data {
				if strings.HasSuffix(d.Type, "_zck") {
					full1 += d.Size
				}
			}
			srv, bs := serveCounting(t, dir, tc.multi)
			r := &Repo{ID: "zck", BaseURLs: []string{srv.URL + "/"}, MetadataExpire: time.Hour}
			var logged []string
			opts := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher(), Refresh: true,
				Log: func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }}
			if _, _, err := Load(testCtx(t), r, opts); err != nil {
				t.Fatal(err)
			}
			first := bs.sent.Load()

			os.RemoveAll(filepath.Join(dir, "repodata"))
			rm := writeZckRepo(t, dir, n, changed)
			var full, fullGz int64
			for _, d := range rm.Data {
				if strings.HasSuffix(d.Type, "_zck") {
					full += d.Size
				} else {
					fullGz += d.Size
				}
			}
			if first != full1 {
				t.Errorf("first sync sent %d bytes, want the whole zchunk files (%d)", first, full1)
			}
			bs.sent.Store(0)
			bs.requests.Store(0)
			bs.corrupt.Store(tc.corrupt)
			logged = nil
			x, _, err := Load(testCtx(t), r, opts)
			if err != nil {
				t.Fatal(err)
			}
			sent := bs.sent.Load()
			t.Logf("refresh after 1%% changed: %d bytes in %d requests; full zchunk %d, full gzip %d (%.1f%% / %.1f%%)\n%s",
				sent, bs.requests.Load(), full, fullGz, 100*float64(sent)/float64(full), 100*float64(sent)/float64(fullGz), strings.Join(logged, "\n"))
			if x.Len() != n {
				t.Fatalf("index has %d packages, want %d", x.Len(), n)
			}
			for i := 42; i < n; i += 1000 {
				if got := x.EVR(i); x.Name(i) != fmt.Sprintf("pkg%05d", i) || !strings.HasSuffix(got, "-2.nm1") {
					t.Errorf("package %d: %s %s, want release 2.nm1", i, x.Name(i), got)
				}
			}
			if tc.corrupt {
				if sent < full || !strings.Contains(strings.Join(logged, "\n"), "downloading the whole file") {
					t.Errorf("bad chunks: sent %d (full %d), log %q", sent, full, logged)
				}
				return
			}
			if !tc.multi {
				// The server sends the whole file for the first multi-range
				// request until the client hangs up; what the client took
				// (header and chunks) is still small.
				sent = fetchedBytes(logged)
			}
			if sent == 0 {
				t.Fatal("no delta download logged")
			}
			if sent*10 > full {
				t.Errorf("refresh fetched %d bytes, more than 10%% of the %d of a full download", sent, full)
			}
			if tc.multi && bs.requests.Load() > 2+int64(2*n/100/maxRangesPerRequest)+4 {
				t.Errorf("%d requests: multi-range not used", bs.requests.Load())
			}
		})
	}
}

// fetchedBytes sums the "fetched N of" figures the delta downloads logged.
func fetchedBytes(logged []string) int64 {
	var n int64
	for _, l := range logged {
		var a, b int64
		var typ string
		if _, err := fmt.Sscanf(l[strings.Index(l, ": ")+2:], "%s fetched %d of %d", &typ, &a, &b); err == nil {
			n += a
		}
	}
	return n
}
