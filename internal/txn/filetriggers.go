package txn

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/rpm"
)

// File triggers (rpm 4.18's file_triggers.md, checked against the real rpm by
// TestFileTriggersLikeRPM): scriptlets of one package set off by files under their path
// prefixes that any package installs or erases.
//
//   - %filetriggerin runs at each install step whose package has matching files, with those
//     files on stdin; a package's own %filetriggerin runs once at its install step, with the
//     matching files of every installed package on stdin. Triggers of a priority above
//     rpm.FileTriggerPriorityBound (the default 1000000 is) run before the package's %post,
//     the others after it.
//   - %transfiletriggerin runs once, after every %posttrans, for the matching files the
//     transaction installed (on stdin); one in a package the transaction installed runs once
//     instead with the matching files of every installed package.
//   - %transfiletriggerpostun runs once after the transaction when it erased matching files
//     (an upgrade erases the old version's), without a file list, as in rpm.
//
// Higher priorities run first; $1 is 0, as the real rpm 4.18 passes it. The trigger
// packages are the installed ones at that moment (the rpmdb's view), including the packages
// installed earlier in the same transaction (and without those it erased).
//
//   - %filetriggerun runs at each erase step whose package has matching files, before its
//     files go (above the priority bound before %preun, else after), those files on stdin;
//     a package's own runs when it is erased, with every installed matching file.
//   - %filetriggerpostun runs after each erase step whose package had matching files
//     (above the bound before %postun, else after), those files on stdin.
//   - %transfiletriggerun runs once after every %pretrans, before the first step, with the
//     matching files of the packages the transaction erases on stdin; one in a package the
//     transaction erases runs with every installed matching file.

// noFileTriggers reports whether file triggers are off (NoScripts or NoTriggers).
func (r *runner) noFileTriggers() bool { return r.opts.NoScripts || r.opts.NoTriggers }

// liveSet is the installed packages as the rpmdb has them during a transaction, in the
// order they were installed, for matching files against triggers.
type liveSet struct {
	order []string
	infos map[string]*rpm.Info
}

func (l *liveSet) add(key string, info *rpm.Info) {
	if l.infos == nil {
		l.infos = map[string]*rpm.Info{}
	}
	if _, ok := l.infos[key]; !ok {
		l.order = append(l.order, key)
	}
	l.infos[key] = info
}

func (l *liveSet) remove(key string) { delete(l.infos, key) }

// each calls f for the live packages in installation order.
func (l *liveSet) each(f func(key string, info *rpm.Info)) {
	for _, k := range l.order {
		if info, ok := l.infos[k]; ok {
			f(k, info)
		}
	}
}

// matching lists the paths of infos under one of t's prefixes, in package then file order.
func matching(t rpm.FileTrigger, infos ...*rpm.Info) []string {
	var out []string
	for _, info := range infos {
		for _, f := range info.Files {
			if t.Matches(f.Path) {
				out = append(out, f.Path)
			}
		}
	}
	return out
}

// triggerRun is one file trigger to run, with its stdin.
type triggerRun struct {
	owner *rpm.Info
	t     rpm.FileTrigger
	files []string
	stdin bool // pass files on stdin (all but %transfiletriggerpostun)
}

// runTriggers runs the triggers, highest priority first (stable otherwise). Failures are
// warnings, as rpm's.
func (r *runner) runTriggers(ctx context.Context, runs []triggerRun) {
	sort.SliceStable(runs, func(a, b int) bool { return runs[a].t.Priority > runs[b].t.Priority })
	for _, tr := range runs {
		s := Script{Package: tr.owner.NEVRA(), Kind: tr.t.Kind, Interp: tr.t.Interp, Body: tr.t.Body, Arg: 0}
		if tr.stdin {
			s.Stdin = []byte(strings.Join(tr.files, "\n") + "\n")
		}
		err := r.opts.Runner.Run(ctx, r.opts.Root, s)
		if errors.Is(err, ErrLua) {
			r.opts.Warn(fmt.Sprintf("%s scriptlet of %s skipped: %v", tr.t.Kind, s.Package, err))
			continue
		}
		if err != nil {
			r.opts.Warn(err.Error())
		}
	}
}

// fileTriggersUn runs the %filetriggerun triggers of an erase step of the given priority
// class (high: before %preun), while the package (key, info) is still installed: the
// triggers of the other installed packages its files set off, with those files on stdin,
// and its own against the files of every installed package.
func (r *runner) fileTriggersUn(ctx context.Context, key string, info *rpm.Info, high bool) {
	r.perPackageTriggers(ctx, rpm.FileTriggerUn, key, r.erasedFiles(key, info), high, true)
}

// erasedFiles is info with only the files its erasure removes: the ones no other package
// (installed, or installed by this transaction: an upgrade's new version) owns. rpm's
// per-package erase triggers see these only (an upgrade's shared files are not erased).
func (r *runner) erasedFiles(key string, info *rpm.Info) *rpm.Info {
	if info == nil {
		return nil
	}
	c := *info
	c.Files = nil
	for _, f := range info.Files {
		if !r.owners.others(key, f.Path) {
			c.Files = append(c.Files, f)
		}
	}
	return &c
}

// fileTriggersPostUn runs the %filetriggerpostun triggers of the other installed packages
// that the erased package's removed files set off (priority class high: before %postun), with
// those files on stdin.
func (r *runner) fileTriggersPostUn(ctx context.Context, key string, info *rpm.Info, high bool) {
	r.perPackageTriggers(ctx, rpm.FileTriggerPostUn, key, r.erasedFiles(key, info), high, false)
}

