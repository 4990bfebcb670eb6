// Package tmpfiles reads systemd's tmpfiles.d(5) configuration and creates, adjusts and
// removes the files it declares in a root, as `systemd-tmpfiles --create --remove --boot`
// does at boot: nimbus-init runs it before the services start, and the package manager's
// transaction can apply a package's entries after installing it. Parsing is pure; Apply
// works through an os.Root, so nothing outside the root is touched.
package tmpfiles

import (
	"encoding/base64"
	"fmt"
	"github.com/nimbus-linux/nimbus/internal/confdirs"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Dirs are searched in this order (relative to the root); a file name in an earlier one
// masks the same name in later ones, and a file linked to /dev/null masks it away.
var Dirs = []string{"etc/tmpfiles.d", "run/tmpfiles.d", "usr/local/lib/tmpfiles.d", "usr/lib/tmpfiles.d"}

// Item is one line.
type Item struct {
	Type byte // f F w d D e v q Q p L c b C x X r R z Z t T h H a A
	// Modifiers: Boot "!" (only at boot), Minus "-" (errors creating are ignored), Plus
	// "+" (replace / append / truncate), Equal "=" (remove a mismatching file first),
	// Base64 "~" (the argument is base64), Cred "^" (the argument names a credential).
	Boot, Minus, Plus, Equal, Base64, Cred bool
	Path                                   string
	// Mode is set when ModeSet; ModeMask is the "~" prefix, ModeOnCreate ":".
	Mode                   uint32
	ModeSet                bool
	ModeMask, ModeOnCreate bool
	// User and Group are names or numbers, "" for "-" (not changed on existing files, root
	// for new ones); the OnCreate flags are the ":" prefix.
	User, Group                 string
	UserOnCreate, GroupOnCreate bool
	Age                         string
	Arg                         string
	File                        string
	Line                        int
}

// LineError is a line that cannot be used; the other lines still apply.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Specifiers maps the tmpfiles.d(5) specifier letters to their values (%m machine id, %b
// boot id, %H host name, %v kernel release, %a architecture, ...); DefaultSpecifiers has
// the directories and the root user's, which callers extend with the host's.
type Specifiers map[byte]string

// DefaultSpecifiers are the values for the system instance of systemd-tmpfiles.
func DefaultSpecifiers() Specifiers {
	return Specifiers{'t': "/run", 'S': "/var/lib", 'C': "/var/cache", 'L': "/var/log", 'T': "/tmp",
		'V': "/var/tmp", 'E': "/etc", 'h': "/root", 'u': "root", 'U': "0", 'g': "root", 'G': "0", '%': "%"}
}

func (s Specifiers) expand(v string) (string, error) {
	if !strings.Contains(v, "%") {
		return v, nil
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '%' || i+1 >= len(v) {
			b.WriteByte(v[i])
			continue
		}
		i++
		r, ok := s[v[i]]
		if !ok {
			return "", fmt.Errorf("unknown specifier %%%c", v[i])
		}
		b.WriteString(r)
	}
	return b.String(), nil
}

const validTypes = "fFwdDevqQpLcbCxXrRzZtThHaA"

// Parse reads one tmpfiles.d file. Each line is TYPE PATH [MODE [USER [GROUP [AGE
// [ARGUMENT]]]]], fields separated by white space, quotes grouping, C escapes decoded; the
// argument is the rest of the line. Lines that cannot be used are returned as *LineError.
func Parse(file string, data []byte, spec Specifiers) ([]Item, []error) {
	if spec == nil {
		spec = DefaultSpecifiers()
	}
	var out []Item
	var errs []error
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		it, err := parseLine(line, spec)
		if err != nil {
			errs = append(errs, &LineError{file, i + 1, err.Error()})
			continue
		}
		it.File, it.Line = file, i+1
		out = append(out, it)
	}
	return out, errs
}

