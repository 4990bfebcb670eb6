package distbuild

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// relation is one Debian relation alternative: "name (op version)".
type relation struct {
	Name    string
	Op      string // RPM operator: "", "<", "<=", "=", ">=", ">"
	Version string // RPM EVR
}

func (r relation) String() string {
	if r.Op == "" {
		return r.Name
	}
	return r.Name + " " + r.Op + " " + r.Version
}

// debNameRE is a Debian package name (policy 5.6.1; upper case tolerated).
var debNameRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9+._-]*$`) }}

// debOps maps Debian relation operators to RPM's. "<" and ">" are the deprecated
// forms of "<=" and ">=" (Debian policy 7.1).
var debOps = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"<<": "<", "<=": "<=", "=": "=", ">=": ">=", ">>": ">", "<": "<=", ">": ">="}
}}

// parseRelations parses a Debian relation field (Depends, Pre-Depends, Provides,
// Conflicts, Breaks, Replaces, Recommends): comma-separated groups of '|'-separated
// alternatives, each "name[:archqual] [(op version)] [[arch list]] [<profiles>]".
// Versions are mapped with recipe.MapDebianVersion; an unmappable one is an error.
func parseRelations(field, value string) ([][]relation, error) {
	var groups [][]relation
	for _, g := range strings.Split(value, ",") {
		g = strings.TrimSpace(g)
		if g == "" {
			continue
		}
		var alts []relation
		for _, a := range strings.Split(g, "|") {
			r, err := parseRelation(a)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %w", field, strings.TrimSpace(a), err)
			}
			alts = append(alts, r)
		}
		groups = append(groups, alts)
	}
	return groups, nil
}

func parseRelation(s string) (relation, error) {
	s = strings.TrimSpace(s)
	// Architecture restrictions and build profiles do not occur in binary packages'
	// relations; refuse rather than misread them.
	if strings.ContainsAny(s, "[<") && !strings.Contains(s, "(") || strings.Contains(s, "[") {
		return relation{}, fmt.Errorf("architecture or profile restriction in a binary relation")
	}
	name, rest, _ := strings.Cut(s, "(")
	name = strings.TrimSpace(name)
	if n, qual, ok := strings.Cut(name, ":"); ok {
		if qual != "any" && qual != "native" && qual != "amd64" && qual != "arm64" {
			return relation{}, fmt.Errorf("unknown architecture qualifier %q", qual)
		}
		name = n
	}
	if !debNameRE.Get().MatchString(name) {
		return relation{}, fmt.Errorf("bad package name %q", name)
	}
	r := relation{Name: name}
	if rest == "" {
		return r, nil
	}
	body, tail, ok := strings.Cut(rest, ")")
	if !ok || strings.TrimSpace(tail) != "" {
		return relation{}, fmt.Errorf("unbalanced parenthesis")
	}
	body = strings.TrimSpace(body)
	i := strings.IndexFunc(body, func(c rune) bool { return !strings.ContainsRune("<>=", c) })
	if i <= 0 {
		return relation{}, fmt.Errorf("no operator in (%s)", body)
	}
	op, ok := debOps.Get()[body[:i]]
	if !ok {
		return relation{}, fmt.Errorf("unknown operator %q", body[:i])
	}
	e, err := recipe.MapDebianVersion(strings.TrimSpace(body[i:]))
	if err != nil {
		return relation{}, err
	}
	v := strings.TrimSpace(body[i:])
	if j := strings.LastIndexByte(v, '-'); j >= 0 && strings.IndexFunc(v[j+1:], isAlnum) < 0 {
		// A revision without letters or digits ("git-man (<< 1:2.39.5-.)") is a
		// sentinel dpkg sorts after every real revision ('.' after "0+deb12u3", as
		// letters and the end sort before separators): "<< V-." means "any revision
		// of V or less", which rpm says as "<= V" (no release: any release); ">= V-."
		// means "above every revision of V": "> V".
		v = v[:j]
		e, _ = recipe.MapDebianVersion(v)
		switch op {
		case "<":
			op = "<="
		case ">=":
			op = ">"
		}
	}
	r.Op, r.Version = op, evrNoDefaultRelease(v, e)
	if op == ">" && !hasRevision(v) {
		// dpkg: 2.36-9 >> 2.36, as the empty revision sorts first; rpm: a requirement
		// without release ignores the release, so "> 2.36" would exclude 2.36-9.
		// ">= 2.36" is the rpm range that admits every revision (and, unlike dpkg,
		// the native 2.36 itself, which does not occur next to revisioned ones).
		r.Op = ">="
	}
	return r, nil
}

func isAlnum(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hasRevision(debVersion string) bool {
	if _, r, ok := strings.Cut(debVersion, ":"); ok {
		debVersion = r
	}
	return strings.Contains(debVersion, "-")
}

// evrNoDefaultRelease formats the EVR of a relation version. A Debian version without
// revision is written without release, so "(>= 2.36)" becomes ">= 2.36", which rpm
// compares on epoch and version only, as dpkg compares "2.36" (revision empty) with
// "2.36-9": rpm's rule (a missing release matches any) is what keeps "(= 1.2)" true
// for 1.2-0 and 1.2-3 alike.
func evrNoDefaultRelease(debVersion string, e recipe.EVR) string {
	noEpoch := debVersion
	if _, r, ok := strings.Cut(debVersion, ":"); ok {
		noEpoch = r
	}
	s := e.Version
	if strings.Contains(noEpoch, "-") {
		s += "-" + e.Release
	}
	if e.Epoch != nil {
		s = fmt.Sprintf("%d:%s", *e.Epoch, s)
	}
	return s
}

// richOr joins alternatives as rpm's rich dependency "(a or b >= 1)"; a single
// alternative stays a plain dependency.
func richOr(alts []relation) string {
	if len(alts) == 1 {
		return alts[0].String()
	}
	parts := make([]string, len(alts))
	for i, a := range alts {
		parts[i] = a.String()
	}
	return "(" + strings.Join(parts, " or ") + ")"
}
