package txn

import (
	"path"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
)

// notInstalled lists the files of a package the transaction leaves out, as rpm's skipFiles
// does with RPMTRANS_FLAG_NODOCS (rpm --excludedocs, %_excludedocs, dnf's tsflags=nodocs):
// every %doc file, then every directory of the package whose entries in the package (its
// direct children) were all left out. They are recorded in the rpmdb with the state "not
// installed", so rpm -V passes over them and an erase does not look for them.
func notInstalled(info *rpm.Info, noDocs bool) map[string]bool {
	if !noDocs {
		return nil
	}
	skip := map[string]bool{}
	children := map[string]int{} // directory -> entries of the package in it
	skipped := map[string]int{}  // directory -> those of them left out
	for i := range info.Files {
		f := &info.Files[i]
		dir := path.Dir(f.Path)
		children[dir]++
		if f.Flags&tag.FileDoc != 0 && !f.IsDir() {
			skip[f.Path] = true
			skipped[dir]++
		}
	}
	// Directories, deepest first, so a directory left empty by its skipped subdirectories
	// goes too.
	for changed := true; changed; {
		changed = false
		for i := range info.Files {
			f := &info.Files[i]
			if !f.IsDir() || skip[f.Path] {
				continue
			}
			if n := children[f.Path]; n > 0 && skipped[f.Path] == n {
				skip[f.Path] = true
				skipped[path.Dir(f.Path)]++
				changed = true
			}
		}
	}
	return skip
}

// fileStates are the FILESTATES of a package installed without the files in skip.
func fileStates(info *rpm.Info, skip map[string]bool) []byte {
	if len(skip) == 0 {
		return nil
	}
	states := make([]byte, len(info.Files))
	for i := range info.Files {
		if skip[info.Files[i].Path] {
			states[i] = rpmdb.FileNotInstalled
		}
	}
	return states
}
