package pm

import (
	"context"

	"github.com/nimbus-linux/nimbus/internal/solver"
)

// Makecache downloads and indexes the metadata of the enabled repositories, as dnf
// makecache does (metadata not yet expired is kept; Config.Refresh forces a download).
// Unlike Open it reads no rpmdb and builds no solver pool, and no index is loaded: each
// repository's index is streamed to the cache as its primary is parsed (holding only the
// string pool, repo.Prepare), so the peak memory is that of indexing one repository's
// primary.
func Makecache(ctx context.Context, cfg Config) error {
	cfg.defaults()
	b := &Base{cfg: cfg, Installed: map[solver.ID]*InstalledPkg{}}
	if err := b.loadConfig(); err != nil {
		return err
	}
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return err
	}
	opts := b.repoOptions()
	var ignored []string
	defer func() { b.logIgnored(ignored) }()
	for _, r := range repos {
		if !r.Enabled {
			continue
		}
		if _, _, err := b.loadRepo(ctx, r, opts, false); err != nil {
			if r.SkipIfUnavailable {
				b.Log("Error: %v", err)
				ignored = append(ignored, r.ID)
				continue
			}
			return err
		}
	}
	return nil
}
