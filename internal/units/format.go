package units

import (
	"io"
	"strings"
)

// Format writes f back in unit-file syntax (one assignment per line, a blank line between
// sections). Parse(Format(f)) gives f again, which the fuzz test checks.
//
// A value ending in an odd number of backslashes (which Parse yields from "K=\\ \\" at the
// end of a file) cannot be written as it is: its last backslash would continue the line.
// It is written as systemd reads it back: followed by " \\" (a continuation whose backslash
// becomes a space, trimmed) and an empty line, which ends the continuation.
func Format(w io.Writer, f *File) error {
	var b strings.Builder
	for i, s := range f.Sections {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("[" + s.Name + "]\n")
		for _, e := range s.Entries {
			b.WriteString(e.Key + "=" + e.Value)
			if continued(e.Value) {
				b.WriteString(" \\\n")
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
