// Package pm is the package manager behind the dnf-compatible CLI and the image builder:
// it loads the configured repositories and the installed system into one solver pool, turns
// requests (install, remove, upgrade, ...) into solver jobs, explains the result as a plan,
// downloads and verifies the packages, runs the transaction and records it in the history.
package pm

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"
	"github.com/nimbus-linux/nimbus/internal/fsutil"

	"github.com/nimbus-linux/nimbus/internal/history"
	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/repo"
	"github.com/nimbus-linux/nimbus/internal/repo/cache"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpmdb"
	"github.com/nimbus-linux/nimbus/internal/solver"
	"github.com/nimbus-linux/nimbus/internal/txn"
)

// Config is what dnf's global options and configuration say.
type Config struct {
	Root         string            // --installroot ("/" by default)
	Releasever   string            // --releasever (else from the root's system-release)
	Arch         string            // machine architecture (runtime's by default)
	ConfigFile   string            // dnf.conf (default: <root>/etc/dnf/dnf.conf, else /etc/dnf/dnf.conf)
	Setopt       map[string]string // --setopt key=value (global and repoid.key)
	RepoFromPath []string          // --repofrompath id,path
	Repos        []string          // --repo: only these repositories
	// RepoOps are --enablerepo and --disablerepo in the order given: dnf applies them
	// in turn (cli.py _configure_repos), so --disablerepo='*' --enablerepo=r leaves r.
	RepoOps    []RepoOp
	NoGPGCheck bool
	CacheOnly  bool // -C
	Refresh    bool // --refresh
	Exclude    []string
	// DisableExcludes turns excludes off: "all", "main" (dnf.conf and --exclude) or
	// repository ids (--disableexcludes).
	DisableExcludes []string
	AllowErasing    bool
	Best            *bool // --best / --nobest; nil: dnf.conf's best
	NoAutoremove    bool
	DownloadOnly    bool
	// DestDir (--destdir, --downloaddir; with DownloadOnly) is where the packages are
	// downloaded instead of the cache; packages used in place are copied there, as dnf.
	DestDir string
	Log     io.Writer // progress and warnings (stderr)
	// NoPlugins (--noplugins), DisablePlugins and EnablePlugins (--disableplugin,
	// --enableplugin globs) turn nimbus's built-in counterparts of dnf's plugins off and
	// on as they would the plugins (versionlock).
	NoPlugins                     bool
	DisablePlugins, EnablePlugins []string
	// VersionLock applies the versionlock list's excludes (commands that resolve, as the
	// plugin's sack hook does).
	VersionLock bool
	// Info is where the notes dnf logs at info level go ("Package bash-5.2-1.x86_64 is
	// already installed.", "No package X installed."): stdout, as dnf's logger.info;
	// nil: Log.
	Info io.Writer
	// Debug is where -v's lines dnf logs at debug level go ("DNF version: 4.14.0",
	// "cachedir: …"): stdout, also for the commands whose notes go to stderr; nil: none.
	Debug     io.Writer
	Now       func() time.Time
	NoScripts bool   // --noscripts
	Verbose   bool   // -v: also name the options given that have no effect
	Cmdline   string // recorded in the history
	Comment   string // --comment, recorded in dnf's history (swdb)
	// ConfirmKey is asked before a repository's gpgkey is imported into the rpmdb (dnf's
	// "Importing GPG key" question); nil imports without asking.
	ConfirmKey func(KeyImport) bool
	// NamesOnly loads only the name, version and architecture of the repositories' packages
	// (no dependencies, no files): enough for check-update and list, in a fraction of the
	// memory; such a base cannot Resolve.
	NamesOnly bool
	// Progress, when set (a terminal), shows a download progress bar for the packages.
	Progress io.Writer
	// ScriptOutput receives what scriptlets print, as it comes (dnf shows it on stdout),
	// at most txn.DefaultScriptOutputLimit bytes per scriptlet; nil discards it.
	ScriptOutput io.Writer
}

// Base is a loaded package manager: repositories, installed packages, the solver pool.
// RepoOp is one --enablerepo (Enable) or --disablerepo of a repository id or glob.
type RepoOp struct {
	Pattern string
	Enable  bool
}

