package convert

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// CopySparse writes a copy of the file src as dst (made anew): the data regions of src
// (SEEK_DATA/SEEK_HOLE) are read in 1 MiB pieces and the pieces that hold a non-zero
// byte are written at their offsets; holes and zero pieces stay holes, and dst is
// extended to the size of src. dst has the bytes of src, and at most its data allocated.
func CopySparse(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer out.Close()
	size := st.Size()
	buf := make([]byte, 1<<20)
	for pos := int64(0); pos < size; {
		data, err := unix.Seek(int(in.Fd()), pos, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			break // a hole to the end
		} else if err != nil {
			data = pos // no SEEK_DATA: read it all
		}
		end, err := unix.Seek(int(in.Fd()), data, unix.SEEK_HOLE)
		if err != nil {
			end = size
		}
		for pos = data; pos < end; {
			n, err := in.ReadAt(buf[:min(int64(len(buf)), end-pos)], pos)
			if err != nil && !(errors.Is(err, io.EOF) && n > 0) {
				return fmt.Errorf("reading %s: %w", src, err)
			}
			if !allZero(buf[:n]) {
				if _, err := out.WriteAt(buf[:n], pos); err != nil {
					return err
				}
			}
			pos += int64(n)
		}
	}
	if err := out.Truncate(size); err != nil {
		return err
	}
	return out.Close()
}
