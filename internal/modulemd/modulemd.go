// Package modulemd reads a repository's modular metadata (modules.yaml: modulemd v2 and
// modulemd-defaults v1 documents), reads and writes dnf's module state files
// (/etc/dnf/modules.d/NAME.module) and decides, as dnf 4.14 (libdnf) does, which packages
// modular filtering hides: the artifacts of streams that are not active, and the packages
// sharing a name with an artifact of an active stream that are not artifacts themselves.
package modulemd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Module is one modulemd v2 document: one build (version, context) of a module stream.
type Module struct {
	Name, Stream string
	Version      uint64
	Context      string
	Arch         string
	Summary      string
	Description  string
	// Profiles maps a profile name to the package names it installs.
	Profiles map[string][]string
	// Artifacts are the packages of the build as name-epoch:version-release.arch.
	Artifacts []string
	// Requires are the module streams this build needs at run time (name → streams).
	Requires map[string][]string
	Repo     string // the repository it came from (set by the caller)
}

// NSVCA is name:stream:version:context:arch, as dnf names a build.
func (m *Module) NSVCA() string {
	return m.Name + ":" + m.Stream + ":" + strconv.FormatUint(m.Version, 10) + ":" + m.Context + ":" + m.Arch
}

// ProfileNames are the module's profiles, sorted.
func (m *Module) ProfileNames() []string {
	var out []string
	for p := range m.Profiles {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Defaults is a modulemd-defaults v1 document: a module's default stream and the default
// profiles of its streams.
type Defaults struct {
	Module   string
	Stream   string
	Profiles map[string][]string // stream → profiles
}

// Index is the modular metadata of one or more repositories.
type Index struct {
	Modules  []*Module
	Defaults map[string]*Defaults // by module name
}

type header struct {
	Document string    `yaml:"document"`
	Version  int       `yaml:"version"`
	Data     yaml.Node `yaml:"data"`
}

type moduleData struct {
	Name        string `yaml:"name"`
	Stream      string `yaml:"stream"`
	Version     uint64 `yaml:"version"`
	Context     string `yaml:"context"`
	Arch        string `yaml:"arch"`
	Summary     string `yaml:"summary"`
	Description string `yaml:"description"`
	Profiles    map[string]struct {
		Rpms []string `yaml:"rpms"`
	} `yaml:"profiles"`
	Artifacts struct {
		Rpms []string `yaml:"rpms"`
	} `yaml:"artifacts"`
	Dependencies []struct {
		Requires map[string][]string `yaml:"requires"`
	} `yaml:"dependencies"`
}

type defaultsData struct {
	Module   string              `yaml:"module"`
	Stream   string              `yaml:"stream"`
	Profiles map[string][]string `yaml:"profiles"`
}

// MaxDocuments bounds the documents of one modules.yaml (AppStream of a large distribution
// has a few thousand).
const MaxDocuments = 1 << 16

// Parse reads a modules.yaml stream. Documents of other kinds (modulemd-obsoletes,
// modulemd-translations, modulemd-packager) are skipped, as are modulemd documents of other
// versions; a document that is not YAML, or a modulemd v2 one without name or stream, is an
// error naming the document.
func Parse(r io.Reader, repo string) (*Index, error) {
	idx := &Index{Defaults: map[string]*Defaults{}}
	dec := yaml.NewDecoder(r)
	for n := 1; ; n++ {
		if n > MaxDocuments {
			return nil, fmt.Errorf("modules.yaml: more than %d documents", MaxDocuments)
		}
		var h header
		err := dec.Decode(&h)
		if errors.Is(err, io.EOF) {
			return idx, nil
		}
		if err != nil {
			return nil, fmt.Errorf("modules.yaml document %d: %w", n, err)
		}
		switch {
		case h.Document == "modulemd" && h.Version == 2:
			var d moduleData
			if err := h.Data.Decode(&d); err != nil {
				return nil, fmt.Errorf("modules.yaml document %d (modulemd): %w", n, err)
			}
			if d.Name == "" || d.Stream == "" {
				return nil, fmt.Errorf("modules.yaml document %d (modulemd): no name or stream; the repository's modular metadata is broken", n)
			}
			m := &Module{Name: d.Name, Stream: d.Stream, Version: d.Version, Context: d.Context, Arch: d.Arch,
				Summary: strings.TrimSpace(d.Summary), Description: strings.TrimSpace(d.Description),
				Profiles: map[string][]string{}, Artifacts: d.Artifacts.Rpms, Repo: repo}
			for p, v := range d.Profiles {
				m.Profiles[p] = v.Rpms
			}
			for _, dep := range d.Dependencies {
				for k, v := range dep.Requires {
					if m.Requires == nil {
						m.Requires = map[string][]string{}
					}
					m.Requires[k] = append(m.Requires[k], v...)
				}
			}
			idx.Modules = append(idx.Modules, m)
		case h.Document == "modulemd-defaults" && h.Version == 1:
			var d defaultsData
			if err := h.Data.Decode(&d); err != nil {
				return nil, fmt.Errorf("modules.yaml document %d (modulemd-defaults): %w", n, err)
			}
			if d.Module == "" {
				return nil, fmt.Errorf("modules.yaml document %d (modulemd-defaults): no module name", n)
			}
			idx.Defaults[d.Module] = &Defaults{Module: d.Module, Stream: d.Stream, Profiles: d.Profiles}
		}
	}
}

// Merge adds another repository's modules and defaults to idx.
func (idx *Index) Merge(o *Index) {
	idx.Modules = append(idx.Modules, o.Modules...)
	if idx.Defaults == nil {
		idx.Defaults = map[string]*Defaults{}
	}
	for k, v := range o.Defaults {
		if _, ok := idx.Defaults[k]; !ok {
			idx.Defaults[k] = v
		}
	}
}

// Streams lists the module's streams, sorted.
func (idx *Index) Streams(name string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range idx.Modules {
		if m.Name == name && !seen[m.Stream] {
			seen[m.Stream] = true
			out = append(out, m.Stream)
		}
	}
	sort.Strings(out)
	return out
}

// Has reports whether the index knows a module of that name.
func (idx *Index) Has(name string) bool {
	for _, m := range idx.Modules {
		if m.Name == name {
			return true
		}
	}
	return false
}

// DefaultStream is the module's default stream ("" when none).
func (idx *Index) DefaultStream(name string) string {
	if d := idx.Defaults[name]; d != nil {
		return d.Stream
	}
	return ""
}

// DefaultProfiles are the default profiles of a stream.
func (idx *Index) DefaultProfiles(name, stream string) []string {
	if d := idx.Defaults[name]; d != nil {
		return d.Profiles[stream]
	}
	return nil
}

// Latest returns the newest build of each context of a stream (dnf selects one build per
// context, the highest version), sorted by context.
func (idx *Index) Latest(name, stream string) []*Module {
	best := map[string]*Module{}
	for _, m := range idx.Modules {
		if m.Name != name || m.Stream != stream {
			continue
		}
		if b := best[m.Context]; b == nil || m.Version > b.Version {
			best[m.Context] = m
		}
	}
	var out []*Module
	for _, m := range best {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Context < out[j].Context })
	return out
}

// State is a module's entry of /etc/dnf/modules.d.
type State struct {
	Name     string
	Stream   string
	Profiles []string
	State    string // "enabled", "disabled" or "" (reset: the default applies)
}

// Module states as dnf writes them.
const (
	Enabled  = "enabled"
	Disabled = "disabled"
)

// ParseState reads one NAME.module file (an INI section per module, as libdnf writes it).
// Lines it does not know are kept out; a malformed line is an error naming the file's line.
func ParseState(data []byte, file string) ([]State, error) {
	var out []State
	var cur *State
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ";"):
		case strings.HasPrefix(l, "["):
			if !strings.HasSuffix(l, "]") {
				return nil, fmt.Errorf("%s line %d: %q is not a section header", file, i+1, l)
			}
			out = append(out, State{Name: strings.TrimSpace(l[1 : len(l)-1])})
			cur = &out[len(out)-1]
		default:
			k, v, ok := strings.Cut(l, "=")
			if !ok || cur == nil {
				return nil, fmt.Errorf("%s line %d: want key=value inside a [module] section", file, i+1)
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			switch k {
			case "name":
				if v != "" {
					cur.Name = v
				}
			case "stream":
				cur.Stream = v
			case "profiles":
				cur.Profiles = splitList(v)
			case "state":
				cur.State = strings.ToLower(v)
			}
		}
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}

