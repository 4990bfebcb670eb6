package imds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultEndpoint is where EC2 serves instance metadata.
const DefaultEndpoint = "http://169.254.169.254"

// ErrNotFound is returned (wrapped in *StatusError) when an item is absent (HTTP 404).
var ErrNotFound = errors.New("not found")

// StatusError is an unexpected HTTP status from the metadata service.
type StatusError struct {
	Path string
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("imds: GET %s: HTTP %d", e.Path, e.Code)
}

// Is makes errors.Is(err, ErrNotFound) true for 404s.
func (e *StatusError) Is(target error) bool {
	return target == ErrNotFound && e.Code == http.StatusNotFound
}

// Client speaks IMDSv2: it fetches a session token, sends it with every request, renews it
// before it expires and once more when the service answers 401, and retries transport
// errors and 5xx with exponential backoff (the network may still be coming up).
type Client struct {
	Endpoint string        // default DefaultEndpoint
	HTTP     *http.Client  // default a client with a 2 s per-request timeout
	TTL      time.Duration // token lifetime asked for; default 6 h
	// Attempts bounds tries per request (default 6); Backoff is the first wait (default 100 ms),
	// doubled after every failure up to 2 s.
	Attempts int
	Backoff  time.Duration
	Now      func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	hc      *http.Client
}

// CloseIdleConnections drops kept-alive connections (first boot is done with the service).
func (c *Client) CloseIdleConnections() {
	c.httpc().CloseIdleConnections()
}

func (c *Client) endpoint() string {
	if c.Endpoint == "" {
		return DefaultEndpoint
	}
	return strings.TrimRight(c.Endpoint, "/")
}

func (c *Client) httpc() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hc == nil {
		// One connection, kept alive: concurrent requests wait for it (Fetch asks one
		// after the other anyway). Under `nimbus run` every new connection is a process
		// QEMU starts on the host (guestfwd's cmd:), which cost a first boot more than
		// the round trips on one connection (docs/init.md, IMDS).
		c.hc = &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{
			Proxy:           nil, // never through a proxy: IMDS refuses forwarded requests
			MaxIdleConns:    1,
			MaxConnsPerHost: 1,
			IdleConnTimeout: 30 * time.Second,
		}}
	}
	return c.hc
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) ttl() time.Duration {
	if c.TTL <= 0 {
		return 6 * time.Hour
	}
	return c.TTL
}

// Token returns a valid session token, fetching a new one when none is held or the held
// one has less than a tenth of its lifetime (at most a minute) left.
func (c *Client) Token(ctx context.Context) (string, error) {
	c.mu.Lock()
	tok, exp := c.token, c.expires
	c.mu.Unlock()
	margin := min(c.ttl()/10, time.Minute)
	if tok != "" && c.now().Add(margin).Before(exp) {
		return tok, nil
	}
	var out string
	err := c.retry(ctx, func() (bool, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, c.endpoint()+"/latest/api/token", nil)
		if err != nil {
			return false, err
		}
		secs := int(c.ttl() / time.Second)
		req.Header.Set(HeaderTTL, strconv.Itoa(secs))
		start := c.now()
		resp, err := c.httpc().Do(req)
		if err != nil {
			return true, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
		if err != nil {
			return true, err
		}
		if resp.StatusCode != http.StatusOK {
			return resp.StatusCode >= 500, &StatusError{"/latest/api/token", resp.StatusCode}
		}
		out = strings.TrimSpace(string(b))
		c.mu.Lock()
		c.token, c.expires = out, start.Add(time.Duration(secs)*time.Second)
		c.mu.Unlock()
		return false, nil
	})
	if err != nil {
		return "", fmt.Errorf("imds: getting token: %w", err)
	}
	return out, nil
}

// Get fetches a path below /latest/ (e.g. "meta-data/instance-id"). Absent items give an
// error for which errors.Is(err, ErrNotFound) holds.
func (c *Client) Get(ctx context.Context, path string) ([]byte, error) {
	path = "/latest/" + strings.TrimPrefix(path, "/")
	var body []byte
	renewed := false
	err := c.retry(ctx, func() (bool, error) {
		tok, err := c.Token(ctx)
		if err != nil {
			return false, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint()+path, nil)
		if err != nil {
			return false, err
		}
		req.Header.Set(HeaderToken, tok)
		resp, err := c.httpc().Do(req)
		if err != nil {
			return true, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		if err != nil {
			return true, err
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			body = b
			return false, nil
		case resp.StatusCode == http.StatusUnauthorized && !renewed:
			renewed = true
			c.mu.Lock()
			c.token = ""
			c.mu.Unlock()
			return true, &StatusError{path, resp.StatusCode}
		default:
			return resp.StatusCode >= 500, &StatusError{path, resp.StatusCode}
		}
	})
	return body, err
}

// GetString is Get with the answer as a trimmed string.
func (c *Client) GetString(ctx context.Context, path string) (string, error) {
	b, err := c.Get(ctx, path)
	return strings.TrimSpace(string(b)), err
}

// retry runs f until it succeeds, says the error is final, the attempts run out or ctx ends.
func (c *Client) retry(ctx context.Context, f func() (again bool, err error)) error {
	attempts := c.Attempts
	if attempts <= 0 {
		attempts = 6
	}
	wait := c.Backoff
	if wait <= 0 {
		wait = 100 * time.Millisecond
	}
	var err error
	for i := 0; i < attempts; i++ {
		var again bool
		again, err = f()
		if err == nil || !again || i == attempts-1 {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-t.C:
		}
		wait = min(wait*2, 2*time.Second)
	}
	return err
}
