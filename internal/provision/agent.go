package provision

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/fsutil"
)

// Agent runs the first-boot stages for one boot.
type Agent struct {
	Root     string // the root file system ("/" in PID 1)
	Sys      System
	Provider Provider
	Log      io.Writer
	// Force reruns the per-instance stages although they ran for this instance already.
	Force bool
	Now   func() time.Time
	// DefaultUser names the distribution's default user; empty: the system config's
	// default_user (/etc/nimbus/cloud.cfg), else ec2-user.
	DefaultUser string
	// SysusersApplied: PID 1 applied sysusers.d this boot already (its sysusers stage),
	// so the agent's own sysusers stage is skipped.
	SysusersApplied bool
	// EarlySSH, when set, is called (from a stage's goroutine, at most once per run) as
	// soon as the host keys are final and sshd may start beside the users and files
	// stages (earlySSH in hostkeys.go says when); else sshd starts after them.
	EarlySSH func()

	logMu sync.Mutex
}

// StageResult is one stage's outcome and timing, for the report and `nimbus-init analyze`.
type StageResult struct {
	Name     string        `json:"name"`
	Start    time.Time     `json:"start"`
	Duration time.Duration `json:"duration_ns"`
	Skipped  string        `json:"skipped,omitempty"`
	Error    string        `json:"error,omitempty"`
}

// Report is what a run did; it is saved as ReportPath under the root.
type Report struct {
	Provider   string        `json:"provider"`
	InstanceID string        `json:"instance_id"`
	FirstBoot  bool          `json:"first_boot"`
	Stages     []StageResult `json:"stages"`
	Unknown    []string      `json:"unknown_keys,omitempty"`
}

// Paths below the root.
const (
	StateDir   = "var/lib/nimbus"
	ReportPath = "var/lib/nimbus/provision.json"
	LogPath    = "var/log/nimbus-provision.log"
)

// run is the state shared by the stages of one run.
type run struct {
	a        *Agent
	data     *Data
	cfg      *CloudConfig
	scripts  []Part
	boothook []Part
	hostname string
	instDir  string // var/lib/nimbus/instances/ID (relative to root)
	// deferredKeys are the slow host key types left to the late stage.
	deferredKeys []string
}

// stage is one named step; perInstance stages run once per instance id; late stages
// run after the services have started (like cloud-init's cloud-final), so that a long
// user-data script does not hold back sshd. A side stage shares nothing with the stages
// after it: it starts in its turn and runs beside them (making host keys takes as long
// as the users and files together under TCG, and needs neither).
type stage struct {
	name        string
	perInstance bool
	run         func(*run, context.Context) error
	late        bool
	side        sideKind
}

// sideKind says how a stage runs beside the ones after it.
type sideKind int

const (
	inline sideKind = iota // in its turn; the next stage starts when it is done
	beside                 // beside the next stages; its phase waits for it at its end
)

// stages is the first-boot pipeline, in order: name, once per instance, the work,
// whether it runs after the services started, and whether it runs beside the stages
// after it. Reading it is reading the agent.
var stages = []stage{
	{"sysusers", false, (*run).sysusers, false, inline},
	{"metadata", false, (*run).fetch, false, inline},
	{"hostname", false, (*run).setHostname, false, inline},
	{"bootcmd", false, (*run).bootcmd, false, inline},
	{"ssh-host-keys-config", true, (*run).hostKeysConfig, false, inline},
	{"ssh-host-keys", false, (*run).hostKeys, false, beside},
	{"users", true, (*run).users, false, inline},
	{"write-files", true, func(r *run, _ context.Context) error { return r.writeFiles(false) }, false, inline},
	{"timezone", true, (*run).timezone, false, inline},
	{"mounts", true, (*run).mounts, false, inline},
	// The root grows after "ready" (an online ext4 grow: nothing of the early phase needs
	// the space, users, keys and files are a few KiB), before the packages and scripts,
	// which may need it. Under TCG it took 0.1-0.4 s of the vCPUs sshd starts on.
	{"growpart", false, (*run).growpart, true, inline},
	{"packages", true, (*run).packages, true, inline},
	{"write-files-deferred", true, func(r *run, _ context.Context) error { return r.writeFiles(true) }, true, inline},
	{"runcmd", true, (*run).runcmd, true, inline},
	{"scripts-user", true, (*run).scriptsUser, true, inline},
	{"final-message", false, (*run).finalMessage, true, inline},
	{"ssh-host-keys-deferred", false, (*run).hostKeysDeferred, true, inline},
}

