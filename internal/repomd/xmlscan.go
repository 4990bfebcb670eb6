package repomd

import (
	"bytes"
	"fmt"
	"io"
	"unsafe"
)

// The scanner is a pull tokenizer for the XML that rpm-md documents use: elements with
// attributes, character data, entity and character references, CDATA sections, comments,
// processing instructions and a DOCTYPE without an internal subset. It does not build a
// tree and does not allocate per token: names, attribute values and text are slices of its
// buffer, valid until the next call to next. Namespace prefixes are dropped (local names
// are compared), which is what every rpm-md reader does in practice.
//
// Limits: a single token (one tag, one run of text) may not exceed maxToken bytes, so a
// hostile document cannot make the scanner buffer without bound.

const (
	initialBuffer = 64 << 10
	maxToken      = 16 << 20
	maxDepth      = 256
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type xmlAttr struct {
	name  []byte // local name
	value []byte // raw, entities not yet decoded
}

// ParseError is a malformed or incomplete document: which document, where and what.
type ParseError struct {
	Doc    string // "primary.xml", "filelists.xml", ...
	Line   int    // 1-based line of the offending token
	Offset int64  // byte offset of the offending token in the uncompressed document
	Msg    string
	Err    error // underlying cause, if any (a read or decompression error)
}

func (e *ParseError) Error() string {
	s := fmt.Sprintf("%s:%d (offset %d): %s", e.Doc, e.Line, e.Offset, e.Msg)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *ParseError) Unwrap() error { return e.Err }

type scanner struct {
	doc     string
	r       io.Reader
	buf     []byte
	pos     int   // next unread byte
	end     int   // end of valid data
	base    int64 // stream offset of buf[0]
	lineNo  int   // newlines in the stream before buffer position linePos
	linePos int
	rerr    error // sticky read error (io.EOF at the end of input)

	// The current token.
	kind      tokKind
	name      []byte
	attrs     []xmlAttr
	text      []byte
	textRaw   bool // text is a CDATA section: no entity decoding
	selfClose bool
	tokStart  int // buffer position where the current token started
	depth     int
	pendEnd   bool // a self-closing start was returned; the matching end comes next
	rootSeen  bool

	scratch []byte // entity-decoding buffer
	tbuf    []byte // text of the current leaf element
	// stable: the whole document is in buf (newBytesScanner), so slices of it stay valid;
	// textStable: the last readText result is such a slice.
	stable     bool
	textStable bool
	// cut, when positive, is where a chunk's real data ends and its synthetic closing
	// tag begins: no token may span it, and that tag must close the root.
	cut int
}

func newScanner(doc string, r io.Reader) *scanner {
	return &scanner{doc: doc, r: r, buf: make([]byte, initialBuffer)}
}

// newBytesScanner scans a complete in-memory document. Its buffer never moves, so
// undecoded names, values and text are stable: stableString hands them out without a
// copy. base and line place data in a larger stream for error positions.
func newBytesScanner(doc string, data []byte, base int64, line int) *scanner {
	return &scanner{doc: doc, buf: data, end: len(data), rerr: io.EOF, base: base, lineNo: line, stable: true}
}

// str returns b as a string: without a copy when b is stable scanner memory, else through
// intern.
func (s *scanner) str(b []byte, stable bool, intern func([]byte) string) string {
	if len(b) == 0 {
		return ""
	}
	if stable && s.stable {
		return unsafe.String(&b[0], len(b))
	}
	return intern(b)
}

// errorf reports a problem at the current token.
func (s *scanner) errorf(format string, args ...any) *ParseError {
	return s.errAt(s.tokStart, nil, format, args...)
}

func (s *scanner) errAt(pos int, cause error, format string, args ...any) *ParseError {
	if pos > s.end {
		pos = s.end
	}
	if pos < 0 {
		pos = 0
	}
	return &ParseError{
		Doc:    s.doc,
		Line:   s.lineAt(pos),
		Offset: s.base + int64(pos),
		Msg:    fmt.Sprintf(format, args...),
		Err:    cause,
	}
}

// lineAt returns the 1-based line of buffer position pos. Counting advances
// incrementally, so calling it once per package costs one pass over the input.
func (s *scanner) lineAt(pos int) int {
	if pos >= s.linePos {
		s.lineNo += bytes.Count(s.buf[s.linePos:pos], []byte{'\n'})
		s.linePos = pos
		return s.lineNo + 1
	}
	return s.lineNo + 1 - bytes.Count(s.buf[pos:s.linePos], []byte{'\n'})
}

// fill reads more input, compacting the buffer first. It returns false at the end of
// input; a read error other than io.EOF is returned as an error.
func (s *scanner) fill() (bool, error) {
	if s.rerr != nil {
		if s.rerr == io.EOF {
			return false, nil
		}
		return false, s.errAt(s.end, s.rerr, "reading")
	}
	if s.tokStart > 0 {
		// Keep the current token; drop everything before it.
		drop := s.tokStart
		if s.linePos < drop {
			s.lineNo += bytes.Count(s.buf[s.linePos:drop], []byte{'\n'})
			s.linePos = drop
		}
		s.linePos -= drop
		copy(s.buf, s.buf[drop:s.end])
		s.base += int64(drop)
		s.end -= drop
		s.pos -= drop
		s.tokStart = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			return false, s.errAt(0, nil, "token longer than %d bytes", maxToken)
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
			if err != io.EOF {
				return false, s.errAt(s.end, err, "reading")
			}
			return n > 0, nil
		}
		if n > 0 {
			return true, nil
		}
	}
	s.rerr = io.ErrNoProgress
	return false, s.errAt(s.end, io.ErrNoProgress, "reading")
}

