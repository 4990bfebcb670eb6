// Package distupdate is the distribution's daily job, `nimbus dist update`: refresh and
// verify Debian's indexes, move the lock (dist/debian.lock) of every package of a set to
// the newest version of its tracked suites, draft an advisory for each move that comes
// from a security suite, rebuild what changed, check the set's dependency closure and,
// when asked, publish a new release with the advisories in its updateinfo. Nothing in
// dist/ or the releases directory changes unless every step before succeeded; a run
// with nothing new upstream changes nothing and publishes nothing. See
// docs/distribution.md.
package distupdate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/fsutil"
	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/release"
	"github.com/nimbus-linux/nimbus/internal/release/publish"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// Options is what a run needs.
type Options struct {
	Dist   string // the distribution directory (recipes/, sets/, advisories/, debian.lock)
	Set    string
	Arches []string
	// Build is the build's configuration (output directory, signing key, compression,
	// .deb cache, mirror, apt lists); the run fills in the recipes, the lock and the index.
	Build distbuild.Config
	// Refresh, when set, refreshes the indexes first.
	Refresh *Refresh
	DryRun  bool
	// Publish is the releases directory to publish a new release in ("" publishes
	// nothing); ReleaseSigner signs its index and repositories.
	Publish       string
	ReleaseSigner *sign.Signer
	// Version is the release version to publish (default: NextVersion).
	Version    string
	ReportFile string // the JSON report ("" writes none)
	Now        time.Time
	Log        io.Writer
}

// Report is what a run did, also written as JSON.
type Report struct {
	DryRun      bool             `json:"dry_run"`
	Moves       []MoveReport     `json:"moves"`
	Advisories  []AdvisoryReport `json:"advisories"`
	Rebuilt     []string         `json:"rebuilt"` // package files built anew, under the output directory
	LockChanged bool             `json:"lock_changed"`
	Release     string           `json:"release,omitempty"` // the release published
	Seconds     float64          `json:"seconds"`
}

// MoveReport is one lock move.
type MoveReport struct {
	Recipe   string `json:"recipe"`
	Package  string `json:"package"`
	Arch     string `json:"arch"`
	From     string `json:"from"`
	To       string `json:"to"`
	Suite    string `json:"suite"`
	Security bool   `json:"security"`
}

