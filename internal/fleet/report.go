// Package fleet is an instance's compliance report (what `nimbus status --json` prints
// and instances may upload to a bucket) and the merge of many reports into one fleet
// view (`nimbus fleet report`): pure data, parsing, merging and tables.
package fleet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// Schema is the report format version.
const Schema = 1

// MaxReportSize bounds one report read from outside.
const MaxReportSize = 4 << 20

// Severities in order, most severe first (updateinfo's words; "" is unrated).
var Severities = []string{"Critical", "Important", "Moderate", "Low", "None"}

// Report is one instance's patch state.
type Report struct {
	Schema     int       `json:"schema"`
	InstanceID string    `json:"instance_id,omitempty"`
	Hostname   string    `json:"hostname,omitempty"`
	Time       time.Time `json:"time"`
	Release    string    `json:"release"`
	// AdvisoriesFrom is the release whose advisories were compared with the installed
	// packages (the installed one, or the newest one not recalled).
	AdvisoriesFrom    string         `json:"advisories_from,omitempty"`
	Pending           []Advisory     `json:"pending"`
	PendingBySeverity map[string]int `json:"pending_by_severity"`
	// LastSecurityUpdate is the end of the newest transaction that installed a package
	// named by a security advisory; DaysSinceSecurityUpdate counts from it to Time.
	LastSecurityUpdate      *time.Time    `json:"last_security_update,omitempty"`
	DaysSinceSecurityUpdate *int          `json:"days_since_security_update,omitempty"`
	RebootNeeded            *bool         `json:"reboot_needed"`
	LastAutomatic           *AutomaticRun `json:"last_automatic,omitempty"`
}

// Advisory is a pending advisory: one whose packages are newer than the installed ones.
type Advisory struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Severity string   `json:"severity,omitempty"`
	CVEs     []string `json:"cves,omitempty"`
	Packages []string `json:"packages"` // NEVRAs that fix it
}

// AutomaticRun is the last `nimbus automatic` run.
type AutomaticRun struct {
	Time        time.Time `json:"time"`
	OK          bool      `json:"ok"`
	Error       string    `json:"error,omitempty"`
	FromRelease string    `json:"from_release,omitempty"`
	Health      string    `json:"health,omitempty"`
	RolledBack  bool      `json:"rolled_back,omitempty"`
}

// Severity normalizes an advisory severity to one of Severities.
func Severity(s string) string {
	for _, v := range Severities {
		if strings.EqualFold(s, v) {
			return v
		}
	}
	return "None"
}

