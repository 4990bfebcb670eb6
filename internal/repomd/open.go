package repomd

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

// DefaultLimit bounds the uncompressed size of one metadata file (a guard against
// decompression bombs); the largest real primary.xml files are a few hundred megabytes.
const DefaultLimit = 2 << 30

// Decompress returns a reader of the uncompressed content of r, which may be gzip, xz,
// zstd or plain. The reader fails once more than limit bytes come out of it.
func Decompress(r io.Reader, limit int64) (io.ReadCloser, compress.Kind, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(6)
	if err != nil && err != io.EOF {
		return nil, compress.None, fmt.Errorf("reading compression header: %w", err)
	}
	if bytes.HasPrefix(head, []byte(zchunk.Magic)) {
		return zckReader(br, limit), Zchunk, nil
	}
	rc, kind, err := compress.Open(br, limit)
	if kind == compress.Bzip2 {
		return nil, kind, fmt.Errorf("bzip2-compressed metadata is not supported (use gzip, xz or zstd)")
	}
	if err != nil {
		return nil, kind, fmt.Errorf("opening %s stream: %w", kindName(kind), err)
	}
	return rc, kind, nil
}

func kindName(k compress.Kind) string {
	if k == compress.None {
		return "uncompressed"
	}
	return string(k)
}

// Suffix returns the file-name suffix createrepo_c uses for a compression kind.
func Suffix(k compress.Kind) string {
	switch k {
	case compress.Gzip:
		return ".gz"
	case compress.Xz:
		return ".xz"
	case compress.Zstd:
		return ".zst"
	}
	return ""
}

// metadataLevel is the compression level for metadata: zlib's default for gzip and a
// middle zstd level; rpm's payload defaults (gzip 9, zstd 19) cost much time for little
// here.
func metadataLevel(k compress.Kind) int {
	switch k {
	case compress.Gzip:
		return 6
	case compress.Zstd:
		return 9
	}
	return 0
}

// Record compresses one metadata document and describes it for repomd.xml: checksums of
// the compressed and the open content, sizes, and the content-addressed location
// "repodata/<sha256>-<typ>.xml<suffix>" that createrepo_c's unique file names use.
func Record(typ string, open []byte, kind compress.Kind, timestamp int64) (Data, []byte, error) {
	var buf bytes.Buffer
	w, err := compress.NewWriter(kind, &buf, metadataLevel(kind))
	if err != nil {
		return Data{}, nil, fmt.Errorf("compressing %s: %w", typ, err)
	}
	if _, err := w.Write(open); err != nil {
		return Data{}, nil, fmt.Errorf("compressing %s: %w", typ, err)
	}
	if err := w.Close(); err != nil {
		return Data{}, nil, fmt.Errorf("compressing %s: %w", typ, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	osum := sha256.Sum256(open)
	hexSum := hex.EncodeToString(sum[:])
	d := Data{
		Type:       typ,
		Checksum:   Checksum{"sha256", hexSum},
		Location:   "repodata/" + hexSum + "-" + typ + ".xml" + Suffix(kind),
		Timestamp:  timestamp,
		Size:       int64(buf.Len()),
		OpenSize:   -1,
		HeaderSize: -1,
	}
	if kind != compress.None {
		d.OpenChecksum = Checksum{"sha256", hex.EncodeToString(osum[:])}
		d.OpenSize = int64(len(open))
	}
	return d, buf.Bytes(), nil
}
