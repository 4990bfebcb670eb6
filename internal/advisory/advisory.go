// Package advisory is Nimbus's security and bug-fix advisories: the YAML source files of
// dist/advisories (parsed and validated from bytes), their rendering into updateinfo.xml
// as dnf reads it, which advisories apply to an installed system (dnf updateinfo's rules),
// and the drafting of an advisory from a Debian changelog. It touches no OS state.
package advisory

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"gopkg.in/yaml.v3"
)

// Types of advisories (updateinfo's type attribute).
const (
	Security    = "security"
	Bugfix      = "bugfix"
	Enhancement = "enhancement"
	NewPackage  = "newpackage"
)

// Severities of security advisories, Amazon Linux's scale. dnf 4.14 calls Medium
// "Moderate"; Nimbus accepts both and writes Medium, as ALAS advisories do.
var Severities = []string{"Critical", "Important", "Medium", "Low"}

// Advisory is one dist/advisories/*.yaml file.
type Advisory struct {
	ID          string      `yaml:"id"`
	Type        string      `yaml:"type"`
	Severity    string      `yaml:"severity,omitempty"`
	Issued      string      `yaml:"issued"`
	Updated     string      `yaml:"updated,omitempty"`
	Title       string      `yaml:"title"`
	Description string      `yaml:"description,omitempty"`
	References  []Reference `yaml:"references,omitempty"`
	// Packages are the fixed packages per architecture (x86_64, aarch64, noarch), each a
	// NEVRA "name-[epoch:]version-release.arch".
	Packages map[string][]string `yaml:"packages"`
	// RebootSuggested marks every package of the advisory reboot_suggested (kernel, glibc).
	RebootSuggested  bool `yaml:"reboot_suggested,omitempty"`
	RestartSuggested bool `yaml:"restart_suggested,omitempty"`
}

// Reference is a CVE, a bug or a link. Exactly one of CVE, Bug or URL-only is expected:
// a CVE's URL defaults to its cve.org record.
type Reference struct {
	CVE   string `yaml:"cve,omitempty"`
	Bug   string `yaml:"bug,omitempty"` // bugzilla id, or a tracker id with url
	URL   string `yaml:"url,omitempty"`
	Title string `yaml:"title,omitempty"`
}

// Problems are every problem of one or more advisory files, each "file: field: cause".
type Problems []string

func (p Problems) Error() string { return strings.Join(p, "\n") }

