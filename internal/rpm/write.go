package rpm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/iocount"
	"github.com/nimbus-linux/nimbus/internal/rpm/cpio"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Source opens the content of a regular file of the package being written.
type Source interface {
	Open(f *File) (io.ReadCloser, error)
}

// Signer makes the header-only OpenPGP signature rpm 4.18 checks: a detached signature of
// the main header bytes, and the signature-header tag it belongs in (SigRSA for RSA keys,
// SigDSA for DSA and EdDSA keys, as rpmsign files them).
type Signer interface {
	SignHeader(header []byte) (sig []byte, t tag.Tag, err error)
}

// WriteOptions control the payload and the signature.
type WriteOptions struct {
	Compressor compress.Kind // default zstd
	Level      int           // default 19 for zstd, 9 for gzip, 6 for xz
	Signer     Signer        // nil: unsigned (digests only)
}

// Write writes a complete package file for info to w. Regular files' contents come from
// src; their digests and the header's derived fields (inodes, rpmlib() requirements, sizes)
// are computed here, so the file list only needs paths, modes, owners, flags and mtimes.
// Output is a pure function of the inputs: the same info and contents give the same bytes.
func Write(w io.Writer, info *Info, src Source, opts WriteOptions) error {
	in := *info
	in.Files = append([]File(nil), info.Files...)
	if err := prepareFiles(in.Files); err != nil {
		return fmt.Errorf("package %s: %w", in.Name, err)
	}
	if opts.Compressor == "" {
		opts.Compressor = compress.Zstd
	}
	if opts.Level == 0 {
		opts.Level = map[compress.Kind]int{compress.Zstd: 19, compress.Gzip: 9, compress.Xz: 6}[opts.Compressor]
	}
	in.PayloadCompressor = string(opts.Compressor)
	in.PayloadFlags = strconv.Itoa(opts.Level)

	payload, err := writePayload(in.Files, src, opts)
	if err != nil {
		return fmt.Errorf("package %s: payload: %w", in.Name, err)
	}
	in.Size = 0
	for _, f := range in.Files {
		in.Size += f.Size
	}
	hdr, err := mainHeader(&in, payload)
	if err != nil {
		return fmt.Errorf("package %s: header: %w", in.Name, err)
	}
	sig, err := signatureHeader(hdr, payload, opts.Signer)
	if err != nil {
		return fmt.Errorf("package %s: signature: %w", in.Name, err)
	}
	out := appendLead(make([]byte, 0, leadSize+len(sig)+8), in.Name+"-"+in.Version+"-"+in.Release, in.Arch, false)
	out = append(out, sig...)
	if pad := (8 - len(sig)%8) % 8; pad > 0 {
		out = append(out, make([]byte, pad)...)
	}
	out = append(out, hdr...)
	if _, err := w.Write(out); err != nil {
		return err
	}
	_, err = w.Write(payload.compressed)
	return err
}

// prepareFiles sorts the file list by path, rejects bad or duplicate paths, and fills in
// the fields rpm derives: inode numbers, devices, verify flags, symlink and directory sizes.
func prepareFiles(files []File) error {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for k := range files {
		f := &files[k]
		if !strings.HasPrefix(f.Path, "/") || path.Clean(f.Path) != f.Path || f.Path == "/" {
			return fmt.Errorf("file %q: path must be absolute and clean", f.Path)
		}
		if k > 0 && files[k-1].Path == f.Path {
			return fmt.Errorf("file %q listed twice", f.Path)
		}
		switch f.Mode & ModeType {
		case ModeRegular:
		case ModeDir:
			f.Size = 0
		case ModeSymlink:
			if f.LinkTo == "" {
				return fmt.Errorf("symlink %q has no target", f.Path)
			}
			f.Size = int64(len(f.LinkTo))
		case ModeChar, ModeBlock, ModeFIFO:
			f.Size = 0
		default:
			return fmt.Errorf("file %q: unsupported file type in mode %o", f.Path, f.Mode)
		}
		if f.Mode&ModeType != ModeSymlink {
			f.LinkTo = ""
		}
		if f.Size >= 1<<32-1 {
			return fmt.Errorf("file %q: %d bytes exceeds the 4 GiB cpio limit", f.Path, f.Size)
		}
		if f.User == "" {
			f.User = "root"
		}
		if f.Group == "" {
			f.Group = "root"
		}
		f.Inode = uint32(k + 1)
		f.Device = 1
		if f.VerifyFlags == 0 {
			f.VerifyFlags = 0xffffffff
		}
	}
	return nil
}

type payloadInfo struct {
	compressed   []byte
	rawSize      int64
	rawSHA256    []byte
	packedSHA256 []byte
}

// writePayload writes the cpio archive of all non-ghost files through the compressor into
// memory, computing each regular file's SHA-256 on the way.
func writePayload(files []File, src Source, opts WriteOptions) (*payloadInfo, error) {
	var buf bytes.Buffer
	zw, err := compress.NewWriter(opts.Compressor, &buf, opts.Level)
	if err != nil {
		return nil, err
	}
	rawHash := sha256.New()
	cw := &iocount.Writer{W: io.MultiWriter(zw, rawHash)}
	ar := cpio.NewWriter(cw)
	for k := range files {
		f := &files[k]
		if f.IsGhost() {
			if f.IsRegular() {
				f.Digest = ""
			}
			continue
		}
		h := &cpio.Header{
			Name: "." + f.Path, Ino: f.Inode, Mode: f.Mode, Nlink: 1, Mtime: f.Mtime,
			Size: f.Size, DevMajor: 0, DevMinor: f.Device,
			RdevMajor: f.Rdev >> 8, RdevMinor: f.Rdev & 0xff,
		}
		if f.IsDir() {
			h.Nlink = 2
		}
		if err := ar.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		switch {
		case f.IsRegular():
			d, err := copyFile(ar, f, src)
			if err != nil {
				return nil, err
			}
			f.Digest = d
		case f.IsSymlink():
			if _, err := io.WriteString(ar, f.LinkTo); err != nil {
				return nil, err
			}
		}
	}
	if err := ar.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	packed := sha256.Sum256(buf.Bytes())
	return &payloadInfo{compressed: buf.Bytes(), rawSize: cw.N, rawSHA256: rawHash.Sum(nil), packedSHA256: packed[:]}, nil
}

func copyFile(w io.Writer, f *File, src Source) (string, error) {
	if src == nil {
		return "", fmt.Errorf("%s: no source for file contents", f.Path)
	}
	rc, err := src.Open(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", f.Path, err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(rc, f.Size+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", f.Path, err)
	}
	if n != f.Size {
		return "", fmt.Errorf("%s: content has %d bytes, the file list says %d", f.Path, n, f.Size)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
