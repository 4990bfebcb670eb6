package repomd

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/nimbus-linux/nimbus/internal/compress"

	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

// zckDict is the raw-content zstd dictionary every .zck document carries: a
// skeleton of rpm-md entries (tags, common dependencies and paths), so that
// chunks of one or two packages still compress well. It must stay the same
// across releases: a file with another dictionary shares no chunk with the
// previous one, and the next refresh downloads it whole.
//
//go:embed zck.dict
var zckDict []byte

// ZckRecord (zstd at klauspost's "better" level: its best level is twenty
// times slower with a dictionary for 0.1% less) writes an uncompressed metadata document as a zchunk file cut at
// package boundaries and returns its repomd record as createrepo_c --zck writes
// it: type "<typ>_zck", checksum and size of the .zck file, open-checksum and
// open-size of the document, header-checksum (SHA-256) and header-size.
func ZckRecord(typ string, open []byte, timestamp int64) (Data, []byte, error) {
	var buf bytes.Buffer
	h, err := zchunk.Write(&buf, zchunk.Split(open, zchunk.SplitOptions{Every: 2}), zchunk.WriteOptions{Dict: zckDict, Level: 3})
	if err != nil {
		return Data{}, nil, fmt.Errorf("writing %s as zchunk: %w", typ, err)
	}
	sum := sha256.Sum256(buf.Bytes())
	osum := sha256.Sum256(open)
	hexSum := hex.EncodeToString(sum[:])
	return Data{
		Type:           typ + "_zck",
		Checksum:       Checksum{"sha256", hexSum},
		OpenChecksum:   Checksum{"sha256", hex.EncodeToString(osum[:])},
		HeaderChecksum: Checksum{zchunk.HashName(h.HashType), h.HeaderChecksumHex()},
		Location:       "repodata/" + hexSum + "-" + typ + ".xml.zck",
		Timestamp:      timestamp,
		Size:           int64(buf.Len()),
		OpenSize:       int64(len(open)),
		HeaderSize:     h.Size,
	}, buf.Bytes(), nil
}

// Zchunk is the kind Decompress reports for a zchunk file.
const Zchunk compress.Kind = "zchunk"

// zckReader streams the content of a zchunk file; every chunk and the data
// checksum are verified, and an error surfaces on the read that reaches it.
func zckReader(r io.Reader, limit int64) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		_, err := zchunk.Decompress(r, pw, limit)
		pw.CloseWithError(err)
	}()
	return pr
}
