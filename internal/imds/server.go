package imds

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
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
	// maxTokens bounds the server's memory; the oldest tokens are forgotten first.
	maxTokens = 4096
)

// Server is an http.Handler that answers like the EC2 instance metadata service:
//
//   - PUT /latest/api/token with a TTL header of 1-21600 returns a token (400 when the
//     header is missing or out of range, 403 when X-Forwarded-For is present, as EC2 does
//     to stop tokens leaking through proxies);
//   - GET below /latest/ needs a valid, unexpired token in X-aws-ec2-metadata-token (401
//     otherwise) unless HTTPTokens is "optional" and no token is sent (IMDSv1);
//   - absent items are 404; other methods are 405.
type Server struct {
	in   *Instance
	tree tree
	now  func() time.Time

	mu     sync.Mutex
	tokens map[string]time.Time
	order  []string
	// Requests counts answered requests by path, for tests.
	requests map[string]int
}

// NewServer serves in. now is the clock (nil means time.Now).
func NewServer(in *Instance, now func() time.Time) *Server {
	if now == nil {
		now = time.Now
	}
	return &Server{in: in, tree: buildTree(in), now: now, tokens: map[string]time.Time{}, requests: map[string]int{}}
}

// Requests returns how many requests reached path (e.g. "/latest/api/token").
func (s *Server) Requests(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	s.mu.Unlock()
	w.Header().Set("Server", "EC2ws")
	if r.URL.Path == "/latest/api/token" {
		s.serveToken(w, r)
		return
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
	p, ok := strings.CutPrefix(r.URL.Path, "/latest/")
	if !ok {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte("latest"))
			return
		}
		if r.URL.Path == "/latest" {
			p = ""
		} else {
			plain(w, http.StatusNotFound)
			return
		}
	}
	body, ok := s.tree.lookup(p, s.in)
	if !ok {
		plain(w, http.StatusNotFound)
		return
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
	var raw [40]byte
	if _, err := rand.Read(raw[:]); err != nil {
		plain(w, http.StatusInternalServerError)
		return
	}
	tok := base64.RawURLEncoding.EncodeToString(raw[:])
	s.mu.Lock()
	s.tokens[tok] = s.now().Add(time.Duration(ttl) * time.Second)
	s.order = append(s.order, tok)
	for len(s.order) > maxTokens {
		delete(s.tokens, s.order[0])
		s.order = s.order[1:]
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain")
	w.Header().Set(HeaderTTL, strconv.Itoa(ttl))
	_, _ = w.Write([]byte(tok))
}

func (s *Server) valid(tok string) bool {
	if tok == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	exp, ok := s.tokens[tok]
	return ok && s.now().Before(exp)
}

func plain(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(http.StatusText(code) + "\n"))
}
