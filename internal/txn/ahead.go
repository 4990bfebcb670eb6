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
// it is sqlite's CPU. While one package's rows go into the database (and its step ends), a
// goroutine stages the next package's files under their temporary names (unpack.Stage), so
// the two run on two CPUs. Nothing of the next package is in place before its own step:
// its step takes the staged files, calls the per-file crash hooks and renames them in,
// exactly where it would have written them. A kill leaves at most one more package's
// temporary files, which its step, redone by the recovery, writes again (unpack replaces a
// stale temporary name); a staged package whose step does not come (an error, a
// cancellation) has its temporary files removed (dropAhead).
//
// Only when the order cannot matter: the next step is an install with no %pre (it would
// run before the files), no sysusers.d files (accounts made before the files), no %config
// file (whose target depends on the files on disk); the current package has no %post, no
// tmpfiles.d files (they run between) and does not ship /etc/passwd or /etc/group (the
// owners the next package's files get); and no package of the root or the transaction has
// file triggers. Otherwise the step stages its files itself, as before.

// stagingAhead, when set (by tests), is called with each package file staged ahead.
var stagingAhead func(file string)

type ahead struct {
	file string
	done chan struct{}
	st   *unpack.Staged
	p    *rpm.Package
	err  error
}

// anyFileTriggers reports whether an installed package or one of the transaction's has a
// file trigger that could run.
func (r *runner) anyFileTriggers(newInfos map[int]*rpm.Info) bool {
	if r.noFileTriggers() {
		return false
	}
	found := false
	r.live.each(func(_ string, li *rpm.Info) { found = found || len(li.FileTriggers) > 0 })
	for _, info := range newInfos {
		found = found || (info != nil && len(info.FileTriggers) > 0)
	}
	return found
}

// stageAhead starts staging the step after i when that cannot change what happens.
func (r *runner) stageAhead(j *journal, i int) {
	if r.ahead != nil || i+1 >= len(j.Steps) || r.triggers {
		return
	}
	cur, next, n := r.newInfos[i], r.newInfos[i+1], &j.Steps[i+1]
	if cur == nil || next == nil || n.Op != "install" || n.Phase != phasePending || n.Failed != "" || n.File == "" {
		return
	}
	if !r.opts.NoScripts && (hasScript(cur, rpm.Post) || hasScript(next, rpm.Pre) ||
		len(confFiles(cur, tmpfiles.Dirs)) > 0 || len(confFiles(next, sysusers.Dirs)) > 0) {
		return
	}
	for k := range cur.Files {
		if p := path.Clean(cur.Files[k].Path); p == "/etc/passwd" || p == "/etc/group" {
			return
		}
	}
	for k := range next.Files {
		if f := &next.Files[k]; f.Flags&tag.FileConfig != 0 && f.IsRegular() {
			return
		}
	}
	if stagingAhead != nil {
		stagingAhead(n.File)
	}
	skip := notInstalled(next, j.NoDocs)
	a := &ahead{file: n.File, done: make(chan struct{})}
	r.ahead = a
	go func() {
		defer close(a.done)
		defer phases.Start("txn: unpack files, staged ahead")()
		a.st, a.p, a.err = r.stage(n.File, next, skip)
	}()
}

// takeAhead returns the files staged ahead for file, waiting for them; nothing when the
// package staged ahead is another one (whose files it removes).
func (r *runner) takeAhead(file string) (*unpack.Staged, *rpm.Package, error) {
	a := r.ahead
	if a == nil {
		return nil, nil, nil
	}
	r.ahead = nil
	<-a.done
	if a.file != file {
		a.st.Discard()
		return nil, nil, nil
	}
	return a.st, a.p, a.err
}

// dropAhead removes the files of a package staged ahead whose step did not take them.
func (r *runner) dropAhead() {
	if a := r.ahead; a != nil {
		r.ahead = nil
		<-a.done
		a.st.Discard()
	}
}

func hasScript(info *rpm.Info, kind rpm.ScriptKind) bool {
	return slices.ContainsFunc(info.Scripts, func(s rpm.Script) bool { return s.Kind == kind })
}
