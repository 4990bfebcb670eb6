// Package sysusers reads systemd-sysusers' sysusers.d(5) files and creates the system
// accounts they declare in a root's /etc/passwd, /etc/group, /etc/shadow and /etc/gshadow,
// as systemd-sysusers does: the build declares every account a package's scriptlet would
// make (internal/distbuild), nimbus-init applies them at boot and the package manager's
// transaction can apply them at install. Parsing is pure; Apply works through an os.Root.
package sysusers

import (
	"errors"
	"fmt"
	"github.com/nimbus-linux/nimbus/internal/confdirs"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Dirs are searched in this order (relative to the root); a file name in an earlier one
// masks the same name in later ones, and a file linked to /dev/null masks it away.
var Dirs = []string{"etc/sysusers.d", "run/sysusers.d", "usr/local/lib/sysusers.d", "usr/lib/sysusers.d"}

// Entry is one line.
type Entry struct {
	Type byte   // 'u', 'g', 'm' or 'r'
	Name string // user or group; "-" for r
	// ID is the uid (u) or gid (g); -1 allocates one. IDPath is an ID given as a path: the
	// file's owner uid/gid is used.
	ID     int
	IDPath string
	// Group is u's primary group (ID:GROUP, a name or a number) or m's group.
	Group string
	Gecos string
	Home  string
	Shell string
	// Lo and Hi are r's range.
	Lo, Hi int
	// File and Line say where the entry was read.
	File string
	Line int
}

// LineError is a line that cannot be used; the other lines of its file still apply.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

const maxLine = 4096

// Parse reads one sysusers.d file. Lines that cannot be used are returned as *LineError
// and skipped; the others are returned in order.
func Parse(file string, data []byte) ([]Entry, []error) {
	var out []Entry
	var errs []error
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			errs = append(errs, &LineError{file, i + 1, err.Error()})
			continue
		}
		e.File, e.Line = file, i+1
		out = append(out, e)
	}
	return out, errs
}

func parseLine(line string) (Entry, error) {
	if len(line) > maxLine {
		return Entry{}, fmt.Errorf("line longer than %d bytes", maxLine)
	}
	f, err := fields(line)
	if err != nil {
		return Entry{}, err
	}
	if len(f) < 2 {
		return Entry{}, fmt.Errorf("expected TYPE NAME ..., got %q", line)
	}
	if len(f) > 6 {
		return Entry{}, fmt.Errorf("trailing garbage %q", strings.Join(f[6:], " "))
	}
	for len(f) < 6 {
		f = append(f, "-")
	}
	t := strings.TrimSuffix(f[0], "!") // u! (locked account, systemd 257) is u here
	if len(t) != 1 {
		return Entry{}, fmt.Errorf("unknown line type %q", f[0])
	}
	e := Entry{Type: t[0], Name: f[1], ID: -1}
	switch e.Type {
	case 'r':
		if e.Name != "-" && e.Name != "" {
			return e, fmt.Errorf("r line needs \"-\" as its name")
		}
		lo, hi, isRange := strings.Cut(f[2], "-")
		if !isRange {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a < 0 || b < a || b > 65533 {
			return e, fmt.Errorf("bad range %q", f[2])
		}
		e.Lo, e.Hi = a, b
		return e, nil
	case 'u', 'g', 'm':
	default:
		return e, fmt.Errorf("unknown line type %q", f[0])
	}
	if !ValidName(e.Name) {
		return e, fmt.Errorf("%q is not a valid user or group name", e.Name)
	}
	if e.Type == 'm' {
		if !ValidName(f[2]) {
			return e, fmt.Errorf("%q is not a valid group name", f[2])
		}
		e.Group = f[2]
		if f[3] != "-" || f[4] != "-" || f[5] != "-" {
			return e, fmt.Errorf("m lines take USER GROUP only")
		}
		return e, nil
	}
	id, grp, hasGroup := strings.Cut(f[2], ":")
	switch {
	case id == "-" || id == "":
	case strings.HasPrefix(id, "/"):
		e.IDPath = path.Clean(id)
	default:
		n, err := strconv.Atoi(id)
		if err != nil || n < 0 || n >= 65535 {
			return e, fmt.Errorf("bad id %q", f[2])
		}
		e.ID = n
	}
	if hasGroup {
		if e.Type != 'u' {
			return e, fmt.Errorf("ID:GROUP is only valid on u lines")
		}
		if _, err := strconv.Atoi(grp); err != nil && !ValidName(grp) {
			return e, fmt.Errorf("bad group %q", grp)
		}
		e.Group = grp
	}
	if e.Type == 'g' {
		if f[3] != "-" || f[4] != "-" || f[5] != "-" {
			return e, fmt.Errorf("g lines take NAME ID only")
		}
		return e, nil
	}
	for j, v := range []*string{&e.Gecos, &e.Home, &e.Shell} {
		if s := f[3+j]; s != "-" {
			*v = s
		}
	}
	if strings.ContainsAny(e.Gecos+e.Home+e.Shell, ":\n") {
		return e, fmt.Errorf("GECOS, home or shell contains ':' or a newline")
	}
	if e.Home != "" && !strings.HasPrefix(e.Home, "/") || e.Shell != "" && !strings.HasPrefix(e.Shell, "/") {
		return e, fmt.Errorf("home and shell must be absolute paths")
	}
	return e, nil
}

// fields splits a line into words; double- or single-quoted words may hold spaces, and a
// backslash escapes the next character in double quotes and unquoted words.
func fields(line string) ([]string, error) {
	var out []string
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		var w strings.Builder
		var quote byte
		for i < len(line) {
			c := line[i]
			if quote == 0 && (c == ' ' || c == '\t') {
				break
			}
			i++
			switch {
			case c == '\\' && quote != '\'':
				if i >= len(line) {
					return nil, fmt.Errorf("trailing backslash")
				}
				w.WriteByte(line[i])
				i++
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			default:
				w.WriteByte(c)
			}
		}
		if quote != 0 {
			return nil, fmt.Errorf("unterminated quote")
		}
		out = append(out, w.String())
	}
	return out, nil
}

