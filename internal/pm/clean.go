package pm

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"
)

// CleanTypes are dnf clean's arguments and the kinds of cached data each removes
// (dnf/cli/commands/clean.py _CACHE_TYPES).
var CleanTypes = map[string][]string{
	"metadata":     {"metadata", "dbcache", "expire-cache"},
	"packages":     {"packages"},
	"dbcache":      {"dbcache"},
	"expire-cache": {"expire-cache"},
	"all":          {"metadata", "packages", "dbcache"},
}

// CleanResult is what Clean did: files removed (as dnf counts them: files, not
// directories) and whether the repositories' metadata was marked expired.
type CleanResult struct {
	Removed int
	Expired bool
}

// Clean removes cached data of the kinds args name (dnf clean TYPE...) from the metadata
// cache (Main.CacheDir), in Nimbus's cache layout (docs/repo.md): a repository's
// metadata is its generations (ID-HASH/gen-*) and the current link, its dbcache the index
// files in them (rebuilt from the metadata when next needed), its packages
// ID-HASH/packages (and the command line's @commandline). expire-cache marks each
// repository's current metadata expired, so that the next command checks the mirror
// again, as dnf's expired_repos.json does. Everything goes through os.Root on the cache
// directory: a link inside the cache to elsewhere is removed, never followed.
func (b *Base) Clean(args []string) (CleanResult, error) {
	var res CleanResult
	kinds := map[string]bool{}
	for _, a := range args {
		ks, ok := CleanTypes[a]
		if !ok {
			return res, fmt.Errorf("argument type: invalid choice: '%s' (choose from 'metadata', 'packages', 'dbcache', 'expire-cache', 'all')", a)
		}
		for _, k := range ks {
			kinds[k] = true
		}
	}
	rt, err := os.OpenRoot(b.Main.CacheDir)
	if errors.Is(err, fs.ErrNotExist) {
		if kinds["expire-cache"] {
			res.Expired = true
		}
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("cache %s: %w", b.Main.CacheDir, err)
	}
	defer rt.Close()
	top, err := fs.ReadDir(rt.FS(), ".")
	if err != nil {
		return res, fmt.Errorf("cache %s: %w", b.Main.CacheDir, err)
	}
	for _, repoDir := range top {
		if !repoDir.IsDir() {
			continue // a link at the top is not a repository's cache
		}
		if kinds["expire-cache"] {
			// the current generation's repomd.xml gives the metadata's age (repo.expired)
			rt.Chtimes(path.Join(repoDir.Name(), "current", "repomd.xml"), time.Unix(0, 0), time.Unix(0, 0))
		}
		entries, err := fs.ReadDir(rt.FS(), repoDir.Name())
		if err != nil {
			return res, err
		}
		for _, e := range entries {
			name, p := e.Name(), path.Join(repoDir.Name(), e.Name())
			var match func(string) bool
			switch {
			case name == "current":
				match = func(string) bool { return kinds["metadata"] }
			case strings.HasPrefix(name, "gen-"):
				match = func(f string) bool {
					return kinds["metadata"] || kinds["dbcache"] && strings.HasPrefix(path.Base(f), "index.")
				}
			case name == "packages" || repoDir.Name() == CmdlineRepo:
				match = func(string) bool { return kinds["packages"] }
			default:
				continue
			}
			if e.Type()&fs.ModeSymlink != 0 {
				// current (nimbus's link to a generation), or a link where the cache has
				// a directory: removed, never followed, and not counted (dnf's walk does
				// not count a link to a directory either)
				if match(p) {
					if err := rt.Remove(p); err != nil {
						return res, err
					}
				}
				continue
			}
			n, err := removeMatching(rt, p, match)
			res.Removed += n
			if err != nil {
				return res, err
			}
			if kinds["metadata"] && strings.HasPrefix(name, "gen-") {
				if err := rt.RemoveAll(p); err != nil {
					return res, err
				}
			}
		}
	}
	res.Expired = kinds["expire-cache"]
	return res, nil
}

// removeMatching removes the files (and links) under p that match, counting them;
// directories are walked, never followed through a link.
func removeMatching(rt *os.Root, p string, match func(string) bool) (int, error) {
	n := 0
	err := fs.WalkDir(rt.FS(), p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !match(f) {
			return nil
		}
		if err := rt.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		n++
		return nil
	})
	return n, err
}
