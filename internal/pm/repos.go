package pm

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
)

// applyMainSetopts applies --setopt options without a repository prefix to dnf.conf's
// [main], as dnf does: a bad value is a "Config error"; an option dnf does not know is a
// warning; a dnf option Nimbus does not act on is accepted (named in ignored, for -v).
func applyMainSetopts(m *repo.Main, opts map[string]string, warn func(string, ...any)) (ignored []string, err error) {
	for _, k := range sortedKeys(opts) {
		v := opts[k]
		if strings.Contains(k, ".") {
			continue // repoid.key
		}
		known, err := m.Set(k, v)
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("Error parsing --setopt with key '%s', value '%s': %w", k, v, err)}
		}
		switch {
		case known || acceptedMainOptions.Get()[k]:
		case repo.IsDNFMainOption(k):
			ignored = append(ignored, k)
		default:
			warn("Main config did not have a %s attr. before setopt", k)
		}
	}
	return ignored, nil
}

// ConfigError is a bad configuration value; dnf words it "Config error: ..." (no "Error:").
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return "Config error: " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// acceptedMainOptions are dnf options Nimbus acts on without a [main] field (read where
// used).
var acceptedMainOptions = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"protected_packages": true, "persistdir": true, "logdir": true,
		"debuglevel": true, "errorlevel": true, "assumeyes": true, "assumeno": true, "cacheonly": true, "installroot": true,
	}
}}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "yes", "true", "on":
		return true, nil
	case "0", "no", "false", "off":
		return false, nil
	}
	return false, fmt.Errorf("invalid boolean value '%s'", s)
}

// installWeakDeps is dnf's install_weak_deps (default true).
func (b *Base) installWeakDeps() bool { return b.Main.InstallWeakDeps }

