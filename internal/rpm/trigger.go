package rpm

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/lazy"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
)

// The classic triggers of rpm 4.18 (rpm's triggers.md, "%triggerin -- sendmail"): a
// scriptlet of one package that runs when a package of a named version range is installed
// or erased, or when the trigger's own package is installed while one is.
const (
	TriggerPreIn  ScriptKind = "triggerprein"  // before a matching package's %pre
	TriggerIn     ScriptKind = "triggerin"     // after a matching package's %post
	TriggerUn     ScriptKind = "triggerun"     // before a matching package's %preun
	TriggerPostUn ScriptKind = "triggerpostun" // after a matching package's %postun
)

// TriggerKinds lists the classic trigger kinds.
var TriggerKinds = []ScriptKind{TriggerPreIn, TriggerIn, TriggerUn, TriggerPostUn}

// triggerSense is the sense flag of each kind in RPMTAG_TRIGGERFLAGS.
var triggerSense = lazy.Value[map[ScriptKind]dep.Flags]{New: func() map[ScriptKind]dep.Flags {
	return map[ScriptKind]dep.Flags{
		TriggerPreIn: dep.Triggerprein, TriggerIn: dep.Triggerin, TriggerUn: dep.Triggerun, TriggerPostUn: dep.Triggerpostun,
	}
}}

// triggerSenses is every trigger sense bit.
const triggerSenses = dep.Triggerprein | dep.Triggerin | dep.Triggerun | dep.Triggerpostun

// Trigger is one classic trigger scriptlet: its kind, the conditions that set it off (a
// package name with an optional version range; any one of them), its interpreter (one
// program: rpm keeps no arguments for triggers) and its body.
type Trigger struct {
	Kind   ScriptKind `json:"kind"`
	Conds  []dep.Dep  `json:"conditions"`
	Interp []string   `json:"interpreter"`
	Body   string     `json:"body"`
}

// readTriggers reads a header's classic triggers in the order of their scripts.
// RPMTAG_TRIGGERNAME, VERSION, FLAGS and INDEX hold one entry per condition, naming its
// script by index; TRIGGERSCRIPTS and TRIGGERSCRIPTPROG one per script.
func readTriggers(h *Header) ([]Trigger, error) {
	scripts, names := h.Strings(tag.Triggerscripts), h.Strings(tag.Triggername)
	if len(scripts) == 0 && len(names) == 0 {
		return nil, nil
	}
	progs := h.Strings(tag.Triggerscriptprog)
	vers, flags, index := h.Strings(tag.Triggerversion), h.Ints(tag.Triggerflags), h.Ints(tag.Triggerindex)
	if len(index) != len(names) || len(flags) != len(names) || vers != nil && len(vers) != len(names) {
		return nil, fmt.Errorf("trigger arrays disagree: %d names, %d versions, %d flags, %d indexes", len(names), len(vers), len(flags), len(index))
	}
	if len(progs) != 0 && len(progs) != len(scripts) {
		return nil, fmt.Errorf("trigger arrays disagree: %d scripts, %d interpreters", len(scripts), len(progs))
	}
	ts := make([]Trigger, len(scripts))
	for i := range ts {
		ts[i] = Trigger{Body: scripts[i], Interp: []string{"/bin/sh"}}
		if len(progs) > 0 && progs[i] != "" {
			ts[i].Interp = []string{progs[i]}
		}
	}
	for k, n := range names {
		i := index[k]
		if i < 0 || i >= int64(len(ts)) {
			return nil, fmt.Errorf("trigger condition %q names script %d of %d", n, i, len(ts))
		}
		f := dep.Flags(flags[k])
		var kind ScriptKind
		for _, tk := range TriggerKinds {
			if f&triggerSense.Get()[tk] != 0 {
				kind = tk
				break
			}
		}
		if kind == "" {
			return nil, fmt.Errorf("trigger condition %q: flags %#x name no trigger kind", n, flags[k])
		}
		if ts[i].Kind != "" && ts[i].Kind != kind {
			return nil, fmt.Errorf("trigger script %d is both %s and %s", i, ts[i].Kind, kind)
		}
		ts[i].Kind = kind
		d := dep.Dep{Name: n, Flags: f &^ triggerSenses}
		if vers != nil {
			d.Version = vers[k]
		}
		ts[i].Conds = append(ts[i].Conds, d)
	}
	for i, t := range ts {
		if t.Kind == "" {
			return nil, fmt.Errorf("trigger script %d has no condition", i)
		}
	}
	return ts, nil
}

// writeTriggers adds the classic triggers to a header as rpmbuild 4.18 lays them out: the
// scripts in order, the conditions sorted by name, version and flags (rpmds's order).
func writeTriggers(b *HeaderBuilder, ts []Trigger) error {
	if len(ts) == 0 {
		return nil
	}
	type cond struct {
		d     dep.Dep
		index uint32
	}
	var scripts, progs []string
	var conds []cond
	for i, t := range ts {
		sense, ok := triggerSense.Get()[t.Kind]
		if !ok {
			return fmt.Errorf("unknown trigger kind %q", t.Kind)
		}
		if len(t.Conds) == 0 {
			return fmt.Errorf("%s trigger without a condition", t.Kind)
		}
		if len(t.Interp) > 1 {
			return fmt.Errorf("%s trigger: rpm keeps only an interpreter, not its arguments (%q)", t.Kind, t.Interp)
		}
		prog := "/bin/sh"
		if len(t.Interp) == 1 {
			prog = t.Interp[0]
		}
		for _, c := range t.Conds {
			if c.IsRich() {
				return fmt.Errorf("%s trigger: condition %q is a rich dependency, which rpm does not take for triggers", t.Kind, c.Name)
			}
			c.Flags = c.Flags&dep.SenseMask | sense
			conds = append(conds, cond{c, uint32(i)})
		}
		scripts = append(scripts, t.Body)
		progs = append(progs, prog)
	}
	slices.SortStableFunc(conds, func(a, b cond) int {
		return cmp.Or(cmp.Compare(a.d.Name, b.d.Name), cmp.Compare(a.d.Version, b.d.Version), cmp.Compare(a.d.Flags, b.d.Flags))
	})
	names, vers := make([]string, len(conds)), make([]string, len(conds))
	flags, index := make([]uint32, len(conds)), make([]uint32, len(conds))
	for k, c := range conds {
		names[k], vers[k], flags[k], index[k] = c.d.Name, c.d.Version, uint32(c.d.Flags), c.index
	}
	b.Strings(tag.Triggerscripts, scripts)
	b.Strings(tag.Triggerscriptprog, progs)
	b.Strings(tag.Triggername, names)
	b.Strings(tag.Triggerversion, vers)
	b.Int32(tag.Triggerflags, flags...)
	b.Int32(tag.Triggerindex, index...)
	return nil
}
