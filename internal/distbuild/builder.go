package distbuild

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/store"
)

// policyVersion changes whenever the conversion policy or a builder changes in a way
// that changes outputs; it is part of every input hash.
const policyVersion = "nimbus-build-16"

// Config is what a build needs.
type Config struct {
	RepoRoot   string // the module root, for go recipes
	RecipesDir string // dist/recipes
	OutDir     string // out
	Recipes    []string
	Arches     []string
	Jobs       int
	BuildTime  time.Time
	// RecipeTimes, when set, give a recipe's own build time (the time of the last
	// commit that changed it), so a commit elsewhere does not rebuild it; recipes not
	// listed, and go recipes (whose input is the whole tree), use BuildTime.
	RecipeTimes map[string]time.Time
	Now         time.Time // judges the archive's signatures and Valid-Until
	Signer      rpm.Signer
	SignerID    string // identifies the key in input hashes (its fingerprint)
	PublicKey   []byte // the armored public key, for files recipes that ship it
	Compressor  compress.Kind
	Level       int
	GoTool      string // default "go"
	Apt         apt.Options
	DebCache    string // default apt.DefaultCacheDir
	Mirror      string // fetch .debs from this Debian mirror URL instead of apt-get download
	Log         io.Writer
	// Lock is the distribution's lock (dist/debian.lock); nil is an empty lock. Build
	// does not change it: the lock after the build is Result.Lock.
	Lock *Lock
	// Resolution says how a Debian package's version is chosen: the lock's, following
	// the upstream when it is gone (the default), only the lock's (--locked), or the
	// newest of the tracked suites (dist update).
	Resolution Resolution
	// Index, when set, is the verified index to resolve against (dist update loads it
	// once); otherwise the build loads it from Apt when some Debian job needs it.
	Index *apt.Index
	// Store, when set, keeps every .deb fetched and every RPM written by SHA-256; .debs
	// missing from the cache come from it first, and --locked builds versions the
	// archive no longer serves from it.
	Store *store.Store
}

// Result summarizes a build.
type Result struct {
	Built, Reused int
	Failed        []error
	Packages      []Built
	// Lock is the lock the build used: the input lock with every Debian package it
	// resolved (moved or locked the first time). Write it with WriteLock.
	Lock *Lock
	// Moves are the lock entries that changed, sorted by package and arch.
	Moves []Move
}

// Built is one package file of the build.
type Built struct {
	Recipe, Arch string
	File         string // path under OutDir
	Size         int64
	Reused       bool
}

// state is what out/state/RECIPE.ARCH.json remembers of a job.
type state struct {
	Input string   `json:"input"`
	Files []string `json:"files"`
}

type job struct {
	r     *recipe.Recipe
	arch  string // Nimbus arch the job is for
	input string
	entry *apt.Entry
	deb   *LockEntry // the .deb a Debian job builds from, once known
	outs  []string
	err   error
	reuse bool
	// alsoFor are the jobs of other arches a noarch import stands for.
	alsoFor []*job
	orig    *job // the job a working copy stands for
}

// RPMDir is where packages of an arch are written: out/rpms/ARCH.
func RPMDir(out, arch string) string { return filepath.Join(out, "rpms", arch) }

