package testcase

import (
	"fmt"
	"io/fs"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// addIndex fills repo from a Nimbus binary index (internal/repo/cache, the package
// manager's metadata cache; `nimbus solver cache` writes one from any repository). A large
// file is mapped, not read: the pool's strings point into the mapping, whose pages are
// given back once loaded.
func addIndex(fsys fs.FS, name string, repo *solver.Repo) error {
	data, drop, err := fsutil.ReadFileMapped(fsys, name)
	if err != nil {
		return fmt.Errorf("repo %s: %w", repo.Name, err)
	}
	defer drop()
	if err := loadIndex(nil, repo, data); err != nil {
		return fmt.Errorf("repo %s: %s: %w", repo.Name, name, err)
	}
	return nil
}

// loadIndex adds the packages of an encoded index to repo; an index written from a Debian
// pool marks p (when given) Debian.
func loadIndex(p *solver.Pool, repo *solver.Repo, data []byte) error {
	x, err := cache.Decode(data)
	if err != nil {
		return err
	}
	if p != nil && x.Key() == cache.DebianKey {
		p.Debian = true
	}
	x.AddTo(repo, nil)
	return nil
}
