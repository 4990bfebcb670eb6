package repo

import (
	"os"
	"path"
	"path/filepath"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// GroupTypes are the repomd.xml records of a repository's comps file, in the order they are
// preferred: compressed as createrepo_c writes them (group_gz; group_zst, group_xz with
// those compressions), then the plain file.
var GroupTypes = []string{"group_gz", "group_zst", "group_xz", "group"}

func findGroup(rm *repomd.Repomd) *repomd.Data {
	for _, t := range GroupTypes {
		if d := rm.Find(t); d != nil {
			return d
		}
	}
	return nil
}

// GroupPath returns the local comps file of the repository ("" when it has none or the
// cache holds none), compressed or not as repomd.xml listed it.
func (m *Metadata) GroupPath() string {
	if m == nil || m.Repomd == nil {
		return ""
	}
	for _, t := range GroupTypes {
		d := m.Repomd.Find(t)
		if d == nil {
			continue
		}
		p := filepath.Join(m.Dir, "repodata", path.Base(d.Location))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}
