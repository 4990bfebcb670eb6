// Package repo is the package manager's view of repositories: dnf's .repo files and
// dnf.conf with $releasever/$basearch/$arch and /etc/dnf/vars substitution, --repofrompath,
// fetching metadata over file:// and HTTP(S) (bounded parallelism, retries with backoff,
// resume, mirror failover, checksum and signature verification) into a cache that is
// replaced atomically, and the binary index (internal/repo/cache) built from it.
package repo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Repo is one repository as a .repo file section describes it.
type Repo struct {
	ID                string
	Name              string
	BaseURLs          []string
	Mirrorlist        string
	Metalink          string
	Enabled           bool
	GPGCheck          bool
	RepoGPGCheck      bool
	GPGKeys           []string
	Priority          int // lower wins; dnf's default 99
	Cost              int // dnf's default 1000
	SkipIfUnavailable bool
	MetadataExpire    time.Duration // -1: never
	ExcludePkgs       []string
	IncludePkgs       []string
	// TrustMaxAge refuses metadata older than this (trust_max_age=, Nimbus's; 0: off).
	TrustMaxAge time.Duration
	// ReleaseIndex is the URL of the signed release index (release_index=, Nimbus's):
	// its revoked keys are refused and its active keys trusted for repomd.xml.
	ReleaseIndex string
	// ModuleHotfixes (module_hotfixes=) exempts the repository's packages from modular
	// filtering.
	ModuleHotfixes bool
	// Source is where the section came from, for error messages ("file.repo:12").
	Source string
}

// Main is the [main] section of dnf.conf: the options Nimbus honours.
type Main struct {
	CacheDir          string
	ReposDir          []string
	GPGCheck          bool
	RepoGPGCheck      bool
	SkipIfUnavailable bool
	MetadataExpire    time.Duration
	Retries           int
	Timeout           time.Duration // dnf's timeout: also the low-speed window (minrate)
	MinRate           int64         // dnf's minrate in bytes/s
	MaxParallel       int
	ExcludePkgs       []string
	InstallOnlyLimit  int
	BestPolicy        bool
	Releasever        string
	// InstallOnlyPkgs are the provides of install-only packages (dnf's installonlypkgs:
	// dnf.conf's list is added to the defaults).
	InstallOnlyPkgs []string
	Strict          bool // strict (default true): a spec that cannot be installed is an error
	// Obsoletes is obsoletes (default true); check-update lists the obsoleting packages
	// with it. (The solver always honours Obsoletes, as it did.)
	Obsoletes  bool
	SkipBroken bool // skip_broken (--skip-broken): skip uninstallable packages
	// CleanOnRemove is clean_requirements_on_remove (default true).
	CleanOnRemove bool
	// InstallWeakDeps is install_weak_deps (default true).
	InstallWeakDeps bool
	// KeepCache is keepcache (default false): downloaded packages stay in the cache after
	// a successful transaction.
	KeepCache bool
	// TSFlags is tsflags (rpm transaction flags; nimbus acts on nodocs, noscripts, notriggers).
	TSFlags []string
	// Warnings are dnf.conf values dnf warns about and replaces by the default.
	Warnings []string
	// GroupPackageTypes is group_package_types: the packagereq types a group install takes.
	GroupPackageTypes []string
	// Plugins is plugins (default true) and PluginConfPath pluginconfpath (default
	// /etc/dnf/plugins): nimbus's built-in counterparts of dnf's plugins (versionlock)
	// read their configuration there.
	Plugins        bool
	PluginConfPath []string
	// Recent is recent (default 7): the days list recent looks back.
	Recent int
	// MetadataTimerSync is metadata_timer_sync (default 3 hours; 0 or less disables):
	// the least time between two `makecache --timer` runs (dnf-makecache.timer).
	MetadataTimerSync time.Duration
}

// DefaultInstallOnlyPkgs are dnf 4.14's default installonlypkgs.
var DefaultInstallOnlyPkgs = []string{"kernel", "kernel-PAE", "installonlypkg(kernel)", "installonlypkg(kernel-module)", "installonlypkg(vm)", "multiversion(kernel)"}

