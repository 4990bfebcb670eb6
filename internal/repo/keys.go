package repo

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/sign"
)

// LoadKeyring reads the armored public keys a repository's gpgkey option names: file://
// URLs and plain paths are read directly, http(s) URLs through f (verified by nothing but
// TLS, as dnf does). It is the keyring for repo_gpgcheck (Options.Keyring) and gpgcheck.
func LoadKeyring(ctx context.Context, r *Repo, f *Fetcher) (*sign.Keyring, error) {
	keys, err := keyBlobs(ctx, r, f)
	if err != nil {
		return nil, err
	}
	kr, err := sign.LoadKeyring(keys...)
	if err != nil {
		return nil, fmt.Errorf("repository %s: gpgkey: %w", r.ID, err)
	}
	return kr, nil
}

// keyBlobs reads the armored keys gpgkey= names.
func keyBlobs(ctx context.Context, r *Repo, f *Fetcher) ([][]byte, error) {
	if len(r.GPGKeys) == 0 {
		return nil, fmt.Errorf("repository %s: no gpgkey configured", r.ID)
	}
	var keys [][]byte
	for _, k := range r.GPGKeys {
		var data []byte
		var err error
		switch {
		case strings.HasPrefix(k, "file://"):
			var u *url.URL
			if u, err = url.Parse(k); err == nil {
				data, err = os.ReadFile(u.Path)
			}
		case strings.HasPrefix(k, "http://") || strings.HasPrefix(k, "https://"):
			if f == nil {
				f = NewFetcher(DefaultMain())
			}
			var tmp string
			if tmp, err = os.MkdirTemp("", "nimbus-gpgkey-"); err == nil {
				i := strings.LastIndexByte(k, '/')
				dest := filepath.Join(tmp, "key")
				err = f.Fetch(ctx, Request{Repo: r.ID, Mirrors: []string{k[:i+1]}, Path: k[i+1:], Dest: dest, Size: -1, MaxSize: 1 << 20})
				if err == nil {
					data, err = os.ReadFile(dest)
				}
				os.RemoveAll(tmp)
			}
		default:
			data, err = os.ReadFile(k)
		}
		if err != nil {
			return nil, fmt.Errorf("repository %s: gpgkey %s: %w", r.ID, k, err)
		}
		keys = append(keys, data)
	}
	return keys, nil
}
