package cli

// Fault-injection suite, part (d): the package manager against a loopback mirror that
// drips, answers 503, truncates and serves bad signatures. Every case either succeeds
// through retries and failover or fails with a clear error and exit code 1; either way
// the cache and the root stay usable (the next command against a healthy mirror
// installs, nothing half-downloaded is left in the cache, the rpmdb is intact). dnf.conf
// sets timeout=1 and retries=2 so each case takes seconds.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// fault is what a faultServer does to the requests of one kind of file.
type fault struct {
	kind  string // "503", "drip", "truncate", "garbage", "404"
	times int    // how many requests get it (-1: all)
}

// faultServer serves a repository directory on 127.0.0.1, applying faults by file kind:
// "repomd" (repodata/repomd.xml), "asc" (repomd.xml.asc), "meta" (other repodata) and
// "rpm" (packages).
type faultServer struct {
	*httptest.Server
	dir    string
	mu     sync.Mutex
	faults map[string]*fault
}

func newFaultServer(t *testing.T, dir string) *faultServer {
	s := &faultServer{dir: dir, faults: map[string]*fault{}}
	files := http.FileServer(http.Dir(dir))
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := s.take(fileKind(r.URL.Path))
		if f == "" {
			files.ServeHTTP(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch f {
		case "503":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "404":
			http.NotFound(w, r)
		case "garbage":
			for i := range data {
				data[i] ^= 0x55
			}
			w.Write(data)
		case "truncate":
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
			w.Write(data[:len(data)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		case "drip": // one byte every 300 ms: far below minrate, never silent
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
			for i := 0; i < len(data); i++ {
				if _, err := w.Write(data[i : i+1]); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(300 * time.Millisecond):
				}
			}
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func fileKind(p string) string {
	switch {
	case strings.HasSuffix(p, "/repomd.xml"):
		return "repomd"
	case strings.HasSuffix(p, "/repomd.xml.asc"):
		return "asc"
	case strings.Contains(p, "/repodata/"):
		return "meta"
	case strings.HasSuffix(p, ".rpm"):
		return "rpm"
	}
	return "other"
}

func (s *faultServer) set(faults map[string]fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string]*fault{}
	for k, f := range faults {
		s.faults[k] = &fault{f.kind, f.times}
	}
}

func (s *faultServer) take(kind string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[kind]
	if f == nil || f.times == 0 {
		return ""
	}
	if f.times > 0 {
		f.times--
	}
	return f.kind
}

func TestPMFaultyMirror(t *testing.T) {
	created := time.Unix(1764000000, 0)
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Fault Repo", Email: "repo@example.com", Algorithm: "ed25519", Created: created})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	buildRepo(t, dir, fixturesV1[1:3]) // lib, extra
	rm, err := os.ReadFile(filepath.Join(dir, "repodata/repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	asc, err := signer.ArmoredDetachSign(rm, created)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "repodata/repomd.xml.asc"), asc, 0o644)
	keyFile := filepath.Join(t.TempDir(), "RPM-GPG-KEY-fault")
	os.WriteFile(keyFile, pub, 0o644)
	a, b := newFaultServer(t, dir), newFaultServer(t, dir)

	all := func(kind string, times int) map[string]fault {
		return map[string]fault{"repomd": {kind, times}, "asc": {kind, times}, "meta": {kind, times}, "rpm": {kind, times}}
	}
	cases := []struct {
		name     string
		mirrors  []*faultServer
		faults   map[string]fault
		extra    []string // more options
		args     []string
		wantErr  string // "" : success
		installs bool   // lib ends up installed by this command
	}{
		{name: "one 503 per file", mirrors: []*faultServer{a}, faults: all("503", 1), args: []string{"install", "lib"}, installs: true},
		{name: "dripping mirror fails over", mirrors: []*faultServer{a, b}, faults: all("drip", -1), args: []string{"install", "lib"}, installs: true},
		{name: "dripping only mirror", mirrors: []*faultServer{a}, faults: map[string]fault{"repomd": {"drip", -1}}, args: []string{"install", "lib"},
			wantErr: "below minrate 1000 bytes/s for timeout 1s"},
		{name: "truncated once", mirrors: []*faultServer{a}, faults: map[string]fault{"meta": {"truncate", 1}, "rpm": {"truncate", 1}}, args: []string{"install", "lib"}, installs: true},
		{name: "truncated package always", mirrors: []*faultServer{a}, faults: map[string]fault{"rpm": {"truncate", -1}}, args: []string{"install", "lib"},
			wantErr: "downloading lib-1.0-1.noarch.rpm failed"},
		{name: "garbage metadata once", mirrors: []*faultServer{a}, faults: map[string]fault{"meta": {"garbage", 1}}, args: []string{"install", "lib"}, installs: true},
		{name: "503 forever", mirrors: []*faultServer{a}, faults: all("503", -1), args: []string{"install", "lib"}, wantErr: "giving up after 3 failed attempts (retries=2)"},
		{name: "bad signature", mirrors: []*faultServer{a}, faults: map[string]fault{"asc": {"garbage", -1}}, args: []string{"install", "lib"},
			wantErr: "repomd.xml GPG signature verification error"},
		{name: "missing signature", mirrors: []*faultServer{a}, faults: map[string]fault{"asc": {"404", -1}}, args: []string{"install", "lib"},
			wantErr: "repomd.xml GPG signature verification error"},
		{name: "bad signature, skip_if_unavailable", mirrors: []*faultServer{a}, faults: map[string]fault{"asc": {"garbage", -1}},
			extra: []string{"skip_if_unavailable=True"}, args: []string{"makecache"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			var urls []string
			for _, m := range c.mirrors {
				urls = append(urls, m.URL)
			}
			os.MkdirAll(filepath.Join(root, "etc/dnf"), 0o755)
			os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
			os.WriteFile(filepath.Join(root, "etc/dnf/dnf.conf"), []byte("[main]\ntimeout=1\nminrate=1000\nretries=2\n"), 0o644)
			repoConf := "[r1]\nname=r1\nbaseurl=" + strings.Join(urls, "\n  ") + "\nrepo_gpgcheck=1\ngpgcheck=0\ngpgkey=file://" + keyFile + "\nmetadata_expire=0\n" +
				strings.Join(c.extra, "\n") + "\n"
			os.WriteFile(filepath.Join(root, "etc/yum.repos.d/r1.repo"), []byte(repoConf), 0o644)
			pm := func(args ...string) (string, error) {
				_, errs, err := runCLI(t, nil, append([]string{"-y", "--installroot", root, "--releasever=1"}, args...)...)
				return errs, err
			}
			a.set(c.faults)
			defer a.set(nil)
			errs, err := pm(c.args...)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("%v: %v\n%s", c.args, err, errs)
			case c.wantErr != "" && (err == nil || ExitCode(err) != 1 || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("%v: got %v (exit %d), want exit 1 with %q\n%s", c.args, err, ExitCode(err), c.wantErr, errs)
			}
			if strings.Contains(c.name, "skip_if_unavailable") && !strings.Contains(errs, "Ignoring repositories: r1") {
				t.Errorf("no dnf-like 'Ignoring repositories' warning:\n%s", errs)
			}
			if got := installedByRPM(t, root); c.installs != (got == "lib-1.0-1.noarch") {
				t.Errorf("after the faulty command: installed %q", got)
			}
			// Nothing half-downloaded stays in the cache.
			filepath.Walk(filepath.Join(root, "var/cache"), func(p string, fi os.FileInfo, err error) error {
				if err == nil && (strings.HasSuffix(p, ".part") || strings.Contains(p, ".tmp-")) {
					t.Errorf("left in the cache: %s", p)
				}
				return nil
			})
			// The mirror heals: the same root and cache work.
			a.set(nil)
			if errs, err := pm("install", "lib"); err != nil {
				t.Fatalf("install from the healed mirror: %v\n%s", err, errs)
			}
			if got := installedByRPM(t, root); got != "lib-1.0-1.noarch" {
				t.Errorf("after healing: installed %q", got)
			}
		})
	}

	// nimbus automatic reports a refused signature as a failed run.
	t.Run("automatic with a bad signature", func(t *testing.T) {
		root := t.TempDir()
		os.MkdirAll(filepath.Join(root, "etc/yum.repos.d"), 0o755)
		os.WriteFile(filepath.Join(root, "etc/yum.repos.d/r1.repo"), []byte("[r1]\nname=r1\nbaseurl="+a.URL+"\nrepo_gpgcheck=1\ngpgcheck=0\ngpgkey=file://"+keyFile+"\nmetadata_expire=0\n"), 0o644)
		a.set(map[string]fault{"asc": {"garbage", -1}})
		defer a.set(nil)
		out, errs, err := runCLI(t, nil, "--installroot", root, "--releasever=1", "automatic")
		if err == nil || ExitCode(err) == 0 {
			t.Fatalf("automatic succeeded with a bad repomd.xml.asc (%v):\n%s%s", err, out, errs)
		}
		st, _ := os.ReadFile(filepath.Join(root, "var/lib/nimbus/automatic.json"))
		if !strings.Contains(string(st), `"ok": false`) || !strings.Contains(string(st), "GPG signature verification error") {
			t.Errorf("automatic.json does not record the failure:\n%s", st)
		}
	})
}