// StageNames lists the pipeline's stages in order.
func StageNames() []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = s.name
	}
	return out
}

func (a *Agent) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Agent) logf(format string, args ...any) {
	if a.Log != nil {
		a.logMu.Lock() // side stages log from their own goroutines
		defer a.logMu.Unlock()
		fmt.Fprintf(a.Log, "%s provision: %s\n", a.now().UTC().Format(time.RFC3339Nano), fmt.Sprintf(format, args...))
	}
}

// path maps a path of the provisioned system to the host.
func (a *Agent) path(p string) string { return filepath.Join(a.Root, p) }

// Run executes all stages. A failing stage is logged and the others still run (as
// cloud-init does), except the metadata stage, without which nothing after it can be
// done.
// The returned error joins the stage errors.
func (a *Agent) Run(ctx context.Context) (*Report, error) {
	s := a.Begin()
	err := s.Early(ctx)
	if s.Fatal() {
		return s.Report(), err
	}
	return s.Report(), errors.Join(err, s.Late(ctx))
}

// Session is one provisioning run split in two phases: Early (everything services need:
// identity, users, keys, files, mounts) before the services start, Late (packages,
// deferred files, runcmd, user scripts) after them.
type Session struct {
	a     *Agent
	r     *run
	rep   *Report
	fatal bool
}

// Begin starts a session.
func (a *Agent) Begin() *Session {
	return &Session{a: a, r: &run{a: a, cfg: &CloudConfig{DefaultUser: true}}, rep: &Report{Provider: a.Provider.Name()}}
}

// Fatal reports whether the early phase failed so that the late one must not run.
func (s *Session) Fatal() bool { return s.fatal }

// Report returns what ran so far.
func (s *Session) Report() *Report { return s.rep }

// Early runs the stages before the services.
func (s *Session) Early(ctx context.Context) error { return s.phase(ctx, false) }

// Late runs the stages after the services and saves the report.
func (s *Session) Late(ctx context.Context) error {
	if s.fatal {
		return errors.New("provisioning failed before its late stages")
	}
	return s.phase(ctx, true)
}

func (s *Session) phase(ctx context.Context, late bool) error {
	a, r, rep := s.a, s.r, s.rep
	var (
		results []*StageResult
		side    sync.WaitGroup
		mu      sync.Mutex // guards errs
		errs    []error
	)
	// do runs one stage into res and returns its error (also kept in errs).
	do := func(st stage, res *StageResult, sem string) (err error) {
		defer func() {
			if p := recover(); p != nil { // a side stage's goroutine must not end PID 1
				err = fmt.Errorf("panicked: %v", p)
			}
			res.Duration = a.now().Sub(res.Start)
			if err != nil {
				res.Error = err.Error()
				a.logf("stage %s failed after %v: %v", st.name, res.Duration, err)
				mu.Lock()
				errs = append(errs, fmt.Errorf("stage %s: %w", st.name, err))
				mu.Unlock()
			} else {
				a.logf("stage %s done in %v", st.name, res.Duration.Round(time.Microsecond))
			}
			if sem != "" {
				_ = os.MkdirAll(filepath.Dir(sem), 0o755)
				_ = os.WriteFile(sem, []byte(a.now().UTC().Format(time.RFC3339Nano)+"\n"), 0o644)
			}
		}()
		return st.run(r, ctx)
	}
	for _, st := range stages {
		if st.late != late {
			continue
		}
		res := &StageResult{Name: st.name, Start: a.now()}
		results = append(results, res)
		sem := ""
		if st.perInstance {
			sem = a.path(filepath.Join(r.instDir, "sem", st.name))
			if _, err := os.Stat(sem); err == nil && !a.Force {
				res.Skipped = "already ran for this instance"
				continue
			}
		}
		if st.name == "sysusers" && a.SysusersApplied {
			res.Skipped = "applied by PID 1 this boot"
			continue
		}
		if st.side == beside {
			side.Add(1)
			go func() {
				defer side.Done()
				_ = do(st, res, sem)
			}()
			continue
		}
		err := do(st, res, sem)
		if st.name == "metadata" {
			if err != nil {
				s.fatal = true
				break
			}
			rep.InstanceID = r.data.InstanceID
			rep.FirstBoot = r.firstBoot()
			rep.Unknown = r.cfg.Unknown
		}
	}
	side.Wait()
	for _, res := range results {
		rep.Stages = append(rep.Stages, *res)
	}
	if b, err := json.MarshalIndent(rep, "", "  "); err == nil {
		_ = os.MkdirAll(a.path(StateDir), 0o755)
		_ = os.WriteFile(a.path(ReportPath), b, 0o644)
	}
	return errors.Join(errs...)
}

