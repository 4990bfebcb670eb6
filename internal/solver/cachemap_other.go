//go:build !unix

package solver

import "os"

// mapFile is not available here: the cache is read into memory.
func mapFile(*os.File, int64) ([]byte, bool) { return nil, false }

func dropPages([]byte) {}
