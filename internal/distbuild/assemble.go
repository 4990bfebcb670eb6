package distbuild

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/elfdeps"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

// node is one file of a package being assembled, whatever source it came from.
type node struct {
	Path   string
	Mode   uint32 // st_mode: type and permission bits
	User   string
	Group  string
	Link   string // symlink target
	Data   []byte // regular file content
	Config bool   // %config(noreplace)
}

func (n *node) isDir() bool     { return n.Mode&0o170000 == 0o040000 }
func (n *node) isRegular() bool { return n.Mode&0o170000 == 0o100000 }
func (n *node) isSymlink() bool { return n.Mode&0o170000 == 0o120000 }

const (
	modeDir     = 0o040000
	modeRegular = 0o100000
	modeSymlink = 0o120000
)

// deps are the dependency lists of a package before overrides, as dep.Parse strings.
type deps struct {
	lists map[dep.Kind][]string
	// pre are Requires that must be installed before the package's %pre runs
	// (Requires(pre), from Debian's Pre-Depends).
	pre []string
}

func newDeps() *deps { return &deps{lists: map[dep.Kind][]string{}} }

func (d *deps) add(k dep.Kind, s ...string) { d.lists[k] = append(d.lists[k], s...) }

// meta is the package metadata a source gives.
type meta struct {
	Name, Summary, Description, License, URL string
	EVR                                      recipe.EVR
	Arch                                     string
	Scripts                                  map[string]pkgdesc.Script
	FileTriggers                             []pkgdesc.FileTrigger // of the main package
}

// Output is one package to write: the description pkgdesc.Build turns into the rpm
// writer's input, the file system its files come from, and the Requires(pre) list
// (pkgdesc has no syntax for dependency qualifiers; Build marks them in the header).
type Output struct {
	Desc        *pkgdesc.Package
	FS          fs.FS
	PreRequires []string
}

// assemble applies a recipe's overrides to what a source produced and splits it into
// the main package and the subpackages. Everything is sorted, so the result does not
// depend on map order or on the order a tarball listed its files in.
func assemble(r *recipe.Recipe, m meta, nodes []*node, d *deps, policyDrop, policyKeep []string) ([]*Output, error) {
	o := r.Overrides
	byPath := map[string]*node{}
	for _, n := range nodes {
		byPath[n.Path] = n
	}
	keep := append(append([]string(nil), policyKeep...), o.Keep...)
	for p := range byPath {
		if matchAny(append(append([]string(nil), policyDrop...), o.Drop...), p) && !matchAny(keep, p) {
			delete(byPath, p)
		}
	}
	// Directories left empty by the drops are dropped too.
	used := map[string]bool{}
	for p, n := range byPath {
		if !n.isDir() {
			for dir := path.Dir(p); dir != "/"; dir = path.Dir(dir) {
				used[dir] = true
			}
		}
	}
	for p, n := range byPath {
		if n.isDir() && !used[p] && matchAny(policyDrop, p+"/x") {
			delete(byPath, p)
		}
	}
	for _, c := range o.Config {
		n, ok := byPath[c]
		if !ok {
			return nil, fmt.Errorf("overrides.config: %s is not a file of the package", c)
		}
		n.Config = true
	}
	if len(o.Units) > 0 {
		var b strings.Builder
		for _, u := range o.Units {
			fmt.Fprintf(&b, "enable %s\n", u)
		}
		p := "/usr/lib/systemd/system-preset/50-" + r.Name + ".preset"
		byPath[p] = &node{Path: p, Mode: modeRegular | 0o644, Data: []byte(b.String())}
	}
	scripts := map[string]pkgdesc.Script{}
	for k, v := range m.Scripts {
		scripts[k] = v
	}
	if s := usersScript(o.Users, o.Groups); s != "" {
		pre := scripts["pre"]
		pre.Body = s + pre.Body
		scripts["pre"] = pre
		d.pre = append(d.pre, "setup")
		sp := "/usr/lib/sysusers.d/nimbus-" + r.Name + ".conf"
		byPath[sp] = &node{Path: sp, Mode: modeRegular | 0o644, User: "root", Group: "root", Data: []byte(sysusersConf(o.Users, o.Groups))}
	}
	for k, v := range o.Scripts {
		if cur, ok := scripts[k]; ok && len(cur.Interpreter) == 0 && len(v.Interpreter) == 0 {
			v.Body = cur.Body + "\n" + v.Body
		}
		scripts[k] = v
	}

	// Split off subpackages: a file goes to the first subpackage whose paths match.
	outs := []*Output{}
	groups := make([]map[string]*node, len(r.Subpackages)+1)
	for i := range groups {
		groups[i] = map[string]*node{}
	}
	for p, n := range byPath {
		g := 0
		for i, s := range r.Subpackages {
			if matchAny(s.Paths, p) {
				g = i + 1
				break
			}
		}
		groups[g][p] = n
	}
	for i := range groups {
		name, summary := m.Name, m.Summary
		sd := d
		var extraFiles []pkgdesc.File
		if i == 0 {
			extraFiles = o.Files
		} else {
			s := r.Subpackages[i-1]
			name, summary = s.Name, s.Summary
			sd = newDeps()
			sd.add(dep.Requires, s.Requires...)
			sd.add(dep.Requires, fmt.Sprintf("%s = %s", m.Name, m.EVR))
			sd.add(dep.Provides, s.Provides...)
		}
		out, err := makeOutput(r, m, name, summary, groups[i], sd, extraFiles, i == 0, scripts)
		if err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	return outs, nil
}

func matchAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if recipe.MatchGlob(pat, p) {
			return true
		}
	}
	return false
}

