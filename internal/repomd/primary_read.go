package repomd

import (
	"io"
	"strconv"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// depElements maps primary.xml's dependency containers to kinds.
var depElements = lazy.Value[map[string]dep.Kind]{New: func() map[string]dep.Kind {
	return map[string]dep.Kind{
		"provides":    dep.Provides,
		"requires":    dep.Requires,
		"conflicts":   dep.Conflicts,
		"obsoletes":   dep.Obsoletes,
		"recommends":  dep.Recommends,
		"suggests":    dep.Suggests,
		"supplements": dep.Supplements,
		"enhances":    dep.Enhances,
	}
}}

// Interner turns scanner bytes into strings. Readers call it for short, often repeated
// values (names, versions, arches, dependency names, file paths) so that a caller
// building a compact index can share one copy of each; the bytes are only valid during
// the call.
type Interner func([]byte) string

// smallInterner deduplicates the handful of values that repeat in every package (arch,
// flags, epoch, checksum type, file type) and copies everything else.
type smallInterner struct{ m map[string]string }

func (si *smallInterner) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > 16 {
		return string(b)
	}
	if s, ok := si.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(si.m) < 4096 {
		si.m[s] = s
	}
	return s
}

// PrimaryReader streams the packages of a primary.xml document.
type PrimaryReader struct {
	s *scanner
	// Count is the packages="N" attribute of <metadata>, or -1 when absent.
	Count int
	// Lean skips the free-text fields a resolver does not need (description, packager,
	// url, license, vendor, group, buildhost): loading an index gets faster and lighter.
	Lean bool
	// Text keeps description, url, license and packager when Lean is set.
	Text bool
	// Reuse makes Next fill and return the same Package on every call (its slices
	// reused); the caller must not keep it across calls.
	Reuse  bool
	intern Interner
	small  smallInterner
	n      int
	last   *Package
	// noOrdinal: the reader sees a chunk of the document, so package numbers are unknown.
	noOrdinal bool
	// arena collects dependencies (see closeDeps); chunkArena: it is reset per chunk by
	// the parallel reader rather than per package.
	arena      []Dep
	chunkArena bool
}

// NewPrimaryReader reads up to the <metadata> root element of an uncompressed
// primary.xml. intern may be nil.
func NewPrimaryReader(r io.Reader, intern Interner) (*PrimaryReader, error) {
	pr := &PrimaryReader{s: newScanner("primary.xml", r), Count: -1, small: smallInterner{map[string]string{}}}
	pr.intern = intern
	if pr.intern == nil {
		pr.intern = pr.small.intern
	}
	if err := openRoot(pr.s, "metadata", &pr.Count); err != nil {
		return nil, err
	}
	return pr, nil
}

// openRoot reads the root start tag and checks its name; count receives packages="N".
func openRoot(s *scanner, want string, count *int) error {
	k, err := s.next()
	if err != nil {
		return err
	}
	if k != tokStart || string(s.name) != want {
		return s.errorf("root element is not <%s>", want)
	}
	if v, ok := s.attr("packages"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 {
			return s.errorf("packages=%q is not a count", clip(v))
		}
		*count = n
	}
	return nil
}

// nextPackage advances to the next <package> start tag; io.EOF after the root closes.
func nextPackage(s *scanner) error {
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			if string(s.name) == "package" {
				return nil
			}
			if err := s.skip(); err != nil {
				return err
			}
		case tokEnd:
			if s.depth == 0 {
				// The root closed; nothing may follow but whitespace and comments.
				if k, err := s.next(); err != nil {
					return err
				} else if k != tokEOF {
					return s.errorf("content after the root element")
				}
				return io.EOF
			}
		case tokEOF:
			return io.EOF
		}
	}
}

