package pm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// KeyImport is a repository key about to be imported into the rpmdb (dnf's "Importing GPG
// key 0x...:" question).
type KeyImport struct {
	Repo        string
	From        string // the gpgkey URL
	Key         *rpmdb.Pubkey
	Fingerprint string // upper-case hex in groups of four, as dnf prints it
}

// ShortID is 0x and the short key id in upper case, as dnf prints it.
func (k KeyImport) ShortID() string { return "0x" + strings.ToUpper(k.Key.Version) }

// repoKeyFile is one gpgkey of a repository, read.
type repoKeyFile struct {
	url  string
	data []byte
}

// repoKeyFiles reads a repository's gpgkey URLs: file:// URLs and plain paths from the
// host (as dnf reads them), http(s) URLs through the repository fetcher (bounded size),
// fetched once and kept in the cache directory (<cachedir>/<repo>-gpgkeys/, fetched again
// with --refresh or after `clean all`), as dnf keeps the keys it imported for a repository.
func (b *Base) repoKeyFiles(ctx context.Context, r *repo.Repo) ([]repoKeyFile, error) {
	if len(r.GPGKeys) == 0 {
		return nil, fmt.Errorf("repository %s has gpgcheck=1 but no gpgkey", r.ID)
	}
	var out []repoKeyFile
	for _, k := range r.GPGKeys {
		var data []byte
		var err error
		u, perr := url.Parse(k)
		switch {
		case perr != nil:
			err = perr
		case u.Scheme == "file" || u.Scheme == "":
			data, err = os.ReadFile(u.Path)
		case u.Scheme == "http" || u.Scheme == "https":
			sum := sha256.Sum256([]byte(k))
			dest := filepath.Join(b.Main.CacheDir, r.ID+"-gpgkeys", hex.EncodeToString(sum[:8])+".asc")
			if b.cfg.Refresh {
				os.Remove(dest) // --refresh fetches the keys again too
			}
			if data, err = os.ReadFile(dest); err != nil {
				if err = os.MkdirAll(filepath.Dir(dest), 0o755); err == nil {
					i := strings.LastIndexByte(k, '/')
					f := b.fetcher()
					err = f.Fetch(ctx, repo.Request{Repo: r.ID, Mirrors: []string{k[:i+1]}, Path: k[i+1:], Dest: dest, Size: -1, MaxSize: 1 << 20})
					if err == nil {
						data, err = os.ReadFile(dest)
					}
				}
			}
		default:
			err = fmt.Errorf("unsupported URL scheme %q", u.Scheme)
		}
		if err != nil {
			return nil, fmt.Errorf("repository %s: gpgkey %s: %w", r.ID, k, err)
		}
		out = append(out, repoKeyFile{k, data})
	}
	return out, nil
}

// repoKeyring loads a repository's gpgkey files as a keyring.
func (b *Base) repoKeyring(ctx context.Context, r *repo.Repo) (*sign.Keyring, []repoKeyFile, error) {
	files, err := b.repoKeyFiles(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	blobs := make([][]byte, len(files))
	for i, f := range files {
		blobs[i] = f.data
	}
	kr, err := sign.LoadKeyring(blobs...)
	if err != nil {
		return nil, nil, fmt.Errorf("repository %s: gpgkey: %w", r.ID, err)
	}
	return kr, files, nil
}

// packageKeyring is what a package of a gpgcheck repository is verified against, as dnf
// does through rpm: the keys already imported into the root's rpmdb (gpg-pubkey headers)
// and the repository's gpgkey files (imported after the check, keys.go importKeys). A
// repository without gpgkey relies on the rpmdb alone; with neither, nothing can verify.
func (b *Base) packageKeyring(ctx context.Context, r *repo.Repo) (*sign.Keyring, []repoKeyFile, error) {
	var files []repoKeyFile
	if len(r.GPGKeys) > 0 {
		var err error
		if files, err = b.repoKeyFiles(ctx, r); err != nil {
			return nil, nil, err
		}
	}
	var blobs [][]byte
	for _, k := range b.rpmdbKeys {
		if _, err := sign.LoadKeyring(k); err == nil {
			blobs = append(blobs, k) // a key rpm could not read either is left out
		}
	}
	for _, f := range files {
		blobs = append(blobs, f.data)
	}
	if len(blobs) == 0 {
		return nil, nil, nil
	}
	kr, err := sign.LoadKeyring(blobs...)
	if err != nil {
		return nil, nil, fmt.Errorf("repository %s: gpgkey: %w", r.ID, err)
	}
	return kr, files, nil
}

// importKeys imports the gpgkey keys of the repositories whose packages the transaction
// verified into the rpmdb as gpg-pubkey entries, as dnf does (through rpm) the first time it
// installs from a repository: each key not yet there is shown and confirmed
// (Config.ConfirmKey; nil imports without asking).
func (b *Base) importKeys(ctx context.Context, db *rpmdb.DB, files map[string][]repoKeyFile) error {
	if len(files) == 0 {
		return nil
	}
	have, err := db.Pubkeys(ctx)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(files))
	for id := range files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, f := range files[id] {
			keys, err := rpmdb.ParsePubkeys(f.data)
			if err != nil {
				return fmt.Errorf("repository %s: gpgkey %s: %w", id, f.url, err)
			}
			for _, k := range keys {
				if have[k.NVR()] {
					continue
				}
				ki := KeyImport{Repo: id, From: f.url, Key: k, Fingerprint: groupHex(k.Fingerprint)}
				if b.cfg.ConfirmKey != nil && !b.cfg.ConfirmKey(ki) {
					return fmt.Errorf("GPG key %s of repository %s was not imported: didn't install any keys", ki.ShortID(), id)
				}
				if _, err := db.ImportPubkey(ctx, k, b.cfg.Now()); err != nil {
					return err
				}
				have[k.NVR()] = true
			}
		}
	}
	return nil
}

func groupHex(b []byte) string {
	h := strings.ToUpper(fmt.Sprintf("%x", b))
	var parts []string
	for len(h) > 4 {
		parts = append(parts, h[:4])
		h = h[4:]
	}
	return strings.Join(append(parts, h), " ")
}
