package pm

import (
	"fmt"
	"os"
	"sort"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// filelistOwners finds the repository packages owning a path (or path glob, fnmatch's as
// hawkey's file__glob: '*' also matches '/'; directories too) in the repositories' filelists.xml, which the index leaves out beyond primary.xml's
// short list: dnf reads it when a file spec needs it, and so does this.
func (b *Base) filelistOwners(pattern string) []solver.ID {
	var out []solver.ID
	for _, lr := range b.Repos {
		if lr.Meta == nil || lr.Meta.Repomd == nil {
			continue
		}
		p := lr.Meta.Path("filelists")
		if p == "" {
			continue
		}
		// the repository's packages in index order: a loaded index reads its package
		// records (and cold strings) from its file, a window at a time for a walk in order
		var mine []solver.ID
		for id, ap := range b.Available.All() {
			if ap.Repo == lr {
				mine = append(mine, id)
			}
		}
		sort.Slice(mine, func(i, j int) bool { return b.Available.Get(mine[i]).I < b.Available.Get(mine[j]).I })
		ids := make(map[string]solver.ID, len(mine))
		for _, id := range mine {
			pk := lr.Index.Package(b.Available.Get(id).I)
			ids[filelistKey(pk.Name, pk.Epoch, pk.Version, pk.Release, pk.Arch)] = id
		}
		if err := readFilelists(p, func(pkg *repomd.Package) {
			for _, f := range pkg.Files {
				if f.Path == pattern || isGlob(pattern) && solver.GlobMatch(pattern, f.Path, false) {
					if id, ok := ids[filelistKey(pkg.Name, pkg.Epoch, pkg.Version, pkg.Release, pkg.Arch)]; ok {
						out = append(out, id)
					}
					return
				}
			}
		}); err != nil {
			b.Log("warning: repository %s: %v", lr.ID, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// filelistKey is the key that ties a filelists.xml entry to an index package:
// name-epoch:version-release.arch, epoch "0" when empty.
func filelistKey(name, epoch, version, release, arch string) string {
	if epoch == "" {
		epoch = "0"
	}
	return name + "-" + epoch + ":" + version + "-" + release + "." + arch
}

func readFilelists(path string, fn func(*repomd.Package)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, _, err := compress.Open(f, 4<<30)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer r.Close()
	return repomd.ReadFilelists(r, func(p *repomd.Package) error {
		fn(p)
		return nil
	})
}
