// Package pkgdesc is the package description: a small YAML document that says what one RPM
// is (metadata, dependencies, scriptlets, changelog, and its files taken from a directory
// with owner/mode/flag overrides, plus directories and symlinks). `nimbus rpm pack` reads
// it, and the distribution's recipe builders produce the same Go type, which is the single
// model of "a package to write". It is pure: files come from an fs.FS, time from the caller.
package pkgdesc

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nimbus-linux/nimbus/internal/lazy"

	"gopkg.in/yaml.v3"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/evr"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// Package describes one binary RPM.
type Package struct {
	Name        string  `yaml:"name"`
	Epoch       *uint32 `yaml:"epoch,omitempty"`
	Version     string  `yaml:"version"`
	Release     string  `yaml:"release"`
	Arch        string  `yaml:"arch"`
	Summary     string  `yaml:"summary"`
	Description string  `yaml:"description"`
	License     string  `yaml:"license"`
	URL         string  `yaml:"url,omitempty"`
	Vendor      string  `yaml:"vendor,omitempty"`
	Packager    string  `yaml:"packager,omitempty"`
	Group       string  `yaml:"group,omitempty"`
	BuildHost   string  `yaml:"buildhost,omitempty"`
	SourceRPM   string  `yaml:"sourcerpm,omitempty"`

	Requires    []string `yaml:"requires,omitempty"`
	Provides    []string `yaml:"provides,omitempty"`
	Conflicts   []string `yaml:"conflicts,omitempty"`
	Obsoletes   []string `yaml:"obsoletes,omitempty"`
	Recommends  []string `yaml:"recommends,omitempty"`
	Suggests    []string `yaml:"suggests,omitempty"`
	Supplements []string `yaml:"supplements,omitempty"`
	Enhances    []string `yaml:"enhances,omitempty"`

	// Scripts maps pretrans, pre, post, preun, postun, posttrans to a scriptlet.
	Scripts   map[string]Script `yaml:"scripts,omitempty"`
	Changelog []Change          `yaml:"changelog,omitempty"`
	// FileTriggers are rpm's %filetrigger* and %transfiletrigger* scriptlets.
	FileTriggers []FileTrigger `yaml:"filetriggers,omitempty"`
	// Triggers are rpm's classic %triggerprein, %triggerin, %triggerun and %triggerpostun.
	Triggers []Trigger `yaml:"triggers,omitempty"`

	// Root is a directory (relative to the description) whose regular files and symlinks
	// all become package files; Files adds to and overrides what it yields.
	Root  string `yaml:"root,omitempty"`
	Files []File `yaml:"files,omitempty"`
	// Owner and Group defaults for every file (root when empty).
	DefaultOwner string `yaml:"owner,omitempty"`
	DefaultGroup string `yaml:"group_owner,omitempty"`
}

// Trigger is a classic trigger: kind (triggerprein, triggerin, triggerun, triggerpostun),
// the packages that set it off (rpm's "-- name [OP version], ..."; any one of them), the
// interpreter (one program; default /bin/sh) and the body.
type Trigger struct {
	Kind        string   `yaml:"kind"`
	Conditions  []string `yaml:"conditions"`
	Interpreter []string `yaml:"interpreter,omitempty"`
	Body        string   `yaml:"body"`
}

// FileTrigger is a file trigger: kind (filetriggerin, filetriggerun, filetriggerpostun,
// transfiletriggerin, transfiletriggerun, transfiletriggerpostun), the path prefixes that set
// it off, the interpreter (one program: rpm keeps no arguments for triggers; default
// /bin/sh), the body and rpm's -P priority (default 1000000).
type FileTrigger struct {
	Kind        string   `yaml:"kind"`
	Prefixes    []string `yaml:"prefixes"`
	Interpreter []string `yaml:"interpreter,omitempty"`
	Body        string   `yaml:"body"`
	Priority    int      `yaml:"priority,omitempty"`
}

