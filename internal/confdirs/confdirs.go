// Package confdirs finds systemd-style configuration files (tmpfiles.d, sysusers.d, ...):
// the *.conf files of a list of directories ordered by file name across them, a file in an
// earlier directory masking one of the same name in a later one, and the files a command
// line names (`systemd-tmpfiles CONFIG...`). It only lists; callers parse.
package confdirs

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// List returns the *.conf files of dirs in fsys (paths relative to fsys), ordered by file
// name; for one name the first directory that has it wins. extra names (built-in files,
// as if shipped in the last directory) are returned as prefix+name unless a real file of
// that name exists.
func List(fsys fs.FS, dirs []string, extra []string, prefix string) []string {
	chosen := map[string]string{}
	for _, d := range dirs {
		ents, err := fs.ReadDir(fsys, d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".conf") && chosen[e.Name()] == "" {
				chosen[e.Name()] = path.Join(d, e.Name())
			}
		}
	}
	for _, n := range extra {
		if chosen[n] == "" {
			chosen[n] = prefix + n
		}
	}
	names := make([]string, 0, len(chosen))
	for n := range chosen {
		names = append(names, n)
	}
	sort.Strings(names)
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = chosen[n]
	}
	return paths
}

// Named resolves the names given on a command line, in that order: a name with a slash is
// that file (inside fsys), a bare name the first of dirs that has it; a bare name no
// directory has is an error naming it.
func Named(fsys fs.FS, dirs []string, names []string) ([]string, []error) {
	var paths []string
	var errs []error
	for _, n := range names {
		if strings.Contains(n, "/") {
			paths = append(paths, strings.TrimPrefix(path.Clean(n), "/"))
			continue
		}
		found := ""
		for _, d := range dirs {
			if _, err := fs.Stat(fsys, path.Join(d, n)); err == nil {
				found = path.Join(d, n)
				break
			}
		}
		if found == "" {
			errs = append(errs, fmt.Errorf("%s: no such file in %s", n, strings.Join(dirs, ", ")))
			continue
		}
		paths = append(paths, found)
	}
	return paths, errs
}
