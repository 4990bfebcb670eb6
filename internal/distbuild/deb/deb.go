package deb

import (
	"archive/tar"
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/compress"
)

// Limits bound what reading a .deb may allocate.
type Limits struct {
	MaxUnpacked int64 // total bytes of data.tar contents (default 2 GiB)
	MaxControl  int64 // bytes of control.tar (default 16 MiB)
}

func (l Limits) withDefaults() Limits {
	if l.MaxUnpacked == 0 {
		l.MaxUnpacked = 2 << 30
	}
	if l.MaxControl == 0 {
		l.MaxControl = 16 << 20
	}
	return l
}

// Entry is one file of the data tarball.
type Entry struct {
	Path     string // absolute, clean: "/usr/bin/bash"
	Mode     uint32 // st_mode: type and permission bits (setuid/setgid/sticky included)
	Uname    string
	Gname    string
	UID, GID int
	Link     string // symlink target
	Hardlink string // absolute path of the entry this one is a hard link to
	Data     []byte // regular file contents
}

// File type bits of st_mode.
const (
	ModeDir     = 0o040000
	ModeRegular = 0o100000
	ModeSymlink = 0o120000
)

// IsDir, IsRegular and IsSymlink report the entry's type.
func (e *Entry) IsDir() bool     { return e.Mode&0o170000 == ModeDir }
func (e *Entry) IsRegular() bool { return e.Mode&0o170000 == ModeRegular }
func (e *Entry) IsSymlink() bool { return e.Mode&0o170000 == ModeSymlink }

// Package is a parsed .deb.
type Package struct {
	Control Stanza
	// Scripts and other control members: "conffiles", "postinst", "md5sums", ...
	ControlFiles map[string][]byte
	Files        []Entry
}

// Read parses a .deb: debian-binary must say 2.x, then control.tar.* and data.tar.*
// (compressed with gzip, xz or zstd, or not at all).
func Read(r io.Reader, lim Limits) (*Package, error) {
	lim = lim.withDefaults()
	ar, err := newArReader(r)
	if err != nil {
		return nil, err
	}
	p := &Package{ControlFiles: map[string][]byte{}}
	var sawVersion, sawControl, sawData bool
	for {
		m, err := ar.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case m.Name == "debian-binary":
			b, err := io.ReadAll(io.LimitReader(ar.member(m), 64))
			if err != nil {
				return nil, fmt.Errorf("reading debian-binary: %w", err)
			}
			if !strings.HasPrefix(string(b), "2.") {
				return nil, fmt.Errorf("%w: format version %q, want 2.x", ErrFormat, strings.TrimSpace(string(b)))
			}
			sawVersion = true
		case strings.HasPrefix(m.Name, "control.tar"):
			if !sawVersion {
				return nil, fmt.Errorf("%w: %s before debian-binary", ErrFormat, m.Name)
			}
			if err := p.readControl(ar.member(m), m.Name, lim); err != nil {
				return nil, err
			}
			sawControl = true
		case strings.HasPrefix(m.Name, "data.tar"):
			if !sawControl {
				return nil, fmt.Errorf("%w: %s before control.tar", ErrFormat, m.Name)
			}
			if err := p.readData(ar.member(m), m.Name, lim); err != nil {
				return nil, err
			}
			sawData = true
		case strings.HasPrefix(m.Name, "_"):
			// members starting with '_' are reserved and ignored by dpkg
		default:
			return nil, fmt.Errorf("%w: unexpected member %q", ErrFormat, m.Name)
		}
	}
	if !sawData {
		return nil, fmt.Errorf("%w: no data.tar member", ErrFormat)
	}
	c, ok := p.ControlFiles["control"]
	if !ok {
		return nil, fmt.Errorf("%w: control.tar has no control file", ErrFormat)
	}
	if p.Control, err = ParseControl(c); err != nil {
		return nil, fmt.Errorf("control file: %w", err)
	}
	return p, nil
}

// decompress opens a tar member whatever its compression, bounded to max bytes.
func decompress(r io.Reader, name string, max int64) (io.ReadCloser, error) {
	br := bufio.NewReader(r)
	prefix, _ := br.Peek(8)
	kind := compress.Detect(prefix)
	switch {
	case strings.HasSuffix(name, ".tar"):
		kind = compress.None
	case kind == compress.None:
		return nil, fmt.Errorf("%w: %s: unknown compression", ErrFormat, name)
	}
	rc, err := compress.NewReader(kind, br)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFormat, name, err)
	}
	return compress.NewLimitedReader(rc, max), nil
}

func (p *Package) readControl(r io.Reader, name string, lim Limits) error {
	rc, err := decompress(r, name, lim.MaxControl)
	if err != nil {
		return err
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrFormat, name, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return fmt.Errorf("%w: %s: %s: %w", ErrFormat, name, h.Name, err)
		}
		p.ControlFiles[path.Base(h.Name)] = b
	}
}

func (p *Package) readData(r io.Reader, name string, lim Limits) error {
	rc, err := decompress(r, name, lim.MaxUnpacked)
	if err != nil {
		return err
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrFormat, name, err)
		}
		pth, ok := cleanPath(h.Name)
		if !ok {
			return fmt.Errorf("%w: %s: unsafe path %q", ErrFormat, name, h.Name)
		}
		if pth == "/" {
			continue
		}
		if seen[pth] {
			return fmt.Errorf("%w: %s: %s appears twice", ErrFormat, name, pth)
		}
		seen[pth] = true
		e := Entry{Path: pth, Uname: h.Uname, Gname: h.Gname, UID: h.Uid, GID: h.Gid, Mode: uint32(h.Mode) & 0o7777}
		switch h.Typeflag {
		case tar.TypeDir:
			e.Mode |= ModeDir
		case tar.TypeReg:
			e.Mode |= ModeRegular
			if h.Size > lim.MaxUnpacked {
				return fmt.Errorf("%w: %s: %s is %d bytes", ErrFormat, name, pth, h.Size)
			}
			if e.Data, err = io.ReadAll(tr); err != nil {
				return fmt.Errorf("%w: %s: %s: %w", ErrFormat, name, pth, err)
			}
		case tar.TypeSymlink:
			e.Mode |= ModeSymlink
			e.Link = h.Linkname
		case tar.TypeLink:
			target, ok := cleanPath(h.Linkname)
			if !ok || !seen[target] {
				return fmt.Errorf("%w: %s: hard link %s to %q, which is not an earlier entry", ErrFormat, name, pth, h.Linkname)
			}
			e.Mode |= ModeRegular
			e.Hardlink = target
			for i := range p.Files {
				if p.Files[i].Path == target {
					e.Data = p.Files[i].Data
					e.Mode = p.Files[i].Mode
				}
			}
		default:
			return fmt.Errorf("%w: %s: %s has unsupported tar type %q", ErrFormat, name, pth, h.Typeflag)
		}
		p.Files = append(p.Files, e)
	}
}

// cleanPath turns a tar name ("./usr/bin/x") into an absolute clean path, refusing
// names that climb out of the root.
func cleanPath(name string) (string, bool) {
	if strings.Contains(name, "\x00") {
		return "", false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", false
		}
	}
	return path.Clean("/" + name), true
}