// indexFrom finds sep at or after buffer position from, reading more input as needed.
// It returns the buffer position of sep or -1 at the end of input.
func (s *scanner) indexFrom(from int, sep []byte) (int, error) {
	for {
		if from < s.end {
			var i int
			if len(sep) == 1 {
				i = bytes.IndexByte(s.buf[from:s.end], sep[0])
			} else {
				i = bytes.Index(s.buf[from:s.end], sep)
			}
			if i >= 0 {
				return from + i, nil
			}
		}
		// Rescan the last len(sep)-1 bytes after refilling; positions shift on compaction.
		rel := s.end - len(sep) + 1 - s.tokStart
		if rel < from-s.tokStart {
			rel = from - s.tokStart
		}
		more, err := s.fill()
		if err != nil {
			return -1, err
		}
		if !more {
			return -1, nil
		}
		from = s.tokStart + rel
	}
}

// next advances to the next token. Comments, processing instructions and the DOCTYPE
// are skipped. At the end of input it checks that every element was closed.
func (s *scanner) next() (tokKind, error) {
	k, err := s.next0()
	if s.cut > 0 && err == nil && s.tokStart < s.cut && s.pos > s.cut {
		return tokEOF, s.uncleanCut()
	}
	return k, err
}

// uncleanCut reports that a chunk of a larger document was cut where its structure does
// not allow it (see parallel.go); the position is the cut.
func (s *scanner) uncleanCut() *ParseError {
	return &ParseError{Doc: s.doc, Line: s.lineAt(s.cut), Offset: s.base + int64(s.cut), Msg: "chunk boundary inside markup"}
}

func (s *scanner) next0() (tokKind, error) {
	if s.pendEnd {
		s.pendEnd = false
		s.kind = tokEnd
		s.depth--
		return tokEnd, nil
	}
	for {
		s.tokStart = s.pos
		if s.pos >= s.end {
			more, err := s.fill()
			if err != nil {
				return tokEOF, err
			}
			if !more {
				if s.depth > 0 {
					return tokEOF, s.errAt(s.end, nil, "unexpected end of document: %d element(s) not closed", s.depth)
				}
				if !s.rootSeen {
					return tokEOF, s.errAt(s.end, nil, "empty document")
				}
				s.kind = tokEOF
				return tokEOF, nil
			}
		}
		if s.buf[s.pos] != '<' {
			i, err := s.indexFrom(s.pos, []byte{'<'})
			if err != nil {
				return tokEOF, err
			}
			if i < 0 {
				i = s.end
			}
			s.text = s.buf[s.pos:i]
			s.textRaw = false
			s.pos = i
			if s.depth == 0 {
				if len(bytes.TrimSpace(s.text)) > 0 {
					return tokEOF, s.errorf("text outside the root element")
				}
				continue
			}
			s.kind = tokText
			return tokText, nil
		}
		// Make sure a few bytes of the markup are available to classify it.
		for s.end-s.pos < 9 {
			more, err := s.fill()
			if err != nil {
				return tokEOF, err
			}
			if !more {
				break
			}
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i, err := s.indexFrom(s.pos+4, []byte("-->"))
			if err != nil {
				return tokEOF, err
			}
			if i < 0 {
				return tokEOF, s.errorf("unterminated comment")
			}
			s.pos = i + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i, err := s.indexFrom(s.pos+2, []byte("?>"))
			if err != nil {
				return tokEOF, err
			}
			if i < 0 {
				return tokEOF, s.errorf("unterminated processing instruction")
			}
			s.pos = i + 2
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i, err := s.indexFrom(s.pos+9, []byte("]]>"))
			if err != nil {
				return tokEOF, err
			}
			if i < 0 {
				return tokEOF, s.errorf("unterminated CDATA section")
			}
			if s.depth == 0 {
				return tokEOF, s.errorf("CDATA outside the root element")
			}
			s.text = s.buf[s.tokStart+9 : i]
			s.textRaw = true
			s.pos = i + 3
			s.kind = tokText
			return tokText, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			// DOCTYPE or another declaration; an internal subset is not supported.
			i, err := s.indexFrom(s.pos+2, []byte{'>'})
			if err != nil {
				return tokEOF, err
			}
			if i < 0 {
				return tokEOF, s.errorf("unterminated declaration")
			}
			if bytes.IndexByte(s.buf[s.tokStart:i], '[') >= 0 {
				return tokEOF, s.errorf("DOCTYPE with an internal subset is not supported")
			}
			s.pos = i + 1
			continue
		}
		return s.tag()
	}
}

