// Package units runs services described by the subset of systemd unit files that packaged
// services use: a pure parser for the unit-file syntax, a loader that finds units, drop-ins
// and enablement symlinks in a root file system, and a supervisor that starts, watches,
// restarts and stops the services, each in its own process group and cgroup, with their
// output in a rotated journal; a control socket serves the nimbusctl (systemctl) CLI.
package units

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// File is a parsed unit file or drop-in: its sections in order, each with its assignments
// in order (a key may repeat; for list-valued keys an empty value resets the list).
type File struct {
	Name     string
	Sections []Section
}

// Section is one [Name] block.
type Section struct {
	Name    string
	Entries []Entry
}

// Entry is one Key=Value assignment with the line it started on.
type Entry struct {
	Key, Value string
	Line       int
}

// ParseError points at the line of a unit file that could not be parsed.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Limits protect PID 1 from absurd input.
const (
	maxLineLen   = 64 << 10
	maxFileLines = 1 << 16
)

// Parse reads the systemd unit-file syntax: "#" and ";" comment lines, [Section] headers,
// Key=Value assignments with surrounding white space trimmed, and lines continued by a
// trailing backslash (the backslash and newline become one space, as systemd does; comment
// lines inside a continuation are skipped). Assignments before any section are errors.
func Parse(name string, r io.Reader) (*File, error) {
	f := &File{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLineLen)
	var cur *Section
	var cont strings.Builder
	contLine := 0
	n := 0
	for sc.Scan() {
		n++
		if n > maxFileLines {
			return nil, &ParseError{name, n, "too many lines"}
		}
		line := strings.TrimSpace(sc.Text())
		if cont.Len() == 0 && contLine == 0 {
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
		} else if line != "" && (line[0] == '#' || line[0] == ';') {
			continue
		}
		if continued(line) {
			if contLine == 0 {
				contLine = n
			}
			cont.WriteString(strings.TrimSuffix(line, "\\"))
			cont.WriteByte(' ')
			if cont.Len() > maxLineLen {
				return nil, &ParseError{name, contLine, "continued line too long"}
			}
			continue
		}
		at := n
		if contLine != 0 {
			cont.WriteString(line)
			line = strings.TrimSpace(cont.String())
			at = contLine
			cont.Reset()
			contLine = 0
		}
		if line == "" {
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") || len(line) < 3 {
				return nil, &ParseError{name, at, fmt.Sprintf("bad section header %q", line)}
			}
			f.Sections = append(f.Sections, Section{Name: line[1 : len(line)-1]})
			cur = &f.Sections[len(f.Sections)-1]
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, &ParseError{name, at, fmt.Sprintf("expected Key=Value, got %q", line)}
		}
		k = strings.TrimSpace(k)
		if k == "" || strings.ContainsAny(k, " \t") {
			return nil, &ParseError{name, at, fmt.Sprintf("bad key %q", k)}
		}
		if cur == nil {
			return nil, &ParseError{name, at, "assignment outside of a section"}
		}
		cur.Entries = append(cur.Entries, Entry{Key: k, Value: strings.TrimSpace(v), Line: at})
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{name, n + 1, err.Error()}
	}
	if contLine != 0 {
		// A continuation at the end of the file: the same rules as any other assignment.
		line := strings.TrimSpace(cont.String())
		if k, v, ok := strings.Cut(line, "="); ok {
			k = strings.TrimSpace(k)
			if k == "" || strings.ContainsAny(k, " \t") {
				return nil, &ParseError{name, contLine, fmt.Sprintf("bad key %q", k)}
			}
			if cur == nil {
				return nil, &ParseError{name, contLine, "assignment outside of a section"}
			}
			cur.Entries = append(cur.Entries, Entry{Key: k, Value: strings.TrimSpace(v), Line: contLine})
		}
	}
	return f, nil
}

// continued reports whether a line ends with an unescaped backslash (an odd number of
// trailing backslashes), as systemd reads a continuation: a line ending in two backslashes
// is a complete assignment whose value ends with them.
func continued(line string) bool {
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}