// Script is a scriptlet; in YAML either a string (a /bin/sh body) or a mapping.
type Script struct {
	Interpreter []string `yaml:"interpreter,omitempty"` // default ["/bin/sh"]; "<lua>" for Lua
	Body        string   `yaml:"body"`
}

// UnmarshalYAML accepts a plain string as a /bin/sh scriptlet body.
func (s *Script) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		s.Body = n.Value
		return nil
	}
	type plain Script
	return n.Decode((*plain)(s))
}

// Change is one changelog entry.
type Change struct {
	Date   string `yaml:"date"` // YYYY-MM-DD
	Author string `yaml:"author"`
	Text   string `yaml:"text"`
}

// File is one file entry: a path in the package and where its content comes from.
type File struct {
	Path    string `yaml:"path"`
	Src     string `yaml:"src,omitempty"`     // file relative to the description's directory
	Content string `yaml:"content,omitempty"` // inline content
	Symlink string `yaml:"symlink,omitempty"` // link target
	Dir     bool   `yaml:"dir,omitempty"`     // an owned directory
	Mode    string `yaml:"mode,omitempty"`    // octal permission bits, e.g. "0755"
	Owner   string `yaml:"owner,omitempty"`
	Group   string `yaml:"group,omitempty"`
	// Config is "", "true" or "noreplace".
	Config    string `yaml:"config,omitempty"`
	Doc       bool   `yaml:"doc,omitempty"`
	License   bool   `yaml:"license,omitempty"`
	Ghost     bool   `yaml:"ghost,omitempty"`
	MissingOK bool   `yaml:"missingok,omitempty"`
	Caps      string `yaml:"caps,omitempty"` // e.g. cap_net_raw=ep
}

// Problems is every validation problem of a description, each with its field path.
type Problems []string

func (p Problems) Error() string {
	if len(p) == 1 {
		return p[0]
	}
	return fmt.Sprintf("%d problems:\n  %s", len(p), strings.Join(p, "\n  "))
}

// Parse decodes a description and validates it, reporting every problem at once.
// name is the document's name for error messages.
func Parse(name string, data []byte) (*Package, error) {
	var p Package
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: empty document", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if errs := p.Validate(); len(errs) > 0 {
		for i := range errs {
			errs[i] = name + ": " + errs[i]
		}
		return nil, errs
	}
	return &p, nil
}

var scriptNames = lazy.Value[map[string]rpm.ScriptKind]{New: func() map[string]rpm.ScriptKind {
	return map[string]rpm.ScriptKind{
		"pretrans": rpm.PreTrans, "pre": rpm.Pre, "post": rpm.Post,
		"preun": rpm.PreUn, "postun": rpm.PostUn, "posttrans": rpm.PostTrans,
	}
}}

