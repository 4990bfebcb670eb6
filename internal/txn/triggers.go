package txn

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/nimbus-linux/nimbus/internal/dep"
	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// Classic triggers (rpm 4.18's triggers.md and lib/psm.c, checked against the real rpm by
// TestTriggersLikeRPM): "%triggerin -- sendmail < 8" in package P runs when a package
// named sendmail whose provides match the condition is installed while P is, or when P is
// installed while such a package is. At each step, as rpm's package state machine:
//
//	install: %triggerprein of the others set off by it, then its own; %pre; files; rpmdb;
//	         (file triggers); %post; %triggerin of the others, then its own; (file triggers)
//	erase:   (file triggers); its own %triggerun, then the others'; %preun; (file
//	         triggers); files; rpmdb; %postun; the others' %triggerpostun
//
// $1 is the number of installed packages of the trigger's package name, $2 that of the
// package that set it off, both as the rpmdb counts them at that moment and one less for
// the package an erase step removes. Each pair of trigger package and package that sets it
// off runs one script at most: the first condition that matches, in the header's order
// (rpm 4.18's handleOneTrigger); a package's own scripts run once each per step. Failures
// are warnings, as rpm's.

// condRef is one condition of a trigger script, as the header lists them.
type condRef struct {
	d dep.Dep
	t *rpm.Trigger
}

// conditions lists info's trigger conditions of one kind in the header's order (name,
// version, flags: rpmds's order, which rpmbuild writes).
func conditions(info *rpm.Info, kind rpm.ScriptKind) []condRef {
	var out []condRef
	for i := range info.Triggers {
		t := &info.Triggers[i]
		if t.Kind != kind {
			continue
		}
		for _, d := range t.Conds {
			out = append(out, condRef{d, t})
		}
	}
	slices.SortStableFunc(out, func(a, b condRef) int {
		return cmp.Or(cmp.Compare(a.d.Name, b.d.Name), cmp.Compare(a.d.Version, b.d.Version), cmp.Compare(a.d.Flags, b.d.Flags))
	})
	return out
}

// setsOff reports whether the package src matches the condition: the same name and one of
// its provides (or its own name = EVR) in the condition's range (rpm's rpmdsAnyMatchesDep).
func setsOff(src *rpm.Info, c dep.Dep) bool {
	if src.Name != c.Name {
		return false
	}
	if c.Flags&dep.SenseMask == 0 {
		return true
	}
	if dep.Matches(dep.Dep{Name: src.Name, Flags: dep.Equal, Version: src.EVR()}, c) {
		return true
	}
	for _, p := range src.Provides {
		if dep.Matches(p, c) {
			return true
		}
	}
	return false
}

// countNamed is rpmdbCountPackages: the live packages called name.
func (r *runner) countNamed(name string) int {
	n := 0
	r.live.each(func(_ string, li *rpm.Info) {
		if li.Name == name {
			n++
		}
	})
	return n
}

// hasTriggers reports whether any live package, or info, has a classic trigger of kind
// that info's step can set off, so that batched rpmdb rows are flushed before it runs.
func (r *runner) hasTriggers(kind rpm.ScriptKind, info *rpm.Info) bool {
	if !r.classic || r.noFileTriggers() || info == nil {
		return false
	}
	found := false
	check := func(li *rpm.Info) {
		for _, t := range li.Triggers {
			if t.Kind == kind {
				found = true
			}
		}
	}
	check(info)
	r.live.each(func(_ string, li *rpm.Info) { check(li) })
	return found
}

// flushForClassic commits the batched rpmdb rows when a trigger of kind may run at this
// step: a trigger may query the database.
func (r *runner) flushForClassic(j *journal, kind rpm.ScriptKind, info *rpm.Info) error {
	if r.batch == nil || !r.hasTriggers(kind, info) {
		return nil
	}
	return r.commit(j)
}

// classicTriggers runs the triggers of kind that the step of package info sets off.
// ownFirst orders its own triggers (rpm's runImmedTriggers) before the others' (rpm's
// runTriggers), as an erase step does; own reports whether its own run at all
// (%triggerpostun has only the others'). correction is rpm's countCorrection for the
// package's own name: -1 while an erase step's package is still counted, else 0.
func (r *runner) classicTriggers(ctx context.Context, kind rpm.ScriptKind, info *rpm.Info, correction int, own, ownFirst bool) {
	if !r.classic || r.noFileTriggers() || info == nil {
		return
	}
	others := func() {
		// Every live package with a trigger naming this package, set off once per matching
		// condition; $2 counts this package's name.
		arg2 := r.countNamed(info.Name) + correction
		r.live.each(func(_ string, li *rpm.Info) {
			for _, c := range conditions(li, kind) {
				if setsOff(info, c.d) {
					r.runTrigger(ctx, li, c.t, r.countNamed(li.Name), arg2)
					break // one script per package pair
				}
			}
		})
	}
	immed := func() {
		// This package's triggers set off by the live packages they name; each script at
		// most once. $2 counts the live packages of the named name.
		done := map[*rpm.Trigger]bool{}
		arg1 := r.countNamed(info.Name) + correction
		for _, c := range conditions(info, kind) {
			if done[c.t] {
				continue
			}
			var srcs []*rpm.Info
			r.live.each(func(_ string, li *rpm.Info) {
				if li.Name == c.d.Name {
					srcs = append(srcs, li)
				}
			})
			for _, src := range srcs {
				for _, c2 := range conditions(info, kind) {
					if !setsOff(src, c2.d) {
						continue
					}
					if !done[c2.t] {
						r.runTrigger(ctx, info, c2.t, arg1, len(srcs))
						done[c2.t] = true
					}
					break // one script per package pair
				}
			}
		}
	}
	switch {
	case !own:
		others()
	case ownFirst:
		immed()
		others()
	default:
		others()
		immed()
	}
}

// runTrigger runs one trigger script of owner with $1 and $2.
func (r *runner) runTrigger(ctx context.Context, owner *rpm.Info, t *rpm.Trigger, arg1, arg2 int) {
	s := Script{Package: owner.NEVRA(), Kind: t.Kind, Interp: t.Interp, Body: t.Body, Arg: arg1, Arg2: &arg2}
	err := r.opts.Runner.Run(ctx, r.opts.Root, s)
	if errors.Is(err, ErrLua) {
		r.opts.Warn(fmt.Sprintf("%s scriptlet of %s skipped: %v", t.Kind, s.Package, err))
		return
	}
	if err != nil {
		r.opts.Warn(err.Error())
	}
}

// anyClassicTriggers reports whether an installed package or one of newInfos has a classic
// trigger that can run (they run between steps, so steps are then not staged ahead).
func (r *runner) anyClassicTriggers(newInfos map[int]*rpm.Info) bool {
	if r.noFileTriggers() {
		return false
	}
	found := false
	r.live.each(func(_ string, li *rpm.Info) { found = found || len(li.Triggers) > 0 })
	for _, info := range newInfos {
		found = found || info != nil && len(info.Triggers) > 0
	}
	return found
}