// Build builds the given recipes for the given arches into OutDir.
func Build(ctx context.Context, c Config) (*Result, error) {
	if c.Jobs <= 0 {
		c.Jobs = runtime.NumCPU()
	}
	if c.GoTool == "" {
		c.GoTool = "go"
	}
	if c.DebCache == "" {
		c.DebCache = apt.DefaultCacheDir
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	all, _, err := LoadRecipes(c.RecipesDir)
	if err != nil {
		return nil, err
	}
	var jobs []*job
	for _, name := range c.Recipes {
		r, ok := all[name]
		if !ok {
			return nil, fmt.Errorf("no recipe %s in %s", name, c.RecipesDir)
		}
		arches := c.Arches
		if len(r.Arches) == 1 && r.Arches[0] == recipe.Noarch {
			arches = []string{recipe.Noarch}
		} else if len(r.Arches) > 0 {
			arches = intersect(c.Arches, r.Arches)
		}
		for _, a := range arches {
			jobs = append(jobs, &job{r: r, arch: a})
		}
	}
	lock := NewLock()
	if c.Lock != nil {
		lock = c.Lock.Clone()
	}
	srcHash := ""
	for _, j := range jobs {
		if j.r.Source.Go != nil && srcHash == "" {
			if srcHash, err = treeHash(c.RepoRoot); err != nil {
				return nil, err
			}
		}
		if d := j.r.Source.Debian; d != nil {
			// The lock's .deb is the job's input; without the index, an unchanged
			// job is known to be up to date. dist update asks the index first.
			le, ok := lock.Get(d.PackageFor(j.arch), debArchOf(j.arch))
			if !ok || c.Resolution == ResolveNewest || d.Hold != nil && d.Hold.Version != le.Version {
				continue
			}
			j.deb = &le
		}
		if j.input, err = c.inputHash(j.r, j.arch, srcHash, j.deb); err != nil {
			return nil, err
		}
		j.reuse = c.upToDate(j)
	}
	moves, err := c.fetchDebs(ctx, jobs, lock, srcHash)
	if err != nil {
		return nil, err
	}
	// Debian "all" packages are imported once, as noarch, not once per arch.
	jobs = dedupeAll(jobs)

	res := &Result{Lock: lock, Moves: moves}
	var mu sync.Mutex
	work := make(chan *job)
	var wg sync.WaitGroup
	for i := 0; i < c.Jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if !j.reuse {
					start := time.Now()
					j.err = c.run(ctx, j)
					mu.Lock()
					if j.err == nil {
						fmt.Fprintf(c.Log, "built  %-28s %-8s %5.1fs\n", j.r.Name, j.arch, time.Since(start).Seconds())
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			res.Failed = append(res.Failed, fmt.Errorf("recipe %s (%s): %w", j.r.Name, j.arch, j.err))
			continue
		}
		if j.reuse {
			res.Reused++
		} else {
			res.Built++
		}
		for _, f := range j.outs {
			fi, err := os.Stat(filepath.Join(c.OutDir, f))
			if err != nil {
				return nil, err
			}
			res.Packages = append(res.Packages, Built{Recipe: j.r.Name, Arch: j.arch, File: f, Size: fi.Size(), Reused: j.reuse})
		}
	}
	sort.Slice(res.Packages, func(i, k int) bool { return res.Packages[i].File < res.Packages[k].File })
	if len(res.Failed) > 0 {
		return res, errors.Join(res.Failed...)
	}
	return res, nil
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
			}
		}
	}
	return out
}

// buildTime is the time a recipe's packages record.
func (c *Config) buildTime(r *recipe.Recipe) time.Time {
	if t, ok := c.RecipeTimes[r.Name]; ok && r.Source.Go == nil {
		return t
	}
	return c.BuildTime
}

