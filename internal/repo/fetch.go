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
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// Fetcher downloads files from mirrors the way librepo does for dnf: a failed transfer
// moves on to the next mirror (failover), and after every mirror still in play has failed
// once the round starts again after an exponential backoff; a mirror answering 404/403/410
// is dropped for that file. Retries is dnf's `retries`: the number of failed attempts
// tolerated, counted over all files of one Fetch/FetchAll (dnf: "accumulative"). A
// transfer whose speed stays below MinRate bytes/s for Timeout (librepo's
// LOWSPEEDLIMIT/LOWSPEEDTIME = dnf's minrate/timeout) is aborted, which also bounds the
// wait for a connection and headers. Partial downloads of files with a known checksum are
// resumed with HTTP Range requests; files are verified against their expected size and
// checksum before they are renamed into place.
type Fetcher struct {
	Client *http.Client
	// Retries is the number of failed attempts tolerated before giving up; 0 means none
	// (the zero Fetcher), negative means no limit (dnf's retries=0).
	Retries    int
	Backoff    time.Duration // first retry delay; doubles up to MaxBackoff (0: 200 ms)
	MaxBackoff time.Duration // (0: 5 s)
	// Timeout is how long a transfer may stay below MinRate (0: 30 s, dnf's default).
	Timeout time.Duration
	// MinRate in bytes/s (dnf's minrate; 0 still aborts a transfer that delivers nothing
	// for Timeout).
	MinRate  int64
	Parallel int       // concurrent downloads of FetchAll (0: 3)
	Progress *Progress // optional
	// Log receives one line per retry or failover (nil: quiet).
	Log func(format string, args ...any)
}

// MaxParallelDownloads is dnf's ceiling on max_parallel_downloads.
const MaxParallelDownloads = 20