type Base struct {
	cfg  Config
	Main repo.Main
	// trustDir is the root's trust state (TrustDir, resolved inside the root).
	trustDir string
	// anyEnabled: the configuration enables a repository (NoEnabledRepos).
	anyEnabled bool
	Repos      []*LoadedRepo // enabled repositories, in configuration order
	Pool       *solver.Pool
	// Installed are the installed packages by solver id.
	Installed map[solver.ID]*InstalledPkg
	// Available are the repository packages by solver id.
	Available AvailableSet
	reasons   map[string]history.Reason
	// fromRepo is dnf's history of where installed packages came from (FromRepo), read
	// when first needed.
	fromRepo     map[string]string
	fromRepoOnce sync.Once
	// repoScope limits the listings to one repository (SetRepoScope, repository-packages).
	repoScope string
	// cmdline are the RPM files given as arguments (AddRPMFiles), in cmdRepo.
	cmdline map[solver.ID]*cmdlinePkg
	cmdRepo *solver.Repo
	// rpmdbKeys are the armored keys imported into the rpmdb (gpg-pubkey headers).
	rpmdbKeys [][]byte
	// releaseverDone: $releasever was resolved (possibly to nothing); not asked again.
	releaseverDone bool
	// mods are the repositories' modules and the root's module states (modules.go).
	mods *modules
}

// LoadedRepo is an enabled repository with its metadata index.
type LoadedRepo struct {
	*repo.Repo
	Index *cache.Index
	Meta  *repo.Metadata
	sr    *solver.Repo
}

// InstalledPkg is an installed package.
type InstalledPkg struct {
	Num  int64 // rpmdb number
	Info *rpm.Info
}

// AvailablePkg is a package of a repository.
// AvailableSet holds the repository packages by solver id: a slice indexed by the id, not
// a map (Debian's 63k packages: 0.5 MB instead of the map's 3.6 MB, live for the whole
// command, and a pointer-free walk for the collector's scan of the map's buckets).
// The zero value is empty; All walks the packages in id order.
type AvailableSet struct {
	byID []*AvailablePkg
	n    int
}

// Get returns the package of id, nil if id is no repository package.
func (s *AvailableSet) Get(id solver.ID) *AvailablePkg {
	if id < 0 || int(id) >= len(s.byID) {
		return nil
	}
	return s.byID[id]
}

// Len is the number of packages.
func (s *AvailableSet) Len() int { return s.n }

// All yields each package with its id, in id order.
func (s *AvailableSet) All() iter.Seq2[solver.ID, *AvailablePkg] {
	return func(yield func(solver.ID, *AvailablePkg) bool) {
		for id, ap := range s.byID {
			if ap != nil && !yield(solver.ID(id), ap) {
				return
			}
		}
	}
}

// reserve makes room for ids below n.
func (s *AvailableSet) reserve(n int) {
	if n > len(s.byID) {
		s.byID = slices.Grow(s.byID, n-len(s.byID))
	}
}

// set records the package of id.
func (s *AvailableSet) set(id solver.ID, ap *AvailablePkg) {
	if id < 0 {
		return
	}
	if int(id) >= len(s.byID) {
		s.reserve(int(id) + 1)
		s.byID = s.byID[:int(id)+1]
	}
	if s.byID[id] == nil {
		s.n++
	}
	s.byID[id] = ap
}

type AvailablePkg struct {
	Repo *LoadedRepo
	I    int // index in the repository's metadata index
}

// NEVRA of an available package.
func (a *AvailablePkg) NEVRA() string {
	x := a.Repo.Index
	return x.Name(a.I) + "-" + x.EVR(a.I) + "." + x.Arch(a.I)
}

