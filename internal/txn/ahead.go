package txn

import (
	"path"
	"slices"

	"github.com/nimbus-linux/nimbus/internal/phases"
	"github.com/nimbus-linux/nimbus/internal/rpm"
	"github.com/nimbus-linux/nimbus/internal/rpm/tag"
	"github.com/nimbus-linux/nimbus/internal/sysusers"
	"github.com/nimbus-linux/nimbus/internal/tmpfiles"
	"github.com/nimbus-linux/nimbus/internal/unpack"
)

// Staging ahead. Writing a package's files is mostly the kernel creating inodes; recording
// it is sqlite's CPU. While one package's rows go into the database (and its step ends),
// goroutines stage the next packages' files (up to maxAhead) under their temporary names
// (unpack.Stage), so the work runs on both CPUs. Nothing of a staged package is in place
// before its own step: the step takes the staged files, calls the per-file crash hooks and
// renames them in, exactly where it would have written them. A kill leaves at most the
// staged packages' temporary files besides the running one's, which their steps, redone by
// the recovery, write again (unpack replaces a stale temporary name); a staged package
// whose step does not come (an error, a cancellation) has its temporary files removed
// (dropAhead).
//
// Only when the order cannot matter (canStageAfter): the next step is an install with no %pre (it would
// run before the files), no sysusers.d files (accounts made before the files), no %config
// file (whose target depends on the files on disk); the current package has no %post, no
// tmpfiles.d files (they run between) and does not ship /etc/passwd or /etc/group (the
// owners the next package's files get); and no %filetriggerin runs at the end of the
// current step (triggersAfter). Otherwise the step stages its files itself, as before.

// stagingAhead, when set (by tests), is called with each package file staged ahead.
var stagingAhead func(file string)

type ahead struct {
	step int
	file string
	done chan struct{}
	st   *unpack.Staged
	p    *rpm.Package
	err  error
}

// triggersInOf collects the %filetriggerin triggers of the installed packages and of the
// transaction's: the only file triggers that run between two install steps (at the end of
// the step whose files they match; %transfiletrigger* run after every step, the erase ones
// at erase steps, which are never staged ahead). nil when triggers do not run.
func (r *runner) triggersInOf(newInfos map[int]*rpm.Info) []rpm.FileTrigger {
	if r.noFileTriggers() {
		return nil
	}
	var out []rpm.FileTrigger
	add := func(info *rpm.Info) {
		for _, t := range info.FileTriggers {
			if t.Kind == rpm.FileTriggerIn {
				out = append(out, t)
			}
		}
	}
	r.live.each(func(_ string, li *rpm.Info) { add(li) })
	for _, info := range newInfos {
		if info != nil {
			add(info)
		}
	}
	return out
}

// triggersAfter reports whether a %filetriggerin may run at the end of cur's step: one of
// cur's own (it runs with every installed package's files) or one matching cur's files.
func (r *runner) triggersAfter(cur *rpm.Info) bool {
	for _, t := range cur.FileTriggers {
		if t.Kind == rpm.FileTriggerIn && !r.noFileTriggers() {
			return true
		}
	}
	for _, t := range r.triggersIn {
		if len(matching(t, cur)) > 0 {
			return true
		}
	}
	return false
}

// maxAhead is how many packages are staged at once ahead of the running step: two, for the
// two CPUs of a small instance (the running step's own work is light: renames and rows).
const maxAhead = 2

// stageAhead starts staging the steps after i, up to maxAhead of them, as far as that
// cannot change what happens.
func (r *runner) stageAhead(j *journal, i int) {
	for k := i + 1; k < len(j.Steps) && k <= i+maxAhead; k++ {
		n := &j.Steps[k]
		if slices.ContainsFunc(r.ahead, func(a *ahead) bool { return a.step == k }) {
			continue
		}
		if len(r.ahead) >= maxAhead || !r.canStageAfter(j, k-1, k, i) {
			return
		}
		next := r.newInfos[k]
		if stagingAhead != nil {
			stagingAhead(n.File)
		}
		skip := notInstalled(next, j.NoDocs)
		a := &ahead{step: k, file: n.File, done: make(chan struct{})}
		r.ahead = append(r.ahead, a)
		go func() {
			defer close(a.done)
			defer phases.Start("txn: unpack files, staged ahead")()
			a.st, a.p, a.err = r.stage(a.file, next, skip)
		}()
	}
}

// canStageAfter reports whether step k's files may be staged before step c (k-1) has
// finished, while step i (whose files are in place) is the running one.
func (r *runner) canStageAfter(j *journal, c, k, i int) bool {
	cur, next, n := r.newInfos[c], r.newInfos[k], &j.Steps[k]
	if cur == nil || next == nil || n.Op != "install" || n.Phase != phasePending || n.Failed != "" || n.File == "" {
		return false
	}
	if c != i && (j.Steps[c].Op != "install" || j.Steps[c].Phase != phasePending) {
		return false
	}
	if !r.opts.NoScripts && (hasScript(cur, rpm.Post) || hasScript(next, rpm.Pre) ||
		len(confFiles(cur, tmpfiles.Dirs)) > 0 || len(confFiles(next, sysusers.Dirs)) > 0) {
		return false
	}
	if r.triggersAfter(cur) || r.classic {
		return false
	}
	for x := range cur.Files {
		if p := path.Clean(cur.Files[x].Path); p == "/etc/passwd" || p == "/etc/group" {
			return false
		}
	}
	for x := range next.Files {
		if f := &next.Files[x]; f.Flags&tag.FileConfig != 0 && f.IsRegular() {
			return false
		}
	}
	if c == i {
		return true
	}
	// Staged while step c's files are not in place yet (c is staged ahead too): c must
	// not change what a path of next's leads to (a symlink of c's, or a directory of c's
	// replacing an installed symlink: next's files would be staged through what is there
	// now), and the two must not share a path (their temporary names would be the same).
	// So c ships no symlink and no path that is next's or one of its parents.
	paths := map[string]bool{}
	for x := range cur.Files {
		if cur.Files[x].IsSymlink() {
			return false
		}
		paths[path.Clean(cur.Files[x].Path)] = true
	}
	for x := range next.Files {
		for p := path.Clean(next.Files[x].Path); p != "/" && p != "."; p = path.Dir(p) {
			if paths[p] {
				return false
			}
		}
	}
	return true
}

// takeAhead returns the files staged ahead for file (the first of the queue), waiting for
// them; nothing when the queue starts with another package (all are then removed).
func (r *runner) takeAhead(file string) (*unpack.Staged, *rpm.Package, error) {
	if len(r.ahead) == 0 {
		return nil, nil, nil
	}
	a := r.ahead[0]
	if a.file != file {
		r.dropAhead()
		return nil, nil, nil
	}
	r.ahead = r.ahead[1:]
	<-a.done
	return a.st, a.p, a.err
}

// dropAhead removes the files of the packages staged ahead whose steps did not take them.
func (r *runner) dropAhead() {
	for _, a := range r.ahead {
		<-a.done
		a.st.Discard()
	}
	r.ahead = nil
}

func hasScript(info *rpm.Info, kind rpm.ScriptKind) bool {
	return slices.ContainsFunc(info.Scripts, func(s rpm.Script) bool { return s.Kind == kind })
}