// AdvisoryReport is one drafted advisory.
type AdvisoryReport struct {
	ID       string   `json:"id"`
	File     string   `json:"file"`
	Source   string   `json:"source"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	CVEs     []string `json:"cves"`
}

// IsSecuritySuite reports whether moves from a suite get a security advisory.
func IsSecuritySuite(suite string) bool { return strings.HasSuffix(suite, "-security") }

// Run does one dist update.
func Run(ctx context.Context, o Options) (*Report, error) {
	start := time.Now()
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if len(o.Arches) == 0 {
		o.Arches = recipe.AllArches
	}
	rep := &Report{DryRun: o.DryRun, Moves: []MoveReport{}, Advisories: []AdvisoryReport{}, Rebuilt: []string{}}
	recipesDir := filepath.Join(o.Dist, "recipes")
	all, _, err := distbuild.LoadRecipes(recipesDir)
	if err != nil {
		return nil, err
	}
	_, names, err := distbuild.LoadSet(filepath.Join(o.Dist, "sets"), o.Set)
	if err != nil {
		return nil, err
	}
	lockPath := filepath.Join(o.Dist, distbuild.LockName)
	lock, err := distbuild.ReadLock(lockPath)
	if err != nil {
		return nil, err
	}
	if o.Publish != "" && o.ReleaseSigner == nil {
		return nil, errors.New("dist update: --publish needs the release signing key (--key)")
	}

	// 1. Fresh, verified indexes.
	debArches := debArchesOf(o.Arches)
	if o.Refresh != nil {
		if o.Refresh.Arches == nil {
			o.Refresh.Arches = debArches
		}
		if o.Refresh.Suites == nil {
			o.Refresh.Suites = trackedSuites(all, names)
		}
		if o.Refresh.Apt.ListsDir == "" {
			o.Refresh.Apt = o.Build.Apt
		}
		o.Refresh.Now = o.Now
		if err := o.Refresh.Run(ctx); err != nil {
			return nil, err
		}
	}
	ao := o.Build.Apt
	ao.Arches, ao.Now = debArches, o.Now
	idx, err := apt.LoadIndex(ao)
	if err != nil {
		return nil, err
	}

	// 2. Move the lock to the newest version of the tracked suites.
	newLock := lock.Clone()
	moves, entries, err := resolveSet(idx, newLock, all, names, o.Arches)
	if err != nil {
		return nil, err
	}
	for _, m := range moves {
		rep.Moves = append(rep.Moves, MoveReport{Recipe: m.Recipe, Package: m.Package, Arch: m.Arch, From: m.From, To: m.To, Suite: m.Suite, Security: IsSecuritySuite(m.Suite)})
	}
	rep.LockChanged = string(newLock.Bytes()) != string(lock.Bytes())
	for _, l := range distbuild.MoveNotices(moves) {
		fmt.Fprintln(o.Log, l)
	}
	if o.DryRun || !rep.LockChanged {
		if !rep.LockChanged {
			fmt.Fprintf(o.Log, "dist update: nothing new upstream for set %s (%d Debian packages checked)\n", o.Set, countDebian(all, names))
		}
		return rep, finish(o, rep, start)
	}

	// 3. The release version, carried by system-release.
	restore := func() {}
	if o.Publish != "" {
		if o.Version == "" {
			if o.Version, err = NextVersion(o.Publish, all["system-release"], o.ReleaseSigner, o.Now); err != nil {
				return nil, err
			}
		}
		if restore, err = setReleaseVersion(recipesDir, all["system-release"], o.Version); err != nil {
			return nil, err
		}
		if all, _, err = distbuild.LoadRecipes(recipesDir); err != nil {
			restore()
			return nil, err
		}
	}
	ok := false
	var written []string
	defer func() {
		if !ok {
			restore()
			for _, f := range written {
				os.Remove(f)
			}
		}
	}()

	// 4. Rebuild what changed (the lock's new entries change those jobs' inputs).
	cfg := o.Build
	cfg.Recipes, cfg.Arches, cfg.Lock, cfg.Resolution, cfg.Index, cfg.Now = names, o.Arches, newLock, distbuild.ResolveLocked, idx, o.Now
	res, err := distbuild.Build(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("dist update: rebuilding: %w (dist/%s and the releases are unchanged)", err, distbuild.LockName)
	}
	for _, p := range res.Packages {
		if !p.Reused {
			rep.Rebuilt = append(rep.Rebuilt, p.File)
		}
	}
	rep.Rebuilt = uniq(rep.Rebuilt)

	// 5. The set must still close.
	sets := map[string][]string{}
	for _, arch := range o.Arches {
		files := SetFiles(cfg.OutDir, res, arch)
		infos, err := distbuild.ReadInfos(files)
		if err != nil {
			return nil, err
		}
		if err := distbuild.CheckClosure(arch, infos); err != nil {
			return nil, fmt.Errorf("dist update: the new versions (%s) break the set's dependency closure: %w\n(dist/%s and the releases are unchanged: hold the package that breaks it with source.debian.hold in its recipe, or fix the recipe, and run again)",
				movedList(moves), err, distbuild.LockName)
		}
		sets[arch] = files
	}

	// 6. Advisories for the security suite's moves.
	advs, files, err := draftAdvisories(o, all, res, moves, entries)
	written = append(written, files...)
	if err != nil {
		return nil, err
	}
	rep.Advisories = advs
	for _, a := range advs {
		fmt.Fprintf(o.Log, "advisory %s (%s): %d CVEs, severity %s by policy, for review: %s\n", a.ID, a.Source, len(a.CVEs), a.Severity, a.File)
	}
	hook, err := distbuild.AdvisoriesFor(o.Dist, all)
	if err != nil {
		return nil, err
	}
	uiFor := func(arch string) ([]byte, error) {
		if hook == nil {
			return nil, nil
		}
		files := sets[arch]
		infos, err := distbuild.ReadInfos(files)
		if err != nil {
			return nil, err
		}
		return hook(distbuild.RepoPackages(files, infos))
	}
	for _, arch := range o.Arches {
		if _, err := uiFor(arch); err != nil {
			return nil, fmt.Errorf("dist update: %s: %w", arch, err)
		}
	}

	// 7. Publish the new release.
	if o.Publish != "" {
		if err := publishRelease(ctx, o, sets, uiFor); err != nil {
			return nil, err
		}
		rep.Release = o.Version
		fmt.Fprintf(o.Log, "published release %s in %s\n", o.Version, o.Publish)
	}

	// 8. Only now the lock moves.
	if _, err := distbuild.WriteLock(lockPath, newLock); err != nil {
		return nil, err
	}
	ok = true
	fmt.Fprintf(o.Log, "dist update: %d lock moves, %d advisories, %d package files rebuilt\n", len(rep.Moves), len(rep.Advisories), len(rep.Rebuilt))
	return rep, finish(o, rep, start)
}

func finish(o Options, rep *Report, start time.Time) error {
	rep.Seconds = time.Since(start).Seconds()
	if o.ReportFile == "" {
		return nil
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	return fsutil.WriteFileAtomic(o.ReportFile, 0o644, func(f *os.File) error { _, err := f.Write(b); return err })
}

func debArchesOf(arches []string) []string {
	out := arch.Names(arches, func(a arch.Arch) string { return a.RPM }, func(a arch.Arch) string { return a.Debian })
	sort.Strings(out)
	return out
}

// debArchOf is the Debian arch a Nimbus arch imports from (noarch: amd64's "all").
func debArchOf(name string) string {
	if a, ok := arch.ByRPM(name); ok {
		return a.Debian
	}
	return "amd64"
}

// recipeArches are the arches a recipe builds for among the asked ones.
func recipeArches(r *recipe.Recipe, arches []string) []string {
	if len(r.Arches) == 1 && r.Arches[0] == recipe.Noarch {
		return []string{recipe.Noarch}
	}
	if len(r.Arches) == 0 {
		return arches
	}
	var out []string
	for _, a := range arches {
		for _, b := range r.Arches {
			if a == b {
				out = append(out, a)
			}
		}
	}
	return out
}

func trackedSuites(all map[string]*recipe.Recipe, names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if r := all[n]; r != nil && r.Source.Debian != nil {
			for _, s := range r.Source.Debian.TrackedSuites() {
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func countDebian(all map[string]*recipe.Recipe, names []string) int {
	n := 0
	for _, name := range names {
		if r := all[name]; r != nil && r.Source.Debian != nil {
			n++
		}
	}
	return n
}

// resolveSet moves every Debian package of the set to the newest version of its
// tracked suites in lock, and returns the moves and the chosen index entries.
func resolveSet(idx *apt.Index, lock *distbuild.Lock, all map[string]*recipe.Recipe, names, arches []string) ([]distbuild.Move, map[string]*apt.Entry, error) {
	var moves []distbuild.Move
	entries := map[string]*apt.Entry{}
	var problems []error
	seen := map[string]bool{}
	for _, n := range names {
		r := all[n]
		if r == nil {
			return nil, nil, fmt.Errorf("set member %s has no recipe", n)
		}
		if r.Source.Debian == nil {
			continue
		}
		for _, arch := range recipeArches(r, arches) {
			pkg := r.Source.Debian.PackageFor(arch)
			e, m, err := distbuild.ResolveDeb(idx, lock, r, pkg, debArchOf(arch), distbuild.ResolveNewest, nil)
			if err != nil {
				problems = append(problems, fmt.Errorf("recipe %s (%s): %w", n, arch, err))
				continue
			}
			key := e.Name + " " + e.Arch
			if seen[key] {
				continue
			}
			seen[key] = true
			entries[key] = e
			lock.Set(distbuild.LockEntry{Package: e.Name, Arch: e.Arch, Version: e.Version, Suite: e.Suite, SHA256: e.SHA256, Size: e.Size})
			if m != nil {
				moves = append(moves, *m)
			}
		}
	}
	if len(problems) > 0 {
		return nil, nil, errors.Join(problems...)
	}
	sort.Slice(moves, func(i, j int) bool {
		if moves[i].Package != moves[j].Package {
			return moves[i].Package < moves[j].Package
		}
		return moves[i].Arch < moves[j].Arch
	})
	return moves, entries, nil
}

func movedList(moves []distbuild.Move) string {
	var s []string
	for _, m := range moves {
		s = append(s, m.Package+" "+m.From+" → "+m.To)
	}
	return strings.Join(uniq(s), ", ")
}

func uniq(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// SetFiles are the package files of a build for one arch: the arch's own and every
// noarch package (recorded once, under the arch that built it).
func SetFiles(out string, res *distbuild.Result, arch string) []string {
	var files []string
	for _, p := range res.Packages {
		if p.Arch == arch || strings.HasSuffix(p.File, ".noarch.rpm") {
			files = append(files, filepath.Join(out, p.File))
		}
	}
	return uniq(files)
}

// NextVersion is the release version a publication today gets: YEAR.MINOR.YYYYMMDD with
// the latest release's minor (system-release's when nothing is published) in the same
// year, the minor after it when that version would not be newer, and minor 0 in a new
// year.
func NextVersion(releases string, sr *recipe.Recipe, s *sign.Signer, now time.Time) (string, error) {
	base := ""
	if sr != nil {
		base = sr.Version
	}
	x, err := publish.LoadIndex(releases, s)
	if err != nil {
		return "", err
	}
	if l := x.Newest(); l != nil { // recalled or not: versions only grow past it
		base = l.Version
	}
	date := now.UTC().Year()*10000 + int(now.UTC().Month())*100 + now.UTC().Day()
	v := release.Version{Year: now.UTC().Year(), Date: date}
	if b, err := release.ParseVersion(base); err == nil && b.Year == v.Year {
		v.Minor = b.Minor
		if v.Compare(b) <= 0 {
			v.Minor = b.Minor + 1
		}
	}
	return v.String(), nil
}

// setReleaseVersion writes the release version into the system-release recipe and its
// files (every occurrence of the old version), returning the function that puts the
// old bytes back.
func setReleaseVersion(recipesDir string, sr *recipe.Recipe, version string) (func(), error) {
	if sr == nil {
		return nil, errors.New("dist update --publish: no system-release recipe (it carries the release version)")
	}
	old := sr.Version
	saved := map[string][]byte{}
	restore := func() {
		for p, b := range saved {
			_ = os.WriteFile(p, b, 0o644)
		}
	}
	if old == version {
		return func() {}, nil
	}
	paths := []string{sr.Path}
	_ = filepath.WalkDir(filepath.Join(recipesDir, sr.Name), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, p)
		}
		return nil
	})
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			restore()
			return nil, err
		}
		nb := []byte(strings.ReplaceAll(string(b), old, version))
		if string(nb) == string(b) {
			continue
		}
		saved[p] = b
		if err := os.WriteFile(p, nb, 0o644); err != nil {
			restore()
			return nil, err
		}
	}
	return restore, nil
}

// publishRelease stages the set's files per arch (hard links) and publishes them.
func publishRelease(ctx context.Context, o Options, sets map[string][]string, ui func(string) ([]byte, error)) error {
	if err := os.MkdirAll(o.Publish, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(o.Build.OutDir, ".dist-update-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	for arch, files := range sets {
		dir := filepath.Join(stage, arch)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			if err := os.Link(f, filepath.Join(dir, filepath.Base(f))); err != nil {
				if err := fsutil.CopyFile(filepath.Join(dir, filepath.Base(f)), f); err != nil {
					return err
				}
			}
		}
	}
	_, err = publish.Publish(ctx, publish.Options{Version: o.Version, From: stage, To: o.Publish, Signer: o.ReleaseSigner,
		Time: o.Now, Updateinfo: ui, Notes: "nimbus dist update"})
	if err != nil {
		return fmt.Errorf("dist update: publishing: %w (dist/%s is unchanged)", err, distbuild.LockName)
	}
	return nil
}
