package pkgdesc

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// source serves file contents to the rpm writer: inline content or a path in fsys.
type source struct {
	fsys    fs.FS
	content map[string]string // package path -> inline content
	paths   map[string]string // package path -> path in fsys
}

func (s *source) Open(f *rpm.File) (io.ReadCloser, error) {
	if c, ok := s.content[f.Path]; ok {
		return io.NopCloser(strings.NewReader(c)), nil
	}
	if p, ok := s.paths[f.Path]; ok {
		return s.fsys.Open(p)
	}
	return nil, fmt.Errorf("no content for %s", f.Path)
}

// collectFiles builds the file list: everything under Root, then the Files entries, which
// add files or override attributes of what Root gave.
func (p *Package) collectFiles(fsys fs.FS, src *source, opts Options) ([]rpm.File, error) {
	byPath := map[string]*rpm.File{}
	var order []string
	add := func(f rpm.File) {
		if _, ok := byPath[f.Path]; !ok {
			order = append(order, f.Path)
		}
		byPath[f.Path] = &f
	}
	mtime := func(fi fs.FileInfo) uint32 {
		if opts.Clamp || fi == nil {
			return uint32(opts.BuildTime.Unix())
		}
		return uint32(fi.ModTime().Unix())
	}

	if p.Root != "" {
		root := path.Clean(p.Root)
		err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("root %s: %w", p.Root, err)
			}
			if d.IsDir() {
				return nil // directories are owned only when listed with dir: true
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(name, root)
			if root == "." {
				rel = "/" + name
			}
			f := rpm.File{Path: rel, Mtime: mtime(fi)}
			switch {
			case fi.Mode().IsRegular():
				f.Mode = rpm.ModeRegular | uint32(fi.Mode().Perm()) | specialBits(fi.Mode())
				f.Size = fi.Size()
				src.paths[f.Path] = name
			case fi.Mode()&fs.ModeSymlink != 0:
				target, err := fs.ReadLink(fsys, name)
				if err != nil {
					return fmt.Errorf("root %s: reading link %s: %w", p.Root, name, err)
				}
				f.Mode, f.LinkTo = rpm.ModeSymlink|0o777, target
			default:
				return fmt.Errorf("root %s: %s is not a regular file, symlink or directory", p.Root, name)
			}
			add(f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	for i, e := range p.Files {
		field := fmt.Sprintf("files[%d] (%s)", i, e.Path)
		f, ok := byPath[e.Path]
		if !ok || e.Src != "" || e.Content != "" || e.Symlink != "" || e.Dir {
			nf := rpm.File{Path: e.Path, Mtime: uint32(opts.BuildTime.Unix())}
			switch {
			case e.Dir:
				nf.Mode = rpm.ModeDir | 0o755
			case e.Symlink != "":
				nf.Mode, nf.LinkTo = rpm.ModeSymlink|0o777, e.Symlink
			case e.Content != "":
				nf.Mode, nf.Size = rpm.ModeRegular|0o644, int64(len(e.Content))
				src.content[e.Path] = e.Content
			case e.Src != "":
				fi, err := fs.Stat(fsys, path.Clean(e.Src))
				if err != nil {
					return nil, fmt.Errorf("%s: src: %w", field, err)
				}
				if !fi.Mode().IsRegular() {
					return nil, fmt.Errorf("%s: src %s is not a regular file", field, e.Src)
				}
				nf.Mode = rpm.ModeRegular | uint32(fi.Mode().Perm()) | specialBits(fi.Mode())
				nf.Size, nf.Mtime = fi.Size(), mtime(fi)
				src.paths[e.Path] = path.Clean(e.Src)
			case e.Ghost:
				nf.Mode = rpm.ModeRegular | 0o644
			default:
				return nil, fmt.Errorf("%s: not under root, and no src, content, symlink, dir or ghost says what it is", field)
			}
			add(nf)
			f = byPath[e.Path]
		}
		if e.Mode != "" {
			m, _ := strconv.ParseUint(e.Mode, 8, 32)
			f.Mode = f.Mode&rpm.ModeType | uint32(m)
		}
		f.User, f.Group = e.Owner, e.Group
		switch e.Config {
		case "true":
			f.Flags |= tag.FileConfig
		case "noreplace":
			f.Flags |= tag.FileConfig | tag.FileNoReplace
		}
		if e.Doc {
			f.Flags |= tag.FileDoc
		}
		if e.License {
			f.Flags |= tag.FileLicense
		}
		if e.MissingOK {
			f.Flags |= tag.FileMissingOK
		}
		if e.Ghost {
			f.Flags |= tag.FileGhost
			f.Size = 0
			delete(src.content, f.Path)
			delete(src.paths, f.Path)
		}
		f.Caps = e.Caps
	}

	files := make([]rpm.File, 0, len(order))
	for _, pth := range order {
		f := byPath[pth]
		if f.User == "" {
			f.User = p.DefaultOwner
		}
		if f.Group == "" {
			f.Group = p.DefaultGroup
		}
		files = append(files, *f)
	}
	return files, nil
}

// specialBits maps Go's setuid/setgid/sticky mode bits to st_mode bits.
func specialBits(m fs.FileMode) uint32 {
	var b uint32
	if m&fs.ModeSetuid != 0 {
		b |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		b |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		b |= 0o1000
	}
	return b
}
