package repo

import (
	"fmt"
	"os"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// ReadUpdateinfo streams the advisories of the repository's cached updateinfo (any
// compression); a repository without updateinfo has none. The file was verified against
// repomd.xml when it was downloaded.
func (m *Metadata) ReadUpdateinfo(fn func(*repomd.Update) error) error {
	p := m.Path("updateinfo")
	if p == "" {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("repository %s: updateinfo: %w", m.Repo.ID, err)
	}
	defer f.Close()
	rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
	if err != nil {
		return fmt.Errorf("repository %s: updateinfo: %w", m.Repo.ID, err)
	}
	defer rc.Close()
	if err := repomd.ReadUpdateinfo(rc, fn); err != nil {
		return fmt.Errorf("repository %s: %w", m.Repo.ID, err)
	}
	return nil
}
