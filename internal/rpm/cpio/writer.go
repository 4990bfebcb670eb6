package cpio

import (
	"fmt"
	"io"
	"strings"
)

// Writer writes a newc archive to an io.Writer. Call WriteHeader for each
// entry, then Write exactly Header.Size bytes of data, and Close at the end.
type Writer struct {
	w       io.Writer
	name    string // current entry
	remain  int64  // data bytes still owed to the current entry
	dataPad int64  // padding after the current entry's data
	closed  bool
	err     error // sticky write error
}

// NewWriter returns a Writer that writes the archive to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w}
}

// WriteHeader finishes the previous entry and writes the header of h.
func (w *Writer) WriteHeader(h *Header) error {
	if err := w.finishEntry(); err != nil {
		return err
	}
	if err := checkHeader(h); err != nil {
		return err
	}
	if err := w.writeHeader(h, magicNewc); err != nil {
		return err
	}
	w.name = h.Name
	w.remain = h.Size
	w.dataPad = pad(h.Size)
	return nil
}

// checkHeader rejects headers that cannot be written or read back.
func checkHeader(h *Header) error {
	switch {
	case h.Name == "":
		return fmt.Errorf("cpio: writing header: empty name")
	case len(h.Name) > MaxNameLen:
		return fmt.Errorf("cpio: writing header of %.64q...: name is %d bytes, limit %d", h.Name, len(h.Name), MaxNameLen)
	case strings.IndexByte(h.Name, 0) >= 0:
		return fmt.Errorf("cpio: writing header of %q: name contains NUL", h.Name)
	case h.Name == TrailerName:
		return fmt.Errorf("cpio: writing header of %q: name is reserved for the trailer", h.Name)
	case h.Size < 0:
		return fmt.Errorf("cpio: writing header of %q: negative size %d", h.Name, h.Size)
	case h.Size > MaxSize:
		return fmt.Errorf("cpio: writing header of %q: size %d does not fit newc's 32-bit filesize (rpm's 07070X large-file format is not supported)", h.Name, h.Size)
	}
	return nil
}

func (w *Writer) writeHeader(h *Header, magic string) error {
	if w.closed {
		return ErrWriteAfterClose
	}
	if w.err != nil {
		return w.err
	}
	nameSize := len(h.Name) + 1
	total := headerLen + nameSize
	buf := make([]byte, 0, total+3)
	buf = append(buf, magic...)
	for _, v := range [...]uint32{
		h.Ino, h.Mode, h.UID, h.GID, h.Nlink, h.Mtime, uint32(h.Size),
		h.DevMajor, h.DevMinor, h.RdevMajor, h.RdevMinor, uint32(nameSize), 0,
	} {
		buf = fmt.Appendf(buf, "%08x", v)
	}
	buf = append(buf, h.Name...)
	buf = append(buf, make([]byte, 1+pad(int64(total)))...)
	if _, err := w.w.Write(buf); err != nil {
		w.err = fmt.Errorf("cpio: writing header of %q: %w", h.Name, err)
		return w.err
	}
	return nil
}

// Write writes data of the current entry. Writing more than Header.Size
// bytes is an error.
func (w *Writer) Write(p []byte) (int, error) {
	if w.closed {
		return 0, ErrWriteAfterClose
	}
	if w.err != nil {
		return 0, w.err
	}
	if int64(len(p)) > w.remain {
		return 0, fmt.Errorf("cpio: writing data of %q: %d bytes more than the header's size", w.name, int64(len(p))-w.remain)
	}
	n, err := w.w.Write(p)
	w.remain -= int64(n)
	if err != nil {
		w.err = fmt.Errorf("cpio: writing data of %q: %w", w.name, err)
		return n, w.err
	}
	return n, nil
}

// finishEntry checks that the current entry got all its data and pads it.
func (w *Writer) finishEntry() error {
	if w.closed {
		return ErrWriteAfterClose
	}
	if w.err != nil {
		return w.err
	}
	if w.remain > 0 {
		return fmt.Errorf("cpio: entry %q: %d bytes of data missing", w.name, w.remain)
	}
	if w.dataPad > 0 {
		var zeros [3]byte
		if _, err := w.w.Write(zeros[:w.dataPad]); err != nil {
			w.err = fmt.Errorf("cpio: padding data of %q: %w", w.name, err)
			return w.err
		}
		w.dataPad = 0
	}
	return nil
}

// Close finishes the last entry and writes the trailer, padded to 4 bytes as
// rpm does. It does not close the underlying writer.
func (w *Writer) Close() error {
	if err := w.finishEntry(); err != nil {
		return err
	}
	if err := w.writeHeader(&Header{Name: TrailerName, Nlink: 1}, magicNewc); err != nil {
		return err
	}
	w.closed = true
	return nil
}