// Next returns the next package, or io.EOF after the last one. Each call returns a new
// Package the caller may keep, unless Reuse is set.
func (pr *PrimaryReader) Next() (*Package, error) {
	var p *Package
	if pr.Reuse && pr.last != nil {
		p = pr.last
		resetPackage(p)
	} else {
		p = &Package{}
		pr.last = p
	}
	if err := pr.nextInto(p); err != nil {
		return nil, err
	}
	return p, nil
}

// resetPackage clears p, keeping the memory of its slices.
func resetPackage(p *Package) {
	var deps [len(p.Deps)][]Dep
	for k := range deps {
		deps[k] = p.Deps[k][:0]
	}
	*p = Package{Deps: deps, Files: p.Files[:0], Changelogs: p.Changelogs[:0]}
}

// nextInto reads the next package into p (which must be empty).
func (pr *PrimaryReader) nextInto(p *Package) error {
	s := pr.s
	if err := nextPackage(s); err != nil {
		return err
	}
	pr.n++
	startOff := s.base + int64(s.tokStart)
	startLine := s.lineAt(s.tokStart)
	if err := pr.readPackage(p); err != nil {
		return err
	}
	if p.Name == "" || p.PkgID == "" {
		what := "name"
		if p.Name != "" {
			what = "checksum"
		}
		e := s.errorf("package %d (%s) has no %s", pr.n, p.Name, what)
		if pr.noOrdinal {
			e = s.errorf("package (%s) has no %s", p.Name, what)
		}
		e.Offset, e.Line = startOff, startLine
		return e
	}
	return nil
}

func (pr *PrimaryReader) text() (string, error) {
	b, err := pr.s.readText()
	if err != nil {
		return "", err
	}
	return pr.s.str(b, pr.s.textStable, func(b []byte) string { return string(b) }), nil
}

func (pr *PrimaryReader) itext() (string, error) {
	b, err := pr.s.readText()
	if err != nil {
		return "", err
	}
	return pr.s.str(b, pr.s.textStable, pr.intern), nil
}

// readPackage fills p from the tokens up to </package>.
func (pr *PrimaryReader) readPackage(p *Package) error {
	s := pr.s
	small := pr.small.intern
	depth := s.depth
	var cur dep.Kind // the dependency container we are in, if any
	curStart := 0
	if !pr.chunkArena {
		pr.arena = pr.arena[:0]
	}
	for {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			return s.errorf("unexpected end of document inside <package>")
		case tokText:
			continue
		case tokEnd:
			if s.depth < depth {
				if cur != 0 {
					pr.closeDeps(p, cur, curStart)
				}
				return nil // </package>
			}
			if _, ok := depElements.Get()[string(s.name)]; ok && cur != 0 {
				pr.closeDeps(p, cur, curStart)
				cur = 0
			}
			continue
		}
		name := s.name
		switch string(name) {
		case "name":
			p.Name, err = pr.itext()
		case "arch":
			b, e := s.readText()
			p.Arch, err = s.str(b, s.textStable, small), e
		case "version":
			if p.Epoch, err = s.attrString("epoch", small); err == nil {
				if p.Version, err = s.attrString("ver", pr.intern); err == nil {
					p.Release, err = s.attrString("rel", pr.intern)
				}
			}
			if err == nil {
				err = s.skip()
			}
		case "checksum":
			if p.ChecksumType, err = s.attrString("type", small); err == nil {
				p.PkgID, err = pr.text()
			}
		case "summary":
			p.Summary, err = pr.text()
		case "description", "packager", "url", "license", "vendor", "group", "buildhost":
			if pr.Lean && !(pr.Text && (string(name) == "description" || string(name) == "url" || string(name) == "license" || string(name) == "packager")) {
				err = s.skip()
				break
			}
			// Pick the field before reading the text: reading may refill the scanner's
			// buffer, which name points into.
			var dst *string
			switch string(name) {
			case "description":
				dst = &p.Description
			case "packager":
				dst = &p.Packager
			case "url":
				dst = &p.URL
			case "license":
				dst = &p.License
			case "vendor":
				dst = &p.Vendor
			case "group":
				dst = &p.Group
			default:
				dst = &p.BuildHost
			}
			*dst, err = pr.text()
		case "time":
			if p.TimeFile, err = s.attrInt("file"); err == nil {
				p.TimeBuild, err = s.attrInt("build")
			}
			if err == nil {
				err = s.skip()
			}
		case "size":
			if p.SizePackage, err = s.attrInt("package"); err == nil {
				if p.SizeInstall, err = s.attrInt("installed"); err == nil {
					p.SizeArchive, err = s.attrInt("archive")
				}
			}
			if err == nil {
				err = s.skip()
			}
		case "location":
			if p.Location, err = s.attrString("href", pr.intern); err == nil {
				p.LocationBase, err = s.attrString("base", small)
			}
			if err == nil {
				err = s.skip()
			}
		case "format":
			// A container: its children are handled here.
		case "sourcerpm":
			p.SourceRPM, err = pr.text()
		case "header-range":
			if p.HeaderStart, err = s.attrInt("start"); err == nil {
				p.HeaderEnd, err = s.attrInt("end")
			}
			if err == nil {
				err = s.skip()
			}
		case "entry":
			if cur == 0 {
				err = s.skip()
				break
			}
			var d Dep
			d, err = pr.readEntry()
			if err == nil {
				pr.arena = append(pr.arena, d)
			}
		case "file":
			var f File
			if f.Type, err = s.attrString("type", small); err == nil {
				var b []byte
				if b, err = s.readText(); err == nil {
					f.Path = s.str(b, s.textStable, pr.intern)
					p.Files = append(p.Files, f)
				}
			}
		default:
			if kind, ok := depElements.Get()[string(name)]; ok {
				if cur != 0 {
					pr.closeDeps(p, cur, curStart) // nested containers: close the outer one
				}
				cur, curStart = kind, len(pr.arena)
				if s.selfClose {
					cur = 0
				}
				break
			}
			err = s.skip()
		}
		if err != nil {
			return err
		}
	}
}