// repoDirs are the reposdir directories: in the install root first, as dnf does.
func (b *Base) repoDirs() []string {
	var dirs []string
	for _, d := range b.Main.ReposDir {
		if in, err := b.cfg.inRoot(d); err == nil && b.cfg.Root != "/" && fileExists(in) {
			dirs = append(dirs, in)
		} else {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// loadRepos reads the .repo files and --repofrompath, applies --repo/--enablerepo/
// --disablerepo and per-repository --setopt, loads each enabled repository's index
// (downloading metadata when needed) and adds its packages to the pool.
func (b *Base) loadRepos(ctx context.Context) error {
	repos, err := b.ConfiguredRepos()
	if err != nil {
		return err
	}
	for _, r := range repos {
		if r.Enabled {
			b.anyEnabled = true
		}
	}
	return b.loadConfigured(ctx, repos)
}

// NoEnabledRepos is dnf's _checkEnabledRepo for commands that need repositories
// (install, upgrade, ... without RPM files): an error when the configuration enables
// none, after --repo, --enablerepo and --disablerepo.
func (b *Base) NoEnabledRepos() error {
	if b.anyEnabled {
		return nil
	}
	return fmt.Errorf("There are no enabled repositories in \"%s\".", strings.Join(b.Main.ReposDir, `", "`))
}

// ConfiguredRepos reads the .repo files and --repofrompath and applies --repo/--enablerepo/
// --disablerepo and per-repository --setopt, without loading any metadata.
func (b *Base) ConfiguredRepos() ([]*repo.Repo, error) {
	rv := b.releasever()
	vars := repo.NewVars(b.cfg.Arch, rv)
	varDir, err := b.cfg.inRoot("/etc/dnf/vars")
	if err != nil {
		return nil, err
	}
	if err := vars.LoadVarDirs(varDir); err != nil {
		return nil, err
	}
	vars["releasever"] = rv // --releasever wins over /etc/dnf/vars/releasever
	repos, err := repo.LoadRepos(b.cfg.configPath(), b.repoDirs(), vars, func(err error) { b.Log("%v", err) })
	if err != nil {
		return nil, err
	}
	for _, spec := range b.cfg.RepoFromPath {
		r, err := repo.FromPath(spec)
		if err != nil {
			return nil, err
		}
		repos = append(repos, r)
	}
	match := func(id string, pats []string) bool {
		for _, p := range pats {
			for _, q := range strings.Split(p, ",") {
				if ok, _ := path.Match(q, id); ok {
					return true
				}
			}
		}
		return false
	}
	for _, r := range repos {
		if b.cfg.NoGPGCheck {
			r.GPGCheck, r.RepoGPGCheck = false, false
		}
		// a repository's --setopt comes after --nogpgcheck and before --repo,
		// --enablerepo and --disablerepo, as in dnf
		if err := applyRepoSetopts(r, b.cfg.Setopt, b.Log); err != nil {
			return nil, err
		}
	}
	// dnf's _configure_repos: the --enablerepo/--disablerepo operations in their order,
	// each --repofrompath repository enabled after them, and --repo as a disable of all
	// first and an enable of its repositories last
	var ops []RepoOp
	if len(b.cfg.Repos) > 0 {
		ops = append(ops, RepoOp{"*", false})
	}
	ops = append(ops, b.cfg.RepoOps...)
	for _, r := range repos[len(repos)-len(b.cfg.RepoFromPath):] {
		ops = append(ops, RepoOp{r.ID, true})
	}
	for _, p := range b.cfg.Repos {
		for _, q := range strings.Split(p, ",") {
			ops = append(ops, RepoOp{q, true})
		}
	}
	var nomatch []string
	for _, op := range ops {
		n := 0
		for _, r := range repos {
			if match(r.ID, []string{op.Pattern}) {
				r.Enabled = op.Enable
				n++
			}
		}
		if n == 0 {
			if op.Enable && b.Main.Strict {
				return nil, fmt.Errorf("Unknown repo: '%s'", op.Pattern)
			}
			if !slices.Contains(nomatch, op.Pattern) {
				nomatch = append(nomatch, op.Pattern)
			}
		}
	}
	for _, p := range nomatch {
		b.Log("No repository match: %s", p)
	}
	return repos, nil
}

// fetcher downloads with dnf.conf's retries, timeout, minrate and max_parallel_downloads,
// logging retries and failovers.
func (b *Base) fetcher() *repo.Fetcher {
	f := repo.NewFetcher(b.Main)
	f.Log = func(format string, a ...any) { b.Log(format, a...) }
	return f
}

// ReleaseIndex loads r's signed release index (release_index=) with the package manager's
// trust state: verified, not expired, not older than the index accepted before.
func (b *Base) ReleaseIndex(ctx context.Context, r *repo.Repo) (*release.Index, error) {
	return repo.LoadReleaseIndex(ctx, r, repo.Options{CacheDir: b.Main.CacheDir, Now: b.cfg.Now, TrustDir: b.trustDir, Fetcher: b.fetcher()})
}

// loadConfigured loads each enabled repository's index and adds its packages to the pool.
func (b *Base) loadConfigured(ctx context.Context, repos []*repo.Repo) error {
	opts := b.repoOptions()
	var ignored []string
	defer func() { b.logIgnored(ignored) }()
	for _, r := range repos {
		if !r.Enabled {
			continue
		}
		done := phases.Start("open: index load")
		x, md, err := b.loadRepo(ctx, r, opts, true)
		done()
		if err != nil {
			if r.SkipIfUnavailable {
				b.Log("Error: %v", err)
				ignored = append(ignored, r.ID)
				continue
			}
			return err
		}
		lr := &LoadedRepo{Repo: r, Index: x, Meta: md}
		done = phases.Start("open: pool from index")
		err = b.addRepo(lr)
		done()
		if err != nil {
			return err
		}
		b.Repos = append(b.Repos, lr)
	}
	return nil
}

// logIgnored reports the repositories skipped because they failed to load and have
// skip_if_unavailable, after the error of each, as dnf's fill_sack does.
func (b *Base) logIgnored(ids []string) {
	if len(ids) > 0 {
		b.Log("Ignoring repositories: %s", strings.Join(ids, ", "))
	}
}

// repoOptions are the repository layer's options for loading metadata.
func (b *Base) repoOptions() repo.Options {
	return repo.Options{CacheDir: b.Main.CacheDir, Refresh: b.cfg.Refresh, Now: b.cfg.Now, Fetcher: b.fetcher(),
		Log: func(f string, a ...any) { b.Log(f, a...) }, TrustDir: b.trustDir, Confine: b.confineCache()}
}

// loadRepo loads r's index (refreshing its metadata as needed); with want false the
// metadata and the index file are only made current (makecache) and no index is returned.
func (b *Base) loadRepo(ctx context.Context, r *repo.Repo, opts repo.Options, want bool) (*cache.Index, *repo.Metadata, error) {
	if !r.HasURL() {
		return nil, nil, fmt.Errorf("Cannot find a valid baseurl for repo: %s", r.ID)
	}
	if b.cfg.CacheOnly {
		opts.Refresh = false
		r.MetadataExpire = -1
		if !fileExists(repo.CacheDirOf(opts.CacheDir, r)) {
			return nil, nil, fmt.Errorf("Cache-only enabled but no cache for '%s'", r.ID)
		}
	}
	if r.RepoGPGCheck && opts.Keyring == nil && len(r.GPGKeys) > 0 && !b.cfg.CacheOnly {
		// repo_gpgcheck: repomd.xml.asc is checked against the repository's gpgkey (http(s)
		// keys are fetched once and kept in the cache, keys.go).
		kr, _, err := b.repoKeyring(ctx, r)
		if err != nil {
			return nil, nil, err
		}
		opts.Keyring = kr
	}
	var x *cache.Index
	var md *repo.Metadata
	var err error
	opts.Downloaded = func(n int64, took time.Duration) { b.noteDownloaded(r, n, took) }
	if want {
		x, md, err = repo.Load(ctx, r, opts)
	} else {
		md, err = repo.Prepare(ctx, r, opts)
	}
	var re *repo.RefreshError
	if errors.As(err, &re) {
		b.Log("%v; using the cached metadata", err)
		return x, md, nil
	}
	return x, md, err
}

func applyRepoSetopts(r *repo.Repo, opts map[string]string, warn func(string, ...any)) error {
	for _, k := range sortedKeys(opts) {
		v := opts[k]
		id, key, ok := strings.Cut(k, ".")
		if !ok {
			continue
		}
		if m, _ := path.Match(id, r.ID); !m {
			continue
		}
		known, err := r.Set(key, v)
		if err != nil {
			return &ConfigError{fmt.Errorf("Error parsing --setopt with key '%s', value '%s': %w", k, v, err)}
		}
		if !known && !repo.IsDNFRepoOption(key) {
			warn("Repo %s did not have a %s attr. before setopt", r.ID, key)
		}
	}
	return nil
}

// TrustDir is where the package manager remembers, inside the install root, the newest
// repository metadata and release index it accepted (rollback and freeze protection).
const TrustDir = "/var/lib/nimbus/repo-trust"

// ResolveReleasever returns $releasever and where it came from, in dnf's order: the
// --releasever flag; the root's /etc/dnf/vars/releasever (which may say "latest"); the
// version the installed package providing system-release(releasever) provides; else
// /etc/os-release's VERSION_ID.
func ResolveReleasever(ctx context.Context, root, flag string) (value, source string) {
	return resolveReleasever(ctx, root, flag, func() string { return InstalledReleasever(ctx, root) })
}

// resolveReleasever is ResolveReleasever with the rpmdb's answer from installed, asked only
// when the flag and the vars file say nothing.
func resolveReleasever(ctx context.Context, root, flag string, installed func() string) (value, source string) {
	if flag != "" {
		return flag, "--releasever"
	}
	if data, err := os.ReadFile(filepath.Join(root, "etc/dnf/vars/releasever")); err == nil {
		line, _, _ := strings.Cut(string(data), "\n")
		if v := strings.TrimSpace(line); v != "" {
			return v, "/etc/dnf/vars/releasever"
		}
	}
	if v := installed(); v != "" {
		return v, "system-release"
	}
	if data, err := os.ReadFile(filepath.Join(root, "etc/os-release")); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "VERSION_ID="); ok {
				return strings.Trim(v, `"'`), "/etc/os-release"
			}
		}
	}
	return "", ""
}