// The expressions are compiled when first used, not when a program that links the package
// starts (the package manager's start, docs/pm.md).
var (
	idRE   = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^NIMBUS-(\d{4})-(\d{4,})$`) }}
	cveRE  = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`) }}
	cveAny = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`CVE-\d{4}-\d{4,}`) }}
	nameRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_+][A-Za-z0-9._+-]*$`) }}
)

// ValidCVE reports whether s is a CVE id: CVE-YYYY-NNNN with four or more digits.
func ValidCVE(s string) bool { return cveRE.Get().MatchString(s) }

// Parse reads one advisory file (name is used in errors) and validates it on its own.
// Unknown keys are errors, all problems are reported at once.
func Parse(name string, data []byte) (*Advisory, error) {
	var a Advisory
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		return nil, Problems{fmt.Sprintf("%s: %v", name, err)}
	}
	if ps := a.Validate(nil); len(ps) > 0 {
		for i := range ps {
			ps[i] = name + ": " + ps[i]
		}
		return nil, ps
	}
	return &a, nil
}

// ParseDate reads an advisory date: "2006-01-02" or "2006-01-02 15:04:05" (UTC).
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04:05", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or YYYY-MM-DD hh:mm:ss)", s)
}

// Release answers whether a package is in the release the advisory is published with:
// has(nevra) for the exact package, and hasName(name) for any version of the name.
type Release interface {
	Has(nevra string) bool
	HasName(name string) bool
}

// Validate checks the advisory; with rel, also that each package is in the release.
func (a *Advisory) Validate(rel Release) Problems {
	var ps Problems
	bad := func(field, format string, args ...any) {
		ps = append(ps, field+": "+fmt.Sprintf(format, args...))
	}
	m := idRE.Get().FindStringSubmatch(a.ID)
	if m == nil {
		bad("id", "%q is not an advisory id (want NIMBUS-YYYY-NNNN)", a.ID)
	}
	switch a.Type {
	case Security:
		if a.Severity == "" {
			bad("severity", "a security advisory needs one of %s", strings.Join(Severities, ", "))
		}
	case Bugfix, Enhancement, NewPackage:
	default:
		bad("type", "%q is not one of security, bugfix, enhancement, newpackage", a.Type)
	}
	if a.Severity != "" && NormalizeSeverity(a.Severity) == "" {
		bad("severity", "%q is not one of %s", a.Severity, strings.Join(Severities, ", "))
	}
	issued, err := ParseDate(a.Issued)
	if a.Issued == "" {
		bad("issued", "missing")
	} else if err != nil {
		bad("issued", "%v", err)
	} else if m != nil && m[1] != fmt.Sprint(issued.Year()) {
		bad("id", "%s has year %s but was issued in %d", a.ID, m[1], issued.Year())
	}
	if a.Updated != "" {
		u, err := ParseDate(a.Updated)
		if err != nil {
			bad("updated", "%v", err)
		} else if a.Issued != "" && u.Before(issued) {
			bad("updated", "%s is before issued %s", a.Updated, a.Issued)
		}
	}
	if strings.TrimSpace(a.Title) == "" {
		bad("title", "missing")
	}
	for i, r := range a.References {
		f := fmt.Sprintf("references[%d]", i)
		switch {
		case r.CVE != "" && r.Bug != "":
			bad(f, "give cve or bug, not both")
		case r.CVE != "":
			if !ValidCVE(r.CVE) {
				bad(f+".cve", "%q is not a CVE id (want CVE-YYYY-NNNN)", r.CVE)
			}
		case r.Bug != "":
		case r.URL == "":
			bad(f, "want cve, bug or url")
		}
		if r.URL != "" && !strings.HasPrefix(r.URL, "https://") && !strings.HasPrefix(r.URL, "http://") {
			bad(f+".url", "%q is not an http(s) URL", r.URL)
		}
	}
	if a.Type == Security && len(a.CVEs()) == 0 && len(a.References) == 0 {
		bad("references", "a security advisory needs at least one reference (a CVE id)")
	}
	if len(a.Packages) == 0 {
		bad("packages", "missing: list the fixed packages per arch")
	}
	for _, arch := range sortedKeys(a.Packages) {
		if arch != "x86_64" && arch != "aarch64" && arch != "noarch" {
			bad("packages."+arch, "unknown architecture (want x86_64, aarch64 or noarch)")
			continue
		}
		if len(a.Packages[arch]) == 0 {
			bad("packages."+arch, "empty")
		}
		for i, s := range a.Packages[arch] {
			f := fmt.Sprintf("packages.%s[%d]", arch, i)
			p, err := ParseNEVRA(s)
			if err != nil {
				bad(f, "%v", err)
				continue
			}
			if p.Arch != arch && p.Arch != "noarch" {
				bad(f, "%s is for %s, listed under %s", s, p.Arch, arch)
			}
			if rel != nil && !rel.Has(p.String()) {
				if rel.HasName(p.Name) {
					bad(f, "%s is not in the release (it has another version of %s)", s, p.Name)
				} else {
					bad(f, "%s is not in the release (no package %s)", s, p.Name)
				}
			}
		}
	}
	return ps
}

// NormalizeSeverity returns the canonical severity ("Moderate" is Medium), or "".
func NormalizeSeverity(s string) string {
	if strings.EqualFold(s, "Moderate") {
		return "Medium"
	}
	for _, v := range Severities {
		if strings.EqualFold(s, v) {
			return v
		}
	}
	return ""
}

// CVEs returns the advisory's CVE ids, sorted.
func (a *Advisory) CVEs() []string {
	var out []string
	for _, r := range a.References {
		if r.CVE != "" {
			out = append(out, r.CVE)
		}
	}
	sort.Strings(out)
	return out
}

// NEVRA is a package identity.
type NEVRA struct {
	Name, Epoch, Version, Release, Arch string
}

// ParseNEVRA reads "name-[epoch:]version-release.arch".
func ParseNEVRA(s string) (NEVRA, error) {
	var n NEVRA
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 {
		return n, fmt.Errorf("%q is not name-version-release.arch", s)
	}
	n.Arch = s[dot+1:]
	rest := s[:dot]
	d1 := strings.LastIndexByte(rest, '-')
	if d1 <= 0 {
		return n, fmt.Errorf("%q is not name-version-release.arch", s)
	}
	n.Release = rest[d1+1:]
	rest = rest[:d1]
	d2 := strings.LastIndexByte(rest, '-')
	if d2 <= 0 {
		return n, fmt.Errorf("%q is not name-version-release.arch", s)
	}
	n.Name, n.Version = rest[:d2], rest[d2+1:]
	if e, v, ok := strings.Cut(n.Version, ":"); ok {
		n.Epoch, n.Version = e, v
		for _, c := range e {
			if c < '0' || c > '9' {
				return n, fmt.Errorf("%q: epoch %q is not a number", s, e)
			}
		}
		if e == "" {
			return n, fmt.Errorf("%q: empty epoch", s)
		}
	}
	if !nameRE.Get().MatchString(n.Name) {
		return n, fmt.Errorf("%q: %q is not a package name", s, n.Name)
	}
	for _, f := range []struct{ what, v string }{{"version", n.Version}, {"release", n.Release}, {"arch", n.Arch}} {
		if f.v == "" || strings.ContainsAny(f.v, " \t-/:") {
			return n, fmt.Errorf("%q: bad %s %q", s, f.what, f.v)
		}
	}
	return n, nil
}

// String is name-[epoch:]version-release.arch with a zero or empty epoch left out.
func (n NEVRA) String() string {
	return n.Name + "-" + n.EVR() + "." + n.Arch
}

// EVR is [epoch:]version-release with a zero or empty epoch left out.
func (n NEVRA) EVR() string {
	s := n.Version + "-" + n.Release
	if n.Epoch != "" && strings.TrimLeft(n.Epoch, "0") != "" {
		s = n.Epoch + ":" + s
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
