package distbuild

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/arch"
	"github.com/nimbus-linux/nimbus/internal/lazy"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// rpmArchOfDeb is RPM's name of a Debian architecture ("all" is noarch).
func rpmArchOfDeb(deb string) (string, bool) {
	if deb == "all" {
		return recipe.Noarch, true
	}
	a, ok := arch.ByDebian(deb)
	return a.RPM, ok
}

// debArchOfRPM is Debian's name of a Nimbus arch ("" for noarch).
func debArchOfRPM(rpm string) string {
	a, _ := arch.ByRPM(rpm)
	return a.Debian
}

// convertDeb turns a parsed .deb into packages under the global policy and the recipe's
// overrides (see policy.go and docs/distribution.md).
func convertDeb(orig *recipe.Recipe, p *deb.Package) ([]*Output, error) {
	// The policy adds users and groups to the overrides: work on a copy, as the
	// recipe is shared by the jobs of every arch.
	rc := *orig
	r := &rc
	r.Overrides.Users = append([]recipe.User(nil), orig.Overrides.Users...)
	r.Overrides.Groups = append([]recipe.Group(nil), orig.Overrides.Groups...)
	c := p.Control
	debVer := c.Get("Version")
	evr, err := recipe.MapDebianVersion(debVer)
	if err != nil {
		return nil, err
	}
	if r.Release != "" {
		evr.Release = r.Release
	}
	if r.Epoch != nil {
		evr.Epoch = r.Epoch
	}
	arch, ok := rpmArchOfDeb(c.Get("Architecture"))
	if !ok {
		return nil, fmt.Errorf("architecture %q is not one Nimbus builds", c.Get("Architecture"))
	}
	summary, desc, _ := strings.Cut(c.Get("Description"), "\n")
	m := meta{
		Name: r.Name, Summary: firstNonEmpty(r.Summary, summary), Description: firstNonEmpty(r.Description, debDescription(desc)),
		License: firstNonEmpty(r.License, licenseOf(p, c.Get("Package"))), URL: firstNonEmpty(r.URL, c.Get("Homepage")),
		EVR: evr, Arch: arch, Scripts: map[string]pkgdesc.Script{},
	}
	d := newDeps()
	if err := convertRelations(c, evr, d); err != nil {
		return nil, err
	}
	if r.Name != c.Get("Package") {
		d.add(dep.Provides, fmt.Sprintf("%s = %s", c.Get("Package"), evr))
	}
	d.add(dep.Provides, extraProvides.Get()[c.Get("Package")]...)
	d.pre = append(d.pre, extraPreRequires.Get()[c.Get("Package")]...)
	for _, al := range alNames.Get()[c.Get("Package")] {
		if al != r.Name {
			d.add(dep.Provides, fmt.Sprintf("%s = %s", al, evr))
		}
	}

	conffiles := map[string]bool{}
	for _, l := range strings.Split(string(p.ControlFiles["conffiles"]), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			conffiles[strings.TrimPrefix(l, "remove-on-upgrade ")] = true
		}
	}
	var nodes []*node
	seen := map[string]bool{}
	for _, e := range p.Files {
		pth, moved := mergedPath(e.Path)
		if e.IsDir() && (systemDirs.Get()[pth] || mergedDirs.Get()[e.Path] != "") {
			continue
		}
		if seen[pth] {
			if moved {
				continue // the /usr copy wins
			}
			for i, n := range nodes {
				if n.Path == pth {
					nodes = append(nodes[:i], nodes[i+1:]...)
					break
				}
			}
		}
		seen[pth] = true
		n := &node{Path: pth, Mode: e.Mode, User: owner(e.Uname, e.UID), Group: owner(e.Gname, e.GID), Link: e.Link, Data: e.Data}
		n.Config = conffiles[e.Path]
		nodes = append(nodes, n)
		if moved && !e.IsDir() && (strings.HasPrefix(e.Path, "/bin/") || strings.HasPrefix(e.Path, "/sbin/")) {
			// Requires on the old path (/bin/sh, /sbin/ldconfig) resolve by this provide,
			// the way Fedora's bash provides /bin/sh.
			d.add(dep.Provides, e.Path)
		}
	}
	nodes = append(nodes, alternatives(p.ControlFiles["postinst"], seen)...)
	if hook, ok := packageHooks.Get()[c.Get("Package")]; ok {
		nodes = hook(nodes)
	}
	accountsFor(r, nodes)
	// Debian's ldconfig trigger: the file triggers of the package owning ldconfig
	// (packageFileTriggers), not a scriptlet in each library package.
	m.FileTriggers = packageFileTriggers.Get()[c.Get("Package")]
	var drop []string
	drop = append(drop, droppedDocs...)
	if r.Source.Debian.Kernel {
		kn, err := kernelPolicy(r, c, nodes, d)
		if err != nil {
			return nil, err
		}
		nodes = kn
	}
	return assemble(r, m, nodes, d, drop, keptDocs)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// debDescription undoes deb822 description formatting: " ." lines are blank lines.
