package initd

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// provisionReport mirrors provision.Report's saved form.
type provisionReport struct {
	Provider   string `json:"provider"`
	InstanceID string `json:"instance_id"`
	Stages     []struct {
		Name     string        `json:"name"`
		Duration time.Duration `json:"duration_ns"`
		Skipped  string        `json:"skipped"`
		Error    string        `json:"error"`
	} `json:"stages"`
}

// Analyze prints the boot's timings like systemd-analyze and cloud-init analyze: kernel
// and userspace time, each boot stage, each provisioning stage, and unit activation times
// (slowest first with blame). root is "/" on a running system.
func Analyze(root string, blame bool, w io.Writer) error {
	b, err := os.ReadFile(filepath.Join(root, TimingsPath))
	if err != nil {
		return fmt.Errorf("analyze: no boot timings (%w)", err)
	}
	var t Timings
	if err := json.Unmarshal(b, &t); err != nil {
		return fmt.Errorf("analyze: %s: %w", TimingsPath, err)
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }
	fmt.Fprintf(w, "Startup finished in %s (kernel) + %s (userspace) = %s\n", ms(t.InitStart), ms(t.Ready-t.InitStart), ms(t.Ready))
	if t.UserData > 0 {
		fmt.Fprintf(w, "User-data finished at %s\n", ms(t.UserData))
	}
	if blame {
		sort.Slice(t.Units, func(i, j int) bool { return t.Units[i].Duration > t.Units[j].Duration })
		for _, u := range t.Units {
			fmt.Fprintf(w, "%10s %s\n", ms(u.Duration), u.Unit)
		}
		return nil
	}
	fmt.Fprintf(w, "\n%-12s %10s %10s  %s\n", "STAGE", "AT", "TOOK", "NOTE")
	for _, s := range t.Stages {
		note := s.Note
		if s.Error != "" {
			note = "FAILED: " + s.Error
		}
		fmt.Fprintf(w, "%-12s %10s %10s  %s\n", s.Stage, ms(s.Start), ms(s.Duration), note)
	}
	if pb, err := os.ReadFile(filepath.Join(root, "var/lib/nimbus/provision.json")); err == nil {
		var p provisionReport
		if json.Unmarshal(pb, &p) == nil {
			fmt.Fprintf(w, "\nprovision (%s, instance %s):\n", p.Provider, p.InstanceID)
			for _, s := range p.Stages {
				note := s.Skipped
				if s.Error != "" {
					note = "FAILED: " + s.Error
				}
				fmt.Fprintf(w, "  %-22s %10s  %s\n", s.Name, ms(s.Duration), note)
			}
		}
	}
	if len(t.Units) > 0 {
		fmt.Fprintf(w, "\nunits (time to active):\n")
		for _, u := range t.Units {
			fmt.Fprintf(w, "  %-30s %10s\n", u.Unit, ms(u.Duration))
		}
	}
	return nil
}
