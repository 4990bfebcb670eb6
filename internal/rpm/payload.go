package rpm

import (
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// DefaultMaxPayload bounds how far a payload may decompress when the package does not say
// (a guard against decompression bombs): 16 GiB.
const DefaultMaxPayload = 16 << 30

// The payload's read-ahead: at most (payloadChunks+1) * payloadChunk bytes in memory.
const (
	payloadChunk  = 128 << 10
	payloadChunks = 3
)

// PayloadArchive is the decompressed cpio archive of a package.
type PayloadArchive struct {
	*cpio.Reader
	rc io.ReadCloser
}

// Close releases the decompressor (and stops OpenPayloadAhead's goroutine).
func (a *PayloadArchive) Close() error { return a.rc.Close() }

// OpenPayload decompresses the payload and returns its cpio archive. The decompressed size
// may not exceed what the signature header declares (or DefaultMaxPayload when it declares
// nothing): a payload that inflates further is an error, not a truncation.
func (p *Package) OpenPayload() (*PayloadArchive, error) {
	kind := compress.Kind(p.Header.String(tag.Payloadcompressor))
	if kind == "" {
		kind = compress.Gzip // rpm's historical default when the tag is absent
	}
	if f := p.Header.String(tag.Payloadformat); f != "" && f != "cpio" {
		return nil, fmt.Errorf("payload format %q is not supported (only cpio)", f)
	}
	rc, err := compress.NewReader(kind, p.r)
	if err != nil {
		return nil, fmt.Errorf("payload (%s): %w", kind, err)
	}
	max := int64(DefaultMaxPayload)
	if n, ok := p.Signature.Int(tag.SigLongArchiveSize); ok {
		max = n
	} else if n, ok := p.Signature.Int(tag.SigPayloadSize); ok {
		max = n
	}
	rc = compress.NewLimitedReader(rc, max)
	return &PayloadArchive{Reader: cpio.NewReader(rc), rc: rc}, nil
}

// OpenPayloadAhead is OpenPayload with the payload decompressed a few chunks ahead of
// its reader, on a goroutine (compress.ReadAhead): an install writes one package's files
// while the next bytes are being decoded, on another core. Close the archive: it stops
// the goroutine. A payload the signature says is smaller than one chunk is read as
// OpenPayload reads it: its reader would only wait for the one chunk, and the goroutine's
// start and handoff cost more than the decoding (most packages of an install are small).
func (p *Package) OpenPayloadAhead() (*PayloadArchive, error) {
	a, err := p.OpenPayload()
	if err != nil {
		return nil, err
	}
	chunk := int64(payloadChunk)
	if n, ok := p.Signature.Int(tag.SigLongArchiveSize); ok && n < chunk {
		return a, nil // one chunk: nothing to overlap, and a goroutine handoff per package
	} else if n, ok := p.Signature.Int(tag.SigPayloadSize); ok && n < chunk {
		return a, nil
	}
	a.rc = compress.ReadAhead(a.rc, int(chunk), payloadChunks)
	a.Reader = cpio.NewReader(a.rc)
	return a, nil
}