// Validate checks the description without touching files and returns every problem.
func (p *Package) Validate() Problems {
	var errs Problems
	bad := func(field, format string, a ...any) {
		errs = append(errs, field+": "+fmt.Sprintf(format, a...))
	}
	if p.Name == "" {
		bad("name", "required")
	} else if strings.ContainsAny(p.Name, " \t/") || strings.HasPrefix(p.Name, "-") {
		bad("name", "%q contains a space or slash, or starts with '-'", p.Name)
	}
	for field, v := range map[string]string{"version": p.Version, "release": p.Release} {
		switch {
		case v == "":
			bad(field, "required")
		case strings.ContainsAny(v, "- \t:/"):
			bad(field, "%q may not contain '-', ':', '/' or spaces", v)
		}
	}
	if p.Arch == "" {
		bad("arch", "required (x86_64, aarch64, noarch, ...)")
	}
	if p.Summary == "" {
		bad("summary", "required")
	} else if strings.Contains(p.Summary, "\n") {
		bad("summary", "must be one line")
	}
	if p.License == "" {
		bad("license", "required")
	}
	for _, dl := range p.depLists() {
		for i, s := range *dl.list {
			if _, err := dep.Parse(s); err != nil {
				bad(fmt.Sprintf("%s[%d]", dl.field, i), "%v", err)
			}
		}
	}
	for k, s := range p.Scripts {
		if _, ok := scriptNames.Get()[k]; !ok {
			bad("scripts."+k, "unknown scriptlet (want pretrans, pre, post, preun, postun or posttrans)")
		}
		if strings.TrimSpace(s.Body) == "" {
			bad("scripts."+k, "empty body")
		}
	}
	for i, ft := range p.FileTriggers {
		field := fmt.Sprintf("filetriggers[%d]", i)
		if !slices.Contains(rpm.FileTriggerKinds, rpm.ScriptKind(ft.Kind)) {
			bad(field+".kind", "unknown file trigger %q (want filetriggerin, filetriggerun, filetriggerpostun, transfiletriggerin, transfiletriggerun or transfiletriggerpostun)", ft.Kind)
		}
		if len(ft.Prefixes) == 0 {
			bad(field+".prefixes", "no path prefix")
		}
		for k, pf := range ft.Prefixes {
			if !strings.HasPrefix(pf, "/") {
				bad(fmt.Sprintf("%s.prefixes[%d]", field, k), "%q is not an absolute path", pf)
			}
		}
		if len(ft.Interpreter) > 1 {
			bad(field+".interpreter", "rpm keeps one program for a file trigger, not its arguments")
		}
		if ft.Priority < 0 {
			bad(field+".priority", "negative")
		}
	}
	for i, t := range p.Triggers {
		field := fmt.Sprintf("triggers[%d]", i)
		if !slices.Contains(rpm.TriggerKinds, rpm.ScriptKind(t.Kind)) {
			bad(field+".kind", "unknown trigger %q (want triggerprein, triggerin, triggerun or triggerpostun)", t.Kind)
		}
		if len(t.Conditions) == 0 {
			bad(field+".conditions", "no package names the trigger")
		}
		for k, c := range t.Conditions {
			if d, err := dep.Parse(c); err != nil {
				bad(fmt.Sprintf("%s.conditions[%d]", field, k), "%v", err)
			} else if d.IsRich() {
				bad(fmt.Sprintf("%s.conditions[%d]", field, k), "%q is a rich dependency; rpm takes a package name with an optional version", c)
			}
		}
		if len(t.Interpreter) > 1 {
			bad(field+".interpreter", "rpm keeps one program for a trigger, not its arguments")
		}
		if strings.TrimSpace(t.Body) == "" {
			bad(field+".body", "empty body")
		}
	}
	for i, c := range p.Changelog {
		if _, err := time.Parse("2006-01-02", c.Date); err != nil {
			bad(fmt.Sprintf("changelog[%d].date", i), "%q is not YYYY-MM-DD", c.Date)
		}
		if c.Author == "" {
			bad(fmt.Sprintf("changelog[%d].author", i), "required")
		}
	}
	seen := map[string]bool{}
	for i, f := range p.Files {
		field := fmt.Sprintf("files[%d]", i)
		if !strings.HasPrefix(f.Path, "/") || path.Clean(f.Path) != f.Path || f.Path == "/" {
			bad(field+".path", "%q must be an absolute, clean path", f.Path)
		}
		if seen[f.Path] {
			bad(field+".path", "%q listed twice", f.Path)
		}
		seen[f.Path] = true
		kinds := 0
		for _, set := range []bool{f.Src != "", f.Content != "", f.Symlink != "", f.Dir} {
			if set {
				kinds++
			}
		}
		if kinds > 1 {
			bad(field, "only one of src, content, symlink and dir may be set")
		}
		if f.Mode != "" {
			if m, err := strconv.ParseUint(f.Mode, 8, 32); err != nil || m > 0o7777 {
				bad(field+".mode", "%q is not an octal permission mode", f.Mode)
			}
		}
		switch f.Config {
		case "", "true", "noreplace":
		default:
			bad(field+".config", "%q (want true or noreplace)", f.Config)
		}
		if f.Src != "" && (path.IsAbs(f.Src) || strings.HasPrefix(path.Clean(f.Src), "..")) {
			bad(field+".src", "%q must be relative and inside the description's directory", f.Src)
		}
	}
	if p.Root != "" && (path.IsAbs(p.Root) || strings.HasPrefix(path.Clean(p.Root), "..")) {
		bad("root", "%q must be relative and inside the description's directory", p.Root)
	}
	sort.Strings(errs)
	return errs
}