// inputHash covers everything a job's output depends on: the builder's policy, the
// recipe file and its folder, the arch, the build time, the signing key and compression,
// for go recipes the repository's sources, and for Debian recipes the locked .deb
// (version and SHA-256).
func (c *Config) inputHash(r *recipe.Recipe, arch, srcHash string, d *LockEntry) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%s\n%s\n%d\n", policyVersion, arch, c.buildTime(r).Unix(), c.SignerID, c.Compressor, c.Level)
	data, err := os.ReadFile(r.Path)
	if err != nil {
		return "", err
	}
	h.Write(data)
	if fi, err := os.Stat(filepath.Join(c.RecipesDir, r.Name)); err == nil && fi.IsDir() {
		dh, err := treeHash(filepath.Join(c.RecipesDir, r.Name))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "folder %s\n", dh)
	}
	if r.Source.Go != nil {
		fmt.Fprintf(h, "go %s\n", srcHash)
	}
	if d != nil {
		fmt.Fprintf(h, "deb %s\n", d)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// SourceHash is the hash go recipes take of the repository's sources (.go files,
// go.mod, go.sum): when it changes, they are rebuilt.
func SourceHash(repoRoot string) (string, error) { return treeHash(repoRoot) }

// treeHash hashes the names, modes and contents of the source files under dir
// (skipping out/, .git and testdata), in a fixed order.
func treeHash(dir string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			switch d.Name() {
			case ".git", "out", "testdata", "node_modules":
				if p != dir {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !d.Type().IsRegular() {
			fmt.Fprintf(h, "%s %v\n", rel, d.Type())
			return nil
		}
		if !strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "go.mod") && !strings.HasSuffix(p, "go.sum") && !strings.Contains(dir, "recipes") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		fmt.Fprintf(h, "%s %o %d\n", rel, info.Mode().Perm()&0o111, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing %s: %w", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *Config) statePath(j *job) string {
	return filepath.Join(c.OutDir, "state", j.r.Name+"."+j.arch+".json")
}

func (c *Config) upToDate(j *job) bool {
	data, err := os.ReadFile(c.statePath(j))
	if err != nil {
		return false
	}
	var s state
	if json.Unmarshal(data, &s) != nil || s.Input != j.input {
		return false
	}
	for _, f := range s.Files {
		if _, err := os.Stat(filepath.Join(c.OutDir, f)); err != nil {
			return false
		}
	}
	j.outs = s.Files
	return true
}

// debArchOf is the Debian arch a job of a Nimbus arch imports (noarch recipes import
// the "all" package, found under amd64).
func debArchOf(arch string) string {
	if a := debArchOfRPM(arch); a != "" {
		return a
	}
	return "amd64"
}

// fetchDebs loads the verified index once when some Debian job is not known to be up
// to date, chooses each such job's .deb (ResolveDeb under c.Resolution), records it in
// the lock, and makes sure the .debs to build are in the cache (one apt-get download
// for all). It returns the lock's moves.
func (c *Config) fetchDebs(ctx context.Context, jobs []*job, lock *Lock, srcHash string) ([]Move, error) {
	var need []*job
	for _, j := range jobs {
		if !j.reuse && j.r.Source.Debian != nil {
			need = append(need, j)
		}
	}
	if len(need) == 0 {
		return nil, nil
	}
	o := c.Apt
	o.Now = c.Now
	seenArch := map[string]bool{}
	o.Arches = nil
	for _, j := range need {
		if a := debArchOfRPM(j.arch); a != "" && !seenArch[a] {
			seenArch[a] = true
			o.Arches = append(o.Arches, a)
		}
	}
	if len(o.Arches) == 0 {
		o.Arches = []string{"amd64"}
	}
	sort.Strings(o.Arches)
	idx := c.Index
	if idx == nil {
		var err error
		if idx, err = apt.LoadIndex(o); err != nil {
			return nil, err
		}
	}
	var entries []*apt.Entry
	var problems []error
	var moves []Move
	seenMove := map[string]bool{}
	f := &apt.Fetcher{CacheDir: c.DebCache, Mirror: c.Mirror, Log: c.Log}
	inCache := func(e *apt.Entry) bool { return f.Verify(e) == nil || c.Store.Has(e.SHA256, "deb") }
	for _, j := range need {
		d := j.r.Source.Debian
		pkg := d.PackageFor(j.arch)
		e, m, err := ResolveDeb(idx, lock, j.r, pkg, debArchOf(j.arch), c.Resolution, func(sum [32]byte) bool {
			le, _ := lock.Get(pkg, debArchOf(j.arch))
			return le.SHA256 == sum && inCache(entryFromLock(le))
		})
		if err != nil {
			problems = append(problems, fmt.Errorf("recipe %s (%s): %w", j.r.Name, j.arch, err))
			continue
		}
		le := lockEntryOf(e)
		if m != nil && !seenMove[m.Package+" "+m.Arch] {
			seenMove[m.Package+" "+m.Arch] = true
			moves = append(moves, *m)
		}
		lock.Set(le)
		j.entry, j.deb = e, &le
		if j.input, err = c.inputHash(j.r, j.arch, srcHash, j.deb); err != nil {
			return nil, err
		}
		if j.reuse = c.upToDate(j); !j.reuse {
			entries = append(entries, e)
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	sort.Slice(moves, func(i, k int) bool {
		if moves[i].Package != moves[k].Package {
			return moves[i].Package < moves[k].Package
		}
		return moves[i].Arch < moves[k].Arch
	})
	// The store first: a .deb it keeps needs no download (and may be one the archive
	// no longer serves).
	if c.Store != nil {
		for _, e := range entries {
			if f.Verify(e) != nil && c.Store.Has(e.SHA256, "deb") {
				if err := c.Store.Get(e.SHA256, "deb", f.CachePath(e)); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := f.Fetch(ctx, entries); err != nil {
		return nil, err
	}
	if c.Store != nil {
		for _, e := range entries {
			if _, err := c.Store.PutKnown(f.CachePath(e), e.SHA256, "deb"); err != nil {
				return nil, err
			}
		}
	}
	return moves, nil
}

// dedupeAll folds the per-arch jobs of a Debian "all" package into one noarch job.
func dedupeAll(jobs []*job) []*job {
	var out []*job
	seen := map[string]*job{}
	for _, j := range jobs {
		if j.entry != nil && j.entry.Arch == "all" {
			if first, ok := seen[j.r.Name]; ok {
				first.alsoFor = append(first.alsoFor, j)
				j.err = nil
				continue
			}
			seen[j.r.Name] = j
		}
		out = append(out, j)
	}
	return out
}

// resolveOverrideFiles returns the recipe with overrides.files "src" entries read
// from the recipe's folder (dist/recipes/NAME/) into inline content, so any recipe,
// not only files recipes, can add files of its own (openssh-server's sshd_config).
func (c *Config) resolveOverrideFiles(r *recipe.Recipe) (*recipe.Recipe, error) {
	need := false
	for _, f := range r.Overrides.Files {
		need = need || f.Src != ""
	}
	if !need {
		return r, nil
	}
	cp := *r
	cp.Overrides.Files = append([]pkgdesc.File(nil), r.Overrides.Files...)
	dir := os.DirFS(filepath.Join(c.RecipesDir, r.Name))
	for i, f := range cp.Overrides.Files {
		if f.Src == "" {
			continue
		}
		data, err := fs.ReadFile(dir, path.Clean(f.Src))
		if err != nil {
			return nil, fmt.Errorf("overrides.files[%d] (%s): %w", i, f.Path, err)
		}
		cp.Overrides.Files[i].Src, cp.Overrides.Files[i].Content = "", string(data)
	}
	return &cp, nil
}

// run builds one job and records its state.
func (c *Config) run(ctx context.Context, j *job) error {
	r, err := c.resolveOverrideFiles(j.r)
	if err != nil {
		return err
	}
	j = &job{r: r, arch: j.arch, input: j.input, entry: j.entry, alsoFor: j.alsoFor, orig: j}
	defer func() { j.orig.outs = j.outs }()
	var outs []*Output
	switch {
	case j.r.Source.Go != nil:
		outs, err = buildGo(ctx, c.RepoRoot, c.GoTool, j.r, j.arch)
	case j.r.Source.Files != nil:
		arch := j.arch
		outs, err = buildFiles(j.r, os.DirFS(filepath.Join(c.RecipesDir, j.r.Name)), arch, c.PublicKey)
	case j.r.Source.Debian != nil:
		var data []byte
		f := &apt.Fetcher{CacheDir: c.DebCache}
		if data, err = apt.ReadVerified(f.CachePath(j.entry), j.entry); err != nil {
			return err
		}
		var p *deb.Package
		if p, err = deb.Read(strings.NewReader(string(data)), deb.Limits{}); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(j.entry.Filename), err)
		}
		if p.Control.Get("Package") != j.entry.Name || p.Control.Get("Version") != j.entry.Version {
			return fmt.Errorf("%s: control says %s %s, index says %s %s", filepath.Base(j.entry.Filename),
				p.Control.Get("Package"), p.Control.Get("Version"), j.entry.Name, j.entry.Version)
		}
		outs, err = convertDeb(j.r, p)
	}
	if err != nil {
		return err
	}
	opts := rpm.WriteOptions{Compressor: c.Compressor, Level: c.Level, Signer: c.Signer}
	j.outs = nil
	for _, o := range outs {
		dir := RPMDir(c.OutDir, o.Desc.Arch)
		name, _, err := writeRPM(o, dir, c.buildTime(j.r), opts)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(c.OutDir, filepath.Join(dir, name))
		j.outs = append(j.outs, rel)
		if c.Store != nil {
			if _, _, err := c.Store.Put(filepath.Join(dir, name), "rpm"); err != nil {
				return err
			}
		}
	}
	s := state{Input: j.input, Files: j.outs}
	data, _ := json.MarshalIndent(s, "", "  ")
	write := func(jj *job) error {
		if err := os.MkdirAll(filepath.Dir(c.statePath(jj)), 0o755); err != nil {
			return err
		}
		s.Input = jj.input
		data, _ = json.MarshalIndent(s, "", "  ")
		return fsutil.WriteFileAtomic(c.statePath(jj), 0o644, func(f *os.File) error { _, err := f.Write(data); return err })
	}
	if err := write(j); err != nil {
		return err
	}
	for _, other := range j.alsoFor {
		if err := write(other); err != nil {
			return err
		}
	}
	return nil
}
