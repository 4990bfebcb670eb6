package units

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"
)

// Unit is a loaded unit: a service or a target (targets only group and order).
type Unit struct {
	Name        string
	Description string
	Requires    []string
	Wants       []string
	After       []string
	Before      []string
	Conflicts   []string
	Conditions  []Condition
	WantedBy    []string
	RequiredBy  []string
	Also        []string
	// StartLimitInterval and StartLimitBurst bound restarts (systemd defaults: 10 s, 5).
	StartLimitInterval time.Duration
	StartLimitBurst    int
	// DefaultDependencies=no drops the implicit ordering against shutdown.
	DefaultDependencies bool
	Service             *Service
	// Timer is the [Timer] section of a .timer unit (timer.go).
	Timer *Timer
	// Aliases are the [Install] Alias= names: enabling links them to the unit, and the
	// loader resolves them to it.
	Aliases []string
	// Unsupported lists directives Nimbus does not know, "Section.Key (file:line)"; the
	// supervisor warns about each once when the unit is loaded.
	Unsupported []string
	// NotEnforced lists systemd directives Nimbus knows and accepts without enforcing them
	// (sandboxing, resource control): "Section.Key", once each, shown by status and logged
	// with nimbus.debug (docs/init.md lists them).
	NotEnforced []string
	// Warnings are assignments ignored for a bad value systemd also ignores (an unknown
	// specifier), each naming file and line.
	Warnings []string
	// Socket is the [Socket] section of a .socket unit (socket.go).
	Socket *Socket
	// Sources are the files the unit was built from, main file first.
	Sources []string
}

// Service is the [Service] section.
type Service struct {
	Type            string // simple (default), exec, forking, oneshot, notify
	ExecStartPre    []Command
	ExecStart       []Command
	ExecStartPost   []Command
	ExecReload      []Command
	ExecStop        []Command
	ExecStopPost    []Command
	Restart         string // no (default), always, on-success, on-failure, on-abnormal, on-abort, on-watchdog
	RestartDelay    time.Duration
	RestartMaxDelay time.Duration
	RemainAfterExit bool
	User, Group     string
	Environment     []string // KEY=VALUE in order
	EnvironmentFile []EnvFile
	WorkingDir      string
	RuntimeDir      []string
	StateDir        []string
	LogsDir         []string
	PIDFile         string
	KillMode        string // control-group (default), process, mixed, none
	KillSignal      syscall.Signal
	TimeoutStart    time.Duration
	TimeoutStop     time.Duration
	SuccessStatus   []int
	// RestartPrevent lists exit statuses that never restart (RestartPreventExitStatus=).
	RestartPrevent []int
	// DirMode is the mode of RuntimeDirectory/StateDirectory/LogsDirectory (default 0755).
	DirMode map[string]uint32
	// CacheDir and ConfigDir are CacheDirectory= (/var/cache) and ConfigurationDirectory=
	// (/etc).
	CacheDir, ConfigDir []string
	// Limits are the Limit*= settings, applied with setrlimit in the child (limits.go).
	Limits []Rlimit
	// UMask is UMask= (-1: not set, the supervisor's 0022 is inherited).
	UMask int
	// expand resolves specifiers in one word of an Exec line (set while building).
	expand func(string) (string, error)
}

// EnvFile is one EnvironmentFile= entry; "-" makes a missing file acceptable.
type EnvFile struct {
	Path     string
	Optional bool
}

// Condition is a Condition*= or Assert*= check on the file system.
type Condition struct {
	Kind   string // e.g. PathExists, PathIsDirectory, FileNotEmpty
	Arg    string
	Negate bool
	Assert bool
	Trig   bool // "|" prefix: any triggering condition suffices
}

// conditionKinds are the Condition*/Assert* checks evaluated.
var conditionKinds = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"PathExists": true, "PathExistsGlob": true, "PathIsDirectory": true, "PathIsSymbolicLink": true,
		"PathIsMountPoint": true, "PathIsReadWrite": true, "DirectoryNotEmpty": true, "FileNotEmpty": true,
		"FileIsExecutable": true, "KernelCommandLine": true, "Virtualization": true, "Architecture": true,
		"Host": true, "FirstBoot": true, "NeedsUpdate": true,
	}
}}

