package rpm

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/dep"
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

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
	cw := &countWriter{w: io.MultiWriter(zw, rawHash)}
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
	return &payloadInfo{compressed: buf.Bytes(), rawSize: cw.n, rawSHA256: rawHash.Sum(nil), packedSHA256: packed[:]}, nil
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

// mainHeader builds the main header: the fields of info, the file list, the payload
// description and the rpmlib() requirements for the format features the package uses.
func mainHeader(in *Info, p *payloadInfo) ([]byte, error) {
	b := NewHeaderBuilder()
	b.Strings(tag.Headeri18ntable, []string{"C"})
	b.String(tag.Name, in.Name)
	b.String(tag.Version, in.Version)
	b.String(tag.Release, in.Release)
	if in.Epoch != nil {
		b.Int32(tag.Epoch, *in.Epoch)
	}
	b.I18NString(tag.Summary, in.Summary)
	b.I18NString(tag.Description, in.Desc)
	b.Int32(tag.Buildtime, in.BuildTime)
	if in.BuildHost != "" {
		b.String(tag.Buildhost, in.BuildHost)
	}
	if in.Size >= 1<<32 {
		b.Int64(tag.Longsize, uint64(in.Size))
	} else {
		b.Int32(tag.Size, uint32(in.Size))
	}
	optional := []struct {
		t tag.Tag
		v string
	}{{tag.Vendor, in.Vendor}, {tag.Packager, in.Packager}, {tag.Url, in.URL}}
	for _, o := range optional {
		if o.v != "" {
			b.String(o.t, o.v)
		}
	}
	b.String(tag.License, in.License)
	group := in.Group
	if group == "" {
		group = "Unspecified"
	}
	b.I18NString(tag.Group, group)
	osName := in.OS
	if osName == "" {
		osName = "linux"
	}
	b.String(tag.Os, osName)
	b.String(tag.Arch, in.Arch)
	// rpm tells binary from source packages by the presence of SOURCERPM.
	srpm := in.SourceRPM
	if srpm == "" {
		srpm = in.Name + "-" + in.Version + "-" + in.Release + ".src.rpm"
	}
	b.String(tag.Sourcerpm, srpm)

	for _, s := range in.Scripts {
		st, ok := scriptTags[s.Kind]
		if !ok {
			return nil, fmt.Errorf("unknown scriptlet %q", s.Kind)
		}
		b.String(st.body, s.Body)
		switch len(s.Interp) {
		case 0:
			b.String(st.prog, "/bin/sh")
		case 1:
			b.String(st.prog, s.Interp[0])
		default:
			b.Strings(st.prog, s.Interp)
		}
	}

	writeFileList(b, in.Files)

	reqs := append(append([]dep.Dep(nil), in.Requires...), rpmlibRequires(in)...)
	for _, dt := range depTags {
		ds := *in.Deps(dt.kind)
		if dt.kind == dep.Requires {
			ds = reqs
		}
		if len(ds) == 0 {
			continue
		}
		names, vers := make([]string, len(ds)), make([]string, len(ds))
		flags := make([]uint32, len(ds))
		for k, d := range ds {
			names[k], vers[k], flags[k] = d.Name, d.Version, uint32(d.Flags)
		}
		b.Strings(dt.name, names)
		b.Int32(dt.flags, flags...)
		b.Strings(dt.version, vers)
	}

	if len(in.Changelog) > 0 {
		times := make([]uint32, len(in.Changelog))
		names, texts := make([]string, len(in.Changelog)), make([]string, len(in.Changelog))
		for k, c := range in.Changelog {
			times[k], names[k], texts[k] = c.Time, c.Name, c.Text
		}
		b.Int32(tag.Changelogtime, times...)
		b.Strings(tag.Changelogname, names)
		b.Strings(tag.Changelogtext, texts)
	}

	b.String(tag.Payloadformat, "cpio")
	b.String(tag.Payloadcompressor, in.PayloadCompressor)
	b.String(tag.Payloadflags, in.PayloadFlags)
	b.String(tag.Encoding, "utf-8")
	b.Strings(tag.Payloaddigest, []string{hex.EncodeToString(p.packedSHA256)})
	b.Int32(tag.Payloaddigestalgo, tag.DigestSHA256)
	b.Strings(tag.Payloaddigestalt, []string{hex.EncodeToString(p.rawSHA256)})
	if p.rawSize >= 1<<32 {
		b.Int64(tag.Longarchivesize, uint64(p.rawSize))
	}
	return b.Marshal(tag.Headerimmutable)
}

