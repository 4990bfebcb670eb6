package pm

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/release"
)

// ReleaseIndexOf is the release index of the first enabled repository with release_index=.
func (b *Base) ReleaseIndexOf(ctx context.Context) (*release.Index, error) {
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return nil, err
	}
	for _, r := range repos {
		if r.Enabled && r.ReleaseIndex != "" {
			return b.ReleaseIndex(ctx, r)
		}
	}
	return nil, errors.New("no enabled repository has release_index= set: cannot tell which releases exist")
}

// NewerReleases returns the releases after the installed one (oldest first) and the
// installed release version, from the first enabled repository with a release_index.
func NewerReleases(ctx context.Context, cfg Config) ([]release.Entry, string, error) {
	base, err := Open(ctx, cfg, false)
	if err != nil {
		return nil, "", err
	}
	x, err := base.ReleaseIndexOf(ctx)
	if err != nil {
		return nil, "", err
	}
	root := rootOf(cfg)
	cur := InstalledReleasever(ctx, root)
	if cur == "" {
		if v, _ := ResolveReleasever(ctx, root, ""); v != "" && v != "latest" {
			cur = v
		}
	}
	if cur == "" {
		return nil, "", errors.New("cannot tell the installed release: no package provides system-release(releasever)")
	}
	return x.Newer(cur, base.Config().Arch), cur, nil
}

// CheckReleaseMove enforces the rules of `upgrade --releasever=V` (cfg.Releasever): V
// must be a release the index lists (when a repository has one), not recalled unless
// allowRecalled, and not older than the installed release unless the command is
// distro-sync.
func CheckReleaseMove(ctx context.Context, cfg Config, distroSync, allowRecalled bool) error {
	target := cfg.Releasever
	if target == "" || target == "latest" {
		return nil
	}
	if _, err := release.ParseVersion(target); err != nil && strings.Count(target, ".") > 0 {
		return fmt.Errorf("--releasever=%s: %w", target, err)
	}
	cur := InstalledReleasever(ctx, rootOf(cfg))
	if !distroSync && cur != "" && release.CompareStrings(target, cur) < 0 {
		return fmt.Errorf("--releasever=%s is older than the installed release %s: upgrade does not move a system backwards; use `dnf distro-sync --releasever=%s` to go back deliberately",
			target, cur, target)
	}
	base, err := Open(ctx, cfg, false)
	if err != nil {
		return err
	}
	x, err := base.ReleaseIndexOf(ctx)
	if err != nil {
		return nil // no index configured: the repositories themselves say whether V exists
	}
	r := x.Find(target)
	if r == nil {
		var known []string
		for _, r := range x.Releases {
			known = append(known, r.Version)
		}
		return fmt.Errorf("--releasever=%s: no such release in the release index (releases: %s)", target, strings.Join(known, ", "))
	}
	if r.IsRecalled() && !allowRecalled {
		msg := fmt.Sprintf("--releasever=%s: release %s was recalled on %s: %s", target, target, r.Recalled.At.Format(time.DateOnly), r.Recalled.Reason)
		if l := x.Latest(base.Config().Arch); l != nil {
			msg += fmt.Sprintf("; use `dnf upgrade --releasever=%s` (the newest release not recalled)", l.Version)
		}
		return errors.New(msg + ", or add --allowrecalled to move to it anyway")
	}
	return nil
}

// rootOf is the configuration's install root ("/" when unset).
func rootOf(cfg Config) string {
	if cfg.Root == "" {
		return "/"
	}
	return cfg.Root
}
