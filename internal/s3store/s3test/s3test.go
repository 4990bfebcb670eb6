// Package s3test runs a real S3-compatible server (versitygw, Apache-2.0, installed by
// scripts/setup.sh) on loopback for tests, with a fault-injecting, request-counting
// proxy in front of it: throttling (503 SlowDown), a store without conditional puts, and
// a publication cut off after N writes.
package s3test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Version is the versitygw release scripts/setup.sh installs.
const Version = "v1.8.0"

// Binary finds versitygw: $NIMBUS_VERSITYGW, $GOPATH/bin (where setup.sh's `go install`
// puts it), /usr/local/bin, then $PATH. Without it the test is skipped, or fails in CI.
func Binary(t testing.TB) string {
	t.Helper()
	var cands []string
	if p := os.Getenv("NIMBUS_VERSITYGW"); p != "" {
		cands = append(cands, p)
	}
	if gp, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, d := range filepath.SplitList(strings.TrimSpace(string(gp))) {
			cands = append(cands, filepath.Join(d, "bin", "versitygw"))
		}
	}
	cands = append(cands, "/usr/local/bin/versitygw")
	if p, err := exec.LookPath("versitygw"); err == nil {
		cands = append(cands, p)
	}
	for _, c := range cands {
		if fi, err := os.Stat(c); err == nil && fi.Mode()&0o111 != 0 {
			return c
		}
	}
	msg := "versitygw not found (scripts/setup.sh installs it: go install github.com/versity/versitygw/cmd/versitygw@" + Version + ")"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Access and Secret are the server's root credentials.
const Access, Secret = "nimbusaccess", "nimbussecret1234"

// Server is a running versitygw with its POSIX backend directory (each directory in it
// is a bucket) and a proxy in front of it.
type Server struct {
	Dir      string // backend: Dir/BUCKET/KEY
	Direct   string // versitygw's own URL
	URL      string // the proxy's URL: give this to clients
	Proxy    *Proxy
	cmd      *exec.Cmd
	stopOnce sync.Once
}

// Start runs versitygw on a free loopback port with a fresh backend holding the given
// buckets, and a proxy in front of it. It is stopped (by its PID) when the test ends.
func Start(t testing.TB, buckets ...string) *Server {
	t.Helper()
	bin := Binary(t)
	dir := t.TempDir()
	port := freePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	logf, _ := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	cmd := exec.Command(bin, "--access", Access, "--secret", Secret, "--port", addr, "posix", dir)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting versitygw: %v", err)
	}
	s := &Server{Dir: dir, Direct: "http://" + addr, cmd: cmd}
	t.Cleanup(func() { s.stop(); logf.Close() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(logf.Name())
			t.Fatalf("versitygw did not listen on %s within 30 s:\n%s", addr, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	u, _ := url.Parse(s.Direct)
	s.Proxy = &Proxy{rp: httputil.NewSingleHostReverseProxy(u)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: s.Proxy}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.URL = "http://" + ln.Addr().String()
	for _, b := range buckets {
		s.CreateBucket(t, b)
	}
	return s
}

func (s *Server) stop() {
	s.stopOnce.Do(func() {
		if s.cmd.Process != nil {
			s.cmd.Process.Kill()
			s.cmd.Wait()
		}
	})
}

func freePort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Env is the AWS environment of a client of s (for Getenv, or t.Setenv).
func (s *Server) Env() map[string]string {
	return map[string]string{"AWS_ACCESS_KEY_ID": Access, "AWS_SECRET_ACCESS_KEY": Secret, "AWS_REGION": "us-east-1"}
}

// Proxy forwards to versitygw, counts requests and injects faults.
type Proxy struct {
	rp *httputil.ReverseProxy
	mu sync.Mutex
	// Puts counts PUT requests by key path (without the bucket's leading slash).
	puts      []string
	gets      atomic.Int64
	throttle  atomic.Int64 // answer this many more requests with 503 SlowDown
	throttled atomic.Int64
	noCond    atomic.Bool // answer PUTs carrying If-None-Match with 501 NotImplemented
	// failAfter: after this many more successful PUTs, call onFail and refuse every
	// further request with a dropped connection (a publisher killed midway).
	failAfter atomic.Int64
	onFail    func()
	dead      atomic.Bool
}

// Throttle makes the next n requests fail with 503 SlowDown.
func (p *Proxy) Throttle(n int) { p.throttle.Store(int64(n)) }

// Throttled is how many requests were answered with SlowDown.
func (p *Proxy) Throttled() int { return int(p.throttled.Load()) }

// NoConditional makes the store refuse If-None-Match on PUT with 501 NotImplemented.
func (p *Proxy) NoConditional(on bool) { p.noCond.Store(on) }

// CutAfter lets n more PUTs through, then calls f (cancel the publisher's context) and
// drops every request until Reset.
func (p *Proxy) CutAfter(n int, f func()) {
	p.mu.Lock()
	p.onFail = f
	p.mu.Unlock()
	p.failAfter.Store(int64(n))
}

// Reset clears the faults and the counts.
func (p *Proxy) Reset() {
	p.mu.Lock()
	p.puts, p.onFail = nil, nil
	p.mu.Unlock()
	p.failAfter.Store(0)
	p.dead.Store(false)
	p.throttle.Store(0)
	p.noCond.Store(false)
}

// Puts returns the keys (bucket/key) of the PUT requests that reached the store.
func (p *Proxy) Puts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.puts...)
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.dead.Load() {
		hj, ok := w.(http.Hijacker)
		if ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		http.Error(w, "cut", http.StatusServiceUnavailable)
		return
	}
	if p.throttle.Load() > 0 && p.throttle.Add(-1) >= 0 {
		p.throttled.Add(1)
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)
		return
	}
	if r.Method == http.MethodPut && r.Header.Get("If-None-Match") != "" && p.noCond.Load() {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusNotImplemented)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented.</Message></Error>`)
		return
	}
	if r.Method == http.MethodGet {
		p.gets.Add(1)
	}
	rec := &statusWriter{ResponseWriter: w}
	p.rp.ServeHTTP(rec, r)
	if r.Method == http.MethodPut && rec.status < 300 {
		p.mu.Lock()
		p.puts = append(p.puts, strings.TrimPrefix(r.URL.Path, "/"))
		f := p.onFail
		p.mu.Unlock()
		if p.failAfter.Load() > 0 && p.failAfter.Add(-1) == 0 {
			p.dead.Store(true)
			if f != nil {
				f()
			}
		}
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(c int) {
	if s.status == 0 {
		s.status = c
	}
	s.ResponseWriter.WriteHeader(c)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = 200
	}
	return s.ResponseWriter.Write(b)
}