// firstBoot records the instance id and says whether it changed.
func (r *run) firstBoot() bool {
	p := r.a.path(filepath.Join(StateDir, "instance-id"))
	old, _ := os.ReadFile(p)
	if strings.TrimSpace(string(old)) == r.data.InstanceID {
		return false
	}
	_ = os.WriteFile(p, []byte(r.data.InstanceID+"\n"), 0o644)
	return true
}

func (r *run) fetch(ctx context.Context) error {
	d, err := r.a.Provider.Fetch(ctx)
	if err != nil {
		return err
	}
	if d.InstanceID == "" || strings.ContainsAny(d.InstanceID, "/\x00") || d.InstanceID == "." || d.InstanceID == ".." {
		return fmt.Errorf("unusable instance id %q", d.InstanceID)
	}
	r.data = d
	r.instDir = filepath.Join(StateDir, "instances", d.InstanceID)
	if err := os.MkdirAll(r.a.path(r.instDir), 0o755); err != nil {
		return err
	}
	// From here on a bad item is logged and left out: the instance must still come up
	// with its hostname, users and keys (cloud-init goes on the same way).
	for _, p := range d.Problems {
		r.a.logf("metadata: left out %v", p)
	}
	if d.UserData != nil {
		_ = os.WriteFile(r.a.path(filepath.Join(r.instDir, "user-data.txt")), d.UserData, 0o600)
	}
	parts, err := SplitUserData(d.UserData)
	if err != nil {
		r.a.logf("user-data: %v; ignored (the instance is set up from its metadata alone)", err)
		parts = nil
	}
	for _, p := range parts {
		switch p.Kind {
		case KindCloudConfig:
			if err := r.cfg.Merge(p.Body); err != nil {
				r.a.logf("user-data part %q: %v; ignored", p.Filename, err)
			}
		case KindScript:
			r.scripts = append(r.scripts, p)
		case KindBoothook:
			r.boothook = append(r.boothook, p)
		default:
			r.a.logf("user-data part %q of type %s is not supported, ignored", p.Filename, p.Kind)
		}
	}
	for _, k := range r.cfg.Unknown {
		r.a.logf("cloud-config key %q is not supported, ignored", k)
	}
	for _, w := range r.cfg.Warnings {
		r.a.logf("cloud-config: ignored %s", w)
	}
	return nil
}