func parseLine(line string, spec Specifiers) (Item, error) {
	var it Item
	if len(line) > 64<<10 {
		return it, fmt.Errorf("line too long")
	}
	f, rest, err := words(line, 6)
	if err != nil {
		return it, err
	}
	if len(f) < 2 {
		return it, fmt.Errorf("expected TYPE PATH ..., got %q", line)
	}
	for len(f) < 6 {
		f = append(f, "-")
	}
	t := f[0]
	if t == "" || !strings.ContainsRune(validTypes, rune(t[0])) {
		return it, fmt.Errorf("unknown type %q", t)
	}
	it.Type = t[0]
	for _, m := range t[1:] {
		switch m {
		case '!':
			it.Boot = true
		case '-':
			it.Minus = true
		case '+':
			it.Plus = true
		case '=':
			it.Equal = true
		case '~':
			it.Base64 = true
		case '^':
			it.Cred = true
		default:
			return it, fmt.Errorf("unknown modifier %q in %q", m, t)
		}
	}
	if it.Path, err = spec.expand(f[1]); err != nil {
		return it, err
	}
	if !path.IsAbs(it.Path) {
		return it, fmt.Errorf("path %q is not absolute", it.Path)
	}
	for _, c := range strings.Split(it.Path, "/") {
		if c == ".." {
			return it, fmt.Errorf("path %q contains \"..\"", it.Path)
		}
	}
	it.Path = path.Clean(it.Path)
	if m := f[2]; m != "-" && m != "" {
		if strings.HasPrefix(m, "~") {
			it.ModeMask, m = true, m[1:]
		}
		if strings.HasPrefix(m, ":") {
			it.ModeOnCreate, m = true, m[1:]
		}
		n, err := strconv.ParseUint(m, 8, 32)
		if err != nil || n > 0o7777 {
			return it, fmt.Errorf("bad mode %q", f[2])
		}
		it.Mode, it.ModeSet = uint32(n), true
	}
	for j, dst := range []*string{&it.User, &it.Group} {
		v := f[3+j]
		if strings.HasPrefix(v, ":") {
			v = v[1:]
			if j == 0 {
				it.UserOnCreate = true
			} else {
				it.GroupOnCreate = true
			}
		}
		if v == "-" || v == "" {
			continue
		}
		if v, err = spec.expand(v); err != nil {
			return it, err
		}
		if _, err := strconv.ParseUint(v, 10, 32); err != nil && !validName(v) {
			return it, fmt.Errorf("bad user or group %q", v)
		}
		*dst = v
	}
	if a := f[5]; a != "-" {
		it.Age = a
	}
	if rest != "" {
		if it.Arg, err = spec.expand(rest); err != nil && !it.Base64 && !it.Cred {
			return it, err
		}
		if err != nil {
			it.Arg = rest
		}
	}
	if it.Base64 {
		b, err := base64.StdEncoding.DecodeString(it.Arg)
		if err != nil {
			return it, fmt.Errorf("argument is not base64: %w", err)
		}
		it.Arg, it.Base64 = string(b), false
	}
	switch it.Type {
	case 'L', 'C':
		if it.Arg != "" && it.Type == 'C' && !path.IsAbs(it.Arg) {
			return it, fmt.Errorf("copy source %q is not absolute", it.Arg)
		}
	case 'c', 'b':
		if _, _, ok := parseDev(it.Arg); !ok {
			return it, fmt.Errorf("device node needs MAJOR:MINOR, got %q", it.Arg)
		}
	}
	return it, nil
}

func parseDev(s string) (uint32, uint32, bool) {
	a, b, ok := strings.Cut(s, ":")
	x, err1 := strconv.ParseUint(a, 10, 32)
	y, err2 := strconv.ParseUint(b, 10, 32)
	return uint32(x), uint32(y), ok && err1 == nil && err2 == nil
}

// words splits the first n fields (quotes group, C escapes decoded) and returns the rest
// of the line, its leading white space removed, as the argument (C escapes decoded).
func words(line string, n int) ([]string, string, error) {
	var out []string
	i := 0
	for len(out) < n {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return out, "", nil
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
				j, err := unescape(line, i, &w)
				if err != nil {
					return nil, "", err
				}
				i = j
			case quote != 0 && c == quote:
				quote = 0
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
			default:
				w.WriteByte(c)
			}
		}
		if quote != 0 {
			return nil, "", fmt.Errorf("unterminated quote")
		}
		out = append(out, w.String())
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	var arg strings.Builder
	for i < len(line) {
		c := line[i]
		i++
		if c != '\\' {
			arg.WriteByte(c)
			continue
		}
		j, err := unescape(line, i, &arg)
		if err != nil {
			return nil, "", err
		}
		i = j
	}
	return out, arg.String(), nil
}

