package pm

import (
	"context"
	"sort"
	"time"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/fleet"
	"github.com/nimbus-linux/nimbus/internal/history"
)

// StatusOptions are what BuildReport cannot find in the root's package state.
type StatusOptions struct {
	Now        time.Time
	InstanceID string
	Hostname   string
	Release    string // the installed release
	// AdvisoriesFrom is the release whose repositories' advisories are compared with the
	// installed packages ("" : the configured $releasever).
	AdvisoriesFrom string
	RebootNeeded   *bool
	LastAutomatic  *fleet.AutomaticRun
}

// BuildReport is the root's compliance report: the advisories whose fixes are newer than
// the installed packages (by severity, with CVEs), when a security fix was last
// installed (from the history), and what the caller knows (reboot, automatic runs).
func BuildReport(ctx context.Context, cfg Config, o StatusOptions) (*fleet.Report, error) {
	if o.AdvisoriesFrom != "" {
		cfg.Releasever = o.AdvisoriesFrom
	}
	b, err := Open(ctx, cfg, true)
	if err != nil {
		return nil, err
	}
	r := &fleet.Report{InstanceID: o.InstanceID, Hostname: o.Hostname, Time: o.Now.UTC(), Release: o.Release,
		AdvisoriesFrom: cfg.Releasever, RebootNeeded: o.RebootNeeded, LastAutomatic: o.LastAutomatic}
	rows, err := b.UpdateinfoRows(advisory.ModeAvailable, advisory.Filter{}, nil)
	if err != nil {
		return nil, err
	}
	byID := map[string]*fleet.Advisory{}
	for _, row := range rows {
		a := byID[row.Update.ID]
		if a == nil {
			a = &fleet.Advisory{ID: row.Update.ID, Type: row.Update.Type, Severity: row.Update.Severity}
			for _, ref := range row.Update.References {
				if ref.Type == "cve" && ref.ID != "" {
					a.CVEs = append(a.CVEs, ref.ID)
				}
			}
			byID[row.Update.ID] = a
		}
		a.Packages = append(a.Packages, row.NEVRA())
	}
	for _, a := range byID {
		sort.Strings(a.Packages)
		r.Pending = append(r.Pending, *a)
	}
	if r.Pending == nil {
		r.Pending = []fleet.Advisory{}
	}
	// The last security update: the newest transaction that installed a package version
	// a security advisory names, among those still installed.
	inst, err := b.UpdateinfoRows(advisory.ModeInstalled, advisory.Filter{Types: []string{"security"}}, nil)
	if err != nil {
		return nil, err
	}
	fixes := map[string]bool{}
	for _, row := range inst {
		fixes[row.NEVRA()] = true
	}
	if len(fixes) > 0 {
		if db, err := history.Open(cfg.Root, false); err == nil {
			ts, _ := db.List(ctx)
			db.Close()
		found:
			for _, t := range ts { // newest first
				for _, it := range t.Items {
					if (it.Action == history.Install || it.Action == history.Upgrade || it.Action == history.Downgrade || it.Action == history.Reinstall) && fixes[it.NEVRA] {
						end := t.End.UTC()
						r.LastSecurityUpdate = &end
						break found
					}
				}
			}
		}
	}
	r.Finish()
	return r, nil
}