// perPackageTriggers runs the per-package file triggers of one kind and priority class set
// off by the package (key, info): the other live packages' triggers matching its files,
// then (withOwn) its own triggers against every live package's files.
func (r *runner) perPackageTriggers(ctx context.Context, kind rpm.ScriptKind, key string, info *rpm.Info, high, withOwn bool) {
	if r.noFileTriggers() || info == nil {
		return
	}
	inClass := func(t rpm.FileTrigger) bool {
		return t.Kind == kind && (t.Priority > rpm.FileTriggerPriorityBound) == high
	}
	var own, others []triggerRun
	var all []*rpm.Info
	r.live.each(func(k string, li *rpm.Info) {
		all = append(all, li)
		if k == key {
			return
		}
		for _, t := range li.FileTriggers {
			if inClass(t) {
				if m := matching(t, info); len(m) > 0 {
					others = append(others, triggerRun{owner: li, t: t, files: m, stdin: true})
				}
			}
		}
	})
	if withOwn {
		for _, t := range info.FileTriggers {
			if inClass(t) {
				if m := matching(t, all...); len(m) > 0 {
					own = append(own, triggerRun{owner: info, t: t, files: m, stdin: true})
				}
			}
		}
	}
	if len(own)+len(others) > 0 {
		r.runTriggers(ctx, append(own, others...))
	}
}

// transFileTriggersUn runs, after %pretrans and before the first step, the
// %transfiletriggerun triggers set off by the packages the transaction erases (erasing:
// their keys in r.live): the other installed packages' triggers with the matching files
// of the erased packages on stdin, and an erased package's own with the matching files of
// every installed package.
func (r *runner) transFileTriggersUn(ctx context.Context, erasing map[string]bool) {
	if r.noFileTriggers() || len(erasing) == 0 {
		return
	}
	var gone, all []*rpm.Info
	r.live.each(func(k string, li *rpm.Info) {
		all = append(all, li)
		if erasing[k] {
			gone = append(gone, li)
		}
	})
	var runs []triggerRun
	r.live.each(func(k string, li *rpm.Info) {
		for _, t := range li.FileTriggers {
			if t.Kind != rpm.TransFileTriggerUn {
				continue
			}
			from := gone
			if erasing[k] {
				from = all
			}
			if m := matching(t, from...); len(m) > 0 {
				runs = append(runs, triggerRun{owner: li, t: t, files: m, stdin: true})
			}
		}
	})
	r.runTriggers(ctx, runs)
}

// fileTriggersIn runs the %filetriggerin triggers of an install step of the given priority
// class (high: above rpm.FileTriggerPriorityBound, before %post), once its package (key,
// info) is in the database.
func (r *runner) fileTriggersIn(ctx context.Context, key string, info *rpm.Info, high bool) {
	r.perPackageTriggers(ctx, rpm.FileTriggerIn, key, info, high, true)
}

// transFileTriggers runs, after %posttrans, the %transfiletriggerin triggers set off by the
// packages the transaction installed (installed: their keys in r.live) and the
// %transfiletriggerpostun triggers set off by the packages it erased.
func (r *runner) transFileTriggers(ctx context.Context, installed map[string]bool, erased []*rpm.Info) {
	if r.noFileTriggers() {
		return
	}
	var newInfos, all []*rpm.Info
	r.live.each(func(k string, li *rpm.Info) {
		all = append(all, li)
		if installed[k] {
			newInfos = append(newInfos, li)
		}
	})
	var in, postun []triggerRun
	r.live.each(func(k string, li *rpm.Info) {
		for _, t := range li.FileTriggers {
			switch t.Kind {
			case rpm.TransFileTriggerIn:
				from := newInfos
				if installed[k] {
					from = all // the trigger's own package is new: every matching file
				}
				if m := matching(t, from...); len(m) > 0 {
					in = append(in, triggerRun{owner: li, t: t, files: m, stdin: true})
				}
			case rpm.TransFileTriggerPostUn:
				if len(matching(t, erased...)) > 0 {
					postun = append(postun, triggerRun{owner: li, t: t})
				}
			}
		}
	})
	r.runTriggers(ctx, in)
	r.runTriggers(ctx, postun)
}

// liveKey is the key of info among the live packages: the same decoded header, else (a
// step the interrupted run recorded, read back from the database) the new package of the
// same NEVRA; "" when neither.
func (r *runner) liveKey(info *rpm.Info) string {
	key := ""
	r.live.each(func(k string, li *rpm.Info) {
		if li == info {
			key = k
		}
	})
	if key != "" {
		return key
	}
	r.live.each(func(k string, li *rpm.Info) {
		if key == "" && r.transNew[k] && li.NEVRA() == info.NEVRA() {
			key = k
		}
	})
	return key
}

// flushForTriggers commits the open database batch before the per-package file triggers
// of this kind run at this step, so they see the database as rpm's would.
func (r *runner) flushForTriggers(j *journal, kind rpm.ScriptKind, key string, info *rpm.Info) error {
	if r.batch == nil || r.noFileTriggers() || info == nil {
		return nil
	}
	run := false
	r.live.each(func(k string, li *rpm.Info) {
		for _, t := range li.FileTriggers {
			if t.Kind != kind {
				continue
			}
			if k == key || len(matching(t, info)) > 0 {
				run = true
			}
		}
	})
	if !run {
		return nil
	}
	return r.commit(j)
}