// unescape decodes the C escape after a backslash at s[i-1]; it returns the index after it.
func unescape(s string, i int, w *strings.Builder) (int, error) {
	if i >= len(s) {
		return i, fmt.Errorf("trailing backslash")
	}
	c := s[i]
	switch c {
	case 'n':
		w.WriteByte('\n')
	case 't':
		w.WriteByte('\t')
	case 'r':
		w.WriteByte('\r')
	case 'a':
		w.WriteByte(7)
	case 'b':
		w.WriteByte(8)
	case 'f':
		w.WriteByte(12)
	case 'v':
		w.WriteByte(11)
	case 's':
		w.WriteByte(' ')
	case 'x':
		if i+2 >= len(s) {
			return i, fmt.Errorf("bad \\x escape")
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil || n == 0 {
			return i, fmt.Errorf("bad \\x escape")
		}
		w.WriteByte(byte(n))
		return i + 3, nil
	case '0', '1', '2', '3':
		if i+2 >= len(s) {
			return i, fmt.Errorf("bad octal escape")
		}
		n, err := strconv.ParseUint(s[i:i+3], 8, 8)
		if err != nil || n == 0 {
			return i, fmt.Errorf("bad octal escape")
		}
		w.WriteByte(byte(n))
		return i + 3, nil
	case '\\', '"', '\'':
		w.WriteByte(c)
	default:
		return i, fmt.Errorf("unknown escape \\%c", c)
	}
	return i + 1, nil
}

func validName(s string) bool {
	if s == "" || len(s) > 31 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.' || c == '$' && i == len(s)-1)) {
			return false
		}
	}
	return true
}

// Read reads every *.conf of Dirs in fsys (a root) and the builtin files (name to
// content, as if shipped in /usr/lib/tmpfiles.d, so a real file of the same name
// replaces one), all ordered by file name, an earlier directory's file masking a later one
// of the same name. For one path, the first line that creates or owns it wins; a later one
// in another file is reported as a duplicate and ignored (lines that only adjust,
// exclude or remove may be combined with it), as systemd does.
func Read(fsys fs.FS, builtin map[string]string, spec Specifiers) ([]Item, []error) {
	extra := make([]string, 0, len(builtin))
	for n := range builtin {
		extra = append(extra, n)
	}
	return readPaths(fsys, confdirs.List(fsys, Dirs, extra, "builtin:"), builtin, spec)
}

// ReadNamed reads the configuration files named on a command line, in that order, as
// `systemd-tmpfiles CONFIG...` does: a name with a slash is that file (inside fsys), a
// bare name the first of Dirs that has it.
func ReadNamed(fsys fs.FS, names []string, spec Specifiers) ([]Item, []error) {
	paths, errs := confdirs.Named(fsys, Dirs, names)
	items, perr := readPaths(fsys, paths, nil, spec)
	return items, append(errs, perr...)
}

// readPaths parses files (root-relative paths, or "builtin:NAME") in order and drops the
// duplicate lines for one path.
func readPaths(fsys fs.FS, paths []string, builtin map[string]string, spec Specifiers) ([]Item, []error) {
	var all []Item
	var errs []error
	for _, p := range paths {
		var b []byte
		if name, ok := strings.CutPrefix(p, "builtin:"); ok {
			b = []byte(builtin[name])
			p = "(built-in) " + name
		} else {
			if t, err := fs.ReadLink(fsys, p); err == nil && t == "/dev/null" {
				continue
			}
			var err error
			if b, err = fs.ReadFile(fsys, p); err != nil {
				errs = append(errs, fmt.Errorf("reading /%s: %w", p, err))
				continue
			}
			p = "/" + p
		}
		items, perr := Parse(p, b, spec)
		all = append(all, items...)
		errs = append(errs, perr...)
	}
	owner := map[string]Item{}
	var out []Item
	for _, it := range all {
		if ownsPath(it.Type) {
			if first, dup := owner[it.Path]; dup {
				if first.File != it.File || first.Line != it.Line {
					errs = append(errs, &LineError{it.File, it.Line, fmt.Sprintf("duplicate line for path %q (first at %s:%d), ignoring", it.Path, first.File, first.Line)})
				}
				continue
			}
			owner[it.Path] = it
		}
		out = append(out, it)
	}
	return out, errs
}

// ownsPath reports whether lines of type t create or replace what is at their path (only
// one such line applies per path).
func ownsPath(t byte) bool {
	return strings.IndexByte("fFwdDvqQpLcbC", t) >= 0
}
