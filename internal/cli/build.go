//go:build !pmonly

package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/sign"
	"github.com/nimbus-linux/nimbus/internal/sourcedate"
	"github.com/nimbus-linux/nimbus/internal/store"
)

type buildFlags struct {
	set, out, dist, key, releasever, debCache, lists, comp, mirror, keyring, store string
	recipes, arches, importDebian                                                  []string
	jobs, level                                                                    int
	noPublish, locked                                                              bool
}

func newBuildCmd(e *env) *cobra.Command {
	var f buildFlags
	c := &cobra.Command{
		Use:   "build [--set minimal] [--arch x86_64] [--recipe NAME]... | --import-debian NAME...",
		Short: "Build the distribution's recipes into signed RPMs and publish a signed repository per arch",
		Long: `Builds the recipes of a package set (dist/sets/SET.yaml) for each arch into out/rpms/ARCH,
incrementally (a recipe whose inputs did not change is not rebuilt), in parallel and
reproducibly (SOURCE_DATE_EPOCH), signing every package with the distribution key (a
development key generated into out/keys by default), checks that the set is closed under
dependencies, and publishes out/repos/RELEASEVER/ARCH with signed repodata.

Debian packages are built at the versions of DIST/` + distbuild.LockName + ` (exact version and .deb
SHA-256 per arch). A package not locked yet, or whose locked version is gone from the
verified indexes (Debian keeps only the newest version of a suite), takes the newest
version of the suites its recipe tracks: the lock is updated and one line per package
says so. --locked refuses instead.

With --import-debian, writes recipes for Debian packages and their dependency closure
instead, and adds them to the set's deps.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(f.importDebian) > 0 {
				return runImportDebian(e, f)
			}
			return runBuild(e, f)
		},
	}
	fl := c.Flags()
	fl.StringVar(&f.set, "set", "minimal", "package set to build (dist/sets/SET.yaml)")
	fl.StringArrayVar(&f.recipes, "recipe", nil, "build these recipes instead of a set (repeatable)")
	fl.StringArrayVar(&f.arches, "arch", nil, "arches to build (repeatable; default x86_64 and aarch64)")
	fl.StringVarP(&f.out, "output", "o", "out", "output directory")
	fl.StringVar(&f.dist, "dist", "dist", "the distribution directory (recipes/, sets/)")
	fl.StringVar(&f.key, "key", "", "armored private signing key (default: $NIMBUS_SIGNING_KEY, else OUT/keys/nimbus-dev.key, generated when missing)")
	fl.StringVar(&f.releasever, "releasever", "", "release version (default: the system-release recipe's version)")
	fl.StringVar(&f.debCache, "deb-cache", "", "directory keeping downloaded .debs (default "+apt.DefaultCacheDir+", or the user's cache directory when that is not writable)")
	fl.StringVar(&f.mirror, "mirror", "", "fetch .debs from this Debian mirror URL instead of with apt-get download (verified all the same)")
	fl.StringVar(&f.lists, "apt-lists", apt.DefaultListsDir, "apt's lists directory (InRelease and Packages files)")
	fl.StringVar(&f.keyring, "archive-keyring", apt.DefaultKeyring, "the keyring the archive's InRelease files are verified with")
	fl.StringVar(&f.store, "store", "", "content-addressed store of every .deb and RPM (default: nimbus-store beside the .deb cache)")
	fl.StringVar(&f.comp, "compress", "zstd", "payload compression: zstd, xz or gzip")
	fl.IntVar(&f.level, "level", 9, "payload compression level")
	fl.IntVarP(&f.jobs, "jobs", "j", 0, "parallel builds (default: number of CPUs)")
	fl.BoolVar(&f.noPublish, "no-publish", false, "build and check, but do not write the repositories")
	fl.BoolVar(&f.locked, "locked", false, "build exactly the versions of DIST/"+distbuild.LockName+"; refuse when one is gone from the verified indexes (and the store)")
	fl.StringArrayVar(&f.importDebian, "import-debian", nil, "write recipes for these Debian packages and their closure")
	return c
}

// devKey returns the signing key file, generating the development key when none is given.
func devKey(e *env, f buildFlags) (string, error) {
	if f.key != "" {
		return f.key, nil
	}
	if k := e.getenv("NIMBUS_SIGNING_KEY"); k != "" {
		return k, nil // a release key's file, from the environment
	}
	p := filepath.Join(f.out, "keys", "nimbus-dev.key")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	priv, pub, err := sign.GenerateKey(sign.KeyOptions{Name: "Nimbus Linux Development", Email: "dev@nimbus.invalid",
		Comment: "development key, not for releases", Algorithm: sign.RSA3072, Created: time.Now().Truncate(time.Second)})
	if err != nil {
		return "", err
	}
	if err := fsutil.WriteFileAtomic(strings.TrimSuffix(p, ".key")+".pub", 0o644, func(w *os.File) error { _, err := w.Write(pub); return err }); err != nil {
		return "", err
	}
	if err := fsutil.WriteFileAtomic(p, 0o600, func(w *os.File) error { _, err := w.Write(priv); return err }); err != nil {
		return "", err
	}
	fmt.Fprintf(e.stderr, "generated development signing key %s\n", p)
	return p, nil
}

// buildSetup is what runBuild and dist update share: the build's configuration for
// the flags (recipes of the set, signing key, compression, .deb cache, lock).
type buildSetup struct {
	cfg                           distbuild.Config
	all                           map[string]*recipe.Recipe
	releasever, keyFile, lockPath string
}

func newBuildConfig(e *env, f buildFlags) (*buildSetup, error) {
	// Without SOURCE_DATE_EPOCH the build time is the commit time of the checkout, not
	// the wall clock, so an unchanged tree rebuilds nothing and gives the same bytes;
	// each recipe then records the time of the last commit that changed it, so a
	// commit elsewhere does not rebuild it either.
	buildTime, sdeSet, err := sourcedate.BuildTime(e.getenv, func() time.Time { return distbuild.CommitTime(f.dist) })
	if err != nil {
		return nil, err
	}
	var recipeTimes map[string]time.Time
	if !sdeSet {
		recipeTimes = distbuild.RecipeCommitTimes(f.dist)
	}
	if len(f.arches) == 0 {
		f.arches = recipe.AllArches
	}
	recipesDir := filepath.Join(f.dist, "recipes")
	names := f.recipes
	if len(names) == 0 {
		_, names, err = distbuild.LoadSet(filepath.Join(f.dist, "sets"), f.set)
		if err != nil {
			return nil, err
		}
	}
	all, _, err := distbuild.LoadRecipes(recipesDir)
	if err != nil {
		return nil, err
	}
	rv := f.releasever
	if rv == "" {
		if sr, ok := all["system-release"]; ok {
			rv = sr.Version
		} else {
			return nil, fmt.Errorf("--releasever not given and no system-release recipe to take it from")
		}
	}
	keyFile, err := devKey(e, f)
	if err != nil {
		return nil, err
	}
	signer, err := loadSigner(keyFile, buildTime)
	if err != nil {
		return nil, err
	}
	keyBytes, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, err
	}
	kid := sha256.Sum256(keyBytes)
	pub, err := publicKeyOf(keyBytes)
	if err != nil {
		return nil, err
	}
	kind, err := compress.ParseKind(f.comp)
	if err != nil {
		return nil, err
	}
	// Go recipes build packages of the module the dist directory belongs to.
	absDist, err := filepath.Abs(f.dist)
	if err != nil {
		return nil, err
	}
	lockPath := filepath.Join(f.dist, distbuild.LockName)
	lock, err := distbuild.ReadLock(lockPath)
	if err != nil {
		return nil, err
	}
	cfg := distbuild.Config{
		Lock: lock, Resolution: distbuild.ResolveFollow,
		RepoRoot: filepath.Dir(absDist), RecipesDir: recipesDir, OutDir: f.out, Recipes: names, Arches: f.arches, Jobs: f.jobs,
		BuildTime: buildTime, RecipeTimes: recipeTimes, Now: time.Now(), Signer: signer, SignerID: hex.EncodeToString(kid[:]), PublicKey: pub,
		Compressor: kind, Level: f.level, Apt: apt.Options{ListsDir: f.lists, Keyring: f.keyring}, DebCache: debCacheDir(f.debCache), Mirror: f.mirror, Log: e.stderr,
	}
	storeDir := f.store
	if storeDir == "" {
		storeDir = filepath.Join(filepath.Dir(cfg.DebCache), "nimbus-store")
	}
	cfg.Store = &store.Store{Root: storeDir}
	return &buildSetup{cfg: cfg, all: all, releasever: rv, keyFile: keyFile, lockPath: lockPath}, nil
}

func runBuild(e *env, f buildFlags) error {
	start := time.Now()
	if len(f.arches) == 0 {
		f.arches = recipe.AllArches
	}
	bc, err := newBuildConfig(e, f)
	if err != nil {
		return err
	}
	cfg, all, rv, keyFile, buildTime, lockPath := bc.cfg, bc.all, bc.releasever, bc.keyFile, bc.cfg.BuildTime, bc.lockPath
	if f.locked {
		cfg.Resolution = distbuild.ResolveLocked
	}
	res, err := distbuild.Build(e.ctx, cfg)
	if res != nil {
		printSummary(e, res, time.Since(start))
	}
	if err != nil {
		return err
	}
	for _, l := range distbuild.MoveNotices(res.Moves) {
		fmt.Fprintln(e.stdout, l)
	}
	if wrote, err := distbuild.WriteLock(lockPath, res.Lock); err != nil {
		return err
	} else if wrote {
		fmt.Fprintf(e.stdout, "wrote %s\n", lockPath)
	}
	o := distbuild.PublishOptions{Out: f.out, Dist: f.dist, Releasever: rv, Arches: f.arches, Recipes: all, Packages: res.Packages,
		NoPublish: f.noPublish, Time: buildTime, Log: e.stdout}
	if !f.noPublish {
		if o.Signer, err = loadRepoSigner(keyFile); err != nil {
			return err
		}
	}
	return distbuild.Publish(e.ctx, o)
}

// debCacheDir is the .deb cache: the flag's, else /var/cache/nimbus-debs when it can be
// written (as root), else nimbus-debs in the user's cache directory.
func debCacheDir(flag string) string {
	if flag != "" {
		return flag
	}
	if err := os.MkdirAll(apt.DefaultCacheDir, 0o755); err == nil {
		if f, err := os.CreateTemp(apt.DefaultCacheDir, ".probe-"); err == nil {
			f.Close()
			os.Remove(f.Name())
			return apt.DefaultCacheDir
		}
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "nimbus-debs")
	}
	return apt.DefaultCacheDir
}

// publicKeyOf returns the armored public key of an armored private key.
func publicKeyOf(priv []byte) ([]byte, error) {
	s, err := sign.LoadSigner(priv)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	return s.ArmoredPublicKey()
}

func printSummary(e *env, res *distbuild.Result, took time.Duration) {
	var size int64
	seen := map[string]bool{}
	n := 0
	for _, p := range res.Packages {
		if !seen[p.File] {
			seen[p.File] = true
			size += p.Size
			n++
		}
	}
	fmt.Fprintf(e.stdout, "build: %d built, %d reused, %d failed (recipe builds, one per arch); %d package files, %.1f MB; %.1fs\n",
		res.Built, res.Reused, len(res.Failed), n, float64(size)/1e6, took.Seconds())
}

func runImportDebian(e *env, f buildFlags) error {
	recipesDir := filepath.Join(f.dist, "recipes")
	existing, _, err := distbuild.LoadRecipes(recipesDir)
	if err != nil {
		return err
	}
	idx, err := apt.LoadIndex(apt.Options{ListsDir: f.lists, Arches: []string{"amd64", "arm64"}, Now: time.Now()})
	if err != nil {
		return err
	}
	provides := map[string]string{}
	for n, r := range existing {
		if r.Source.Debian == nil {
			for _, p := range r.Overrides.Provides.Add {
				provides[strings.Fields(p)[0]] = n
			}
		}
	}
	need, written, err := distbuild.ImportDebian(distbuild.ImportOptions{RecipesDir: recipesDir, Index: idx, Existing: existing, Provides: provides}, f.importDebian)
	if err != nil {
		return err
	}
	for _, w := range written {
		fmt.Fprintf(e.stdout, "wrote %s\n", filepath.Join(recipesDir, w+".yaml"))
	}
	fmt.Fprintf(e.stdout, "closure: %s\n", strings.Join(need, " "))
	if f.set == "" {
		return nil
	}
	setPath := filepath.Join(f.dist, "sets", f.set+".yaml")
	added, err := addSetDeps(setPath, filepath.Join(f.dist, "sets"), need)
	if err != nil {
		return err
	}
	if added > 0 {
		fmt.Fprintf(e.stdout, "%s: %d deps added\n", setPath, added)
	}
	return nil
}

// addSetDeps adds the closure members a set does not list yet to its deps (the
// trailing "deps:" list, which the importer owns), keeping what is there.
func addSetDeps(setPath, setsDir string, closure []string) (int, error) {
	data, err := os.ReadFile(setPath)
	if err != nil {
		return 0, fmt.Errorf("set: %w", err)
	}
	s, err := recipe.ParseSet(setPath, data)
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for _, p := range append(append([]string(nil), s.Packages...), s.Deps...) {
		have[p] = true
	}
	for _, inc := range s.Includes {
		_, names, err := distbuild.LoadSet(setsDir, inc)
		if err != nil {
			return 0, err
		}
		for _, n := range names {
			have[n] = true
		}
	}
	deps := append([]string(nil), s.Deps...)
	added := 0
	for _, c := range closure {
		if !have[c] {
			deps = append(deps, c)
			added++
		}
	}
	if added == 0 {
		return 0, nil
	}
	sort.Strings(deps)
	text := string(data)
	if i := strings.Index(text, "\ndeps:"); i >= 0 {
		text = text[:i+1]
	}
	var b strings.Builder
	b.WriteString("deps: [")
	width := 7
	for i, d := range deps {
		if i > 0 {
			b.WriteString(",")
			width++
			if width+len(d) > 95 {
				b.WriteString("\n  ")
				width = 2
			} else {
				b.WriteString(" ")
				width++
			}
		}
		b.WriteString(d)
		width += len(d)
	}
	b.WriteString("]\n")
	text = strings.TrimRight(text, "\n") + "\n" + b.String()
	if _, err := recipe.ParseSet(setPath, []byte(text)); err != nil {
		return 0, fmt.Errorf("updating %s: %w", setPath, err)
	}
	return added, fsutil.WriteFileAtomic(setPath, 0o644, func(w *os.File) error { _, err := w.WriteString(text); return err })
}