func (c *Config) defaults() {
	if c.Root == "" {
		c.Root = "/"
	}
	if c.Arch == "" {
		c.Arch = arch.Host().RPM
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// inRoot returns path p inside the install root, its symlinks resolved as inside a
// chroot (fsutil.InRoot): the state the package manager keeps in the root by name (the
// metadata cache, the trust state, dnf.conf and vars) never leads out of it.
func (c *Config) inRoot(p string) (string, error) { return fsutil.InRoot(c.Root, p) }

// configPath is dnf.conf: the root's when present, else the host's (dnf's --installroot rule).
func (c *Config) configPath() string {
	if c.ConfigFile != "" {
		return c.ConfigFile
	}
	if p, err := c.inRoot("/etc/dnf/dnf.conf"); err == nil && fileExists(p) {
		return p
	}
	return "/etc/dnf/dnf.conf"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Open loads configuration, repositories (refreshing their metadata as needed) and the
// installed packages, and builds the solver pool. withRepos false skips the repositories
// (remove, list --installed, history).
func Open(ctx context.Context, cfg Config, withRepos bool) (*Base, error) {
	defer phases.Start("open (all)")()
	cfg.defaults()
	b := &Base{cfg: cfg, Installed: map[solver.ID]*InstalledPkg{}}
	// One read handle on the rpmdb for both uses: $releasever (from the package providing
	// system-release(releasever)) and the installed packages.
	db, err := rpmdb.Open(cfg.Root, "", rpmdb.Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close() // closed early below; Close is idempotent
	if b.cfg.Releasever == "" {
		b.cfg.Releasever, _ = resolveReleasever(ctx, cfg.Root, "", func() string { return installedReleasever(ctx, db) })
	}
	b.releaseverDone = true
	if err := b.loadConfig(); err != nil {
		return nil, err
	}
	b.Pool = solver.NewPool()
	if err := b.Pool.SetArch(cfg.Arch); err != nil {
		return nil, err
	}
	// multilib: x86_64 and i686 packages of one name coexist (libdnf sets libsolv's
	// POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS)
	b.Pool.ImplicitObsoleteUsesColors = true
	if txn.Pending(cfg.Root) {
		b.Log("warning: a transaction was interrupted on %s; the next command that changes it (install, upgrade, remove, ...) finishes it first", cfg.Root)
	}
	done := phases.Start("open: rpmdb + history")
	if err := b.loadInstalled(ctx, db); err != nil {
		return nil, err
	}
	db.Close()
	done()
	if withRepos {
		if err := b.loadRepos(ctx); err != nil {
			return nil, err
		}
		b.noteMetadataAge()
	}
	if err := b.loadModules(); err != nil {
		return nil, err
	}
	if withRepos && cfg.VersionLock {
		if err := b.applyVersionLock(); err != nil {
			return nil, err
		}
	}
	done = phases.Start("open: whatprovides")
	b.Pool.CreateWhatProvides()
	done()
	heapSettled()
	return b, nil
}

// Config returns the configuration the base was opened with.
func (b *Base) Config() Config { return b.cfg }

func (b *Base) loadConfig() error {
	vars := repo.NewVars(b.cfg.Arch, b.releasever())
	varDir, err := b.cfg.inRoot("/etc/dnf/vars")
	if err != nil {
		return err
	}
	if err := vars.LoadVarDirs(varDir, "/etc/dnf/vars"); err != nil {
		return err
	}
	b.Main = repo.DefaultMain()
	if p := b.cfg.configPath(); fileExists(p) {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		m, err := repo.ParseMain(f, p, vars)
		f.Close()
		if err != nil {
			return err
		}
		b.Main = m
	}
	for _, w := range b.Main.Warnings {
		b.Log("%s", w)
	}
	ignored, err := applyMainSetopts(&b.Main, b.cfg.Setopt, b.Log)
	if err != nil {
		return err
	}
	if b.Main.SkipBroken {
		b.Main.Strict = false // dnf: skip_broken means strict=false
	}
	if b.cfg.Verbose && len(ignored) > 0 {
		b.Log("Options without effect in nimbus: %s", strings.Join(ignored, ", "))
	}
	// dnf prepends the install root to cachedir wherever it was set (cli.py: cachedir,
	// logdir and persistdir are the root's), so nothing of the cache is outside the root.
	// A cachedir already naming a directory inside the root is taken as that directory
	// (dnf would prepend the root a second time).
	if b.Main.CacheDir == "" {
		b.Main.CacheDir = repo.DefaultMain().CacheDir
	}
	dir := b.Main.CacheDir
	if rel, err := filepath.Rel(b.cfg.Root, dir); err == nil && b.cfg.Root != "/" && filepath.IsAbs(dir) && rel != ".." && !strings.HasPrefix(rel, "../") {
		dir = "/" + rel
	}
	if b.Main.CacheDir, err = b.cfg.inRoot(dir); err != nil {
		return err
	}
	if b.cfg.Verbose { // dnf's cli.configure logs these at debug level, which -v shows
		if w := b.cfg.Debug; w != nil {
			fmt.Fprintf(w, "DNF version: %s\ncachedir: %s\n", DNFVersion, b.Main.CacheDir)
		}
	}
	b.trustDir, err = b.cfg.inRoot(TrustDir)
	return err
}

// DNFVersion is the dnf release whose commands, options and output the package manager
// follows (`dnf --version`'s first line, -v's "DNF version").
const DNFVersion = "4.14.0"

// releasever is $releasever in dnf's order (ResolveReleasever in repos.go), resolved once.
func (b *Base) releasever() string {
	if b.cfg.Releasever == "" && !b.releaseverDone {
		b.cfg.Releasever, _ = ResolveReleasever(context.Background(), b.cfg.Root, "")
		b.releaseverDone = true
	}
	return b.cfg.Releasever
}

// loadInstalled adds the rpmdb's packages to the pool as the installed repository.
func (b *Base) loadInstalled(ctx context.Context, db *rpmdb.DB) error {
	all, err := db.All(ctx)
	if err != nil {
		return err
	}
	sys := b.Pool.NewRepo("@System", 0)
	b.Pool.Installed = sys
	for _, p := range all {
		info, err := p.Info()
		if err != nil {
			return fmt.Errorf("installed package %d: %w", p.Num, err)
		}
		if info.Name == "gpg-pubkey" {
			// rpm keeps the armored key as the description: packages of gpgcheck
			// repositories verify against these as well as the repository's gpgkey.
			b.rpmdbKeys = append(b.rpmdbKeys, []byte(info.Desc))
			continue
		}
		var sv *solver.Solvable
		if b.cfg.NamesOnly {
			sv = &solver.Solvable{Name: info.Name, EVR: evrOf(info), Arch: info.Arch, Vendor: info.Vendor, BuildTime: int64(info.BuildTime)}
			info.Files = nil // a listing needs no file lists
		} else {
			sv = solvableFromInfo(info)
		}
		id := sys.Add(sv)
		b.Installed[id] = &InstalledPkg{Num: p.Num, Info: info}
	}
	// The history is a record; an unreadable one must not stop the package manager (the
	// rpmdb says what is installed). Without it every package counts as user-installed.
	h, err := history.Open(b.cfg.Root, false)
	if err != nil {
		b.Log("warning: %v", err)
		return nil
	}
	defer h.Close()
	if b.reasons, err = h.Reasons(ctx); err != nil {
		b.Log("warning: history: %v", err)
		b.reasons = nil
	}
	if b.reasons == nil {
		b.reasons = map[string]history.Reason{}
	}
	// dnf's swdb is the complete record (Nimbus writes it too, history/swdb.go): its
	// reasons win; Nimbus's own fill in for roots from before it wrote there.
	dnfReasons, err := history.SwdbReasons(ctx, b.cfg.Root)
	if err != nil {
		b.Log("warning: dnf history: %v", err)
	}
	for k, r := range dnfReasons {
		b.reasons[k] = r
	}
	return nil
}

// Log prints a progress or warning line.
func (b *Base) Log(format string, a ...any) {
	fmt.Fprintf(b.cfg.Log, format+"\n", a...)
}

// noteMetadataAge is dnf's "Last metadata expiration check: 0:12:34 ago on Mon Dec  7
// 16:55:18 2026." (base.py's fill_sack): the newest check of the enabled repositories'
// metadata (their repomd.xml's time in the cache) and the youngest age, as Python's
// timedelta and C-locale %c print them.
func (b *Base) noteMetadataAge() {
	var newest time.Time
	age := time.Duration(-1)
	for _, lr := range b.Repos {
		if lr.Meta == nil || lr.Meta.Dir == "" {
			continue
		}
		fi, err := os.Stat(filepath.Join(lr.Meta.Dir, "repomd.xml"))
		if err != nil {
			continue
		}
		if t := fi.ModTime(); t.After(newest) {
			newest = t
		}
		if a := b.cfg.Now().Sub(fi.ModTime()); age < 0 || a < age {
			age = a
		}
	}
	if newest.IsZero() || age < time.Second {
		return // fill_sack's ages are whole seconds: metadata fetched this second is not noted
	}
	b.Note("Last metadata expiration check: %s ago on %s.", timedelta(max(age, 0)), newest.Local().Format("Mon Jan _2 15:04:05 2006"))
}

// timedelta is a duration as str(datetime.timedelta(seconds=int(d))) prints it: "0:00:05",
// "1:02:03", "2 days, 0:00:07".
func timedelta(d time.Duration) string {
	secs := int64(d / time.Second)
	days, rest := secs/86400, secs%86400
	hms := fmt.Sprintf("%d:%02d:%02d", rest/3600, rest%3600/60, rest%60)
	switch {
	case days == 1:
		return "1 day, " + hms
	case days > 1:
		return fmt.Sprintf("%d days, %s", days, hms)
	}
	return hms
}

// Note prints one of the notes dnf logs at info level (Config.Info).
func (b *Base) Note(format string, a ...any) {
	w := b.cfg.Info
	if w == nil {
		w = b.cfg.Log
	}
	fmt.Fprintf(w, format+"\n", a...)
}