// DefaultMain returns dnf 4's defaults.
func DefaultMain() Main {
	return Main{
		CacheDir: "/var/cache/dnf", ReposDir: []string{"/etc/yum.repos.d", "/etc/distro.repos.d"},
		GPGCheck: false, SkipIfUnavailable: false, MetadataExpire: 48 * time.Hour,
		Retries: 10, Timeout: 30 * time.Second, MinRate: 1000, MaxParallel: 3, InstallOnlyLimit: 3, BestPolicy: false,
		InstallOnlyPkgs: append([]string(nil), DefaultInstallOnlyPkgs...), Strict: true, Obsoletes: true, CleanOnRemove: true, InstallWeakDeps: true,
		GroupPackageTypes: []string{"mandatory", "default", "conditional"},
		Plugins:           true, PluginConfPath: []string{"/etc/dnf/plugins"}, Recent: 7,
		MetadataTimerSync: 3 * time.Hour,
	}
}

// section is one [id] of an ini file with its key=value lines in order.
type section struct {
	name string
	line int
	keys map[string]string
	at   map[string]int
}

// parseINI reads dnf's ini dialect: [section], key=value, '#' and ';' comments, and
// continuation lines (indented lines extend the previous value, as baseurl lists do).
func parseINI(r io.Reader, file string) ([]*section, error) {
	var out []*section
	var cur *section
	var lastKey string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if (raw[0] == ' ' || raw[0] == '\t') && cur != nil && lastKey != "" {
			cur.keys[lastKey] += "\n" + line
			continue
		}
		if line[0] == '[' {
			if !strings.HasSuffix(line, "]") || len(line) < 3 {
				return nil, fmt.Errorf("%s:%d: bad section header %q", file, n, line)
			}
			cur = &section{name: strings.TrimSpace(line[1 : len(line)-1]), line: n, keys: map[string]string{}, at: map[string]int{}}
			out = append(out, cur)
			lastKey = ""
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: expected key=value, got %q", file, n, line)
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: %q before any [section]", file, n, line)
		}
		lastKey = strings.ToLower(strings.TrimSpace(k))
		cur.keys[lastKey] = strings.TrimSpace(v)
		cur.at[lastKey] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return out, nil
}

// parseBool accepts dnf's spellings.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean value '%s'", s)
}

// parseList splits dnf list values on commas, spaces and newlines.
func parseList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

