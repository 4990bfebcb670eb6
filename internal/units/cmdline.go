package units

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Command is one Exec*= line: argv after quoting, specifier and environment expansion is
// done at start time; the prefixes are decoded here.
type Command struct {
	Path string   // the executable
	Argv []string // argv, argv[0] included ("@" lets it differ from Path)
	// IgnoreFailure is the "-" prefix: a non-zero exit does not fail the unit.
	IgnoreFailure bool
	// Raw is the line as written, for status output.
	Raw string
}

// SplitError is a malformed command line.
type SplitError struct {
	Line string
	Msg  string
}

func (e *SplitError) Error() string { return fmt.Sprintf("command %q: %s", e.Line, e.Msg) }

// ParseCommand decodes an Exec line: the prefixes "-", "@", "+", "!", ":" (the last three
// accepted and treated as plain, since Nimbus runs no credential sandboxing) and the
// words of systemd's quoting rules.
func ParseCommand(s string) (Command, error) {
	c := Command{Raw: s}
	argv0 := false
	rest := strings.TrimSpace(s)
	for len(rest) > 0 {
		switch rest[0] {
		case '-':
			c.IgnoreFailure = true
		case '@':
			argv0 = true
		case '+', '!', ':':
		default:
			goto words
		}
		rest = rest[1:]
	}
words:
	w, err := SplitWords(rest)
	if err != nil {
		return c, &SplitError{s, err.Error()}
	}
	if len(w) == 0 {
		return c, &SplitError{s, "no command"}
	}
	c.Path = w[0]
	if argv0 {
		if len(w) < 2 {
			return c, &SplitError{s, "@ prefix without argv[0]"}
		}
		c.Argv = w[1:]
	} else {
		c.Argv = w
	}
	return c, nil
}

// SplitWords splits a line into words like systemd: white space separates, single and
// double quotes group, a backslash outside single quotes starts a C escape as systemd
// decodes it (\a \b \f \n \r \t \v \s, \xNN, \NNN octal, \uNNNN; any other character is
// taken as it is, so \\ \" \' \$ give the character).
func SplitWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0 && ch == quote:
			quote = 0
		case quote != '\'' && ch == '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("trailing backslash")
			}
			i = cEscape(s, i+1, &cur) - 1
			inWord = true
		case quote != 0:
			cur.WriteByte(ch)
		case ch == '"' || ch == '\'':
			quote = ch
			inWord = true
		case ch == ' ' || ch == '\t' || ch == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(ch)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote")
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// expandArgs replaces $NAME and ${NAME} with values from env: "${NAME}" as one word,
// a lone "$NAME" word split at white space, as systemd does.
func expandArgs(argv []string, env map[string]string) []string {
	out := make([]string, 0, len(argv))
	for _, a := range argv {
		if strings.HasPrefix(a, "$") && !strings.HasPrefix(a, "${") && isName(a[1:]) {
			out = append(out, strings.Fields(env[a[1:]])...)
			continue
		}
		out = append(out, expandBraces(a, env))
	}
	return out
}

func expandBraces(s string, env map[string]string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '{' {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				b.WriteString(env[s[i+2:i+j]])
				i += j
				continue
			}
		}
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func unitSuffix(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return ""
}

// unitPrefixInstance splits "getty@tty1.service" into "getty" and "tty1".
func unitPrefixInstance(name string) (string, string) {
	base := strings.TrimSuffix(name, unitSuffix(name))
	p, i, _ := strings.Cut(base, "@")
	return p, i
}

// cEscape decodes the escape whose letter is at s[i] into w and returns the index after
// it. Malformed numeric escapes are taken literally.
func cEscape(s string, i int, w *strings.Builder) int {
	simple := map[byte]byte{'a': 7, 'b': 8, 'f': 12, 'n': '\n', 'r': '\r', 't': '\t', 'v': 11, 's': ' '}
	c := s[i]
	if b, ok := simple[c]; ok {
		w.WriteByte(b)
		return i + 1
	}
	num := func(start, n, base int) (uint64, bool) {
		if start+n > len(s) {
			return 0, false
		}
		v, err := strconv.ParseUint(s[start:start+n], base, 32)
		return v, err == nil && v != 0
	}
	switch {
	case c == 'x':
		if v, ok := num(i+1, 2, 16); ok {
			w.WriteByte(byte(v))
			return i + 3
		}
	case c >= '0' && c <= '3':
		if v, ok := num(i, 3, 8); ok {
			w.WriteByte(byte(v))
			return i + 3
		}
	case c == 'u':
		if v, ok := num(i+1, 4, 16); ok && utf8.ValidRune(rune(v)) {
			w.WriteRune(rune(v))
			return i + 5
		}
	}
	w.WriteByte(c)
	return i + 1
}
