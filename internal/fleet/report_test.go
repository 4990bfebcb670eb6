package fleet

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestMerge(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	old := t0.Add(-40 * 24 * time.Hour)
	yes := true
	mk := func(id string, at time.Time, pending ...Advisory) *Report {
		r := &Report{InstanceID: id, Time: at, Release: "2026.9.20260901", Pending: pending, LastSecurityUpdate: &old}
		r.Finish()
		return r
	}
	crit := Advisory{ID: "N-1", Type: "security", Severity: "critical", CVEs: []string{"CVE-1"}, Packages: []string{"foo-2-1.noarch"}}
	low := Advisory{ID: "N-2", Type: "security", Severity: "Low", Packages: []string{"bar-2-1.noarch"}}
	a1 := mk("i-a", t0, crit, low)
	a2 := mk("i-a", t0.Add(time.Hour), low) // newer report of the same instance wins
	b := mk("i-b", t0, crit)
	b.RebootNeeded = &yes
	b.LastAutomatic = &AutomaticRun{Time: t0, OK: false, RolledBack: true}
	c := mk("i-c", t0)
	s := Merge([]*Report{a1, b, a2, c})
	if s.Instances != 3 || s.UpToDate != 1 || s.RebootNeeded != 1 || len(s.RolledBack) != 1 || len(s.AutomaticFailed) != 1 || len(s.StaleSecurity) != 3 {
		t.Errorf("summary %+v", s)
	}
	if len(s.Advisories) != 2 || s.Advisories[0].ID != "N-1" || s.Advisories[0].Severity != "Critical" || strings.Join(s.Advisories[0].Instances, ",") != "i-b" ||
		strings.Join(s.Advisories[1].Instances, ",") != "i-a" {
		t.Errorf("advisories %+v", s.Advisories)
	}
	if s.InstancesBySeverity["Critical"] != 1 || s.InstancesBySeverity["Low"] != 1 {
		t.Errorf("by severity %v", s.InstancesBySeverity)
	}
	if a1.Pending[0].ID != "N-1" || *a1.DaysSinceSecurityUpdate != 40 || a1.PendingBySeverity["Critical"] != 1 {
		t.Errorf("finish: %+v", a1)
	}
	var w bytes.Buffer
	s.WriteTable(&w)
	if !strings.Contains(w.String(), "3 instances: 1 up to date, 1 need a reboot") || !strings.Contains(w.String(), "rolled back") {
		t.Errorf("table:\n%s", w.String())
	}
	for name, c := range map[string]struct{ in, want string }{
		"schema":  {`{"schema":2,"time":"2026-10-01T00:00:00Z"}`, "schema 2 is not supported"},
		"time":    {`{"schema":1}`, "without a time"},
		"id":      {`{"schema":1,"time":"2026-10-01T00:00:00Z","pending":[{"id":""}]}`, "pending[0] has no advisory id"},
		"garbage": {`nope`, "not a nimbus status report"},
	} {
		if _, err := ParseReport("r.json", []byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "r.json") {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
}
