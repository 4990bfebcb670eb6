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
// installed earlier in the same transaction. %filetriggerun, %filetriggerpostun and
// %transfiletriggerun are not run (a warning names them).

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

// fileTriggersIn runs the %filetriggerin triggers of an install step of the given priority
// class (high: above rpm.FileTriggerPriorityBound, before %post), once its package (key,
// info) is in the database.
func (r *runner) fileTriggersIn(ctx context.Context, key string, info *rpm.Info, high bool) {
	if r.opts.NoScripts || info == nil {
		return
	}
	inClass := func(t rpm.FileTrigger) bool {
		return t.Kind == rpm.FileTriggerIn && (t.Priority > rpm.FileTriggerPriorityBound) == high
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
	for _, t := range info.FileTriggers {
		if inClass(t) {
			if m := matching(t, all...); len(m) > 0 {
				own = append(own, triggerRun{owner: info, t: t, files: m, stdin: true})
			}
		}
	}
	if len(own)+len(others) == 0 {
		return
	}
	r.runTriggers(ctx, append(own, others...))
}

// transFileTriggers runs, after %posttrans, the %transfiletriggerin triggers set off by the
// packages the transaction installed (installed: their keys in r.live) and the
// %transfiletriggerpostun triggers set off by the packages it erased.
func (r *runner) transFileTriggers(ctx context.Context, installed map[string]bool, erased []*rpm.Info) {
	if r.opts.NoScripts {
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

// warnUnsupportedTriggers names the file triggers of a package that Nimbus does not run.
func (r *runner) warnUnsupportedTriggers(info *rpm.Info) {
	if r.opts.NoScripts || info == nil {
		return
	}
	for _, t := range info.FileTriggers {
		switch t.Kind {
		case rpm.FileTriggerUn, rpm.FileTriggerPostUn, rpm.TransFileTriggerUn:
			r.opts.Warn(fmt.Sprintf("%s: %s file trigger (-- %s) is not run: Nimbus runs %%filetriggerin, %%transfiletriggerin and %%transfiletriggerpostun only",
				info.NEVRA(), t.Kind, strings.Join(t.Prefixes, " ")))
		}
	}
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

// flushForTriggers commits the open database batch before %filetriggerin scriptlets run at
// this install step, so they see the database as rpm's would.
func (r *runner) flushForTriggers(j *journal, key string, info *rpm.Info) error {
	if r.batch == nil || r.opts.NoScripts || info == nil {
		return nil
	}
	run := false
	r.live.each(func(k string, li *rpm.Info) {
		for _, t := range li.FileTriggers {
			if t.Kind != rpm.FileTriggerIn {
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
