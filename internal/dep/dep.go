package dep

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/evr"
)

// Dep is one dependency exactly as an rpm header stores it: the *NAME,
// *FLAGS and *VERSION entries at one index. A rich dependency keeps its
// whole expression in Name, with comparison flags 0 and an empty Version.
type Dep struct {
	Name    string
	Flags   Flags
	Version string
}

// ErrSyntax is wrapped by the errors Parse returns for malformed simple
// dependencies; malformed rich ones give a *SyntaxError.
var ErrSyntax = errors.New("malformed dependency")

// Parse parses "name", "name OP evr" (OP one of < <= = == >= >, also rpm's
// =< and =>, separated by whitespace) or a parenthesized rich dependency.
// Names must start with a letter, digit, '_' or '/' (rpmbuild's rule) and
// may not contain ',', '<', '>' or '='; the evr must satisfy evr.Parse.
func Parse(s string) (Dep, error) {
	t := strings.TrimFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
	if strings.HasPrefix(t, "(") {
		if _, err := ParseRich(s); err != nil {
			return Dep{}, err
		}
		return Dep{Name: t}, nil
	}
	fail := func(format string, args ...any) (Dep, error) {
		return Dep{}, fmt.Errorf("dependency %q: %s: %w", s, fmt.Sprintf(format, args...), ErrSyntax)
	}
	if strings.IndexByte(t, 0) >= 0 {
		return fail("NUL byte")
	}
	fields := splitSpace(t)
	if len(fields) == 0 {
		return fail("empty")
	}
	d := Dep{Name: fields[0]}
	if c := d.Name[0]; !(isAlnum(c) || c == '_' || c == '/') {
		return fail("name must start with a letter, digit, '_' or '/'")
	}
	if i := strings.IndexAny(d.Name, ",<>="); i >= 0 {
		return fail("name %q contains %q; separate names and operators with spaces", d.Name, d.Name[i])
	}
	switch len(fields) {
	case 1:
		return d, nil
	case 2:
		if _, err := evr.ParseOp(fields[1]); err == nil {
			return fail("missing version after %q", fields[1])
		}
		return fail("unexpected %q after the name, want an operator such as >=", fields[1])
	case 3:
	default:
		return fail("unexpected %q after the version", strings.Join(fields[3:], " "))
	}
	op, err := evr.ParseOp(fields[1])
	if err != nil {
		return Dep{}, fmt.Errorf("dependency %q: %w", s, err)
	}
	if _, err := evr.Parse(fields[2]); err != nil {
		return Dep{}, fmt.Errorf("dependency %q: %w", s, err)
	}
	d.Flags, d.Version = Flags(op), fields[2]
	return d, nil
}

// String formats d the way rpm prints a dependency: "name", "name OP
// version" (e.g. "foo >= 1.2-3"), or the rich expression. Marker flags
// (pre, rpmlib, ...) are not printed.
func (d Dep) String() string {
	if d.IsRich() {
		return d.Name
	}
	var b strings.Builder
	b.WriteString(d.Name)
	if op := d.Flags.Op(); op != 0 {
		b.WriteByte(' ')
		b.WriteString(op.String())
	}
	if d.Version != "" {
		b.WriteByte(' ')
		b.WriteString(d.Version)
	}
	return b.String()
}

// IsRich reports whether d is a rich dependency (rpm's rpmdsIsRich: the
// name starts with '(').
func (d Dep) IsRich() bool { return strings.HasPrefix(d.Name, "(") }

// Range returns the version range of d. The version is split as rpm splits
// header data (evr.ParseLax), so it never fails.
func (d Dep) Range() evr.Range {
	return evr.Range{Op: d.Flags.Op(), EVR: evr.ParseLax(d.Version)}
}

// Matches reports whether provide satisfies require: the names are equal
// and the version ranges overlap (rpm's rpmdsCompare, see evr.Overlap).
// Rich dependencies never match by name; evaluate them with Rich.Eval.
func Matches(provide, require Dep) bool {
	if provide.IsRich() || require.IsRich() {
		return false
	}
	return provide.Name == require.Name && evr.Overlap(provide.Range(), require.Range())
}

// splitSpace splits s at runs of C whitespace.
func splitSpace(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) })
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
