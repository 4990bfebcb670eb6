package repo

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// One 503 must not fail a sync that uses the default fetcher: dnf retries (retries=10).
func TestSyncDefaultFetcherRetries503(t *testing.T) {
	dir := t.TempDir()
	writeRepo(t, dir, 3, "1.0")
	var hits atomic.Int32
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "repomd.xml") && hits.Add(1) == 1 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fs.ServeHTTP(w, r)
	}))
	defer srv.Close()
	r := &Repo{ID: "r", BaseURLs: []string{srv.URL}, Enabled: true}
	md, err := Sync(testCtx(t), r, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatalf("one 503 failed the sync: %v", err)
	}
	if md.Repomd.Find("primary") == nil || hits.Load() != 2 {
		t.Errorf("repomd.xml requested %d times, want 2 (one 503, one retry)", hits.Load())
	}
}

// A mirror dripping one byte at a time stays below minrate and is abandoned after
// `timeout`: the next mirror serves the file. Without the low-speed check the drip would
// hold the fetch until the test's context ends.
func TestFetchMinRateFailover(t *testing.T) {
	var dripped atomic.Int32
	closed := make(chan struct{})
	drip := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer close(closed)
		w.Header().Set("Content-Length", "640000")
		for {
			if _, err := w.Write(payload[dripped.Load() : dripped.Load()+1]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			dripped.Add(1)
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}))
	defer drip.Close()
	good := httptest.NewServer(http.HandlerFunc(serveRange))
	defer good.Close()
	f := &Fetcher{Retries: 3, Backoff: 5 * time.Millisecond, Timeout: 500 * time.Millisecond, MinRate: 1000}
	var logs []string
	f.Log = func(format string, args ...any) { logs = append(logs, format) }
	dest := filepath.Join(t.TempDir(), "p")
	if err := f.Fetch(testCtx(t), Request{Repo: "r", Mirrors: []string{drip.URL, good.URL}, Path: "p", Dest: dest, Size: int64(len(payload)), Checksum: payloadSum()}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-closed:
	case <-testCtx(t).Done():
		t.Fatal("the dripping connection was never closed")
	}
	if dripped.Load() == 0 {
		t.Error("the drip server sent nothing: the test did not exercise minrate")
	}
	if got, _ := os.ReadFile(dest); len(got) != len(payload) {
		t.Errorf("got %d bytes", len(got))
	}
}

// The low-speed check also bounds the wait for the response headers, and its error
// names minrate and timeout.
func TestFetchMinRateNoHeaders(t *testing.T) {
	mute := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer mute.Close()
	f := &Fetcher{Retries: 0, Timeout: 300 * time.Millisecond, MinRate: 1000}
	err := f.Fetch(testCtx(t), Request{Repo: "r", Mirrors: []string{mute.URL}, Path: "p", Dest: filepath.Join(t.TempDir(), "p"), Size: -1})
	if err == nil || !strings.Contains(err.Error(), "below minrate 1000 bytes/s for timeout 300ms") {
		t.Fatalf("got %v", err)
	}
}

// retries is a budget over all files of a FetchAll (dnf: "accumulative").
func TestFetchRetriesBudget(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	f := &Fetcher{Retries: 4, Backoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond, Parallel: 1}
	dir := t.TempDir()
	var reqs []Request
	for _, n := range []string{"a", "b", "c"} {
		reqs = append(reqs, Request{Repo: "r", Mirrors: []string{srv.URL}, Path: n, Dest: filepath.Join(dir, n), Size: -1})
	}
	err := f.FetchAll(testCtx(t), reqs)
	var fe *FetchError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "retries=4") {
		t.Fatalf("got %v", err)
	}
	if hits.Load() != 5 {
		t.Errorf("%d requests, want 5 (1 + retries=4 over all files)", hits.Load())
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 0 {
		t.Errorf("left behind: %v", m)
	}
}

func TestMainFetchOptions(t *testing.T) {
	m, err := ParseMain(strings.NewReader("[main]\nretries=0\ntimeout=2\nminrate=2k\nmax_parallel_downloads=20\n"), "dnf.conf", NewVars("x86_64", "1"))
	if err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(m)
	if f.Retries >= 0 || f.Timeout != 2*time.Second || f.MinRate != 2048 || f.Parallel != 20 {
		t.Errorf("fetcher %+v from %+v", f, m)
	}
	if d := NewFetcher(DefaultMain()); d.Retries != 10 || d.MinRate != 1000 || d.Timeout != 30*time.Second || d.Parallel != 3 {
		t.Errorf("defaults %+v", d)
	}
	// a bad value is dnf's warning "Invalid configuration value: ..." and the default
	for _, bad := range []string{"max_parallel_downloads=21", "minrate=fast", "retries=-1"} {
		m, err := ParseMain(strings.NewReader("[main]\n"+bad+"\n"), "dnf.conf", NewVars("x86_64", "1"))
		if err != nil || len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "Invalid configuration value: "+bad) {
			t.Errorf("%s: %v, warnings %q", bad, err, m.Warnings)
		}
		if d := NewFetcher(DefaultMain()); NewFetcher(m).Retries != d.Retries || NewFetcher(m).Parallel != d.Parallel || NewFetcher(m).MinRate != d.MinRate {
			t.Errorf("%s: the default is not kept", bad)
		}
	}
}
