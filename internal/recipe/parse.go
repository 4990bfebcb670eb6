package recipe

import (
	"bytes"
	"fmt"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"gopkg.in/yaml.v3"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/pkgdesc"
)

// Problems is every problem found in a recipe, each "FILE: field.path: what".
type Problems = pkgdesc.Problems

// Parse decodes and validates a recipe. name is the file name used in messages.
func Parse(name string, data []byte) (*Recipe, error) {
	var r Recipe
	if errs := decodeStrict(name, data, &r); len(errs) > 0 {
		return nil, errs
	}
	r.Path = name
	if errs := r.Validate(); len(errs) > 0 {
		return nil, prefix(name, errs)
	}
	return &r, nil
}

// ParseSet decodes and validates a package set.
func ParseSet(name string, data []byte) (*Set, error) {
	var s Set
	if errs := decodeStrict(name, data, &s); len(errs) > 0 {
		return nil, errs
	}
	s.Path = name
	var errs Problems
	bad := func(field, format string, a ...any) { errs = append(errs, field+": "+fmt.Sprintf(format, a...)) }
	if !validName(s.Name) {
		bad("name", "%q is not a package-set name", s.Name)
	}
	if len(s.Packages) == 0 {
		bad("packages", "required")
	}
	checkArches(s.Arches, bad)
	seen := map[string]bool{}
	for field, list := range map[string][]string{"packages": s.Packages, "deps": s.Deps, "includes": s.Includes} {
		for i, p := range list {
			if !validName(p) {
				bad(fmt.Sprintf("%s[%d]", field, i), "%q is not a package name", p)
			}
			if field != "includes" && seen[p] {
				bad(fmt.Sprintf("%s[%d]", field, i), "%q listed twice", p)
			}
			seen[p] = true
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, prefix(name, errs)
	}
	return &s, nil
}

func decodeStrict(name string, data []byte, v any) Problems {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Problems{fmt.Sprintf("%s: %v", name, err)}
	}
	if len(root.Content) == 0 {
		return Problems{name + ": empty document"}
	}
	var errs Problems
	checkKeys(&root, reflect.TypeOf(v), "", func(field, format string, a ...any) {
		errs = append(errs, name+": "+field+": "+fmt.Sprintf(format, a...))
	})
	if len(errs) > 0 {
		return errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return Problems{fmt.Sprintf("%s: %v", name, err)}
	}
	return nil
}

func prefix(name string, errs Problems) Problems {
	out := make(Problems, len(errs))
	for i, e := range errs {
		out[i] = name + ": " + e
	}
	return out
}

var nameRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._+-]*$`) }}

func validName(s string) bool { return nameRE.Get().MatchString(s) }

var scriptNames = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"pretrans": true, "pre": true, "post": true, "preun": true, "postun": true, "posttrans": true}
}}

func checkArches(arches []string, bad func(field, format string, a ...any)) {
	for i, a := range arches {
		switch a {
		case X86_64, Aarch64:
		case Noarch:
			if len(arches) > 1 {
				bad(fmt.Sprintf("arches[%d]", i), "noarch cannot be combined with other arches")
			}
		default:
			bad(fmt.Sprintf("arches[%d]", i), "%q (want x86_64, aarch64 or noarch)", a)
		}
	}
}

// Validate checks everything that can be checked without files and returns every problem.
func (r *Recipe) Validate() Problems {
	var errs Problems
	bad := func(field, format string, a ...any) { errs = append(errs, field+": "+fmt.Sprintf(format, a...)) }
	if !validName(r.Name) {
		bad("name", "%q: required, letters, digits and ._+- only", r.Name)
	}
	for field, v := range map[string]string{"version": r.Version, "release": r.Release} {
		if strings.ContainsAny(v, "- \t:/") {
			bad(field, "%q may not contain '-', ':', '/' or spaces", v)
		}
	}
	if strings.Contains(r.Summary, "\n") {
		bad("summary", "must be one line")
	}
	checkArches(r.Arches, bad)

	kinds := 0
	for _, set := range []bool{r.Source.Go != nil, r.Source.Debian != nil, r.Source.Files != nil} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		bad("source", "required: one of go, debian or files")
	case kinds > 1:
		bad("source", "only one of go, debian and files may be set")
	}
	if r.Source.Kind() == "go" || r.Source.Kind() == "files" {
		if r.Version == "" {
			bad("version", "required for %s recipes", r.Source.Kind())
		}
		if r.Release == "" {
			bad("release", "required for %s recipes", r.Source.Kind())
		}
		if r.Summary == "" {
			bad("summary", "required for %s recipes", r.Source.Kind())
		}
		if r.License == "" {
			bad("license", "required for %s recipes", r.Source.Kind())
		}
	}
	if g := r.Source.Go; g != nil {
		if !strings.HasPrefix(g.Package, "./") || strings.Contains(g.Package, "..") {
			bad("source.go.package", "%q must be a ./relative package of this repository", g.Package)
		}
		if g.Binary != "" && !cleanAbs(g.Binary) {
			bad("source.go.binary", "%q must be an absolute, clean path", g.Binary)
		}
		for i, l := range g.Links {
			if !cleanAbs(l) {
				bad(fmt.Sprintf("source.go.links[%d]", i), "%q must be an absolute, clean path", l)
			}
		}
	}
	if d := r.Source.Debian; d != nil {
		if !validName(d.Package) {
			bad("source.debian.package", "%q: required, a Debian package name", d.Package)
		}
		if d.Version != "" || len(d.Versions) > 0 {
			bad("source.debian.version", "exact versions live in dist/debian.lock, which `nimbus build` writes: remove the pin, or keep a version on purpose with hold: {version: ..., reason: ...}")
		}
		if h := d.Hold; h != nil {
			if _, err := MapDebianVersion(h.Version); err != nil {
				bad("source.debian.hold.version", "required, an exact Debian version: %v", err)
			}
			if strings.TrimSpace(h.Reason) == "" {
				bad("source.debian.hold.reason", "required: why the package is held (it stops security updates)")
			}
		}
		seenSuite := map[string]bool{}
		for i, su := range d.Suites {
			if !validName(su) || seenSuite[su] {
				bad(fmt.Sprintf("source.debian.suites[%d]", i), "%q: a suite codename (bookworm-security), each once", su)
			}
			seenSuite[su] = true
		}
		for a, p := range d.Packages {
			if a != X86_64 && a != Aarch64 {
				bad("source.debian.packages."+a, "unknown arch (want x86_64 or aarch64)")
			}
			if !validName(p) {
				bad("source.debian.packages."+a, "%q is not a Debian package name", p)
			}
		}
		if r.Version != "" {
			bad("version", "debian recipes take Debian's version (from dist/debian.lock, or source.debian.hold)")
		}
	}
	if f := r.Source.Files; f != nil {
		if f.Root == "" && len(f.Files) == 0 {
			bad("source.files", "needs root or files")
		}
		if f.Root != "" && !cleanRel(f.Root) {
			bad("source.files.root", "%q must be relative and inside the recipe's folder", f.Root)
		}
		checkFiles("source.files.files", f.Files, bad)
	}
	r.Overrides.validate(bad)
	names := map[string]bool{r.Name: true}
	for i, s := range r.Subpackages {
		field := fmt.Sprintf("subpackages[%d]", i)
		if !validName(s.Name) {
			bad(field+".name", "%q is not a package name", s.Name)
		} else if names[s.Name] {
			bad(field+".name", "%q used twice", s.Name)
		}
		names[s.Name] = true
		if s.Summary == "" {
			bad(field+".summary", "required")
		}
		if len(s.Paths) == 0 {
			bad(field+".paths", "required: the files moved to the subpackage")
		}
		for j, p := range s.Paths {
			if !validGlob(p) {
				bad(fmt.Sprintf("%s.paths[%d]", field, j), "%q is not an absolute glob pattern", p)
			}
		}
		checkDeps(field+".requires", s.Requires, bad)
		checkDeps(field+".provides", s.Provides, bad)
	}
	sort.Strings(errs)
	return errs
}

func (o *Overrides) validate(bad func(field, format string, a ...any)) {
	for field, e := range map[string]DepEdit{"requires": o.Requires, "provides": o.Provides, "conflicts": o.Conflicts, "obsoletes": o.Obsoletes, "recommends": o.Recommends} {
		field = "overrides." + field
		checkDeps(field+".add", e.Add, bad)
		for i, d := range e.Drop {
			if strings.ContainsAny(d, " <>=") {
				bad(fmt.Sprintf("%s.drop[%d]", field, i), "%q: give a name only", d)
			}
		}
		for from, to := range e.Rename {
			if _, err := dep.Parse(to); err != nil || strings.ContainsAny(to, " <>=") {
				bad(field+".rename."+from, "%q: give a name only", to)
			}
		}
	}
	for k, s := range o.Scripts {
		if !scriptNames.Get()[k] {
			bad("overrides.scripts."+k, "unknown scriptlet (want pretrans, pre, post, preun, postun or posttrans)")
		}
		if strings.TrimSpace(s.Body) == "" {
			bad("overrides.scripts."+k, "empty body")
		}
	}
	for i, u := range o.Users {
		field := fmt.Sprintf("overrides.users[%d]", i)
		if !userRE.Get().MatchString(u.Name) {
			bad(field+".name", "%q is not a user name", u.Name)
		}
		if u.Group != "" && !userRE.Get().MatchString(u.Group) {
			bad(field+".group", "%q is not a group name", u.Group)
		}
		if u.UID != nil && (*u.UID < 0 || *u.UID >= 65535) {
			bad(field+".uid", "%d out of range", *u.UID)
		}
		for k, v := range map[string]string{"home": u.Home, "shell": u.Shell} {
			if v != "" && !cleanAbs(v) {
				bad(field+"."+k, "%q must be an absolute, clean path", v)
			}
		}
		if strings.ContainsAny(u.Gecos, ":\n'") {
			bad(field+".gecos", "may not contain ':', a quote or a newline")
		}
	}
	for i, g := range o.Groups {
		field := fmt.Sprintf("overrides.groups[%d]", i)
		if !userRE.Get().MatchString(g.Name) {
			bad(field+".name", "%q is not a group name", g.Name)
		}
		if g.GID != nil && (*g.GID < 0 || *g.GID >= 65535) {
			bad(field+".gid", "%d out of range", *g.GID)
		}
	}
	for i, c := range o.Config {
		if !cleanAbs(c) {
			bad(fmt.Sprintf("overrides.config[%d]", i), "%q must be an absolute, clean path", c)
		}
	}
	for i, u := range o.Units {
		if !unitRE.Get().MatchString(u) {
			bad(fmt.Sprintf("overrides.units[%d]", i), "%q is not a unit name (name.service, .socket, .timer, .target)", u)
		}
	}
	for field, list := range map[string][]string{"drop": o.Drop, "keep": o.Keep} {
		for i, p := range list {
			if !validGlob(p) {
				bad(fmt.Sprintf("overrides.%s[%d]", field, i), "%q is not an absolute glob pattern", p)
			}
		}
	}
	checkFiles("overrides.files", o.Files, bad)
}

var (
	userRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,31}$`) }}
	unitRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^[A-Za-z0-9:_.@-]+\.(service|socket|timer|target|path|mount)$`)
	}}
)

func checkDeps(field string, list []string, bad func(field, format string, a ...any)) {
	for i, s := range list {
		if _, err := dep.Parse(s); err != nil {
			bad(fmt.Sprintf("%s[%d]", field, i), "%v", err)
		}
	}
}

// checkFiles validates file entries with pkgdesc's own rules, so the messages and
// the rules are the ones `nimbus rpm pack` uses.
func checkFiles(field string, files []pkgdesc.File, bad func(field, format string, a ...any)) {
	if len(files) == 0 {
		return
	}
	p := pkgdesc.Package{Name: "x", Version: "1", Release: "1", Arch: "noarch", Summary: "x", License: "x", Files: files}
	for _, e := range p.Validate() {
		if rest, ok := strings.CutPrefix(e, "files"); ok {
			bad(field+rest[:strings.Index(rest, ":")], "%s", strings.TrimSpace(rest[strings.Index(rest, ":")+1:]))
		}
	}
}

func cleanAbs(p string) bool { return strings.HasPrefix(p, "/") && path.Clean(p) == p && p != "/" }

func cleanRel(p string) bool {
	return !path.IsAbs(p) && !strings.HasPrefix(path.Clean(p), "..")
}
