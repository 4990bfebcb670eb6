package rpm

import (
	"fmt"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// The file triggers of rpm 4.18 (rpm's file_triggers.md): scriptlets of one package that
// run when files under one of their path prefixes are installed or erased by any package.
const (
	FileTriggerIn          ScriptKind = "filetriggerin"          // after each package installing matching files
	FileTriggerUn          ScriptKind = "filetriggerun"          // before each package erasing matching files
	FileTriggerPostUn      ScriptKind = "filetriggerpostun"      // after each package erasing matching files
	TransFileTriggerIn     ScriptKind = "transfiletriggerin"     // once after a transaction installing matching files
	TransFileTriggerUn     ScriptKind = "transfiletriggerun"     // once before a transaction erasing matching files
	TransFileTriggerPostUn ScriptKind = "transfiletriggerpostun" // once after a transaction erasing matching files
)

// FileTriggerKinds lists the file trigger kinds.
var FileTriggerKinds = []ScriptKind{FileTriggerIn, FileTriggerUn, FileTriggerPostUn, TransFileTriggerIn, TransFileTriggerUn, TransFileTriggerPostUn}

// DefaultFileTriggerPriority is rpm's priority of a file trigger without -P. Triggers of a
// priority above FileTriggerPriorityBound run before the package's %post (%preun), the
// others after it; a higher priority runs first.
const (
	DefaultFileTriggerPriority = 1000000
	FileTriggerPriorityBound   = 100000
)

// FileTrigger is one %filetrigger* or %transfiletrigger* scriptlet: its kind, the path
// prefixes that set it off (plain string prefixes, as rpm compares them), its interpreter
// and body, and its priority.
type FileTrigger struct {
	Kind     ScriptKind `json:"kind"`
	Prefixes []string   `json:"prefixes"`
	Interp   []string   `json:"interpreter"`
	Body     string     `json:"body"`
	Priority int        `json:"priority"`
}

// Trans reports whether the trigger runs once per transaction.
func (t FileTrigger) Trans() bool {
	return t.Kind == TransFileTriggerIn || t.Kind == TransFileTriggerUn || t.Kind == TransFileTriggerPostUn
}

// Matches reports whether path is under one of the trigger's prefixes the way rpm 4.18
// compares them (rpmfilesFindPrefix, the rpmdb's dirnames index): a prefix is matched
// against the file's directory with its trailing slash, so "/usr/lib64" and "/usr/lib6"
// match /usr/lib64/libc.so.6 but "/usr/lib64/lib" does not.
func (t FileTrigger) Matches(path string) bool {
	i := strings.LastIndexByte(path, '/')
	if i < 0 {
		return false
	}
	dir := path[:i+1]
	for _, p := range t.Prefixes {
		if strings.HasPrefix(dir, p) {
			return true
		}
	}
	return false
}

// fileTriggerTags are the header arrays of one group of file triggers (per package, per
// transaction): per script the body, interpreter, flags and priority; per prefix its name,
// the index of its script, a version (always empty) and the sense flags naming the kind.
type fileTriggerTags struct {
	scripts, prog, scriptFlags, name, index, version, flags, priorities tag.Tag
	in, un, postun                                                      ScriptKind
}

var fileTriggerGroups = []fileTriggerTags{
	{tag.Filetriggerscripts, tag.Filetriggerscriptprog, tag.Filetriggerscriptflags, tag.Filetriggername,
		tag.Filetriggerindex, tag.Filetriggerversion, tag.Filetriggerflags, tag.Filetriggerpriorities,
		FileTriggerIn, FileTriggerUn, FileTriggerPostUn},
	{tag.Transfiletriggerscripts, tag.Transfiletriggerscriptprog, tag.Transfiletriggerscriptflags, tag.Transfiletriggername,
		tag.Transfiletriggerindex, tag.Transfiletriggerversion, tag.Transfiletriggerflags, tag.Transfiletriggerpriorities,
		TransFileTriggerIn, TransFileTriggerUn, TransFileTriggerPostUn},
}

func (g fileTriggerTags) kind(f dep.Flags) (ScriptKind, bool) {
	switch {
	case f&dep.Triggerin != 0:
		return g.in, true
	case f&dep.Triggerun != 0:
		return g.un, true
	case f&dep.Triggerpostun != 0:
		return g.postun, true
	}
	return "", false
}

func (g fileTriggerTags) sense(k ScriptKind) (dep.Flags, bool) {
	switch k {
	case g.in:
		return dep.Triggerin, true
	case g.un:
		return dep.Triggerun, true
	case g.postun:
		return dep.Triggerpostun, true
	}
	return 0, false
}

// readFileTriggers reads a header's file triggers, per-package ones first, each group in
// the order of its scripts.
func readFileTriggers(h *Header) ([]FileTrigger, error) {
	var out []FileTrigger
	for _, g := range fileTriggerGroups {
		scripts := h.Strings(g.scripts)
		names := h.Strings(g.name)
		if len(scripts) == 0 && len(names) == 0 {
			continue
		}
		progs, prios := h.Strings(g.prog), h.Ints(g.priorities)
		index, flags := h.Ints(g.index), h.Ints(g.flags)
		if len(index) != len(names) || len(flags) != len(names) {
			return nil, fmt.Errorf("file trigger arrays disagree: %d prefixes, %d indexes, %d flags", len(names), len(index), len(flags))
		}
		if len(progs) != 0 && len(progs) != len(scripts) || len(prios) != 0 && len(prios) != len(scripts) {
			return nil, fmt.Errorf("file trigger arrays disagree: %d scripts, %d interpreters, %d priorities", len(scripts), len(progs), len(prios))
		}
		ts := make([]FileTrigger, len(scripts))
		for i := range ts {
			ts[i] = FileTrigger{Body: scripts[i], Interp: []string{"/bin/sh"}, Priority: DefaultFileTriggerPriority}
			if len(progs) > 0 && progs[i] != "" {
				ts[i].Interp = []string{progs[i]}
			}
			if len(prios) > 0 {
				ts[i].Priority = int(prios[i])
			}
		}
		for k, n := range names {
			i := index[k]
			if i < 0 || i >= int64(len(ts)) {
				return nil, fmt.Errorf("file trigger prefix %q names script %d of %d", n, i, len(ts))
			}
			kind, ok := g.kind(dep.Flags(flags[k]))
			if !ok {
				return nil, fmt.Errorf("file trigger prefix %q: flags %#x name no trigger kind", n, flags[k])
			}
			if ts[i].Kind != "" && ts[i].Kind != kind {
				return nil, fmt.Errorf("file trigger script %d is both %s and %s", i, ts[i].Kind, kind)
			}
			ts[i].Kind = kind
			ts[i].Prefixes = append(ts[i].Prefixes, n)
		}
		for i, t := range ts {
			if t.Kind == "" {
				return nil, fmt.Errorf("file trigger script %d has no prefix", i)
			}
		}
		out = append(out, ts...)
	}
	return out, nil
}

// writeFileTriggers adds the file triggers to a header as rpmbuild lays them out.
func writeFileTriggers(b *HeaderBuilder, ts []FileTrigger) error {
	for _, g := range fileTriggerGroups {
		var scripts, progs, names, versions []string
		var prios, index, flags []uint32
		for _, t := range ts {
			sense, ok := g.sense(t.Kind)
			if !ok {
				continue
			}
			if len(t.Prefixes) == 0 {
				return fmt.Errorf("%s file trigger without a path prefix", t.Kind)
			}
			if len(t.Interp) > 1 {
				return fmt.Errorf("%s file trigger: rpm keeps only an interpreter, not its arguments (%q)", t.Kind, t.Interp)
			}
			prog := "/bin/sh"
			if len(t.Interp) == 1 {
				prog = t.Interp[0]
			}
			prio := t.Priority
			if prio == 0 {
				prio = DefaultFileTriggerPriority
			}
			for _, p := range t.Prefixes {
				names = append(names, p)
				index = append(index, uint32(len(scripts)))
				versions = append(versions, "")
				flags = append(flags, uint32(sense))
			}
			scripts = append(scripts, t.Body)
			progs = append(progs, prog)
			prios = append(prios, uint32(prio))
		}
		if len(scripts) == 0 {
			continue
		}
		b.Strings(g.scripts, scripts)
		b.Strings(g.prog, progs)
		b.Strings(g.name, names)
		b.Int32(g.index, index...)
		b.Strings(g.version, versions)
		b.Int32(g.flags, flags...)
		b.Int32(g.priorities, prios...)
	}
	for _, t := range ts {
		if _, ok := fileTriggerGroups[0].sense(t.Kind); ok {
			continue
		}
		if _, ok := fileTriggerGroups[1].sense(t.Kind); !ok {
			return fmt.Errorf("unknown file trigger kind %q", t.Kind)
		}
	}
	return nil
}
