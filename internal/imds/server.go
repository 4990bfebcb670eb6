package imds

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The header names and limits of IMDSv2, as EC2 documents them.
const (
	HeaderTTL   = "X-aws-ec2-metadata-token-ttl-seconds"
	HeaderToken = "X-aws-ec2-metadata-token"
	MinTTL      = 1
	MaxTTL      = 21600
)

// Versions are the dated API versions EC2 lists at "/" (the list AWS documents, plus
// 2021-07-15, which EC2 also answers), oldest first; each serves the same tree as
// "latest" here (ours has no item a client of an older version would miss).
var Versions = []string{"1.0", "2007-01-19", "2007-03-01", "2007-08-29", "2007-10-10", "2007-12-15",
	"2008-02-01", "2008-09-01", "2009-04-04", "2011-01-01", "2011-05-01", "2012-01-12", "2014-02-25",
	"2014-11-05", "2015-10-20", "2016-04-19", "2016-06-30", "2016-09-02", "2018-03-28", "2018-08-17",
	"2018-09-24", "2019-10-01", "2020-10-27", "2021-01-03", "2021-03-23", "2021-07-15"}

// otherPaths is the one counter every request for a path that does not exist shares:
// the counters stay as many as the tree has entries, whatever a guest asks for.
const otherPaths = "(other)"

// Server is an http.Handler that answers like the EC2 instance metadata service:
//
//   - PUT /latest/api/token with a TTL header of 1-21600 returns a token (400 when the
//     header is missing or out of range, 403 when X-Forwarded-For is present, as EC2 does
//     to stop tokens leaking through proxies);
//   - GET below /latest/ or a dated version (/2021-03-23/meta-data/...) needs a valid,
//     unexpired token in X-aws-ec2-metadata-token (401 otherwise) unless HTTPTokens is
//     "optional" and no token is sent (IMDSv1); GET / lists the versions;
//   - absent items are 404; other methods are 405.
//
// Tokens are not stored: a token carries its expiry and an HMAC of it under a key drawn
// when the server starts, so any number of tokens costs no memory and each stays valid
// for exactly its TTL, however many were issued after it.
type Server struct {
	in   *Instance
	tree tree
	now  func() time.Time

	key [32]byte
	mu  sync.Mutex // guards key (rotated by tests: a restarted server) and requests
	// requests counts answered requests by path, for tests; paths that do not exist share
	// one counter (otherPaths), so the map is bounded by the tree.
	requests map[string]int
}

// NewServer serves in. now is the clock (nil means time.Now).
func NewServer(in *Instance, now func() time.Time) *Server {
	if now == nil {
		now = time.Now
	}
	s := &Server{in: in, tree: buildTree(in), now: now, requests: map[string]int{}}
	if _, err := rand.Read(s.key[:]); err != nil {
		panic("imds: no randomness for the token key: " + err.Error()) // crypto/rand does not fail on Linux
	}
	return s
}

// Timeouts of the HTTP server HTTPServer returns: a guest cannot hold connections open
// (slowloris) or idle forever. EC2's IMDS answers within milliseconds; these are generous.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 10 * time.Second
	IdleTimeout       = 30 * time.Second
	MaxHeaderBytes    = 16 << 10
)

// HTTPServer returns an http.Server for h with the timeouts above.
func HTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout,
		WriteTimeout: WriteTimeout, IdleTimeout: IdleTimeout, MaxHeaderBytes: MaxHeaderBytes}
}

// Requests returns how many requests reached path (e.g. "/latest/api/token").
func (s *Server) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func (s *Server) count(path string) {
	s.mu.Lock()
	s.requests[path]++
	s.mu.Unlock()
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Server", "EC2ws")
	if r.URL.Path == "/latest/api/token" {
		s.count(r.URL.Path)
		s.serveToken(w, r)
		return
	}
	p, known := s.resolve(r.URL.Path)
	if known {
		s.count(r.URL.Path)
	} else {
		s.count(otherPaths)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		plain(w, http.StatusMethodNotAllowed)
		return
	}
	if tok := r.Header.Get(HeaderToken); tok != "" || s.in.HTTPTokens != "optional" {
		if !s.valid(tok) {
			plain(w, http.StatusUnauthorized)
			return
		}
	}
	if !known {
		plain(w, http.StatusNotFound)
		return
	}
	var body string
	if r.URL.Path == "/" {
		body = strings.Join(Versions, "\n") + "\nlatest"
	} else {
		body, _ = s.tree.lookup(p, s.in)
	}
	if strings.HasPrefix(p, "dynamic/instance-identity/document") {
		w.Header().Set("Content-Type", "application/json")
	} else {
		w.Header().Set("Content-Type", "text/plain")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write([]byte(body))
}

// resolve maps a URL path to a path of the tree: "/latest/x" and "/2021-03-23/x" are
// "x", "/latest" and "/latest/" the version's top listing. known is false for anything
// the server does not have.
func (s *Server) resolve(urlPath string) (p string, known bool) {
	if urlPath == "/" {
		return "", true
	}
	version, rest, slash := strings.Cut(strings.TrimPrefix(urlPath, "/"), "/")
	if version != "latest" && !slices.Contains(Versions, version) {
		return "", false
	}
	if !slash {
		rest = ""
	}
	if _, ok := s.tree.lookup(rest, s.in); !ok {
		return "", false
	}
	return rest, true
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		plain(w, http.StatusMethodNotAllowed)
		return
	}
	if r.Header.Get("X-Forwarded-For") != "" {
		plain(w, http.StatusForbidden)
		return
	}
	ttl, err := strconv.Atoi(strings.TrimSpace(r.Header.Get(HeaderTTL)))
	if err != nil || ttl < MinTTL || ttl > MaxTTL {
		plain(w, http.StatusBadRequest)
		return
	}
	var raw [tokenLen]byte
	binary.BigEndian.PutUint64(raw[:8], uint64(s.now().Add(time.Duration(ttl)*time.Second).UnixNano()))
	if _, err := rand.Read(raw[8:24]); err != nil {
		plain(w, http.StatusInternalServerError)
		return
	}
	copy(raw[24:], s.mac(raw[:24]))
	tok := base64.RawURLEncoding.EncodeToString(raw[:])
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set(HeaderTTL, strconv.Itoa(ttl))
	_, _ = w.Write([]byte(tok))
}

// A token is expiry (8 bytes, Unix ns) | nonce (16) | HMAC-SHA256(key, expiry|nonce)[:16].
const tokenLen = 8 + 16 + 16

func (s *Server) mac(b []byte) []byte {
	s.mu.Lock()
	key := s.key
	s.mu.Unlock()
	m := hmac.New(sha256.New, key[:])
	m.Write(b)
	return m.Sum(nil)[:16]
}

func (s *Server) valid(tok string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) != tokenLen || !hmac.Equal(raw[24:], s.mac(raw[:24])) {
		return false
	}
	exp := time.Unix(0, int64(binary.BigEndian.Uint64(raw[:8])))
	return s.now().Before(exp)
}

func plain(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(http.StatusText(code) + "\n"))
}
