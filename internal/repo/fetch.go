package repo

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Fetcher downloads files from mirrors: each request tries its mirrors in order (failover),
// each mirror up to 1+Retries times with exponential backoff, resuming partial downloads
// with HTTP Range requests; a transfer that delivers no byte for StallTimeout is aborted
// and retried. Files are verified against their expected size and checksum before they
// are renamed into place.
type Fetcher struct {
	Client       *http.Client
	Retries      int           // extra attempts per mirror
	Backoff      time.Duration // first retry delay; doubles up to MaxBackoff
	MaxBackoff   time.Duration
	StallTimeout time.Duration // abort a transfer idle this long (0: 30 s)
	Parallel     int           // concurrent downloads of FetchAll (0: 3)
	Progress     *Progress     // optional
	// Log receives one line per retry or failover (nil: quiet).
	Log func(format string, args ...any)
}

// Request is one file to fetch.
type Request struct {
	Repo     string   // repository id, for messages
	Mirrors  []string // base URLs, tried in order
	Path     string   // path relative to the base URL
	Dest     string   // local file to create
	Size     int64    // expected size, or -1
	Checksum repomd.Checksum
	MaxSize  int64 // refuse bodies larger than this (0: 4 GiB)
}

// FetchError is a download that failed on every mirror.
type FetchError struct {
	Repo, Path string
	Tries      []string // one message per failed attempt, "mirror: cause"
}

func (e *FetchError) Error() string {
	return fmt.Sprintf("repository %s: downloading %s failed: %s", e.Repo, e.Path, strings.Join(e.Tries, "; "))
}

// permanent marks failures a retry on the same mirror cannot fix (404, bad checksum is
// retried once since a proxy may have served garbage).
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

func (f *Fetcher) logf(format string, args ...any) {
	if f.Log != nil {
		f.Log(format, args...)
	}
}