// ValidName accepts user and group names as systemd-sysusers does by default: a letter or
// "_" first, then letters, digits, "_", "-" (and a final "$"), at most 31 bytes.
func ValidName(s string) bool {
	if s == "" || len(s) > 31 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
			i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '$' && i == len(s)-1)
		if !ok {
			return false
		}
	}
	return true
}

// Read reads every *.conf of Dirs in fsys (a root), ordered by file name across the
// directories, an earlier directory's file masking a later one of the same name. Unreadable
// files and bad lines are returned as errors; everything else is returned.
func Read(fsys fs.FS) ([]Entry, []error) {
	return readPaths(fsys, confdirs.List(fsys, Dirs, nil, ""), true)
}

// ReadNamed reads the files named on a command line, in that order, as
// `systemd-sysusers CONFIG...` does: a name with a slash is that file (inside fsys), a
// bare name the first of Dirs that has it.
func ReadNamed(fsys fs.FS, names []string) ([]Entry, []error) {
	paths, errs := confdirs.Named(fsys, Dirs, names)
	es, perr := readPaths(fsys, paths, false)
	return es, append(errs, perr...)
}

// readPaths parses root-relative files in order; quiet skips files that vanished.
func readPaths(fsys fs.FS, paths []string, quiet bool) ([]Entry, []error) {
	var out []Entry
	var errs []error
	for _, p := range paths {
		if t, err := fs.ReadLink(fsys, p); err == nil && t == "/dev/null" {
			continue
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			if !quiet || !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("reading /%s: %w", p, err))
			}
			continue
		}
		es, perr := Parse("/"+p, b)
		out = append(out, es...)
		errs = append(errs, perr...)
	}
	return out, errs
}

// Format writes entries back as sysusers.d lines (Parse(Format(es)) gives es, which the
// fuzz test checks); the build uses it to declare accounts.
func Format(es []Entry) string {
	var b strings.Builder
	q := func(s string) string {
		if s == "" {
			return "-"
		}
		if strings.ContainsAny(s, " \t\"'\\") || s == "-" {
			return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
		}
		return s
	}
	for _, e := range es {
		switch e.Type {
		case 'r':
			fmt.Fprintf(&b, "r - %d-%d\n", e.Lo, e.Hi)
		case 'm':
			fmt.Fprintf(&b, "m %s %s\n", e.Name, e.Group)
		case 'g', 'u':
			id := "-"
			switch {
			case e.IDPath != "":
				id = e.IDPath
			case e.ID >= 0:
				id = strconv.Itoa(e.ID)
			}
			if e.Group != "" {
				id += ":" + e.Group
			}
			if id != "-" {
				id = q(id) // an ID path may hold blanks or quotes (`u A /" "` is the path "/ ")
			}
			if e.Type == 'g' {
				fmt.Fprintf(&b, "g %s %s\n", e.Name, id)
				continue
			}
			fmt.Fprintf(&b, "u %s %s %s %s %s\n", e.Name, id, q(e.Gecos), q(e.Home), q(e.Shell))
		}
	}
	return b.String()
}
