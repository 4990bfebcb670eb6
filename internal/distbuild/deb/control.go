package deb

import (
	"bytes"
	"fmt"
	"strings"
)

// Field is one field of a deb822 stanza.
type Field struct {
	Name  string
	Value string // continuation lines joined with "\n", leading space removed from the first line
}

// Stanza is one paragraph of a deb822 document, fields in file order.
type Stanza []Field

// Get returns the value of a field (names compare case-insensitively, as in dpkg).
func (s Stanza) Get(name string) string {
	for _, f := range s {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// maxStanzaFields bounds a single paragraph: real ones have a few dozen fields.
const maxStanzaFields = 4096

// ParseStanzas splits a deb822 document (control file, Packages index, Release file)
// into paragraphs and calls fn for each. Paragraphs are separated by blank lines;
// a line starting with space or tab continues the previous field; lines starting
// with '#' are comments (allowed in control files). Any other line must be
// "Name: value".
func ParseStanzas(data []byte, fn func(Stanza) error) error {
	var cur Stanza
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		s := cur
		cur = nil
		return fn(s)
	}
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		l = bytes.TrimSuffix(l, []byte("\r"))
		switch {
		case len(bytes.TrimSpace(l)) == 0:
			if err := flush(); err != nil {
				return err
			}
		case l[0] == '#':
		case l[0] == ' ' || l[0] == '\t':
			if len(cur) == 0 {
				return fmt.Errorf("%w: line %d: continuation line outside a field", ErrFormat, line)
			}
			f := &cur[len(cur)-1]
			f.Value += "\n" + string(bytes.TrimLeft(l, " \t"))
		default:
			i := bytes.IndexByte(l, ':')
			if i <= 0 {
				return fmt.Errorf("%w: line %d: %q is not a \"Name: value\" field", ErrFormat, line, truncate(l))
			}
			if len(cur) >= maxStanzaFields {
				return fmt.Errorf("%w: line %d: more than %d fields in a paragraph", ErrFormat, line, maxStanzaFields)
			}
			cur = append(cur, Field{Name: string(l[:i]), Value: string(bytes.TrimSpace(l[i+1:]))})
		}
	}
	return flush()
}

// ParseControl parses a document holding exactly one paragraph (a package's control file).
func ParseControl(data []byte) (Stanza, error) {
	var out []Stanza
	err := ParseStanzas(data, func(s Stanza) error {
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) != 1 {
		return nil, fmt.Errorf("%w: control file has %d paragraphs, want 1", ErrFormat, len(out))
	}
	return out[0], nil
}

func truncate(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}