// FetchAll runs the requests with at most Parallel downloads at once and returns the
// first error (after the others have finished or been cancelled).
func (f *Fetcher) FetchAll(ctx context.Context, reqs []Request) error {
	n := f.Parallel
	if n <= 0 {
		n = 3
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			if err := f.Fetch(ctx, r); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return first
}

// Fetch downloads one file.
func (f *Fetcher) Fetch(ctx context.Context, r Request) error {
	if len(r.Mirrors) == 0 {
		return &FetchError{Repo: r.Repo, Path: r.Path, Tries: []string{"no mirrors"}}
	}
	part := r.Dest + ".part"
	fe := &FetchError{Repo: r.Repo, Path: r.Path}
	for _, m := range r.Mirrors {
		u, err := joinURL(m, r.Path)
		if err != nil {
			fe.Tries = append(fe.Tries, fmt.Sprintf("%s: %v", m, err))
			continue
		}
		delay := f.Backoff
		if delay <= 0 {
			delay = 200 * time.Millisecond
		}
		for attempt := 0; attempt <= f.Retries; attempt++ {
			if attempt > 0 {
				f.logf("%s: retrying %s in %s (attempt %d)", r.Repo, u, delay, attempt+1)
				t := time.NewTimer(delay)
				select {
				case <-ctx.Done():
					t.Stop()
					return ctx.Err()
				case <-t.C:
				}
				delay *= 2
				if max := f.MaxBackoff; max > 0 && delay > max {
					delay = max
				} else if max <= 0 && delay > 5*time.Second {
					delay = 5 * time.Second
				}
			}
			err := f.attempt(ctx, u, part, r)
			if err == nil {
				if err := verifyFile(part, r); err != nil {
					os.Remove(part)
					fe.Tries = append(fe.Tries, fmt.Sprintf("%s: %v", u, err))
					continue
				}
				if err := os.Rename(part, r.Dest); err != nil {
					return fmt.Errorf("repository %s: %w", r.Repo, err)
				}
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fe.Tries = append(fe.Tries, fmt.Sprintf("%s: %v", u, err))
			var p permanent
			if errors.As(err, &p) {
				os.Remove(part)
				break
			}
		}
		f.logf("%s: giving up on mirror %s for %s", r.Repo, m, r.Path)
	}
	return fe
}

func joinURL(base, rel string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("bad base URL: %w", err)
	}
	switch b.Scheme {
	case "http", "https", "file":
	default:
		return "", fmt.Errorf("unsupported URL scheme %q", b.Scheme)
	}
	if !strings.HasSuffix(b.Path, "/") {
		b.Path += "/"
	}
	r, err := url.Parse(rel)
	if err != nil || r.IsAbs() || strings.HasPrefix(rel, "/") {
		return "", fmt.Errorf("bad relative path %q", rel)
	}
	return b.ResolveReference(r).String(), nil
}

// attempt transfers u into part, resuming from its current length.
func (f *Fetcher) attempt(ctx context.Context, u, part string, r Request) error {
	max := r.MaxSize
	if max <= 0 {
		max = 4 << 30
	}
	out, err := os.OpenFile(part, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return permanent{err}
	}
	defer out.Close()
	have, err := out.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	if r.Size >= 0 && have > r.Size {
		if err := out.Truncate(0); err != nil {
			return err
		}
		have, _ = out.Seek(0, io.SeekStart)
	}
	if r.Size >= 0 && have == r.Size && have > 0 {
		return nil // complete from an earlier attempt; verifyFile decides
	}
	if strings.HasPrefix(u, "file://") {
		return copyLocal(u, out, have, max, f.Progress)
	}
	stall := f.StallTimeout
	if stall <= 0 {
		stall = 30 * time.Second
	}
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u, nil)
	if err != nil {
		return permanent{err}
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	// The watchdog cancels the request when no byte arrives for stall (headers included).
	watchdog := time.AfterFunc(stall, cancel)
	defer watchdog.Stop()
	resp, err := client.Do(req)
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			return fmt.Errorf("stalled: no response in %s", stall)
		}
		return err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		// resume
	case resp.StatusCode == http.StatusOK:
		if err := out.Truncate(0); err != nil {
			return err
		}
		if _, err := out.Seek(0, io.SeekStart); err != nil {
			return err
		}
		have = 0
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		out.Truncate(0)
		return fmt.Errorf("HTTP %s", resp.Status)
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusGone:
		return permanent{fmt.Errorf("HTTP %s", resp.Status)}
	default:
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	buf := make([]byte, 64<<10)
	for {
		watchdog.Reset(stall)
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			if have+int64(n) > max || (r.Size >= 0 && have+int64(n) > r.Size) {
				out.Truncate(0)
				return permanent{fmt.Errorf("more data than the expected %d bytes", r.Size)}
			}
			if _, err := out.Write(buf[:n]); err != nil {
				return err
			}
			have += int64(n)
			f.Progress.Add(int64(n))
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			if actx.Err() != nil && ctx.Err() == nil {
				return fmt.Errorf("stalled: no data for %s after %d bytes", stall, have)
			}
			return rerr
		}
	}
}

func copyLocal(u string, out *os.File, have, max int64, p *Progress) error {
	pu, err := url.Parse(u)
	if err != nil {
		return permanent{err}
	}
	in, err := os.Open(pu.Path)
	if err != nil {
		return permanent{err}
	}
	defer in.Close()
	if _, err := in.Seek(have, io.SeekStart); err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(in, max-have+1))
	p.Add(n)
	if err != nil {
		return err
	}
	if have+n > max {
		return permanent{fmt.Errorf("larger than %d bytes", max)}
	}
	return nil
}

// newHash returns the hash of an rpm-md checksum type.
func newHash(typ string) (hash.Hash, error) {
	switch typ {
	case "sha256":
		return sha256.New(), nil
	case "sha512":
		return sha512.New(), nil
	case "sha384":
		return sha512.New384(), nil
	case "sha224":
		return sha256.New224(), nil
	case "sha", "sha1":
		return sha1.New(), nil
	}
	return nil, fmt.Errorf("unsupported checksum type %q", typ)
}

// verifyFile checks a downloaded file against the request's size and checksum.
func verifyFile(name string, r Request) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if r.Checksum.Value == "" {
		return nil
	}
	h, err := newHash(r.Checksum.Type)
	if err != nil {
		return err
	}
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	if r.Size >= 0 && n != r.Size {
		return fmt.Errorf("size %d, want %d", n, r.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != strings.ToLower(r.Checksum.Value) {
		return fmt.Errorf("%s checksum mismatch: got %s, want %s", r.Checksum.Type, got, r.Checksum.Value)
	}
	return nil
}