func writeFileList(b *HeaderBuilder, files []File) {
	if len(files) == 0 {
		return
	}
	n := len(files)
	var (
		sizes, mtimes, flags, verify, inodes, devs, dirIdx = make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)
		modes, rdevs                                       = make([]uint16, n), make([]uint16, n)
		digests, links, users, groups, langs, caps, bases  = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		dirs                                               []string
		dirIndex                                           = map[string]uint32{}
		anyCaps                                            bool
	)
	for k, f := range files {
		dir, base := splitPath(f.Path)
		di, ok := dirIndex[dir]
		if !ok {
			di = uint32(len(dirs))
			dirIndex[dir] = di
			dirs = append(dirs, dir)
		}
		dirIdx[k], bases[k] = di, base
		sizes[k], mtimes[k], flags[k], verify[k] = uint32(f.Size), f.Mtime, uint32(f.Flags), f.VerifyFlags
		inodes[k], devs[k] = f.Inode, f.Device
		modes[k], rdevs[k] = uint16(f.Mode), uint16(f.Rdev)
		digests[k], links[k], users[k], groups[k], langs[k], caps[k] = f.Digest, f.LinkTo, f.User, f.Group, f.Lang, f.Caps
		anyCaps = anyCaps || f.Caps != ""
	}
	b.Int32(tag.Filesizes, sizes...)
	b.Int16(tag.Filemodes, modes...)
	b.Int16(tag.Filerdevs, rdevs...)
	b.Int32(tag.Filemtimes, mtimes...)
	b.Strings(tag.Filedigests, digests)
	b.Strings(tag.Filelinktos, links)
	b.Int32(tag.Fileflags, flags...)
	b.Strings(tag.Fileusername, users)
	b.Strings(tag.Filegroupname, groups)
	b.Int32(tag.Fileverifyflags, verify...)
	b.Int32(tag.Filedevices, devs...)
	b.Int32(tag.Fileinodes, inodes...)
	b.Strings(tag.Filelangs, langs)
	b.Int32(tag.Dirindexes, dirIdx...)
	b.Strings(tag.Basenames, bases)
	b.Strings(tag.Dirnames, dirs)
	if anyCaps {
		b.Strings(tag.Filecaps, caps)
	}
	b.Int32(tag.Filedigestalgo, tag.DigestSHA256)
}

// rpmlibRequires lists the rpmlib() features rpm must have to install this package, the way
// rpmbuild computes them, sorted by name.
func rpmlibRequires(in *Info) []dep.Dep {
	feats := map[string]string{}
	if len(in.Files) > 0 {
		feats["CompressedFileNames"] = "3.0.4-1"
		feats["FileDigests"] = "4.6.0-1"
		feats["PayloadFilesHavePrefix"] = "4.0-1"
	}
	switch compress.Kind(in.PayloadCompressor) {
	case compress.Zstd:
		feats["PayloadIsZstd"] = "5.4.18-1"
	case compress.Xz:
		feats["PayloadIsXz"] = "5.2-1"
	}
	versions := []string{in.Version, in.Release}
	for _, dt := range depTags {
		for _, d := range *in.Deps(dt.kind) {
			if strings.HasPrefix(d.Name, "(") {
				feats["RichDependencies"] = "4.12.0-1"
			}
			versions = append(versions, d.Version)
		}
	}
	for _, v := range versions {
		if strings.Contains(v, "~") {
			feats["TildeInVersions"] = "4.10.0-1"
		}
		if strings.Contains(v, "^") {
			feats["CaretInVersions"] = "4.15.0-1"
		}
	}
	for _, f := range in.Files {
		if f.Caps != "" {
			feats["FileCaps"] = "4.6.1-1"
		}
		if f.Size >= 1<<32 {
			feats["LargeFiles"] = "4.12.0-1"
		}
	}
	for _, s := range in.Scripts {
		if len(s.Interp) > 0 && s.Interp[0] == "<lua>" {
			feats["BuiltinLuaScripts"] = "4.2.2-1"
		}
		if len(s.Interp) > 1 {
			feats["ScriptletInterpreterArgs"] = "4.0.3-1"
		}
	}
	names := make([]string, 0, len(feats))
	for n := range feats {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]dep.Dep, len(names))
	for k, n := range names {
		out[k] = dep.Dep{Name: "rpmlib(" + n + ")", Flags: dep.Rpmlib | dep.Less | dep.Equal, Version: feats[n]}
	}
	return out
}

// signatureHeader builds the signature header: SHA-1 and SHA-256 of the main header, MD5 and
// size of header+payload, the uncompressed payload size, and the OpenPGP header signature.
func signatureHeader(hdr []byte, p *payloadInfo, s Signer) ([]byte, error) {
	b := NewHeaderBuilder()
	sum := func(h hash.Hash, parts ...[]byte) []byte {
		for _, x := range parts {
			h.Write(x)
		}
		return h.Sum(nil)
	}
	b.String(tag.SigSHA1, hex.EncodeToString(sum(sha1.New(), hdr)))
	b.String(tag.SigSHA256, hex.EncodeToString(sum(sha256.New(), hdr)))
	total := int64(len(hdr)) + int64(len(p.compressed))
	if total >= 1<<32 || p.rawSize >= 1<<32 {
		b.Int64(tag.SigLongSize, uint64(total))
		b.Int64(tag.SigLongArchiveSize, uint64(p.rawSize))
	} else {
		b.Int32(tag.SigSize, uint32(total))
		b.Int32(tag.SigPayloadSize, uint32(p.rawSize))
	}
	b.Bin(tag.SigMD5, sum(md5.New(), hdr, p.compressed))
	if s != nil {
		sig, t, err := s.SignHeader(hdr)
		if err != nil {
			return nil, err
		}
		if t != tag.SigRSA && t != tag.SigDSA {
			return nil, fmt.Errorf("signer returned tag %d, want %d (RSA) or %d (DSA/EdDSA)", t, tag.SigRSA, tag.SigDSA)
		}
		b.Bin(t, sig)
	}
	return b.Marshal(tag.Headersignatures)
}