// ignored directives are accepted silently: they only describe, or name what Nimbus does
// anyway (docs/init.md).
var ignored = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"Unit.Documentation": true, "Unit.SourcePath": true, "Unit.RefuseManualStop": true, "Unit.RefuseManualStart": true,
		"Unit.IgnoreOnIsolate": true, "Unit.AllowIsolate": true, "Service.SyslogIdentifier": true, "Service.SyslogFacility": true,
		"Service.SyslogLevel": true, "Service.SyslogLevelPrefix": true, "Service.StandardOutput": true,
		"Service.StandardError": true, "Service.StandardInput": true, "Service.GuessMainPID": true,
		"Service.NotifyAccess": true, "Service.SendSIGKILL": true, "Service.SendSIGHUP": true,
		"Service.FinalKillSignal": true, "Socket.Documentation": true,
	}
}}

// Build merges a unit's main file and its drop-ins (in order) into a Unit. Errors in a
// value (a bad time span, a malformed command) name the file and line.
func Build(name string, files ...*File) (*Unit, error) {
	return BuildHost(name, nil, files...)
}

// BuildHost is Build with the host's identity for the %H %m %b %v ... specifiers, which
// are expanded in every value before it is applied, as systemd does when it loads a unit
// (so Exec lines, Environment=, PIDFile=, Condition*/Assert*, [Install] all see them).
func BuildHost(name string, host *Host, files ...*File) (*Unit, error) {
	u := &Unit{Name: name, StartLimitInterval: 10 * time.Second, StartLimitBurst: 5, DefaultDependencies: true}
	fragment := ""
	if len(files) > 0 {
		fragment = files[0].Name
	}
	isService := strings.HasSuffix(name, ".service")
	if isService {
		u.Service = &Service{Type: "simple", Restart: "no", RestartDelay: 100 * time.Millisecond,
			KillMode: "control-group", KillSignal: syscall.SIGTERM, UMask: -1, TimeoutStart: 90 * time.Second, TimeoutStop: 90 * time.Second,
			expand: func(w string) (string, error) { return ExpandSpecifiers(w, name, fragment, host) }}
	}
	if strings.HasSuffix(name, ".timer") {
		u.Timer = &Timer{Unit: strings.TrimSuffix(name, ".timer") + ".service"}
	}
	if strings.HasSuffix(name, ".socket") {
		u.Socket = newSocket(name)
	}
	seenUnsupported := map[string]bool{}
	for _, f := range files {
		u.Sources = append(u.Sources, f.Name)
		for _, sec := range f.Sections {
			for _, e := range sec.Entries {
				k := sec.Name + "." + e.Key
				if strings.HasPrefix(sec.Name, "X-") || strings.HasPrefix(e.Key, "X-") {
					continue // systemd.unit(5): ignored, for other programs' use
				}
				if notEnforced.Get()[k] {
					if !seenUnsupported[k] {
						seenUnsupported[k] = true
						u.NotEnforced = append(u.NotEnforced, k)
					}
					continue
				}
				if !(sec.Name == "Service" && strings.HasPrefix(e.Key, "Exec")) { // Exec lines: per word (Service.cmds)
					v, err := ExpandSpecifiers(e.Value, name, fragment, host)
					if err != nil {
						u.Warnings = append(u.Warnings, fmt.Sprintf("%s=%s (%s:%d): %v, assignment ignored.Get()", k, e.Value, f.Name, e.Line, err))
						continue
					}
					e.Value = v
				}
				// A value ignored after a parse error must leave what was set before.
				savedUnit := *u
				var savedSvc Service
				if u.Service != nil {
					savedSvc = *u.Service
				}
				err := u.apply(sec.Name, e)
				var ign *ignoredError
				if errors.As(err, &ign) {
					u.Warnings = append(u.Warnings, fmt.Sprintf("%s=%s (%s:%d): %s", k, e.Value, f.Name, e.Line, ign.msg))
					continue
				}
				if err == errUnsupported {
					if !seenUnsupported[k] {
						seenUnsupported[k] = true
						u.Unsupported = append(u.Unsupported, fmt.Sprintf("%s (%s:%d)", k, f.Name, e.Line))
					}
					continue
				}
				if err != nil && valueErrorIgnored(sec.Name, e.Key) {
					// systemd logs "Failed to parse ..., ignoring" and keeps the default.
					*u = savedUnit
					if u.Service != nil {
						*u.Service = savedSvc
					}
					u.Warnings = append(u.Warnings, fmt.Sprintf("%s=%s (%s:%d): %v, assignment ignored.Get()", k, e.Value, f.Name, e.Line, err))
					continue
				}
				if err != nil {
					return nil, &ParseError{f.Name, e.Line, fmt.Sprintf("%s=%s: %v", e.Key, e.Value, err)}
				}
			}
		}
	}
	if t := u.Timer; t != nil && len(t.OnBoot)+len(t.OnActive)+len(t.OnUnitActive)+len(t.OnUnitInactive)+len(t.Calendar) == 0 {
		return nil, &ParseError{name, 0, "timer has no OnBootSec=, OnActiveSec=, OnUnitActiveSec=, OnUnitInactiveSec= or OnCalendar="}
	}
	if s := u.Socket; s != nil {
		if len(s.Listen) == 0 {
			return nil, &ParseError{name, 0, "socket has no ListenStream= or ListenDatagram="}
		}
		u.Before = appendNew(u.Before, s.Service) // implicit, as systemd orders a socket before its service
	}
	if s := u.Service; s != nil {
		if len(s.ExecStart) == 0 && s.Type != "oneshot" {
			return nil, &ParseError{name, 0, "service has no ExecStart="}
		}
		if len(s.ExecStart) > 1 && s.Type != "oneshot" {
			return nil, &ParseError{name, 0, "more than one ExecStart= is allowed only for Type=oneshot"}
		}
	}
	return u, nil
}