func (r *run) setHostname(ctx context.Context) error {
	h := r.data.LocalHostname
	if r.cfg.Hostname != "" {
		h = r.cfg.Hostname
		if r.cfg.FQDN != "" && r.cfg.PreferFQDN {
			h = r.cfg.FQDN
		}
	} else if r.cfg.FQDN != "" {
		h = r.cfg.FQDN
	}
	if h == "" {
		return nil
	}
	if len(h) > 64 {
		h = strings.SplitN(h, ".", 2)[0]
	}
	r.hostname = h
	if err := os.MkdirAll(r.a.path("etc"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(r.a.path("etc/hostname"), []byte(h+"\n"), 0o644); err != nil {
		return err
	}
	if err := r.a.hostsEntry(h); err != nil {
		r.a.logf("/etc/hosts: %v", err)
	}
	return r.a.Sys.SetHostname(h)
}

// hostsMarker ends the /etc/hosts line the agent manages.
const hostsMarker = "# nimbus provision: the instance's hostname"

// hostsEntry makes the hostname resolve without DNS (sudo looks it up on every call):
// when /etc/hosts does not name it, a `127.0.1.1 FQDN SHORT` line is added, as Debian's
// cloud images do (cloud-init's manage_etc_hosts: localhost); a line the agent added for
// an earlier hostname is replaced. Lines the administrator wrote are never touched.
func (a *Agent) hostsEntry(h string) error {
	p := a.path("etc/hosts")
	b, err := os.ReadFile(p)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	short, _, _ := strings.Cut(h, ".")
	var keep []string
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if strings.HasSuffix(l, hostsMarker) {
			continue
		}
		f := strings.Fields(strings.SplitN(l, "#", 2)[0])
		for _, n := range f[min(1, len(f)):] {
			if n == h {
				return nil
			}
		}
		if l != "" || len(keep) > 0 {
			keep = append(keep, l)
		}
	}
	names := h
	if short != h {
		names += " " + short
	}
	keep = append(keep, "127.0.1.1\t"+names+"\t"+hostsMarker)
	out := strings.Join(keep, "\n") + "\n"
	if out == string(b) {
		return nil
	}
	return fsutil.WriteFileAtomic(p, 0o644, func(f *os.File) error {
		_, err := f.WriteString(out)
		return err
	})
}

func (r *run) growpart(ctx context.Context) error {
	if r.cfg.GrowpartMode == "off" || r.cfg.ResizeRootfs != nil && !*r.cfg.ResizeRootfs {
		r.a.logf("growpart: disabled by cloud-config")
		return nil
	}
	what, err := r.a.Sys.GrowRoot(ctx)
	if what != "" {
		r.a.logf("growpart: %s", what)
	}
	return err
}

func (r *run) timezone(ctx context.Context) error {
	tz := r.cfg.Timezone
	if tz == "" {
		return nil
	}
	if strings.Contains(tz, "..") || strings.HasPrefix(tz, "/") {
		return fmt.Errorf("bad timezone %q", tz)
	}
	lt := r.a.path("etc/localtime")
	_ = os.Remove(lt)
	if err := os.Symlink("/usr/share/zoneinfo/"+tz, lt); err != nil {
		return err
	}
	return os.WriteFile(r.a.path("etc/timezone"), []byte(tz+"\n"), 0o644)
}

func (r *run) mounts(ctx context.Context) error {
	if len(r.cfg.Mounts) == 0 {
		return nil
	}
	var lines []string
	for _, m := range r.cfg.Mounts {
		if len(m) < 2 || m[1] == "" {
			continue // cloud-init: an entry without a mount point removes it; nothing to add
		}
		f := append([]string{}, m...)
		defaults := []string{"", "", "auto", "defaults,nofail,x-systemd.requires=cloud-init.service", "0", "2"}
		for len(f) < 6 {
			f = append(f, defaults[len(f)])
		}
		lines = append(lines, strings.Join(f[:6], "\t")+"\t# nimbus provision")
		_ = os.MkdirAll(r.a.path(f[1]), 0o755)
	}
	fp, err := os.OpenFile(r.a.path("etc/fstab"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = fp.WriteString(strings.Join(lines, "\n") + "\n")
	if cerr := fp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return r.a.Sys.MountAll(ctx)
}

func (r *run) packages(ctx context.Context) error {
	c := r.cfg
	if len(c.Packages) == 0 && !c.PackageUpdate && !c.PackageUpgrade {
		return nil
	}
	pm, ok := r.find("dnf")
	if !ok {
		return fmt.Errorf("packages requested (%s) but the image has no package manager (dnf)", strings.Join(c.Packages, " "))
	}
	if c.PackageUpgrade {
		if err := r.a.Sys.Run(ctx, []string{pm, "-y", "upgrade"}, nil, r.a.Log); err != nil {
			return err
		}
	} else if c.PackageUpdate {
		if err := r.a.Sys.Run(ctx, []string{pm, "-y", "makecache"}, nil, r.a.Log); err != nil {
			return err
		}
	}
	if len(c.Packages) > 0 {
		return r.a.Sys.Run(ctx, append([]string{pm, "-y", "install"}, c.Packages...), nil, r.a.Log)
	}
	return nil
}

// find looks a command up in the provisioned system's PATH and returns its host path.
func (r *run) find(name string) (string, bool) {
	for _, d := range []string{"usr/local/sbin", "usr/local/bin", "usr/sbin", "usr/bin", "sbin", "bin"} {
		p := r.a.path(filepath.Join(d, name))
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

func (r *run) finalMessage(ctx context.Context) error {
	msg := r.cfg.FinalMessage
	if msg == "" {
		msg = "nimbus provisioning finished for instance $INSTANCE_ID"
	}
	msg = strings.ReplaceAll(msg, "$INSTANCE_ID", r.data.InstanceID)
	r.a.logf("%s", msg)
	return nil
}