// tag scans a start or end tag at s.pos (== s.tokStart). It finds the next '>' with
// IndexByte and parses the tag from the buffer; when that '>' turns out to sit inside a
// quoted attribute value it looks for the next one.
func (s *scanner) tag() (tokKind, error) {
	from := s.tokStart + 1
	for {
		gt, err := s.indexFrom(from, []byte{'>'})
		if err != nil {
			return tokEOF, err
		}
		if gt < 0 {
			return tokEOF, s.errorf("unterminated tag")
		}
		k, complete, err := s.parseTag(s.buf[s.tokStart : gt+1])
		if err != nil || complete {
			return k, err
		}
		from = gt + 1
	}
}

// parseTag parses t, which runs from '<' to a '>'. complete is false when t ends inside a
// quoted attribute value.
func (s *scanner) parseTag(t []byte) (tokKind, bool, error) {
	if len(t) >= 2 && t[1] == '/' {
		name := bytes.TrimRight(t[2:len(t)-1], " \t\r\n")
		if !validName(name) {
			return tokEOF, true, s.errorf("bad end tag %q", clip(t))
		}
		if s.cut > 0 && s.tokStart == s.cut && s.depth != 1 {
			return tokEOF, true, s.uncleanCut() // the synthetic close must close the root
		}
		if s.depth == 0 {
			return tokEOF, true, s.errorf("end tag </%s> without a start tag", name)
		}
		s.name = localName(name)
		s.pos = s.tokStart + len(t)
		s.depth--
		s.kind = tokEnd
		return tokEnd, true, nil
	}
	last := len(t) - 1 // the '>'
	i := 1
	for i < last && !isSpaceByte(t[i]) && t[i] != '/' {
		i++
	}
	name := t[1:i]
	if !validName(name) {
		return tokEOF, true, s.errorf("bad start tag %q", clip(t))
	}
	s.attrs = s.attrs[:0]
	s.selfClose = false
	for {
		sp := i
		for i < last && isSpaceByte(t[i]) {
			i++
		}
		if i == last {
			break
		}
		if t[i] == '/' {
			if i+1 != last {
				return tokEOF, true, s.errorf("'/' not at the end of <%s>", name)
			}
			s.selfClose = true
			break
		}
		if sp == i {
			return tokEOF, true, s.errorf("no space before an attribute in <%s>", name)
		}
		n0 := i
		for i < last && t[i] != '=' && !isSpaceByte(t[i]) {
			i++
		}
		an := t[n0:i]
		for i < last && isSpaceByte(t[i]) {
			i++
		}
		if i == last || t[i] != '=' {
			return tokEOF, true, s.errorf("attribute %q without a value in <%s>", clip(an), name)
		}
		i++
		for i < last && isSpaceByte(t[i]) {
			i++
		}
		if i == last {
			return tokEOF, true, s.errorf("attribute %q without a value in <%s>", clip(an), name)
		}
		q := t[i]
		if q != '"' && q != '\'' {
			return tokEOF, true, s.errorf("unquoted attribute %q in <%s>", clip(an), name)
		}
		e := bytes.IndexByte(t[i+1:], q)
		if e < 0 {
			return tokEOF, false, nil // the '>' is inside this value
		}
		v := t[i+1 : i+1+e]
		if bytes.IndexByte(v, '<') >= 0 {
			return tokEOF, true, s.errorf("'<' in attribute %q of <%s>", clip(an), name)
		}
		if !validName(an) {
			return tokEOF, true, s.errorf("bad attribute name %q in <%s>", clip(an), name)
		}
		s.attrs = append(s.attrs, xmlAttr{name: localName(an), value: v})
		i += e + 2
	}
	if s.depth == 0 && s.rootSeen {
		return tokEOF, true, s.errorf("second root element <%s>", name)
	}
	s.name = localName(name)
	s.pos = s.tokStart + len(t)
	s.rootSeen = true
	s.depth++
	if s.depth > maxDepth {
		return tokEOF, true, s.errorf("elements nested deeper than %d", maxDepth)
	}
	if s.selfClose {
		s.pendEnd = true
	}
	s.kind = tokStart
	return tokStart, true, nil
}
