package createrepo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/comps"
	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// groupRecords are the records of createrepo_c's --groupfile: the comps file as given
// ("group", <sha256>-<name>) and compressed ("group_gz", or group_zst/group_xz with those
// compressions, <sha256>-<name>.gz), the latter with the open checksum and size.
func groupRecords(name string, data []byte, kind compress.Kind, ts int64) ([]repomd.Data, [][]byte, error) {
	if _, err := comps.Parse(bytes.NewReader(data)); err != nil {
		return nil, nil, fmt.Errorf("group file %s: %w", name, err)
	}
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if base == "." || base == "/" || base == "" {
		base = "comps.xml"
	}
	osum := sha256.Sum256(data)
	open := hex.EncodeToString(osum[:])
	plain := repomd.Data{Type: "group", Checksum: repomd.Checksum{Type: "sha256", Value: open},
		Location: "repodata/" + open + "-" + base, Timestamp: ts, Size: int64(len(data)), OpenSize: -1, HeaderSize: -1}
	var buf bytes.Buffer
	w, err := compress.NewWriter(kind, &buf, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("compressing %s: %w", base, err)
	}
	if _, err := w.Write(data); err != nil {
		return nil, nil, fmt.Errorf("compressing %s: %w", base, err)
	}
	if err := w.Close(); err != nil {
		return nil, nil, fmt.Errorf("compressing %s: %w", base, err)
	}
	csum := sha256.Sum256(buf.Bytes())
	c := hex.EncodeToString(csum[:])
	typ := map[compress.Kind]string{compress.Gzip: "group_gz", compress.Zstd: "group_zst", compress.Xz: "group_xz"}[kind]
	packed := repomd.Data{Type: typ, Checksum: repomd.Checksum{Type: "sha256", Value: c}, OpenChecksum: repomd.Checksum{Type: "sha256", Value: open},
		Location: "repodata/" + c + "-" + base + repomd.Suffix(kind), Timestamp: ts, Size: int64(buf.Len()), OpenSize: int64(len(data)), HeaderSize: -1}
	return []repomd.Data{plain, packed}, [][]byte{data, buf.Bytes()}, nil
}
