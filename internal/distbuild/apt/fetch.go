package apt

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/tools"
)

// DefaultCacheDir keeps downloaded .debs between builds, outside any checkout.
const DefaultCacheDir = "/var/cache/nimbus-debs"

// Fetcher obtains .deb files for verified index entries.
type Fetcher struct {
	CacheDir string
	// AptGet is the apt-get program (default tools.AptGet); tests may point it elsewhere.
	AptGet string
	// Mirror, when set, is a Debian mirror's base URL ("http://deb.debian.org/debian"):
	// files are fetched as Mirror/Filename over HTTP instead of with apt-get. What is
	// fetched is verified against the index all the same.
	Mirror string
	Client *http.Client
	Log    io.Writer
}

// CachePath is where the .deb of e lives in the cache: the pool file name.
func (f *Fetcher) CachePath(e *Entry) string {
	return filepath.Join(f.CacheDir, path.Base(e.Filename))
}

// Fetch makes sure every entry's .deb is in the cache and matches the SHA-256 and size
// its verified index gives, downloading the missing ones in one `apt-get download`
// (NAME:ARCH=VERSION). A cached file that does not match is removed and fetched again;
// a download that does not match is removed and reported as ErrVerify.
func (f *Fetcher) Fetch(ctx context.Context, entries []*Entry) error {
	if err := os.MkdirAll(f.CacheDir, 0o755); err != nil {
		return fmt.Errorf("deb cache: %w", err)
	}
	var missing []*Entry
	seenPath := map[string]bool{}
	for _, e := range entries {
		// An "all" package stands for every arch: fetch it once.
		if seenPath[f.CachePath(e)] {
			continue
		}
		seenPath[f.CachePath(e)] = true
		if err := f.Verify(e); err != nil {
			_ = os.Remove(f.CachePath(e))
			missing = append(missing, e)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	tmp, err := os.MkdirTemp(f.CacheDir, ".download-")
	if err != nil {
		return fmt.Errorf("deb cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	if f.Mirror != "" {
		return f.fetchMirror(ctx, tmp, missing)
	}
	_ = os.Chmod(tmp, 0o755)
	args := []string{"-q", "-o", "DPkg::Lock::Timeout=300", "-o", "APT::Sandbox::User=root", "download"}
	seen := map[string]bool{}
	for _, e := range missing {
		spec := e.Name + ":" + e.Arch + "=" + e.Version
		if e.Arch == "all" {
			spec = e.Name + "=" + e.Version
		}
		if !seen[spec] {
			seen[spec] = true
			args = append(args, spec)
		}
	}
	prog := f.AptGet
	if prog == "" {
		prog = tools.AptGet()
	}
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = tmp
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("apt-get download of %d packages: %w\n%s", len(seen), err, strings.TrimSpace(out.String()))
	}
	if f.Log != nil {
		fmt.Fprintf(f.Log, "downloaded %d packages with apt-get\n", len(seen))
	}
	for _, e := range missing {
		got := filepath.Join(tmp, path.Base(e.Filename))
		if _, err := os.Stat(got); err != nil {
			// apt names files NAME_VERSION_ARCH.deb with the epoch colon escaped; the
			// pool name has no epoch. Find it by name and arch.
			matches, _ := filepath.Glob(filepath.Join(tmp, e.Name+"_*_"+e.Arch+".deb"))
			if len(matches) != 1 {
				return fmt.Errorf("apt-get download of %s=%s: no file %s", e.Name, e.Version, path.Base(e.Filename))
			}
			got = matches[0]
		}
		if err := verifyFile(got, e); err != nil {
			return err
		}
		if err := os.Rename(got, f.CachePath(e)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("deb cache: %w", err)
		}
	}
	return nil
}

// fetchMirror downloads each file from the mirror, verifies it and moves it into the cache.
func (f *Fetcher) fetchMirror(ctx context.Context, tmp string, missing []*Entry) error {
	client := f.Client
	if client == nil {
		client = http.DefaultClient
	}
	for _, e := range missing {
		u := strings.TrimSuffix(f.Mirror, "/") + "/" + e.Filename
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return fmt.Errorf("mirror: %w", err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return fmt.Errorf("downloading %s: %w", u, err)
		}
		got := filepath.Join(tmp, path.Base(e.Filename))
		err = func() error {
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("downloading %s: %s", u, resp.Status)
			}
			out, err := os.Create(got)
			if err != nil {
				return err
			}
			// Never read more than the index says the file has.
			_, err = io.Copy(out, io.LimitReader(resp.Body, e.Size+1))
			if cerr := out.Close(); err == nil {
				err = cerr
			}
			return err
		}()
		if err != nil {
			return err
		}
		if err := verifyFile(got, e); err != nil {
			return err
		}
		if err := os.Rename(got, f.CachePath(e)); err != nil {
			return fmt.Errorf("deb cache: %w", err)
		}
	}
	if f.Log != nil {
		fmt.Fprintf(f.Log, "downloaded %d packages from %s\n", len(missing), f.Mirror)
	}
	return nil
}

// Verify checks the cached .deb of e against its index entry.
func (f *Fetcher) Verify(e *Entry) error { return verifyFile(f.CachePath(e), e) }

func verifyFile(p string, e *Entry) error {
	fh, err := os.Open(p)
	if err != nil {
		return err
	}
	defer fh.Close()
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return fmt.Errorf("reading %s: %w", p, err)
	}
	var got [32]byte
	copy(got[:], h.Sum(nil))
	if got != e.SHA256 || n != e.Size {
		return fmt.Errorf("%s (%s=%s): %w: SHA-256 %x (%d bytes), the signed index %s says %x (%d bytes)",
			filepath.Base(p), e.Name, e.Version, ErrVerify, got, n, e.Origin, e.SHA256, e.Size)
	}
	return nil
}

// ReadVerified reads a .deb and checks it against e in one pass, for callers that
// parse it next: what they get is exactly the bytes the index vouches for.
func ReadVerified(p string, e *Entry) ([]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if got := sha256.Sum256(b); got != e.SHA256 || int64(len(b)) != e.Size {
		return nil, fmt.Errorf("%s (%s=%s): %w: SHA-256 %x (%d bytes), the signed index %s says %x (%d bytes)",
			filepath.Base(p), e.Name, e.Version, ErrVerify, got, len(b), e.Origin, e.SHA256, e.Size)
	}
	return b, nil
}