// parseDuration reads metadata_expire: seconds, or a number with s/m/h/d, or -1/never.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "-1" || s == "never" {
		return -1, nil
	}
	mult := time.Second
	if s != "" {
		switch s[len(s)-1] {
		case 's':
			s = s[:len(s)-1]
		case 'm':
			mult, s = time.Minute, s[:len(s)-1]
		case 'h':
			mult, s = time.Hour, s[:len(s)-1]
		case 'd':
			mult, s = 24*time.Hour, s[:len(s)-1]
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	return time.Duration(n * float64(mult)), nil
}

// parseSize reads dnf's storage sizes: bytes, or a number with k, M or G (powers of 1024).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := 1.0
	if s != "" {
		switch s[len(s)-1] {
		case 'k', 'K':
			mult, s = 1<<10, s[:len(s)-1]
		case 'm', 'M':
			mult, s = 1<<20, s[:len(s)-1]
		case 'g', 'G':
			mult, s = 1<<30, s[:len(s)-1]
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || n*mult > 1<<50 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return int64(n * mult), nil
}

// ParseRepoFile reads the sections of one .repo file, substituting vars in every value.
// Unknown options (module_hotfixes, ...) are ignored, as dnf ignores options it does not
// know with a warning. With a warn function it is as lenient as dnf (libdnf's config
// parser): a section whose id (after substitution) is not a valid repository id is skipped
// with a *BadIDError, a bad value is reported ("Invalid configuration value: ...") and the
// option keeps its default, and a repository without baseurl, mirrorlist or metalink is
// kept (loading it fails: "Cannot find a valid baseurl"). With a nil warn each is an error.
func ParseRepoFile(r io.Reader, file string, vars Vars, warn func(error)) ([]*Repo, error) {
	secs, err := parseINI(r, file)
	if err != nil {
		return nil, err
	}
	var out []*Repo
	for _, s := range secs {
		if s.name == "main" {
			continue // dnf reads [main] only from dnf.conf and ignores it in .repo files
		}
		id := vars.Substitute(s.name)
		if i := InvalidIDByte(id); i >= 0 {
			e := &BadIDError{ID: id, Raw: s.name, At: i, Source: fmt.Sprintf("%s:%d", file, s.line)}
			if warn == nil {
				return nil, e
			}
			warn(e)
			continue
		}
		rp := &Repo{ID: id, Enabled: true, Priority: 99, Cost: 1000, MetadataExpire: 48 * time.Hour,
			Source: fmt.Sprintf("%s:%d", file, s.line)}
		if err := applyRepoKeys(rp, s, vars, file, warn); err != nil {
			return nil, err
		}
		if !rp.HasURL() && warn == nil {
			return nil, fmt.Errorf("%s: repository %s has no baseurl, mirrorlist or metalink", rp.Source, rp.ID)
		}
		out = append(out, rp)
	}
	return out, nil
}

func applyRepoKeys(rp *Repo, s *section, vars Vars, file string, warn func(error)) error {
	keys := make([]string, 0, len(s.keys))
	for k := range s.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := vars.Substitute(s.keys[k])
		before := *rp
		if _, err := rp.Set(k, v); err != nil {
			if warn == nil {
				return fmt.Errorf("%s:%d: [%s] %s: %w", file, s.at[k], s.name, k, err)
			}
			*rp = before // the value before (the default) stays
			warn(fmt.Errorf("Invalid configuration value: %s=%s in %s; %v", k, v, file, err))
		}
	}
	return nil
}

// HasURL is whether the repository names somewhere to fetch from.
func (rp *Repo) HasURL() bool {
	return len(rp.BaseURLs) > 0 || rp.Mirrorlist != "" || rp.Metalink != ""
}

// Set applies one repository option as a .repo file or `--setopt=ID.key=value` gives it.
// known is false for options Nimbus does not use (they are accepted, as dnf accepts them).
func (rp *Repo) Set(k, v string) (known bool, err error) {
	switch k {
	case "name":
		rp.Name = v
	case "baseurl":
		rp.BaseURLs = parseList(v)
	case "mirrorlist":
		rp.Mirrorlist = v
	case "metalink":
		rp.Metalink = v
	case "enabled":
		rp.Enabled, err = parseBool(v)
	case "gpgcheck":
		rp.GPGCheck, err = parseBool(v)
	case "repo_gpgcheck":
		rp.RepoGPGCheck, err = parseBool(v)
	case "gpgkey":
		rp.GPGKeys = parseList(v)
	case "priority":
		rp.Priority, err = strconv.Atoi(v)
	case "cost":
		rp.Cost, err = strconv.Atoi(v)
	case "skip_if_unavailable":
		rp.SkipIfUnavailable, err = parseBool(v)
	case "metadata_expire":
		rp.MetadataExpire, err = parseDuration(v)
	case "excludepkgs", "exclude":
		rp.ExcludePkgs = append(rp.ExcludePkgs, parseList(v)...)
	case "includepkgs":
		rp.IncludePkgs = append(rp.IncludePkgs, parseList(v)...)
	case "trust_max_age":
		rp.TrustMaxAge, err = parseDuration(v)
		if rp.TrustMaxAge < 0 {
			rp.TrustMaxAge = 0
		}
	case "release_index":
		rp.ReleaseIndex = v
	case "module_hotfixes":
		rp.ModuleHotfixes, err = parseBool(v)
	default:
		return false, nil
	}
	return true, err
}

// appendNew appends the values not yet in l.
func appendNew(l []string, vs ...string) []string {
	for _, v := range vs {
		if !slices.Contains(l, v) {
			l = append(l, v)
		}
	}
	return l
}

// Set applies one [main] option as dnf.conf or `--setopt=key=value` gives it; known is
// false for options Nimbus does not use.
func (m *Main) Set(k, v string) (known bool, err error) {
	switch k {
	case "cachedir":
		m.CacheDir = v
	case "reposdir":
		m.ReposDir = parseList(v)
	case "gpgcheck":
		m.GPGCheck, err = parseBool(v)
	case "repo_gpgcheck":
		m.RepoGPGCheck, err = parseBool(v)
	case "skip_if_unavailable":
		m.SkipIfUnavailable, err = parseBool(v)
	case "metadata_expire":
		m.MetadataExpire, err = parseDuration(v)
	case "metadata_timer_sync":
		m.MetadataTimerSync, err = parseDuration(v)
	case "retries":
		m.Retries, err = strconv.Atoi(v)
		if err == nil && m.Retries < 0 {
			err = fmt.Errorf("%d is negative", m.Retries)
		}
	case "timeout":
		var secs float64
		secs, err = strconv.ParseFloat(v, 64)
		if err == nil && !(secs >= 0 && secs <= 86400) { // also NaN
			err = fmt.Errorf("%q is not a number of seconds (0-86400)", v)
		}
		m.Timeout = time.Duration(secs * float64(time.Second))
	case "minrate":
		m.MinRate, err = parseSize(v)
	case "plugins":
		m.Plugins, err = parseBool(v)
	case "recent":
		m.Recent, err = strconv.Atoi(v)
	case "pluginconfpath":
		m.PluginConfPath = parseList(v)
	case "max_parallel_downloads":
		m.MaxParallel, err = strconv.Atoi(v)
		if err == nil && (m.MaxParallel < 1 || m.MaxParallel > MaxParallelDownloads) {
			err = fmt.Errorf("%d is out of range 1..%d", m.MaxParallel, MaxParallelDownloads)
		}
	case "excludepkgs", "exclude":
		m.ExcludePkgs = append(m.ExcludePkgs, parseList(v)...)
	case "installonly_limit":
		var n int
		if n, err = strconv.Atoi(v); err == nil && (n == 1 || n < 0) {
			err = fmt.Errorf("value %d is not allowed", n)
		}
		if err == nil {
			m.InstallOnlyLimit = n
		}
	case "installonlypkgs":
		m.InstallOnlyPkgs = appendNew(m.InstallOnlyPkgs, parseList(v)...)
	case "group_package_types":
		m.GroupPackageTypes = parseList(v)
	case "strict":
		m.Strict, err = parseBool(v)
	case "obsoletes":
		m.Obsoletes, err = parseBool(v)
	case "skip_broken":
		m.SkipBroken, err = parseBool(v)
	case "clean_requirements_on_remove":
		m.CleanOnRemove, err = parseBool(v)
	case "keepcache":
		m.KeepCache, err = parseBool(v)
	case "install_weak_deps":
		m.InstallWeakDeps, err = parseBool(v)
	case "tsflags":
		m.TSFlags = appendNew(m.TSFlags, parseList(v)...)
	case "best":
		m.BestPolicy, err = parseBool(v)
	case "releasever":
		m.Releasever = v
	default:
		return false, nil
	}
	return true, err
}

// ParseMain reads the [main] section of dnf.conf over the defaults.
func ParseMain(r io.Reader, file string, vars Vars) (Main, error) {
	m := DefaultMain()
	secs, err := parseINI(r, file)
	if err != nil {
		return m, err
	}
	for _, s := range secs {
		if s.name != "main" {
			continue
		}
		keys := make([]string, 0, len(s.keys))
		for k := range s.keys {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			// dnf warns about a bad value and keeps the default (libdnf's config parser).
			v := vars.Substitute(s.keys[k])
			before := m
			if _, err := m.Set(k, v); err != nil {
				m = before // the value before (the default) stays
				m.Warnings = append(m.Warnings, fmt.Sprintf("Invalid configuration value: %s=%s in %s; %v", k, v, file, err))
			}
		}
	}
	return m, nil
}

// LoadRepos reads the repository sections of the main configuration file mainConf
// (when it is not empty and exists: dnf reads repositories from dnf.conf first) and then
// every *.repo file of the given directories (missing ones are skipped, as dnf does), in
// name order. With a warn function it goes on as dnf's RepoReader and RepoDict do: a
// repository id defined again is reported ("Repository X is listed more than once in the
// configuration") and the first definition kept, and a .repo file that cannot be read or
// parsed is reported ("Warning: failed loading 'F', skipping.") and skipped; see
// ParseRepoFile for what is lenient inside a file. With a nil warn each is an error.
func LoadRepos(mainConf string, dirs []string, vars Vars, warn func(error)) ([]*Repo, error) {
	var files []string
	if mainConf != "" {
		if _, err := os.Stat(mainConf); err == nil {
			files = append(files, mainConf)
		}
	}
	for _, dir := range dirs {
		names, err := filepath.Glob(filepath.Join(dir, "*.repo"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		files = append(files, names...)
	}
	var out []*Repo
	seen := map[string]string{}
	for _, name := range files {
		rs, err := parseRepoPath(name, vars, warn)
		if err != nil {
			if warn == nil || name == mainConf {
				return nil, err
			}
			warn(fmt.Errorf("Warning: failed loading '%s', skipping.", name))
			continue
		}
		for _, r := range rs {
			if prev, ok := seen[r.ID]; ok {
				if warn == nil {
					return nil, fmt.Errorf("%s: repository %s is already defined at %s", r.Source, r.ID, prev)
				}
				warn(fmt.Errorf("Repository %s is listed more than once in the configuration", r.ID))
				continue
			}
			seen[r.ID] = r.Source
			out = append(out, r)
		}
	}
	return out, nil
}

func parseRepoPath(name string, vars Vars, warn func(error)) ([]*Repo, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading repository file %s: %w", name, err)
	}
	defer f.Close()
	return ParseRepoFile(f, name, vars, warn)
}

// FromPath is dnf's --repofrompath=ID,PATH_OR_URL: an enabled repository without
// signature checks. A plain path becomes a file:// URL.
func FromPath(spec string) (*Repo, error) {
	id, loc, ok := strings.Cut(spec, ",")
	if !ok || id == "" || loc == "" {
		return nil, fmt.Errorf("--repofrompath %q: want ID,PATH or ID,URL", spec)
	}
	if i := InvalidIDByte(id); i >= 0 {
		// dnf's words for --repofrompath (1-based position)
		return nil, fmt.Errorf("Invalid repository id %q: invalid character '%c' at position %d", id, id[i], i+1)
	}
	u := loc
	if !strings.Contains(loc, "://") {
		abs, err := filepath.Abs(loc)
		if err != nil {
			return nil, fmt.Errorf("--repofrompath %q: %w", spec, err)
		}
		u = "file://" + abs
	}
	return &Repo{ID: id, Name: id, BaseURLs: []string{u}, Enabled: true, Priority: 99, Cost: 1000,
		MetadataExpire: 48 * time.Hour, Source: "--repofrompath"}, nil
}

// Allows applies includepkgs and excludepkgs (globs over package names, as dnf matches
// them) to one package name: with includepkgs only matching names are visible, and
// excludepkgs (of the repository and of [main]) hides names.
func (r *Repo) Allows(name string, mainExcludes []string) bool {
	match := func(globs []string) bool {
		for _, g := range globs {
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
		return false
	}
	if len(r.IncludePkgs) > 0 && !match(r.IncludePkgs) {
		return false
	}
	return !match(r.ExcludePkgs) && !match(mainExcludes)
}

// PluginConf is the [main] section of a dnf plugin's configuration file
// (pluginconfpath/NAME.conf): enabled (default true) and the plugin's own keys.
type PluginConf struct {
	Enabled bool
	Keys    map[string]string
}

// ParsePluginConf reads a plugin's configuration file (file names it in errors).
func ParsePluginConf(r io.Reader, file string) (PluginConf, error) {
	pc := PluginConf{Enabled: true, Keys: map[string]string{}}
	secs, err := parseINI(r, file)
	if err != nil {
		return pc, err
	}
	for _, s := range secs {
		if s.name != "main" {
			continue
		}
		for k, v := range s.keys {
			pc.Keys[k] = v
		}
		if v, ok := s.keys["enabled"]; ok {
			if pc.Enabled, err = parseBool(v); err != nil {
				return pc, fmt.Errorf("%s:%d: enabled: %w", file, s.at["enabled"], err)
			}
		}
	}
	return pc, nil
}