// Format writes a module's state file as libdnf does.
func (s State) Format() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "[%s]\nname=%s\nstream=%s\nprofiles=%s\nstate=%s\n", s.Name, s.Name, s.Stream, strings.Join(s.Profiles, ","), s.State)
	return b.Bytes()
}

// ActiveStream is the stream of a module that filtering treats as active (Active); "" when
// none.
func (idx *Index) ActiveStream(name string, states map[string]State) string {
	return idx.Active(states)[name]
}

// Active maps each module with an active stream to that stream, as libdnf's module solver
// decides it: the enabled stream, else (not disabled) the default stream, and then the
// streams those streams' builds require of modules neither enabled nor disabled
// (dependencies: requires:, recursively; the platform pseudo-module is not one of the
// repositories' modules and is passed over).
func (idx *Index) Active(states map[string]State) map[string]string {
	act := map[string]string{}
	names := map[string]bool{}
	for _, m := range idx.Modules {
		names[m.Name] = true
	}
	var queue []string
	for n := range names {
		st := states[n]
		s := ""
		switch st.State {
		case Enabled:
			s = st.Stream
		case Disabled:
		default:
			s = idx.DefaultStream(n)
		}
		if s != "" {
			act[n] = s
			queue = append(queue, n)
		}
	}
	sort.Strings(queue)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range idx.Modules {
			if m.Name != n || m.Stream != act[n] {
				continue
			}
			for _, dep := range sortedKeys(m.Requires) {
				if _, ok := act[dep]; ok || !names[dep] || states[dep].State != "" {
					continue
				}
				if s := idx.RequiredStream(dep, m.Requires[dep]); s != "" {
					act[dep] = s
					queue = append(queue, dep)
				}
			}
		}
	}
	return act
}

