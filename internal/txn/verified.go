package txn

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// A Verified package is a package file its caller has read once and checked (the package
// manager: the repository's size and checksum, the signature): the file stays open, and
// its whole-file sha256 and parsed headers come with it, so the transaction reads only
// the payload again, from the same descriptor (a file renamed over the path after the
// checks is not the one installed). The journal records Path and SHA256: recovery, in
// another process, reopens the path and refuses a file whose sha256 changed.
type Verified struct {
	Path   string
	File   *os.File     // open; the caller closes it after Run
	SHA256 string       // hex, of the whole file
	Pkg    *rpm.Package // signature and header, as read from File
	Info   *rpm.Info
}

// payload returns v's package reading its payload from v.File, through a small buffer:
// the decompressor reads a frame's header a few bytes at a time (a dozen reads of 1-4
// bytes per package otherwise); its large reads bypass the buffer.
func (v *Verified) payload() (*rpm.Package, error) {
	if _, err := v.File.Seek(v.Pkg.PayloadOffset, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: %w", v.Path, err)
	}
	return v.Pkg.WithPayload(bufio.NewReaderSize(v.File, 4096)), nil
}
