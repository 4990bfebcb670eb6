package pm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// packageVerifier checks package header signatures against a repository's keyring and,
// when the repository has a release index, refuses a signature by a key the index lists
// as revoked: a withdrawn key signs neither repomd.xml (repo.Sync) nor packages.
type packageVerifier struct {
	kr   *sign.Keyring
	idx  *release.Index // nil: no release index
	repo string
}

func (v packageVerifier) Verify(data, sig []byte) (string, error) {
	info, err := v.kr.Verify(data, sig)
	if err != nil {
		if errors.Is(err, sign.ErrUnknownKey) {
			return "", fmt.Errorf("%w: %v", rpm.ErrNoKey, err)
		}
		return "", err
	}
	if v.idx != nil {
		if k := v.idx.RevokedSigner(info); k != nil {
			return "", &release.TrustError{Kind: release.Revoked, Subject: "repository " + v.repo,
				Detail: fmt.Sprintf("the package is signed by key %s, which the release index revoked on %s (%s)",
					k.Fingerprint, k.Revoked.UTC().Format(time.DateOnly), k.Reason),
				What: "the package was signed with a withdrawn key: wait for the repository to publish it re-signed, or use another mirror; nothing was installed"}
		}
	}
	return fmt.Sprintf("%016x", info.KeyID), nil
}

// releaseIndexFor returns the release index that judges r's package signatures: the
// newest one accepted into the trust state (by a metadata refresh), else a freshly
// fetched and verified one; nil when r has no release_index=.
func (b *Base) releaseIndexFor(ctx context.Context, r *repo.Repo) (*release.Index, error) {
	if r.ReleaseIndex == "" {
		return nil, nil
	}
	x, err := repo.RememberedReleaseIndex(r, b.trustDir)
	if err != nil || x != nil {
		return x, err
	}
	return b.ReleaseIndex(ctx, r)
}
