package advisory

import (
	"bufio"
	"bytes"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// ChangelogEntry is one entry of a Debian changelog (debian/changelog, shipped as
// /usr/share/doc/PKG/changelog.Debian.gz).
type ChangelogEntry struct {
	Source       string
	Version      string
	Distribution string
	Urgency      string
	Changes      string // the body lines, as written (two-space indent kept)
	Maintainer   string
	Date         time.Time // zero when the trailer's date does not parse
	Line         int       // line of the header
}

// maxChangelog bounds what ParseChangelog reads (the biggest changelogs in Debian are a
// few megabytes uncompressed).
const maxChangelog = 64 << 20

var headerRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^(\S+) \(([^ ()]+)\) ([^;]*);(.*)$`) }}

// ParseChangelog reads a Debian changelog: entries "source (version) dists; urgency=u",
// change lines indented by spaces, and the " -- Name <mail>  Date" trailer. Like
// dpkg-parsechangelog it stops at the end of the structured part ("Local variables:",
// "Old Changelog:", vim/emacs mode lines) and skips what it cannot read between entries.
// A changelog without any entry is an error.
func ParseChangelog(data []byte) ([]ChangelogEntry, error) {
	if len(data) > maxChangelog {
		return nil, fmt.Errorf("changelog: %d bytes is more than the %d-byte limit", len(data), maxChangelog)
	}
	var out []ChangelogEntry
	var cur *ChangelogEntry
	var body []string
	flush := func() {
		if cur != nil {
			cur.Changes = strings.TrimRight(strings.Join(body, "\n"), "\n ")
			out = append(out, *cur)
		}
		cur, body = nil, nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line != "" && line[0] != ' ' && line[0] != '\t' {
			if m := headerRE.Get().FindStringSubmatch(line); m != nil {
				flush()
				cur = &ChangelogEntry{Source: m[1], Version: m[2], Distribution: strings.TrimSpace(m[3]), Line: n}
				for _, kv := range strings.Split(m[4], ",") {
					if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok && strings.EqualFold(k, "urgency") {
						cur.Urgency = strings.TrimSpace(v)
					}
				}
				continue
			}
			low := strings.ToLower(line)
			if strings.HasPrefix(low, "local variables:") || strings.HasPrefix(low, "old changelog:") ||
				strings.HasPrefix(low, "# vim:") || strings.HasPrefix(low, "/* vim:") {
				break
			}
			continue // junk between entries
		}
		if cur == nil {
			continue
		}
		if strings.HasPrefix(line, " -- ") {
			tr := line[4:]
			if i := strings.Index(tr, ">  "); i >= 0 {
				cur.Maintainer = tr[:i+1]
				if t, err := mail.ParseDate(strings.TrimSpace(tr[i+3:])); err == nil {
					cur.Date = t.UTC()
				}
			} else {
				cur.Maintainer = strings.TrimSpace(tr)
			}
			flush()
			continue
		}
		body = append(body, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("changelog: line %d: %w", n+1, err)
	}
	flush()
	if len(out) == 0 {
		return nil, fmt.Errorf("changelog: no entry (want \"source (version) distribution; urgency=...\")")
	}
	return out, nil
}

// FindCVEs returns the distinct CVE ids mentioned in text, sorted.
func FindCVEs(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cveAny.Get().FindAllString(text, -1) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return cveLess(out[i], out[j]) })
	return out
}

// cveLess orders CVE ids by year, then number (CVE-2024-9999 before CVE-2024-10000).
func cveLess(a, b string) bool {
	pa, pb := strings.SplitN(a, "-", 3), strings.SplitN(b, "-", 3)
	if pa[1] != pb[1] {
		return pa[1] < pb[1]
	}
	if len(pa[2]) != len(pb[2]) {
		return len(pa[2]) < len(pb[2])
	}
	return pa[2] < pb[2]
}

// Between returns the entries newer than old and not newer than new (Debian version
// order), newest first, as `dpkg-parsechangelog --since old --until new` selects them.
// An empty new means up to the newest entry.
func Between(entries []ChangelogEntry, old, new string) []ChangelogEntry {
	var out []ChangelogEntry
	for _, e := range entries {
		if CompareDebian(e.Version, old) <= 0 {
			continue
		}
		if new != "" && CompareDebian(e.Version, new) > 0 {
			continue
		}
		out = append(out, e)
	}
	return out
}

// DraftInput is what `nimbus advisory draft` knows about a version bump.
type DraftInput struct {
	ID         string // NIMBUS-YYYY-NNNN (see NextID)
	Source     string // Debian source package (from the changelog when empty)
	OldVersion string // Debian version the release had
	NewVersion string // Debian version of the new .deb (newest changelog entry when empty)
	Changelog  []ChangelogEntry
	// Packages are the fixed packages per arch (NEVRAs), as the recipes build them.
	Packages map[string][]string
	// PolicySeverity, when true, fills a security advisory's severity from
	// SeverityPolicy, marked in the YAML for review (nimbus dist update); otherwise the
	// severity is left for the reviewer to fill in.
	PolicySeverity bool
	// Tool names the command in the draft's header comment (default nimbus advisory draft).
	Tool string

	severityWhy string
}

// Draft writes a draft advisory for a version bump: the CVE ids of the changelog entries
// between the two versions (type security when there are any, else bugfix), the entries'
// text as the description, the newest entry's date as issued. The severity is left for a
// reviewer (the YAML says so); Draft fails when no entry lies between the versions.
func Draft(in DraftInput) (*Advisory, []byte, error) {
	if len(in.Changelog) == 0 {
		return nil, nil, fmt.Errorf("draft: empty changelog")
	}
	if in.NewVersion == "" {
		in.NewVersion = in.Changelog[0].Version
	}
	if in.Source == "" {
		in.Source = in.Changelog[0].Source
	}
	if CompareDebian(in.NewVersion, in.OldVersion) <= 0 {
		return nil, nil, fmt.Errorf("draft: new version %s is not newer than %s", in.NewVersion, in.OldVersion)
	}
	es := Between(in.Changelog, in.OldVersion, in.NewVersion)
	if len(es) == 0 {
		return nil, nil, fmt.Errorf("draft: the changelog of %s has no entry after %s up to %s", in.Source, in.OldVersion, in.NewVersion)
	}
	var text []string
	for _, e := range es {
		text = append(text, fmt.Sprintf("%s (%s):\n%s", e.Source, e.Version, dedent(e.Changes)))
	}
	a := &Advisory{ID: in.ID, Type: Bugfix, Packages: in.Packages,
		Description: strings.Join(text, "\n\n") + "\n"}
	if d := es[0].Date; !d.IsZero() {
		a.Issued = d.Format("2006-01-02")
	}
	cves := FindCVEs(strings.Join(text, "\n"))
	for _, c := range cves {
		a.References = append(a.References, Reference{CVE: c})
	}
	if len(cves) > 0 {
		a.Type = Security
		if in.PolicySeverity {
			a.Severity, in.severityWhy = SeverityPolicy(es, len(cves))
		}
		a.Title = fmt.Sprintf("%s: security update to %s (%d CVE%s)", in.Source, in.NewVersion, len(cves), plural(len(cves)))
	} else {
		a.Title = fmt.Sprintf("%s: update to %s", in.Source, in.NewVersion)
	}
	return a, draftYAML(a, in), nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func dedent(s string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "\n")
}

// draftYAML writes the draft by hand so that comments guide the reviewer.
func draftYAML(a *Advisory, in DraftInput) []byte {
	var b strings.Builder
	tool := in.Tool
	if tool == "" {
		tool = "nimbus advisory draft"
	}
	fmt.Fprintf(&b, "# Draft by `%s` from the changelog of %s %s..%s.\n", tool, in.Source, in.OldVersion, in.NewVersion)
	if a.Severity != "" {
		b.WriteString("# Review it: the severity comes from the drafting policy (docs/advisory.md); check it,\n# the title, the packages and the description.\n")
	} else {
		b.WriteString("# Review it: set the severity, check the title, the packages and the description.\n")
	}
	fmt.Fprintf(&b, "id: %s\ntype: %s\n", a.ID, a.Type)
	switch {
	case a.Type == Security && a.Severity != "":
		fmt.Fprintf(&b, "severity: %s # REVIEW: drafted by policy (%s)\n", a.Severity, in.severityWhy)
	case a.Type == Security:
		b.WriteString("severity: # TODO: Critical, Important, Medium or Low\n")
	}
	fmt.Fprintf(&b, "issued: %q\n", a.Issued)
	fmt.Fprintf(&b, "title: %q\n", a.Title)
	b.WriteString("description: |\n")
	for _, l := range strings.Split(strings.TrimRight(a.Description, "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("  " + l + "\n")
	}
	if len(a.References) > 0 {
		b.WriteString("references:\n")
		for _, r := range a.References {
			fmt.Fprintf(&b, "  - cve: %s\n", r.CVE)
		}
	}
	b.WriteString("packages:\n")
	if len(a.Packages) == 0 {
		b.WriteString("  # TODO: x86_64: [name-version-release.x86_64]\n")
	}
	for _, arch := range sortedKeys(a.Packages) {
		fmt.Fprintf(&b, "  %s:\n", arch)
		for _, p := range a.Packages[arch] {
			fmt.Fprintf(&b, "    - %s\n", p)
		}
	}
	return []byte(b.String())
}

// NextID is the first unused NIMBUS-YEAR-NNNN after the existing ids of that year.
func NextID(existing []string, year int) string {
	max := 0
	for _, id := range existing {
		m := idRE.Get().FindStringSubmatch(id)
		if m == nil || m[1] != fmt.Sprint(year) {
			continue
		}
		var n int
		fmt.Sscan(strings.TrimLeft(m[2], "0"), &n)
		if n > max {
			max = n
		}
	}
	return fmt.Sprintf("NIMBUS-%04d-%04d", year, max+1)
}

// CompareDebian orders two Debian versions as dpkg --compare-versions does.
func CompareDebian(a, b string) int { return evr.CompareDebian(a, b) }