type depList struct {
	field string
	kind  dep.Kind
	list  *[]string
}

func (p *Package) depLists() []depList {
	return []depList{
		{"requires", dep.Requires, &p.Requires}, {"provides", dep.Provides, &p.Provides},
		{"conflicts", dep.Conflicts, &p.Conflicts}, {"obsoletes", dep.Obsoletes, &p.Obsoletes},
		{"recommends", dep.Recommends, &p.Recommends}, {"suggests", dep.Suggests, &p.Suggests},
		{"supplements", dep.Supplements, &p.Supplements}, {"enhances", dep.Enhances, &p.Enhances},
	}
}

// isaName is the name rpm gives an architecture in ISA provides: hello(x86-64).
func isaName(arch string) string {
	switch arch {
	case "x86_64":
		return "x86-64"
	case "aarch64":
		return "aarch-64"
	case "i686", "i586", "i486", "i386":
		return "x86-32"
	}
	return ""
}

// evrString is [epoch:]version-release.
func (p *Package) evrString() string {
	e := evr.EVR{Version: p.Version, Release: p.Release}
	if p.Epoch != nil {
		e.Epoch = strconv.FormatUint(uint64(*p.Epoch), 10)
	}
	return e.String()
}

// Options are the inputs of Build that do not come from the description.
type Options struct {
	// BuildTime becomes RPMTAG_BUILDTIME. With Clamp set (SOURCE_DATE_EPOCH given), every
	// file's mtime is also set to it, so the package does not depend on checkout times.
	BuildTime time.Time
	Clamp     bool
}

// Build turns the description into the rpm writer's input. fsys holds the description's
// directory (Root and Src paths are resolved in it).
func (p *Package) Build(fsys fs.FS, opts Options) (*rpm.Info, rpm.Source, error) {
	if errs := p.Validate(); len(errs) > 0 {
		return nil, nil, errs
	}
	info := &rpm.Info{
		Name: p.Name, Epoch: p.Epoch, Version: p.Version, Release: p.Release, Arch: p.Arch,
		Summary: p.Summary, Desc: strings.TrimRight(p.Description, "\n"), License: p.License,
		URL: p.URL, Vendor: p.Vendor, Packager: p.Packager, Group: p.Group,
		BuildHost: p.BuildHost, SourceRPM: p.SourceRPM, BuildTime: uint32(opts.BuildTime.Unix()),
	}
	if info.BuildHost == "" {
		info.BuildHost = "nimbus"
	}
	for _, dl := range p.depLists() {
		for _, s := range *dl.list {
			d, _ := dep.Parse(s) // validated above
			*info.Deps(dl.kind) = append(*info.Deps(dl.kind), d)
		}
	}
	src := &source{fsys: fsys, content: map[string]string{}, paths: map[string]string{}}
	files, err := p.collectFiles(fsys, src, opts)
	if err != nil {
		return nil, nil, fmt.Errorf("package %s: %w", p.Name, err)
	}
	info.Files = files
	p.addImplicitDeps(info)
	for _, k := range rpm.ScriptKinds {
		for name, kind := range scriptNames.Get() {
			s, ok := p.Scripts[name]
			if kind != k || !ok {
				continue
			}
			interp := s.Interpreter
			if len(interp) == 0 {
				interp = []string{"/bin/sh"}
			}
			info.Scripts = append(info.Scripts, rpm.Script{Kind: k, Interp: interp, Body: strings.TrimRight(s.Body, "\n")})
		}
	}
	for _, ft := range p.FileTriggers {
		interp := ft.Interpreter
		if len(interp) == 0 {
			interp = []string{"/bin/sh"}
		}
		prio := ft.Priority
		if prio == 0 {
			prio = rpm.DefaultFileTriggerPriority
		}
		info.FileTriggers = append(info.FileTriggers, rpm.FileTrigger{Kind: rpm.ScriptKind(ft.Kind), Prefixes: ft.Prefixes,
			Interp: interp, Body: strings.TrimRight(ft.Body, "\n"), Priority: prio})
	}
	for _, t := range p.Triggers {
		interp := t.Interpreter
		if len(interp) == 0 {
			interp = []string{"/bin/sh"}
		}
		tr := rpm.Trigger{Kind: rpm.ScriptKind(t.Kind), Interp: interp, Body: strings.TrimRight(t.Body, "\n")}
		for _, c := range t.Conditions {
			d, _ := dep.Parse(c) // Validate checked it
			tr.Conds = append(tr.Conds, d)
		}
		info.Triggers = append(info.Triggers, tr)
	}
	// rpm keeps the changelog newest first.
	chs := append([]Change(nil), p.Changelog...)
	sort.SliceStable(chs, func(i, j int) bool { return chs[i].Date > chs[j].Date })
	for _, c := range chs {
		t, _ := time.Parse("2006-01-02", c.Date)
		t = t.Add(12 * time.Hour) // rpmbuild stores noon of the day
		info.Changelog = append(info.Changelog, rpm.ChangelogEntry{Time: uint32(t.Unix()), Name: c.Author, Text: strings.TrimRight(c.Text, "\n")})
	}
	return info, src, nil
}