var errUnsupported = errors.New("unsupported")

// valueErrorIgnored says whether a bad value of Section.Key is ignored with a warning, as
// systemd does for nearly every setting, rather than failing the unit. Exec lines fail the
// unit as in systemd (a missing or unparsable command is a "bad-setting"); timer and
// socket values fail it too, as what is left could not do the unit's job.
func valueErrorIgnored(section, key string) bool {
	switch section {
	case "Unit", "Install":
		return true
	case "Service":
		return !strings.HasPrefix(key, "Exec")
	}
	return false
}

func list(dst *[]string, v string) {
	if v == "" {
		*dst = nil
		return
	}
	*dst = append(*dst, strings.Fields(v)...)
}

func (u *Unit) apply(section string, e Entry) error {
	k, v := e.Key, e.Value
	if ignored.Get()[section+"."+k] {
		return nil
	}
	switch section {
	case "Unit":
		return u.applyUnit(k, v)
	case "Install":
		switch k {
		case "WantedBy":
			list(&u.WantedBy, v)
		case "RequiredBy":
			list(&u.RequiredBy, v)
		case "Also":
			list(&u.Also, v)
		case "Alias":
			list(&u.Aliases, v)
		default:
			return errUnsupported
		}
		return nil
	case "Service":
		if u.Service == nil {
			return errUnsupported
		}
		switch k { // the [Unit] settings' old spellings in [Service]
		case "StartLimitInterval", "StartLimitBurst":
			return u.applyUnit(k, v)
		}
		return u.Service.apply(k, v)
	case "Timer":
		if u.Timer == nil {
			return errUnsupported
		}
		return u.Timer.apply(k, v)
	case "Socket":
		if u.Socket == nil {
			return errUnsupported
		}
		return u.Socket.apply(k, v)
	}
	return errUnsupported
}

func (u *Unit) applyUnit(k, v string) error {
	switch k {
	case "Description":
		u.Description = v
	case "Requires", "Requisite", "BindsTo":
		list(&u.Requires, v)
	case "Wants":
		list(&u.Wants, v)
	case "After":
		list(&u.After, v)
	case "Before":
		list(&u.Before, v)
	case "Conflicts":
		list(&u.Conflicts, v)
	case "DefaultDependencies":
		b, err := parseBool(v)
		u.DefaultDependencies = b
		return err
	case "StartLimitIntervalSec", "StartLimitInterval":
		d, err := ParseTimespan(v)
		u.StartLimitInterval = d
		return err
	case "StartLimitBurst":
		n, err := strconv.Atoi(v)
		u.StartLimitBurst = n
		return err
	default:
		kind, assert := strings.CutPrefix(k, "Assert")
		if !assert {
			var ok bool
			if kind, ok = strings.CutPrefix(k, "Condition"); !ok {
				return errUnsupported
			}
		}
		if !conditionKinds.Get()[kind] {
			return errUnsupported
		}
		if v == "" {
			u.Conditions = nil
			return nil
		}
		c := Condition{Kind: kind, Assert: assert}
		if strings.HasPrefix(v, "|") {
			c.Trig, v = true, strings.TrimSpace(v[1:])
		}
		if strings.HasPrefix(v, "!") {
			c.Negate, v = true, strings.TrimSpace(v[1:])
		}
		c.Arg = v
		u.Conditions = append(u.Conditions, c)
	}
	return nil
}

