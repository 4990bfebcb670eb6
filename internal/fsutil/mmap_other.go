//go:build !unix

package fsutil

import "os"

// MapFile is not available here: files are read into memory.
func MapFile(*os.File, int64) ([]byte, bool) { return nil, false }

// DropPages does nothing where files are not mapped.
func DropPages([]byte) {}