// RequiredStream is the stream of module name that a requires: entry (a list of streams;
// "-S" excludes S; empty: any) picks: the first stream listed that the repositories have,
// else the default stream when the entry allows it, else the first allowed stream.
func (idx *Index) RequiredStream(name string, streams []string) string {
	have := idx.Streams(name)
	if ok := StreamAllowed(streams, idx.DefaultStream(name)); ok && idx.DefaultStream(name) != "" && !hasPositive(streams) {
		return idx.DefaultStream(name)
	}
	for _, s := range streams {
		if strings.HasPrefix(s, "-") {
			continue
		}
		for _, h := range have {
			if h == s {
				return s
			}
		}
	}
	for _, h := range have {
		if StreamAllowed(streams, h) {
			return h
		}
	}
	return ""
}

// StreamAllowed reports whether a requires: entry's stream list allows stream s.
func StreamAllowed(streams []string, s string) bool {
	if s == "" {
		return false
	}
	if !hasPositive(streams) {
		for _, x := range streams {
			if x == "-"+s {
				return false
			}
		}
		return true
	}
	for _, x := range streams {
		if x == s {
			return true
		}
	}
	return false
}

func hasPositive(streams []string) bool {
	for _, s := range streams {
		if !strings.HasPrefix(s, "-") {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Filter decides which repository packages modular filtering hides.
type Filter struct {
	include map[string]bool // artifacts of active builds
	exclude map[string]bool // artifacts of other builds
	names   map[string]bool // names of artifacts of active builds
}

// NewFilter computes the filter for the module states (by module name).
func NewFilter(idx *Index, states map[string]State) *Filter {
	f := &Filter{include: map[string]bool{}, exclude: map[string]bool{}, names: map[string]bool{}}
	// every build of an active stream counts (dnf 4.14 offers an older build's artifacts
	// of the enabled stream too)
	active := map[*Module]bool{}
	act := idx.Active(states)
	for _, m := range idx.Modules {
		if s := act[m.Name]; s != "" && s == m.Stream {
			active[m] = true
		}
	}
	for _, m := range idx.Modules {
		for _, a := range m.Artifacts {
			key := NormalizeNEVRA(a)
			if active[m] {
				f.include[key] = true
				if n, ok := ArtifactName(a); ok {
					f.names[n] = true
				}
			} else {
				f.exclude[key] = true
			}
		}
	}
	return f
}

// Hidden reports whether a repository package (name and its name-epoch:version-release.arch
// with the epoch written, 0 included) is hidden.
func (f *Filter) Hidden(name, nevra string) bool {
	if f.include[nevra] {
		return false
	}
	return f.exclude[nevra] || f.names[name]
}

// Artifact reports whether the package is an artifact of an active build.
func (f *Filter) Artifact(nevra string) bool { return f.include[nevra] }

// NEVRA writes a package's name-epoch:version-release.arch as artifacts are written.
func NEVRA(name, epoch, version, release, arch string) string {
	if epoch == "" {
		epoch = "0"
	}
	return name + "-" + epoch + ":" + version + "-" + release + "." + arch
}

// NormalizeNEVRA adds the zero epoch an artifact may leave out.
func NormalizeNEVRA(a string) string {
	i := strings.LastIndex(a, "-")
	if i < 0 {
		return a
	}
	j := strings.LastIndex(a[:i], "-")
	if j < 0 || strings.Contains(a[j+1:i], ":") {
		return a
	}
	return a[:j+1] + "0:" + a[j+1:]
}

// ArtifactName is the package name of an artifact (name-epoch:version-release.arch): the
// artifact cut at its last two dashes.
func ArtifactName(a string) (string, bool) {
	i := strings.LastIndex(a, "-")
	if i < 0 {
		return "", false
	}
	j := strings.LastIndex(a[:i], "-")
	if j <= 0 {
		return "", false
	}
	return a[:j], true
}