// ignoredError is an assignment systemd ignores with a warning (Build records it in
// Unit.Warnings instead of failing the unit).
type ignoredError struct{ msg string }

func (e *ignoredError) Error() string { return e.msg }

// cmds appends one Exec line. As systemd does, the line is split into words first (C
// escapes decoded) and specifiers are expanded in each word after, so an instance name
// with a space stays one argument; an unknown specifier fails the unit, or only ignores
// the line when it has the "-" prefix.
func (s *Service) cmds(dst *[]Command, v string) error {
	if v == "" {
		*dst = nil
		return nil
	}
	c, err := ParseCommand(v)
	if err != nil {
		return err
	}
	if s.expand != nil {
		if c.Path, err = s.expand(c.Path); err == nil {
			for i := range c.Argv {
				if c.Argv[i], err = s.expand(c.Argv[i]); err != nil {
					break
				}
			}
		}
		if err != nil {
			if c.IgnoreFailure {
				return &ignoredError{err.Error() + ", command ignored.Get()"}
			}
			return err
		}
	}
	*dst = append(*dst, c)
	return nil
}

func (s *Service) apply(k, v string) error {
	var err error
	switch k {
	case "Type":
		switch v {
		case "simple", "exec", "forking", "oneshot", "notify":
			s.Type = v
		case "idle": // simple, only delayed until the boot's jobs are dispatched
			s.Type = "simple"
		case "dbus", "notify-reload":
			s.Type = map[string]string{"dbus": "simple", "notify-reload": "notify"}[v]
			return &ignoredError{fmt.Sprintf("runs as Type=%s (no D-Bus name wait, no reload notification)", s.Type)}
		default:
			return fmt.Errorf("unknown Type %q", v)
		}
	case "ExecStartPre":
		return s.cmds(&s.ExecStartPre, v)
	case "ExecStart":
		return s.cmds(&s.ExecStart, v)
	case "ExecStartPost":
		return s.cmds(&s.ExecStartPost, v)
	case "ExecReload":
		return s.cmds(&s.ExecReload, v)
	case "ExecStop":
		return s.cmds(&s.ExecStop, v)
	case "ExecStopPost":
		return s.cmds(&s.ExecStopPost, v)
	case "Restart":
		switch v {
		case "no", "always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog":
			s.Restart = v
		default:
			return fmt.Errorf("unknown Restart %q", v)
		}
	case "RestartSec":
		s.RestartDelay, err = ParseTimespan(v)
	case "RestartMaxDelaySec":
		s.RestartMaxDelay, err = ParseTimespan(v)
	case "RemainAfterExit":
		s.RemainAfterExit, err = parseBool(v)
	case "User":
		s.User = v
	case "Group":
		s.Group = v
	case "Environment":
		if v == "" {
			s.Environment = nil
			return nil
		}
		w, err := SplitWords(v)
		if err != nil {
			return err
		}
		for _, kv := range w {
			if !strings.Contains(kv, "=") {
				return fmt.Errorf("%q is not KEY=VALUE", kv)
			}
		}
		s.Environment = append(s.Environment, w...)
	case "EnvironmentFile":
		if v == "" {
			s.EnvironmentFile = nil
			return nil
		}
		opt := strings.HasPrefix(v, "-")
		s.EnvironmentFile = append(s.EnvironmentFile, EnvFile{Path: strings.TrimPrefix(v, "-"), Optional: opt})
	case "WorkingDirectory":
		s.WorkingDir = v
	case "RuntimeDirectory":
		list(&s.RuntimeDir, v)
	case "StateDirectory":
		list(&s.StateDir, v)
	case "LogsDirectory":
		list(&s.LogsDir, v)
	case "UMask":
		n, e := strconv.ParseUint(v, 8, 32)
		if e != nil || n > 0o777 {
			return fmt.Errorf("bad umask %q", v)
		}
		s.UMask = int(n)
	case "CacheDirectory":
		list(&s.CacheDir, v)
	case "ConfigurationDirectory":
		list(&s.ConfigDir, v)
	case "PIDFile":
		s.PIDFile = v
	case "KillMode":
		switch v {
		case "control-group", "process", "mixed", "none":
			s.KillMode = v
		default:
			return fmt.Errorf("unknown KillMode %q", v)
		}
	case "KillSignal":
		s.KillSignal, err = ParseSignal(v)
	case "TimeoutSec":
		s.TimeoutStart, err = ParseTimespan(v)
		s.TimeoutStop = s.TimeoutStart
	case "TimeoutStartSec":
		s.TimeoutStart, err = ParseTimespan(v)
	case "TimeoutStopSec":
		s.TimeoutStop, err = ParseTimespan(v)
	case "RestartPreventExitStatus":
		for _, f := range strings.Fields(v) {
			n, e := strconv.Atoi(f)
			if e != nil {
				return fmt.Errorf("bad exit status %q", f)
			}
			s.RestartPrevent = append(s.RestartPrevent, n)
		}
	case "RuntimeDirectoryMode", "StateDirectoryMode", "LogsDirectoryMode", "CacheDirectoryMode", "ConfigurationDirectoryMode":
		n, e := strconv.ParseUint(v, 8, 32)
		if e != nil || n > 0o7777 {
			return fmt.Errorf("bad mode %q", v)
		}
		if s.DirMode == nil {
			s.DirMode = map[string]uint32{}
		}
		s.DirMode[strings.TrimSuffix(k, "Mode")] = uint32(n)
	case "SuccessExitStatus":
		for _, f := range strings.Fields(v) {
			if n, e := strconv.Atoi(f); e == nil {
				s.SuccessStatus = append(s.SuccessStatus, n)
			}
		}
	default:
		if res, ok := strings.CutPrefix(k, "Limit"); ok {
			if _, known := rlimitResources.Get()[res]; known {
				l, err := ParseRlimit(res, v)
				if err != nil {
					return err
				}
				s.Limits = append(s.Limits, l)
				return nil
			}
		}
		return errUnsupported
	}
	return err
}

