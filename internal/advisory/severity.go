package advisory

import (
	"fmt"
	"strings"
)

// SeverityPolicy is the documented rule `nimbus dist update` drafts a security
// advisory's severity by, from what Debian says about the update (docs/advisory.md):
//
//   - the highest urgency= of the changelog entries between the two versions sets the
//     base: critical or emergency → Critical, high → Important, medium → Medium, low → Low
//     (Debian's security uploads are mostly urgency=medium);
//   - five CVEs or more raise the base one step, up to Important (only Debian's own
//     urgency makes an update Critical);
//   - an entry without CVE ids never drafts a security advisory (Draft makes it a
//     bugfix), so the policy is not asked.
//
// The result is a draft: the YAML marks it for review, and a reviewer who knows the
// CVEs' scores replaces it.
func SeverityPolicy(entries []ChangelogEntry, cves int) (severity, why string) {
	rank := map[string]int{"low": 0, "medium": 1, "high": 2, "critical": 3, "emergency": 3}
	names := []string{"Low", "Medium", "Important", "Critical"}
	best, urgency := 1, "medium"
	seen := false
	for _, e := range entries {
		u := strings.ToLower(strings.TrimSpace(e.Urgency))
		if r, ok := rank[u]; ok && (!seen || r > best) {
			best, urgency, seen = r, u, true
		}
	}
	if !seen {
		urgency = "none given, medium assumed"
	}
	s := best
	if cves >= 5 && s < 2 {
		s++
	}
	return names[s], fmt.Sprintf("urgency=%s, %d CVE%s", urgency, cves, plural(cves))
}
