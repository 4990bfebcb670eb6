// Package rpm reads and writes RPM v4 package files as rpm 4.18 does: the lead, the
// signature header (digests and OpenPGP signature), the main header with its immutable
// region, and the compressed cpio payload. It is pure: it works on readers and writers.
package rpm

import (
	"bufio"
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Package is an opened package file: its lead and headers, positioned at the payload.
type Package struct {
	Lead      Lead
	Signature *Header
	Header    *Header
	// HeaderOffset and PayloadOffset are byte positions in the file.
	HeaderOffset, PayloadOffset int64
	r                           io.Reader
}

// WithPayload returns a copy of p whose payload is read from r, positioned at the payload's
// start (PayloadOffset in the file p was read from): a caller that kept the file open reads
// the payload again without parsing the headers again.
func (p *Package) WithPayload(r io.Reader) *Package {
	q := *p
	q.r = r
	return &q
}

// Read reads the lead, the signature header and the main header from r, leaving r at the
// start of the payload (available through Payload). name is used in error messages.
func Read(r io.Reader) (*Package, error) {
	lead, err := readLead(r)
	if err != nil {
		return nil, err
	}
	sig, n, err := readHeader(r, "signature header", leadSize)
	if err != nil {
		return nil, err
	}
	if sig.region != 0 && sig.region != tag.Headersignatures {
		return nil, &FormatError{"signature header", leadSize, fmt.Sprintf("region tag %d, want 62", sig.region)}
	}
	off := int64(leadSize) + n
	if pad := (8 - off%8) % 8; pad > 0 {
		var p [8]byte
		if _, err := io.ReadFull(r, p[:pad]); err != nil {
			return nil, &FormatError{"signature header", off, "truncated padding: " + eofMsg(err)}
		}
		off += pad
	}
	h, n, err := readHeader(r, "header", off)
	if err != nil {
		return nil, err
	}
	return &Package{Lead: lead, Signature: sig, Header: h, HeaderOffset: off, PayloadOffset: off + n, r: r}, nil
}

// ReadHeaders is Read for callers that only want the metadata: it buffers r lightly, so the
// small reads of the lead and header intros do not each cost a system call (the header
// blobs themselves are read straight into their own buffers).
func ReadHeaders(r io.Reader) (*Package, error) {
	return Read(bufio.NewReaderSize(r, 4096))
}

// Payload returns the rest of the file: the compressed payload. It can be read once.
func (p *Package) Payload() io.Reader { return p.r }