// closeDeps stores the dependencies collected since start as p's list of kind k. They are
// gathered in one arena per package (or per chunk) so that reading does not grow a slice
// per list; callers that keep packages get an exact-size copy.
func (pr *PrimaryReader) closeDeps(p *Package, k dep.Kind, start int) {
	seg := pr.arena[start:len(pr.arena):len(pr.arena)]
	switch {
	case len(seg) == 0:
	case len(p.Deps[k]) > 0: // a second container of the same kind
		p.Deps[k] = append(p.Deps[k], seg...)
	case pr.Reuse || pr.chunkArena:
		p.Deps[k] = seg
	default:
		p.Deps[k] = append([]Dep(nil), seg...)
	}
}

// readEntry reads an <rpm:entry> dependency.
func (pr *PrimaryReader) readEntry() (Dep, error) {
	s := pr.s
	var d Dep
	var err error
	if d.Name, err = s.attrString("name", pr.intern); err != nil {
		return d, err
	}
	if d.Name == "" {
		return d, s.errorf("dependency entry without a name")
	}
	if d.Flags, err = s.attrString("flags", pr.small.intern); err != nil {
		return d, err
	}
	if d.Epoch, err = s.attrString("epoch", pr.small.intern); err != nil {
		return d, err
	}
	if d.Version, err = s.attrString("ver", pr.intern); err != nil {
		return d, err
	}
	if d.Release, err = s.attrString("rel", pr.intern); err != nil {
		return d, err
	}
	if v, ok := s.attr("pre"); ok {
		d.Pre = string(v) == "1" || string(v) == "true"
	}
	return d, s.skip()
}

// ReadPrimary calls fn for every package of an uncompressed primary.xml.
func ReadPrimary(r io.Reader, fn func(*Package) error) error {
	pr, err := NewPrimaryReader(r, nil)
	if err != nil {
		return err
	}
	for {
		p, err := pr.Next()
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
