package distupdate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/advisory"
	"github.com/nimbus-linux/nimbus/internal/distbuild"
	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// draftAdvisories drafts one advisory per Debian source package whose binaries moved
// to a security suite, with the existing drafter (the CVE ids of the changelog entries
// between the two versions) and the severity policy, and writes them to
// DIST/advisories. It returns the reports and the files written.
func draftAdvisories(o Options, all map[string]*recipe.Recipe, res *distbuild.Result, moves []distbuild.Move, entries map[string]*apt.Entry) ([]AdvisoryReport, []string, error) {
	type group struct {
		source, from, to string
		recipes          map[string]bool
		entries          []*apt.Entry
	}
	groups := map[string]*group{}
	var order []string
	for _, m := range moves {
		if !IsSecuritySuite(m.Suite) || m.From == "" {
			continue
		}
		e := entries[m.Package+" "+m.Arch]
		src := sourceOf(e)
		g := groups[src]
		if g == nil {
			g = &group{source: src, from: m.From, to: m.To, recipes: map[string]bool{}}
			groups[src] = g
			order = append(order, src)
		}
		g.recipes[m.Recipe] = true
		g.entries = append(g.entries, e)
	}
	sort.Strings(order)
	dir := filepath.Join(o.Dist, "advisories")
	existing, err := distbuild.AdvisoryIDs(dir)
	if err != nil {
		return nil, nil, err
	}
	var reps []AdvisoryReport
	var written []string
	fetch := &apt.Fetcher{CacheDir: o.Build.DebCache}
	for _, src := range order {
		g := groups[src]
		log, err := changelogOf(fetch, g.entries)
		if err != nil {
			return nil, written, fmt.Errorf("dist update: advisory for %s %s → %s: %w", src, g.from, g.to, err)
		}
		entries, err := advisory.ParseChangelog(log)
		if err != nil {
			return nil, written, fmt.Errorf("dist update: advisory for %s: changelog: %w", src, err)
		}
		pkgs, err := nevras(o.Build.OutDir, res, g.recipes)
		if err != nil {
			return nil, written, err
		}
		id := advisory.NextID(existing, o.Now.UTC().Year())
		existing = append(existing, id)
		a, y, err := advisory.Draft(advisory.DraftInput{ID: id, Source: src, OldVersion: g.from, NewVersion: g.to, Changelog: entries,
			Packages: pkgs, PolicySeverity: true, Tool: "nimbus dist update"})
		if err != nil {
			return nil, written, fmt.Errorf("dist update: advisory for %s: %w", src, err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, written, err
		}
		file := filepath.Join(dir, id+".yaml")
		if _, err := os.Stat(file); err == nil {
			return nil, written, fmt.Errorf("dist update: %s exists already", file)
		}
		if err := os.WriteFile(file, y, 0o644); err != nil {
			return nil, written, err
		}
		written = append(written, file)
		reps = append(reps, AdvisoryReport{ID: id, File: file, Source: src, Title: a.Title, Severity: a.Severity, CVEs: a.CVEs()})
	}
	return reps, written, nil
}

// sourceOf is the Debian source package of an index entry ("Source: nginx (1.2-3)"
// or, without a Source field, the package itself).
func sourceOf(e *apt.Entry) string {
	if e == nil {
		return ""
	}
	if s := strings.Fields(e.Stanza.Get("Source")); len(s) > 0 {
		return s[0]
	}
	return e.Name
}

// changelogOf reads changelog.Debian.gz from the first of the .debs that ships one
// (a package whose doc directory links to another package's has none of its own).
func changelogOf(f *apt.Fetcher, entries []*apt.Entry) ([]byte, error) {
	var problems []string
	for _, e := range entries {
		data, err := apt.ReadVerified(f.CachePath(e), e)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		p, err := deb.Read(bytes.NewReader(data), deb.Limits{})
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", e.Name, err))
			continue
		}
		log, err := p.Changelog()
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", e.Name, err))
			continue
		}
		return log, nil
	}
	return nil, fmt.Errorf("no changelog in the new .debs: %s", strings.Join(problems, "; "))
}

// nevras lists the built packages of recipes per arch, as an advisory names them.
func nevras(out string, res *distbuild.Result, recipes map[string]bool) (map[string][]string, error) {
	var files []string
	for _, p := range res.Packages {
		if recipes[p.Recipe] {
			files = append(files, filepath.Join(out, p.File))
		}
	}
	files = uniq(files)
	infos, err := distbuild.ReadInfos(files)
	if err != nil {
		return nil, err
	}
	pkgs := map[string][]string{}
	for _, in := range infos {
		evr := in.Version + "-" + in.Release
		if in.Epoch != nil && *in.Epoch != 0 {
			evr = fmt.Sprintf("%d:%s", *in.Epoch, evr)
		}
		pkgs[in.Arch] = append(pkgs[in.Arch], in.Name+"-"+evr+"."+in.Arch)
	}
	for a := range pkgs {
		pkgs[a] = uniq(pkgs[a])
	}
	return pkgs, nil
}