// NewFetcher returns a fetcher configured from dnf.conf's [main]: retries (0: no limit,
// as dnf tries forever), timeout, minrate and max_parallel_downloads (at most 20).
func NewFetcher(m Main) *Fetcher {
	f := &Fetcher{Retries: m.Retries, Timeout: m.Timeout, MinRate: m.MinRate, Parallel: m.MaxParallel}
	if f.Retries == 0 {
		f.Retries = -1
	}
	if f.Parallel > MaxParallelDownloads {
		f.Parallel = MaxParallelDownloads
	}
	return f
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
	// RemoteTime gives the file the server's modification time (HTTP Last-Modified, a
	// local file's mtime), as librepo's preserve-time (reposync --remote-time).
	RemoteTime bool
	// FailFast drops a mirror at once when it refuses the connection or its host name
	// does not resolve, instead of retrying it with backoff: a repository's first file
	// (repomd.xml, its signature, a metalink's), where librepo tries each mirror of a
	// metadata file once and dnf fails in under a second on a dead repository. Transfers
	// that break off, stall or get a 5xx are still retried.
	FailFast bool
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

// budget counts the failed attempts of one Fetch or FetchAll against Fetcher.Retries.
type budget struct {
	limit int // negative: no limit
	used  atomic.Int64
}

// spend records a failure and reports whether another attempt is still allowed.
func (b *budget) spend() bool {
	n := b.used.Add(1)
	return b.limit < 0 || n <= int64(b.limit)
}

// FetchAll runs the requests with at most Parallel downloads at once and returns the
// first error (after the others have finished or been cancelled). The requests share
// one retry budget. The last request runs on the calling goroutine, which would only
// wait for it, and requests served from local files (every mirror a file:// URL) all
// do, one after the other: a copy gains nothing from a goroutine of its own, whose
// start and stack growth cost a small command resident pages (docs/pm.md, "The
// package-manager binary").
func (f *Fetcher) FetchAll(ctx context.Context, reqs []Request) error {
	n := f.Parallel
	if n <= 0 {
		n = 3
	}
	b := &budget{limit: f.Retries}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	run := func(r Request) {
		defer wg.Done()
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		defer func() { <-sem }()
		if err := f.fetch(ctx, r, b); err != nil {
			once.Do(func() { first = err; cancel() })
		}
	}
	var here []Request // run on this goroutine, after the others have started
	for i, r := range reqs {
		if i == len(reqs)-1 || localOnly(r) {
			here = append(here, r)
			continue
		}
		wg.Add(1)
		go run(r)
	}
	for _, r := range here {
		if ctx.Err() != nil {
			break // a request failed (or the caller gave up): the rest would be cancelled
		}
		wg.Add(1)
		run(r)
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return first
}

// localOnly reports whether every mirror of r is a local directory (a file:// URL).
func localOnly(r Request) bool {
	for _, m := range r.Mirrors {
		if !strings.HasPrefix(m, "file:") {
			return false
		}
	}
	return len(r.Mirrors) > 0
}

// Fetch downloads one file.
func (f *Fetcher) Fetch(ctx context.Context, r Request) error {
	return f.fetch(ctx, r, &budget{limit: f.Retries})
}

func (f *Fetcher) fetch(ctx context.Context, r Request, b *budget) error {
	if len(r.Mirrors) == 0 {
		return &FetchError{Repo: r.Repo, Path: r.Path, Tries: []string{"no mirrors"}}
	}
	part := r.Dest + ".part"
	defer os.Remove(part) // renamed into place on success; a failure leaves nothing behind
	fe := &FetchError{Repo: r.Repo, Path: r.Path}
	urls := make([]string, 0, len(r.Mirrors))
	for _, m := range r.Mirrors {
		u, err := joinURL(m, r.Path)
		if err != nil {
			fe.Tries = append(fe.Tries, fmt.Sprintf("%s: %v", m, err))
			continue
		}
		urls = append(urls, u)
	}
	delay := f.Backoff
	if delay <= 0 {
		delay = 200 * time.Millisecond
	}
	maxDelay := f.MaxBackoff
	if maxDelay <= 0 {
		maxDelay = 5 * time.Second
	}
	for round := 0; len(urls) > 0; round++ {
		if round > 0 {
			f.logf("%s: retrying %s in %s", r.Repo, r.Path, delay)
			t := time.NewTimer(delay)
			select {
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			case <-t.C:
			}
			delay = min(delay*2, maxDelay)
		}
		alive := urls[:0]
		for i, u := range urls {
			err := f.attempt(ctx, u, part, r)
			if err == nil {
				if err = verifyFile(part, r); err == nil {
					if err := os.Rename(part, r.Dest); err != nil {
						return fmt.Errorf("repository %s: %w", r.Repo, err)
					}
					return nil
				}
				os.Remove(part) // garbage: do not resume from it
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fe.Tries = append(fe.Tries, fmt.Sprintf("%s: %v", u, err))
			var p permanent
			if !errors.As(err, &p) && !(r.FailFast && unreachable(err)) {
				alive = append(alive, u)
			} else {
				f.logf("%s: giving up on %s: %v", r.Repo, u, err)
			}
			if !b.spend() {
				fe.Tries = append(fe.Tries, fmt.Sprintf("giving up after %d failed attempts (retries=%d)", b.used.Load(), b.limit))
				return fe
			}
			if i+1 < len(urls) {
				f.logf("%s: %s failed (%v), trying the next mirror", r.Repo, u, err)
			}
		}
		urls = alive
	}
	return fe
}

// unreachable reports a connection the mirror's host refused or a host name that does
// not resolve: nothing a retry a moment later would change.
func unreachable(err error) bool {
	var dns *net.DNSError
	return errors.Is(err, syscall.ECONNREFUSED) || (errors.As(err, &dns) && dns.IsNotFound)
}

func joinURL(base, rel string) (string, error) {
	b, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("bad base URL: %w", err)
	}
	switch b.Scheme {
	case "http", "https", "file", "ftp":
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

// openPart opens (creating it) the partial file of a download, never through a symlink:
// one found at its name (planted in a cache inside an install root) is removed, not
// followed, so the download cannot write where the link points.
func openPart(part string, flag int) (*os.File, error) {
	flag |= os.O_CREATE | os.O_WRONLY | syscall.O_NOFOLLOW
	f, err := os.OpenFile(part, flag, 0o644)
	if errors.Is(err, syscall.ELOOP) {
		if err := os.Remove(part); err != nil {
			return nil, err
		}
		f, err = os.OpenFile(part, flag, 0o644)
	}
	return f, err
}

// attempt transfers u into part, resuming from its current length.
func (f *Fetcher) attempt(ctx context.Context, u, part string, r Request) error {
	max := r.MaxSize
	if max <= 0 {
		max = 4 << 30
	}
	out, err := openPart(part, 0)
	if err != nil {
		return permanent{err}
	}
	defer out.Close()
	have, err := out.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	if (r.Size >= 0 && have > r.Size) || r.Checksum.Value == "" {
		// without a checksum a resumed file could join two versions: start again
		if err := out.Truncate(0); err != nil {
			return err
		}
		have, _ = out.Seek(0, io.SeekStart)
	}
	if r.Size >= 0 && have == r.Size && have > 0 {
		return nil // complete from an earlier attempt; verifyFile decides
	}
	if strings.HasPrefix(u, "file://") {
		if err := copyLocal(u, out, have, max, f.Progress); err != nil {
			return err
		}
		if r.RemoteTime {
			if pu, err := url.Parse(u); err == nil {
				if fi, err := os.Stat(pu.Path); err == nil {
					os.Chtimes(part, fi.ModTime(), fi.ModTime())
				}
			}
		}
		return nil
	}
	if strings.HasPrefix(u, "ftp://") {
		left := max - have
		if r.Size >= 0 {
			left = r.Size - have
		}
		_, err := ftpGet(ctx, u, &boundedWriter{w: out, left: left, p: f.Progress}, have, f.Timeout)
		return err
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
	guard := newSpeedGuard(f.Timeout, f.MinRate, cancel)
	defer guard.stop()
	resp, err := client.Do(req)
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			return guard.err(have)
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
	bp := copyBufs.Get().(*[]byte) // one buffer per download allocated 14 MB for 229 packages
	defer copyBufs.Put(bp)
	buf := *bp
	for {
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
			guard.add(n)
			f.Progress.Add(int64(n))
		}
		if rerr == io.EOF {
			if r.RemoteTime {
				if t, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
					out.Close()
					os.Chtimes(part, t, t)
				}
			}
			return nil
		}
		if rerr != nil {
			if actx.Err() != nil && ctx.Err() == nil {
				return guard.err(have)
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
	c, err := NewChecker(r)
	if err != nil {
		return err
	}
	bp := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(bp)
	// the plain Reader keeps io.CopyBuffer on the pooled buffer (os.File's WriteTo would
	// allocate its own)
	if _, err := io.CopyBuffer(c, struct{ io.Reader }{f}, *bp); err != nil {
		return err
	}
	return c.Check()
}

// copyBufs are the 64 KiB buffers downloads and checks copy through, shared by the
// fetcher's workers.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// A Checker checks the bytes written to it against a request's size and checksum, so a
// caller reading a file for other reasons (the package manager reads each package once)
// verifies it in the same pass.
type Checker struct {
	h hash.Hash
	n int64
	r Request
}

// NewChecker returns a Checker for r (which must carry a checksum).
func NewChecker(r Request) (*Checker, error) {
	h, err := newHash(r.Checksum.Type)
	if err != nil {
		return nil, err
	}
	return &Checker{h: h, r: r}, nil
}

func (c *Checker) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}

// Check says whether everything written had the request's size and checksum.
func (c *Checker) Check() error {
	if c.r.Size >= 0 && c.n != c.r.Size {
		return fmt.Errorf("size %d, want %d", c.n, c.r.Size)
	}
	if got := hex.EncodeToString(c.h.Sum(nil)); got != strings.ToLower(c.r.Checksum.Value) {
		return fmt.Errorf("%s checksum mismatch: got %s, want %s", c.r.Checksum.Type, got, c.r.Checksum.Value)
	}
	return nil
}
