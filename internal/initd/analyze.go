package initd

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// provisionReport mirrors provision.Report's saved form.
type provisionReport struct {
	Provider   string `json:"provider"`
	InstanceID string `json:"instance_id"`
	Stages     []struct {
		Name     string        `json:"name"`
		Start    time.Time     `json:"start"`
		Duration time.Duration `json:"duration_ns"`
		Skipped  string        `json:"skipped"`
		Error    string        `json:"error"`
	} `json:"stages"`
}

// provisionReportPath is where the first-boot agent saves its report (provision.ReportPath).
const provisionReportPath = "/var/lib/nimbus/provision.json"

// Analysis is one boot's timings as `nimbus-init analyze --json` prints them. All times
// are durations since the kernel started (CLOCK_BOOTTIME), in nanoseconds.
type Analysis struct {
	Kernel    time.Duration `json:"kernel_ns"`    // kernel start to PID 1
	Userspace time.Duration `json:"userspace_ns"` // PID 1 to ready
	Ready     time.Duration `json:"ready_ns"`     // kernel start to ready
	// UserData is when the late provisioning stages finished (0: not yet, or none).
	UserData  time.Duration      `json:"user_data_ns,omitempty"`
	Stages    []Timing           `json:"stages"`
	Provision *ProvisionTimeline `json:"provision,omitempty"`
	Units     []UnitTiming       `json:"units"`
}

// ProvisionTimeline is the first-boot agent's stages on the boot's time axis.
type ProvisionTimeline struct {
	Provider   string           `json:"provider"`
	InstanceID string           `json:"instance_id"`
	Stages     []ProvisionStage `json:"stages"`
}

// ProvisionStage is one stage of the first-boot agent.
type ProvisionStage struct {
	Name     string        `json:"name"`
	Start    time.Duration `json:"start_ns"`
	Duration time.Duration `json:"duration_ns"`
	Skipped  string        `json:"skipped,omitempty"`
	Error    string        `json:"error,omitempty"`
}

// LoadAnalysis reads the boot's timings (TimingsPath) and the first-boot agent's report
// below root ("/" on a running system). A missing report is no error (provisioning off).
func LoadAnalysis(root string) (*Analysis, error) {
	tb, err := os.ReadFile(filepath.Join(root, TimingsPath))
	if err != nil {
		return nil, fmt.Errorf("analyze: no boot timings at %s (%w): nimbus-init writes them when it boots as PID 1; use --root for another system's tree", TimingsPath, err)
	}
	pb, err := os.ReadFile(filepath.Join(root, provisionReportPath))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("analyze: %s: %w", provisionReportPath, err)
	}
	return ParseAnalysis(tb, pb)
}

// ParseAnalysis builds the analysis from the bytes of the timings file and of the
// provisioning report (nil when there is none). A malformed timings file is an error
// naming the file and the fault; a malformed report only drops the provisioning part.
func ParseAnalysis(timings, report []byte) (*Analysis, error) {
	var t Timings
	if err := json.Unmarshal(timings, &t); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("analyze: %s is not valid JSON at byte %d (%w): the file is damaged; it is rewritten at the next boot", TimingsPath, se.Offset, err)
		}
		return nil, fmt.Errorf("analyze: %s: %w: the file is damaged; it is rewritten at the next boot", TimingsPath, err)
	}
	if err := t.check(); err != nil {
		return nil, fmt.Errorf("analyze: %s: %w: the file is damaged; it is rewritten at the next boot", TimingsPath, err)
	}
	a := &Analysis{Kernel: t.InitStart, Ready: t.Ready, UserData: t.UserData, Stages: t.Stages, Units: t.Units}
	if t.Ready > 0 {
		a.Userspace = t.Ready - t.InitStart
	}
	if a.Stages == nil {
		a.Stages = []Timing{}
	}
	if a.Units == nil {
		a.Units = []UnitTiming{}
	}
	if len(report) > 0 {
		var p provisionReport
		if json.Unmarshal(report, &p) == nil {
			a.Provision = provisionTimeline(&t, &p)
		}
	}
	return a, nil
}

// maxBootTime bounds every time in a timings file: beyond it a file is damaged (and
// sums of times cannot overflow).
const maxBootTime = 365 * 24 * time.Hour

// check rejects timings no boot can have.
func (t *Timings) check() error {
	if t.InitStart < 0 || t.Ready < 0 || t.UserData < 0 {
		return fmt.Errorf("negative time (init_start_ns %d, ready_ns %d, user_data_ns %d)", t.InitStart, t.Ready, t.UserData)
	}
	if t.InitStart > maxBootTime || t.Ready > maxBootTime || t.UserData > maxBootTime {
		return fmt.Errorf("a time beyond a year (init_start_ns %d, ready_ns %d, user_data_ns %d)", t.InitStart, t.Ready, t.UserData)
	}
	if t.Ready > 0 && t.Ready < t.InitStart {
		return fmt.Errorf("ready_ns %d is before init_start_ns %d", t.Ready, t.InitStart)
	}
	for i, s := range t.Stages {
		if s.Stage == "" {
			return fmt.Errorf("stage %d has no name", i+1)
		}
		if s.Start < 0 || s.Duration < 0 || s.Start > maxBootTime || s.Duration > maxBootTime {
			return fmt.Errorf("stage %s: negative start or duration, or beyond a year", s.Stage)
		}
	}
	for i, u := range t.Units {
		if u.Unit == "" {
			return fmt.Errorf("unit %d has no name", i+1)
		}
		if u.Duration < 0 || u.Start < 0 || u.End < 0 || (u.End > 0 && u.End < u.Start) ||
			u.Duration > maxBootTime || u.Start > maxBootTime || u.End > maxBootTime {
			return fmt.Errorf("unit %s: negative time, end before start, or beyond a year", u.Unit)
		}
	}
	return nil
}

