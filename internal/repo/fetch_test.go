package repo

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// The servers here are httptest servers: they listen on 127.0.0.1 only. Every wait is
// bounded by the test context below and the fetcher's stall timeout.

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

var payload = bytes.Repeat([]byte("nimbus-metadata-"), 40000) // 640 KB

func payloadSum() repomd.Checksum {
	s := sha256.Sum256(payload)
	return repomd.Checksum{Type: "sha256", Value: hex.EncodeToString(s[:])}
}

func fastFetcher() *Fetcher {
	return &Fetcher{Retries: 3, Backoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Timeout: 300 * time.Millisecond}
}

// serveRange serves payload honouring "Range: bytes=N-".
func serveRange(w http.ResponseWriter, r *http.Request) {
	if rg := r.Header.Get("Range"); rg != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		if err != nil || n > len(payload) {
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		w.Header().Set("Content-Range", "bytes "+strconv.Itoa(n)+"-"+strconv.Itoa(len(payload)-1)+"/"+strconv.Itoa(len(payload)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(payload[n:])
		return
	}
	w.Write(payload)
}

func TestFetchRetriesResumeFailoverStall(t *testing.T) {
	var flakyHits, resumeHits, ranged atomic.Int32
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if flakyHits.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		serveRange(w, r)
	}))
	defer flaky.Close()
	// resume: the first response promises the whole file but breaks off halfway.
	resume := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if resumeHits.Add(1) == 1 {
			w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
			w.Write(payload[:len(payload)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler) // drop the connection
		}
		if r.Header.Get("Range") != "" {
			ranged.Add(1)
		}
		serveRange(w, r)
	}))
	defer resume.Close()
	missing := httptest.NewServer(http.NotFoundHandler())
	defer missing.Close()
	// stall: headers and a few bytes, then nothing until the client gives up.
	stall := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
		w.Write(payload[:100])
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer stall.Close()
	good := httptest.NewServer(http.HandlerFunc(serveRange))
	defer good.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.ToUpper(payload))
	}))
	defer garbage.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // connection refused

	cases := []struct {
		name    string
		mirrors []string
		check   func(t *testing.T)
	}{
		{"retries", []string{flaky.URL}, func(t *testing.T) {
			if flakyHits.Load() != 3 {
				t.Errorf("flaky server saw %d requests, want 3", flakyHits.Load())
			}
		}},
		{"resume", []string{resume.URL}, func(t *testing.T) {
			if ranged.Load() != 1 {
				t.Errorf("the retry did not resume with a Range request")
			}
		}},
		{"failover 404 and refused", []string{missing.URL, deadURL, good.URL}, nil},
		{"stalled mirror", []string{stall.URL, good.URL}, nil},
		{"garbage then good", []string{garbage.URL, good.URL}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "primary.xml.gz")
			f := fastFetcher()
			var logs []string
			f.Log = func(format string, args ...any) { logs = append(logs, format) }
			err := f.Fetch(testCtx(t), Request{Repo: "r", Mirrors: c.mirrors, Path: "repodata/p.xml.gz", Dest: dest, Size: int64(len(payload)), Checksum: payloadSum()})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(dest)
			if !bytes.Equal(got, payload) {
				t.Fatalf("downloaded %d bytes, not the payload", len(got))
			}
			if _, err := os.Stat(dest + ".part"); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("partial file left behind")
			}
			if c.check != nil {
				c.check(t)
			}
		})
	}

	t.Run("all mirrors bad", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "p")
		err := fastFetcher().Fetch(testCtx(t), Request{Repo: "myrepo", Mirrors: []string{garbage.URL, missing.URL}, Path: "repodata/p.xml.gz", Dest: dest, Size: int64(len(payload)), Checksum: payloadSum()})
		var fe *FetchError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), "repository myrepo: downloading repodata/p.xml.gz failed") ||
			!strings.Contains(err.Error(), "checksum mismatch") || !strings.Contains(err.Error(), "404") {
			t.Fatalf("got %v", err)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Error("a bad download was put in place")
		}
	})
}