// InstalledReleasever is the version the root's installed package providing
// system-release(releasever) provides ("" when none is installed).
func InstalledReleasever(ctx context.Context, root string) string {
	db, err := rpmdb.Open(root, "", rpmdb.Options{})
	if err != nil {
		return ""
	}
	defer db.Close()
	return installedReleasever(ctx, db)
}

// installedReleasever is InstalledReleasever on an open rpmdb.
func installedReleasever(ctx context.Context, db *rpmdb.DB) string {
	pkgs, _ := db.Lookup(ctx, "Providename", "system-release(releasever)")
	for _, p := range pkgs {
		info, err := p.Info()
		if err != nil {
			continue
		}
		for _, d := range info.Provides {
			if d.Name == "system-release(releasever)" && d.Version != "" {
				v := d.Version
				if _, rest, ok := strings.Cut(v, ":"); ok {
					v = rest
				}
				return v
			}
		}
	}
	return ""
}

// addRepo adds a repository's packages to the pool. dnf's priority is "lower wins"; the
// solver's is "higher wins". Excluded packages are disabled. The index's dependencies are
// read from its file as the pool is built (cache.Load keeps them on disk): a file that
// changed under the command is an error, never a pool with missing dependencies.
func (b *Base) addRepo(lr *LoadedRepo) error {
	lr.sr = b.Pool.NewRepo(lr.ID, -lr.Priority)
	lr.sr.SubPriority = -lr.Cost
	var excl []string
	off := func(what string) bool {
		for _, d := range b.cfg.DisableExcludes {
			if d == "all" || d == what {
				return true
			}
		}
		return false
	}
	if !off("main") { // --disableexcludes=main|all: dnf.conf's and --exclude's excludes
		excl = append(append(excl, b.Main.ExcludePkgs...), b.cfg.Exclude...)
	}
	if !off(lr.ID) {
		excl = append(excl, lr.ExcludePkgs...)
	}
	x := lr.Index
	// one allocation for the repository's entries (Debian's 63k packages: 1 MB in 63k
	// objects otherwise), and the set sized for the ids the repository will take
	b.Available.reserve(b.Pool.Len() + 1 + x.Len())
	slab := make([]AvailablePkg, x.Len())
	added := func(i int, id solver.ID) {
		slab[i] = AvailablePkg{Repo: lr, I: i}
		b.Available.set(id, &slab[i])
		if len(excl) > 0 || len(lr.IncludePkgs) > 0 {
			if n := x.Name(i); globMatch(excl, n) || (len(lr.IncludePkgs) > 0 && !globMatch(lr.IncludePkgs, n)) {
				b.Pool.Disable(id)
			}
		}
	}
	if b.cfg.NamesOnly {
		for i := 0; i < x.Len(); i++ {
			added(i, lr.sr.Add(x.Solvable(i, cache.SolvableOptions{NamesOnly: true})))
		}
	} else {
		// every distinct string and dependency interned once (TestAddWithMatchesSolvable:
		// the same pool as Repo.Add of each Solvable)
		x.AddWith(lr.sr, cache.SolvableOptions{}, added)
	}
	if err := x.Err(); err != nil {
		return fmt.Errorf("repository %s: %w (run the command again)", lr.ID, err)
	}
	return nil
}