// provisionTimeline places the agent's stages on the boot's time axis: by their wall
// clock start and the boot's wall clock origin when the timings have it, else one after
// the other from the start of the provision boot stage.
func provisionTimeline(t *Timings, p *provisionReport) *ProvisionTimeline {
	out := &ProvisionTimeline{Provider: p.Provider, InstanceID: p.InstanceID, Stages: []ProvisionStage{}}
	var next time.Duration
	for _, s := range t.Stages {
		if s.Stage == "provision" {
			next = s.Start
		}
	}
	for _, s := range p.Stages {
		if s.Name == "" || s.Duration < 0 || s.Duration > maxBootTime {
			continue
		}
		start := next
		if !t.BootWall.IsZero() && !s.Start.IsZero() {
			if d := s.Start.Sub(t.BootWall); d >= 0 && d <= maxBootTime {
				start = d
			}
		}
		out.Stages = append(out.Stages, ProvisionStage{Name: s.Name, Start: start, Duration: s.Duration, Skipped: s.Skipped, Error: s.Error})
		next = start + s.Duration
	}
	return out
}

// Analyze prints the boot's timings like systemd-analyze and cloud-init analyze: kernel
// and userspace time, each boot stage, each provisioning stage, and unit activation times
// (slowest first with blame). root is "/" on a running system.
func Analyze(root string, blame bool, w io.Writer) error {
	a, err := LoadAnalysis(root)
	if err != nil {
		return err
	}
	a.WriteText(w, blame)
	return nil
}

// WriteText prints the analysis as text; blame lists only the units, slowest first.
func (a *Analysis) WriteText(w io.Writer, blame bool) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }
	fmt.Fprintf(w, "Startup finished in %s (kernel) + %s (userspace) = %s\n", ms(a.Kernel), ms(a.Userspace), ms(a.Ready))
	if a.UserData > 0 {
		fmt.Fprintf(w, "User-data finished at %s\n", ms(a.UserData))
	}
	if blame {
		us := append([]UnitTiming(nil), a.Units...)
		sort.SliceStable(us, func(i, j int) bool { return us[i].Duration > us[j].Duration })
		for _, u := range us {
			fmt.Fprintf(w, "%10s %s\n", ms(u.Duration), u.Unit)
		}
		return
	}
	fmt.Fprintf(w, "\n%-12s %10s %10s  %s\n", "STAGE", "AT", "TOOK", "NOTE")
	for _, s := range a.Stages {
		note := s.Note
		if s.Error != "" {
			note = "FAILED: " + s.Error
		}
		fmt.Fprintf(w, "%-12s %10s %10s  %s\n", s.Stage, ms(s.Start), ms(s.Duration), note)
	}
	if p := a.Provision; p != nil {
		fmt.Fprintf(w, "\nprovision (%s, instance %s):\n", p.Provider, p.InstanceID)
		for _, s := range p.Stages {
			note := s.Skipped
			if s.Error != "" {
				note = "FAILED: " + s.Error
			}
			fmt.Fprintf(w, "  %-22s %10s %10s  %s\n", s.Name, ms(s.Start), ms(s.Duration), note)
		}
	}
	if len(a.Units) > 0 {
		fmt.Fprintf(w, "\nunits (activation start, time to active):\n")
		for _, u := range a.Units {
			fmt.Fprintf(w, "  %-30s %10s %10s\n", u.Unit, ms(u.Start), ms(u.Duration))
		}
	}
}

// WriteJSON prints the analysis as indented JSON (the --json form).
func (a *Analysis) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// noteOf is the text shown beside a bar.
func noteOf(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// analyzeCmd is `nimbus-init analyze`: text (or blame), --json on stdout, or --svg FILE.
func analyzeCmd(root string, blame, asJSON bool, svg string, stdout io.Writer) error {
	if asJSON && svg != "" {
		return fmt.Errorf("analyze: --json and --svg are exclusive: give one")
	}
	a, err := LoadAnalysis(root)
	if err != nil {
		return err
	}
	switch {
	case asJSON:
		return a.WriteJSON(stdout)
	case svg != "":
		f, err := os.Create(svg)
		if err != nil {
			return fmt.Errorf("analyze: boot chart: %w", err)
		}
		if err := a.WriteSVG(f); err != nil {
			f.Close()
			return fmt.Errorf("analyze: boot chart %s: %w", svg, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("analyze: boot chart %s: %w", svg, err)
		}
		return nil
	}
	a.WriteText(stdout, blame)
	return nil
}