func TestFetchAllBounded(t *testing.T) {
	var inflight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inflight.Add(1)
		defer inflight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		w.Write(payload)
	}))
	defer srv.Close()
	dir := t.TempDir()
	var reqs []Request
	for i := range 8 {
		reqs = append(reqs, Request{Repo: "r", Mirrors: []string{srv.URL}, Path: "f" + strconv.Itoa(i), Dest: filepath.Join(dir, strconv.Itoa(i)), Size: int64(len(payload)), Checksum: payloadSum()})
	}
	f := fastFetcher()
	f.Parallel = 2
	if err := f.FetchAll(testCtx(t), reqs); err != nil {
		t.Fatal(err)
	}
	if peak.Load() > 2 {
		t.Errorf("%d downloads at once, want at most 2", peak.Load())
	}
	if peak.Load() < 2 {
		t.Errorf("downloads ran one at a time, want 2 at once")
	}
	for i := range 8 {
		if got, err := os.ReadFile(filepath.Join(dir, strconv.Itoa(i))); err != nil || !bytes.Equal(got, payload) {
			t.Errorf("file %d: %d bytes, %v", i, len(got), err)
		}
	}
}

// TestFetchAllLocal: requests from local directories are copied on the calling goroutine
// beside remote ones, and a local one that fails is FetchAll's error.
func TestFetchAllLocal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(payload) }))
	defer srv.Close()
	src := t.TempDir()
	for _, n := range []string{"l1", "l2"} {
		if err := os.WriteFile(filepath.Join(src, n), payload, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	local := "file://" + src + "/"
	dir := t.TempDir()
	req := func(mirror, name string) Request {
		return Request{Repo: "r", Mirrors: []string{mirror}, Path: name, Dest: filepath.Join(dir, name), Size: int64(len(payload)), Checksum: payloadSum()}
	}
	reqs := []Request{req(local, "l1"), req(srv.URL, "h1"), req(local, "l2"), req(srv.URL, "h2")}
	if err := fastFetcher().FetchAll(testCtx(t), reqs); err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		if got, err := os.ReadFile(r.Dest); err != nil || !bytes.Equal(got, payload) {
			t.Errorf("%s: %d bytes, %v", r.Path, len(got), err)
		}
	}
	reqs = []Request{req(local, "missing"), req(srv.URL, "h3")}
	err := fastFetcher().FetchAll(testCtx(t), reqs)
	var fe *FetchError
	if !errors.As(err, &fe) || fe.Path != "missing" {
		t.Fatalf("got %v, want the missing local file's error", err)
	}
}

// TestFetchFailFastUnreachable: a repository's first file from a mirror that refuses the
// connection is tried once (as librepo tries each mirror of a metadata file once), while a
// package download keeps its retries.
func TestFetchFailFastUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/"
	l.Close() // nothing listens: connections are refused
	dir := t.TempDir()
	f := &Fetcher{Retries: 10, Backoff: time.Millisecond}
	err = f.Fetch(context.Background(), Request{Repo: "r", Mirrors: []string{dead}, Path: "repodata/repomd.xml",
		Dest: filepath.Join(dir, "repomd.xml"), Size: -1, FailFast: true})
	var fe *FetchError
	if !errors.As(err, &fe) {
		t.Fatalf("refused repomd.xml: %v, want a FetchError", err)
	}
	if len(fe.Tries) != 1 || !strings.Contains(fe.Tries[0], "refused") {
		t.Errorf("refused repomd.xml with FailFast: tries %q, want one refused attempt", fe.Tries)
	}
	f.Retries = 3
	err = f.Fetch(context.Background(), Request{Repo: "r", Mirrors: []string{dead}, Path: "p.rpm",
		Dest: filepath.Join(dir, "p.rpm"), Size: -1})
	if !errors.As(err, &fe) || len(fe.Tries) != 5 { // 4 failed attempts + "giving up"
		t.Errorf("refused package download: %v, want 4 attempts (retries=3) and the giving-up line", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "repomd.xml")); !os.IsNotExist(err) {
		t.Errorf("a failed fetch left %s behind (%v)", "repomd.xml", err)
	}
}