func debDescription(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "." {
			l = ""
		}
		lines = append(lines, l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func owner(name string, id int) string {
	if name != "" {
		return name
	}
	if id == 0 {
		return "root"
	}
	return fmt.Sprint(id)
}

// licenseOf reads the licence of the files of a package from its machine-readable
// copyright file (the "Files: *" paragraph); older free-form files give a pointer.
func licenseOf(p *deb.Package, name string) string {
	fallback := "Distributable (see /usr/share/doc/" + name + "/copyright)"
	for _, e := range p.Files {
		if e.Path != "/usr/share/doc/"+name+"/copyright" {
			continue
		}
		if !bytes.HasPrefix(e.Data, []byte("Format:")) {
			return fallback
		}
		var lic string
		_ = deb.ParseStanzas(e.Data, func(s deb.Stanza) error {
			if lic == "" && strings.TrimSpace(s.Get("Files")) == "*" {
				lic, _, _ = strings.Cut(s.Get("License"), "\n")
			}
			return nil
		})
		if lic = strings.TrimSpace(lic); lic != "" {
			return lic
		}
	}
	return fallback
}

// convertRelations maps Debian's relation fields to RPM dependencies:
// Depends → Requires (alternatives as a rich "(a or b)"), Pre-Depends → Requires(pre),
// Recommends/Suggests → the weak kinds, Provides (versioned or virtual), Conflicts and
// Breaks → Conflicts, and a package named in both Replaces and Breaks → Obsoletes with
// the Breaks range (the takeover case). Relations on droppedDeps go; a group all of
// whose alternatives are dropped goes entirely.
func convertRelations(c deb.Stanza, evr recipe.EVR, d *deps) error {
	conv := func(field string, kind dep.Kind, pre bool) error {
		groups, err := parseRelations(field, c.Get(field))
		if err != nil {
			return err
		}
		for _, alts := range groups {
			var kept []relation
			for _, a := range alts {
				if !droppedDeps.Get()[a.Name] {
					kept = append(kept, a)
				}
			}
			if len(kept) == 0 {
				continue
			}
			if kind != dep.Requires && kind != dep.Recommends && kind != dep.Suggests && len(kept) > 1 {
				return fmt.Errorf("%s: alternatives are only allowed in dependencies", field)
			}
			s := richOr(kept)
			if kind == dep.Provides && kept[0].Op == "" {
				// Debian: an unversioned Provides satisfies no versioned relation.
				// rpm: it satisfies (and conflicts with) every version. Giving it
				// the package's own EVR keeps versioned Conflicts and Breaks on
				// the old real package of that name (perl-base's
				// "perl-modules (<< 5.36.0~)") from hitting today's provider.
				s = fmt.Sprintf("%s = %s", kept[0].Name, evr)
			}
			if pre {
				d.pre = append(d.pre, s)
			} else {
				d.add(kind, s)
			}
		}
		return nil
	}
	for _, f := range []struct {
		field string
		kind  dep.Kind
		pre   bool
	}{
		{"Depends", dep.Requires, false}, {"Pre-Depends", dep.Requires, true},
		{"Recommends", dep.Recommends, false}, {"Suggests", dep.Suggests, false},
		{"Provides", dep.Provides, false}, {"Conflicts", dep.Conflicts, false}, {"Breaks", dep.Conflicts, false},
	} {
		if err := conv(f.field, f.kind, f.pre); err != nil {
			return err
		}
	}
	breaks, err := parseRelations("Breaks", c.Get("Breaks"))
	if err != nil {
		return err
	}
	replaces, err := parseRelations("Replaces", c.Get("Replaces"))
	if err != nil {
		return err
	}
	replaced := map[string]bool{}
	for _, g := range replaces {
		for _, a := range g {
			replaced[a.Name] = true
		}
	}
	for _, g := range breaks {
		for _, a := range g {
			if replaced[a.Name] && !droppedDeps.Get()[a.Name] {
				d.add(dep.Obsoletes, a.String())
			}
		}
	}
	return nil
}

// alternativesRE matches `update-alternatives --install LINK NAME PATH PRIORITY` and
// its `--slave LINK NAME PATH` parts in a maintainer script.
var (
	altInstallRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`update-alternatives\s+(?:--quiet\s+)?--install\s+(/\S+)\s+(\S+)\s+(/\S+)\s+(\S+)((?:\s+--slave\s+/\S+\s+\S+\s+/\S+)*)`)
	}}
	altSlaveRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`--slave\s+(/\S+)\s+(\S+)\s+(/\S+)`) }}
)

// alternatives resolves Debian's alternatives to plain symlinks: each link a postinst
// registers (with its slaves) points straight at the package's own target. Shell
// variables with static values and simple for loops are expanded first (expandShell);
// calls still depending on run-time values are skipped; a link a package already ships
// is left alone.
func alternatives(postinst []byte, have map[string]bool) []*node {
	script := expandShell(strings.ReplaceAll(string(postinst), "\\\n", " "))
	var out []*node
	links := map[string]string{}
	for _, m := range altInstallRE.Get().FindAllStringSubmatch(script, -1) {
		if strings.Contains(m[1]+m[3], "$") {
			continue
		}
		links[m[1]] = m[3]
		for _, s := range altSlaveRE.Get().FindAllStringSubmatch(m[5], -1) {
			if !strings.Contains(s[1]+s[3], "$") {
				links[s[1]] = s[3]
			}
		}
	}
	keys := make([]string, 0, len(links))
	for k := range links {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, link := range keys {
		target := links[link]
		lp, _ := mergedPath(link)
		tp, _ := mergedPath(target)
		if have[lp] || !have[tp] {
			continue // target not shipped (e.g. a slave man page we dropped) or link exists
		}
		rel := relLink(path.Dir(lp), tp)
		out = append(out, &node{Path: lp, Mode: modeSymlink | 0o777, Link: rel, User: "root", Group: "root"})
		have[lp] = true
	}
	return out
}

// relLink is the relative symlink target from dir to target, both absolute.
func relLink(dir, target string) string {
	a := strings.Split(strings.Trim(dir, "/"), "/")
	b := strings.Split(strings.Trim(target, "/"), "/")
	i := 0
	for i < len(a) && i < len(b)-1 && a[i] == b[i] {
		i++
	}
	up := strings.Repeat("../", len(a)-i)
	return up + strings.Join(b[i:], "/")
}