func makeOutput(r *recipe.Recipe, m meta, name, summary string, files map[string]*node, d *deps, extra []pkgdesc.File, main bool, scripts map[string]pkgdesc.Script) (*Output, error) {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	mfs := fstest.MapFS{}
	desc := &pkgdesc.Package{
		Name: name, Epoch: m.EVR.Epoch, Version: m.EVR.Version, Release: m.EVR.Release, Arch: m.Arch,
		Summary: summary, Description: m.Description, License: m.License, URL: m.URL,
		Vendor: "Nimbus Linux", Packager: "Nimbus Linux", BuildHost: "nimbus",
	}
	if desc.Summary == "" {
		desc.Summary = name
	}
	if desc.Description == "" {
		desc.Description = desc.Summary
	}
	auto := newDeps()
	for _, p := range paths {
		n := files[p]
		f := pkgdesc.File{Path: p, Owner: n.User, Group: n.Group}
		if f.Owner == "root" {
			f.Owner = ""
		}
		if f.Group == "root" {
			f.Group = ""
		}
		switch {
		case n.isDir():
			f.Dir = true
			f.Mode = fmt.Sprintf("%04o", n.Mode&0o7777)
		case n.isSymlink():
			f.Symlink = n.Link
		case n.isRegular():
			src := "c" + p
			mfs[src] = &fstest.MapFile{Data: n.Data, Mode: 0o644}
			f.Src = src
			f.Mode = fmt.Sprintf("%04o", n.Mode&0o7777)
			if n.Config {
				f.Config = "noreplace"
			}
			// A noarch package's ELF files are data (golang-1.19-src's test binaries,
			// firmware of another machine): as with Debian's "all" packages, which
			// dpkg-shlibdeps never sees, they give no sonames to require or provide;
			// golang-1.19-src required x86_64's libc.so.6(GLIBC_2.2.5)(64bit), which no
			// aarch64 package provides, so the aarch64 set did not close.
			if !r.Overrides.NoAutoDeps && m.Arch != "noarch" && len(n.Data) > 4 && elfdeps.IsELF(n.Data) && !strings.HasSuffix(p, ".ko") {
				ed, err := elfdeps.Analyze(bytes.NewReader(n.Data), p, n.Mode&0o111 != 0)
				if err == nil {
					auto.add(dep.Provides, ed.Provides...)
					auto.add(dep.Requires, ed.Requires...)
				}
			}
		default:
			return nil, fmt.Errorf("%s: unsupported file type %o", p, n.Mode)
		}
		desc.Files = append(desc.Files, f)
	}
	if main {
		byPath := map[string]int{}
		for i, f := range desc.Files {
			byPath[f.Path] = i
		}
		for _, e := range extra {
			if i, ok := byPath[e.Path]; ok && e.Src == "" && e.Content == "" && e.Symlink == "" && !e.Dir {
				// attribute override of a file the source gave
				f := &desc.Files[i]
				if e.Mode != "" {
					f.Mode = e.Mode
				}
				if e.Owner != "" {
					f.Owner = e.Owner
				}
				if e.Group != "" {
					f.Group = e.Group
				}
				if e.Config != "" {
					f.Config = e.Config
				}
				f.Ghost, f.MissingOK, f.Caps = e.Ghost || f.Ghost, e.MissingOK || f.MissingOK, e.Caps
				continue
			}
			if i, ok := byPath[e.Path]; ok {
				desc.Files = append(desc.Files[:i], desc.Files[i+1:]...)
				for p, j := range byPath {
					if j > i {
						byPath[p] = j - 1
					}
				}
			}
			if e.Src != "" {
				// recipe-folder files are served from the recipe's own FS by the caller
				return nil, fmt.Errorf("overrides.files %s: src is only allowed in files recipes", e.Path)
			}
			desc.Files = append(desc.Files, e)
		}
		desc.Scripts = scripts
		desc.FileTriggers = m.FileTriggers
	}
	// Dependencies: source-given ones, then ELF ones, then the recipe's edits.
	o := r.Overrides
	edits := map[dep.Kind]recipe.DepEdit{dep.Requires: o.Requires, dep.Provides: o.Provides, dep.Conflicts: o.Conflicts, dep.Obsoletes: o.Obsoletes, dep.Recommends: o.Recommends}
	provided := map[string]bool{name: true}
	for _, s := range append(d.lists[dep.Provides], auto.lists[dep.Provides]...) {
		provided[depName(s)] = true
	}
	lists := map[dep.Kind]*[]string{
		dep.Requires: &desc.Requires, dep.Provides: &desc.Provides, dep.Conflicts: &desc.Conflicts,
		dep.Obsoletes: &desc.Obsoletes, dep.Recommends: &desc.Recommends, dep.Suggests: &desc.Suggests,
	}
	var pre []string
	for k, list := range lists {
		all := append(append([]string(nil), d.lists[k]...), auto.lists[k]...)
		e := edits[k]
		if main {
			all = append(all, e.Add...)
		}
		seen := map[string]bool{}
		for _, s := range all {
			s = editDep(s, e)
			if s == "" || seen[s] {
				continue
			}
			if (k == dep.Conflicts || k == dep.Obsoletes) && provided[depName(s)] {
				continue // a package never conflicts with what it provides itself
			}
			if k == dep.Requires && provided[depName(s)] && !strings.HasPrefix(s, "(") && !strings.Contains(s, " ") {
				continue // satisfied by the package itself (its own sonames)
			}
			seen[s] = true
			*list = append(*list, s)
		}
		sort.Strings(*list)
	}
	for _, s := range d.pre {
		if s = editDep(s, edits[dep.Requires]); s != "" {
			pre = append(pre, s)
			desc.Requires = appendUnique(desc.Requires, s)
		}
	}
	sort.Strings(desc.Requires)
	if errs := desc.Validate(); len(errs) > 0 {
		return nil, fmt.Errorf("package %s: %w", name, errs)
	}
	return &Output{Desc: desc, FS: mfs, PreRequires: pre}, nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// depName is the name of a simple dependency string ("" for rich ones).
func depName(s string) string {
	if strings.HasPrefix(s, "(") {
		return ""
	}
	n, _, _ := strings.Cut(s, " ")
	return n
}

// editDep applies a recipe's drop and rename edits to one dependency string, inside
// rich dependencies too: a dropped alternative leaves the others; a rich dependency
// all of whose alternatives are dropped disappears.
func editDep(s string, e recipe.DepEdit) string {
	if !strings.HasPrefix(s, "(") {
		n, rest, _ := strings.Cut(s, " ")
		for _, d := range e.Drop {
			if d == n {
				return ""
			}
		}
		if to, ok := e.Rename[n]; ok {
			n = to
		}
		if rest != "" {
			return n + " " + rest
		}
		return n
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	var alts []string
	for _, a := range strings.Split(inner, " or ") {
		if a = editDep(strings.TrimSpace(a), e); a != "" {
			alts = append(alts, a)
		}
	}
	switch len(alts) {
	case 0:
		return ""
	case 1:
		return alts[0]
	}
	return "(" + strings.Join(alts, " or ") + ")"
}
