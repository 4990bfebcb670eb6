package units

import (
	"io"
	"strings"
)

// Format writes f back in unit-file syntax (one assignment per line, a blank line between
// sections). Parse(Format(f)) gives f again, which the fuzz test checks.
func Format(w io.Writer, f *File) error {
	var b strings.Builder
	for i, s := range f.Sections {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("[" + s.Name + "]\n")
		for _, e := range s.Entries {
			b.WriteString(e.Key + "=" + e.Value + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
