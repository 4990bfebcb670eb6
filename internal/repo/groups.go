package repo

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// GroupTypes are the repomd.xml records of a repository's comps file, in the order they are
// preferred: compressed as createrepo_c writes them (group_gz; group_zst, group_xz with
// those compressions), then the plain file.
var GroupTypes = []string{"group_gz", "group_zst", "group_xz", "group"}

// findGroup returns the first comps record of GroupTypes that repomd.xml lists and usable
// accepts (nil: any).
func findGroup(rm *repomd.Repomd, usable func(*repomd.Data) bool) *repomd.Data {
	for _, t := range GroupTypes {
		if d := rm.Find(t); d != nil && (usable == nil || usable(d)) {
			return d
		}
	}
	return nil
}

// localMissing reports whether every mirror is a local (file://) directory and none holds
// loc: a local repository is read in place, so a listed file it lacks is known to be absent
// without a download to fail.
func localMissing(mirrors []string, loc string) bool {
	if len(mirrors) == 0 {
		return false
	}
	for _, m := range mirrors {
		dir, ok := strings.CutPrefix(m, "file://")
		if !ok {
			return false
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(loc))); !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	return true
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