func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", v)
}

// ParseTimespan reads systemd time spans: "5", "5s", "100ms", "1min 30s", "2h", "infinity"
// (returned as 0, meaning no limit). A bare number is seconds.
func ParseTimespan(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if v == "infinity" {
		return 0, nil
	}
	if v == "" {
		return 0, fmt.Errorf("empty time span")
	}
	units := []struct {
		suf string
		d   time.Duration
	}{
		{"usec", time.Microsecond}, {"us", time.Microsecond}, {"msec", time.Millisecond}, {"ms", time.Millisecond},
		{"seconds", time.Second}, {"second", time.Second}, {"sec", time.Second}, {"s", time.Second},
		{"minutes", time.Minute}, {"minute", time.Minute}, {"min", time.Minute}, {"m", time.Minute},
		{"hours", time.Hour}, {"hour", time.Hour}, {"hr", time.Hour}, {"h", time.Hour},
		{"days", 24 * time.Hour}, {"day", 24 * time.Hour}, {"d", 24 * time.Hour},
	}
	var total time.Duration
	rest := strings.ReplaceAll(v, " ", "")
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("bad time span %q", v)
		}
		num, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || num > 1e9 {
			return 0, fmt.Errorf("bad time span %q", v)
		}
		rest = rest[i:]
		mul := time.Second
		for _, u := range units {
			if strings.HasPrefix(rest, u.suf) {
				mul, rest = u.d, rest[len(u.suf):]
				break
			}
		}
		if rest != "" && rest[0] >= 'a' && rest[0] <= 'z' {
			return 0, fmt.Errorf("bad time unit in %q", v)
		}
		total += time.Duration(num * float64(mul))
	}
	return total, nil
}

// ParseSignal reads "SIGTERM", "TERM" or a number.
func ParseSignal(v string) (syscall.Signal, error) {
	if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 65 {
		return syscall.Signal(n), nil
	}
	name := strings.TrimPrefix(strings.ToUpper(v), "SIG")
	for sig, n := range signalNames.Get() {
		if n == name {
			return sig, nil
		}
	}
	return 0, fmt.Errorf("unknown signal %q", v)
}

var signalNames = lazy.Value[map[syscall.Signal]string]{New: func() map[syscall.Signal]string {
	return map[syscall.Signal]string{
		syscall.SIGHUP: "HUP", syscall.SIGINT: "INT", syscall.SIGQUIT: "QUIT", syscall.SIGKILL: "KILL",
		syscall.SIGUSR1: "USR1", syscall.SIGUSR2: "USR2", syscall.SIGTERM: "TERM", syscall.SIGCONT: "CONT",
		syscall.SIGSTOP: "STOP", syscall.SIGWINCH: "WINCH", syscall.SIGABRT: "ABRT", syscall.SIGPWR: "PWR",
	}
}}

// Deps returns the units u pulls in (Requires then Wants), sorted and deduplicated.
func (u *Unit) Deps() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range append(append([]string{}, u.Requires...), u.Wants...) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out
}
