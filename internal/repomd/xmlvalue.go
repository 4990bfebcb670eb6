package repomd

// Values of the current token: attributes, leaf text, entity decoding and the small
// helpers the scanner and the readers share.

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.', c == ':', c >= 0x80:
		default:
			return false
		}
	}
	return true
}

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the raw value of the named attribute of the current start tag.
func (s *scanner) attr(name string) ([]byte, bool) {
	for i := range s.attrs {
		if string(s.attrs[i].name) == name {
			return s.attrs[i].value, true
		}
	}
	return nil, false
}

// attrString returns the decoded value of the named attribute ("" when absent).
func (s *scanner) attrString(name string, intern func([]byte) string) (string, error) {
	v, ok := s.attr(name)
	if !ok {
		return "", nil
	}
	d, err := s.decode(v)
	if err != nil {
		return "", s.errorf("attribute %s of <%s>: %v", name, s.name, err)
	}
	return s.str(d, len(d) == len(v), intern), nil
}

// attrInt returns the named attribute as a decimal integer (0 when absent).
func (s *scanner) attrInt(name string) (int64, error) {
	v, ok := s.attr(name)
	if !ok || len(v) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, s.errorf("attribute %s of <%s>: %q is not an integer", name, s.name, clip(v))
	}
	return n, nil
}

// skip skips the rest of the element whose start tag is the current token.
func (s *scanner) skip() error {
	d := 1
	for d > 0 {
		k, err := s.next()
		if err != nil {
			return err
		}
		switch k {
		case tokStart:
			d++
		case tokEnd:
			d--
		case tokEOF:
			return s.errorf("unexpected end of document")
		}
	}
	return nil
}

// readText reads the character data of the current element up to its end tag, decoding
// entities; child elements are skipped. The result is only valid until the next call.
func (s *scanner) readText() ([]byte, error) {
	if s.selfClose {
		_, err := s.next() // the pending end
		return nil, err
	}
	out := s.tbuf[:0]
	var single []byte // the only text token, undecoded, when the buffer is stable
	texts := 0
	s.textStable = false
	for {
		k, err := s.next()
		if err != nil {
			return nil, err
		}
		switch k {
		case tokText:
			d := s.text
			if !s.textRaw {
				d, err = s.decode(d)
				if err != nil {
					return nil, s.errorf("%v", err)
				}
			}
			texts++
			if texts == 1 && s.stable && len(d) == len(s.text) {
				single = d // copied into out only if more text follows
				continue
			}
			if single != nil {
				out = append(out, single...)
				single = nil
			}
			out = append(out, d...)
		case tokStart:
			if err := s.skip(); err != nil {
				return nil, err
			}
		case tokEnd:
			s.tbuf = out
			if texts == 1 && single != nil {
				s.textStable = true
				return single, nil
			}
			return out, nil
		case tokEOF:
			return nil, s.errorf("unexpected end of document")
		}
	}
}

var errEntity = errors.New("bad entity reference")

// xmlChar reports whether a character reference names a character XML 1.0 allows.
func xmlChar(n uint64) bool {
	switch {
	case n == 0x9 || n == 0xA || n == 0xD:
		return true
	case n < 0x20, n == 0xFFFE || n == 0xFFFF, n > utf8.MaxRune:
		return false
	}
	return utf8.ValidRune(rune(n))
}

// decode resolves entity and character references in raw. When raw has none it is
// returned as is; otherwise the result lives in the scanner's scratch buffer.
func (s *scanner) decode(raw []byte) ([]byte, error) {
	amp := bytes.IndexByte(raw, '&')
	if amp < 0 {
		return raw, nil
	}
	out := append(s.scratch[:0], raw[:amp]...)
	for i := amp; i < len(raw); {
		c := raw[i]
		if c != '&' {
			out = append(out, c)
			i++
			continue
		}
		semi := bytes.IndexByte(raw[i:], ';')
		if semi < 0 || semi > 12 {
			return nil, fmt.Errorf("%w near %q", errEntity, clip(raw[i:]))
		}
		ent := raw[i+1 : i+semi]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return nil, fmt.Errorf("%w &%s;", errEntity, ent)
			}
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !xmlChar(n) {
				return nil, fmt.Errorf("%w &%s;", errEntity, ent)
			}
			out = utf8.AppendRune(out, rune(n))
		}
		i += semi + 1
	}
	s.scratch = out
	return out, nil
}