// addImplicitDeps adds what rpmbuild adds: the self-provide, the ISA provide, config()
// provide and require for packages with %config files, and the scriptlet interpreters.
func (p *Package) addImplicitDeps(info *rpm.Info) {
	v := p.evrString()
	self := []dep.Dep{{Name: p.Name, Flags: dep.Equal, Version: v}}
	if isa := isaName(p.Arch); isa != "" {
		self = append(self, dep.Dep{Name: p.Name + "(" + isa + ")", Flags: dep.Equal, Version: v})
	}
	for _, f := range info.Files {
		if f.Flags&tag.FileConfig != 0 {
			c := dep.Dep{Name: "config(" + p.Name + ")", Flags: dep.Equal | dep.Config, Version: v}
			self = append(self, c)
			info.Requires = append(info.Requires, c)
			break
		}
	}
	info.Provides = append(self, info.Provides...)
	for _, k := range rpm.ScriptKinds {
		for name, kind := range scriptNames.Get() {
			s, ok := p.Scripts[name]
			if kind != k || !ok {
				continue
			}
			interp := "/bin/sh"
			if len(s.Interpreter) > 0 {
				interp = s.Interpreter[0]
			}
			if interp == "<lua>" {
				continue
			}
			info.Requires = append(info.Requires, dep.Dep{Name: interp, Flags: dep.Interp | scriptSense.Get()[k]})
		}
	}
	// A trigger's interpreter is required with RPMSENSE_INTERP alone, once (rpmbuild).
	for _, t := range p.Triggers {
		d := dep.Dep{Name: "/bin/sh", Flags: dep.Interp}
		if len(t.Interpreter) > 0 {
			d.Name = t.Interpreter[0]
		}
		if d.Name != "<lua>" && !slices.Contains(info.Requires, d) {
			info.Requires = append(info.Requires, d)
		}
	}
}

var scriptSense = lazy.Value[map[rpm.ScriptKind]dep.Flags]{New: func() map[rpm.ScriptKind]dep.Flags {
	return map[rpm.ScriptKind]dep.Flags{
		rpm.PreTrans: dep.Pretrans, rpm.Pre: dep.ScriptPre, rpm.Post: dep.ScriptPost,
		rpm.PreUn: dep.ScriptPreun, rpm.PostUn: dep.ScriptPostun, rpm.PostTrans: dep.Posttrans,
	}
}}
