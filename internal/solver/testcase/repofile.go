package testcase

import (
	"compress/bzip2"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/ulikunitz/xz/lzma"

	"github.com/nimbus-linux/nimbus/internal/compress"
)

// openRepoFile opens a repository file a testcase names and undoes its
// compression the way testsolv's solv_xfopen does: by the file name's
// suffix (.gz, .xz, .lzma, .bz2, .zst), not by its first bytes; any other
// name is read as it is.
func openRepoFile(fsys fs.FS, name string) (io.ReadCloser, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	var zr io.Reader
	switch {
	case strings.HasSuffix(name, ".gz"):
		zr, err = compress.NewReader(compress.Gzip, f)
	case strings.HasSuffix(name, ".xz"):
		zr, err = compress.NewReader(compress.Xz, f)
	case strings.HasSuffix(name, ".zst"):
		zr, err = compress.NewReader(compress.Zstd, f)
	case strings.HasSuffix(name, ".bz2"):
		zr = bzip2.NewReader(f)
	case strings.HasSuffix(name, ".lzma"):
		zr, err = lzma.NewReader(f)
	default:
		return f, nil
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return readCloser{zr, f}, nil
}

// readCloser reads the decompressed stream and closes the file under it
// (and the decompressor, when it has a Close).
type readCloser struct {
	io.Reader
	f fs.File
}

func (r readCloser) Close() error {
	if c, ok := r.Reader.(io.Closer); ok {
		c.Close()
	}
	return r.f.Close()
}

// knownFeature reports whether testsolv (libsolv 0.7.23 as Debian builds
// it) has the "feature" name; a testcase asking for another is not run, as
// testsolv does not run it (exit 77).
func knownFeature(name string) bool { return name == "complex_deps" }
