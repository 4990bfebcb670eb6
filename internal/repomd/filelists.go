package repomd

import (
	"io"
)

// ExtraReader streams the packages of filelists.xml or other.xml. Each package comes back
// as a Package carrying only its identity (PkgID, Name, Arch, Epoch, Version, Release) and
// its Files (filelists.xml, with FullFiles set) or Changelogs (other.xml).
type ExtraReader struct {
	s      *scanner
	Count  int // packages="N" of the root, -1 when absent
	intern Interner
	small  smallInterner
	n      int
}

// NewFilelistsReader reads up to the <filelists> root of an uncompressed filelists.xml.
func NewFilelistsReader(r io.Reader, intern Interner) (*ExtraReader, error) {
	return newExtraReader("filelists.xml", "filelists", r, intern)
}

// NewOtherReader reads up to the <otherdata> root of an uncompressed other.xml.
func NewOtherReader(r io.Reader, intern Interner) (*ExtraReader, error) {
	return newExtraReader("other.xml", "otherdata", r, intern)
}

func newExtraReader(doc, root string, r io.Reader, intern Interner) (*ExtraReader, error) {
	er := &ExtraReader{s: newScanner(doc, r), Count: -1, small: smallInterner{map[string]string{}}}
	er.intern = intern
	if er.intern == nil {
		er.intern = er.small.intern
	}
	if err := openRoot(er.s, root, &er.Count); err != nil {
		return nil, err
	}
	return er, nil
}

// Next returns the next package, or io.EOF after the last one.
func (er *ExtraReader) Next() (*Package, error) {
	s := er.s
	if err := nextPackage(s); err != nil {
		return nil, err
	}
	er.n++
	startOff := s.base + int64(s.tokStart)
	startLine := s.lineAt(s.tokStart)
	p := &Package{FullFiles: s.doc == "filelists.xml"}
	var err error
	if p.PkgID, err = s.attrString("pkgid", er.small.intern); err != nil {
		return nil, err
	}
	if p.Name, err = s.attrString("name", er.intern); err != nil {
		return nil, err
	}
	if p.Arch, err = s.attrString("arch", er.small.intern); err != nil {
		return nil, err
	}
	if p.PkgID == "" || p.Name == "" {
		e := s.errorf("package %d (%s) has no pkgid or name", er.n, p.Name)
		e.Offset, e.Line = startOff, startLine
		return nil, e
	}
	if s.selfClose {
		_, err := s.next()
		return p, err
	}
	depth := s.depth
	for {
		k, err := s.next()
		if err != nil {
			return nil, err
		}
		switch k {
		case tokEOF:
			return nil, s.errorf("unexpected end of document inside <package>")
		case tokEnd:
			if s.depth < depth {
				return p, nil
			}
		case tokStart:
			switch string(s.name) {
			case "version":
				if p.Epoch, err = s.attrString("epoch", er.small.intern); err == nil {
					if p.Version, err = s.attrString("ver", er.intern); err == nil {
						p.Release, err = s.attrString("rel", er.intern)
					}
				}
				if err == nil {
					err = s.skip()
				}
			case "file":
				var f File
				if f.Type, err = s.attrString("type", er.small.intern); err == nil {
					var b []byte
					if b, err = s.readText(); err == nil {
						f.Path = er.intern(b)
						p.Files = append(p.Files, f)
					}
				}
			case "changelog":
				var c Changelog
				if c.Author, err = s.attrString("author", er.intern); err == nil {
					if c.Date, err = s.attrInt("date"); err == nil {
						var b []byte
						if b, err = s.readText(); err == nil {
							c.Text = string(b)
							p.Changelogs = append(p.Changelogs, c)
						}
					}
				}
			default:
				err = s.skip()
			}
			if err != nil {
				return nil, err
			}
		}
	}
}

// ReadFilelists calls fn for every package of an uncompressed filelists.xml.
func ReadFilelists(r io.Reader, fn func(*Package) error) error {
	er, err := NewFilelistsReader(r, nil)
	if err != nil {
		return err
	}
	return er.each(fn)
}

// ReadOther calls fn for every package of an uncompressed other.xml.
func ReadOther(r io.Reader, fn func(*Package) error) error {
	er, err := NewOtherReader(r, nil)
	if err != nil {
		return err
	}
	return er.each(fn)
}

func (er *ExtraReader) each(fn func(*Package) error) error {
	for {
		p, err := er.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
}