// Finish fills PendingBySeverity and sorts the pending advisories (most severe first).
func (r *Report) Finish() {
	r.Schema = Schema
	r.PendingBySeverity = map[string]int{}
	for i := range r.Pending {
		r.Pending[i].Severity = Severity(r.Pending[i].Severity)
		r.PendingBySeverity[r.Pending[i].Severity]++
	}
	rank := map[string]int{}
	for i, s := range Severities {
		rank[s] = i
	}
	sort.Slice(r.Pending, func(i, j int) bool {
		a, b := r.Pending[i], r.Pending[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		return a.ID < b.ID
	})
	if r.LastSecurityUpdate != nil {
		d := int(r.Time.Sub(*r.LastSecurityUpdate).Hours() / 24)
		r.DaysSinceSecurityUpdate = &d
	}
}

// ParseReport reads a report; name is where it came from, for errors.
func ParseReport(name string, data []byte) (*Report, error) {
	if len(data) > MaxReportSize {
		return nil, fmt.Errorf("%s: %d bytes is more than the %d allowed for a report", name, len(data), MaxReportSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: not a nimbus status report: %w", name, err)
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("%s: report schema %d is not supported (want %d)", name, r.Schema, Schema)
	}
	if r.Time.IsZero() {
		return nil, fmt.Errorf("%s: report without a time", name)
	}
	for i, a := range r.Pending {
		if a.ID == "" {
			return nil, fmt.Errorf("%s: pending[%d] has no advisory id", name, i)
		}
	}
	return &r, nil
}

// Summary is the merged view of many reports.
type Summary struct {
	Instances int            `json:"instances"`
	Releases  map[string]int `json:"releases"` // instances per installed release
	// Advisories: each pending advisory with the instances that lack it.
	Advisories []FleetAdvisory `json:"advisories"`
	// InstancesBySeverity: instances with at least one pending advisory of the severity.
	InstancesBySeverity map[string]int `json:"instances_by_severity"`
	UpToDate            int            `json:"up_to_date"` // no pending advisory
	RebootNeeded        int            `json:"reboot_needed"`
	AutomaticFailed     []string       `json:"automatic_failed,omitempty"` // instances whose last run failed
	RolledBack          []string       `json:"rolled_back,omitempty"`
	StaleSecurity       []string       `json:"stale_security,omitempty"` // no security update for more than StaleDays
	Reports             []*Report      `json:"reports"`
}

// FleetAdvisory is one advisory across the fleet.
type FleetAdvisory struct {
	ID        string   `json:"id"`
	Severity  string   `json:"severity"`
	CVEs      []string `json:"cves,omitempty"`
	Instances []string `json:"instances"`
}

// StaleDays is how old a last security update may be before the merge flags it.
const StaleDays = 30

// Merge combines reports (one per instance: the newest wins when an instance appears twice).
func Merge(reports []*Report) *Summary {
	newest := map[string]*Report{}
	var order []string
	for i, r := range reports {
		id := r.InstanceID
		if id == "" {
			id = fmt.Sprintf("(report %d)", i+1)
		}
		if cur, ok := newest[id]; !ok || r.Time.After(cur.Time) {
			if !ok {
				order = append(order, id)
			}
			newest[id] = r
		}
	}
	sort.Strings(order)
	s := &Summary{Releases: map[string]int{}, InstancesBySeverity: map[string]int{}}
	adv := map[string]*FleetAdvisory{}
	for _, id := range order {
		r := newest[id]
		s.Instances++
		s.Reports = append(s.Reports, r)
		s.Releases[r.Release]++
		if len(r.Pending) == 0 {
			s.UpToDate++
		}
		sev := map[string]bool{}
		for _, a := range r.Pending {
			sev[Severity(a.Severity)] = true
			fa := adv[a.ID]
			if fa == nil {
				fa = &FleetAdvisory{ID: a.ID, Severity: Severity(a.Severity), CVEs: a.CVEs}
				adv[a.ID] = fa
			}
			fa.Instances = append(fa.Instances, id)
		}
		for k := range sev {
			s.InstancesBySeverity[k]++
		}
		if r.RebootNeeded != nil && *r.RebootNeeded {
			s.RebootNeeded++
		}
		if a := r.LastAutomatic; a != nil {
			if !a.OK {
				s.AutomaticFailed = append(s.AutomaticFailed, id)
			}
			if a.RolledBack {
				s.RolledBack = append(s.RolledBack, id)
			}
		}
		if r.DaysSinceSecurityUpdate != nil && *r.DaysSinceSecurityUpdate > StaleDays {
			s.StaleSecurity = append(s.StaleSecurity, id)
		}
	}
	rank := map[string]int{}
	for i, v := range Severities {
		rank[v] = i
	}
	for _, a := range adv {
		s.Advisories = append(s.Advisories, *a)
	}
	sort.Slice(s.Advisories, func(i, j int) bool {
		a, b := s.Advisories[i], s.Advisories[j]
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		return a.ID < b.ID
	})
	return s
}

// WriteTable prints one instance's report as a readable table.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Instance:\t%s\n", orDash(r.InstanceID))
	fmt.Fprintf(tw, "Release:\t%s\n", orDash(r.Release))
	if r.AdvisoriesFrom != "" && r.AdvisoriesFrom != r.Release {
		fmt.Fprintf(tw, "Advisories from:\trelease %s\n", r.AdvisoriesFrom)
	}
	fmt.Fprintf(tw, "Pending advisories:\t%s\n", bySeverity(r.PendingBySeverity))
	if r.DaysSinceSecurityUpdate != nil {
		fmt.Fprintf(tw, "Last security update:\t%s (%d days ago)\n", r.LastSecurityUpdate.UTC().Format(time.DateOnly), *r.DaysSinceSecurityUpdate)
	} else {
		fmt.Fprintf(tw, "Last security update:\tnever\n")
	}
	fmt.Fprintf(tw, "Reboot needed:\t%s\n", yesNo(r.RebootNeeded))
	if a := r.LastAutomatic; a != nil {
		res := "ok"
		if !a.OK {
			res = "FAILED: " + a.Error
		}
		fmt.Fprintf(tw, "Last automatic run:\t%s %s\n", a.Time.UTC().Format(time.RFC3339), res)
	} else {
		fmt.Fprintf(tw, "Last automatic run:\tnever\n")
	}
	tw.Flush()
	if len(r.Pending) > 0 {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ADVISORY\tSEVERITY\tCVES\tPACKAGES")
		for _, a := range r.Pending {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.ID, a.Severity, orDash(strings.Join(a.CVEs, ",")), strings.Join(a.Packages, ","))
		}
		tw.Flush()
	}
	return nil
}

// WriteTable prints the fleet summary: counts, the advisories with how many instances
// lack each, and one line per instance.
func (s *Summary) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "%d instances: %d up to date, %d need a reboot, %d last automatic runs failed (%d rolled back)\n",
		s.Instances, s.UpToDate, s.RebootNeeded, len(s.AutomaticFailed), len(s.RolledBack))
	var rel []string
	for k, n := range s.Releases {
		rel = append(rel, fmt.Sprintf("%s: %d", orDash(k), n))
	}
	sort.Strings(rel)
	fmt.Fprintf(w, "releases: %s\n", strings.Join(rel, ", "))
	fmt.Fprintf(w, "instances with pending advisories: %s\n\n", bySeverity(s.InstancesBySeverity))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if len(s.Advisories) > 0 {
		fmt.Fprintln(tw, "ADVISORY\tSEVERITY\tCVES\tINSTANCES")
		for _, a := range s.Advisories {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", a.ID, a.Severity, orDash(strings.Join(a.CVEs, ",")), len(a.Instances))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INSTANCE\tRELEASE\tPENDING\tDAYS SINCE SECURITY UPDATE\tREBOOT\tLAST AUTOMATIC")
	for _, r := range s.Reports {
		days := "never"
		if r.DaysSinceSecurityUpdate != nil {
			days = fmt.Sprint(*r.DaysSinceSecurityUpdate)
		}
		last := "never"
		if a := r.LastAutomatic; a != nil {
			last = a.Time.UTC().Format(time.RFC3339) + " ok"
			if a.RolledBack {
				last = a.Time.UTC().Format(time.RFC3339) + " rolled back"
			} else if !a.OK {
				last = a.Time.UTC().Format(time.RFC3339) + " failed"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(r.InstanceID), orDash(r.Release), bySeverity(r.PendingBySeverity), days, yesNo(r.RebootNeeded), last)
	}
	return tw.Flush()
}

func bySeverity(m map[string]int) string {
	var parts []string
	for _, s := range Severities {
		if m[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[s], s))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