// indexName is the name of repository package id as its index has it (no Solvable made);
// ok is false for packages of no repository index (installed, command line).
func (b *Base) indexName(id solver.ID) (name string, ok bool) {
	ap := b.Available.Get(id)
	if ap == nil || ap.Repo == nil || ap.Repo.Index == nil {
		return "", false
	}
	name, _ = b.Pool.NameArch(id) // the index's name, kept by the pool (no file read)
	return name, true
}

func globMatch(pats []string, name string) bool {
	for _, p := range pats {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// solvableFromInfo converts an installed package's header to a solvable.
func solvableFromInfo(info *rpm.Info) *solver.Solvable {
	s := &solver.Solvable{Name: info.Name, EVR: evrOf(info), Arch: info.Arch, Vendor: info.Vendor, BuildTime: int64(info.BuildTime)}
	for _, k := range []dep.Kind{dep.Provides, dep.Requires, dep.Conflicts, dep.Obsoletes, dep.Recommends, dep.Suggests, dep.Supplements, dep.Enhances} {
		cache.SetDeps(s, k, *info.Deps(k))
	}
	for _, f := range info.Files {
		s.Files = append(s.Files, f.Path)
	}
	return s
}

// evrOf is [epoch:]version-release with a zero epoch left out, as libsolv writes it.
func evrOf(info *rpm.Info) string {
	s := info.Version + "-" + info.Release
	if info.Epoch != nil && *info.Epoch != 0 {
		s = strconv.FormatUint(uint64(*info.Epoch), 10) + ":" + s
	}
	return s
}

// noteDownloaded is the line dnf's progress meter leaves for a repository whose metadata it
// downloaded, on a stdout that is not a terminal (MultiFileProgressMeter.end, 80 columns):
// the repository's name, the average rate, the bytes and the time.
func (b *Base) noteDownloaded(r *repo.Repo, n int64, took time.Duration) {
	secs := max(took.Seconds(), 0.001)
	msg := fmt.Sprintf(" %5sB/s | %5sB %9s    ", formatNumber(float64(n)/secs, false), formatNumber(float64(n), true), fmt.Sprintf("%02d:%02d", int(secs)/60, int(secs)%60))
	name := r.Name
	if name == "" {
		name = r.ID
	}
	left := 80 - len(msg) - 1
	if len(name) > left {
		name = name[:left]
	}
	b.Note("%-*s%s", left, name, msg)
}

// formatNumber is dnf's format_number (1024 steps, a space before the unit): an integer
// below 1000 as it is, else one decimal below 9.95 and none from there.
func formatNumber(x float64, integer bool) string {
	units := []string{" ", "k", "M", "G", "T", "P", "E", "Z", "Y"}
	depth := 0
	for x > 999 && depth < len(units)-1 {
		x /= 1024
		depth++
		integer = false
	}
	switch {
	case integer:
		return fmt.Sprintf("%d %s", int64(x), units[depth])
	case x < 9.95:
		return fmt.Sprintf("%.1f %s", x, units[depth])
	}
	return fmt.Sprintf("%.0f %s", x, units[depth])
}
